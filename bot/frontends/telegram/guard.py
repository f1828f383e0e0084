"""Flood control in Telegram: every kind of update a sender sends counts (questions,
stickers, commands, buttons); past the limit one "please slow down", then silence.

Counted by the real sender: anonymous group admins and users who post as a channel share
one user id everywhere, so they are counted by the chat they speak as. A group's own
conversation, not addressed to the bot, is not counted; nor are inline queries, which
Telegram throttles itself and sends one per keystroke.
"""

from __future__ import annotations

import html
import logging

from telegram import Update
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.flood import SLOW_DOWN, FloodGate, Verdict
from bot.frontends.telegram.addressing import question_for_bot

logger = logging.getLogger(__name__)


class FloodGuard:
    """PTB's first handler (group -1): stops a flooding sender's updates there."""

    def __init__(self, per_minute: int) -> None:
        self.gate = FloodGate(per_minute)

    async def __call__(self, update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        if update.inline_query is not None:
            return
        message = update.effective_message
        chat = update.effective_chat
        if message is not None and chat is not None and chat.type != "private":
            command = bool(message.text and message.text.startswith("/"))
            if not command and question_for_bot(message, ctx.bot.id, ctx.bot.username) is None:
                return  # the group's own conversation is not counted
        verdict = self.gate.check(flood_key(update))
        if verdict is Verdict.ANSWER:
            return
        if verdict is Verdict.WARN and chat is not None:
            logger.info("flood limit reached by a sender; answering again after the window")
            await chat.send_message(html.escape(SLOW_DOWN, quote=False))
        raise ApplicationHandlerStop


def flood_key(update: Update) -> object:
    """Who is sending: a user, or the chat itself for anonymous group admins and for users who
    post as a channel (Telegram gives those one shared user id everywhere)."""
    message = update.effective_message
    sender_chat = getattr(message, "sender_chat", None) if message is not None else None
    if sender_chat is not None:
        return ("chat", sender_chat.id)
    if update.effective_user is not None:
        return ("user", update.effective_user.id)
    chat = update.effective_chat
    return ("chat", chat.id) if chat is not None else ("update", update.update_id)
