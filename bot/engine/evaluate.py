"""One evaluator: rows -> conditions -> derived fields -> aggregate -> order -> slice.

Generic over the fields declared in ``fields.yaml`` and their kinds; it knows no project,
call or field by name.
"""

from __future__ import annotations

import datetime as dt
import itertools
import operator
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from bot.engine import formatting as fmt
from bot.engine.aggregates import AGGREGATE_OPS, AGGREGATES, suits
from bot.engine.calculate import Calculator, overlap_days
from bot.engine.frame import OwnField, Share, Statistic, When
from bot.engine.index import Column, span_kept
from bot.engine.memo import Memo
from bot.engine.query import Condition, Order, Query
from bot.engine.rankings import alternative, past_ties
from bot.knowledge import NOT_PUBLISHED, Knowledge

if TYPE_CHECKING:
    from bot.knowledge.schema import Call, ProjectBase


# the aggregates and overlap_days are imported from here too (by the grammar)
__all__ = [
    "AGGREGATES",
    "AGGREGATE_OPS",
    "MEMO_SIZE",
    "POINT_KINDS",
    "Evaluator",
    "Result",
    "overlap_days",
    "suits",
]


class Result:
    """What evaluating a ``Query`` found, ready to be rendered."""

    __slots__ = (
        "alternative",
        "calls",
        "closest",
        "missing",
        "operands",
        "pool",
        "query",
        "rows",
        "value",
    )

    def __init__(
        self,
        query: Query,
        rows: list[ProjectBase] | None = None,
        pool: list[ProjectBase] | None = None,
        value: Any = None,
        missing: list[ProjectBase] | None = None,
        *,
        calls: list[Call] | None = None,
        operands: list[Any] | None = None,
    ) -> None:
        self.query = query
        self.rows = rows or []  # the answer's rows, in order
        self.pool = pool or []  # rows before order and slice
        self.value = value  # an aggregate, an arithmetic result, a yes/no
        self.missing = missing or []  # rows without the figure
        self.calls = calls or []
        self.operands = operands or []
        self.closest: ProjectBase | None = None  # "exactly €250,000", none: the nearest
        # a ranking by an assumed field ("the 5 biggest"): what another figure of the same
        # kind ranks first instead, when that differs (so the answer is not sure)
        self.alternative: Result | None = None

    def __repr__(self) -> str:
        return f"Result({self.query!r}, {len(self.rows)} rows, value={self.value!r})"


_ABSENT = object()  # a project not in the knowledge the columns were made from
POINT_KINDS = ("money", "date", "ratio", "difference", "span")  # values that sort
MEMO_SIZE = 4096  # rows of questions remembered (then forgotten all at once)


def _dated(condition: Condition) -> bool:
    """Whether ``condition`` compares dates (a span is then its interval, a call its year)."""
    value = condition.value
    return isinstance(value, When) or (isinstance(value, tuple) and isinstance(value[0], When))


class Evaluator:
    """Evaluates any ``Query``: its rows chosen (by the sorted columns where it can),
    ordered, sliced or aggregated; its arithmetic left to a ``Calculator``."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.k = knowledge
        self.by_acronym = {p.acronym: p for p in knowledge.projects}
        # each field's values by acronym, computed once when first asked for
        # keyed by the project itself (hashed by identity: no attribute to read)
        self.columns: dict[tuple[str, bool], dict[ProjectBase, Any]] = {}
        self.position = {p: i for i, p in enumerate(knowledge.projects)}
        self.sorted_columns: dict[str, Column] = {}  # for conditions, by bisection
        self.rankings: dict[tuple[str, bool], list[int]] = {}  # positions, best first
        self.memo: Memo[tuple[Any, ...], Any] = Memo(MEMO_SIZE)  # rows, values by their query
        self.calculator = Calculator(knowledge, self.value, self.by_acronym)

    # -- values -----------------------------------------------------------------------------
    def value(self, project: ProjectBase, name: str, as_interval: bool = False) -> Any:
        """A field's value; a span asked about dates is its (start, end) interval."""
        found = self.column(name, as_interval).get(project, _ABSENT)
        return self.compute(project, name, as_interval) if found is _ABSENT else found

    def column(self, name: str, as_interval: bool = False) -> dict[ProjectBase, Any]:
        """Every project's value of ``name``, computed once."""
        column = self.columns.get((name, as_interval))
        if column is None:
            column = {p: self.compute(p, name, as_interval) for p in self.k.projects}
            self.columns[(name, as_interval)] = column
        return column

    def compute(self, project: ProjectBase, name: str, as_interval: bool) -> Any:
        f = self.k.fields[name]
        if f.kind == "span" and as_interval:
            start, end = (project.value(p) for p in f.of)
            return NOT_PUBLISHED if NOT_PUBLISHED in (start, end) else (start, end)
        if f.kind == "call":
            call = self.k.calls_by_number.get(project.value(name))
            if as_interval and call is not None:  # a call is an event with a year
                return dt.date(call.year, 1, 1), dt.date(call.year, 12, 31)
            return project.value(name)
        return fmt.raw_value(self.k, project, name)

    def keeps(self, project: ProjectBase, condition: Condition) -> bool:
        value = self.value(project, condition.field, as_interval=_dated(condition))
        if value == NOT_PUBLISHED:
            published = condition.op == "eq" and condition.value == NOT_PUBLISHED
            return published != condition.negated
        if condition.value == NOT_PUBLISHED:
            return condition.negated
        if isinstance(condition.value, OwnField):  # against another figure of the project
            other = self.value(project, condition.value.name)
            if other == NOT_PUBLISHED:
                return condition.negated
            return condition._replace(value=other).test(value)
        return condition.test(value)

    # -- rows -------------------------------------------------------------------------------
    def rows(self, query: Query) -> list[ProjectBase]:
        """The projects ``query`` is about, in the page's order. Remembered by what chooses
        them (the knowledge does not change under an engine): a follow-up, or the same
        question from another chat, does not filter thousands of projects again. The list
        is shared: callers read it, never change it."""
        found: list[ProjectBase] = self.memo.get_or_make(
            self.rows_key(query), lambda: self.choose(query)
        )
        return found

    @staticmethod
    def rows_key(query: Query) -> tuple[Any, ...]:
        named = query.projects if query.act in ("list", "count") else ()
        return ("rows", query.scope, named, query.conditions, query.exclude)

    def choose(self, query: Query) -> list[ProjectBase]:
        conditions = list(query.conditions)
        rows = self.starting_rows(query, conditions)
        if query.exclude:
            rows = [p for p in rows if p.acronym not in query.exclude]
        return self.narrowed(rows, conditions) if conditions else list(rows)

    def starting_rows(self, query: Query, conditions: list[Condition]) -> list[ProjectBase]:
        """The rows before any condition: an earlier answer's, the named projects', a
        call's (its condition then taken out of ``conditions``) or all."""
        if query.scope is not None:
            return [self.by_acronym[a] for a in query.scope if a in self.by_acronym]
        if query.projects and query.act in ("list", "count"):
            return [self.by_acronym[a] for a in query.projects if a in self.by_acronym]
        in_call = next((c for c in conditions if self.one_call(c)), None)
        if in_call is None:
            return list(self.k.projects)
        conditions.remove(in_call)  # "in the 2nd call": its projects, from the index
        return list(self.k.members.get(in_call.value, ()))

    def narrowed(self, rows: list[ProjectBase], conditions: list[Condition]) -> list[ProjectBase]:
        """``rows`` kept by every condition: by the sorted columns where they can, else by
        testing each project."""
        kept: frozenset[int] | None = None
        scanned = []
        for condition in conditions:
            found = self.indexed(condition)
            if found is None:
                scanned.append(condition)
            else:
                kept = found if kept is None else kept & found
        if kept is not None:  # thousands of projects: the loops are in C (map, compress)
            if len(rows) == len(self.k.projects):
                rows = list(map(self.k.projects.__getitem__, sorted(kept)))
            else:
                rows = list(itertools.compress(rows, map(kept.__contains__, self.positions(rows))))
        if not scanned:
            return rows
        return [p for p in rows if all(self.keeps(p, c) for c in scanned)]

    def indexed(self, condition: Condition) -> frozenset[int] | None:
        """The positions ``condition`` keeps, from a sorted column; ``None``: test each."""
        f = self.k.fields[condition.field]
        if isinstance(condition.value, OwnField | Statistic):
            return None  # against another figure of each project, or of all: one by one
        if f.kind == "span" and _dated(condition):  # its dates, as an interval
            first, last = (self.sorted_column(name) for name in f.of)
            return span_kept(condition, first, last)
        if f.kind not in POINT_KINDS:
            return None
        return self.sorted_column(condition.field).kept(condition)

    def warm(self) -> None:
        """Make every column, sorted column and ranking now rather than at the first question
        that needs it (a long-running bot pays once at start, not in some user's answer)."""
        for name, f in self.k.fields.items():
            if f.kind in POINT_KINDS:
                self.sorted_column(name)
                self.ranking(name, descending=True)
                self.ranking(name, descending=False)
        _ = self.k.members

    def sorted_column(self, name: str) -> Column:
        column = self.sorted_columns.get(name)
        if column is None:
            column = self.sorted_columns[name] = Column(self.values(self.k.projects, name))
        return column

    def one_call(self, condition: Condition) -> bool:
        """Whether ``condition`` keeps exactly the projects of one call."""
        return (
            condition.field == self.k.call_field
            and condition.op == "eq"
            and not condition.negated
            and isinstance(condition.value, int)
        )

    def ordered(self, query: Query, rows: list[ProjectBase]) -> list[ProjectBase]:
        order = query.order
        if order is None:
            return rows
        if order.closest is not None:
            target = order.closest
            if isinstance(target, Share):
                target = target.points / 100
            rows = [p for p in rows if self.value(p, order.field) != NOT_PUBLISHED]

            def distance(p: ProjectBase) -> Any:
                return abs(self.value(p, order.field) - target)

            return sorted(rows, key=distance)
        ranking = self.ranking(order.field, order.descending)
        project_at = self.k.projects.__getitem__  # thousands of projects: loops in C (map)
        if len(rows) == len(self.k.projects):
            return list(map(project_at, ranking))
        pool = set(self.positions(rows))
        return list(map(project_at, filter(pool.__contains__, ranking)))

    def positions(self, rows: Sequence[ProjectBase]) -> Iterator[int]:
        """Each project's place in the knowledge (the columns' order)."""
        return map(self.position.__getitem__, rows)

    def ranking(self, name: str, descending: bool) -> list[int]:
        """Positions of the projects with a value of ``name``, sorted once (a stable sort,
        so ties keep the page's order, as sorting any subset would)."""
        found = self.rankings.get((name, descending))
        if found is None:
            values = self.values(self.k.projects, name)
            published = [i for i, v in enumerate(values) if v != NOT_PUBLISHED]
            found = sorted(published, key=values.__getitem__, reverse=descending)
            self.rankings[(name, descending)] = found
        return found

    # -- acts -------------------------------------------------------------------------------
    def resolved(self, query: Query) -> Query:
        """``query`` with each "above the average" worked out over the rows its other
        conditions choose."""
        if not any(isinstance(c.value, Statistic) for c in query.conditions):
            return query
        plain = tuple(c for c in query.conditions if not isinstance(c.value, Statistic))
        rows = self.rows(query.but(conditions=plain))
        out = []
        for c in query.conditions:
            if isinstance(c.value, Statistic) and c.value.value is None:
                _, _, value = self.aggregated(c.field, c.value.aggregate, rows)
                out.append(c._replace(value=Statistic(c.value.aggregate, value)))
            else:
                out.append(c)
        return query.but(conditions=tuple(out))

    def evaluate(self, query: Query) -> Result:
        query = self.resolved(query)
        act = query.act
        if act == "calls":
            return self.calls(query)
        if act == "arithmetic":
            values, value = self.calculator.evaluate(query)
            return Result(query, value=value, operands=values)
        if act in ("lookup", "compare", "compare_fields", "check"):  # the named projects
            rows = [self.by_acronym[a] for a in query.projects if a in self.by_acronym]
            result = Result(query, rows, rows)
            if act == "check" and query.check is not None:
                result.value = [self.keeps(p, query.check) for p in rows]
            return result
        pool = self.rows(query)
        if act == "aggregate":
            return self.aggregate(query, pool)
        key = (*self.rows_key(query), "ranked", query.order)
        ranked = self.memo.get_or_make(key, lambda: self.ordered(query, pool))
        if act == "rank" and query.order is not None:
            order = query.order
            stop = None if order.limit is None else past_ties(self, ranked, order)
            result = Result(query, ranked[order.offset : stop], ranked)
            if order.assumed and order.limit is not None:
                result.alternative = alternative(self, result)
            return result
        result = Result(query, ranked, pool)
        if not ranked:
            result.closest = _closest(self, query)
        return result

    def aggregate(self, query: Query, pool: list[ProjectBase]) -> Result:
        name = query.fields[0]
        key = (*self.rows_key(query), "aggregate", name, query.aggregate)
        found = self.memo.get_or_make(key, lambda: self.aggregated(name, query.aggregate, pool))
        counted, missing, value = found
        return Result(query, counted, pool, value, missing)

    def aggregated(
        self, name: str, aggregate: str | None, pool: list[ProjectBase]
    ) -> tuple[list[ProjectBase], list[ProjectBase], Any]:
        """The projects counted, those missing a value, and the aggregate of the values."""
        counted, missing, values = self.published(pool, name)
        f = self.k.fields[name]
        if f.kind == "ratio" and aggregate in ("sum", None):  # a share of the totals
            part, whole = (sum(self.values(counted, n)) for n in f.of)
            return counted, missing, (part / whole if whole else None)
        fn = AGGREGATES[aggregate or "sum"]
        if f.kind == "date" and values:  # the average or middle date: counted in days
            return counted, missing, dt.date.fromordinal(round(fn([v.toordinal() for v in values])))
        return counted, missing, (fn(values) if values else None)

    def published(
        self, pool: list[ProjectBase], name: str
    ) -> tuple[list[ProjectBase], list[ProjectBase], list[Any]]:
        """``pool`` split into the projects with a value of ``name`` and those the page gives
        none; and the values of the first."""
        values = self.values(pool, name)
        if NOT_PUBLISHED not in values:  # the usual case: one scan, in C
            return list(pool), [], values
        # thousands of projects: the loops are in C (map, compress)
        given = list(map(operator.ne, values, itertools.repeat(NOT_PUBLISHED)))
        counted = list(itertools.compress(pool, given))
        missing = list(itertools.compress(pool, map(operator.not_, given)))
        return counted, missing, list(itertools.compress(values, given))

    def values(self, pool: Sequence[ProjectBase], name: str) -> list[Any]:
        """The value of ``name`` of each project of ``pool``, from its column."""
        column = self.column(name)  # thousands of projects: the loop is in C (map)
        values = list(map(column.get, pool, itertools.repeat(_ABSENT)))
        if _ABSENT in values:  # a project from outside this knowledge
            values = [
                self.value(p, name) if v is _ABSENT else v
                for p, v in zip(pool, values, strict=True)
            ]
        return values

    def calls(self, query: Query) -> Result:
        calls = [
            c
            for c in self.k.calls
            if (not query.calls or c.number in query.calls)
            and all(
                c2.test(dt.date(c.year, 7, 1)) if isinstance(c2.value, When) else True
                for c2 in query.conditions
            )
        ]
        return Result(query, calls=calls, value=bool(calls))

    def empty_call(self, query: Query) -> str | None:
        """What the page says instead, when a call named in ``query`` lists no projects."""
        if query.act == "calls":  # "did a call take place in 2018?": about the calls
            return None
        for cond in query.conditions:
            for call in _calls_named(self.k, cond):
                if not self.k.projects_in(call):
                    return call.projects_elsewhere or "The page lists no projects for this call."
        return None


def _calls_named(knowledge: Knowledge, cond: Condition) -> list[Any]:
    """The calls a condition on the call names: by number, or "funded in 2018" by year."""
    if cond.field != knowledge.call_field or cond.negated:
        return []
    if isinstance(cond.value, When):
        years = range(cond.value.first.year, cond.value.last.year + 1)
        return [c for c in knowledge.calls if c.year in years]
    named = knowledge.calls_by_number.get(cond.value)
    return [named] if named is not None else []


def _closest(ev: Evaluator, query: Query) -> ProjectBase | None:
    """ "exactly €250,000": when no figure is exactly the one asked for, the project
    whose figure is closest (among those the other conditions keep)."""
    exact = [
        c
        for c in query.conditions
        if c.op == "eq"
        and not c.negated
        and isinstance(c.value, int | float)
        and ev.k.fields[c.field].kind in ("money", "difference")
    ]
    if len(exact) != 1:
        return None
    cond = exact[0]
    others = tuple(c for c in query.conditions if c is not cond)
    order = Order(cond.field, closest=cond.value, limit=1)
    nearest = ev.evaluate(query.but(act="rank", conditions=others, order=order)).rows
    return nearest[0] if nearest else None
