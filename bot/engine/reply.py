"""The engine's answer: plain text and HTML from one source, plus how sure it was."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

BOLD_ON, BOLD_OFF = "\x02", "\x03"


def bold(text: str) -> str:
    """Mark ``text`` bold in an answer; ``Reply`` renders it as <b> in HTML, plain elsewhere."""
    return f"{BOLD_ON}{text}{BOLD_OFF}"


@dataclass(frozen=True)
class Reply:
    """What the bot says. ``text`` is plain; ``html`` is safe for Telegram's HTML mode."""

    text: str
    html: str
    intent: str
    confidence: float
    suggestions: tuple[str, ...] = ()
    source: str | None = None
    meta: dict[str, object] = field(default_factory=dict, compare=False)

    @classmethod
    def build(
        cls,
        marked: str,
        intent: str,
        confidence: float,
        suggestions: tuple[str, ...] | list[str] = (),
        source: str | None = None,
    ) -> Reply:
        plain = marked.replace(BOLD_ON, "").replace(BOLD_OFF, "")
        rendered = html.escape(marked, quote=False)
        rendered = rendered.replace(BOLD_ON, "<b>").replace(BOLD_OFF, "</b>")
        return cls(plain, rendered, intent, round(confidence, 3), tuple(suggestions), source)
