"""Concurrency with order: updates from different chats overlap, one chat's go in sequence.

Handling updates one at a time leaves the bot idle while each reply travels to Telegram;
handling them all at once could answer a chat's follow-up ("and ECRI?") before the question
it follows, or deliver two replies swapped. This processor does both right: a bounded number
at once (PTB's semaphore), and a FIFO lock per chat so each chat sees its answers in order.

A chat waits for its own turn *before* it takes one of the shared slots: a group whose
replies are held back by Telegram's per-group limit, or a chat sending a burst, then
occupies one slot at most, and every other chat keeps being answered.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor


def order_key(update: object) -> object:
    """The chat an update belongs to (the user, for inline queries); else its own key."""
    if isinstance(update, Update):
        if update.effective_chat is not None:
            return ("chat", update.effective_chat.id)
        if update.effective_user is not None:
            return ("user", update.effective_user.id)
        return ("update", update.update_id)
    return ("object", id(update))


# PTB takes its shared slot before ``do_process_update`` runs; this processor keeps PTB's
# semaphore out of the way and takes its own slots after the chat's lock.
UNLIMITED = 1 << 30


class ChatOrderedProcessor(BaseUpdateProcessor):
    def __init__(
        self, max_concurrent_updates: int, done: Callable[[int], None] | None = None
    ) -> None:
        super().__init__(UNLIMITED)
        self.slots = max_concurrent_updates
        self.done = done  # told each update id once its handling has ended
        self._semaphores: dict[int, asyncio.Semaphore] = {}  # one per event loop
        self._locks: dict[object, asyncio.Lock] = {}
        self._users: dict[object, int] = {}

    def _slots(self) -> asyncio.Semaphore:
        loop = id(asyncio.get_running_loop())
        if loop not in self._semaphores:
            self._semaphores = {loop: asyncio.Semaphore(self.slots)}
        return self._semaphores[loop]

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """The chat's own lock first, then a shared slot."""
        key = order_key(update)
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._users[key] = self._users.get(key, 0) + 1
        try:
            async with lock, self._slots():
                await coroutine
            if self.done is not None and isinstance(update, Update):
                self.done(update.update_id)
        finally:
            self._users[key] -= 1
            if not self._users[key]:  # nobody else waits for this chat: forget its lock
                del self._users[key], self._locks[key]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""
