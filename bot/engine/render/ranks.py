"""Rankings said: the one project at a place ("the 2nd largest"), the closest to a figure,
a ranked list, and projects that tie named together."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.engine import formatting as fmt
from bot.engine import thresholds
from bot.engine.evaluate import Result
from bot.engine.render.pages import Pages
from bot.engine.render.wording import EXTREMES, Renderer
from bot.engine.reply import bold

if TYPE_CHECKING:
    from bot.knowledge.schema import ProjectBase


class RankAnswers:
    """Rankings, with ties named."""

    def __init__(self, renderer: Renderer, pages: Pages) -> None:
        self.r = renderer
        self.k = renderer.k
        self.ev = renderer.ev
        self.pages = pages

    def rank_answer(self, result: Result) -> str:
        text = self.ranked(result)
        other = result.alternative
        if other is None or other.query.order is None:
            return text
        name = other.query.order.field
        values = [f"{bold(p.acronym)} ({self.r.value(p, name)})" for p in other.rows]
        label = self.k.fields[name].label
        return text + "\n" + self.r.t("rank_alternative", label=label, names=fmt.join(values))

    def _closest(self, result: Result, name: str) -> str:
        """The project nearest an amount, or those an amount said roughly means ("about
        249k": 5FOREXCELLENCE and TCE)."""
        order, label = result.query.order, self.k.fields[name].label
        assert order is not None
        target = self.r.target_one(name, order.closest)
        if len(result.rows) > 1:
            shown = [f"{bold(p.acronym)} ({self.r.value(p, name)})" for p in result.rows]
            return self.r.t(
                "rank_closest_several", label=label, target=target, names=fmt.join(shown)
            ) + self.notes(result.rows, name)
        p = result.rows[0]
        return self.r.t(
            "rank_closest",
            acronym=bold(p.acronym),
            label=label,
            target=target,
            scope=self.r.scope_text(result.query, len(result.pool)),
            value=bold(self.r.value(p, name)),
        ) + self.notes(result.rows[:1], name)

    def ranked(self, result: Result) -> str:
        query = result.query
        order = query.order
        assert order is not None
        name = order.field
        f = self.k.fields[name]
        scope = self.r.scope_text(query, len(result.pool))
        if not result.rows:
            return self.r.t("list_none", description=self.r.description(query))
        if order.closest is not None:
            return self._closest(result, name)
        high, low = EXTREMES.get(f.kind, ("largest", "smallest"))
        if order.limit == 1:
            p = result.rows[0]
            tied = self.tied(result, p, name)
            if tied is not None:
                return tied
            rank = f"{fmt.ordinal(order.offset + 1)} " if order.offset else ""
            text = self.r.t(
                "rank_one",
                acronym=bold(p.acronym),
                rank=rank,
                extreme=high if order.descending else low,
                label=f.label,
                scope=scope,
                value=bold(self.r.value(p, name)),
            )
            return text + self.notes(result.rows[:1], name)
        lines = [self.heading(result, scope, high if order.descending else low)]
        shown, note = self.pages.page(query, result.rows)
        if not shown:
            return note  # "more" after the last page
        start = order.offset + 1 + query.page * thresholds.PAGE_SIZE * bool(note)
        marks = self.tied_rows(result.pool, name)
        lines += [
            f"{i}. {bold(p.acronym)}: {self.r.value(p, name)}{marks.get(p.acronym, '')}"
            for i, p in enumerate(shown, start)
        ]
        lines += self.r.caveat_lines(shown, [name])
        return "\n".join([*lines, note] if note else lines)

    def tied_rows(self, pool: list[ProjectBase], name: str) -> dict[str, str]:
        """ " (tied with 4 others)" for each project of a ranking that shares its figure with
        others (their order among themselves is the page's)."""
        groups: dict[Any, list[str]] = {}
        for p in pool:
            groups.setdefault(self.ev.value(p, name), []).append(p.acronym)
        return {
            a: " "
            + self.r.t(
                "rank_row_tied_one" if len(names) == 2 else "rank_row_tied", others=len(names) - 1
            )
            for names in groups.values()
            if len(names) > 1
            for a in names
        }

    def heading(self, result: Result, scope: str, extreme: str) -> str:
        """ "The 12 projects by duration, longest first:", or for the first few "Of the 12
        projects, the 3 with the longest duration:", saying when a tie at the cut made more."""
        order = result.query.order
        assert order is not None
        label = self.k.fields[order.field].label
        if order.offset or order.limit is None or order.limit >= len(result.pool):
            scope = fmt.sentence_case(scope)
            return self.r.t("rank_many", Scope=scope, label=label, direction=f"{extreme} first")
        text = self.r.t("rank_top", scope=scope, count=order.limit, extreme=extreme, label=label)
        if len(result.rows) <= order.limit:
            return text
        last = result.rows[-1]
        value = self.ev.value(last, order.field)
        tied = sum(self.ev.value(p, order.field) == value for p in result.pool)
        value = self.r.value(last, order.field)
        return f"{text} {self.r.t('rank_top_tied', tied=tied, value=value, shown=len(result.rows))}"

    def tied(self, result: Result, project: ProjectBase, name: str) -> str | None:
        """ "which project started first?": when others share the figure, all of them, at
        the place their group starts (there is no "2nd earliest" among six equal dates)."""
        query, ranked = result.query, result.pool
        assert query.order is not None
        value = self.ev.value(project, name)
        group = self.equal_around(ranked, project, name, value)
        if len(group) < 2:
            return None
        f = self.k.fields[name]
        high, low = EXTREMES.get(f.kind, ("largest", "smallest"))
        return self.r.t(
            "rank_tied",
            count=len(group),
            rank=f"{fmt.ordinal(group[0] + 1)} " if group[0] else "",
            extreme=high if query.order.descending else low,
            label=f.label,
            scope=self.r.scope_text(query, len(ranked)),
            value=bold(self.r.value(project, name)),
            names=fmt.join([ranked[i].acronym for i in group]),
        ) + self.notes([ranked[i] for i in group], name)

    def equal_around(
        self, ranked: list[ProjectBase], project: ProjectBase, name: str, value: Any
    ) -> list[int]:
        """The places of the projects sharing ``project``'s value: next to it, as the list is
        ranked by that value (thousands of projects: only its neighbours are read)."""
        at = next((i for i, p in enumerate(ranked) if p is project), None)
        if at is None:
            return []
        low, high = at, at
        while low > 0 and self.ev.value(ranked[low - 1], name) == value:
            low -= 1
        while high + 1 < len(ranked) and self.ev.value(ranked[high + 1], name) == value:
            high += 1
        return list(range(low, high + 1))

    def notes(self, projects: list[ProjectBase], name: str) -> str:
        return "".join(
            f" Note on {p.acronym}: {c}" for p in projects for c in self.r.caveats(p, [name])
        )
