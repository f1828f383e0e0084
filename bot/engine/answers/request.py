"""The request an answer module takes: the subjects and parts a ``Query`` resolved to."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.knowledge.schema import Call, ProjectBase


@dataclass(frozen=True)
class Filter:
    """Keep projects whose ``field`` is ``cmp`` ("more", "less", "in") ``value``."""

    field: str
    cmp: str
    value: int
    unit: str  # "year" or "amount"


@dataclass
class Query:
    intent: str
    confidence: float
    projects: list[ProjectBase] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)
    scope: list[ProjectBase] | None = None
    scope_call: Call | None = None
    scope_context: bool = False
    filters: list[Filter] = field(default_factory=list)
    op: str | None = None
    cmp: str | None = None
    limit: int | None = None
    options: list[str] = field(default_factory=list)
    retry: list[str] = field(default_factory=list)  # per option: the question, name corrected
    words: list[str] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
