"""The engine's answer: plain text and HTML from one source, plus how sure it was."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field

BOLD_ON, BOLD_OFF = "\x02", "\x03"


def bold(text: str) -> str:
    """Mark ``text`` bold in an answer; ``Reply`` renders it as <b> in HTML, plain elsewhere."""
    return f"{BOLD_ON}{text}{BOLD_OFF}"


@dataclass(frozen=True)
class Suggestion:
    """Something to ask next: ``label`` is shown (on a button), ``question`` is asked."""

    label: str
    question: str

    @classmethod
    def of(cls, item: str | Suggestion) -> Suggestion:
        return item if isinstance(item, Suggestion) else cls(item, item)


@dataclass(frozen=True)
class MenuItem:
    """A thing to open (a project, a call): ``ref`` is what ``Engine.open`` takes."""

    label: str
    ref: str


@dataclass(frozen=True)
class MenuSection:
    title: str
    items: tuple[MenuItem, ...]


@dataclass(frozen=True)
class Reply:
    """What the bot says. ``text`` is plain; ``html`` is safe for Telegram's HTML mode."""

    text: str
    html: str
    intent: str
    confidence: float
    suggestions: tuple[Suggestion, ...] = ()
    source: str | None = None
    menu: tuple[MenuSection, ...] = ()
    meta: dict[str, object] = field(default_factory=dict, compare=False)

    @classmethod
    def build(
        cls,
        marked: str,
        intent: str,
        confidence: float,
        suggestions: Sequence[str | Suggestion] = (),
        source: str | None = None,
    ) -> Reply:
        plain = marked.replace(BOLD_ON, "").replace(BOLD_OFF, "")
        rendered = html.escape(marked, quote=False)
        rendered = rendered.replace(BOLD_ON, "<b>").replace(BOLD_OFF, "</b>")
        offered = tuple(Suggestion.of(s) for s in suggestions)
        return cls(plain, rendered, intent, round(confidence, 3), offered, source)
