"""A set narrowed by a condition: each project's field compared with a constant, with
another project's value, with another field of its own, or with another project's run."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from bot.engine.evaluate import overlap_days
from bot.engine.frame import Share, When
from bot.engine.grammar import tree as t
from bot.engine.query import DATE_OPS, Condition
from bot.knowledge import NOT_PUBLISHED

if TYPE_CHECKING:
    from bot.engine.grammar.execute import Executor
    from bot.knowledge.schema import ProjectBase


NUMERIC = ("money", "difference", "ratio", "span")
# conditions measured by another project's figure that never keep that project itself
MEASURED_BY_OTHERS = (
    *("gt", "lt", "ge", "le", "eq", "between", "during", "already", "before", "after", "by"),
    "since",
)
# which kinds of figure a field's values can be compared with
_KINDS_ALIKE = {"money": "euros", "difference": "euros", "ratio": "share", "share": "share"}


def comparable(kind: str, target: Figure) -> bool:
    """Whether a field of ``kind`` compares with ``target`` ("an amount above 90%" does not)."""
    if target.kind == "const":
        value = target.value
        if isinstance(value, Share):
            return kind == "ratio"
        if isinstance(value, When | dt.date):  # a date, or a run "in 2021"
            return kind in ("date", "span")
        if kind == "ratio":  # "a rate above 0.9"; never "a rate above €70,000"
            return isinstance(value, int | float) and 0 <= value <= 1
        return kind not in ("call", "date", "list", "text")  # ("an end date below 1", "partners
        # over 300k": no such thing)
    if kind == "date" or target.kind == "date":
        return True  # a date's own checks follow
    return _KINDS_ALIKE.get(kind, kind) == _KINDS_ALIKE.get(target.kind, target.kind)


def alike(a: Figure, b: Figure) -> bool:
    """Whether two figures measure the same kind of thing (euros with euros, a share with
    a share), so that one can be more than the other."""
    if "const" in (a.kind, b.kind):
        return True
    return _KINDS_ALIKE.get(a.kind, a.kind) == _KINDS_ALIKE.get(b.kind, b.kind)


class Figure(NamedTuple):
    """A value with what it measures: a field's kind, or "times" / "share" / "count"."""

    value: Any
    kind: str


def _of_own(value: Any) -> Any:
    """``(Own(field), factor)`` for "more than 90% of their budget", else ``None``."""
    if isinstance(value, t.Calc) and value.op == "times" and isinstance(value.left, t.Own):
        factor = value.right.value if isinstance(value.right, t.Const) else None
        return (value.left, float(factor)) if isinstance(factor, int | float) else None
    return None


def _measured_by(value: Any) -> list[t.Of]:
    """The figures of other projects a condition measures by themselves ("above X's",
    "between X's and Y's", "twice X's"), not those inside a sum or a gap of several."""
    if isinstance(value, t.Of):
        return [value]
    if isinstance(value, t.Calc) and value.op == "range":  # "between X's and Y's"
        return [*_measured_by(value.left), *_measured_by(value.right)]
    if isinstance(value, t.Calc) and value.op in ("times", "grain"):
        return _measured_by(value.left)
    return []


class Filters:
    """The projects a ``Filter`` node keeps; the executor works out its sets and values."""

    def __init__(self, executor: Executor) -> None:
        self.x = executor

    def kept(self, node: t.Filter) -> list[ProjectBase] | None:
        among = self.x.projects(node.among)
        if isinstance(node.value, t.Own) or _of_own(node.value):
            return self._own(node, among)
        if node.op == "overlap" or self._run_during_run(node):
            # "running while 5FOREXCELLENCE was running": a run during a run overlaps it
            return self._overlapping(node._replace(op="overlap"), among)
        target = self.run_of(node) or self.x.figure(node.value)
        if among is None or target is None or node.field not in self.x.k.fields:
            return None
        if not comparable(self.x.kind(node.field), target):
            return None  # "a call above an amount", "an amount above 90%": not one question
        found = self._compared(node, among, target)
        compared = _measured_by(node.value)
        if found is not None and compared and node.op in MEASURED_BY_OTHERS:
            # "a higher rate than X", "between X's and Y's", "running when X started": never
            # X or Y themselves (but "below the gap between X's and Y's budgets" may be Y)
            themselves = {id(p) for n in compared for p in self.x.projects(n.among) or []}
            found = [p for p in found if id(p) not in themselves]
        return found

    def _run_during_run(self, node: t.Filter) -> bool:
        value = node.value
        if node.op != "during" or not isinstance(value, t.Of) or value.field is None:
            return False
        return self.x.kind(node.field) == "span" and self.x.kind(value.field) == "span"

    def run_of(self, node: t.Filter) -> Figure | None:
        """ "began while TCE was underway": a date during another project's run, the days
        from its start to its end."""
        value, kinds = node.value, self.x.k.fields
        if node.op != "during" or not isinstance(value, t.Of) or value.field not in kinds:
            return None
        if kinds[value.field].kind != "span" or self.x.kind(node.field) != "date":
            return None
        rows = self.x.projects(value.among)
        if rows is None or len(rows) != 1:
            return None
        run = self.x.ev.value(rows[0], value.field, as_interval=True)
        if run == NOT_PUBLISHED:
            return None
        return Figure(When(run[0], run[1], "day"), "date")

    def _compared(
        self, node: t.Filter, among: list[ProjectBase], target: Figure
    ) -> list[ProjectBase] | None:
        if node.op == "closest":
            return self._closest(node, among, target)
        if node.op == "within":
            (margin, centre) = target.value
            if isinstance(margin, Share):  # "within 5% of CLUSTEM's": 5% of its figure
                margin = abs(centre) * margin.points / 100
            test = self._near(node.field, margin, centre)
        else:
            value = target.value
            kind = self.x.k.fields[node.field].kind
            op = "during" if node.op == "already" else node.op  # (begun before it: below)
            timed = kind == "date" or (kind == "span" and op == "during")
            if op in ("during", "before", "after", "by", "since") and not timed:
                return None  # "in", "before": a time, never an amount
            if timed != isinstance(value, When | dt.date):
                return None
            if isinstance(value, dt.date):
                value = When(value, value, "day")
            op = DATE_OPS.get(op, op) if kind == "date" else op
            condition = Condition(node.field, op, value, node.negated)
            test = lambda p: self.x.ev.keeps(p, condition)  # noqa: E731
        itself = self._compared_with(node.value)  # "the same month as ECRI": not ECRI
        found = [p for p in among if test(p) and all(p is not q for q in itself)]
        if node.op == "already":  # "already under way when X started": begun before that day
            return [p for p in found if self._begun_before(p, node.field, target.value)]
        return found

    def _begun_before(self, project: ProjectBase, field: str, when: When | dt.date) -> bool:
        """Whether the project's run (``field``) began before ``when``."""
        run = self.x.ev.value(project, field, as_interval=True)
        first = when.first if isinstance(when, When) else when
        return run != NOT_PUBLISHED and bool(run[0] < first)

    def _closest(
        self, node: t.Filter, among: list[ProjectBase], target: Figure
    ) -> list[ProjectBase] | None:
        """ "whose budget is closest to CLUSGRID's": the nearest (ties kept), never CLUSGRID."""
        if self.x.kind(node.field) not in NUMERIC or not isinstance(target.value, int | float):
            return None
        themselves = {
            id(p) for n in _measured_by(node.value) for p in self.x.projects(n.among) or []
        }
        gaps = [
            (abs(v - target.value), p)
            for p in among
            if id(p) not in themselves and (v := self.x.ev.value(p, node.field)) != NOT_PUBLISHED
        ]
        nearest = min((g for g, _ in gaps), default=None)
        return [p for g, p in gaps if g == nearest]

    def _compared_with(self, value: Any) -> list[ProjectBase]:
        """The project a condition measures the others by ("within 1,000 of CLUSTEM's")."""
        if isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], t.Of):
            value = value[1]  # (margin, centre)
            return self.x.projects(value.among) or [] if isinstance(value.among, t.Named) else []
        if isinstance(value, t.Calc) and value.op == "grain" and isinstance(value.left, t.Of):
            return self.x.projects(value.left.among) or []
        return []

    def _own(self, node: t.Filter, among: list[ProjectBase] | None) -> list[ProjectBase] | None:
        """Each project's field against another field of its own."""
        own, times = (node.value, 1.0) if isinstance(node.value, t.Own) else _of_own(node.value)
        other = own.field
        if among is None or {node.field, other} - set(self.x.k.fields):
            return None
        mine, theirs = self.x.kind(node.field), self.x.kind(other)
        if mine not in NUMERIC or _KINDS_ALIKE.get(mine, mine) != _KINDS_ALIKE.get(theirs, theirs):
            return None  # "a call above its budget", "a share above 90% of the budget"

        def test(p: ProjectBase) -> bool:
            a, b = self.x.ev.value(p, node.field), self.x.ev.value(p, other)
            if NOT_PUBLISHED in (a, b):
                return False
            b = b * times
            return bool((a > b if node.op == "gt" else a < b) != node.negated)

        return [p for p in among if test(p)]

    def _overlapping(
        self, node: t.Filter, among: list[ProjectBase] | None
    ) -> list[ProjectBase] | None:
        """The projects whose run shares a day with the other project's (not itself)."""
        others = self.x.projects(node.value.among)
        if among is None or not others or len(others) != 1 or self.x.kind(node.field) != "span":
            return None
        other = others[0]
        theirs = self.x.ev.value(other, node.field, as_interval=True)
        if theirs == NOT_PUBLISHED:
            return None

        def test(p: ProjectBase) -> bool:
            mine = self.x.ev.value(p, node.field, as_interval=True)
            return mine != NOT_PUBLISHED and p is not other and overlap_days(mine, theirs) > 0

        return [p for p in among if test(p) != node.negated]

    def _near(self, field: str, margin: float, centre: Any) -> Callable[[Any], bool]:
        def test(project: Any) -> bool:
            value = self.x.ev.value(project, field)
            return bool(value != NOT_PUBLISHED and abs(value - centre) <= margin)

        return test
