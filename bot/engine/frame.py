"""What a question says, before any decision: names, cues, numbers and leftovers."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from bot.engine.matcher import Match


@dataclass
class Frame:
    text: str
    words: list[str]
    truncated: bool = False
    names: list[Match] = field(default_factory=list)  # accepted, one per span
    ambiguous: list[list[Match]] = field(default_factory=list)  # close rivals for one span
    doubtful: list[Match] = field(default_factory=list)  # below ACCEPT: worth a "did you mean"
    tags: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    years: list[int] = field(default_factory=list)
    amounts: list[int] = field(default_factory=list)
    small_numbers: list[int] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # words understood as nothing, as typed
    topics: dict[str, float] = field(default_factory=dict)  # project acronym -> weight
    meaningful: int = 0  # words that are not stopwords

    def has(self, category: str, value: str | None = None) -> bool:
        found = self.tags.get(category, {})
        return bool(found) if value is None else value in found

    def values(self, category: str) -> dict[str, int]:
        return self.tags.get(category, {})

    def of_kind(self, kind: str) -> list[Match]:
        return [m for m in self.names if m.entity.kind == kind]
