"""A question as the readers see it: the ``Facts`` its spans state, gathered once, and the
``Reading`` each reader proposes; with the positions of the words they name."""

from __future__ import annotations

from typing import Any

from bot.engine.aggregates import AGGREGATE_OPS
from bot.engine.frame import Frame, Span
from bot.engine.query import Condition, Query
from bot.knowledge import Knowledge

VALUE_KINDS = ("date", "amount", "duration", "percent", "month")
ORDER_OPS = ("max", "min")
STATISTICS = {op for op in AGGREGATE_OPS if op != "sum"}  # a "median" is never dropped


class Reading:
    """One candidate: the query and the token positions it explains."""

    __slots__ = ("name", "query", "score", "used")

    def __init__(
        self, query: Query, used: set[int] | None = None, score: float = 0.0, name: str = ""
    ) -> None:
        self.query = query
        self.used = set() if used is None else used
        self.score = score
        self.name = name

    def __repr__(self) -> str:
        return f"Reading({self.name!r}, {self.score:.2f}, {self.query!r})"


class Facts:
    """What the spans of one question say, gathered once for every reader."""

    def __init__(
        self,
        frame: Frame,
        spans: dict[str, list[Span]],
        fields: list[Span],
        yesno: bool,
        knowledge: Knowledge,
    ) -> None:
        self.frame = frame
        self.knowledge = knowledge
        self.spans = spans
        self.projects = spans.get("project", [])
        self.calls = spans.get("call", [])
        self.fields = fields
        self.yesno = yesno
        self.conditions: list[tuple[Condition, set[int]]] = []
        self.used_by_conditions: set[int] = set()
        self.excluded: list[Span] = []  # "other than CLUSGRID": projects left out, with the "not"

    def has(self, kind: str, value: Any = None) -> bool:
        found = self.spans.get(kind)
        if not found or value is None:
            return bool(found)
        return any(s.value == value for s in found)

    def get(self, kind: str, value: Any = None) -> list[Span]:
        found = self.spans.get(kind)
        if not found:
            return []
        return list(found) if value is None else [s for s in found if s.value == value]


def positions(spans: list[Span]) -> set[int]:
    return {i for s in spans for i in range(s.start, s.end)}


def positions_of(conditions: list[tuple[Condition, set[int]]]) -> set[int]:
    return {i for _, used in conditions for i in used}


def field_positions(facts: Facts, names: tuple[str, ...] | list[str]) -> set[int]:
    """Every place the question names one of these fields ("EU" ... "EU contribution"), or a
    field they cover (a share names the EU contribution and the total budget it divides)."""
    fields = facts.knowledge.fields
    family = set(names) | {c for n in names if n in fields for c in fields[n].covers}
    return positions([s for s in facts.spans.get("field", []) if s.value in family])


def sized_tops(facts: Facts) -> list[Span]:
    """The numbers said beside a superlative: "the three largest", "just the largest three"."""
    tops = [s for s in facts.get("op") if s.value in ("max", "min")]
    return [
        n for n in facts.get("number") if any(n.end == s.start or n.start == s.end for s in tops)
    ]


def distinct_projects(facts: Facts) -> list[str]:
    out: list[str] = []
    for span in facts.projects:
        if span.value.acronym not in out:
            out.append(span.value.acronym)
    return out


def exclusion(facts: Facts) -> tuple[tuple[str, ...], set[int]]:
    """The acronyms a question leaves out, and the words that say so."""
    named = [s for s in facts.excluded if s.kind == "project"]
    acronyms = tuple(dict.fromkeys(s.value.acronym for s in named))
    return acronyms, positions(facts.excluded)
