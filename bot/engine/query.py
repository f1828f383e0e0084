"""A question as a plain value: what to do, about what, under which conditions.

Each is a ``NamedTuple``: immutable, hashable (the evaluator remembers rows by conditions)
and cheap to create.

``Condition`` ops form one table (Datasette's filters): each row can test a value and say
itself in words, so the bot can echo what it understood.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, NamedTuple

from bot.engine.frame import Duration, Share, Statistic, When

ABOUT = 0.02  # "about 249k": a figure within this share of it


class Op(NamedTuple):
    """One row of the operator table: how it reads and how it tests a value."""

    name: str
    words: str  # "{field} above {value}"
    test: Callable[[Any, Any], bool]


def _interval(value: Any) -> tuple[Any, Any]:
    """A project value as an interval: a (start, end) pair stays, anything else is a point."""
    if isinstance(value, tuple):
        return value
    return value, value


def _bounds(target: Any) -> tuple[Any, Any]:
    if isinstance(target, When):
        return target.first, target.last
    if isinstance(target, tuple):
        low, high = (_bounds(t) for t in target)
        return low[0], high[1]
    return target, target


def _during(value: Any, target: Any) -> bool:
    first, last = _interval(value)
    low, high = _bounds(target)
    return bool(first <= high and last >= low)


def _from_to(value: Any, target: Any) -> bool:
    """A run that started in the range's first period and ended in its last."""
    if not (isinstance(target, tuple) and len(target) == 2):
        return _during(value, target)
    first, last = _interval(value)
    (start_low, start_high), (end_low, end_high) = (_bounds(t) for t in target)
    return bool(start_low <= first <= start_high and end_low <= last <= end_high)


def _eq(value: Any, target: Any) -> bool:
    if isinstance(target, When):
        return _during(value, target)
    return bool(value == target)


def _until(value: Any, target: Any) -> bool:
    """Still going when the target begins ("ran until the end of 2017")."""
    first, last = _interval(value)
    low = _bounds(target)[0]
    return bool(first <= low <= last)


def _about(value: Any, target: Any) -> bool:
    """ "is X's budget about 249k?": within 2% of the figure said."""
    numbers = (int, float)
    return (
        isinstance(value, numbers)
        and isinstance(target, numbers)
        and (abs(value - target) <= ABOUT * abs(target))
    )


def _in_month(value: Any, target: Any) -> bool:
    """ "started in January": a day in that month of any year."""
    return isinstance(value, dt.date) and value.month == target.number


def _month_before(value: Any, target: Any) -> bool:
    """ "ended before December": in an earlier month of its year."""
    return isinstance(value, dt.date) and value.month < target.number


def _month_after(value: Any, target: Any) -> bool:
    """ "started after March": in a later month of its year."""
    return isinstance(value, dt.date) and value.month > target.number


def _throughout(value: Any, target: Any) -> bool:
    """Running for the whole of the target ("in progress for the whole of 2017"); a day is
    "throughout" a period it falls in ("started throughout 2016")."""
    if not isinstance(value, tuple):
        return _during(value, target)
    first, last = _interval(value)
    low, high = _bounds(target)
    return bool(first <= low and last >= high)


OPS: dict[str, Op] = {
    op.name: op
    for op in (
        Op("eq", "{field} of exactly {value}", _eq),
        Op("about", "{field} of about {value}", _about),
        Op("in_month", "{field} in {value} (any year)", _in_month),
        Op("before_month", "{field} before {value} (in its year)", _month_before),
        Op("after_month", "{field} after {value} (in its year)", _month_after),
        Op("gt", "{field} above {value}", lambda v, t: _interval(v)[0] > _bounds(t)[1]),
        Op("ge", "{field} of at least {value}", lambda v, t: _interval(v)[0] >= _bounds(t)[0]),
        Op("lt", "{field} below {value}", lambda v, t: _interval(v)[1] < _bounds(t)[0]),
        Op("le", "{field} of at most {value}", lambda v, t: _interval(v)[1] <= _bounds(t)[1]),
        # a figure or a day inside the two values; a run that shares a day with them
        Op("between", "{field} between {value}", _during),
        Op(
            "inside",  # "entirely within": a run's start and end both in the period
            "{field} entirely between {value}",
            lambda v, t: _bounds(t)[0] <= _interval(v)[0] and _interval(v)[1] <= _bounds(t)[1],
        ),
        Op("from_to", "{field} from {value}", _from_to),  # "ran from X to Y": its own ends
        Op("during", "{field} in {value}", _during),
        Op("before", "{field} before {value}", lambda v, t: _interval(v)[1] < _bounds(t)[0]),
        Op("after", "{field} after {value}", lambda v, t: _interval(v)[0] > _bounds(t)[1]),
        Op("by", "{field} on or before {value}", lambda v, t: _interval(v)[1] <= _bounds(t)[1]),
        Op("since", "{field} on or after {value}", lambda v, t: _interval(v)[0] >= _bounds(t)[0]),
        Op("until", "{field} until {value}", _until),
        Op("throughout", "{field} throughout {value}", _throughout),
    )
}
# how an operator reads of a period rather than a day ("in or after 2017", not "on or")
PERIOD_WORDS = {"by": "{field} in or before {value}", "since": "{field} in or after {value}"}
# the operators that order ("above", "at most"): a share is compared with them unrounded
ORDERING = ("gt", "ge", "lt", "le")
# "not above" reads better as "at most": the operator that a negation turns each into
INVERSE = {"gt": "le", "ge": "lt", "lt": "ge", "le": "gt"}
DATE_OPS = {"eq": "during", "gt": "after", "lt": "before", "ge": "after", "le": "before"}


class Condition(NamedTuple):
    """Keep rows whose ``field`` satisfies ``op`` against ``value`` (or does not)."""

    field: str
    op: str
    value: Any
    negated: bool = False

    def test(self, value: Any) -> bool:
        target = self.value
        if isinstance(target, Statistic):  # "above the average", once worked out
            if target.value is None:
                return False
            target = target.value
        if isinstance(target, Duration):
            target = target.months
        elif isinstance(target, tuple) and target and isinstance(target[0], Duration):
            target = tuple(t.months for t in target)
        if isinstance(target, Share) or (
            isinstance(target, tuple) and target and isinstance(target[0], Share)
        ):
            return self._share_test(value, target)
        try:
            held = OPS[self.op].test(_rounded(value, target), target)
        except TypeError:  # a name against a number ("name above 1"): held by no project
            return False
        return held != self.negated

    def _share_test(self, value: Any, target: Any) -> bool:
        """A share against a percentage: equal at the precision the bot shows it (70.1%),
        above or below as it is (94.98% is below 95%, though shown as 95.0%)."""
        points = (t.points if isinstance(t, Share) else t for t in _pair(target))
        low, high = (p / 100 for p in points)
        exact = self.op in ORDERING
        shown = round(value, 3) if isinstance(value, float) and not exact else value
        held = OPS[self.op].test(shown, (low, high) if isinstance(target, tuple) else low)
        return held != self.negated


def _pair(target: Any) -> tuple[Any, Any]:
    return target if isinstance(target, tuple) else (target, target)


def _rounded(value: Any, target: Any) -> Any:
    """Months are compared to the day's precision: 23.99 months is 24 months."""
    if isinstance(value, float) and not isinstance(target, dt.date):
        return round(value, 2)
    return value


class Operand(NamedTuple):
    """One side of an arithmetic question: a field of a project, or an aggregate of a call."""

    field: str
    project: str | None = None
    call: int | None = None
    aggregate: str | None = None  # for a call: "sum", "average" ...


class Order(NamedTuple):
    field: str
    descending: bool = True
    offset: int = 0
    limit: int | None = 1
    closest: Any = None  # order by distance to this value instead
    stated: bool = False  # whether the user gave the direction
    assumed: bool = False  # the field is the default one: the question named none ("biggest")


class Query(NamedTuple):
    """What the bot will do: ``act`` over projects or calls, then how to say it."""

    act: str  # lookup | list | count | aggregate | rank | compare | check | arithmetic
    # | explain | card | call_info | programme | converse | not_on_page | unknowable
    # | unknown_project | clarify | decline | empty | which_project
    projects: tuple[str, ...] = ()
    calls: tuple[int, ...] = ()
    fields: tuple[str, ...] = ()
    conditions: tuple[Condition, ...] = ()
    aggregate: str | None = None
    order: Order | None = None
    operands: tuple[Operand, ...] = ()
    arithmetic: str | None = None
    unit: str | None = None
    over: str = "projects"  # "projects" or "calls"
    scope: tuple[str, ...] | None = None  # the rows of an earlier answer ("which of them")
    exclude: tuple[str, ...] = ()  # "what *other* projects ..."
    check: Condition | None = None  # the yes/no test
    words: tuple[str, ...] = ()  # what an answer quotes back: unknown names, terms
    parts: tuple[str, ...] = ()
    options: tuple[str, ...] = ()
    retry: tuple[str, ...] = ()
    confidence: float = 1.0
    also: tuple[Query, ...] = ()  # the other parts of a question with several parts
    page: int = 0  # which page of a long list ("more" asks for the next)
    tree: Any = None  # act "tree": a question that composes (``bot.engine.grammar.tree``)

    @property
    def checked(self) -> str | None:
        """The one project a two-way check asked about ("was it more than INNO-DROP got?")."""
        two_way = self.act == "compare" and self.parts[:1] == ("check",) and len(self.parts) > 1
        return self.parts[1] if two_way else None

    def but(self, **changes: Any) -> Query:
        return self._replace(**changes)
