"""Whether every project of a set meets a condition ("did every project last 24 months?"),
said yes or no with the ones that do not: the part of saying a tree ``Sayer`` builds on."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from bot.engine import formatting as fmt
from bot.engine.formatting import join
from bot.engine.frame import Share, When
from bot.engine.grammar import tree as tr
from bot.engine.grammar.calls_said import CallsSaid
from bot.engine.grammar.execute import grouped_by_value
from bot.engine.render.comparisons import ORDERED
from bot.engine.reply import bold

if TYPE_CHECKING:
    from bot.knowledge.schema import ProjectBase

SHOWN = 12  # the projects that do not meet it, named at most
SHOWN_ALIKE = 4  # the projects that share a value, named at most (more are counted)

NAMED_MAX = 6  # the projects a figure of a described set is of, named up to this many


class AllSaid(CallsSaid):
    """The answer to a universal yes/no."""

    def _all(self, root: tr.All) -> str | None:
        condition = root.among
        pool, kept = self.x.projects(condition.among), self.x.projects(condition)
        if not pool or kept is None:
            return None
        base = self.described(condition.among)
        what = self.described(condition._replace(among=tr.Every()))
        if len(kept) == len(pool):
            return self.t("g_all_yes", count=len(pool), base=base, what=what)
        field = str(condition.field)
        missing = [p for p in pool if all(p is not q for q in kept)]
        shown = [
            f"{p.acronym} ({self._figure(p, field, condition.value)})" for p in missing[:SHOWN]
        ]
        more = len(missing) - SHOWN
        names = join(shown) if more <= 0 else self.t("names_more", names=join(shown), count=more)
        key = "g_all_no_one" if len(missing) == 1 else "g_all_no"
        said = self.t(key, count=len(missing), base=base, what=what, names=names)
        return said + self._caveats(missing, [])

    def _alike(self, root: tr.Alike) -> str | None:
        """ "did all the projects have the same duration?": yes with the value, or no with
        each value and the projects that have it."""
        groups = grouped_by_value(self.x, root)
        if groups is None:
            return None
        every = isinstance(root.among, tr.Every)
        base = self.t("g_projects_on_page") if every else self.described(root.among)
        label = self.r.label(root.field)
        by = {p.acronym: p for p in self.x.projects(root.among) or []}

        def value(group: tuple[Any, tuple[str, ...]]) -> str:
            grained = root.grain is not None and isinstance(group[0], When)
            return group[0].text() if grained else self.r.value(by[group[1][0]], root.field)

        if len(groups) == 1:
            said = bold(value(groups[0]))
            if root.grain is not None:  # "did they end in the same year?"
                unit = self.t(f"g_unit_{root.grain}")
                return self.t("g_alike_yes_in", base=base, label=label, unit=unit, value=said)
            return self.t("g_alike_yes", base=base, label=label, value=said)
        values = self._groups_said(groups, value)
        two = len(groups) == 2 and root.grain is None and self.k.fields[root.field].kind in ORDERED
        # "TCE and 5FOREXCELLENCE got the same?": "No: … (€6 apart)."
        gap = self.r.gap(root.field, *(g[0] for g in groups)) if two else ""
        key = "g_alike_no_gap" if two else "g_alike_no"
        text = self.t(key, base=base, label=label, count=len(groups), values=values, gap=gap)
        return text + self._caveats(list(by.values()), [root.field])

    def _groups_said(
        self, groups: tuple[tuple[Any, tuple[str, ...]], ...], value: Callable[..., str]
    ) -> str:
        """Each value and the projects that have it, the most shared first."""
        parts = []
        for group in sorted(groups, key=lambda g: len(g[1]), reverse=True):
            names = list(group[1])
            many = len(names) > SHOWN_ALIKE
            shown = self.t("g_alike_many", count=len(names)) if many else join(names)
            parts.append(self.t("g_alike_group", value=value(group), names=shown))
        return join(parts)

    def _of_which(self, node: Any) -> str:
        """ "the total budget of the 3 projects with the smallest total budget (ECRI, CECIL
        and 5FOREXCELLENCE)": which projects a figure of a described set is of, when few."""
        if isinstance(node, tr.Agg) and node.fn in ("max", "min") and node.field:
            holders = tr.Best(node.among, node.field, node.fn == "max")  # "the largest": whose
            rows = self.x.projects(holders) or []
            return f" ({join([p.acronym for p in rows])})" if 0 < len(rows) <= NAMED_MAX else ""
        if not isinstance(node, tr.Agg) or not isinstance(node.among, tr.Best | tr.Filter):
            return ""
        rows = self.x.projects(node.among) or []
        return f" ({join([p.acronym for p in rows])})" if 0 < len(rows) <= NAMED_MAX else ""

    def values_of(self, field: str, among: Any) -> str:
        """ "how many different start dates?": each one, and the projects that have it."""
        groups = grouped_by_value(self.x, tr.Alike(field, among))
        if not groups:
            return ""
        by = {p.acronym: p for p in self.x.projects(among) or []}
        return self._groups_said(groups, lambda g: self.r.value(by[g[1][0]], field))

    def _rank_of(self, root: tr.RankOf) -> str | None:
        found = self.x.rank_of(root)
        if found is None:
            return None
        _, acronym, place, _of, ties = found
        pool = tr.Every() if root.pool is None else root.pool
        where = fmt.ordinal(place)
        if ties:
            where = self.t("g_joint_one" if ties == 1 else "g_joint", place=where, others=ties)
        one = self.x.projects(root.among)
        value = self.r.value(one[0], root.field) if one else ""
        return self.t(
            "g_rank_of",
            acronym=acronym,
            place=bold(where),
            what=self.described(pool),
            label=self.r.label(root.field),
            value=value,
            direction=self.direction(self.x.kind(root.field), self.x.descending(root)),
        )

    def _figure(self, project: ProjectBase, field: str, value: Any) -> str:
        """A project's figure, a share with the decimals that show it is not the percentage
        it was compared with (74.9999% is not "at least 75%")."""
        share = value.value if isinstance(value, tr.Const) else None
        raw = self.x.ev.value(project, field)
        if isinstance(share, Share) and isinstance(raw, float):
            return fmt.percent_apart(raw, share.points)
        return self.r.value(project, field)
