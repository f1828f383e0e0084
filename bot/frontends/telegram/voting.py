"""👍 / 👎 under every answer that states a figure, and what a press of one does.

The buttons carry the answer's ballot (``bot.feedback``) in a few bytes (``u:`` or ``d:`` and
12 characters), so they fit Telegram's 64 bytes beside any other button, and they work after
a restart: the ballots are kept in the state file with the other buttons. A 👍 is thanked in
a notice over the chat. A 👎 is counted, written to the unanswered log as disputed (the
question, the answer, the reading, the chat hashed), thanked, and followed by an offer to
ask again in other words. The same answer voted on again is only thanked. Every wording is
a template in ``knowledge/answers.yaml``.
"""

from __future__ import annotations

import functools
import html
import logging

from telegram import CallbackQuery, Message
from telegram.error import TelegramError

from bot.feedback import Verdict
from bot.frontends.telegram.render import Callbacks
from bot.frontends.telegram.sending import LeanBot, answering, send_reliably
from bot.operations import Operations

logger = logging.getLogger(__name__)

# the notice a press shows over the chat, by what the vote did
NOTICES = {
    Verdict.HELPFUL: "feedback_helpful",
    Verdict.DISPUTED: "feedback_noted",
    Verdict.RECONSIDERED: "feedback_noted",
    Verdict.AGAIN: "feedback_again",
    Verdict.GONE: "feedback_gone",
}
NOTICE_LIMIT = 200  # characters Telegram shows of a callback query's answer


class Voting:
    """The 👍 / 👎 row of an answer, and the presses of its buttons."""

    def __init__(self, operations: Operations, callbacks: Callbacks) -> None:
        self.ops = operations
        self.callbacks = callbacks

    def row(self, ballot: str | None) -> list[dict[str, str]]:
        """The buttons that vote on ``ballot``, as Telegram reads them; none without one (or
        without their labels)."""
        if ballot is None:
            return []
        up, down = self.ops.said("feedback_up"), self.ops.said("feedback_down")
        if not up or not down:
            return []
        return [
            {"text": up, "callback_data": self.callbacks.vote(ballot, helpful=True)},
            {"text": down, "callback_data": self.callbacks.vote(ballot, helpful=False)},
        ]

    async def pressed(self, query: CallbackQuery, ballot: str, helpful: bool, retries: int) -> None:
        """A 👍 (``helpful``) or 👎 on ``ballot``'s answer: counted once, said in a notice;
        after a 👎, an offer to ask again, under the answer disputed."""
        message = query.message
        chat = message.chat.id if message is not None else "inline"
        verdict = self.ops.vote(ballot, helpful, chat)
        notice = self.ops.said(NOTICES[verdict])[:NOTICE_LIMIT]
        try:
            await query.answer(notice or None)
        except TelegramError as exc:  # "query is too old": the vote counts all the same
            logger.info("could not answer a vote's callback query: %s", exc)
        offer = self.ops.said("feedback_rephrase")
        disputed = verdict in (Verdict.DISPUTED, Verdict.RECONSIDERED)
        if not disputed or not offer or not isinstance(message, Message):
            return
        bot = query.get_bot()
        if not isinstance(bot, LeanBot):
            raise TypeError("the Telegram front end sends with a LeanBot (build_application)")
        said = html.escape(offer, quote=False)
        send = functools.partial(bot.send_text, answering(message), said, None)
        await send_reliably(send, retries)
