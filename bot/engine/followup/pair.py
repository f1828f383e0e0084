"""The two figures the last answers gave, as values of the grammar's trees: "by how much?",
"ratio?", "in %?", "how far apart are they?" after "the biggest budget in call 2?" and
"smallest?", after "which call got more EU money?", after "the largest and the smallest
budget" are worked out of them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from bot.engine.frame import Frame
from bot.engine.grammar import tree as t
from bot.engine.query import Query
from bot.engine.referents import TYING

# what a fragment that asks for the gap between two figures may say beside the asking words
# ("how far apart are they?", "by how much exactly?", "the ratio between them?")
BESIDE_GAP = {
    ("cmp", "between"),
    ("cmp", "by"),
    ("gram", "by"),
    ("cmp", "during"),  # "in %?"
    ("yesno", "yes"),  # "are they"
    ("precise", "precise"),
    ("op", "quantity"),  # "how big's the gap?"
}
# the arithmetic asked of two figures, by the words' kind and value
ASKING = {
    ("arith", "difference"): "difference",
    ("op", "range"): "difference",  # "the spread between them"
    ("arith", "ratio"): "ratio",
    ("gram", "times"): "ratio",  # "how many times bigger?"
    ("gram", "percent"): "relative",  # "by what percentage?", "in %?"
}


def gap_asked(frame: Frame) -> str | None:
    """The arithmetic a fragment asks of two figures and of nothing else ("difference",
    "ratio", "relative": the gap in percent), or ``None`` when it says anything more."""
    if frame.unknown:
        return None
    asking = [s for s in frame.spans if (s.kind, s.value) in ASKING]
    if not asking:
        return None
    covered = {i for s in asking for i in range(s.start, s.end)}
    covered |= {i for s in frame.find("precise") for i in range(s.start, s.end)}  # "exactly"
    for s in frame.spans:
        inside = set(range(s.start, s.end)) <= covered  # ("ratio" is a field's word too)
        if not (inside or s.kind in TYING or (s.kind, s.value) in BESIDE_GAP):
            return None
    ops = {ASKING[(s.kind, s.value)] for s in asking}
    if "relative" in ops:
        return "relative"
    return ops.pop() if len(ops) == 1 else None


def choice_asked(frame: Frame, call_field: str | None) -> bool | None:
    """ "which is higher?", "which call is lower?" said alone: whether the larger of two
    figures is asked (``True``), the smaller (``False``), or neither (``None``)."""
    picked = [s for s in frame.spans if s.kind == "gram" and s.value in ("more", "less")]
    if frame.unknown or not picked:
        return None
    beside = {i for s in picked for i in range(s.start, s.end)}
    for s in frame.spans:
        inside = set(range(s.start, s.end)) <= beside
        call = s.kind == "field" and s.value == call_field  # "which call"
        if not (inside or call or s.kind in TYING or s.kind == "yesno"):
            return None
    return picked[0].value == "more" if len(picked) == 1 else None


def two_figures(
    last: Any, before: Any, called: Sequence[int], one: Callable[[Any], Any]
) -> tuple[Any, Any] | None:
    """The two figures the last answer gave (two parts, or a figure of each of two calls:
    ``called`` are the calls with projects), or the last two answers gave one each (``one``:
    the figure an answer gave)."""
    tree = last.tree if isinstance(last, Query) else None
    if isinstance(tree, t.Several) and len(tree.parts) == 2:
        values = [p.value for p in tree.parts if isinstance(p, t.Say)]
        return (values[0], values[1]) if len(values) == 2 else None
    if isinstance(tree, t.Check | t.Which):
        return tree.left, tree.right
    worked = tree.value if isinstance(tree, t.Say) else None  # "by how much?", then "in %?"
    if isinstance(worked, t.Calc) and worked.op in ("difference", "gap", "ratio", "relative"):
        return worked.left, worked.right
    if isinstance(tree, t.BestCall | t.PerCall) and tree.field and len(called) == 2:
        among = tree.among
        calls = [t.InCall(n) if among == t.Every() else t.Both(among, t.InCall(n)) for n in called]
        return t.Agg(tree.fn, tree.field, calls[0]), t.Agg(tree.fn, tree.field, calls[1])
    a, b = one(before), one(last)
    if isinstance(b, t.Calc) and b.op in COMBINED and not isinstance(b.right, t.Const):
        return b.left, b.right  # "together?", then "difference?": of the two added up
    return None if a is None or b is None or a == b else (a, b)


# the arithmetic that combines two figures, whose two a next "difference?" is asked of
COMBINED = ("sum", "difference", "gap", "ratio", "relative", "share")


def picked(query: Any, among: Callable[[Query], Any]) -> Any:
    """The figure of the one project a ranking picked ("the biggest budget in call 2?"), as
    a value: that field of the best of its projects."""
    order = query.order if isinstance(query, Query) and query.act == "rank" else None
    if order is None or order.limit not in (None, 1) or order.closest is not None:
        return None
    projects = among(query)
    if projects is None:
        return None
    best = t.Best(projects, order.field, order.descending, order.offset)
    return t.Of(order.field, best)
