"""The answers about calls ("the total per call", "which call got more, and by how much")
and the caveats every answer carries: the part of saying a tree that ``Sayer`` builds on."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.engine import formatting as fmt
from bot.engine.formatting import join
from bot.engine.grammar import tree as tr
from bot.engine.grammar.describe import Describer
from bot.engine.grammar.execute import calls_with
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

    def _calls_with(self, root: tr.CallsWith) -> str | None:
        """ "which calls had more than 5 projects?": the calls that pass, then every call's
        figure (and the calls the page lists no projects for)."""
        found = calls_with(self.x, root)
        fn = "count" if root.fn == "every" else root.fn
        figures = self.x.per_call(tr.PerCall(fn, root.field, root.among))
        target = self.x.figure(root.value)
        if found is None or figures is None or target is None:
            return None
        kept, tested = found
        calls = join([fmt.call_name(self.k.calls_by_number[n]) for n in kept])
        key = {"any": "g_calls_with_yes", "count": "g_calls_with_count"}.get(root.asked, "")
        if not kept:
            key = "g_calls_with_no" if root.asked == "any" else "g_calls_with_none"
        test = self._call_test(root, target.value)
        lines = [self.t(key or "g_calls_with", test=test, calls=calls, count=len(kept))]
        listed = dict(self.x.per_call(tr.PerCall("count", None, tr.Every())) or [])
        for number, figure in figures:
            name = fmt.sentence_case(fmt.call_name(self.k.calls_by_number[number]))
            shown = bold(self.figure_text(figure, root.field))
            if root.fn == "every":  # "4 of 6"
                shown = self.t("g_calls_every_line", passing=shown, listed=listed[number].value)
            if root.field is None and not isinstance(root.among, tr.Every):
                shown = self._counted(tr.PerCall("count", None, root.among), number, shown)
            lines.append(f"• {name}: {shown}")
        for unlisted in self.k.calls:
            if not self.k.projects_in(unlisted) and unlisted.number not in tested:
                name = fmt.sentence_case(fmt.call_name(unlisted))
                lines.append(self.t("g_per_call_unlisted", call=name))
        notes = self._notes(tr.Agg(root.fn, root.field, root.among)) if root.field else ""
        return "\n".join(lines) + notes

    def _call_test(self, root: tr.CallsWith, value: Any) -> str:
        """ "with more than 5 projects", "whose total EU contribution was above €1,400,000"."""
        if root.fn == "every":
            return self.t("g_calls_test_every", what=self.described(root.among))
        if root.field is None:
            key = f"g_calls_test_count_{root.op}"
            one = f"{key}_one" if value == 1 and f"{key}_one" in self.r.templates else key
            return self.t(one, count=value, what=self._base(root.among))
        return self.t(
            "g_calls_test_figure",
            aggregate=self._aggregate_word(root.fn, root.field),
            label=self.r.label(root.field),
            op=self.t(f"g_calls_op_{root.op}"),
            value=self.r.shown(root.field, value),
        )

    def _best_call(self, root: tr.BestCall) -> str | None:
        found = self.x.per_call(tr.PerCall(root.fn, root.field, root.among))
        if not found or len(found) < 2:
            return None
        values = sorted(found, key=lambda nf: nf[1].value, reverse=root.descending)
        top = [n for n, f in values if f.value == values[0][1].value]
        calls = [fmt.call_name(self.k.calls_by_number[n]) for n in top]
        measure = self.call_measure(root, len(found))
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
