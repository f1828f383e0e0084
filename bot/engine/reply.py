"""The engine's answer: plain text and HTML from one source, plus how sure it was."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any, NamedTuple

from bot.engine.value import Value

BOLD_ON, BOLD_OFF = "\x02", "\x03"


def bold(text: str) -> str:
    """Mark ``text`` bold in an answer; ``Reply`` renders it as <b> in HTML, plain elsewhere."""
    return f"{BOLD_ON}{text}{BOLD_OFF}"


class Suggestion(NamedTuple):
    """Something to ask next: ``label`` is shown (on a button), ``question`` is asked."""

    label: str
    question: str

    @classmethod
    def of(cls, item: str | Suggestion) -> Suggestion:
        return item if isinstance(item, Suggestion) else cls(item, item)


class NextPage(Suggestion):
    """The button for the next page of a long list: a follow-up ("more") that means the
    list it was offered under, so a front end keeps which list that was (an old button pages
    its own list, and pressing it twice shows the same page twice)."""

    __slots__ = ()


class MenuItem(NamedTuple):
    """A thing to open (a project, a call): ``ref`` is what ``Engine.open`` takes."""

    label: str
    ref: str


class MenuSection(NamedTuple):
    title: str
    items: tuple[MenuItem, ...]


class Reply(Value):
    """What the bot says. ``text`` is plain; ``html`` is safe for Telegram's HTML mode.
    ``meta`` (what was not understood, the candidates) is for the logs, never compared."""

    __slots__ = (
        *("confidence", "html", "intent", "menu", "meta", "more", "source", "suggestions"),
        "text",
    )
    uncompared = ("meta",)
    text: str
    html: str
    intent: str
    confidence: float
    suggestions: tuple[Suggestion, ...]
    source: str | None
    menu: tuple[MenuSection, ...]
    meta: dict[str, object]
    more: MenuItem | None  # a menu's next page, to open like its items (``/projects``)

    def __init__(
        self,
        text: str,
        html: str,
        intent: str,
        confidence: float,
        *,
        suggestions: tuple[Suggestion, ...] = (),
        source: str | None = None,
        menu: tuple[MenuSection, ...] = (),
        meta: dict[str, object] | None = None,
        more: MenuItem | None = None,
    ) -> None:
        self._set(text=text, html=html, intent=intent, confidence=confidence)
        self._set(suggestions=suggestions, source=source, menu=menu, meta=meta or {}, more=more)

    def but(self, **changes: Any) -> Reply:
        """This reply with some parts changed (``meta`` is shared)."""
        return Reply(**{**self._parts(), **changes})

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
        return cls(
            plain, rendered, intent, round(confidence, 3), suggestions=offered, source=source
        )
