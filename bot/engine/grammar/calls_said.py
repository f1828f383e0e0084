"""The answers about calls ("the total per call", "which call got more, and by how much")
and the caveats every answer carries: the part of saying a tree that ``Sayer`` builds on."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.engine import formatting as fmt
from bot.engine.formatting import join
from bot.engine.grammar import tree as tr
from bot.engine.grammar.describe import Describer
from bot.engine.reply import bold

if TYPE_CHECKING:
    from bot.knowledge.schema import ProjectBase

NAMED_COUNT = 6  # a count per call names the projects it counted up to this many


class CallsSaid(Describer):
    """Per-call answers, and the notes on the page's inconsistent figures."""

    def _per_call(self, root: tr.PerCall) -> str | None:
        found = self.x.per_call(root)
        if not found:
            return None
        if root.field is None:
            head = self.t("g_count_per_call", what=self.described(root.among))
        else:
            agg = self._aggregate_word(root.fn, root.field)
            if root.offset:  # "the 2nd largest"
                agg = f"{fmt.ordinal(root.offset + 1)} {agg}"
            head = self.t(
                "g_per_call_top" if root.limit > 1 else "g_per_call",
                count=root.limit,
                aggregate=agg,
                label=self.r.label(root.field),
                what=self.described(root.among),
            )
        lines = [fmt.sentence_case(head)]
        for number, figure in found:
            call = fmt.call_name(self.k.calls_by_number[number])
            shown = bold(self.figure_text(figure, root.field))
            if root.fn in ("max", "min") and root.field:
                shown = self._places(root, number, shown)
            elif root.field is None and not isinstance(root.among, tr.Every):
                shown = self._counted(root, number, shown)
            lines.append(f"• {fmt.sentence_case(call)}: {shown}")
        if isinstance(root.among, tr.Every):  # "per call": a call the page lists none for too
            for unlisted in self.k.calls:
                if not self.k.projects_in(unlisted):
                    name = fmt.sentence_case(fmt.call_name(unlisted))
                    lines.append(self.t("g_per_call_unlisted", call=name))
        return "\n".join(lines)

    def _counted(self, root: tr.PerCall, number: int, shown: str) -> str:
        """ "2 (MATERIALIX and CECIL)": the projects a count per call counted, when few."""
        rows = self.x.projects(tr.Both(root.among, tr.InCall(number))) or []
        if not rows or len(rows) > NAMED_COUNT:
            return shown
        return f"{shown} ({join([p.acronym for p in rows])})"

    def _places(self, root: tr.PerCall, number: int, shown: str) -> str:
        """ "MATERIALIX, €308,894", or of several places each with its figure."""
        among = tr.Both(root.among, tr.InCall(number))
        best = tr.Best(among, root.field or "", root.fn == "max", root.offset, root.limit)
        rows = self.x.projects(best) or []
        if root.limit == 1 and not root.offset:
            return f"{join([p.acronym for p in rows])}, {shown}"
        return "; ".join(f"{p.acronym}, {bold(self.r.value(p, root.field or ''))}" for p in rows)

    def _best_call(self, root: tr.BestCall) -> str | None:
        found = self.x.per_call(tr.PerCall(root.fn, root.field, root.among))
        if not found or len(found) < 2:
            return None
        values = sorted(found, key=lambda nf: nf[1].value, reverse=root.descending)
        top = [n for n, f in values if f.value == values[0][1].value]
        calls = [fmt.call_name(self.k.calls_by_number[n]) for n in top]
        if root.field is None and not isinstance(root.among, tr.Every):
            key = "g_most_described" if root.descending else "g_fewest_described"
            measure = self.t(key, what=self.described(root.among))
        elif root.field is None:
            measure = self.t("g_most_projects" if root.descending else "g_fewest_projects")
        else:
            measure = self.t(
                "g_best_call_measure",
                direction=(self.comparative if len(found) == 2 else self.direction)(
                    "money", root.descending
                ),
                aggregate=self._aggregate_word(root.fn, root.field),
                label=self.r.label(root.field),
            )
        others = "; ".join(
            f"{fmt.call_name(self.k.calls_by_number[n])}: {self.figure_text(f, root.field)}"
            for n, f in values
        )
        if len(top) > 1:
            return self.t(
                "g_best_call_tie",
                calls=fmt.sentence_case(join(calls)),
                measure=measure,
                values=others,
            )
        (_, first), (second, runner) = values[0], values[1]  # "and by how much?": the margin
        gap = self.figure_text(first._replace(value=abs(first.value - runner.value)), root.field)
        return self.t(
            "g_best_call",
            calls=fmt.sentence_case(join(calls)),
            measure=measure,
            values=others,
            gap=bold(gap),
            next=fmt.call_name(self.k.calls_by_number[second]),
            than=self.t("g_more" if root.descending else "g_less"),
        ) + (self._notes(tr.Agg(root.fn, root.field, tr.Every())) if root.field else "")

    # -- notes ------------------------------------------------------------------------------------
    def _notes(self, node: Any) -> str:
        projects: list[ProjectBase] = []
        fields: list[str] = []
        for part in tr.nodes(node):
            n = part
            if isinstance(n, tr.Agg) and n.fn in ("max", "min"):  # only the extreme's figure
                n = tr.Of(n.field, tr.Best(n.among, n.field, n.fn == "max"))
            if isinstance(n, tr.Of | tr.Agg) and n.field:
                projects += self.x.projects(n.among) or []
                fields.append(n.field)
        return self._caveats(projects, fields)

    def _caveats(self, projects: list[ProjectBase], fields: list[str]) -> str:
        seen: list[ProjectBase] = []
        for p in projects:
            if all(p is not s for s in seen):
                seen.append(p)
        lines = self.r.caveat_lines(seen, fields)
        return "".join(f"\n{line}" for line in lines)
