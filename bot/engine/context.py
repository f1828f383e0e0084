"""What a conversation remembers between questions, per chat."""

from __future__ import annotations

import copy
import itertools
import time
from collections import OrderedDict


class Context:
    """The last subject of a chat, so "and ECRI?" and "when did it end?" make sense.

    Projects are remembered by acronym, so a reloaded knowledge base still resolves them.
    """

    def __init__(
        self,
        *,
        projects: list[str] | None = None,
        fields: list[str] | None = None,
        listed: list[str] | None = None,
        listed_from: object | None = None,
        shown: list[str] | None = None,
        call: int | None = None,
        intent: str | None = None,
        last: object | None = None,
        before: object | None = None,
        pending: dict[str, str] | None = None,
        composed: str | None = None,
        asked: str | None = None,
        touched: float | None = None,
    ) -> None:
        self.projects = projects or []  # the project(s) last talked about
        self.fields = fields or []  # the field(s) last asked for
        self.listed = listed or []  # the last list of projects shown
        self.listed_from = listed_from  # the Query that made it (all a long list keeps)
        # the last list of several rows a list or ranking showed, kept while some of its rows
        # are asked about ("and number 6?" after the 2nd and 3rd were added up)
        self.shown = shown or []
        self.call = call
        self.intent = intent
        self.last = last  # the last Query answered, for follow-ups that edit it
        self.before = before  # the one before it ("call 1's total", "and call 2's?", "gap?")
        # after "Did you mean …?": each offered name and the question it completes
        self.pending = pending or {}
        # the last question, when the grammar composed its answer ("by how much?" after it)
        self.composed = composed
        # the last question answered ("per year?" after it is read with it when not alone)
        self.asked = asked
        self.touched = time.monotonic() if touched is None else touched

    def snapshot(self) -> Context:
        """A copy to try a reading in: what a reading changes is replaced, never edited."""
        copied = copy.copy(self)
        copied.projects, copied.fields, copied.listed, copied.shown = (
            [*self.projects],
            [*self.fields],
            [*self.listed],
            [*self.shown],
        )
        copied.pending = dict(self.pending)
        return copied

    def __repr__(self) -> str:
        return f"Context({self.__dict__!r})"


class Conversations:
    """Contexts by chat id, bounded: idle ones expire and the oldest go first when full."""

    def __init__(self, max_chats: int = 10_000, idle_seconds: float = 30 * 60) -> None:
        self.max_chats = max_chats
        self.idle_seconds = idle_seconds
        self._contexts: OrderedDict[str, Context] = OrderedDict()
        self.changed: set[str] = set()  # chats asked since the last ``take_changed``

    def get(self, chat: str) -> Context:
        now = time.monotonic()
        context = self._contexts.get(chat)
        if context is None or now - context.touched > self.idle_seconds:
            context = Context()
        self._contexts[chat] = context
        self._contexts.move_to_end(chat)
        context.touched = now
        if len(self.changed) < self.max_chats:
            self.changed.add(chat)
        while len(self._contexts) > self.max_chats:
            self._contexts.popitem(last=False)
        # the least recently used come first: drop those idle too long
        for key in list(itertools.islice(self._contexts, 64)):
            if now - self._contexts[key].touched <= self.idle_seconds:
                break
            del self._contexts[key]
        return context

    def items(self) -> list[tuple[str, Context]]:
        """The live conversations, least recently used first."""
        now = time.monotonic()
        return [(k, c) for k, c in self._contexts.items() if now - c.touched <= self.idle_seconds]

    def take_changed(self) -> list[tuple[str, Context]]:
        """The conversations asked in since the last call (to be written down)."""
        changed, self.changed = self.changed, set()
        return [(chat, self._contexts[chat]) for chat in changed if chat in self._contexts]

    def put(self, chat: str, context: Context) -> None:
        self._contexts[chat] = context
        self._contexts.move_to_end(chat)
        while len(self._contexts) > self.max_chats:
            self._contexts.popitem(last=False)

    def __len__(self) -> int:
        return len(self._contexts)
