"""The Telegram handlers: thin glue between PTB updates and ``Engine`` replies.

Private chats: every text is a question, and so is a photo's caption. Groups: only
commands, @mentions and replies to the bot (see ``addressing``). An edited question is
answered again by editing the answer it got (``edits``). Inline mode: the answer as an
article (``inline``). Buttons carry a question, a menu ref, the list a "Next" pages (see
``render.Callbacks``) or a 👍 / 👎 on an answer that states a figure (``voting``).
Maintainers' commands: ``admin``. Context is kept per (chat, user).
"""

from __future__ import annotations

import functools
import html
import logging
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from telegram import Bot, Message, Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.config import Settings
from bot.engine import Context, Conversations, Engine, Reply
from bot.feedback import states_a_figure
from bot.frontends.telegram import pages
from bot.frontends.telegram.addressing import question_for_bot, question_in_edit
from bot.frontends.telegram.admin import ADMIN_COMMANDS, Maintainers
from bot.frontends.telegram.commands import COMMANDS, bot_commands, usage_html
from bot.frontends.telegram.edits import AnswersSent, Sent, edit_answer
from bot.frontends.telegram.guard import FloodGuard
from bot.frontends.telegram.inline import InlineMode
from bot.frontends.telegram.render import (
    Callbacks,
    Keyboards,
    menu_keyboard,
)
from bot.frontends.telegram.sending import LeanBot, Target, answering, send_reliably
from bot.frontends.telegram.voting import Voting
from bot.operations import Operations
from bot.stats import outcome

__all__ = ["ADMIN_COMMANDS", "COMMANDS", "TelegramApp", "TelegramFrontend", "bot_commands"]
logger = logging.getLogger(__name__)

SORRY = "Sorry, something went wrong — please try again."
EXPIRED = "This button has expired — please ask again, or send /projects."
TEXT_ONLY = "I read text only: please type your question, or send /help."

Handler = Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]
TelegramApp = Application[Any, Any, Any, Any, Any, Any]


class TelegramFrontend:
    """Per-(chat, user) contexts and button payloads; registers the handlers, which turn
    updates into calls on ``Operations`` and replies into messages."""

    def __init__(
        self,
        engine: Engine,
        settings: Settings | None = None,
        conversations: Conversations | None = None,
        operations: Operations | None = None,
    ) -> None:
        self.settings = settings or Settings(knowledge_path=Path("knowledge"))
        self.ops = operations or Operations(engine, self.settings)
        self.conversations = conversations or Conversations()
        self.callbacks = Callbacks()
        self.keyboards = Keyboards(self.callbacks)
        self.flood = FloodGuard(self.settings.flood_per_minute)
        self.inline = InlineMode(self.ops)
        self.admin = Maintainers(self.ops, self.settings)
        self.voting = Voting(self.ops, self.callbacks)
        self.sent = AnswersSent()  # which messages answered a question, for its edits

    @property
    def engine(self) -> Engine:
        """The engine serving now (a reload replaces it)."""
        return self.ops.engine

    def register(self, app: TelegramApp) -> None:
        message = filters.UpdateType.MESSAGE
        private = filters.ChatType.PRIVATE
        commands: dict[str, Handler] = {
            "start": self.start,
            "help": self.help,
            "ask": self.ask,
            "projects": self.projects,
            "calls": self.calls,
            "project": self.project,
            **self.admin.handlers(),
        }
        app.add_handler(TypeHandler(Update, self.flood), group=-1)
        for name, callback in commands.items():
            app.add_handler(CommandHandler(name, callback, filters=message))
        app.add_handler(MessageHandler(message & filters.COMMAND, self.unknown_command))
        worded = filters.TEXT | filters.CAPTION  # a photo's caption is a question too
        app.add_handler(MessageHandler(message & private & worded, self.private_text))
        app.add_handler(MessageHandler(message & filters.ChatType.GROUPS & worded, self.group_text))
        app.add_handler(MessageHandler(message & private & ~filters.TEXT, self.not_text))
        edited = filters.UpdateType.EDITED_MESSAGE & worded
        app.add_handler(MessageHandler(edited, self.edited))
        app.add_handler(CallbackQueryHandler(self.button))
        app.add_handler(InlineQueryHandler(self.inline.answer))
        app.add_error_handler(self.error)

    # -- context and delivery ---------------------------------------------------------------
    def context_for(self, update: Update) -> Context:
        chat = update.effective_chat
        user = update.effective_user
        key = f"{chat.id if chat else '-'}:{user.id if user else '-'}"
        return self.conversations.get(key)

    def prepared(
        self,
        reply: Reply,
        private: bool,
        *,
        extra_html: str = "",
        context: Context | None = None,
        ballot: str | None = None,
    ) -> tuple[list[str], str | None]:
        """``reply``'s messages and keyboard (``Keyboards.laid_out``), 👍 / 👎 under it when
        it has a ``ballot``; ``context``: the chat's, after the reply (for a "Next")."""
        after = context.last if context is not None else None
        row = self.voting.row(ballot)
        return self.keyboards.laid_out(reply, private, extra_html=extra_html, after=after, row=row)

    async def deliver(
        self,
        bot: Bot,
        target: Target,
        reply: Reply,
        private: bool,
        *,
        extra_html: str = "",
        context: Context | None = None,
        ballot: str | None = None,
    ) -> tuple[int, ...]:
        """Send ``reply`` (see ``prepared``); the ids of the messages sent."""
        if not isinstance(bot, LeanBot):
            raise TypeError("the Telegram front end sends with a LeanBot (build_application)")
        chunks, keyboard = self.prepared(
            reply, private, extra_html=extra_html, context=context, ballot=ballot
        )
        retries = self.settings.telegram_max_retries
        ids = []
        for i, chunk in enumerate(chunks):
            markup = keyboard if i == len(chunks) - 1 else None
            sent = await send_reliably(
                functools.partial(bot.send_text, target, chunk, markup), retries
            )
            if sent is not None:
                ids.append(sent)
        return tuple(ids)

    def replied(
        self, update: Update, question: str, context: Context, reuse: str | None = None
    ) -> tuple[Reply, str | None]:
        """The answer to ``question``, recorded, and its ballot when it states a figure
        (``reuse``: the ballot of the answer it replaces, kept if the answer is the same)."""
        reply = self.ops.answer(question, context, *_chat_and_kind(update))
        return reply, self.ballot(question, reply, context, reuse)

    def ballot(
        self, question: str, reply: Reply, context: Context, reuse: str | None = None
    ) -> str | None:
        """A ballot for 👍 / 👎 when ``reply`` states a figure."""
        return self.ops.offer(question, reply, context, reuse) if states_a_figure(reply) else None

    async def answer(self, update: Update, question: str) -> None:
        """Answer ``question``, asked by the message of ``update``; remember which messages
        answered it, for when it is edited."""
        message = update.effective_message
        if message is None:
            return
        context = self.context_for(update)
        reply, ballot = self.replied(update, question, context)
        ids = await self.deliver(
            message.get_bot(),
            answering(message),
            reply,
            _private(update),
            context=context,
            ballot=ballot,
        )
        self.sent.sent(message.chat_id, message.message_id, Sent(ids, ballot))

    # -- messages ---------------------------------------------------------------------------
    async def private_text(self, update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        question = message.text if message and message.text is not None else None
        if message and question is None:
            question = message.caption
        if question is not None:
            await self.answer(update, question)

    async def group_text(self, update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is None:
            return
        question = question_for_bot(message, ctx.bot.id, ctx.bot.username)
        if question is not None:  # anything else is the group's own conversation
            await self.answer(update, question)

    async def edited(self, update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        """An edited question: its answer edited to answer the new wording; nothing when the
        bot never answered it, or (in a group) when the new wording is not for the bot."""
        message = update.edited_message
        before = self.sent.of(message.chat_id, message.message_id) if message else None
        if message is None or before is None:
            return
        question = question_in_edit(message, ctx.bot.id, ctx.bot.username, _private(update))
        if question is None:
            return
        context = self.context_for(update)
        reply, ballot = self.replied(update, question, context, reuse=before.ballot)
        chunks, keyboard = self.prepared(reply, _private(update), context=context, ballot=ballot)
        bot = ctx.bot
        if not isinstance(bot, LeanBot):
            raise TypeError("the Telegram front end sends with a LeanBot (build_application)")
        retries = self.settings.telegram_max_retries
        ids = await edit_answer(bot, answering(message), before, chunks, keyboard, retries=retries)
        self.sent.sent(message.chat_id, message.message_id, Sent(ids, ballot))

    async def not_text(self, update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        if update.effective_message:
            await update.effective_message.reply_text(TEXT_ONLY)

    # -- commands ---------------------------------------------------------------------------
    async def start(self, update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        argument = " ".join(ctx.args or []).replace("_", " ")
        if argument and _answered(self.engine, argument):
            await self.answer(update, argument)  # a deep link, t.me/YourBot?start=CLUSGRID
            return
        message = update.effective_message  # else (an argument not ours too) the welcome
        if message:
            reply = self.engine.welcome(self.context_for(update))
            browse = "\n\nBrowse with /projects and /calls, or send /help."
            await self.deliver(ctx.bot, answering(message), reply, True, extra_html=browse)

    async def help(self, update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message:
            reply = self.engine.help(self.context_for(update))
            user = update.effective_user
            extra = usage_html(self.ops.is_admin(user.id if user else None))
            await self.deliver(ctx.bot, answering(message), reply, True, extra_html=extra)

    async def ask(self, update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        question = " ".join(ctx.args or [])
        if not question:
            example = self.engine.help().suggestions[:1]
            hint = f" — for example: /ask {example[0].question}" if example else ""
            await self._say(update, f"Usage: /ask <question>{hint}")
            return
        await self.answer(update, question)

    async def projects(self, update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        if update.effective_message:
            reply = self.engine.projects_by_call(self.context_for(update))
            await self.deliver(ctx.bot, answering(update.effective_message), reply, True)

    async def calls(self, update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        if update.effective_message:
            reply = self.engine.calls(self.context_for(update))
            await self.deliver(ctx.bot, answering(update.effective_message), reply, True)

    async def project(self, update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is None:
            return
        name = " ".join(ctx.args or [])
        if not name:
            listing = self.engine.projects_by_call()
            menu = listing.menu
            example = menu[0].items[0].label if menu and menu[0].items else "NAME"
            keyboard = menu_keyboard(menu, self.callbacks, listing.more)
            text = f"Usage: /project <name> — for example /project {example}. Or pick one:"
            await message.reply_text(html.escape(text, quote=False), reply_markup=keyboard)
            return
        chat, where = _chat_and_kind(update)
        context = self.context_for(update)
        reply = self.ops.project_named(name, context, chat, where)
        ballot = self.ballot(f"/project {name}", reply, context)
        await self.deliver(ctx.bot, answering(message), reply, _private(update), ballot=ballot)

    async def unknown_command(self, update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is None or not message.text:
            return
        command = message.text.split()[0]
        name, _, target = command.partition("@")
        mine = target.lower() == (ctx.bot.username or "").lower()
        if _private(update) or mine:
            await self._say(update, f"I don't know the command {name}. Send /help for the list.")

    async def _say(self, update: Update, text: str) -> None:
        if update.effective_message:
            await update.effective_message.reply_text(html.escape(text, quote=False))

    # -- buttons ----------------------------------------------------------------------------
    async def button(self, update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        if query is None:
            return
        decoded = self.callbacks.decode(query.data)
        kind, value = decoded or ("", "")
        if kind in ("u", "d"):  # 👍 / 👎: answered with a notice of its own
            await self.voting.pressed(query, value, kind == "u", self.settings.telegram_max_retries)
            return
        try:
            await query.answer()  # stops the button's spinner
        except TelegramError as exc:  # e.g. "query is too old": still answer the question
            logger.info("could not answer a callback query: %s", exc)
        message = query.message
        if message is None or not isinstance(message, Message):
            return  # a button on an inline result, or a message too old to reach
        context = self.context_for(update)
        reply, asked = _pressed(self.ops, update, kind, value, context)
        if reply is None:
            await message.chat.send_message(html.escape(EXPIRED, quote=False))
            return
        asked = _label(message, query.data) if kind == "o" else asked
        ballot = self.ballot(asked, reply, context)
        target = answering(message, quote=False)
        await self.deliver(ctx.bot, target, reply, _private(update), context=context, ballot=ballot)

    async def tell_admins(self, bot: Bot, text: str) -> None:
        await self.admin.tell_all(bot, text)

    # -- errors -----------------------------------------------------------------------------
    async def error(self, update: object, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        """Log the failure with its traceback and tell the user; the bot carries on."""
        logger.error("error while handling an update", exc_info=ctx.error)
        if not isinstance(update, Update):
            return
        try:
            if update.callback_query:
                await update.callback_query.answer()
            if update.effective_chat and not update.inline_query:
                await update.effective_chat.send_message(SORRY)
        except Exception:  # the network may be what failed; the log has it already
            logger.warning("could not tell the user about the error", exc_info=True)


def _chat_and_kind(update: Update) -> tuple[object, str]:
    """Who asked (hashed in the unanswered log) and from where, for the records."""
    chat = update.effective_chat
    return (chat.id, str(chat.type)) if chat else ("inline", "inline")


def _answered(engine: Engine, argument: str) -> bool:
    """Whether a deep link's argument is answered (not declined, not asked back), tried
    in a conversation of its own: a link's tracking code is no question to log."""
    return outcome(engine.answer(argument, Context())) == "answered"


def _pressed(
    ops: Operations, update: Update, kind: str, value: str, context: Context
) -> tuple[Reply | None, str]:
    """What a button asks (a question, a list's next page, a menu item), answered; and
    what was asked."""
    if kind == "n":  # a list's next page: that list's, whatever was asked since
        value, kind = pages.resume(value, context) or "", "q"
    if kind == "q" and value:
        return ops.answer(value, context, *_chat_and_kind(update)), value
    if kind == "o":
        return ops.engine.open(value, context), value
    return None, value


def _label(message: Message, data: str | None) -> str:
    """The label of the button of ``message`` whose payload is ``data``: what was asked."""
    rows = message.reply_markup.inline_keyboard if message.reply_markup else ()
    return next((b.text for row in rows for b in row if b.callback_data == data), data or "")


def _private(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type == ChatType.PRIVATE
