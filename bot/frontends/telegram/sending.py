"""Sending answers: Telegram's ``sendMessage``, without reading the sent message back.

``Message.reply_text`` returns the message Telegram sends back, parsed into PTB objects (the
message, its chat, its sender, its keyboard). The bot looks only at its id (to edit it when
the question is edited), and that parsing was about a fifth of its work per update.
``LeanBot.send_text`` posts the same request through PTB (its defaults, rate limiter,
retries on 429 and errors) and takes the id from Telegram's answer as it came; ``edit_text``
does the same for ``editMessageText``. ``send_reliably`` retries a send that failed on the
way.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any, NamedTuple, TypeVar

from telegram import Message
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError
from telegram.ext import ExtBot

logger = logging.getLogger(__name__)

NO_PREVIEW = {"is_disabled": True}  # answers hold no links worth a preview
RETRY_FIRST, RETRY_CAP = 0.25, 5.0  # seconds: pause before the first retry of a send, most
T = TypeVar("T")


class Target(NamedTuple):
    """Where a reply goes."""

    chat_id: int
    quote: int | None = None  # the message answered: quoted in groups, as ``reply_text`` does
    thread: int | None = None  # the forum topic it was asked in


def answering(message: Message, quote: bool = True) -> Target:
    """The reply to ``message``: in its chat and topic, quoting it outside private chats."""
    quoted = quote and message.chat.type != ChatType.PRIVATE
    return Target(
        message.chat_id,
        message.message_id if quoted else None,
        message.message_thread_id if message.is_topic_message else None,
    )


class LeanBot(ExtBot[Any]):
    """PTB's bot with two more ways to send: ``send_text`` and ``edit_text``."""

    async def send_text(self, target: Target, text: str, keyboard: str | None = None) -> int | None:
        """Send ``text`` (HTML) to ``target``, with ``keyboard`` (its JSON) under it; the id
        of the message sent."""
        data = _text(text, keyboard)
        data["chat_id"] = target.chat_id
        if target.quote is not None:  # an answer to a deleted question still arrives
            data["reply_parameters"] = {
                "message_id": target.quote,
                "allow_sending_without_reply": True,
            }
        if target.thread is not None:
            data["message_thread_id"] = target.thread
        return _message_id(await self._post("sendMessage", data))

    async def edit_text(
        self, chat_id: int, message_id: int, text: str, keyboard: str | None = None
    ) -> None:
        """Make the message ``message_id`` say ``text`` (HTML), with ``keyboard`` under it
        (none: its keyboard goes). ``BadRequest`` "message is not modified" when it says so
        already."""
        data = _text(text, keyboard)
        data.update(chat_id=chat_id, message_id=message_id)
        await self._post("editMessageText", data)


def _text(text: str, keyboard: str | None) -> dict[str, Any]:
    """What ``sendMessage`` and ``editMessageText`` share: the text and its keyboard."""
    data: dict[str, Any] = {
        "text": text,
        "parse_mode": ParseMode.HTML,
        "link_preview_options": NO_PREVIEW,
    }
    if keyboard is not None:
        data["reply_markup"] = keyboard
    return data


def _message_id(sent: Any) -> int | None:
    found = sent.get("message_id") if isinstance(sent, dict) else None
    return found if isinstance(found, int) else None


async def send_reliably(send: Callable[[], Awaitable[T]], retries: int) -> T:
    """Send, retrying a 5xx, a timeout or a dropped connection with growing pauses.

    A 429 is retried by the rate limiter (``retry_after`` honoured); a 400 or 403 is not
    retried: the same request would fail the same way.
    """
    attempt = 0
    while True:
        try:
            return await send()
        except (BadRequest, Forbidden):
            raise
        except NetworkError as exc:  # 5xx, TimedOut, connection errors
            attempt += 1
            if attempt > retries:
                raise
            pause = min(RETRY_CAP, RETRY_FIRST * 2 ** (attempt - 1))
            logger.warning("send failed (%s); retry %d in %.2f s", exc, attempt, pause)
            await asyncio.sleep(pause)
