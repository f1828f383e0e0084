"""Executing a question's tree against the knowledge: sets to projects, values to figures.

Generic over the fields declared in ``fields.yaml``: it knows no project, call or field by
name. A tree that cannot be executed (a field of several projects where one is needed, a
figure the page does not give) executes to ``None``, and its derivation is dropped.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from bot.engine.evaluate import AGGREGATES, MEMO_SIZE, Evaluator, overlap_days
from bot.engine.frame import When
from bot.engine.grammar import tree as t
from bot.engine.grammar.filters import NUMERIC, Figure, Filters, alike, comparable
from bot.engine.memo import Memo
from bot.knowledge import NOT_PUBLISHED, Knowledge

if TYPE_CHECKING:
    from bot.knowledge.schema import ProjectBase


MONEY_KINDS = ("money", "difference")  # figures that can be spread over time
NUMERIC_OR_DATE = (*NUMERIC, "date")  # figures with an order

# the units a run is said in ("731 days", "24 months"): a figure of that kind
LENGTH_UNITS = ("days", "weeks", "months", "quarters", "years")


class Executor:
    def __init__(self, knowledge: Knowledge, evaluator: Evaluator) -> None:
        self.k = knowledge
        self.ev = evaluator
        self.call_field = knowledge.call_field
        self.memo: Memo[Any, list[ProjectBase] | None] = Memo(MEMO_SIZE)
        self.filters = Filters(self)
        self.sets: dict[type, Callable[[Any], list[ProjectBase] | None]] = {
            t.Every: self._every,
            t.Named: self._named,
            t.InCall: self._in_call,
            t.Both: self._both,
            t.Without: self._without,
            t.Filter: self.filters.kept,
            t.Best: self._best,
            t.Flagged: self._flagged,
            t.CallOf: self._call_of,
        }
        self.values: dict[type, Callable[[Any], Figure | None]] = {
            t.Const: self._const,
            t.Of: self._of,
            t.Agg: self._aggregate,
            t.Calc: self._calc,
            t.Today: _today,
        }

    # -- sets -------------------------------------------------------------------------------
    def projects(self, node: Any) -> list[ProjectBase] | None:
        """The projects of a set node, worked out once per node (trees are values)."""
        return self.memo.get_or_make(node, lambda: self.sets[type(node)](node))

    def _every(self, node: t.Every) -> list[ProjectBase]:
        return list(self.k.projects)

    def _named(self, node: t.Named) -> list[ProjectBase]:
        return [self.ev.by_acronym[a] for a in node.acronyms]

    def _in_call(self, node: t.InCall) -> list[ProjectBase] | None:
        if self.call_field is None or node.number not in self.k.calls_by_number:
            return None
        return [p for p in self.k.projects if p.value(self.call_field) == node.number]

    def _both(self, node: t.Both) -> list[ProjectBase] | None:
        left, right = self.projects(node.left), self.projects(node.right)
        if left is None or right is None:
            return None
        keep = set(map(id, right))
        return [p for p in left if id(p) in keep]

    def _without(self, node: t.Without) -> list[ProjectBase] | None:
        kept, dropped = self.projects(node.kept), self.projects(node.dropped)
        if kept is None or dropped is None:
            return None
        drop = set(map(id, dropped))
        return [p for p in kept if id(p) not in drop]

    def _call_of(self, node: t.CallOf) -> list[ProjectBase] | None:
        """ "ECRI's call": every project of the call ECRI is in (ECRI too)."""
        if isinstance(node.among, t.BestCall):  # "the call with the larger total budget"
            won = best_call(self, node.among)
            return None if won is None else self.projects(t.InCall(won))
        among, field = self.projects(node.among) if node.among else None, self.call_field or ""
        calls = {p.value(field) for p in among or []} if field else set()
        return [p for p in self.k.projects if p.value(field) in calls] if calls else None

    def _flagged(self, node: t.Flagged) -> list[ProjectBase] | None:
        among = self.projects(node.among)
        if among is None:
            return None
        wanted = set(node.fields)
        return [p for p in among if any(wanted <= set(c.fields) for c in p.caveats)]

    def _best(self, node: t.Best) -> list[ProjectBase] | None:
        """The ``offset``-th by ``field``, with every project that ties with it."""
        among = self.projects(node.among)
        if not among or node.field not in self.k.fields:
            return None
        kind = self.k.fields[node.field].kind
        if kind not in (*NUMERIC, "date") or (node.dated and kind != "date"):
            return None  # "the EU money of the earliest project" is not the smallest grant
        valued = [(self.ev.value(p, node.field), p) for p in among]
        valued = [(v, p) for v, p in valued if v != NOT_PUBLISHED]
        distinct = sorted({_key(v, kind) for v, _ in valued})
        if node.descending:
            distinct.reverse()
        if node.offset >= len(distinct):
            return None
        if node.limit > 1:  # "the three largest": the first three, and any tying with the third
            return _places(node, [(_key(v, kind), p) for v, p in valued])
        wanted = distinct[node.offset]
        return [p for v, p in valued if _key(v, kind) == wanted]

    # -- values -----------------------------------------------------------------------------
    def figure(self, node: Any) -> Figure | None:
        """One value (``None`` when it is not one: several projects, or not published)."""
        if isinstance(node, tuple) and len(node) == 2 and not hasattr(node, "_fields"):
            inner = self.figure(node[1])  # "within 10,000 of X": the margin, the value
            return None if inner is None else Figure((node[0], inner.value), inner.kind)
        made = self.values.get(type(node))
        return made(node) if made else None

    def _const(self, node: t.Const) -> Figure:
        return Figure(node.value, "const")

    def _of(self, node: t.Of) -> Figure | None:
        rows = self.projects(node.among)
        if rows is None or len(rows) != 1 or node.field is None:
            return None
        value = self.ev.value(rows[0], node.field)
        return None if value == NOT_PUBLISHED else Figure(value, self.kind(node.field))

    def kind(self, field: str) -> str:
        return self.k.fields[field].kind

    def _aggregate(self, node: t.Agg) -> Figure | None:
        rows = self.projects(node.among)
        if node.fn == "count" and not node.field:  # "more projects than call 1" (never of
            return Figure(len(rows), "count") if rows else None  # the 3rd: listed elsewhere)
        if isinstance(node.among, t.Best) and rows and len(rows) > node.among.limit > 1:
            # "the three smallest", a tie at the third: three of the values (equal either way)
            rows = rows[: node.among.limit]
        kind = self.kind(node.field)
        fn = implied(node.fn, kind)
        if not rows or not _aggregable(kind, fn):
            return None
        _counted, missing, value = self.ev.aggregated(node.field, fn, rows)
        if missing or value is None:
            return None
        return Figure(value, kind)

    def _calc(self, node: t.Calc) -> Figure | None:
        runs = {"within": self._days_within, "rate": self._rate, "length": self._length}
        if node.op in runs:  # figures of a project's run
            return runs[node.op](node)
        left, right = self.figure(node.left), self.figure(node.right)
        if left is None or right is None or node.left == node.right:
            return None  # (a figure against itself says nothing: "100% of itself")
        if node.op == "share" and a_share_of(self.k, node):
            return left  # "what % of its budget did the EU cover": the co-financing share
        if node.op in DATED:  # the month a date falls in; the days since it
            return DATED[node.op](left.value, right.value)
        if not all(isinstance(x, int | float) for x in (left.value, right.value)):
            return None
        return _arithmetic(node.op, left, right)

    def _run_length(self, project: ProjectBase, field: str | None, unit: str) -> float | None:
        """A project's run in days (both ends counted), weeks, months (as its duration says
        them), quarters or years."""
        if field is None or self.kind(field) != "span":
            return None
        months, days = self.ev.value(project, field), self.ev.value(project, field, True)
        if NOT_PUBLISHED in (months, days):
            return None
        count = (days[1] - days[0]).days + 1
        lengths = {
            "days": count,
            "weeks": count / 7,
            "months": months,
            "quarters": months / 3,
            "years": months / 12,
        }
        return float(lengths[unit]) if unit in lengths else None

    def _rate(self, node: t.Calc) -> Figure | None:
        """A project's figure spread over its run: "EU money per month"."""
        figure = self.figure(node.left)
        rows = self.projects(node.left.among) if isinstance(node.left, t.Of) else None
        if figure is None or figure.kind not in MONEY_KINDS or not rows or len(rows) != 1:
            return None
        run = next(iter(self.k.fields_of_kind("span")), None)
        length = self._run_length(rows[0], run, node.right.value)
        return Figure(figure.value / length, figure.kind) if length else None

    def _length(self, node: t.Calc) -> Figure | None:
        """ "how many days did X run": a project's run in a unit."""
        rows = self.projects(node.left.among)
        if not rows or len(rows) != 1:
            return None
        field = node.left.field or _run_field(self)  # "how many days longer was X": its run
        length = self._run_length(rows[0], field, node.right.value)
        kind = node.right.value if node.right.value in LENGTH_UNITS else "count"  # "731 days"
        return None if length is None else Figure(_tidy(length), kind)

    def _days_within(self, node: t.Calc) -> Figure | None:
        """The days of one project's run that fall in a period ("in 2020")."""
        run, period = node.left, node.right
        if not (isinstance(run, t.Of) and isinstance(period, t.Const)):
            return None
        rows = self.projects(run.among)
        if not rows or len(rows) != 1 or not isinstance(period.value, When):
            return None
        if run.field is None or self.kind(run.field) != "span":
            return None
        days = self.ev.value(rows[0], run.field, as_interval=True)
        if days == NOT_PUBLISHED:
            return None
        return Figure(overlap_days(days, (period.value.first, period.value.last)), "days")

    # -- what is asked ----------------------------------------------------------------------
    def found(self, root: Any) -> Any:
        """What ``root`` finds, as plain values to compare (``None``: it does not execute)."""
        kinds: dict[type, Callable[[Any], Any]] = {
            t.Several: self._found_parts,
            t.Say: self._found_value,
            t.PerCall: self.per_call,
            t.BestCall: self._found_best_call,
            t.Check: self._found_check,
            t.Which: self._found_check,
            t.CountField: lambda root: _found_field_values(self, root),
            t.Alike: lambda root: grouped_by_value(self, root),
            t.RankOf: self.rank_of,
            t.IsBest: lambda root: _found_is_best(self, root),
            t.HasCount: lambda root: _found_has_count(self, root),
            t.CallsWith: lambda root: ("calls", *(calls_with(self, root) or ((), ()))),
        }
        made = kinds.get(type(root))
        if made is not None:
            return made(root)
        rows = self.projects(root.among)
        return None if rows is None else (type(root).__name__, tuple(p.acronym for p in rows))

    def _found_parts(self, root: t.Several) -> Any:
        parts = [self.found(part) for part in root.parts]
        return None if None in parts else tuple(parts)

    def _found_value(self, root: t.Say) -> Any:
        value = root.value
        field = getattr(value, "field", None)
        if root.grain is not None and (field not in self.k.fields or self.kind(field) != "date"):
            return None  # "what month did ... get from the EU?"
        if isinstance(value, t.Of) and value.field is not None:
            rows = self.projects(value.among)
            if not rows:
                return None
            return tuple((p.acronym, _plain(self.ev.value(p, value.field))) for p in rows)
        figure = self.figure(value)
        return None if figure is None else ("figure", _plain(figure.value))

    def _found_best_call(self, root: t.BestCall) -> Any:
        found = self.per_call(t.PerCall(root.fn, root.field, root.among))
        return None if not found or len(found) < 2 else ("best", root.descending, found)

    def rank_of(self, root: t.RankOf) -> tuple[str, str, int, int, int] | None:
        """("rank", acronym, place, of how many, how many share it) of one project in a set,
        by a field (the largest first unless ``descending`` is False); ``None``: it is not
        in the set, or the field has no order."""
        pool = self.projects(t.Every() if root.pool is None else root.pool)
        named = self.projects(root.among)
        if not pool or not named or len(named) != 1 or self.kind(root.field) not in NUMERIC_OR_DATE:
            return None
        one = named[0]
        values = [self.ev.value(p, root.field) for p in pool]
        mine = self.ev.value(one, root.field)
        if all(p is not one for p in pool) or mine == NOT_PUBLISHED:
            return None
        ranked = [v for v in values if v != NOT_PUBLISHED]
        descending = self.descending(root)
        better = sum(1 for v in ranked if (v > mine if descending else v < mine))
        ties = sum(1 for v in ranked if v == mine) - 1
        return ("rank", one.acronym, better + 1, len(ranked), ties)

    def descending(self, root: t.RankOf) -> bool:
        """The order a place is counted in: as asked, else largest or latest first."""
        if root.descending is not None:
            return bool(root.descending)
        return self.kind(root.field) != "date"

    def _found_check(self, root: t.Check | t.Which) -> Any:
        left, right = self.figure(root.left), self.figure(root.right)
        if left is None or right is None or not alike(left, right):
            return None  # "a share above 70% of its budget" compares a share with euros
        return ("check", left, right)

    def per_call(self, node: t.PerCall) -> list[tuple[int, Figure]] | None:
        rows = self.projects(node.among)
        if rows is None or self.call_field is None:
            return None
        out: list[tuple[int, Figure]] = []
        for call in self.k.calls:
            mine = [p for p in rows if p.value(self.call_field) == call.number]
            if isinstance(node.among, t.Best):  # "in each call, the two biggest": ranked
                within = t.Both(node.among.among, t.InCall(call.number))  # within the call
                mine = self.projects(node.among._replace(among=within)) or []
            if not mine:
                if node.field is None and self.k.projects_in(call):  # "2nd call: 0"
                    out.append((call.number, Figure(0, "count")))
                continue
            if node.field is None:
                out.append((call.number, Figure(len(mine), "count")))
                continue
            fn = "sum" if node.fn == "part" else node.fn  # (a part of the whole: its sum)
            figure = self._aggregate(t.Agg(fn, node.field, t.Named(tuple(p.acronym for p in mine))))
            if figure is None:
                return None
            out.append((call.number, figure))
        return _parts_of_whole(out) if node.fn == "part" else out or None


def _parts_of_whole(sums: list[tuple[int, Figure]]) -> list[tuple[int, Figure]] | None:
    """ "what percentage of all EU money went to each call?": each call's total as a share of
    all of them."""
    whole = sum(f.value for _, f in sums)
    return [(n, Figure(f.value / whole, "share")) for n, f in sums] if whole else None


def _tidy(length: float) -> float:
    return int(length) if length.is_integer() else round(length, 2)


def _run_field(x: Executor) -> str | None:
    """The field that is a project's run (its duration)."""
    return next((f for f in x.k.fields if x.kind(f) == "span"), None)


def _aggregable(kind: str, fn: str) -> bool:
    """Figures add up and average; dates have a latest and an earliest ("the latest end")."""
    numeric = kind in NUMERIC or (kind == "date" and fn in ("max", "min"))
    return numeric and fn in AGGREGATES


def implied(fn: str, kind: str) -> str:
    """ "the budget of call 2" implies its total: a sum of money, never of dates or runs
    ("when did the second-call projects run?" is not 144 months)."""
    if fn != "total":
        return fn
    return "sum" if kind in MONEY_KINDS else ""


def _today(_node: t.Today) -> Figure:
    return Figure(dt.date.today(), "date")


def _elapsed(day: Any, today: Any) -> Figure | None:
    """ "how long ago did ECRI end": the days from that date to today."""
    day, today = (v.first if isinstance(v, When) else v for v in (day, today))
    dated = isinstance(day, dt.date) and isinstance(today, dt.date) and day <= today
    return Figure((day, today), "elapsed") if dated else None


def _grain(day: Any, unit: str) -> Figure | None:
    """The month, day or year that ``day`` falls in, as a date range."""
    if not isinstance(day, dt.date):
        return None
    if unit == "days":
        return Figure(When(day, day, "day"), "date")
    if unit == "years":
        return Figure(When(dt.date(day.year, 1, 1), dt.date(day.year, 12, 31), "year"), "date")
    first = day.replace(day=1)
    after = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return Figure(When(first, after - dt.timedelta(days=1), "month"), "date")


def _range(left: Figure, right: Figure) -> Figure | None:
    """ "between TCE's and CECIL's", whichever is smaller."""
    a, b = left.value, right.value
    return Figure((min(a, b), max(a, b)), left.kind) if left.kind == right.kind else None


def _relative(left: Figure, right: Figure) -> Figure | None:
    """ "by what percentage was A bigger than B": (A - B) / B."""
    a, b = left.value, right.value
    return Figure((a - b) / b, "share") if b and left.kind == right.kind else None


def _divided(left: Figure, right: Figure, kind: str) -> Figure | None:
    if kind == "share" and "ratio" in (left.kind, right.kind):
        return None  # a share of a rate ("the call's share of the co-financing") means nothing
    return Figure(left.value / right.value, kind) if right.value else None


def _added(left: Figure, right: Figure, sign: int) -> Figure | None:
    kind = right.kind if left.kind == "const" else left.kind  # "CLUSGRID's grant + 20,000"
    if "const" not in (left.kind, right.kind) and left.kind != right.kind:
        return None
    return Figure(left.value + sign * right.value, kind)


# The arithmetic a tree may ask for, by name (as Datasette's table of operators).
ARITHMETIC: dict[str, Callable[[Figure, Figure], Figure | None]] = {
    "range": _range,
    "times": lambda left, right: Figure(left.value * right.value, left.kind),
    "relative": _relative,
    # "divided by 12": a figure in its own unit; of two figures, how many times
    "ratio": lambda left, right: _divided(
        left, right, left.kind if right.kind == "const" else "times"
    ),
    "share": lambda left, right: _divided(left, right, "share"),
    "sum": lambda left, right: _added(left, right, 1),
    "difference": lambda left, right: _added(left, right, -1),
    # "by how much?" after two figures: the same, said as how much more one is
    "gap": lambda left, right: _added(left, right, -1),
}


DATED: dict[str, Callable[[Any, Any], Figure | None]] = {"grain": _grain, "elapsed": _elapsed}


def _arithmetic(op: str, left: Figure, right: Figure) -> Figure | None:
    made = ARITHMETIC.get(op)
    return made(left, right) if made else None


def grouped_by_value(x: Executor, root: t.Alike) -> tuple[tuple[Any, tuple[str, ...]], ...] | None:
    """The projects of a set grouped by their value of a field (the value, its projects), in
    the set's order (``None``: it does not execute, or a value is not published)."""
    rows = x.projects(root.among)
    if not rows or len(rows) < 2 or root.field not in x.k.fields:
        return None
    groups: dict[Any, list[str]] = {}
    for p in rows:
        value = x.ev.value(p, root.field)
        if value is NOT_PUBLISHED:
            return None
        if root.grain is not None:  # "in the same year": the year it falls in
            grained = _grain(value, root.grain)
            if grained is None:
                return None
            value = grained.value
        groups.setdefault(_plain(value), []).append(p.acronym)
    return tuple((value, tuple(g)) for value, g in groups.items())


def _plain(value: Any) -> Any:
    return round(value, 6) if isinstance(value, float) else value


def _found_field_values(x: Executor, root: t.CountField) -> Any:
    rows = x.projects(root.among)
    if rows is None or root.field not in x.k.fields:
        return None
    values = [x.ev.value(p, root.field) for p in rows]
    if NOT_PUBLISHED in values:
        return ("unpublished", root.field)
    flat = {v for value in values for v in (value if isinstance(value, list | tuple) else [value])}
    return ("values", len(flat))


def _places(node: t.Best, valued: list[tuple[Any, ProjectBase]]) -> list[ProjectBase] | None:
    """The projects in ``node``'s places ("ranked 4th to 6th"), with any tying at either end."""
    ranked = sorted(valued, key=lambda vp: vp[0], reverse=node.descending)
    if node.offset >= len(ranked):
        return None
    start, edge = ranked[node.offset][0], ranked[min(node.offset + node.limit, len(ranked)) - 1][0]
    low, high = (edge, start) if node.descending else (start, edge)
    return [p for v, p in ranked if low <= v <= high]


def a_share_of(k: Knowledge, node: t.Calc) -> bool:
    """Whether ``node`` (a share) takes a field that is already a share of the other's field,
    of the same projects (the co-financing share of the total budget)."""
    left, right = node.left, node.right
    if not (isinstance(left, t.Of) and isinstance(right, t.Of) and left.among == right.among):
        return False
    field = k.fields.get(left.field or "")
    return field is not None and field.kind == "ratio" and field.of[-1:] == [right.field]


def best_call(x: Executor, root: t.BestCall) -> int | None:
    """The number of the call a ``BestCall`` picks (``None``: a tie, or nothing to rank)."""
    found = x.per_call(t.PerCall(root.fn, root.field, root.among))
    if not found or len(found) < 2:
        return None
    ranked = sorted(found, key=lambda nf: nf[1].value, reverse=root.descending)
    return None if ranked[0][1].value == ranked[1][1].value else ranked[0][0]


CALL_TESTS: dict[str, Callable[[Any, Any], bool]] = {
    "gt": operator.gt,
    "lt": operator.lt,
    "ge": operator.ge,
    "le": operator.le,
    "eq": operator.eq,
}


def calls_with(x: Executor, root: t.CallsWith) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    """(the calls whose figure passes the test, the calls tested): each by its number."""
    if root.fn == "every":  # every one of its projects is among them
        passing = dict(x.per_call(t.PerCall("count", None, root.among)) or [])
        listed = x.per_call(t.PerCall("count", None, t.Every())) or []
        held = tuple(n for n, f in listed if f.value and passing.get(n) == f)
        return held, tuple(n for n, _ in listed)
    found = x.per_call(t.PerCall(root.fn, root.field, root.among))
    target = x.figure(root.value)
    test = CALL_TESTS.get(root.op)
    if not found or target is None or test is None or not isinstance(target.value, int | float):
        return None
    if root.field is not None and not comparable(x.kind(root.field), target):
        return None
    kept = tuple(n for n, figure in found if test(figure.value, target.value))
    return kept, tuple(n for n, _ in found)


def _found_has_count(x: Executor, root: t.HasCount) -> Any:
    rows = x.projects(root.among)
    return None if rows is None else ("has-count", len(rows), root.claimed)


def _found_is_best(x: Executor, root: t.IsBest) -> Any:
    one, best = x.projects(root.among), x.projects(root.best)
    if not one or len(one) != 1 or not best:
        return None
    return ("is-best", one[0].acronym, tuple(p.acronym for p in best))


def holders(x: Executor, node: t.Agg) -> tuple[str, ...]:
    """The projects that hold an extreme ("the largest EU contribution": its project)."""
    figure = x.figure(node)
    rows = x.projects(node.among) or []
    if figure is None:
        return ()
    return tuple(p.acronym for p in rows if x.ev.value(p, node.field) == figure.value)


def _key(value: Any, kind: str) -> Any:
    """A value as ranks compare it: a number to six places (float sums that should tie do)."""
    return round(value, 6) if kind in NUMERIC else value
