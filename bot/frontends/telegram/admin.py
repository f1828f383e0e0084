"""The maintainers' commands in Telegram: only for ADMIN_IDS, and answered only in private.

``/stats`` and ``/unanswered`` quote what people asked, and ``/reload`` names the server's
folders: sent in a group, the report goes to the admin's private chat with the bot, and the
group is told only that it went there (or, when Telegram will not let the bot write to the
admin first, to ask in private). What an admin may do is in ``Operations``; here only who
asked, and where the answer goes.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Bot, Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.config import Settings
from bot.frontends.telegram.render import split_html
from bot.operations import Operations

logger = logging.getLogger(__name__)

NOT_ADMIN = "Sorry, that command is only for the bot's maintainers."
SENT_PRIVATELY = "I sent the report to you in our private chat."
ASK_PRIVATELY = (
    "Reports go only to a private chat: open one with me (@{bot}), send /start, then ask there."
)
# Only for ADMIN_IDS, so not in the menu everyone sees: (command, what it does)
ADMIN_COMMANDS: list[tuple[str, str]] = [
    ("reload", "load the knowledge folder again (the last good one serves on errors)"),
    ("stats", "questions since start: answered, declined, asked back; the most missed"),
    ("unanswered", "the unanswered log (UNANSWERED_LOG), most frequent first"),
]

Handler = Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]


class Maintainers:
    """``/reload``, ``/stats`` and ``/unanswered``, and messages to every admin."""

    def __init__(self, operations: Operations, settings: Settings) -> None:
        self.ops = operations
        self.settings = settings

    def handlers(self) -> dict[str, Handler]:
        return {"reload": self.reload, "stats": self.stats, "unanswered": self.unanswered}

    async def reload(self, update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        if await self._allowed(update):
            await self._report(update, ctx.bot, (await self.ops.reload_off_loop()).message)

    async def stats(self, update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        if await self._allowed(update):
            await self._report(update, ctx.bot, self.ops.stats_report())

    async def unanswered(self, update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        if await self._allowed(update):
            await self._report(update, ctx.bot, self.ops.unanswered_report())

    async def _allowed(self, update: Update) -> bool:
        """Whether the sender may run a maintainers' command; tells them when not."""
        user = update.effective_user
        if self.ops.is_admin(user.id if user else None):
            return True
        if update.effective_message:
            await update.effective_message.reply_text(html.escape(NOT_ADMIN, quote=False))
        return False

    async def _report(self, update: Update, bot: Bot, text: str) -> None:
        """The report, in the admin's private chat whichever chat the command came from."""
        message, user, chat = update.effective_message, update.effective_user, update.effective_chat
        if message is None or user is None or chat is None:
            return
        if chat.type == ChatType.PRIVATE:
            await self._send(bot, chat.id, text)
            return
        try:
            await self._send(bot, user.id, text)
            note = SENT_PRIVATELY
        except TelegramError as exc:  # the admin never opened a private chat with the bot
            logger.info("could not send an admin their report privately: %s", exc)
            note = ASK_PRIVATELY.format(bot=bot.username)
        await message.reply_text(html.escape(note, quote=False))

    @staticmethod
    async def _send(bot: Bot, chat_id: int, text: str) -> None:
        for chunk in split_html(html.escape(text, quote=False)):
            await bot.send_message(chat_id, chunk)

    async def tell_all(self, bot: Bot, text: str) -> None:
        """A message to every admin, in their private chats (a failed reload, say)."""
        for admin in sorted(self.settings.admin_ids):
            try:
                await self._send(bot, admin, text)
            except TelegramError as exc:
                logger.warning("could not tell admin %s: %s", admin, exc)
