"""What a question says, before any decision: positioned spans, names and leftovers.

``When`` and ``Duration`` are ``Value``s, not tuples: a pair of them is a range.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection
from functools import cached_property
from typing import Any, NamedTuple

from bot.engine.matcher import Match
from bot.engine.value import Value
from bot.normalise import tokens_as_typed


class When(Value):
    """A date the user named, with its grain: "2016" is a year, "October 2016" a month."""

    __slots__ = ("first", "grain", "last")
    first: dt.date
    last: dt.date
    grain: str  # "day" | "month" | "months" (a part of a year) | "year"

    def __init__(self, first: dt.date, last: dt.date, grain: str) -> None:
        self._set(first=first, last=last, grain=grain)

    def text(self) -> str:
        from bot.engine.formatting import date
        from bot.knowledge.plain import MONTHS

        if self.grain == "year":
            return str(self.first.year)
        if self.grain == "month":
            return f"{MONTHS[self.first.month - 1]} {self.first.year}"
        if self.grain == "months":  # "the first half of 2016": January to June 2016
            first, last = MONTHS[self.first.month - 1], MONTHS[self.last.month - 1]
            return f"{first}–{last} {self.first.year}"
        return date(self.first)


class Month(Value):
    """A month the user named without a year ("who started in January"): in any year."""

    __slots__ = ("number",)
    number: int

    def __init__(self, number: int) -> None:
        self._set(number=number)

    def text(self) -> str:
        from bot.knowledge.plain import MONTHS

        return MONTHS[self.number - 1]


class Duration(Value):
    """A length of time the user named: "24 months", "730 days"."""

    __slots__ = ("amount", "unit")
    amount: float
    unit: str  # "days" | "weeks" | "months" | "years"

    def __init__(self, amount: float, unit: str) -> None:
        self._set(amount=amount, unit=unit)

    @property
    def months(self) -> float:
        per_month = {"days": 1 / 30.4375, "weeks": 7 / 30.4375, "months": 1.0, "years": 12.0}
        return self.amount * per_month[self.unit]


class Share(Value):
    """A percentage the user named ("75%", "70 percent"), in percentage points."""

    __slots__ = ("points",)
    points: float

    def __init__(self, points: float) -> None:
        self._set(points=points)

    def text(self) -> str:
        return f"{self.points:g}%"


class OwnField(Value):
    """Another field of the same project, as the target of a condition: "whose EU
    contribution did not exceed *their total budget*"."""

    __slots__ = ("name",)
    name: str

    def __init__(self, name: str) -> None:
        self._set(name=name)


class Statistic(Value):
    """An aggregate of the rows as the target of a condition: "above the average". The
    evaluator works out ``value`` over the rows the other conditions choose."""

    __slots__ = ("aggregate", "value")
    aggregate: str
    value: Any

    def __init__(self, aggregate: str, value: Any = None) -> None:
        self._set(aggregate=aggregate, value=value)


class Span(NamedTuple):
    """Tokens ``start:end`` of the question mean ``value`` of ``kind``."""

    start: int
    end: int
    kind: str
    value: Any
    weight: int = 2

    @property
    def key(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.kind)


class Frame:
    """One question read: its words, and what the parser found in them."""

    def __init__(self, text: str, words: list[str], truncated: bool = False) -> None:
        self.text = text
        self.words = words
        self.truncated = truncated
        self.names: list[Match] = []  # accepted, one per span
        self.ambiguous: list[list[Match]] = []  # close rivals for one span
        self.doubtful: list[Match] = []  # below ACCEPT: worth a "did you mean"
        self.tags: dict[str, dict[str, int]] = defaultdict(dict)
        self.spans: list[Span] = []
        self.years: list[int] = []
        self.amounts: list[int] = []
        self.small_numbers: list[int] = []
        self.unknown: list[str] = []  # words understood as nothing, as typed
        self.unknown_at: list[int] = []  # their token positions
        self.topics: dict[str, float] = {}  # project acronym -> weight
        self.meaningful = 0  # words that are not stopwords
        self.typed_from: tuple[str, dict[str, int]] = ("", {})  # what the words were read from

    def copy(self) -> Frame:
        """A copy whose lists and tags can be changed without changing this one."""
        new = Frame.__new__(Frame)
        new.__dict__.update(self.__dict__)
        for name in ("names", "ambiguous", "doubtful", "spans", "unknown", "unknown_at"):
            setattr(new, name, list(getattr(self, name)))
        for name in ("years", "amounts", "small_numbers", "words"):
            setattr(new, name, list(getattr(self, name)))
        new.tags = defaultdict(dict, {k: dict(v) for k, v in self.tags.items()})
        new.topics = dict(self.topics)
        return new

    def has(self, category: str, value: str | None = None) -> bool:
        found = self.tags.get(category, {})
        return bool(found) if value is None else value in found

    def values(self, category: str) -> dict[str, int]:
        return self.tags.get(category, {})

    def of_kind(self, kind: str) -> list[Match]:
        return [m for m in self.names if m.entity.kind == kind]

    def find(self, kind: str, value: Any = None) -> list[Span]:
        return [s for s in self.spans if s.kind == kind and (value is None or s.value == value)]

    def asks_any(self, span: Span, existential: Collection[str], openers: Collection[str]) -> bool:
        """Whether ``span`` is an "any" right before the projects asked about ("in call 1, any
        projects under 237k?"), and not after a question word ("what was ... of any project")."""
        asked = " ".join(self.words[span.start : span.end]) in existential
        nouns = {s.start for s in self.spans if s.kind in ("noun", "call_field")}
        first = next((i for i, w in enumerate(self.words) if w in openers), len(self.words))
        return asked and span.end in nouns and span.end < first

    @cached_property
    def shown(self) -> list[str]:
        """The words as the user typed them (case, accents), for quoting back."""
        text, numbers = self.typed_from
        return tokens_as_typed(text, numbers)[: len(self.words)] if text else self.words

    def typed(self, start: int, end: int) -> str:
        words = self.shown if len(self.shown) == len(self.words) else self.words
        return " ".join(words[start:end])


# the words a degree stands beside ("much bigger", "slightly less")
COMPARATIVES = {("gram", "more"), ("gram", "less"), ("cmp", "gt"), ("cmp", "lt")}


def degree_of(frame: Frame, after_words: Collection[str] = ()) -> Span | None:
    """The words that say how far apart a comparison asks its two figures to be ("much
    bigger", "bigger by a lot": value "large"; "only slightly less": "small"), when said
    beside the comparison (after it, when opened by one of ``after_words``: "by")."""
    compared = [s for s in frame.spans if (s.kind, s.value) in COMPARATIVES]
    for span in frame.spans:
        if span.kind != "degree":
            continue
        before = any(c.start == span.end for c in compared)  # "much bigger"
        opened = frame.words[span.start] in after_words
        after = opened and any(c.end <= span.start for c in compared)
        if before or after:
            return span
    return None
