"""Edited questions: the bot's answer is edited to answer the new wording.

Which messages answered which question is kept by ``AnswersSent`` (bounded, the oldest
forgotten first, and in the state file with the other buttons, so an edit after a restart
finds its answer too). A message the bot never answered gets nothing when it is edited: in a
group, that is the conversation it was not part of. ``edit_answer`` makes the answer's
messages say the new answer: more are sent when it is longer, the extra ones deleted when it
is shorter; an answer that comes out the same is left as it is ("message is not modified"
is no error), and one that was deleted meanwhile is sent anew.
"""

from __future__ import annotations

import functools
import logging
from typing import Any, NamedTuple

from telegram.error import BadRequest, TelegramError

from bot.frontends.telegram.sending import LeanBot, Target, send_reliably
from bot.kept import Bounded

logger = logging.getLogger(__name__)

CAPACITY = 10_000  # questions whose answer is remembered, for when they are edited
NOT_MODIFIED = "message is not modified"  # Telegram's words for an edit that changes nothing


class Sent(NamedTuple):
    """An answer as sent: its messages, and the ballot its 👍 / 👎 vote on (if any)."""

    ids: tuple[int, ...]
    ballot: str | None = None


class AnswersSent(Bounded[Sent]):
    """Which messages answered a question, by the question's chat and message id."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        super().__init__(capacity)

    def sent(self, chat_id: int, message_id: int, sent: Sent) -> None:
        if sent.ids:
            self.put(f"{chat_id}:{message_id}", sent)

    def of(self, chat_id: int, message_id: int) -> Sent | None:
        return self.get(f"{chat_id}:{message_id}")

    def encode(self, value: Sent) -> Any:
        return [list(value.ids), value.ballot]

    def decode(self, saved: Any) -> Sent | None:
        if not isinstance(saved, list) or len(saved) != 2:
            return None
        ids, ballot = saved
        if not isinstance(ids, list) or not all(isinstance(i, int) for i in ids):
            return None
        return Sent(tuple(ids), ballot if isinstance(ballot, str) else None)


async def edit_answer(
    bot: LeanBot,
    target: Target,
    before: Sent,
    chunks: list[str],
    keyboard: str | None,
    *,
    retries: int,
) -> tuple[int, ...]:
    """Make the messages of the answer ``before`` say ``chunks`` (``keyboard`` under the
    last); the ids of the messages that say it now."""
    ids: list[int] = []
    for i, chunk in enumerate(chunks):
        markup = keyboard if i == len(chunks) - 1 else None
        old = before.ids[i] if i < len(before.ids) else None
        if old is not None and await _edited(
            bot, target.chat_id, old, chunk, markup, retries=retries
        ):
            ids.append(old)
            continue
        new = await send_reliably(functools.partial(bot.send_text, target, chunk, markup), retries)
        if new is not None:
            ids.append(new)
    for extra in before.ids[len(chunks) :]:
        try:
            await bot.delete_message(target.chat_id, extra)
        except TelegramError as exc:  # deleted already, or too old to delete: it stays
            logger.info("could not delete the rest of an edited answer: %s", exc)
    return tuple(ids)


async def _edited(
    bot: LeanBot, chat_id: int, message_id: int, text: str, keyboard: str | None, *, retries: int
) -> bool:
    """Edit one message; ``False`` when it cannot be edited (deleted meanwhile, say)."""
    edit = functools.partial(bot.edit_text, chat_id, message_id, text, keyboard)
    try:
        await send_reliably(edit, retries)
    except BadRequest as exc:
        if NOT_MODIFIED in str(exc).lower():  # the new answer is the old one
            return True
        logger.info("could not edit an answer (%s): sending it anew", exc)
        return False
    return True
