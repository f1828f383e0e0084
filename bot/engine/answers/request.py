"""The request an answer module takes: the subjects and parts a ``Query`` resolved to."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.knowledge.schema import Call, ProjectBase


class Query:
    """What the card, call, programme and conversation answers need to know."""

    __slots__ = (
        *("intent", "confidence", "projects", "calls"),
        *("options", "retry", "words", "parts"),
    )

    def __init__(
        self,
        intent: str,
        confidence: float,
        projects: list[ProjectBase] | None = None,
        *,
        calls: list[Call] | None = None,
        options: list[str] | None = None,
        retry: list[str] | None = None,
        words: list[str] | None = None,
        parts: list[str] | None = None,
    ) -> None:
        self.intent = intent
        self.confidence = confidence
        self.projects = projects or []
        self.calls = calls or []
        self.options = options or []
        self.retry = retry or []  # per option: the question, name corrected
        self.words = words or []
        self.parts = parts or []
