"""What survives a restart of the Telegram bot: conversations (for follow-ups), ``/stats``,
long button payloads, the answers 👍 / 👎 vote on and which messages answered a question
(for its edits), kept in the journal's file beside the updates."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Protocol

from bot.engine import memory
from bot.frontends.telegram.handlers import TelegramFrontend
from bot.frontends.telegram.journal import Journal
from bot.kept import Bounded

logger = logging.getLogger(__name__)


class Kept(Protocol):
    """State written down as one text, and read back from it."""

    def dump(self) -> str: ...

    def load(self, text: str) -> None: ...


def restore(frontend: TelegramFrontend, journal: Journal) -> None:
    """Conversations, stats, button payloads, ballots and answers sent, as last kept."""
    conversations = frontend.conversations
    restored = 0
    since = time.time() - conversations.idle_seconds
    for chat, text in journal.load_chats(since):
        context = memory.load_one(text)
        if context is not None:
            conversations.put(chat, context)
            restored += 1
    for name, target in _named(frontend).items():
        kept = journal.load(name)
        if kept:
            target.load(kept)
    if restored:
        logger.info("restored %d conversation(s) from the last run", restored)


def keep(frontend: TelegramFrontend, journal: Journal) -> None:
    """Write down the conversations asked in since the last time, stats and buttons."""
    journal.keep_state(*_what_to_keep(frontend, journal))


async def keep_every(frontend: TelegramFrontend, journal: Journal, every: float) -> None:
    """Write the state down every ``every`` seconds (``running`` does it at the end too); a
    file that cannot be written is the journal's to report, once."""
    while True:
        await asyncio.sleep(every)
        try:
            await journal.keep_state_async(*_what_to_keep(frontend, journal))
        except Exception:  # the answers go on whatever happens here
            logger.exception("could not keep the conversations; answering goes on")


def _what_to_keep(
    frontend: TelegramFrontend, journal: Journal
) -> tuple[list[tuple[str, str]], int, float, dict[str, str]]:
    """Changed conversations (all of them in a fresh file), their cap, now, stats, buttons."""
    conversations = frontend.conversations
    chats = conversations.take_changed()
    renewed = journal.take_renewed()
    if renewed:
        chats = conversations.items()
    changed = [(chat, memory.dump_one(c)) for chat, c in chats]
    named = {
        name: kept.dump()
        for name, kept in _named(frontend).items()
        if renewed or not isinstance(kept, Bounded) or kept.take_changed()
    }
    return changed, conversations.max_chats, time.time(), named


def _named(frontend: TelegramFrontend) -> dict[str, Kept]:
    """The pieces of state kept whole, by the name they are kept under (a ``Bounded`` one,
    which may be large, is written again only when it changed)."""
    return {
        "stats": frontend.ops.stats,
        "buttons": frontend.callbacks,
        "ballots": frontend.ops.ballots,
        "answers": frontend.sent,
    }
