"""The request an answer module takes: the subjects and parts a ``Query`` resolved to."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.knowledge.schema import Call, ProjectBase


@dataclass
class Query:
    """What the card, call, programme and conversation answers need to know."""

    intent: str
    confidence: float
    projects: list[ProjectBase] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)
    options: list[str] = field(default_factory=list)
    retry: list[str] = field(default_factory=list)  # per option: the question, name corrected
    words: list[str] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
