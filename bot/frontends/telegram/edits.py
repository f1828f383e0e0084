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
import json
import logging
from collections import OrderedDict
from typing import NamedTuple

from telegram.error import BadRequest, TelegramError

from bot.frontends.telegram.sending import LeanBot, Target, send_reliably

logger = logging.getLogger(__name__)

CAPACITY = 10_000  # questions whose answer is remembered, for when they are edited
NOT_MODIFIED = "message is not modified"  # Telegram's words for an edit that changes nothing


class Sent(NamedTuple):
    """An answer as sent: its messages, and the ballot its 👍 / 👎 vote on (if any)."""

    ids: tuple[int, ...]
    ballot: str | None = None


class AnswersSent:
    """Which messages answered a question, by the question's chat and message id."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        self.capacity = capacity
        self._sent: OrderedDict[str, Sent] = OrderedDict()

    def put(self, chat_id: int, message_id: int, sent: Sent) -> None:
        if not sent.ids:
            return
        key = f"{chat_id}:{message_id}"
        self._sent[key] = sent
        self._sent.move_to_end(key)
        while len(self._sent) > self.capacity:
            self._sent.popitem(last=False)

    def get(self, chat_id: int, message_id: int) -> Sent | None:
        return self._sent.get(f"{chat_id}:{message_id}")

    def __len__(self) -> int:
        return len(self._sent)

    def dump(self) -> str:
        """As JSON, to be kept across a restart."""
        saved = {key: [list(sent.ids), sent.ballot] for key, sent in self._sent.items()}
        return json.dumps(saved)

    def load(self, text: str) -> None:
        """What ``dump`` kept; damaged entries are skipped."""
        try:
            saved = json.loads(text)
        except ValueError:
            return
        if not isinstance(saved, dict):
            return
        for key, value in list(saved.items())[-self.capacity :]:
            sent = _sent(value)
            if sent is not None:
                self._sent[str(key)] = sent


def _sent(value: object) -> Sent | None:
    if not isinstance(value, list) or len(value) != 2:
        return None
    ids, ballot = value
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
