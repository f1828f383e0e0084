"""What the rules about calls put to a test build: the calls whose count of projects, or
whose projects' figures together, pass it ("which calls had more than 5 projects?", "did any
call get over €1.5 million from the EU in total?", "calls where every project ended in
2017"). Each builds a ``CallsWith``; ``table.py`` names them."""

from __future__ import annotations

from typing import Any

from bot.engine.grammar import tree as t
from bot.engine.grammar.meanings import Cond, filtered

# the tests a call's count or total can be put to ("more than 5 projects")
CALL_TESTS = ("gt", "lt", "ge", "le", "eq")
SETS_OF_PROJECTS = (t.Filter, t.Every, t.Both)


def counted(_c: Any, op: str, n: Any, s: Any) -> Any:
    """ "which calls had more than 5 projects?", "... at least 3 projects ending in 2018?" """
    whole = isinstance(n, int | float) and n == int(n) and 0 <= n <= 100_000
    if op not in CALL_TESTS or not whole or not isinstance(s, SETS_OF_PROJECTS):
        return None
    return t.CallsWith("count", None, op, t.Const(int(n)), s)


def n_or_more(c: Any, n: Any, op: str, s: Any) -> Any:
    """ "which call had 4 or more projects with a budget over 280k?" """
    return counted(c, op, n, s) if op in ("ge", "le") else None


def exactly(c: Any, n: Any, s: Any) -> Any:
    """ "how many calls had 6 projects?": exactly that many."""
    return counted(c, "eq", n, s)


def having(c: Any, s: Any, cond: Any) -> Any:
    """ "which calls had projects that ended in 2018?": at least one. The projects are said
    ("was a call launched in 2015?" asks when a call was, not about projects)."""
    if not isinstance(s, t.Every | t.Filter) or not isinstance(cond, Cond):
        return None
    described = filtered(s, cond)
    return counted(c, "ge", 1, described) if described is not None else None


def every_one(_c: Any, _all: Any, s: Any) -> Any:
    """ "was there a call where every project ended by 2017?": all of its projects pass."""
    if not isinstance(s, t.Filter | t.Both):
        return None
    return t.CallsWith("every", None, "ge", t.Const(1), s)


def all_of(c: Any, s: Any, all_: Any, cond: Any) -> Any:
    """ "which call's projects all ended in 2017?" """
    return every_one(c, all_, filtered(s, cond)) if isinstance(s, t.Every) else None


def summed(_c: Any, fn: str, c: Any) -> Any:
    """ "which calls had combined EU funding above €1.4 million?", "... an average budget
    over 250k?": each call's aggregate tested."""
    tested = isinstance(c, Cond) and c.field is not None and c.op in CALL_TESTS
    if not tested or c.negated or not isinstance(c.value, t.Const):
        return None
    return t.CallsWith(fn, c.field, c.op, c.value)


def then_summed(c: Any, cond: Any, fn: str) -> Any:
    """ "did any call get more than 1.5 million from the EU in total?" """
    return summed(c, fn, cond)


def summed_twice(c: Any, fn: str, cond: Any, again: str) -> Any:
    """ "which calls averaged more than 300k total budget per project?" """
    return summed(c, fn, cond) if fn == again else None


def totalled(c: Any, cond: Any) -> Any:
    """ "which call had a total budget over 1.5 million?": a call's figure is its projects'
    figures together."""
    return summed(c, "sum", cond)


def of_projects(found: Any, s: Any) -> Any:
    """ "which call's projects ending in 2018 had a combined budget over 1.3M?", "for projects
    that started in 2016, ...": the test counts only those projects."""
    plain = isinstance(found, t.CallsWith) and isinstance(found.among, t.Every)
    if not plain or not isinstance(s, t.Filter | t.Both) or found.fn == "count":
        return None
    return found._replace(among=s)


def set_summed(c: Any, s: Any, fn: str, cond: Any) -> Any:
    """ "which call's projects ending in 2018 had a combined budget over 1.3M?" """
    return of_projects(summed(c, fn, cond), s)


def scoped(s: Any, found: Any) -> Any:
    return of_projects(found, s)


def in_best_call(op: str, best: Any) -> Any:
    """ "(the projects) in the call with the larger total budget" """
    in_it = op in ("during", "between")  # "in", "from" the call
    return t.CallOf(best) if in_it and isinstance(best, t.BestCall) else None


def how_many(_n: Any, found: Any) -> Any:
    """ "how many calls had more than 5 projects?" """
    return found._replace(asked="count") if isinstance(found, t.CallsWith) else None
