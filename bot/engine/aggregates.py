"""The table of aggregate functions ("the median budget", "the range of grants"), and the
kinds of field each makes sense of: a date has an average, not a total."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any


def mean(values: Sequence[Any]) -> Any:
    return sum(values) / len(values)


def median(values: Sequence[Any]) -> Any:
    """The middle value, or the mean of the two middle ones (``statistics`` is slow to import)."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


AGGREGATES: dict[str, Callable[[Sequence[Any]], Any]] = {
    "sum": sum,
    "average": mean,
    "median": median,
    "max": max,
    "min": min,
    "count": len,
    "range": lambda values: max(values) - min(values),
}
# aggregates a question asks for by name ("the median budget"); max and min are rankings
AGGREGATE_OPS = tuple(name for name in AGGREGATES if name not in ("max", "min", "count"))
# the kinds of field each aggregate makes sense of: a date has an average, not a total
NUMERIC_KINDS = ("money", "difference", "ratio", "span")
AGGREGATE_KINDS = {"average": (*NUMERIC_KINDS, "date"), "median": (*NUMERIC_KINDS, "date")}


def suits(aggregate: str, kind: str) -> bool:
    """Whether ``aggregate`` of values of ``kind`` means something."""
    return kind in AGGREGATE_KINDS.get(aggregate, NUMERIC_KINDS)
