"""Saying an executed tree: the reading first (what was understood), then the figures.

Every sentence is a template of ``knowledge/answers.yaml``; the words for fields, calls and
conditions come from the knowledge too (``Renderer`` says a condition as a list does).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from bot.engine import formatting as fmt
from bot.engine import thresholds
from bot.engine.formatting import join
from bot.engine.grammar import tree as tr
from bot.engine.grammar.all_said import AllSaid
from bot.engine.grammar.describe import PLAIN_FIGURES
from bot.engine.grammar.execute import LENGTH_UNITS, a_share_of
from bot.engine.render.lists import range_said
from bot.engine.reply import bold
from bot.knowledge import NOT_PUBLISHED

if TYPE_CHECKING:
    from bot.knowledge.schema import ProjectBase


ADDED = ("money", "difference")  # figures whose sum over several projects means something


def _counted(what: str) -> str:
    """What follows a count: "6 of the projects of the 1st call", "2 projects with ..."."""
    return f"of {what}" if what.startswith("the ") else what


def _flagged(node: Any, rows: list[ProjectBase]) -> list[str]:
    """The fields whose inconsistencies a set asked about ("which projects have inconsistent
    figures"): their caveats are said with the answer."""
    fields: list[str] = []
    for n in tr.nodes(node):
        if isinstance(n, tr.Flagged):
            fields += list(n.fields) or [f for p in rows for c in p.caveats for f in c.fields]
    return fields


# a multiple from which a check says how many times the figure is ("at least twice")
TIMES_FROM = 1.5


def _field_of(node: Any) -> str | None:
    return getattr(node, "field", None)


class Sayer(AllSaid):
    """An executed tree said: the reading restated first, then the figures."""

    # -- answers --------------------------------------------------------------------------------
    def answer(self, root: Any) -> str | None:
        """The answer to ``root``, or ``None`` when it cannot be executed."""
        sayers: dict[type, Callable[[Any], str | None]] = {
            tr.Say: self._say,
            tr.Show: self._show,
            tr.CountOf: self._count,
            tr.Sorted: self._sorted,
            tr.PerCall: self._per_call,
            tr.BestCall: self._best_call,
            tr.CallsWith: self._calls_with,
            tr.Several: self._several,
            tr.Check: self._check,
            tr.Which: self._which,
            tr.Exists: self._exists,
            tr.All: self._all,
            tr.Alike: self._alike,
            tr.RankOf: self._rank_of,
            tr.CountField: self._count_field,
            tr.IsBest: lambda root: _is_best(self, root),
            tr.HasCount: lambda root: _has_count(self, root),
        }
        text = sayers[type(root)](root)
        return None if text is None else fmt.sentence_case(text.replace("  ", " "))

    def _say(self, root: tr.Say) -> str | None:
        node = _as_its_field(self, root.value)
        if isinstance(node, tr.Of):
            return self._field_of(node)
        figure = self.x.figure(node)
        if figure is None:
            return None
        field = node.field if isinstance(node, tr.Agg) else None
        value = bold(self.figure_text(figure, field))
        if isinstance(node, tr.Calc):
            divided = node.op == "ratio" and isinstance(node.right, tr.Const)  # "divided by 12"
            key = "g_say_divided" if divided else f"g_say_{node.op}"
            if node.op == "within" and figure.value == 0:  # "active in 2019?": it was not
                key = "g_say_within_none"
            if node.op == "rate":  # "€6,686.54 a month over its 24 months"
                return self._rate(node, value)
            negative = isinstance(figure.value, int | float) and figure.value < 0
            if node.op == "relative" or (node.op in ("difference", "gap") and negative):
                key += "_less" if negative else "_more"  # "8.0% more than", never "-8.0% more"
                value = bold(self.figure_text(figure._replace(value=abs(figure.value)), field))
            parts = (
                self.operand_words(node.left, node.right, node.op),
                self.operand_words(node.right, node.left, node.op),
            )
            if node.op == "length":  # "730 days": a unit said once
                parts = (parts[0], "" if figure.kind in LENGTH_UNITS else f" {parts[1]}")
            run = _run(self, node) if key == "g_say_within_none" else ""
            said = self.t(key, left=parts[0], right=parts[1], value=value, run=run)
            said += _other_way(self, figure, field, parts) if key == "g_say_ratio" else ""
            return said + self._notes(node)
        what = fmt.sentence_case(self.value_name(node))
        return self.t("g_say", what=what + self._of_which(node), value=value) + self._notes(node)

    def _rate(self, node: tr.Calc, value: str) -> str:
        unit = node.right.value
        run = next(iter(self.k.fields_of_kind("span")), "")
        rows = self.x.projects(node.left.among) or []
        length = self.r.value(rows[0], run) if rows and run else ""
        return self.t(
            "g_say_rate",
            left=self.value_words(node.left),
            value=value,
            unit=self.t(f"g_per_{unit}"),
            length=length,
        ) + self._notes(node)

    def _field_of(self, node: tr.Of) -> str | None:
        rows = self.x.projects(node.among)
        if not rows or node.field is None:
            return None
        said = [self._one_field(p, node.field) for p in rows]
        if isinstance(node.among, tr.Named):
            return " ".join(said) + self._caveats(rows, [node.field])
        head = _described_head(self, node.among, rows)
        return f"{head} {' '.join(said)}{self._together(rows, node.field)}" + self._caveats(
            rows, [node.field]
        )

    def _one_field(self, project: ProjectBase, field: str) -> str:
        """ "ECRI stands for ...", or that the page does not give it ("no full name")."""
        spec = self.k.fields[field]
        missing = self.x.ev.value(project, field) == NOT_PUBLISHED and spec.unpublished
        template = spec.unpublished if missing else spec.answer
        return fmt.fill(str(template), self.k, project, value=bold(self.r.value(project, field)))

    def _together(self, rows: list[ProjectBase], field: str) -> str:
        """ "the EU money of the projects that ended in 2017": each, and their total too."""
        values = [self.x.ev.value(p, field) for p in rows]
        if len(rows) < 2 or self.x.kind(field) not in ADDED or NOT_PUBLISHED in values:
            return ""
        return " " + self.t("g_together", value=bold(self.r.shown(field, sum(values))))

    def _show(self, root: tr.Show) -> str | None:
        rows = self.x.projects(root.among)
        if rows is None:
            return None
        what = self.described(root.among)
        if not rows:
            return self.t("g_none", what=what) + _last_ended(self, root.among)
        what = _without_names(self, root.among) or what  # (rows left out: not named again)
        field = self._telling_field(root.among)
        best = root.among
        if isinstance(best, tr.Best) and best.limit == 1 and len(rows) == 1:
            return self._best_one(best, rows[0])
        tied = isinstance(root.among, tr.Best) and len(rows) > root.among.limit
        head = "g_list_tied" if tied else "g_list"  # "2 projects tie as the project with ..."
        lines = [fmt.sentence_case(self.t(head, what=what, count=len(rows)))]
        lines += [self._row(p, field) for p in rows]
        fields = [field] if field else []
        return "\n".join(lines) + self._caveats(rows, fields + _flagged(root.among, rows))

    def _best_one(self, best: tr.Best, project: ProjectBase) -> str:
        """ "TRACE-KEI has the largest EU contribution of ..., leaving out X: €213,738." """
        text = self.t(
            "rank_one",
            acronym=bold(project.acronym),
            rank=f"{fmt.ordinal(best.offset + 1)} " if best.offset else "",
            extreme=self.direction(self.x.kind(best.field), best.descending),
            label=self.r.label(best.field),
            scope=self.described(best.among),
            value=bold(self.r.value(project, best.field)),
        )
        return text + self._caveats([project], [best.field])

    def _row(self, project: ProjectBase, field: str | None) -> str:
        return self.r.row_line(project, field)

    def _telling_field(self, node: Any) -> str | None:
        """The field a described set was described by: the one its rows should show."""
        for n in tr.nodes(node):
            if isinstance(n, tr.Filter | tr.Best):
                return str(n.field)
        return None

    def _count(self, root: tr.CountOf) -> str | None:
        rows = self.x.projects(root.among)
        if rows is None:
            return None
        what = _counted(self.described(root.among))
        head = self.t("g_count", count=bold(f"{len(rows):,}"), what=what)
        names = f" {join([p.acronym for p in rows])}." if 0 < len(rows) <= 12 else ""
        return head + names

    def _sorted(self, root: tr.Sorted) -> str | None:
        kind = self.x.kind(root.field)
        # "by start date": dates first to last; figures largest first
        descending = kind != "date" if root.descending is None else root.descending
        rows = self.x.projects(root.among)
        if not rows or self.x.projects(tr.Best(root.among, root.field, descending)) is None:
            return None
        values = [(self.x.ev.value(p, root.field), p) for p in rows]
        values.sort(key=lambda vp: vp[0], reverse=descending)
        word = self.direction(kind, descending)
        head = self.t(
            "g_sorted",
            what=fmt.sentence_case(self.described(root.among)),
            label=self.r.label(root.field),
            direction=word,
        )
        lines = [head] + [
            f"{i}. {p.acronym}: {self.r.value(p, root.field)}" for i, (_, p) in enumerate(values, 1)
        ]
        return "\n".join(lines) + self._ties(values, root.field)

    def _ties(self, values: list[tuple[Any, ProjectBase]], field: str) -> str:
        groups: dict[Any, list[str]] = {}
        for v, p in values:
            groups.setdefault(v, []).append(p.acronym)
        tied = [names for names in groups.values() if len(names) > 1]
        if not tied:
            return ""
        said = "; ".join(join(names) for names in tied)
        return "\n" + self.t("g_ties", label=self.r.label(field), names=said)

    def _check(self, root: tr.Check) -> str | None:
        left, right = self.x.figure(root.left), self.x.figure(root.right)
        if left is None or right is None:
            return None
        a, b = left.value, right.value
        held = a > b if root.op == "gt" else a < b
        timed = left.kind in ("date", "span")  # "later", "longer"; else "more", "less"
        word = self.comparative(left.kind, a > b) if timed else "more" if a > b else "less"
        field = _field_of(root.left)
        if field is not None and field in self.k.fields and left.kind == right.kind:
            gap = self.r.gap(field, a, b)  # percentage points, days, euros
        else:
            gap = self.figure_text(left._replace(value=abs(a - b)), field)
        same = isinstance(root.left, tr.Of) and root.left.among == getattr(root.right, "among", 0)
        key = "g_check_same" if a == b else "g_check_yes" if held else "g_check_no"
        if held and root.degree and isinstance(a, int | float) and a != b:  # "much bigger?"
            large = abs(a - b) >= thresholds.LARGE_GAP * max(abs(a), abs(b))
            key = f"g_check_{root.degree}_{'yes' if large == (root.degree == 'large') else 'no'}"
            share = fmt.percent(abs(a - b) / max(abs(a), abs(b)))
            gap += f" ({share})" if share != fmt.percent(0) else ""
        return (
            self.t(
                key,
                left=self.weighed(root.left),
                right=self.weighed(root.right, root.left, its=same),
                word=word,
                gap=bold(gap),
            )
            + _relative(self, root, a)
            + self._notes(root)
        )

    def _which(self, root: tr.Which) -> str | None:
        left, right = self.x.figure(root.left), self.x.figure(root.right)
        if left is None or right is None:
            return None
        a, b = left.value, right.value
        words = {"left": self.weighed(root.left), "right": self.weighed(root.right)}
        if a == b:
            return self.t("g_which_same", **words) + self._notes(root)
        winner = root.left if (a > b) == root.descending else root.right
        field = _field_of(root.left)
        if field is not None and field in self.k.fields:  # days between dates, euros ...
            gap = self.r.gap(field, a, b)
        else:
            gap = self.figure_text(left._replace(value=abs(a - b)))
        return self.t(
            "g_which",
            direction=self.comparative(left.kind, root.descending),
            winner=self.value_name(winner),
            gap=bold(gap),
            **words,
        ) + self._notes(root)

    def _exists(self, root: tr.Exists) -> str | None:
        rows = self.x.projects(root.among)
        if rows is None:
            return None
        if isinstance(root.among, tr.Filter) and isinstance(root.among.among, tr.Named):
            return self._holds(root.among, rows)
        what = self.described(root.among)
        if not rows:
            return self.t("g_exists_no", what=what) + _instead(self, root.among)
        field = self._telling_field(root.among)
        shown = [
            f"{p.acronym} ({self.r.value(p, field)})" if field else p.acronym for p in rows[:12]
        ]
        names = join(shown)
        more = len(rows) - 12
        names = self.t("names_more", names=names, count=more) if more > 0 else names
        said = self.t("g_exists_yes", count=len(rows), what=what, names=names)
        return said + self._caveats(rows, _flagged(root.among, rows))

    def _holds(self, among: tr.Filter, kept: list[ProjectBase]) -> str | None:
        """ "was 5FOREXCELLENCE still going when INNO-DROP began?": yes or no, with the
        named project's own figure beside what it was asked to meet."""
        named = self.x.projects(among.among)
        if not named or len(named) != 1:
            return None
        project = named[0]
        what = self.described(among._replace(among=tr.Every()))
        figure = self.r.detail(project, among.field)
        if isinstance(among.value, tr.Own):  # "more EU money than its own budget": both
            own = among.value.field
            figure += f"; {self.r.label(own)} {self.r.value(project, own)}"
        key = "g_holds_yes" if kept else "g_holds_no"
        return self.t(key, acronym=project.acronym, figure=figure, what=what) + self._caveats(
            named, [among.field]
        )

    def _count_field(self, root: tr.CountField) -> str | None:
        found = self.x.found(root)
        if found is None:
            return None
        label = self.r.label(root.field)
        every = isinstance(root.among, tr.Every)
        what = self.t("g_projects_on_page") if every else self.described(root.among)
        if found[0] == "unpublished":
            return self.t("g_count_unpublished", label=label, what=what)
        values = self.values_of(root.field, root.among)
        return self.t(
            "g_count_values", count=bold(str(found[1])), label=label, what=what, values=values
        )

    def _several(self, root: tr.Several) -> str | None:
        said = [self.answer(part) for part in root.parts]
        return None if None in said else _once([str(s) for s in said])


def _once(parts: list[str]) -> str:
    """The parts' answers, one after another; a note they share (a caveat on the same
    project) is said once, after them all."""
    lines = [line for part in parts for line in part.split("\n")]
    return "\n".join(line for i, line in enumerate(lines) if line not in lines[i + 1 :])


def _other_way(said: Sayer, figure: Any, field: str | None, parts: tuple[str, str]) -> str:
    """ "0.52 times": a ratio below 1 ("how many times X is Y", said either way round) said
    the other way too ("1.92 times")."""
    if not 0 < figure.value < 1:
        return ""
    other = bold(said.figure_text(figure._replace(value=1 / figure.value), field))
    return " " + said.t("g_say_ratio_inverse", left=parts[1], right=parts[0], value=other)


def _run(said: Sayer, node: tr.Calc) -> str:
    """ "active in 2019?": when the project did run ("3 February 2020 to 2 February 2022")."""
    rows = said.x.projects(node.left.among) or []
    field = said.k.fields.get(node.left.field or "")
    if not rows or field is None:
        return ""
    return said.t(
        "g_run", start=said.r.value(rows[0], field.of[0]), end=said.r.value(rows[0], field.of[-1])
    )


def _relative(said: Sayer, root: tr.Check, value: float) -> str:
    """ "Is COSMENERG's budget more than 10% above CLUSGRID's?": how far above it is."""
    times = root.right
    if not (isinstance(times, tr.Calc) and times.op == "times"):
        return ""
    base = said.x.figure(times.left)
    if base is None or not isinstance(base.value, int | float) or not base.value:
        return ""
    names = {"left": said.value_name(root.left), "right": said.value_name(times.left)}
    factor = times.right.value if isinstance(times.right, tr.Const) else 1
    if isinstance(factor, int | float) and factor < 1:  # "more than half of": its share
        return " " + fmt.sentence_case(
            said.t("g_check_share", share=fmt.percent(value / base.value), **names)
        )
    if isinstance(factor, int | float) and factor >= TIMES_FROM:  # "twice": how many times
        ratio = PLAIN_FIGURES["times"](value / base.value)
        return " " + fmt.sentence_case(said.t("g_check_times", times=ratio, **names))
    share = (value - base.value) / base.value  # "10% above": how far above
    key = "g_check_relative_more" if share > 0 else "g_check_relative_less"
    return " " + fmt.sentence_case(said.t(key, share=fmt.percent(abs(share)), **names))


def _described_head(said: Sayer, among: Any, rows: list[ProjectBase]) -> str:
    """ "The project with the latest start date: X.", or the projects tying for it."""
    names, what = join([p.acronym for p in rows]), said.described(among)
    if isinstance(among, tr.Best) and among.limit == 1 and len(rows) > 1:
        value = said.r.value(rows[0], among.field)  # what they tie at: "(1 January 2016)"
        return f"{said.t('g_list_tied_at', count=len(rows), what=what, value=value)} {names}."
    return said.t("g_described", what=fmt.sentence_case(what), names=names)


def _as_its_field(said: Sayer, node: Any) -> Any:
    """ "what % of its budget did the EU cover": the field that is that share (co-financing)."""
    itself = isinstance(node, tr.Calc) and node.op == "share" and a_share_of(said.k, node)
    return node.left if itself else node


def _has_count(said: Sayer, root: tr.HasCount) -> str | None:
    """ "did the first call have three projects?": yes or no, with how many and which."""
    rows = said.x.projects(root.among)
    if rows is None:
        return None
    key = "g_has_count_yes" if len(rows) == root.claimed else "g_has_count_no"
    names = join([p.acronym for p in rows[: thresholds.NAMES_SHOWN]])
    what = said.described(root.among)
    return said.t(key, what=what, count=len(rows), claimed=root.claimed, names=names)


def _is_best(said: Sayer, root: tr.IsBest) -> str | None:
    """ "did ECRI get the most EU money?": yes or no, with who is and the named one's figure."""
    one, top = said.x.projects(root.among), said.x.projects(root.best)
    if not one or len(one) != 1 or not top:
        return None
    field, project = root.best.field, one[0]
    slots = {
        "project": project.acronym,
        "what": said.described(root.best),
        "value": bold(said.r.value(top[0], field)),
        "own": bold(said.r.value(project, field)),
        "label": said.r.label(field),
        "winners": join([p.acronym for p in top]),
    }
    if project in top:
        others = [p.acronym for p in top if p is not project]
        key = "g_is_best_tied" if others else "g_is_best_yes"
        return said.t(key, others=join(others), **slots) + said._caveats(one, [field])
    key = "g_is_best_no_tied" if len(top) > 1 else "g_is_best_no"
    return said.t(key, count=len(top), **slots) + said._caveats([*top, project], [field])


def _last_ended(said: Sayer, among: Any) -> str:
    """ "is anything from the second call still running?": no, and the last of them to
    end before that day."""
    if not (isinstance(among, tr.Filter) and among.op == "during"):
        return ""
    day, pool = said.x.figure(among.value), said.x.projects(among.among)
    if said.x.kind(among.field) != "span" or day is None or not pool:
        return ""
    if not isinstance(day.value, dt.date):
        return ""  # a period ("in 2019"): no one day to have ended before
    runs = [(said.x.ev.value(p, among.field, as_interval=True), p) for p in pool]
    ended = [(run[1], p) for run, p in runs if isinstance(run, tuple) and run[1] < day.value]
    if not ended:
        return ""
    end = max(e for e, _ in ended)
    last = [p.acronym for e, p in ended if e == end]  # five may end on one day
    return " " + said.t("g_last_ended", names=join(last), date=fmt.date(end))


def _instead(said: Sayer, among: Any) -> str:
    """ "No: ... (and what the projects tested have instead)": the last of them to end before
    a day, or the range of the figure a constant tested."""
    ended = _last_ended(said, among)
    if ended or not isinstance(among, tr.Filter) or not isinstance(among.value, tr.Const):
        return ended
    tested = said.x.projects(among.among) or []
    text = range_said(said.r, tested, among.field)
    return f" {text}" if text else ""


def _without_names(said: Sayer, among: Any) -> str:
    """ "the projects of the 1st call, without the 2 you left out": a list's heading over
    named rows left out (a list that names them reads as if they were kept)."""
    if not isinstance(among, tr.Without) or not isinstance(among.dropped, tr.Named):
        return ""
    return f"{said.described(among.kept)}, {said.r.left_out(len(among.dropped.acronyms))}"
