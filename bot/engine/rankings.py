"""What a ranking keeps: the places asked for and any project tying with the last of them,
and, when the figure was assumed ("the 5 biggest"), the ranking by the other figure."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from bot.engine.evaluate import Evaluator, Result
    from bot.engine.query import Order
    from bot.knowledge.schema import ProjectBase


def alternative(ev: Evaluator, result: Result) -> Result | None:
    """ "the 5 biggest projects" ranked by another figure of the kind assumed (the total
    budget instead of the EU contribution), when it ranks other projects first."""
    order = result.query.order
    assert order is not None
    kind = ev.k.fields[order.field].kind
    for name in [n for n in ev.k.fields_of_kind(kind) if n != order.field]:
        other = ev.evaluate(result.query.but(order=order._replace(field=name, assumed=False)))
        if [p.acronym for p in other.rows] != [p.acronym for p in result.rows]:
            return other
    return None


def _within_said(target: object) -> Callable[[object], bool]:
    """Whether a figure is what an amount said roughly means, to the precision it was said
    in and within 1% of it ("about 249 thousand": 248,500 to 249,500; both 249,416 and
    249,422 are; "closest to 200k": within €2,000)."""
    if not isinstance(target, int) or target <= 0:
        return lambda _value: False
    unit = 1
    while target % (unit * 10) == 0:
        unit *= 10
    half = min(unit / 2, target / 100) if unit >= 1000 else 0

    def near(value: object) -> bool:
        return isinstance(value, int | float) and abs(value - target) <= half

    return near


def past_ties(ev: Evaluator, ranked: list[ProjectBase], order: Order) -> int:
    """Where "the three longest" stops: after the third, and after any tying with it
    (never three picked from eleven that tie)."""
    assert order.limit is not None
    stop = min(order.offset + order.limit, len(ranked))
    if order.closest is not None and order.limit == 1 and stop:  # "about 249 thousand"
        near = _within_said(order.closest)
        while stop < len(ranked) and near(ev.value(ranked[stop], order.field)):
            stop += 1
        return stop
    if order.limit > 1 and stop:
        edge = ev.value(ranked[stop - 1], order.field)
        while stop < len(ranked) and ev.value(ranked[stop], order.field) == edge:
            stop += 1
    return stop
