"""Sorted columns, so that a condition over thousands of projects is a bisection, not a scan.

A field whose values are points (money, dates, months, shares) is kept sorted once, with each
value's project position. "EU contribution above €250,000", "ended in 2018" or "between 200k
and 250k" then cost O(log n + k). The answer is the same as testing each project with
``Condition.test`` (a test compares the two on generated conditions); conditions on intervals
(a project's dates as a span, a call as its year) are left to that test.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

from bot.engine.frame import Duration, When
from bot.engine.query import Condition, _bounds
from bot.knowledge import NOT_PUBLISHED

# op -> which end of the target it compares with, and whether that end is kept:
# (low end, low inclusive, high end, high inclusive); None: unbounded on that side
BOUNDS: dict[str, tuple[str | None, bool, str | None, bool]] = {
    "gt": ("hi", False, None, False),
    "after": ("hi", False, None, False),
    "since": ("lo", True, None, False),
    "ge": ("lo", True, None, False),
    "lt": (None, False, "lo", False),
    "before": (None, False, "lo", False),
    "le": (None, False, "hi", True),
    "by": (None, False, "hi", True),
    "between": ("lo", True, "hi", True),
    "inside": ("lo", True, "hi", True),
    "during": ("lo", True, "hi", True),
    "eq": ("lo", True, "hi", True),
    "until": ("lo", True, "lo", True),
    "throughout": ("lo", True, "hi", True),  # a day falls in the period
}


class Column:
    """One field's published point values, sorted, with their project positions."""

    def __init__(self, values: Sequence[Any]) -> None:
        pairs = sorted(
            ((_point(v), i) for i, v in enumerate(values) if v != NOT_PUBLISHED),
            key=lambda pair: pair[0],
        )
        self.keys = [v for v, _ in pairs]
        self.positions = [i for _, i in pairs]
        self.published = frozenset(self.positions)
        self.unpublished = frozenset(range(len(values))) - self.published

    def kept(self, condition: Condition) -> frozenset[int] | None:
        """Positions of the projects ``condition`` keeps; ``None`` if it needs a scan."""
        target = _target(condition.value)
        if target is None:
            return None
        low_end, low_in, high_end, high_in = BOUNDS[condition.op]
        ends = dict(zip(("lo", "hi"), _bounds(target), strict=True))
        low = None if low_end is None else ends[low_end]
        high = None if high_end is None else ends[high_end]
        held = self.select(low, low_in, high, high_in)
        if held is None or not condition.negated:
            return held
        return (self.published - held) | self.unpublished  # "not": the unpublished too

    def select(self, low: Any, low_in: bool, high: Any, high_in: bool) -> frozenset[int] | None:
        """Positions whose value lies between ``low`` and ``high`` (``None``: unbounded);
        ``None`` when the bounds cannot be compared with the values."""
        try:
            start = 0 if low is None else _cut(self.keys, low, low_in, left=True)
            stop = len(self.keys) if high is None else _cut(self.keys, high, high_in, left=False)
        except TypeError:  # a target of another kind than the values: let the test decide
            return None
        return frozenset(self.positions[start:stop]) if start < stop else frozenset()


# op on a span (start, end) against a target interval (lo, hi), as bounds on the start and
# on the end: ((start low, inclusive), (start high, inclusive), (end low, incl.), (end high,
# incl.)), each end of the target named "lo" or "hi", or None
SPAN_BOUNDS: dict[str, tuple[Any, ...]] = {
    "during": (None, ("hi", True), ("lo", True), None),
    "eq": (None, ("hi", True), ("lo", True), None),
    "gt": (("hi", False), None, None, None),
    "after": (("hi", False), None, None, None),
    "since": (("lo", True), None, None, None),
    "ge": (("lo", True), None, None, None),
    "lt": (None, None, None, ("lo", False)),
    "before": (None, None, None, ("lo", False)),
    "le": (None, None, None, ("hi", True)),
    "by": (None, None, None, ("hi", True)),
    "between": (None, ("hi", True), ("lo", True), None),  # a run on some day between the two
    "inside": (("lo", True), None, None, ("hi", True)),  # a run wholly between the two
    "until": (None, ("lo", True), ("lo", True), None),
    "throughout": (None, ("lo", True), ("hi", True), None),
}


def span_kept(condition: Condition, first: Column, last: Column) -> frozenset[int] | None:
    """Positions ``condition`` keeps when it compares a span (start, end) with dates."""
    target = _target(condition.value)
    if target is None or condition.op not in SPAN_BOUNDS:
        return None  # "ran from X to Y": each run's own ends, tested one by one
    ends = dict(zip(("lo", "hi"), _bounds(target), strict=True))
    start_low, start_high, end_low, end_high = SPAN_BOUNDS[condition.op]

    def edge(bound: Any) -> tuple[Any, bool]:
        return (None, False) if bound is None else (ends[bound[0]], bound[1])

    starts = first.select(*edge(start_low), *edge(start_high))
    finishes = last.select(*edge(end_low), *edge(end_high))
    if starts is None or finishes is None:
        return None
    published = first.published & last.published
    held = starts & finishes & published
    if not condition.negated:
        return held
    return (published - held) | (first.unpublished | last.unpublished)


def _cut(keys: list[Any], edge: Any, inclusive: bool, left: bool) -> int:
    """Where the kept run of ``keys`` starts (``left``) or stops, for ``edge``."""
    if left:
        return bisect.bisect_left(keys, edge) if inclusive else bisect.bisect_right(keys, edge)
    return bisect.bisect_right(keys, edge) if inclusive else bisect.bisect_left(keys, edge)


def _point(value: Any) -> Any:
    """A value as ``Condition.test`` compares it with a number: months to the hundredth."""
    return round(value, 2) if isinstance(value, float) else value


def _target(value: Any) -> Any:
    """The condition's target as the test sees it, or ``None`` when it is not a plain
    point or range (an unpublished marker, or something the index does not know)."""
    if isinstance(value, Duration):
        return value.months
    if isinstance(value, tuple) and len(value) == 2:
        parts = [_target(v) for v in value]
        return None if None in parts else tuple(parts)
    if value == NOT_PUBLISHED or isinstance(value, (list, dict, set, str, bool)):
        return None
    return value if isinstance(value, (int, float, When)) or hasattr(value, "year") else None
