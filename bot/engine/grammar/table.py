"""The composition rules: a short table that reads top to bottom.

Categories: ``$Set`` (projects), ``$Value``, ``$Cond`` (a test on a field), ``$Pick`` (a
superlative: field, direction, rank), ``$Order``, ``$Per`` ("for each call") and
``$Root`` (what is asked). The words behind the terminals (``$Field``, ``$Cmp``, ``$Sup``
...) are in ``knowledge/*.yaml``; see ``lexical.py``.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from bot.engine.grammar import tree as t
from bot.engine.grammar.rules import Rule


class Cond(NamedTuple):
    field: str | None
    op: str
    value: Any
    negated: bool = False


class Sup(NamedTuple):
    descending: bool
    offset: int = 0


class Pick(NamedTuple):
    field: str
    descending: bool
    offset: int = 0


class Order(NamedTuple):
    field: str
    descending: bool | None  # None: the natural order of the field (dates first to last)


COMPARATIVE = {True: "gt", False: "lt"}  # "a bigger budget than ..."


# -- sets ----------------------------------------------------------------------------------
def both(a: Any, b: Any) -> Any:
    if isinstance(a, t.Named) and isinstance(b, t.Named):  # "A, B and C"
        return union(a, None, b)
    if isinstance(a, t.Named) or isinstance(b, t.Named | t.Best) or a == b:
        return None  # a named project is not narrowed; a superlative ranks all on its left
    if isinstance(a, t.Every):
        return b
    return a if isinstance(b, t.Every) else t.Both(a, b)


def union(a: Any, _and: Any, b: Any) -> Any:
    if isinstance(a, t.Named) and isinstance(b, t.Named):
        return t.Named(a.acronyms + tuple(x for x in b.acronyms if x not in a.acronyms))
    return None


def filtered(among: Any, cond: Cond) -> Any:
    if isinstance(among, t.Named) or cond.field is None:
        return None
    return t.Filter(among, cond.field, cond.op, cond.value, cond.negated)


def within(among: Any, cmp: str, inner: Any) -> Any:
    return both(among, inner) if cmp == "during" and not isinstance(inner, t.Named) else None


def without(kept: Any, _not: Any, dropped: Any) -> Any:
    """ "projects outside the first call": a condition after it narrows what is kept."""
    if isinstance(kept, t.Named) or isinstance(dropped, t.Filter | t.Both) or kept == dropped:
        return None
    return t.Without(kept, dropped)


def best(among: Any, pick: Pick) -> Any:
    if isinstance(among, t.Named) and len(among.acronyms) < 2:
        return None
    return t.Best(among, pick.field, pick.descending, pick.offset)


def also_than(among: Any, more: Sup, field: str) -> Any:
    """ "a bigger budget than A but a smaller grant": the second test against A too."""
    if not isinstance(among, t.Filter) or not isinstance(among.value, t.Of):
        return None
    value = t.Of(field, among.value.among)
    return t.Filter(among, field, COMPARATIVE[more.descending], value)


# -- values ----------------------------------------------------------------------------------
def of(field: str | None, among: Any) -> Any:
    """A field of a set; of a call it is the call's total ("the budget of call 2"), an
    aggregate the readers and ``aggregate`` say."""
    return None if isinstance(among, t.InCall | t.Every) else t.Of(field, among)


def aggregate(fn: str, field: str, among: Any) -> Any:
    if isinstance(among, t.Named) and len(among.acronyms) < 2:
        return None
    return t.Agg(fn, field, among)


def calc(op: str, left: Any, right: Any) -> Any:
    """``left op right``; a side named without its field takes the other's ("A's budget
    minus B's", "how many times does A's grant fit into B's")."""
    if isinstance(right, t.Of) and right.field is None:
        right = t.Of(_field(left), right.among) if _field(left) else None
    elif isinstance(left, t.Of) and left.field is None:
        left = t.Of(_field(right), left.among) if _field(right) else None
    if left is None or right is None or _field(left) is None or left == right:
        return None
    return t.Calc(op, left, right)


def share(whole: Any, part: Any) -> Any:
    """The part of ``whole`` (an aggregate over a set) that the set ``part`` has."""
    if isinstance(whole, t.Agg):
        if isinstance(part, t.Named) and len(part.acronyms) == 1:
            return t.Calc("share", t.Of(whole.field, part), whole)
        return t.Calc("share", t.Agg(whole.fn, whole.field, both(whole.among, part) or part), whole)
    return None


def _field(value: Any) -> str | None:
    if isinstance(value, t.Of | t.Agg):
        return value.field
    if isinstance(value, t.Calc):
        return _field(value.left)
    return None


# -- conditions -------------------------------------------------------------------------------
def cond(field: str | None, op: str, value: Any) -> Any:
    if isinstance(value, t.Of) and value.field is None:
        if field is None:
            return None
        value = t.Of(field, value.among)
    field = field or _field(value)
    if value == t.Of(field, t.Every()) or (
        isinstance(value, t.Of) and isinstance(value.among, t.Every)
    ):
        return None
    return Cond(field, op, value)


def negated(c: Cond) -> Cond:
    return c._replace(negated=not c.negated)


def near(field: str, _cmp: str, margin: Any, value: Any) -> Any:
    """ "an EU contribution within 10,000 of TCE's" """
    if not isinstance(margin, t.Const) or not isinstance(margin.value, int | float):
        return None
    target = cond(field, "within", value)
    return None if target is None else target._replace(value=(margin.value, target.value))


# -- roots ------------------------------------------------------------------------------------
def say(value: Any) -> Any:
    if isinstance(value, t.Const) or _field(value) is None:
        return None
    return t.Say(value)


def narrowed(value: Any, cmp: str, among: Any) -> Any:
    """ "the total EU contribution in call 2": an aggregate over a narrower set."""
    if cmp != "during" or not isinstance(value, t.Agg):
        return None
    inner = both(value.among, among)
    return None if inner is None else value._replace(among=inner)


def several(*parts: Any) -> Any:
    roots = [say(p) for p in parts]
    return None if None in roots or parts[0] == parts[1] else t.Several(tuple(roots))


def per_call(value: Any, _per: Any) -> Any:
    if isinstance(value, t.Agg):
        return t.PerCall(value.fn, value.field, value.among)
    return None


RULES: list[Rule] = [
    # sets: a set can be narrowed, joined, ranked and described wherever it stands
    Rule("$Set", ("$Set", "$Set"), both, "set-and-set"),
    Rule("$Set", ("$Set", "$Cmp", "$Set"), within, "set-in-set"),
    Rule("$Set", ("$Set", "$And", "$Set"), union, "set-union"),
    Rule("$Set", ("$Set", "$Cond"), filtered, "set-where"),
    Rule("$Set", ("$Set", "$And", "$Cond"), lambda s, _a, c: filtered(s, c), "set-and-where"),
    Rule("$Set", ("$Set", "$Not", "$Set"), without, "set-without"),
    Rule(
        "$Set", ("$Set", "$Not", "$Cmp", "$Set"), lambda a, n, _c, b: without(a, n, b), "set-not-in"
    ),
    Rule("$Set", ("$Set", "$Pick"), best, "set-pick"),
    Rule("$Set", ("$Pick", "$Set"), lambda p, s: best(s, p), "pick-set"),
    Rule("$Set", ("$Sup", "$Set", "$Field"), lambda u, s, f: best(s, Pick(f, *u)), "sup-set-field"),
    Rule("$Sup", ("$Ord", "$Sup"), lambda n, u: Sup(u.descending, n - 1), "ordinal-sup"),
    Rule("$Pick", ("$Sup", "$Field"), lambda u, f: Pick(f, *u), "sup-field"),
    Rule("$Pick", ("$Field", "$Sup"), lambda f, u: Pick(f, *u), "field-sup"),
    Rule(
        "$Root",
        ("$Pick", "$Per"),
        lambda p, _per: t.PerCall("max" if p.descending else "min", p.field, t.Every()),
        "pick-per-call",
    ),
    Rule("$Set", ("$Set", "$More", "$Field"), also_than, "set-and-more-field"),
    # values: a typed value, a field of a set, an aggregate, arithmetic
    Rule("$Value", ("$Const",), lambda c: c, "const"),
    Rule("$Value", ("$Field", "$Set"), of, "field-of-set"),
    Rule("$Value", ("$Set", "$Field"), lambda s, f: of(f, s), "set-field"),
    Rule("$Value", ("$Set",), lambda s: of(None, s), "set-elided-field"),
    Rule("$Value", ("$Agg", "$Field", "$Set"), aggregate, "agg-field-set"),
    Rule("$Value", ("$Agg", "$Set", "$Field"), lambda a, s, f: aggregate(a, f, s), "agg-set-field"),
    Rule("$Value", ("$Set", "$Agg", "$Field"), lambda s, a, f: aggregate(a, f, s), "set-agg-field"),
    Rule("$Value", ("$Field", "$Set", "$Agg"), lambda f, s, a: aggregate(a, f, s), "field-set-agg"),
    Rule("$Value", ("$Agg", "$Field"), lambda a, f: aggregate(a, f, t.Every()), "agg-field"),
    Rule(
        "$Value", ("$Value", "$Arith", "$Value"), lambda a, op, b: calc(op, a, b), "value-op-value"
    ),
    Rule(
        "$Value",
        ("$Arith", "$Value", "$And", "$Value"),
        lambda op, a, _, b: calc(op, a, b),
        "op-value-and-value",
    ),
    Rule(
        "$Value",
        ("$Times", "$More", "$Value", "$Value"),
        lambda _t, u, a, b: calc("ratio", a, b) if u.descending else calc("ratio", b, a),
        "times-than",
    ),
    Rule(
        "$Value",
        ("$Times", "$Value", "$Into", "$Value"),
        lambda _t, a, _i, b: calc("ratio", b, a),
        "times-into",
    ),
    Rule(
        "$Value",
        ("$Multiple", "$Value"),
        lambda m, v: t.Calc("times", v, t.Const(m)) if _field(v) else None,
        "multiple-of",
    ),
    Rule("$Value", ("$Value", "$Cmp", "$Set"), narrowed, "value-in-set"),
    Rule("$Whole", ("$Value",), lambda v: v if isinstance(v, t.Agg) else None, "whole-agg"),
    Rule("$Whole", ("$Field",), lambda f: t.Agg("sum", f, t.Every()), "whole-field"),
    Rule("$Whole", ("$Field", "$Set"), lambda f, s: aggregate("sum", f, s), "whole-field-of-set"),
    Rule(
        "$Value", ("$Share", "$Whole", "$Set"), lambda _s, w, p: share(w, p), "share-of-whole-set"
    ),
    Rule(
        "$Value",
        ("$Share", "$Whole", "$Field", "$Set"),
        lambda _s, w, _f, p: share(w, p),
        "share-of-whole-went-to",
    ),
    Rule(
        "$Value", ("$Set", "$Share", "$Whole"), lambda p, _s, w: share(w, p), "set-share-of-whole"
    ),
    Rule("$Const", ("$Num", "$Percent"), lambda n, _p: t.Const(n / 100), "percent"),
    Rule("$Const", ("$Num",), t.Const, "number"),
    # conditions: a field compared with a value, which may come from another project
    Rule("$Cond", ("$Field", "$Cmp", "$Value"), cond, "field-cmp-value"),
    Rule("$Cond", ("$Cmp", "$Value", "$Field"), lambda c, v, f: cond(f, c, v), "cmp-value-field"),
    Rule("$Cond", ("$Cmp", "$Value"), lambda c, v: cond(None, c, v), "cmp-value"),
    Rule(
        "$Cond",
        ("$More", "$Field", "$Value"),
        lambda u, f, v: cond(f, COMPARATIVE[u.descending], v),
        "comparative",
    ),
    Rule(
        "$Cond",
        ("$Field", "$More", "$Value"),
        lambda f, u, v: cond(f, COMPARATIVE[u.descending], v),
        "field-comparative",
    ),
    Rule("$Cond", ("$Field", "$Cmp", "$Const", "$Value"), near, "within-of"),
    Rule("$Cond", ("$Not", "$Cond"), lambda _n, c: negated(c), "not-cond"),
    Rule(
        "$Cond",
        ("$Field", "$Not", "$Cmp", "$Value"),
        lambda f, _n, c, v: cond(f, c, v) and negated(cond(f, c, v)),
        "field-not-cmp",
    ),
    # orders
    Rule("$Order", ("$Dir", "$Field"), lambda d, f: Order(f, d), "dir-field"),
    Rule("$Order", ("$Field", "$Dir"), Order, "field-dir"),
    Rule("$Order", ("$By", "$Field"), lambda _b, f: Order(f, None), "by-field"),
    Rule("$Order", ("$Sort", "$By", "$Field"), lambda _s, _b, f: Order(f, None), "sort-by-field"),
    Rule(
        "$Order",
        ("$Order", "$Dir"),
        lambda o, d: Order(o.field, d) if o.descending is None else None,
        "order-dir",
    ),
    Rule(
        "$Order",
        ("$Dir", "$Order"),
        lambda d, o: Order(o.field, d) if o.descending is None else None,
        "dir-order",
    ),
    Rule("$Per", ("$Each", "$CallNoun"), lambda _e, _c: "call", "each-call"),
    Rule("$Per", ("$By", "$CallNoun"), lambda _e, _c: "call", "by-call"),
    Rule("$Per", ("$Cmp", "$Per"), lambda c, p: p if c == "during" else None, "in-each-call"),
    # what is asked
    Rule("$Root", ("$Value",), say, "say"),
    Rule("$Root", ("$Set",), t.Show, "show"),
    Rule("$Root", ("$Value", "$And", "$Value"), lambda a, _a, b: several(a, b), "value-and-value"),
    Rule(
        "$Root",
        ("$Value", "$And", "$Cmp", "$Set"),
        lambda v, _a, c, s: (
            several(v, narrowed(v._replace(among=t.Every()), c, s))
            if isinstance(v, t.Agg)
            else None
        ),
        "value-and-in-set",
    ),
    Rule("$Root", ("$List", "$Set"), lambda _l, s: t.Show(s), "list-set"),
    Rule("$Root", ("$Count", "$Set"), lambda _c, s: t.CountOf(s), "count"),
    Rule("$Root", ("$Value", "$Per"), per_call, "value-per-call"),
    Rule("$Root", ("$Per", "$Value"), lambda p, v: per_call(v, p), "per-call-value"),
    Rule(
        "$Root",
        ("$Count", "$Set", "$Per"),
        lambda _c, s, _p: t.PerCall("count", None, s),
        "count-per-call",
    ),
    Rule(
        "$Root",
        ("$CallNoun", "$Sup", "$Set"),
        lambda _c, u, s: (
            t.BestCall("count", None, u.descending) if isinstance(s, t.Every) else None
        ),
        "call-most-projects",
    ),
    Rule(
        "$Root",
        ("$CallNoun", "$Funded", "$Sup", "$Set"),
        lambda _c, _f, u, s: (
            t.BestCall("count", None, u.descending) if isinstance(s, t.Every) else None
        ),
        "call-funded-most-projects",
    ),
    Rule(
        "$Root",
        ("$CallNoun", "$Pick"),
        lambda _c, p: t.BestCall("sum", p.field, p.descending),
        "call-most-field",
    ),
    Rule("$Root", ("$Set", "$Order"), lambda s, o: t.Sorted(s, o.field, _natural(o)), "set-order"),
    Rule(
        "$Root",
        ("$List", "$Set", "$Order"),
        lambda _l, s, o: t.Sorted(s, o.field, _natural(o)),
        "list-set-order",
    ),
    Rule(
        "$Root",
        ("$Sort", "$Set", "$Order"),
        lambda _l, s, o: t.Sorted(s, o.field, _natural(o)),
        "sort-set-order",
    ),
]


def _natural(order: Order) -> bool | None:
    return order.descending
