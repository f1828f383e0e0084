"""Two figures combined: each a project's figure or a call's (summed, or the one its
projects share), added, subtracted, divided, or, for dates and runs, the days between them
and the days two runs overlap."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Protocol

from bot.engine.aggregates import AGGREGATES, suits
from bot.engine.frame import When
from bot.engine.query import Operand, Query
from bot.knowledge import NOT_PUBLISHED, Knowledge

if TYPE_CHECKING:
    from bot.knowledge.schema import ProjectBase

DIFFERING = "differing"  # a call's projects do not share the one value asked for


class ValueOf(Protocol):
    """A project's value of a field (a span asked about dates: its interval)."""

    def __call__(self, project: ProjectBase, name: str, as_interval: bool = False) -> Any: ...


class Calculator:
    """The arithmetic of a ``Query``: its operands worked out, then combined."""

    def __init__(
        self, knowledge: Knowledge, value: ValueOf, by_acronym: dict[str, ProjectBase]
    ) -> None:
        self.k = knowledge
        self.value = value
        self.by_acronym = by_acronym

    def operand(self, operand: Operand) -> Any:
        if operand.project is not None:
            project = self.by_acronym[operand.project]
            if operand.field == self.k.call_field:
                call = self.k.call_of(project)
                return (
                    When(dt.date(call.year, 1, 1), dt.date(call.year, 12, 31), "year")
                    if (call)
                    else NOT_PUBLISHED
                )
            return self.value(project, operand.field)
        call = self.k.calls_by_number.get(operand.call or 0)
        rows = (
            list(self.k.projects)
            if operand.call is None
            else (self.k.projects_in(call) if call else [])
        )
        values = [self.value(p, operand.field) for p in rows]
        values = [v for v in values if v != NOT_PUBLISHED]
        if not values:
            return NOT_PUBLISHED
        aggregate = operand.aggregate or "sum"
        kind = self.k.fields[operand.field].kind
        if aggregate not in ("max", "min") and not suits(aggregate, kind):
            aggregate = "shared"  # dates are not added up
        if aggregate == "shared":  # the value every project of the call has, if one does
            return values[0] if len(set(values)) == 1 else DIFFERING
        return AGGREGATES[aggregate](values)

    def days(self, project: ProjectBase, name: str) -> Any:
        """A span's length in days, counting both ends."""
        start, end = (project.value(p) for p in self.k.fields[name].of)
        return NOT_PUBLISHED if NOT_PUBLISHED in (start, end) else (end - start).days + 1

    def interval(self, operand: Operand) -> Any:
        """A project's run; a call's: from its projects' first start to their last end."""
        name = next(iter(self.k.fields_of_kind("span")), operand.field)
        if operand.project is not None:
            return self.value(self.by_acronym[operand.project], name, as_interval=True)
        call = self.k.calls_by_number.get(operand.call or 0)
        rows = self.k.projects_in(call) if call else list(self.k.projects)
        runs = [self.value(p, name, as_interval=True) for p in rows]
        runs = [r for r in runs if r != NOT_PUBLISHED]
        return (min(r[0] for r in runs), max(r[1] for r in runs)) if runs else NOT_PUBLISHED

    def evaluate(self, query: Query) -> tuple[list[Any], Any]:
        """The operands' values, and what combining them gives (``None`` when a figure is
        missing, or a call's projects do not share the one asked for)."""
        values = [self.operand(o) for o in query.operands]
        lengths = all(self.k.fields[o.field].kind == "span" and o.project for o in query.operands)
        if lengths and query.unit == "days":  # "by how many days did A outlast B?"
            values = [self.days(self.by_acronym[o.project or ""], o.field) for o in query.operands]
        if NOT_PUBLISHED in values or DIFFERING in values or len(values) != 2:
            return values, None
        a, b = values
        op = query.arithmetic
        value: Any
        if op == "overlap":
            periods = [self.interval(o) for o in query.operands]
            value = shared_period(*periods) if NOT_PUBLISHED not in periods else None
        elif isinstance(a, dt.date | When) and isinstance(b, dt.date | When):
            value = date_gap(a, b)
        elif isinstance(a, dt.date | When) or isinstance(b, dt.date | When):
            value = None  # "total budget + start date": a sum of a date means nothing
        elif op == "sum":
            value = a + b
        elif op == "ratio":
            value = a / b if b else None
        elif op == "relative":  # "by what percentage?": the gap over the smaller, signed
            value = ((a - b) / b if a >= b else (a - b) / a) if a > 0 and b > 0 else None
        else:
            value = a - b
        return values, value


def as_day(value: Any, end: bool = False) -> dt.date:
    if isinstance(value, When):
        return value.last if end else value.first
    return value  # type: ignore[no-any-return]


def date_gap(a: Any, b: Any) -> tuple[int, Any, Any]:
    """Days from ``a`` to ``b`` (negative when ``b`` is earlier), with both ends kept."""
    return ((as_day(b) - as_day(a)).days, a, b)


def shared_period(a: Any, b: Any) -> tuple[int, dt.date, dt.date]:
    """The days two (start, end) spans share, with the first and last of them (when the
    spans share none, the days are 0 and the dates meaningless)."""
    (s1, e1), (s2, e2) = a, b
    return overlap_days(a, b), max(s1, s2), min(e1, e2)


def overlap_days(a: Any, b: Any) -> int:
    """Days two (start, end) spans share, counting both ends."""
    (s1, e1), (s2, e2) = a, b
    return max(0, int((min(e1, e2) - max(s1, s2)).days) + 1)
