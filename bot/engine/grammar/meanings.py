"""What each composition rule builds: the meanings ``table.py`` names, one small function
each (SippyCup's semantic attachments).

Categories: ``$Set`` (projects), ``$Value``, ``$Cond`` (a test on a field), ``$Pick`` (a
superlative: field, direction, rank), ``$Order``, ``$Per`` ("for each call") and
``$Root`` (what is asked). The words behind the terminals (``$Field``, ``$Cmp``, ``$Sup``
...) are in ``knowledge/*.yaml``; see ``lexical.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from bot.engine.frame import Duration, Share, When
from bot.engine.grammar import tree as t


class Cond(NamedTuple):
    field: str | None
    op: str
    value: Any
    negated: bool = False


class Sup(NamedTuple):
    descending: bool
    offset: int = 0
    places: int = 1  # "the 6th and 7th largest": two places from the offset
    dated: bool = False  # a superlative of time ("earliest"): of a date, never of an amount


class Pick(NamedTuple):
    field: str
    descending: bool
    offset: int = 0
    places: int = 1
    dated: bool = False  # said with a superlative of time: only a date ranks so
    assumed: bool = False  # the default field, as the question named none ("the biggest")


class Order(NamedTuple):
    field: str
    descending: bool | None  # None: the natural order of the field (dates first to last)


COMPARATIVE = {True: "gt", False: "lt"}  # "a bigger budget than ..."


# -- sets ----------------------------------------------------------------------------------
def both(a: Any, b: Any) -> Any:
    if isinstance(a, t.Named) and isinstance(b, t.Named):  # "A, B and C"
        return union(a, None, b)
    if isinstance(a, t.Every) and isinstance(b, t.Best):
        return b  # "which project ... the one just below X": every project is no narrowing
    if isinstance(a, t.Named) or isinstance(b, t.Named | t.Best) or a == b:
        return None  # a named project is not narrowed; a superlative ranks all on its left
    if isinstance(a, t.Every):
        return b
    if isinstance(b, t.Filter) and b.op == "closest":  # the nearest of a, not of all
        return b._replace(among=both(a, b.among)) if isinstance(b.among, t.Every) else None
    return a if isinstance(b, t.Every) else t.Both(a, b)


def union(a: Any, _and: Any, b: Any) -> Any:
    if isinstance(a, t.Named) and isinstance(b, t.Named):
        return t.Named(a.acronyms + tuple(x for x in b.acronyms if x not in a.acronyms))
    return None


def filtered(among: Any, cond: Cond) -> Any:
    if isinstance(among, t.Named) or cond.field is None:
        return None
    value = cond.value
    if isinstance(value, t.Agg) and value.among == THE_CALL:  # "than the call's average"
        call = _call_of_set(among)
        if call is None:
            return None
        value = value._replace(among=call)
    return t.Filter(among, cond.field, cond.op, value, cond.negated)


# "the call's average": the call of the set it is compared within, once that is known
THE_CALL = t.InCall(0)


def _call_of_set(among: Any) -> Any:
    """The one call a set is in ("the 1st call's projects with ..."), or ``None``."""
    if isinstance(among, t.InCall):
        return among
    if isinstance(among, t.Both):
        return _call_of_set(among.left) or _call_of_set(among.right)
    return None


def _call_aggregate(_call: Any, fn: str) -> Any:
    """ "more EU money than the call's average" (its figure named by the comparison)."""
    return t.Agg(fn, "", THE_CALL) if fn in ("average", "median") else None


def within(among: Any, cmp: str, inner: Any) -> Any:
    """ "projects in the first call"; "the project with the largest budget in the first
    call" ranks within the call."""
    if cmp != "during" or isinstance(inner, t.Named):
        return None
    if isinstance(among, t.Best):
        return among._replace(among=both(among.among, inner) or inner)
    return both(among, inner)


def without(kept: Any, _not: Any, dropped: Any) -> Any:
    """ "projects outside the first call": a condition after it narrows what is kept."""
    if isinstance(kept, t.Named) and isinstance(dropped, t.Named):
        # "ECRI, CECIL and TCE without ECRI": the names shown, less some of them
        rest = tuple(a for a in kept.acronyms if a not in dropped.acronyms)
        some = set(dropped.acronyms) < set(kept.acronyms)
        return t.Named(rest) if some and len(rest) < len(kept.acronyms) else None
    if isinstance(kept, t.Named) or isinstance(dropped, t.Filter | t.Both | t.Every):
        return None  # "other than the projects that ended ...": what it drops is described
    if kept == dropped:
        return None
    return t.Without(kept, dropped)


def _except_first(_not: str | None, dropped: Any, root: Any) -> Any:
    """ "other than SmartSports4GoodLife, who had a budget over 280k?", "leaving call 2 out,
    what's the average EU grant?": the question asked of its set without those ("none of
    the projects ..." leaves out no named part)."""
    if _not != "excluding" or not isinstance(dropped, t.Named | t.InCall):
        return None
    return _base_without(root, dropped)


def _base_without(node: Any, dropped: Any) -> Any:
    """``node`` with the set it is asked of kept without ``dropped`` (the best of the rest,
    the projects meeting a condition but those); ``None`` when it is asked of no set."""
    if isinstance(node, t.Say):
        value = _base_without(node.value, dropped)
        return None if value is None else node._replace(value=value)
    among = getattr(node, "among", None)
    if among is None or isinstance(among, t.Named):
        return None
    if isinstance(among, t.Best):
        inner = _base_without(among, dropped)
        return None if inner is None else node._replace(among=inner)
    kept = without(among, None, dropped)
    return None if kept is None else node._replace(among=kept)


def _figure_without(v: Any, n: Any, dropped: Any) -> Any:
    """ "total EU money excluding SmartSports4GoodLife", "the average budget without
    MATERIALIX and CECIL": the figure of the set with those left out."""
    if not isinstance(v, t.Agg) or not isinstance(dropped, t.Named):
        return None
    kept = without(v.among, n, dropped)
    return None if kept is None else v._replace(among=kept)


def _without_figure(n: Any, dropped: Any, v: Any) -> Any:
    """ "not counting SmartSports4GoodLife, what's the total budget of call 2?" """
    return _figure_without(v, n, dropped)


def best(among: Any, pick: Pick) -> Any:
    if isinstance(among, t.Named) and len(among.acronyms) < 2:
        return None
    return t.Best(
        among, pick.field, pick.descending, pick.offset, pick.places, pick.dated, pick.assumed
    )


def _and_best(among: Any, _and: Any, pick: Pick) -> Any:
    """ "the project that started with CLUSGRID and had the largest budget": the best of a
    described set."""
    return best(among, pick) if isinstance(among, t.Filter) else None


def also_than(among: Any, more: Sup, field: str) -> Any:
    """ "a bigger budget than A but a smaller grant": the second test against A too."""
    if not isinstance(among, t.Filter) or not isinstance(among.value, t.Of):
        return None
    value = t.Of(field, among.value.among)
    return t.Filter(among, field, COMPARATIVE[more.descending], value)


def _paid_itself(c: Cond, own: str) -> Any:
    """ "paid more than 25% of their budget themselves": the condition on what a project paid
    itself, not on what it received."""
    return c._replace(field=own) if c.field != own else None


def _pick_itself(p: Pick, own: str) -> Any:
    """ "which project paid the most itself": ranked by what it paid, not what it received."""
    return p._replace(field=own) if p.field != own else None


def _value_alone(value: Any, own: str) -> Any:
    """ "more than SmartSports4GoodLife's budget on its own": one project's figure, alone
    (not what it paid itself)."""
    return value if isinstance(value, t.Of) and value.field not in (own, None) else None


def _and_also_than(among: Any, _and: Any, more: Sup, field: str) -> Any:
    """ "more EU money than A and a smaller budget": the second test against A too."""
    return also_than(among, more, field)


# -- values ----------------------------------------------------------------------------------
def of(field: str | None, among: Any) -> Any:
    """A field of a set; of a call it is the call's total ("the budget of call 2"), an
    aggregate the readers and ``aggregate`` say."""
    if isinstance(among, t.InCall) and field is not None:
        return t.Agg("total", field, among)  # a sum where summing means something
    return None if isinstance(among, t.Every) else t.Of(field, among)


def aggregate(fn: str, field: str, among: Any) -> Any:
    if isinstance(among, t.Named) and len(among.acronyms) < 2:
        return None
    if isinstance(among, t.Best) and among.limit == 1 and fn in ("average", "median", "range"):
        return None  # "the average budget of the cheapest project" is no average
    return t.Agg(fn, field, among)


def _its(node: Any, among: Any) -> Any:
    """``node`` with "its" (a field of no set yet, or "its call") made ``among``'s."""
    if isinstance(node, t.Of) and node.among is None:
        return node._replace(among=among)
    if isinstance(node, t.Agg) and node.among == t.CallOf(None):  # "the average in its call"
        return node._replace(among=t.CallOf(among)) if isinstance(among, t.Named) else None
    if isinstance(node, t.Calc):
        return node._replace(left=_its(node.left, among), right=_its(node.right, among))
    return node


def _named_in(node: Any) -> Any:
    """The one project a calculation's first figure is of ("ECRI's budget times two")."""
    if isinstance(node, t.Calc):
        return _named_in(node.left)
    named = isinstance(node, t.Of) and isinstance(node.among, t.Named)
    return node.among if named and len(node.among.acronyms) == 1 else None


def calc(op: str, left: Any, right: Any) -> Any:
    """``left op right``; a side named without its field takes the other's ("A's budget
    minus B's", "how many times does A's grant fit into B's"), and a field of "its" the
    other's project ("ECRI's budget than its EU contribution")."""
    if isinstance(left, t.Of):
        right = _its(right, left.among)
    elif isinstance(left, t.Calc) and (whose := _named_in(left)) is not None:
        right = _its(right, whose)  # "ECRI's budget times two, minus its EU grant"
    if isinstance(left, t.Agg) and isinstance(right, t.Of) and right.among is None and right.field:
        right = t.Agg(left.fn, right.field, left.among)  # "A, B and C's budgets minus their EU"
    if isinstance(right, t.Agg) and not right.field and (named := _field(left)):
        right = right._replace(field=named)  # "than the average": of the same figure
    elif isinstance(left, t.Agg) and not left.field and (named := _field(right)):
        left = left._replace(field=named)  # "how far above the average is X's budget"
        if isinstance(right, t.Agg):  # "the mean and the median budget in call 2": both
            left = left._replace(among=right.among)
    if isinstance(right, t.Of) and right.field is None:
        right = _like(left, right.among)
    elif isinstance(left, t.Of) and left.field is None:
        left = _like(right, left.among)
    if _times_elided(right) and (named := _field(left)):  # "more than twice the smallest"
        right = right._replace(left=right.left._replace(field=named))
    if isinstance(left, t.Const) and op in ("difference", "sum") and _field(right) is not None:
        return t.Calc(op, left, right)  # "250k minus TCE's budget"
    if left is None or right is None or _field(left) is None or left == right:
        return None
    if op == "sum" and _counted_twice(left, right):
        return None
    return t.Calc(op, left, right)


def _times_elided(value: Any) -> bool:
    """ "twice the smallest", "three times ECRI's": a multiple of a figure not yet named."""
    if not (isinstance(value, t.Calc) and value.op == "times"):
        return False
    return isinstance(value.left, t.Of | t.Agg) and not value.left.field


def _counted_twice(left: Any, right: Any) -> bool:
    """ "the total of all projects plus the total of some of them": a sum that counts the
    same projects twice is never what was asked."""
    totals = isinstance(left, t.Agg) and isinstance(right, t.Agg) and left.field == right.field
    return totals and t.Every() in (left.among, right.among)


def share(whole: Any, part: Any) -> Any:
    """The part of ``whole`` (an aggregate over a set) that the set ``part`` has."""
    if isinstance(whole, t.Agg):
        if isinstance(part, t.Named) and len(part.acronyms) == 1:
            return t.Calc("share", t.Of(whole.field, part), whole)
        return t.Calc("share", t.Agg(whole.fn, whole.field, both(whole.among, part) or part), whole)
    return None


def _like(value: Any, among: Any) -> Any:
    """The value ``value`` measures, of another set: "the 2nd call's total than the 1st's"."""
    if isinstance(value, t.Agg):
        return aggregate(value.fn, value.field, among)
    field = _field(value)
    return None if field is None or isinstance(among, t.InCall | t.Every) else t.Of(field, among)


def _field(value: Any) -> str | None:
    if isinstance(value, t.Of | t.Agg):
        return value.field
    if isinstance(value, t.Calc):  # "250k minus TCE's budget": the figure's, on the right
        return _field(value.left) or (_field(value.right) if value.op != "grain" else None)
    return None


# -- conditions -------------------------------------------------------------------------------
def _every_of(_every: Any, s: Any) -> Any:
    """ "more than every second-call project": a figure of each of a set, compared at its
    extreme (``cond``)."""
    return None if isinstance(s, t.Named) and len(s.acronyms) == 1 else t.Agg("every", "", s)


EXTREME_OF_EVERY = {"gt": "max", "ge": "max", "lt": "min", "le": "min"}


def cond(field: str | None, op: str, value: Any) -> Any:
    if isinstance(value, t.Agg) and value.fn == "every":  # "more than every": than the most
        value = value._replace(fn=EXTREME_OF_EVERY.get(op, ""))
    if isinstance(value, t.Agg) and not value.field:  # "a higher budget than average"
        if field is None:
            return None
        value = value._replace(field=field)
    if isinstance(value, t.Of) and value.field is None:
        if field is None:
            return None
        value = t.Of(field, value.among)
    elided = isinstance(value, t.Calc) and value.op == "times" and isinstance(value.left, t.Of)
    if elided and value.left.field is None:  # "at least 1.5 times ECRI's": ECRI's that figure
        if field is None:
            return None
        value = value._replace(left=t.Of(field, value.left.among))
    field = field or _field(value)
    pair = isinstance(value, t.Of) and isinstance(value.among, t.Named)
    if op == "between" and pair and len(value.among.acronyms) == 2:  # "between A and B"
        low, high = (t.Of(value.field, t.Named((a,))) for a in value.among.acronyms)
        value = t.Calc("range", low, high)
    one = isinstance(value, t.Of) and isinstance(value.among, t.Named)
    if op == "between" and (one or isinstance(value, t.Agg)):
        return None  # "between ECRI's end": between needs two ends
    of_every = isinstance(value, t.Of) and isinstance(value.among, t.Every)
    # ("more EU money in total": no project is above all of them together)
    if of_every or (op in ("gt", "ge") and _sum_of_all(value, field)):
        return None
    return Cond(field, op, value)


def _sum_of_all(value: Any, field: str | None) -> bool:
    """Whether ``value`` is the sum of ``field`` over every project (its own included)."""
    every = isinstance(value, t.Agg) and isinstance(value.among, t.Every)
    return every and value.fn in ("sum", "total") and value.field == field


def negated(c: Cond) -> Cond:
    return c._replace(negated=not c.negated)


def near(field: str, cmp: str, margin: Any, value: Any) -> Any:
    """ "an EU contribution within 10,000 of TCE's" (not "from 260,000 to 270,000"), "no
    more than 2,000 euro away from TCE's"."""
    if cmp not in ("during", "le") or isinstance(value, t.Const):
        return None
    if not isinstance(margin, t.Const) or not isinstance(margin.value, int | float | Share):
        return None  # "within 10,000 of", "within 5% of" (a share of the figure)
    target = cond(field, "within", value)
    return None if target is None else target._replace(value=(margin.value, target.value))


# -- roots ------------------------------------------------------------------------------------
def say(value: Any) -> Any:
    elapsed = isinstance(value, t.Calc) and value.op == "elapsed"  # between two days said
    if isinstance(value, t.Const) or (not _field(value) and not elapsed):
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


def how_much_more(_q: Any, more: Sup, a: Any, b: Any) -> Any:
    """ "how much bigger was A than B": A - B (said as less when it is below zero: "how much
    smaller was A than B" is A - B too, and its percentage is of B)."""
    return calc("difference", a, b)


def extremes(cmp: str, a: Sup, _and: Any, b: Sup) -> Any:
    """ "between the largest and the smallest": both ends of a set."""
    return "range" if cmp == "between" and a.descending != b.descending else None


def check(a: Any, more: Sup, b: Any) -> Any:
    """ "did A get more than B?": a yes/no between two values."""
    value = calc("difference", a, b)
    return None if value is None else t.Check(COMPARATIVE[more.descending], value.left, value.right)


def _check_cmp(a: Any, cmp: str, b: Any) -> Any:
    """ "is the biggest budget over twice the smallest?": "over", "under" between two
    figures, or a total and a typed number ("is the 2nd call's total over 1.5m?"); never
    a project's figure and a typed number: that is a condition."""
    typed = isinstance(b, t.Const) and (isinstance(a, t.Of) or not isinstance(a, t.Agg | t.Calc))
    each = isinstance(a, t.Agg) and a.fn == "every"  # "did all of them get over 230k?": each
    if cmp not in COMPARATIVE.values() or isinstance(a, t.Const) or typed or each:
        return None
    return check(a, Sup(cmp == "gt"), b)


def which(more: Sup, a: Any, b: Any) -> Any:
    """ "which is bigger: A or B?": the larger (smaller) of two values of one kind (two
    figures, never a bare number)."""
    if isinstance(a, t.Const) or isinstance(b, t.Const):
        return None
    value = calc("difference", a, b)
    return None if value is None else t.Which(more.descending, value.left, value.right)


def _one(s: Any) -> bool:
    """Whether a set is one project: named, or the one ranked first by a figure."""
    if isinstance(s, t.Named):
        return len(s.acronyms) == 1
    return isinstance(s, t.Best) and s.limit == 1


def _field_more_which(f: str, more: Sup, a: Any, b: Any) -> Any:
    """ "which started earlier, the project with the highest budget or ECRI?" (two named
    are the readers' comparison)"""
    named = isinstance(a, t.Named) and isinstance(b, t.Named)
    if not (_one(a) and _one(b)) or a == b or named:
        return None
    return which(more, t.Of(f, a), t.Of(f, b))


def _call_of_single(c: Any, _single: Any, p: Pick) -> Any:
    """ "which call had the single largest EU grant": the call of the project picked."""
    top = best(t.Every(), p)
    return t.Say(of(c, top)) if isinstance(c, str) and top is not None and p.places == 1 else None


def _single_set(_single: Any, s: Any) -> Any:
    """ "every single project", "the single biggest project by budget": the projects, or
    the one project, themselves."""
    return s if isinstance(s, t.Every | t.InCall | t.Best) else None


def _is_best(s: Any, p: Pick) -> Any:
    """ "did ECRI get the most EU money?": whether the one project named is the top."""
    top = best(t.Every(), p)
    single = isinstance(s, t.Named) and len(s.acronyms) == 1
    return t.IsBest(s, top) if single and top is not None and p.places == 1 else None


def _is_best_set(s: Any, top: Any) -> Any:
    """ "was ECRI the project with the most EU money?", "is TCE the call 1 project with the
    smallest budget?": whether the one project named is the one described."""
    single = isinstance(s, t.Named) and len(s.acronyms) == 1
    ranked = isinstance(top, t.Best) and top.limit == 1 and not top.offset
    return t.IsBest(s, top) if single and ranked else None


def _is_best_by_default(s: Any, p: Pick, _set: Any) -> Any:
    """ "is SmartSports4GoodLife the biggest project?" (by the default figure, as said)."""
    return _is_best(s, p) if isinstance(_set, t.Every) else None


def _which_after(a: Any, b: Any, more: Sup) -> Any:
    """ "A or B: which is bigger?" """
    return which(more, a, b)


def _which_versus(a: Any, _vs: Any, b: Any, more: Sup) -> Any:
    """ "smallest budget of call 1 vs smallest budget of call 2 - which one is lower?" """
    return which(more, _picked_figure(a), _picked_figure(b))


def _picked_figure(v: Any) -> Any:
    """ "the smallest budget of call 1" as a figure: that budget of the project picked."""
    if isinstance(v, t.Of) and v.field is None and isinstance(v.among, t.Best):
        return t.Of(v.among.field, v.among)
    return v


def _which_field(more: Sup, s: Any, f: str, g: str) -> Any:
    """ "which is larger for CECIL: total budget or EU contribution?" """
    return None if f == g else which(more, of(f, s), of(g, s))


def _field_which(s: Any, f: str, g: str, more: Sup) -> Any:
    """ "CECIL's total budget or its EU contribution: which is larger?" """
    return _which_field(more, s, f, g)


def per_call(value: Any, _per: Any) -> Any:
    if isinstance(value, t.Agg):
        return t.PerCall(value.fn, value.field, value.among)
    return None


# -- small meanings the table names (each one line of it) -----------------------------------
def _in_set(a: Any, cmp: str, b: Any) -> Any:
    return within(a, cmp, b)


def _and_where(s: Any, _and: Any, c: Cond) -> Any:
    return filtered(s, c)


def _not_in(a: Any, n: Any, cmp: str, b: Any) -> Any:
    """ "projects not in the first call" (not "not more than X": that is a condition)."""
    return without(a, n, b) if cmp == "during" else None


def _pick_set(p: Pick, s: Any) -> Any:
    return best(s, p)


def _n_pick_set(n: int, p: Pick, s: Any) -> Any:
    """ "the 5 biggest projects", "3 cheapest call-1 projects" """
    return _top_n(n, s, p)


def _sup_set_field(u: Sup, s: Any, f: str) -> Any:
    return best(s, Pick(f, *u))


def _sup_set_by(u: Sup, s: Any, _by: Any, f: str) -> Any:
    """ "the second-largest project by budget" """
    return best(s, Pick(f, *u))


def _ordinal_sup(n: int, u: Sup) -> Sup:
    return Sup(u.descending, n - 1, dated=u.dated)


def _ordinal_pick(n: int, p: Pick) -> Pick | None:
    """ "the second cheapest": the place after the first."""
    return p._replace(offset=n - 1) if not p.offset and p.places == 1 and 1 <= n <= 1000 else None


def _places_sup(n: int, _and: Any, m: int, u: Sup) -> Sup | None:
    """ "the 6th and 7th largest": places side by side."""
    low, high = sorted((n, m))
    return Sup(u.descending, low - 1, high - low + 1, u.dated) if 1 <= high - low <= 2 else None


def _n_sup(n: Any, u: Sup) -> Sup | None:
    """ "the three smallest": the first n places."""
    whole = isinstance(n, int) or (isinstance(n, float) and n.is_integer())
    return (
        Sup(u.descending, u.offset, int(n), u.dated)
        if whole and 2 <= n <= 1000 and u.places == 1
        else None
    )


def _agg_pick(a: str, p: Pick) -> Any:
    """ "the sum of the EU grants of the top 3": an aggregate of the places picked."""
    return t.Agg(a, p.field, best(t.Every(), p)) if p.places > 1 else None


def _pick_agg(p: Pick, a: str) -> Any:
    """ "the three biggest EU grants added up" """
    return _agg_pick(a, p)


def _pick_restated(p: Pick, f: str) -> Any:
    """ "top 3 own contribution (total minus EU)": the same figure said again."""
    return p if f == p.field else None


def _places_of_all(p: Pick) -> Any:
    """ "the 6th and 7th largest budgets": those places among all the projects."""
    return best(t.Every(), p) if p.places > 1 else None


def _places_by(n: int, _and: Any, m: int, o: Order) -> Any:
    """ "who are 6th and 7th by total budget": largest first unless said."""
    sup = _places_sup(n, None, m, Sup(o.descending is not False))
    return None if sup is None else t.Best(t.Every(), o.field, *sup)


def _place_by(n: int, o: Order) -> Any:
    """ "the runner-up by total budget", "the third by EU money": largest first unless said."""
    return t.Best(t.Every(), o.field, o.descending is not False, n - 1) if n > 1 else None


def _sup_field(u: Sup, f: str) -> Pick:
    return Pick(f, *u)


def _field_sup(f: str, u: Sup) -> Pick:
    return Pick(f, *u)


def _top_field(u: Sup, f: str) -> Pick | None:
    """ "the top EU grant": the largest ("first" alone is a place in a list, no figure's)."""
    return Pick(f, *u) if u.descending else None


def _top_n(n: int, s: Any, p: Pick) -> Any:
    """ "the three projects with the largest budgets": the first three by that field."""
    found = best(s, p)
    return None if found is None or n < 2 else found._replace(limit=int(n))


def _top_n_by(more: Sup, n: int, s: Any, o: Order) -> Any:
    """ "top 3 projects by own contribution", "bottom 2 by budget" """
    descending = more.descending if o.descending is None else o.descending
    return _top_n(n, s, Pick(o.field, descending))


def _flagged(s: Any, _flag: Any) -> Any:
    """ "which projects have inconsistent figures?" """
    return t.Flagged(s)


def _flagged_all(_flag: Any) -> Any:
    """ "any inconsistencies?" """
    return t.Flagged(t.Every())


def _flagged_fields(s: Any, f: str, _flag: Any, g: str) -> Any:
    """ "projects whose EU figure doesn't fit with their total budget" """
    return t.Flagged(s, (f, g)) if f != g else None


def _field_member(f: str, s: Any, _m: Any) -> Any:
    """ "which call was it part of?": the field of the set."""
    return of(f, s)


def _field_of_pick(f: str, p: Pick, _m: Any) -> Any:
    """ "which call did the second-largest EU grant belong to?": the project with it."""
    return of(f, best(t.Every(), p)) if f != p.field else None


def _field_of_pick_in(f: str, p: Pick, c: str) -> Any:
    """ "which call was the second-largest EU grant in?" """
    return _field_of_pick(f, p, None) if c == "during" else None


def _set_field_member(s: Any, f: str, _m: Any) -> Any:
    return of(f, s)


def _set_member_call(s: Any, _m: Any, c: str) -> Any:
    """ "the cheapest project belonged to which call?" """
    return of(c, s)


def _set_member_share(p: Any, _m: Any, w: Any) -> Any:
    """ "the second call's part of all EU funding" """
    return share(w, p)


def _sup_set_pick(u: Sup, s: Any, p: Pick) -> Any:
    """ "the cheapest project (lowest total budget)": the superlative, said twice."""
    return best(s, p) if u.descending == p.descending else None


def _call_more_agg_field(_c: Any, u: Sup, a: str, f: str) -> Any:
    """ "which call had the wider range of total budgets" """
    return t.BestCall(a, f, u.descending)


def _roughly(c: str, v: Any) -> Any:
    """ "roughly how many times bigger": a figure worked out is already exact."""
    return v if c == "closest" and isinstance(v, t.Calc) else None


def _top_n_all(n: int, p: Pick) -> Any:
    return _top_n(n, t.Every(), p)


def _in_order(s: Any, d: bool) -> Any:
    """ "the 4 smallest, lowest first": an order that agrees with the ranking."""
    return s if isinstance(s, t.Best) and s.limit > 1 and s.descending == d else None


def _fields_of_all(f: str, _all: Any, s: Any) -> Any:
    """ "the total budgets of all the projects", "all EU contributions": each one's figure
    (the plural says so)."""
    return t.Of(f, s)


def _count_field(_c: Any, f: str, s: Any) -> Any:
    """ "how many countries took part": a count of a field's values, which the page may not
    publish."""
    return None if isinstance(s, t.Named) else t.CountField(f, s)


def _field_of_all(f: str, _all: Any, s: Any) -> Any:
    """ "the total budget of all the projects": the figure of them all together (a sum
    where summing means something); "of each project": each one's figure."""
    if _all == "each":
        return t.Of(f, s)
    return None if isinstance(s, t.Named) else t.Agg("total", f, s)


def _count_field_all(c: Any, f: str) -> Any:
    """ "how many different start dates are there?": of all the projects."""
    return _count_field(c, f, t.Every())


def _count_field_each(c: Any, f: str, fn: str) -> Any:
    """ "number of partners per project": a count of a field's values for each project."""
    return _count_field(c, f, t.Every()) if fn == "average" else None


def _average_count_field(fn: str, c: Any, f: str, per: str) -> Any:
    """ "avg number of partners per project" """
    return _count_field_each(c, f, per) if fn == "average" else None


def _overlap(f: str, op: str, v: Any) -> Any:
    """ "which projects ran at the same time as CLUSGRID": their runs overlap."""
    if op != "overlap" or not (isinstance(v, t.Of) and v.field is None):
        return None
    return Cond(f, "overlap", t.Of(f, v.among))


def _least_of_it(s: Any, u: Sup) -> Any:
    """ "among projects that put in some money of their own, who put in the least?": the
    extreme of the figure the set was described by."""
    if not isinstance(s, t.Filter) or s.field is None:
        return None
    return t.Best(s, s.field, u.descending)


def _field_ranking(f: str, _rank: Any) -> Any:
    """ "the budget ranking": an order by that field."""
    return _by_field(None, f)


def _in_the_ranking(c: str, o: Order) -> Any:
    """ "in the budget ranking" """
    return o if c == "during" else None


def _next_in_order(c: str, s: Any, o: Order) -> Any:
    """ "the project just below RUE AERO when ranked by total budget": the nearest on that
    side of its figure."""
    if c not in ("lt", "gt") or not (isinstance(s, t.Named) and len(s.acronyms) == 1):
        return None
    beyond = t.Filter(t.Every(), o.field, c, t.Of(o.field, s))
    return t.Best(beyond, o.field, c == "lt")


def _between_values(f: str, c: str, a: Any, _and: Any, b: Any) -> Any:
    """ "projects with EU funding between TCE's and CECIL's" """
    ends = [_with_field(v, f) or v for v in (a, b)]
    if c != "between" or not all(isinstance(v, t.Of) and v.field == f for v in ends):
        return None
    return Cond(f, "between", t.Calc("range", ends[0], ends[1]))


def _running_when(f: str, v: Any) -> Any:
    """ "which projects were running when ECRI started?": running on that day; "did every
    project last 24 months?": a length, exactly; "co-financed at 75%": a share, exactly."""
    if isinstance(v, t.Const) and isinstance(v.value, Duration | Share):
        return Cond(f, "eq", v)
    if not (isinstance(v, t.Of) and v.field is not None and v.field != f):
        return None
    return Cond(f, "during", v)


def _already(_already: Any, c: Any) -> Any:
    """ "already under way when CLUSGRID started": running on that day, begun before it."""
    return c._replace(op="already") if isinstance(c, Cond) and c.op == "during" else None


def _length_of(v: Any, f: str) -> Any:
    """ "24 months long": a length, exactly."""
    return Cond(f, "eq", v) if isinstance(v, t.Const) and isinstance(v.value, Duration) else None


def _the_day(unit: str, v: Any) -> Any:
    """ "on the day INNO-DROP kicked off": that date."""
    return v if unit == "days" and isinstance(v, t.Of) and v.field is not None else None


def _still_running(_now: Any, f: str) -> Any:
    """ "still running", "still going": running today."""
    return Cond(f, "during", t.Today())


def _running_now(f: str, _now: Any) -> Any:
    """ "active now", "running these days": running today."""
    return Cond(f, "during", t.Today())


def _still(_now: Any, c: Cond) -> Any:
    """ "still going when INNO-DROP began": running on that day (and since before it); "still
    running by the time CLUSGRID ended": on that day too."""
    if c.op == "by" and isinstance(c.value, t.Of) and c.value.field not in (None, c.field):
        c = c._replace(op="during")
    dated = isinstance(c.value, t.Const) and isinstance(c.value.value, When)  # "still ... in 2021"
    return c if c.op == "during" and (isinstance(c.value, t.Of) or dated) else None


def _holds(s: Any, c: Cond) -> Any:
    """ "was 5FOREXCELLENCE still going when INNO-DROP began?": whether a named project
    meets a condition (asked yes or no)."""
    if not isinstance(s, t.Named) or c.field is None or isinstance(c.value, t.Const):
        return None  # "did ECRI get more than 150k?" is the readers' (flat)
    if c.op in COMPARATIVE.values() and not c.negated:  # "more than INNO-DROP": a check
        value = t.Of(c.value.field, s) if isinstance(c.value, t.Own) else _its(c.value, s)
        return t.Check(c.op, t.Of(c.field, s), value)
    return t.Exists(t.Filter(s, c.field, c.op, c.value, c.negated))


def _set_listed(s: Any, _l: Any) -> Any:
    """ "more EU money than TCE - list please": the list asked for after the set."""
    return _list_set(None, s)


def _together(v: Any, a: str) -> Any:
    """ "add A, B and C's EU contributions together": the sum said twice."""
    if isinstance(v, t.Calc) and v.op == "rate" and a == "average":  # "per month, on average"
        return v
    several = isinstance(v, t.Of) and isinstance(v.among, t.Named) and len(v.among.acronyms) > 1
    if several and a in ("sum", "average"):  # "CECIL's and ECRI's grants combined"
        return t.Agg(a, v.field, v.among)
    return v if isinstance(v, t.Agg) and v.fn in (a, "total" if a == "sum" else a) else None


def _within_period(v: Any, c: str, period: Any) -> Any:
    """ "SmartSports4GoodLife's run in 2020": the days of it in that period."""
    if c != "during" or not isinstance(period, t.Const) or not isinstance(v, t.Of):
        return None
    return t.Calc("within", v, period)


def _run_within(f: str, c: str, period: Any) -> Any:
    """ "(the days) it ran within 2020", its project said before ("X: ...")."""
    return _within_period(t.Of(f, t.Every()), c, period)


def _days_of(_count: Any, unit: str, v: Any) -> Any:
    """ "how many days did X run in 2020", "number of days ...": that figure, in days; "how
    many days did the project with the smallest EU grant run": its run, in days."""
    if isinstance(v, t.Of) and v.field is not None and not isinstance(v.among, t.Named):
        return t.Calc("length", v, t.Const(unit))  # a named project's: the readers'

    return v if unit == "days" and isinstance(v, t.Calc) and v.op == "within" else None


def _about_first(s: Any, v: Any) -> Any:
    """ "SmartSports4GoodLife: number of days it ran within 2020": the project named first."""
    if _group(s) and isinstance(v, t.Calc) and v.op in ("difference", "sum"):
        # "call 1: EU contributions minus budgets, in total": both figures of that group
        sides = [_regrouped(x, s) for x in (v.left, v.right)]
        return None if sides == [v.left, v.right] else v._replace(left=sides[0], right=sides[1])
    within = isinstance(v, t.Calc) and v.op == "within" and isinstance(v.left, t.Of)
    if not within or not isinstance(v.left.among, t.Every) or not isinstance(s, t.Named):
        return None
    return v._replace(left=t.Of(v.left.field, s))


def _group(s: Any) -> bool:
    """A set of several projects: a call's, or two or more named."""
    return isinstance(s, t.InCall) or (isinstance(s, t.Named) and len(s.acronyms) > 1)


def _regrouped(x: Any, s: Any) -> Any:
    """An aggregate over every project, taken over ``s`` instead."""
    return x._replace(among=s) if isinstance(x, t.Agg) and isinstance(x.among, t.Every) else x


def _year_of(unit: str, c: Any) -> Any:
    """ "calendar year 2020": the year."""
    return c if unit == "years" and isinstance(c, t.Const) else None


def _positive(_some: Any, f: str) -> Any:
    """ "projects that put in some money of their own": that figure above zero."""
    return Cond(f, "gt", t.Const(0))


def _negative(_neg: Any, f: str) -> Any:
    """ "a negative own contribution": that figure below zero."""
    return Cond(f, "lt", t.Const(0))


def _field_negative(f: str, _neg: Any) -> Any:
    """ "whose own contribution is negative" """
    return _negative(None, f)


def _overlapping(f: str, v: Any) -> Any:
    """ "which projects overlapped with SmartSports4GoodLife?" """
    return _overlap(f, "overlap", v)


def _overlap_field(op: str, f: str, v: Any) -> Any:
    """ "which projects overlapped in time with 5FOREXCELLENCE" """
    return _overlap(f, op, v)


def _other_where(_not: Any, s: Any, c: Cond) -> Any:
    """ "did any other project end in the same year as X?": a condition on another
    project's value never keeps that project, so "other" is already said."""
    named = [n for n in t.nodes(c.value) if isinstance(n, t.Named)] if c.value else []
    return filtered(s, c) if named and not c.negated else None


def _share_of_own(f: str, c: str, pct: Any, g: str) -> Any:
    """ "the EU paid more than 90% of the budget": each project's field against a part of
    another field of its own."""
    points = getattr(pct.value, "points", None) if isinstance(pct, t.Const) else None
    if points is None or f == g or c not in COMPARATIVE.values():
        return None
    return Cond(f, c, t.Calc("times", t.Own(g), t.Const(points / 100)))


def _margin_more(c: str, amount: Any, more: Sup, f: str, v: Any) -> Any:
    """ "at least 20,000 more EU money than CLUSGRID": beyond the other's value by a margin."""
    if c not in ("ge", "gt") or not isinstance(amount, t.Const):
        return None
    base = _with_field(v, f)
    op_of = c if more.descending else {"ge": "le", "gt": "lt"}[c]
    if base is not None and isinstance(amount.value, Share):  # "more than 10% above CECIL's"
        factor = 1 + amount.value.points / 100 * (1 if more.descending else -1)
        return Cond(f, op_of, t.Calc("times", base, t.Const(round(factor, 6))))
    if base is None or not isinstance(amount.value, int | float):
        return None
    op = "sum" if more.descending else "difference"
    return Cond(f, op_of, t.Calc(op, base, amount))


def _margin_above(f: str, c: str, amount: Any, direction: str, v: Any) -> Any:
    """ "a budget more than 50k above COSMENERG's": beyond the other's value by a margin."""
    if direction not in ("gt", "lt"):
        return None
    return _margin_more(c, amount, Sup(direction == "gt"), f, v)


def _beats_by(f: str, more: Sup, v: Any, _by: Any, c: str, amount: Any) -> Any:
    """ "whose budget beats COSMENERG's by more than 50k" """
    return _margin_more(c, amount, more, f, v)


def _field_agg(f: str, a: str) -> Any:
    """ "the EU money in total", "EU funding overall" """
    return aggregate(a, f, t.Every())


def _per_count(p: Any, _c: Any, s: Any) -> Any:
    """ "for every call, how many projects were funded?" """
    return t.PerCall("count", None, s)


def _sets_compared(fn: str, f: str, a: Any, _c: Any, b: Any) -> Any:
    """ "the total EU contribution of call 1 versus call 2" """
    return _two_sets(fn, f, a, None, b)


def _one_versus_one(a: Any, _c: Any, f: str, b: Any) -> Any:
    """ "did the cheapest project get more or less EU money than CLUSGRID?": which of the two
    projects has the larger figure, and both figures."""
    if not (_one(a) and _one(b)) or a == b:
        return None
    return which(Sup(True), t.Of(f, a), t.Of(f, b))


def _one_on_field_versus_one(a: Any, f: str, c: Any, b: Any) -> Any:
    """ "did the cheapest project start before or after TCE?" """
    return _one_versus_one(a, c, f, b)


def _figure_versus_set(v: Any, _c: Any, b: Any) -> Any:
    """ "tot budget call 1 vs call 2", "median EU grant in the first call compared with the
    second": the same figure of another group, and the gap."""
    if not isinstance(v, t.Agg) or isinstance(b, t.Named) or v.among == b:
        return None
    return _two_sets(v.fn, v.field, v.among, None, b)


def _call_more_field_agg(_c: Any, u: Sup, f: str, a: str) -> Any:
    """ "which call got more EU money on average?" """
    return t.BestCall(a, f, u.descending)


def _call_set_more_agg(c: Any, _s: Any, u: Sup, f: str, a: str) -> Any:
    """ "which call's projects got more money on average?" """
    return _call_more_field_agg(c, u, f, a)


def _call_more_field_set_agg(c: Any, u: Sup, f: str, s: Any, a: str) -> Any:
    """ "which call had the longer-running projects on average?" """
    return _call_more_field_agg(c, u, f, a) if isinstance(s, t.Every) else None


def _call_set_field_more_agg(c: Any, _s: Any, f: str, u: Sup, a: str) -> Any:
    """ "which call's projects lasted longer on average?" """
    return _call_more_field_agg(c, u, f, a)


def _nth_to(n: int, s: Any, f: str) -> Any:
    """ "the first project to end", "the second project to start": counted from the start."""
    return best(s, Pick(f, False, n - 1))


def _first_n_to(n: int, count: int, s: Any, f: str) -> Any:
    """ "the first two projects to wrap up": the earliest two (ties said by the saying)."""
    if n != 1 or not isinstance(count, int) or count < 2:
        return None
    return best(s, Pick(f, False, 0, count))


def _first_pick(f: str, n: int) -> Any:
    """ "the project that ended first": the earliest (a first of many is a ranking)."""
    return Pick(f, False) if n == 1 else None


def _field_in(f: str, s: Any, c: str) -> Any:
    """ "which call was X in?": a trailing "in" belongs to the field."""
    return of(f, s) if c == "during" else None


def _field_per_call(f: str, p: Any) -> Any:
    return t.PerCall("sum", f, t.Every())


def _call_sup_agg_field(_c: Any, u: Sup, a: str, f: str) -> Any:
    return t.BestCall(a, f, u.descending)


def _rescoped(c: str, s: Any, v: Any) -> Any:
    """ "In the first call, what was the budget of the project with the largest grant?" """
    if c != "during":
        return None
    if isinstance(v, t.Of) and isinstance(v.among, t.Best):
        return v._replace(among=within(v.among, c, s))
    return narrowed(v, c, s)


def _call_heading(s: Any, v: Any) -> Any:
    """ "call 2: spread between the biggest and smallest EU grant": a call said first, as a
    heading, scopes the question as "in call 2" does (a project said so is the readers')."""
    return _rescoped("during", s, v) if isinstance(s, t.InCall) else None


def _sup_value(u: Sup, f: str) -> Any:
    return aggregate("max" if u.descending else "min", f, t.Every())


def _field_of_places(f: str, u: Sup, s: Any) -> Any:
    """ "the budgets of the three smallest projects": ranked by the figure asked for."""
    return of(f, best(s, Pick(f, *u))) if u.places > 1 else None


def _agg_of_places(a: str, f: str, u: Sup, s: Any) -> Any:
    """ "add up the budgets of the three smallest projects" """
    return t.Agg(a, f, best(s, Pick(f, *u))) if u.places > 1 else None


def _sup_set_value(u: Sup, s: Any, f: str) -> Any:
    """ "the biggest first-call budget": the largest figure among a set's."""
    return None if isinstance(s, t.Every) else aggregate("max" if u.descending else "min", f, s)


def _share_of_field(_s: Any, whole: Any, f: str) -> Any:
    """ "what percentage of the budget was not paid by the EU": a part of the same set."""
    if not isinstance(whole, t.Agg) or f == whole.field:
        return None
    return t.Calc("share", t.Agg(whole.fn, f, whole.among), whole)


def _cond_set(c: Cond) -> Any:
    return filtered(t.Every(), c)


def _same(f: str, _same: Any, unit: str, v: Any) -> Any:
    """ "ended in the same month as CLUSTEM": within the month of CLUSTEM's end; "as INNO-DROP
    started": of its start."""
    if not (isinstance(v, t.Of) and isinstance(v.among, t.Named)):
        return None
    return Cond(f, "during", t.Calc("grain", t.Of(v.field or f, v.among), t.Const(unit)))


def _same_as(same: Any, f: str, v: Any) -> Any:
    """ "the same end date as MATERIALIX": that figure equal to the other project's (which
    is not itself among them); "the same year as" is ``_same``."""
    if same not in (None, "same") or not (isinstance(v, t.Of) and isinstance(v.among, t.Named)):
        return None
    return cond(f, "eq", v)


def _field_same_as(f: str, same: Any, v: Any) -> Any:
    """ "ended on the same day as MATERIALIX" (a day is the date itself)."""
    return _same_as(None if same == "days" else same, f, v)


def _same_call(_same: Any, call: str, s: Any) -> Any:
    """ "projects from the same call as ECRI": the others in its call."""
    return Cond(call, "eq", t.Of(call, s)) if isinstance(s, t.Named) else None


def _in_same_call(c: str, _same: Any, call: str, s: Any) -> Any:
    return _same_call(_same, call, s) if c == "during" else None


def _in_same(f: str, _c: Any, s: Any, unit: str, v: Any) -> Any:
    return _same(f, s, unit, v)


def _in_unit_of(f: str, c: str, unit: str, v: Any) -> Any:
    """ "ended in the year INNO-DROP started": within the year of that date."""
    dated = isinstance(v, t.Of) and v.field is not None
    return _same(f, None, unit, v) if c == "during" and dated else None


def _own(f: str, op: str, g: str) -> Any:
    return None if f == g else Cond(f, op, t.Own(g))


def _more_own(u: Sup, f: str, g: str) -> Any:
    return _own(f, COMPARATIVE[u.descending], g)


def _field_more_own(f: str, u: Sup, g: str) -> Any:
    return _own(f, COMPARATIVE[u.descending], g)


def _field_not_more_own(f: str, _n: Any, u: Sup, g: str) -> Any:
    found = _own(f, COMPARATIVE[u.descending], g)
    return None if found is None else negated(found)


def _two_sets(fn: str, f: str, a: Any, _and: Any, b: Any, compared: bool = True) -> Any:
    """ "the median budgets of call 1 and call 2": the figure of each, and their gap; "the
    combined budget of call 1 and call 2": each total, and both together."""
    left, right = aggregate(fn, f, a), aggregate(fn, f, b)
    if left is None or right is None or a == b:
        return None
    joined = "sum" if fn == "sum" and not compared else "difference"
    return t.Several((t.Say(left), t.Say(right), t.Say(t.Calc(joined, left, right))))


def _figure_of_two_sets(fn: str, f: str, a: Any, _and: Any, b: Any) -> Any:
    return _two_sets(fn, f, a, _and, b, compared=False)


def _more_to_set_than_set(u: Sup, f: str, a: Any, b: Any) -> Any:
    """ "did the EU give more money to call 2 projects than to call 1 projects?": the totals
    of two groups compared (never of one project: that is a comparison of two projects)."""
    groups = not isinstance(a, t.Named) and not isinstance(b, t.Named) and a != b
    left, right = aggregate("total", f, a), aggregate("total", f, b)
    if not groups or left is None or right is None:
        return None
    return t.Check(COMPARATIVE[u.descending], left, right)


def _groups_which_more(a: Any, _vs: Any, b: Any, u: Sup, f: str) -> Any:
    """ "first call vs second call, which one got more EU money?": the larger total."""
    groups = not isinstance(a, t.Named) and not isinstance(b, t.Named) and a != b
    left, right = aggregate("total", f, a), aggregate("total", f, b)
    if not groups or left is None or right is None:
        return None
    return t.Which(u.descending, left, right)


def _either_which_more(a: Any, b: Any, u: Sup, f: str) -> Any:
    """ "call 1 or call 2, which had the larger total budget?" """
    calls = isinstance(a, t.InCall) and isinstance(b, t.InCall)
    return _groups_which_more(a, None, b, u, f) if calls else None


def _versus_how_much(a: Any, _vs: Any, b: Any, op: str, f: str, s: Any) -> Any:
    """ "COSMENERG vs CLUSGRID: how much more total budget did COSMENERG have?" """
    named = all(isinstance(x, t.Named) and len(x.acronyms) == 1 for x in (a, b, s))
    if not named or s not in (a, b) or a == b or op != "difference":
        return None
    return calc(op, t.Of(f, s), t.Of(f, b if s == a else a))


def _best_call_of_two(best: Any, a: Any, b: Any) -> Any:
    """ "which call had the larger total budget, call 1 or call 2?": the two calls named."""
    calls = isinstance(a, t.InCall) and isinstance(b, t.InCall) and a != b
    return best if calls and isinstance(best, t.BestCall) else None


def _best_call_of_ordinals(best: Any, a: int, b: int) -> Any:
    """ "which call had more projects, the first or the second?" """
    return _best_call_of_two(best, t.InCall(a), t.InCall(b))


def _groups_which_more_in_total(a: Any, _vs: Any, b: Any, u: Sup, f: str, total: str) -> Any:
    return _groups_which_more(a, None, b, u, f) if total == "sum" else None


def _field_more_to_set_than_set(f: str, u: Sup, a: Any, b: Any) -> Any:
    """ "did the EU give more to call 2 projects than to call 1 projects?" """
    return _more_to_set_than_set(u, f, a, b)


def _compare_two_sets(_c: Any, fn: str, f: str, a: Any, _and: Any, b: Any) -> Any:
    return _two_sets(fn, f, a, _and, b)


def _compare_groups(_c: Any, f: str, a: Any, _and: Any, b: Any) -> Any:
    """ "compare the total budgets of call 1 and call 2": each group's total, and the gap
    (two projects compared are a comparison of their own)."""
    if isinstance(a, t.Named) or isinstance(b, t.Named):
        return None
    return _two_sets("total", f, a, _and, b)


def _more_projects_than(a: Any, u: Sup, _funded: Any, b: Any) -> Any:
    """ "did call 2 have more projects than call 1?": how many each group has, compared."""
    if isinstance(a, t.Named) or isinstance(b, t.Named) or a == b or u.offset:
        return None
    counts = (t.Agg("count", "", a), t.Agg("count", "", b))  # (no field: how many)
    return t.Check(COMPARATIVE[u.descending], *counts)


def _compare_groups_by(c: Any, a: Any, _and: Any, b: Any, f: str) -> Any:
    """ "compare call 1 and call 2 total budgets" """
    return _compare_groups(c, f, a, _and, b)


def _check_than_ordinal(a: Any, more: Sup, f: str, n: int) -> Any:
    """ "did the first call get more EU money than the second?": the call left unsaid."""
    if not (isinstance(a, t.Of) and isinstance(a.among, t.InCall)):
        return None
    return _check_field(a, more, f, t.Of(None, t.InCall(n)))


def _pick_per_call(p: Pick, _per: Any) -> Any:
    """ "the largest EU grant in each call", "the 2 cheapest per call": the top places."""
    return t.PerCall("max" if p.descending else "min", p.field, t.Every(), p.offset, p.places)


def _set_pick_per(s: Any, p: Pick, per: Any) -> Any:
    """ "which project had the highest EU share in each call": the best of each call."""
    return _pick_per_call(p, per) if isinstance(s, t.Every) else None


def _pick_set_per(p: Pick, s: Any, per: Any) -> Any:
    """ "the cheapest project in each call" """
    return _set_pick_per(s, p, per)


def _per_set_pick(per: Any, s: Any, p: Pick) -> Any:
    """ "for each call, the project with the smallest budget" """
    return _set_pick_per(s, p, per)


def _best_per_call(s: Any, _per: Any) -> Any:
    """ "the biggest project by total budget in each round": the best of each call."""
    if not isinstance(s, t.Best) or not isinstance(s.among, t.Every):
        return None
    return t.PerCall("max" if s.descending else "min", s.field, t.Every(), s.offset, s.limit)


def _sup_per_by(u: Sup, s: Any, per: Any, _by: Any, f: str) -> Any:
    """ "biggest project per round by total budget" """
    return _best_per_call(best(s, Pick(f, *u)), per)


def _sup_per_call_by(u: Sup, per: Any, by: Any, f: str) -> Any:
    """ "top 2 per call by EU money" """
    return _sup_per_by(u, t.Every(), per, by, f)


def _sup_by_per_call(u: Sup, by: Any, f: str, per: Any) -> Any:
    """ "top 2 by EU money in each call" """
    return _sup_per_by(u, t.Every(), per, by, f)


def _per_best(per: Any, s: Any) -> Any:
    """ "per call, the project with the smallest EU grant" """
    return _best_per_call(s, per)


def _per_pick(per: Any, p: Pick) -> Any:
    """ "per call, the largest EU contribution" """
    return _pick_per_call(p, per)


def _set_field(s: Any, f: str) -> Any:
    return of(f, s)


def _each_of(f: str, s: Any) -> Any:
    """ "the budgets of the call 2 projects": each project's figure, where "the budget of
    call 2" is the call's total."""
    return t.Of(f, s) if isinstance(s, t.InCall) else None


def _of_the_programme(f: str, _programme: Any = None) -> Any:
    """ "the total budget of the whole programme": of all its projects together."""
    return t.Agg("sum", f, t.Every())


def _the_programmes(_programme: Any, f: str) -> Any:
    return _of_the_programme(f)


def _set_each(s: Any, f: str) -> Any:
    return _each_of(f, s)


def _pick_field(p: Pick, f: str) -> Any:
    """ "the oldest project's budget" (the noun said with the field): of the project picked."""
    return of(f, best(t.Every(), p))


def _elided(s: Any) -> Any:
    return t.Of(None, s)


def _agg_set_field(a: str, s: Any, f: str) -> Any:
    return aggregate(a, f, s)


def _set_agg_field(s: Any, a: str, f: str) -> Any:
    return aggregate(a, f, s)


def _field_set_agg(f: str, s: Any, a: str) -> Any:
    return aggregate(a, f, s)


def _agg_field(a: str, f: str) -> Any:
    return aggregate(a, f, t.Every())


def _value_op_value(a: Any, op: str, b: Any) -> Any:
    return calc(op, a, b)


def _op_value_and_value(op: str, a: Any, _and: Any, b: Any) -> Any:
    return calc(op, a, b)


def _add_a_to_b(op: str, a: Any, b: Any) -> Any:
    """ "add SmartSports4GoodLife's budget to that": B plus A."""
    return calc(op, b, a) if op == "sum" else None


def _how_far(_far: Any, a: Any, b: Any) -> Any:
    """ "how far below the average EU grant was ECRI's grant?": the gap between the two."""
    plain = all(isinstance(v, t.Of | t.Agg) for v in (a, b))
    return calc("difference", a, b) if plain else None


def _elapsed(_e: Any, v: Any) -> Any:
    """ "how long ago did ECRI end?": from that date to today."""
    return t.Calc("elapsed", v, t.Today()) if isinstance(v, t.Of) and v.field else None


def _days_from_to(_unit: str, c: str, a: Any, b: Any) -> Any:
    """ "days from 1 Jan 2016 to 16 Nov 2016": the time between two days said."""
    days = all(isinstance(v, t.Const) and isinstance(v.value, When) for v in (a, b))
    return t.Calc("elapsed", a, b) if days and c == "between" and a != b else None


def _days_between(unit: str, c: str, a: Any, _and: Any, b: Any) -> Any:
    """ "how many days between 1 January 2016 and 16 November 2016" """
    return _days_from_to(unit, c, a, b)


def _how_many_units_more(_q: Any, unit: str, _more: Sup, a: Any, b: Any) -> Any:
    """ "how many days longer did MATERIALIX run than 5FOREXCELLENCE?": the two runs' lengths
    in that unit, and their difference."""
    base = calc("difference", a, b) or t.Calc("difference", a, b)  # "than X": X's same figure
    if not isinstance(base, t.Calc) or base.left == base.right:
        return None
    sides = (base.left, base.right)  # a figure unsaid ("was X"): its run (see ``_length``)
    if not all(isinstance(v, t.Of) and isinstance(v.among, t.Named) for v in sides):
        return None
    return base._replace(
        left=t.Calc("length", sides[0], t.Const(unit)),
        right=t.Calc("length", sides[1], t.Const(unit)),
    )


def _how_many_of(_count: Any, v: Any) -> Any:
    """ "how many days between 1 January and 16 November 2016": the time between them."""
    return v if isinstance(v, t.Calc) and v.op == "elapsed" else None


def _elapsed_after(v: Any, _e: Any) -> Any:
    """ "ECRI ended how long ago?" """
    return _elapsed(None, v)


def _times_than(_t: Any, u: Sup, a: Any, b: Any) -> Any:
    return calc("ratio", a, b) if u.descending else calc("ratio", b, a)


def _times_as_much(_t: Any, a: Any, b: Any) -> Any:
    """ "how many times as much EU money did SmartSports4GoodLife get as ECRI?": A / B."""
    return None if isinstance(a, t.Const) or isinstance(b, t.Const) else calc("ratio", a, b)


def _times_into(_t: Any, a: Any, _i: Any, b: Any) -> Any:
    return calc("ratio", b, a)


def _multiple(m: float, v: Any) -> Any:
    elided = isinstance(v, t.Of) and v.field is None and isinstance(v.among, t.Named)
    extreme = isinstance(v, t.Agg) and not v.field and v.fn in ("max", "min")  # "twice the least"
    return t.Calc("times", v, t.Const(m)) if _field(v) or elided or extreme else None


def _percent_of_value(c: t.Const, v: Any) -> Any:
    """ "at least 90% of RUE AERO's EU grant": that share of another's figure, a multiple of
    it ("95% of its budget" is a share of its own, said as one; "80% of SmartSports4GoodLife"
    names no figure: its co-financing, the readers')."""
    named = isinstance(v, t.Of) and isinstance(v.among, t.Named) and v.field is not None
    named |= isinstance(v, t.Agg) and v.fn in ("sum", "total")  # "10% of the combined EU money"
    return _multiple(c.value.points / 100, v) if isinstance(c.value, Share) and named else None


def _n_times(n: float, _times: Any, v: Any) -> Any:
    """ "1.5 times ECRI's", "five times RUE AERO's" """
    return _multiple(float(n), v) if n > 0 else None


def _spread(a: str, _e: Any, f: str, s: Any) -> Any:
    return aggregate("range", f, s) if a in ("range", "difference") else None


def _spread_all(a: str, e: Any, f: str) -> Any:
    return _spread(a, e, f, t.Every())


def _counted(_n: int, s: Any) -> Any:
    return s if isinstance(s, t.Every) else None


def _whole_op(a: Any, op: str, b: Any) -> Any:
    """ "all projects' total budget minus all EU contributions": arithmetic on totals."""
    return calc(op, a, b) if op in ("sum", "difference", "ratio") and isinstance(a, t.Agg) else None


def _whole(v: Any) -> Any:
    return v if isinstance(v, t.Agg) else None


def _whole_field(f: str) -> Any:
    return t.Agg("sum", f, t.Every())


def _whole_set_field(s: Any, f: str) -> Any:
    return aggregate("sum", f, s)


def _whole_field_set(f: str, s: Any) -> Any:
    return aggregate("sum", f, s)


def _share_whole_set(_s: Any, w: Any, p: Any) -> Any:
    return share(w, p)


def _share_counted(_count: Any, s: Any) -> Any:
    """ "how many percent (ended up with call 1)": a share asked for."""
    return s


def _whole_first_share(w: Any, s: Any, p: Any) -> Any:
    """ "of all the EU money, what percent went to call 1?": the whole said first."""
    return _share_whole_set(s, w, p) if isinstance(w, t.Agg) else None


def _share_whole_per(_s: Any, w: Any, _per: Any) -> Any:
    """ "what percentage of all EU money went to each call?": each call's part of it."""
    whole = isinstance(w, t.Agg) and w.fn == "sum" and isinstance(w.among, t.Every)
    return t.PerCall("part", w.field, w.among) if whole else None  # (of all, not of one call)


def _share_whole_went_per(_s: Any, w: Any, _f: Any, per: Any) -> Any:
    return _share_whole_per(_s, w, per)  # "... went to each call"


def _per_share_whole(per: Any, _s: Any, w: Any) -> Any:
    return _share_whole_per(_s, w, per)  # "each call's share of all EU funding"


def _share_whole_per_pct(_s: Any, w: Any, _f: Any, per: Any, _pct: Any) -> Any:
    return _share_whole_per(_s, w, per)  # "what part of all the budgets went to each call, in %?"


def _share_went_to(_s: Any, w: Any, _f: Any, p: Any) -> Any:
    return share(w, p)


def _set_share_whole(p: Any, _s: Any, w: Any) -> Any:
    return share(w, p)


def _value_share_whole(v: Any, _s: Any, w: Any) -> Any:
    """ "ECRI's budget as a percentage of the second call's total budget" """
    if not isinstance(v, t.Of | t.Agg) or not isinstance(w, t.Agg) or v.field != w.field:
        return None
    return t.Calc("share", v, w)


def _value_share_of_total(v: Any, s: Any, fn: str) -> Any:
    """ "call 2's total budget as a percentage of the overall total": of the same figure's
    total over every project."""
    if fn not in ("sum", "total") or not isinstance(v, t.Of | t.Agg) or v.field is None:
        return None
    return _value_share_whole(v, s, t.Agg("sum", v.field, t.Every()))


def _share_whole_value(s: Any, w: Any, v: Any) -> Any:
    """ "what share of all budgets is ECRI's budget": the figure, as a part of the whole."""
    return _value_share_whole(v, s, w)


def _all_of_field(_all: Any, f: str) -> Any:
    """ "all budgets", "all the EU money": the sum over every project."""
    return _whole_field(f)


def _share_set_in_whole(_s: Any, p: Any, c: str, w: Any) -> Any:
    """ "the share of the 2nd call in the total budget" """
    return share(w, p) if c == "during" else None


def _in_percent(v: Any, _p: Any) -> Any:
    """ "the first call's share of all EU money, in percent": a share, said as one; "how
    much bigger was A than B, in percent": the difference relative to B."""
    if isinstance(v, t.Calc) and v.op == "difference":
        return v._replace(op="relative")
    return v if isinstance(v, t.Calc) and v.op == "share" else None


def _percent_of(_p: Any, v: Any) -> Any:
    """ "the percentage difference between A and B": the difference relative to B."""
    return v._replace(op="relative") if isinstance(v, t.Calc) and v.op == "difference" else None


def _every_one(_each: Any, s: Any) -> Any:
    """ "every project", "each project": all of them."""
    return s if isinstance(s, t.Every) else None


def _and_by_how_much(root: Any, *words: Any) -> Any:
    """ "which call had the larger budget, and by how much?": the margin is said anyway."""
    return root if isinstance(root, t.BestCall) and words[-1] == "difference" else None


def _and_how_much_more(root: Any, _and: Any, _q: Any, _more: Sup) -> Any:
    """ "... and how much smaller was it?" """
    return root if isinstance(root, t.BestCall) else None


def _set_bare_aggregate(s: Any, fn: str) -> Any:
    """ "more than the call 2 average": the average of the figure compared, in that set."""
    return t.Agg(fn, "", s) if fn in ("average", "median") else None


def _bare_aggregate(fn: str) -> Any:
    """ "than average": the average of the field compared (given by the condition)."""
    return t.Agg(fn, "", t.Every()) if fn in ("average", "median") else None


def _aggregate_of_set(fn: str, s: Any) -> Any:
    """ "than the average first-call project": that set's average of the figure compared."""
    described = isinstance(s, t.InCall | t.Filter | t.Both)
    return t.Agg(fn, "", s) if fn in ("average", "median") and described else None


def _bare_extreme(u: Sup) -> Any:
    """ "than the smallest": the largest or smallest of the figure it is set against."""
    plain = u.offset == 0 and u.places == 1 and not u.dated
    return t.Agg("max" if u.descending else "min", "", t.Every()) if plain else None


def _and_then(s: Any, c: Cond, _and: Any, cmp: str, v: Any) -> Any:
    """ "less EU money than TCE but more than ECRI": a second test of the same field."""
    second = cond(c.field, cmp, v)
    first = filtered(s, c)
    return None if first is None or second is None else filtered(first, second)


def _but_then(s: Any, c: Cond, cmp: str, v: Any) -> Any:
    """ "less EU money than TCE but more than ECRI" ("but" means nothing more); not "more
    than 50k above COSMENERG's", a margin."""
    return None if isinstance(c.value, t.Const) else _and_then(s, c, None, cmp, v)


def _cond_but_then(c: Cond, cmp: str, v: Any) -> Any:
    """ "who got more EU money than COSMENERG but less than MATERIALIX" (no set named)."""
    return _but_then(t.Every(), c, cmp, v)


def _cond_and_then(c: Cond, _and: Any, cmp: str, v: Any) -> Any:
    return None if isinstance(c.value, t.Const) else _and_then(t.Every(), c, None, cmp, v)


def _per_unit(v: Any, unit: str) -> Any:
    """ "ECRI's EU contribution per month": the figure over the project's run."""
    return t.Calc("rate", v, t.Const(unit)) if isinstance(v, t.Of) else None


def _average_rate(fn: str, v: Any) -> Any:
    """ "the average EU contribution per month for CLUSTEM": the same rate."""
    return v if fn == "average" and isinstance(v, t.Calc) and v.op == "rate" else None


def _average_unit(fn: str, unit: str) -> Any:
    """ "average monthly": a rate is an average already."""
    return unit if fn == "average" else None


def _unit_average(unit: str, fn: str) -> Any:
    """ "per month on average" """
    return _average_unit(fn, unit)


def _set_rate_field(s: Any, unit: str, f: str) -> Any:
    """ "CLUSTEM's monthly EU contribution" """
    return _field_rate_of(f, unit, s)


def _rate_field_of(unit: str, f: str, s: Any) -> Any:
    """ "the monthly EU contribution of CLUSTEM" """
    return _field_rate_of(f, unit, s)


def _field_rate_of(f: str, unit: str, s: Any) -> Any:
    """ "budget per month of SmartSports4GoodLife" """
    return _per_unit(t.Of(f, s), unit) if isinstance(s, t.Named) else None


def _restated(v: Any, f: str) -> Any:
    """ "the total own contribution of call 1 (budget minus EU)": the figure said again."""
    return v if isinstance(v, t.Agg | t.Of) and _field(v) == f else None


def _its_field(_it: Any, f: str) -> Any:
    """ "its EU contribution": a field of the project the question has just named (``None``
    until a comparison gives it one)."""
    return t.Of(f, None)


def _how_many_percent(*_words: Any) -> Any:
    """ "by what percentage", "by how many percent", "how many percent": asks a relative
    difference."""
    return "relative"


def _by_how_much_percent(op: str, _p: Any) -> Any:
    """ "by how many percent" (a difference, in percent)."""
    return "relative" if op == "difference" else None


def _pct_a_more_b(op: str, a: Any, _more: Sup, b: Any) -> Any:
    """ "by what percentage was A bigger than B": (A - B) / B, said as more or less."""
    return calc(op, a, b)


def _a_times_b(a: Any, _times: Any, b: Any) -> Any:
    """ "INNO-DROP's total budget is how many times ECRI's?": A / B (of two figures: "ECRI's
    budget times 2" multiplies, ``_value_times_n``)."""
    return None if isinstance(a, t.Const) or isinstance(b, t.Const) else calc("ratio", a, b)


def _value_times_n(v: Any, _times: Any, n: float) -> Any:
    """ "SmartSports4GoodLife's EU grant times two": that figure multiplied."""
    return _multiple(float(n), v) if n > 0 else None


def _share_of_b_a(_share: Any, b: Any, a: Any) -> Any:
    """ "what % of its budget did ECRI pay itself": A (a figure of a project) as a share of
    B ("its": the same project's)."""
    if isinstance(a, t.Agg) and isinstance(b, t.Of | t.Calc):
        return calc("share", b, a)  # "what share is that of the 2nd call's total": of the whole
    if not isinstance(a, t.Of | t.Calc) or isinstance(b, t.Const):
        return None
    return calc("share", a, b)


def _a_share_of_b(a: Any, _share: Any, b: Any) -> Any:
    """ "TRACE-KEI's budget as a percentage of SmartSports4GoodLife's": A / B, a share."""
    return None if isinstance(a, t.Const) or isinstance(b, t.Const) else calc("share", a, b)


def _a_pct_more_b(a: Any, op: str, _more: Sup, b: Any) -> Any:
    """ "ECRI got how many percent less than CLUSGRID?" """
    return calc(op, a, b)


def _pct_more_a_b(op: str, _more: Sup, a: Any, b: Any) -> Any:
    """ "how many percent more did A get than B" """
    return calc(op, a, b)


def _how_much_more_percent(_q: Any, _more: Sup, _p: Any, a: Any, b: Any) -> Any:
    """ "how much bigger in percent was A than B" """
    return calc("relative", a, b)


def _percent(n: float, _p: Any) -> Any:
    return t.Const(n / 100)


def _number(n: float) -> Any:
    return t.Const(n)


def _cmp_value_field(c: str, v: Any, f: str) -> Any:
    return cond(f, c, v)


def _cmp_value(c: str, v: Any) -> Any:
    return cond(None, c, v)


def _comparative(u: Sup, f: str, v: Any) -> Any:
    return cond(f, COMPARATIVE[u.descending], v)


def _beat_on(u: Sup, v: Any, c: str, f: str) -> Any:
    """ "who beat RUE AERO on EU funding": more of that figure than the other's."""
    return cond(f, COMPARATIVE[u.descending], v) if c in ("eq", "during") else None


def _or_more(f: str, v: Any, c: str) -> Any:
    """ "co-financed at 75% or more", "24 months or longer", "ended 2018 or later": the
    comparison said after."""
    return cond(f, c, v) if c in ("ge", "le") and isinstance(v, t.Const) else None


def _in_or_later(f: str, c: str, v: Any, then: str) -> Any:
    """ "ended in 2018 or later", "started in 2016 or earlier": in or after (before) it."""
    # "in 2018 or later", "from 2016 onwards" ("from" opens a range that "onwards" leaves open)
    later = c in ("during", "between") and then in ("since", "by") and isinstance(v, t.Const)
    return cond(f, then, v) if later else None


def _more_of(mo: tuple[Sup, str], v: Any) -> Any:
    """ "projects shorter than TCE", "cheaper than CLUSGRID": the comparison's own field."""
    more, field = mo
    return cond(field, COMPARATIVE[more.descending], v)


def _beat_in(u: Sup, v: Any, f: str) -> Any:
    """ "which projects beat ECRI in total budget" ("in total budget" is one phrase)."""
    return cond(f, COMPARATIVE[u.descending], v)


def _field_comparative(f: str, u: Sup, v: Any) -> Any:
    return cond(f, COMPARATIVE[u.descending], v)


def _not_cond(_n: Any, c: Cond) -> Cond:
    return negated(c)


def _field_not_cmp(f: str, _n: Any, c: str, v: Any) -> Any:
    found = cond(f, c, v)
    return None if found is None else negated(found)


def _dir_field(d: bool, f: str) -> Order:
    return Order(f, d)


def _field_dir(f: str, d: bool) -> Order:
    return Order(f, d)


def _by_field(_b: Any, f: str) -> Order:
    return Order(f, None)


def _sort_by_field(_s: Any, _b: Any, f: str) -> Order:
    return Order(f, None)


def _order_dir(o: Order, d: bool) -> Any:
    return Order(o.field, d) if o.descending is None else None


def _dir_order(d: bool, o: Order) -> Any:
    return _order_dir(o, d)


def _per(_e: Any, _c: Any) -> str:
    return "call"


def _per_in_total(p: str, fn: str) -> Any:
    """ "how much did each call hand out altogether?": each call's total."""
    return p if fn == "sum" else None


def _in_per(c: str, p: str) -> Any:
    """ "in each call", "under each call" (never "below" a call)."""
    return p if c in ("during", "lt") else None


def _in_set_only(c: str, s: Any) -> Any:
    return s if c == "during" and not isinstance(s, t.Named) else None


def _show(s: Any) -> Any:
    return t.Show(s)


def _set_and_how_much(s: Any, _and: Any, _q: Any) -> Any:
    """ "which project got the most, and how much was it?": the figure it was picked by."""
    return t.Say(t.Of(s.field, s)) if isinstance(s, t.Best) else None


def _set_and_its(s: Any, _and: Any, v: Any) -> Any:
    """ "which project started last, and its budget?": that figure of the project picked."""
    its = isinstance(v, t.Of) and v.among is None and v.field is not None
    return t.Say(t.Of(v.field, s)) if its and isinstance(s, t.Best) else None


def _list_set(_l: Any, s: Any) -> Any:
    return t.Show(s)


def _count(_c: Any, s: Any) -> Any:
    return t.CountOf(s)


def _rank_of(s: Any, _rank: Any, f: str) -> Any:
    """ "where does ECRI rank on EU money?", "ECRI's position by budget" """
    one = isinstance(s, t.Named) and len(s.acronyms) == 1
    return t.RankOf(s, f) if one else None


def _rank_of_in(s: Any, _rank: Any, f: str, pool: Any) -> Any:
    """ "where does ECRI rank in the second call by EU money?" """
    found = _rank_of(s, _rank, f)
    if found is None or isinstance(pool, t.Named):
        return None
    return found._replace(pool=t.CallOf(s) if pool == t.CallOf(None) else pool)  # "its call"


def _rank_by_in(s: Any, rank: Any, o: Order, pool: Any) -> Any:
    """ "where does ECRI stand by total budget within its own call?" """
    found = _rank_of_in(s, rank, o.field, pool)
    return None if found is None else found._replace(descending=o.descending)


def _rank_by_within(s: Any, rank: Any, o: Order, c: str, pool: Any) -> Any:
    return _rank_by_in(s, rank, o, pool) if c == "during" else None


def _rank_by(s: Any, rank: Any, o: Order) -> Any:
    """ "what position is TCE by EU contribution" (the largest first unless said)."""
    found = _rank_of(s, rank, o.field)
    return None if found is None else found._replace(descending=o.descending)


def _rank_in_by(s: Any, rank: Any, pool: Any, o: Order) -> Any:
    """ "where does CLUSGRID rank in the second call by total budget?" """
    found = _rank_of_in(s, rank, o.field, pool)
    return None if found is None else found._replace(descending=o.descending)


def _rank_in_of(s: Any, rank: Any, pool: Any, f: str) -> Any:
    """ "where does CLUSGRID rank in the second call by total budget?" """
    return _rank_of_in(s, rank, f, pool)


def _rank_word_first(rank: Any, s: Any, f: str) -> Any:
    """ "what place is MATERIALIX for EU contribution?" """
    return _rank_of(s, rank, f)


def _counted_from(d: bool, root: Any) -> Any:
    """ "counting from the bottom, where does RUE AERO come by total budget?": a place
    counted from the end said first."""
    if isinstance(root, t.RankOf) and root.descending is None:
        return root._replace(descending=d)
    return None


def _rank_first_of_in(rank: Any, s: Any, f: str, pool: Any) -> Any:
    """ "what place is CLUSTEM for EU funding among the first-call projects?" """
    return _rank_of_in(s, rank, f, pool)


def _rank_first_by_among(rank: Any, s: Any, o: Order, pool: Any) -> Any:
    """ "what place is CLUSTEM by EU funding among all the projects?" """
    return _rank_in_by(s, rank, pool, o)


def _rank_first_in_of(rank: Any, s: Any, pool: Any, f: str) -> Any:
    """ "position of TCE in the first call for EU grant" """
    return _rank_of_in(s, rank, f, pool)


def _rank_first_in_by(rank: Any, s: Any, pool: Any, o: Order) -> Any:
    """ "position of TCE in the first call by EU grant, highest is 1" """
    return _rank_in_by(s, rank, pool, o)


def _field_ranking_of(f: str, rank: Any, s: Any) -> Any:
    """ "in the EU contribution ranking, where is TRACE-KEI?" """
    return _rank_of(s, rank, f)


def _in_field_ranking(s: Any, c: str, f: str, rank: Any) -> Any:
    """ "where is ECRI in the EU contribution ranking?" """
    return _rank_of(s, rank, f) if c == "during" else None


def _order_rank_of(o: Order, rank: Any, s: Any) -> Any:
    """ "ranked by total budget, which position is CLUSGRID?" """
    return _rank_by(s, rank, o)


def _rank_in_order_of(rank: Any, o: Order, s: Any) -> Any:
    """ "in the ranking by total budget, on which position is CLUSGRID?"; of several, "rank
    by EU grant: MATERIALIX, ECRI, TCE" sorts them."""
    return _sort_set_order(rank, s, o)


def _rank_field_of(rank: Any, f: str, s: Any) -> Any:
    """ "the EU-contribution ranking: where is ECRI?" """
    return _rank_of(s, rank, f)


def _all_hold(_all: Any, s: Any) -> Any:
    """ "did every project last exactly 24 months?": whether all of a set meet a condition."""
    return t.All(s) if isinstance(s, t.Filter) and not isinstance(s.among, t.Named) else None


def _scoped_all_hold(c: str, scope: Any, _all: Any, s: Any) -> Any:
    """ "in the first call, did every project get over 230k?": all of the scope's projects."""
    if c != "during" or not isinstance(s, t.Filter) or not isinstance(s.among, t.Every):
        return None
    return _all_hold(_all, s._replace(among=scope))


GRAINS = ("months", "years")  # "the same year": alike by the year, not the day


def _call_by_call(_c: Any, _by: Any, _d: Any) -> Any:
    """ "call by call": for each call."""
    return "call"


def alike_in(rhs: str, every: bool = True) -> Callable[..., Any]:
    """ "did all the projects have the same duration?", "do the call 2 projects all have the
    same end date?", "is the end date the same for the call 1 projects?": whether a set's
    projects share one value, said in the word order ``rhs`` (the meaning takes its parts in
    that order). ``every``: the set may be every project (not so without "all": "do any two
    projects have the same ..." asks another question)."""
    roles = rhs.split()

    def alike(*parts: Any) -> Any:
        said = dict(zip(roles, parts, strict=True))
        s, same = said["$Set"], said.get("$Same")
        if (isinstance(s, t.Named) and len(s.acronyms) < 2) or (
            not every and isinstance(s, t.Every)
        ):
            return None
        # "... start in the same year?": the same year, not the same day
        return t.Alike(said["$Field"], s, same if same in GRAINS else None)

    return alike


def _same_word(same: Any, unit: Any) -> Any:
    """ "the same year": the unit the values are the same in."""
    return unit if same is None or same == "same" else None


def _on_the_same(_cmp: Any, same: Any) -> Any:
    """ "on the same day", "in the same year" """
    return same if same is not None else "same"


def _count_in_total(_c: Any, s: Any, a: str) -> Any:
    """ "how many projects in total", "altogether": a count said with its total."""
    return t.CountOf(s) if a == "sum" else None


def _count_in_total_of(_c: Any, s: Any, a: str, within: Any) -> Any:
    """ "how many projects altogether in call 1" """
    narrowed = both(s, within)
    return t.CountOf(narrowed) if a == "sum" and narrowed is not None else None


EXTREMES = ("min", "max")


def _value_and_value(a: Any, _a: Any, b: Any) -> Any:
    """ "the biggest and the smallest total budget": a bare extreme takes the other's figure."""
    if isinstance(a, t.Agg) and not a.field and isinstance(b, t.Agg) and b.field:
        # ("call 2: the biggest and the smallest budget": the heading scopes both)
        among = b.among if a.among == t.Every() else a.among
        a = a._replace(field=b.field, among=among)
        b = b._replace(among=among) if b.among == t.Every() else b
    elif isinstance(a, t.Agg) and isinstance(b, t.Agg):
        # ("first call: earliest start and latest end", "for call 1, the combined budget and
        # combined EU contribution": the heading scopes the second too)
        b = b._replace(among=a.among) if b.among == t.Every() else b
    return several(a, b)


def _value_and_in_set(v: Any, _a: Any, c: str, s: Any) -> Any:
    return several(v, narrowed(v._replace(among=t.Every()), c, s)) if isinstance(v, t.Agg) else None


def _values_in_set(a: Any, _a: Any, b: Any, c: str, s: Any) -> Any:
    return several(narrowed(a, c, s), narrowed(b, c, s))


def _fields_of_set(f: str, _a: Any, g: str, s: Any) -> Any:
    return several(of(f, s), of(g, s))


def _set_fields(s: Any, f: str, _a: Any, g: str) -> Any:
    return several(of(f, s), of(g, s))


def _check_field(a: Any, more: Sup, f: str, b: Any) -> Any:
    """ "did A get more EU money than B?" """
    return check(_with_field(a, f), more, _with_field(b, f))


def _with_field(v: Any, f: str) -> Any:
    if isinstance(v, t.Of) and v.field is None:
        return of(f, v.among)
    return None


def _per_call_value(p: str, v: Any) -> Any:
    return per_call(v, p)


def _compared_per_call(_compare: Any, p: str, v: Any) -> Any:
    """ "compare the two calls' average budgets": the figure of each call, side by side."""
    return per_call(v, p)


def _compared_by_call(_compare: Any, v: Any, p: str) -> Any:
    """ "compare the average budget per call" """
    return per_call(v, p)


def _per_call_both(p: Any, a: Any, _and: Any, b: Any) -> Any:
    """ "per call, the maximum and minimum EU contribution": two figures for each call."""
    if isinstance(a, t.Agg) and not a.field and isinstance(b, t.Agg):
        a = a._replace(field=b.field)  # "the maximum and minimum EU grant": both of the grant
    parts = (per_call(a, p), per_call(b, p))
    return None if None in parts or parts[0] == parts[1] else t.Several(parts)


def _both_per_call(a: Any, _and: Any, b: Any, p: Any) -> Any:
    """ "max and min EU contribution per call" """
    return _per_call_both(p, a, _and, b)


def _count_per_call(_c: Any, s: Any, _p: Any) -> Any:
    return t.PerCall("count", None, s)


def _count_per_call_where(_c: Any, s: Any, _p: Any, c: Cond) -> Any:
    """ "how many projects per call had a total budget above 250k?" """
    kept = filtered(s, c)
    return None if kept is None else t.PerCall("count", None, kept)


def _ord_range(a: int, b: int) -> Sup | None:
    """ "ranked third to fifth", "6th through 8th": those places, the largest first."""
    return Sup(True, a - 1, b - a + 1) if 1 <= a < b <= a + 1000 else None


def _sup_of_cond(u: Sup, c: Cond) -> Any:
    """ "the smallest positive own contribution": the extreme of those that meet it, by the
    figure the condition is on."""
    kept = filtered(t.Every(), c) if c.field is not None else None
    return None if kept is None else best(kept, Pick(c.field or "", *u))


def _sup_set_of_cond(u: Sup, s: Any, c: Cond) -> Any:
    """ "the last project to finish before 2020": the extreme of the set's projects that
    meet it, by the figure the condition is on."""
    kept = filtered(s, c) if c.field is not None else None
    return None if kept is None else best(kept, Pick(c.field or "", *u))


def _first_of_cond(n: int, s: Any, c: Cond) -> Any:
    """ "the first project to end after 2017": the earliest of those that meet it, by the
    figure the condition is on (only "first": "the second project to ..." is a place)."""
    return _sup_set_of_cond(Sup(False), s, c) if n == 1 else None


def _in_grain(unit: str, root: Any) -> Any:
    """ "in what month did the project with the third-biggest budget start?": its date."""
    return root._replace(grain=unit) if isinstance(root, t.Say) and root.grain is None else None


def _in_grains(unit: str, _and: Any, _unit: str, root: Any) -> Any:
    return _in_grain(unit, root)  # "in what month and year ..."


def _has_n(a: Any, n: float, s: Any) -> Any:
    """ "did the first call have three projects?", "the 2nd call had 6 projects, right?" """
    whole = isinstance(n, int | float) and n == int(n) and 0 <= n <= 100_000
    if not whole or not isinstance(s, t.Every) or isinstance(a, t.Every | t.Named):
        return None
    return t.HasCount(a, int(n))


def _best_call_and_figures(b: Any, _and: Any, fn: str) -> Any:
    """ "which call had the higher median EU grant, and what were the two medians?": the
    figures are said with the answer."""
    return b if isinstance(b, t.BestCall) and b.fn == fn else None


def _call_most_projects(_c: Any, u: Sup, s: Any) -> Any:
    """ "which call funded the most projects?", "... had more projects ending in 2018?" """
    described = isinstance(s, t.Filter | t.Every | t.Both)
    return t.BestCall("count", None, u.descending, s) if described else None


def _call_funded_most(c: Any, _f: Any, u: Sup, s: Any) -> Any:
    return _call_most_projects(c, u, s)


def _call_set_more_field(_c: Any, s: Any, u: Sup, f: str) -> Any:
    """ "which call's projects put in more own money?" """
    return t.BestCall("sum", f, u.descending) if isinstance(s, t.Every) else None


def _call_more_field(_c: Any, u: Sup, f: str) -> Any:
    """ "which call had the bigger budget?": its projects' budgets together."""
    return t.BestCall("sum", f, u.descending)


def _calls_gap_agg(op: str, _c: Any, fn: str, f: str) -> Any:
    """ "how far apart are the two calls' median budgets?": each call's figure, the larger
    first, and the gap."""
    return t.BestCall(fn, f, True) if op == "difference" else None


def _both_calls(n: int, c: Any) -> Any:
    """ "the two calls" """
    return c if n == 2 else None


def _between_calls(cmp: str, c: Any) -> Any:
    """ "between the calls" """
    return c if cmp == "between" else None


def _calls_gap(op: str, c: Any, f: str) -> Any:
    """ "the difference between the calls in EU funding": their totals."""
    return _calls_gap_agg(op, c, "sum", f)


def _calls_gap_in(op: str, f: str, c: Any) -> Any:
    """ "the gap in EU funding between the two calls" """
    return _calls_gap_agg(op, c, "sum", f)


def _calls_gap_agg_in(op: str, fn: str, f: str, c: Any) -> Any:
    """ "the difference in average budget between the calls" """
    return _calls_gap_agg(op, c, fn, f)


def _call_most_field(_c: Any, p: Pick) -> Any:
    return t.BestCall("sum", p.field, p.descending)


def _sorted(s: Any, o: Order) -> Any:
    """A set in an order; one project alone has none."""
    one = isinstance(s, t.Named) and len(s.acronyms) == 1
    return None if one else t.Sorted(s, o.field, o.descending)


def _set_order(s: Any, o: Order) -> Any:
    return _sorted(s, o)


def _order_set(o: Order, s: Any) -> Any:
    """ "cheapest to most expensive, the second-call projects": the order said first."""
    return _sorted(s, o)


def _list_set_order(_l: Any, s: Any, o: Order) -> Any:
    return _sorted(s, o)


def _sort_set_order(rank: Any, s: Any, o: Order) -> Any:
    """ "rank the second-call projects by budget"; of one project, "what position is TCE by
    EU contribution": its place."""
    if isinstance(s, t.Named) and len(s.acronyms) == 1:
        return _rank_by(s, rank, o)
    return _sorted(s, o)


def _check_overall_than_ordinal(a: Any, more: Sup, f: str, _agg: Any, n: int) -> Any:
    return _check_than_ordinal(a, more, f, n)
