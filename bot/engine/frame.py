"""What a question says, before any decision: positioned spans, names and leftovers."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from bot.engine.matcher import Match
from bot.normalise import tokens_as_typed


@dataclass(frozen=True)
class When:
    """A date the user named, with its grain: "2016" is a year, "October 2016" a month."""

    first: dt.date
    last: dt.date
    grain: str  # "day" | "month" | "year"

    def text(self) -> str:
        from bot.engine.formatting import MONTHS, date

        if self.grain == "year":
            return str(self.first.year)
        if self.grain == "month":
            return f"{MONTHS[self.first.month - 1]} {self.first.year}"
        return date(self.first)


@dataclass(frozen=True)
class Duration:
    """A length of time the user named: "24 months", "730 days"."""

    amount: float
    unit: str  # "days" | "weeks" | "months" | "years"

    @property
    def months(self) -> float:
        per_month = {"days": 1 / 30.4375, "weeks": 7 / 30.4375, "months": 1.0, "years": 12.0}
        return self.amount * per_month[self.unit]


@dataclass(frozen=True)
class Span:
    """Tokens ``start:end`` of the question mean ``value`` of ``kind``."""

    start: int
    end: int
    kind: str
    value: Any
    weight: int = 2

    @property
    def key(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.kind)


@dataclass
class Frame:
    text: str
    words: list[str]
    truncated: bool = False
    names: list[Match] = field(default_factory=list)  # accepted, one per span
    ambiguous: list[list[Match]] = field(default_factory=list)  # close rivals for one span
    doubtful: list[Match] = field(default_factory=list)  # below ACCEPT: worth a "did you mean"
    tags: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    spans: list[Span] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    amounts: list[int] = field(default_factory=list)
    small_numbers: list[int] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # words understood as nothing, as typed
    unknown_at: list[int] = field(default_factory=list)  # their token positions
    topics: dict[str, float] = field(default_factory=dict)  # project acronym -> weight
    meaningful: int = 0  # words that are not stopwords
    typed_from: tuple[str, dict[str, int]] = ("", {})  # the text the words were read from

    def has(self, category: str, value: str | None = None) -> bool:
        found = self.tags.get(category, {})
        return bool(found) if value is None else value in found

    def values(self, category: str) -> dict[str, int]:
        return self.tags.get(category, {})

    def of_kind(self, kind: str) -> list[Match]:
        return [m for m in self.names if m.entity.kind == kind]

    def find(self, kind: str, value: Any = None) -> list[Span]:
        return [s for s in self.spans if s.kind == kind and (value is None or s.value == value)]

    @cached_property
    def shown(self) -> list[str]:
        """The words as the user typed them (case, accents), for quoting back."""
        text, numbers = self.typed_from
        return tokens_as_typed(text, numbers)[: len(self.words)] if text else self.words

    def typed(self, start: int, end: int) -> str:
        words = self.shown if len(self.shown) == len(self.words) else self.words
        return " ".join(words[start:end])
