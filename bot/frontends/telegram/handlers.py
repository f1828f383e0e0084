"""The Telegram handlers: thin glue between PTB updates and ``Engine`` replies.

Private chats: every text is a question. Groups: only commands, @mentions and replies to
the bot (see ``addressing``). Inline mode: the answer as an article. Buttons carry a
question or a menu ref (see ``render.Callbacks``). Context is kept per (chat, user).
"""

from __future__ import annotations

import asyncio
import functools
import html
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Coroutine
from pathlib import Path
from typing import Any

from telegram import (
    Bot,
    BotCommand,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Message,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, TelegramError
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
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
from bot.flood import SLOW_DOWN, FloodGate, Verdict
from bot.frontends.telegram.addressing import question_for_bot
from bot.frontends.telegram.render import (
    MESSAGE_LIMIT,
    Callbacks,
    Keyboards,
    menu_keyboard,
    menu_overflow,
    split_html,
)
from bot.frontends.telegram.sending import LeanBot, Target, answering
from bot.operations import Operations

logger = logging.getLogger(__name__)

SORRY = "Sorry, something went wrong — please try again."
EXPIRED = "This button has expired — please ask again, or send /projects."
TEXT_ONLY = "I read text only: please type your question, or send /help."
NOT_ADMIN = "Sorry, that command is only for the bot's maintainers."
RETRY_FIRST, RETRY_CAP = 0.25, 5.0  # seconds: pause before the first retry of a send, most
INLINE_MAX_RESULTS = 50  # Telegram's limit per answerInlineQuery
INLINE_CACHE_SECONDS = 300  # how long Telegram may reuse our inline results
INLINE_CACHE_SIZE = 1024  # inline answers kept here, by query text
# Intents whose suggestions are a choice to make, so they get buttons in groups too.
CHOICES = frozenset({"clarify", "decline", "empty", "help", "greet", "confirm", "which_project"})

Handler = Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]
TelegramApp = Application[Any, Any, Any, Any, Any, Any]

COMMANDS: list[tuple[str, str, str]] = [
    # (command, menu description, usage shown in /help)
    ("start", "What I know, with example questions", "/start"),
    ("help", "What you can ask", "/help"),
    ("ask", "Ask a question in plain words", "/ask <question>"),
    ("projects", "All projects, by call", "/projects"),
    ("calls", "The calls for proposals", "/calls"),
    ("project", "One project's card, by name", "/project <name>"),
]
# Only for ADMIN_IDS, so not in the menu everyone sees: (command, what it does)
ADMIN_COMMANDS: list[tuple[str, str]] = [
    ("reload", "load the knowledge folder again (the last good one serves on errors)"),
    ("stats", "questions since start: answered, declined, asked back; the most missed"),
    ("unanswered", "the unanswered log (UNANSWERED_LOG), most frequent first"),
]


def bot_commands() -> list[BotCommand]:
    """The command menu Telegram shows, registered with ``setMyCommands`` at start-up."""
    return [BotCommand(name, description) for name, description, _ in COMMANDS]


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
        self.flood = FloodGate(self.settings.flood_per_minute)
        self._inline: OrderedDict[str, list[InlineQueryResultArticle]] = OrderedDict()
        self._inline_generation = self.ops.generation

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
            "reload": self.reload_command,
            "stats": self.stats_command,
            "unanswered": self.unanswered_command,
        }
        app.add_handler(TypeHandler(Update, self.flood_guard), group=-1)
        for name, callback in commands.items():
            app.add_handler(CommandHandler(name, callback, filters=message))
        app.add_handler(MessageHandler(message & filters.COMMAND, self.unknown_command))
        app.add_handler(MessageHandler(message & private & filters.TEXT, self.private_text))
        app.add_handler(
            MessageHandler(message & filters.ChatType.GROUPS & filters.TEXT, self.group_text)
        )
        app.add_handler(MessageHandler(message & private & ~filters.TEXT, self.not_text))
        app.add_handler(CallbackQueryHandler(self.button))
        app.add_handler(InlineQueryHandler(self.inline))
        app.add_error_handler(self.error)

    # -- context and delivery ---------------------------------------------------------------
    def context_for(self, update: Update) -> Context:
        chat = update.effective_chat
        user = update.effective_user
        key = f"{chat.id if chat else '-'}:{user.id if user else '-'}"
        return self.conversations.get(key)

    async def deliver(
        self,
        bot: Bot,
        target: Target,
        reply: Reply,
        private: bool,
        *,
        extra_html: str = "",
    ) -> None:
        """Send ``reply`` (split under 4096 characters); buttons go on the last message:
        its menu if it has one, else its suggestions (in groups only when they are a choice)."""
        if not isinstance(bot, LeanBot):
            raise TypeError("the Telegram front end sends with a LeanBot (build_application)")
        keyboard = None
        if reply.menu:
            keyboard = self.keyboards.menu(reply.menu)
            hidden = menu_overflow(reply.menu)
            if hidden:
                note = f"\n\n({hidden} more not shown as buttons: send /project NAME.)"
                extra_html += html.escape(note, quote=False)
        if keyboard is None and (private or reply.intent in CHOICES):
            keyboard = self.keyboards.suggestions(reply.suggestions)
        chunks = split_html(reply.html + extra_html)
        for i, chunk in enumerate(chunks):
            markup = keyboard if i == len(chunks) - 1 else None
            await self.send_reliably(functools.partial(bot.send_text, target, chunk, markup))

    async def send_reliably(self, send: Callable[[], Awaitable[None]]) -> None:
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
                if attempt > self.settings.telegram_max_retries:
                    raise
                pause = min(RETRY_CAP, RETRY_FIRST * 2 ** (attempt - 1))
                logger.warning("send failed (%s); retry %d in %.2f s", exc, attempt, pause)
                await asyncio.sleep(pause)

    async def answer(self, update: Update, question: str) -> None:
        message = update.effective_message
        if message is None:
            return
        chat, where = _chat_and_kind(update)
        reply = self.ops.answer(question, self.context_for(update), chat, where)
        await self.deliver(message.get_bot(), answering(message), reply, _private(update))

    async def flood_guard(self, update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        """Flood control for every kind of update a sender sends (questions, stickers,
        commands, buttons): past the limit one "please slow down", then silence."""
        if update.inline_query is not None:
            return  # Telegram throttles inline queries itself, and one is sent per keystroke
        message = update.effective_message
        chat = update.effective_chat
        if message is not None and chat is not None and chat.type != "private":
            command = bool(message.text and message.text.startswith("/"))
            if not command and question_for_bot(message, ctx.bot.id, ctx.bot.username) is None:
                return  # the group's own conversation is not counted
        verdict = self.flood.check(flood_key(update))
        if verdict is Verdict.ANSWER:
            return
        if verdict is Verdict.WARN and update.effective_chat is not None:
            logger.info("flood limit reached by a sender; answering again after the window")
            await update.effective_chat.send_message(html.escape(SLOW_DOWN, quote=False))
        raise ApplicationHandlerStop

    # -- messages ---------------------------------------------------------------------------
    async def private_text(self, update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message and message.text is not None:
            await self.answer(update, message.text)

    async def group_text(self, update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is None:
            return
        question = question_for_bot(message, ctx.bot.id, ctx.bot.username)
        if question is not None:  # anything else is the group's own conversation
            await self.answer(update, question)

    async def not_text(self, update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        if update.effective_message:
            await update.effective_message.reply_text(TEXT_ONLY)

    # -- commands ---------------------------------------------------------------------------
    async def start(self, update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        if ctx.args:  # a deep link, t.me/YourBot?start=CLUSGRID: answer what it names
            await self.answer(update, " ".join(ctx.args).replace("_", " "))
            return
        message = update.effective_message
        if message:
            reply = self.engine.welcome(self.context_for(update))
            browse = "\n\nBrowse with /projects and /calls, or send /help."
            await self.deliver(ctx.bot, answering(message), reply, True, extra_html=browse)

    async def help(self, update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message:
            reply = self.engine.help(self.context_for(update))
            usage = "\n".join(
                f"{html.escape(use, quote=False)} — {html.escape(text, quote=False)}"
                for _, text, use in COMMANDS
            )
            extra = f"\n\n<b>Commands</b>\n{usage}"
            user = update.effective_user
            if self.ops.is_admin(user.id if user else None):  # only they see their commands
                admin = "\n".join(f"/{name} — {html.escape(text)}" for name, text in ADMIN_COMMANDS)
                extra += f"\n\n<b>For maintainers</b>\n{admin}"
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
            menu = self.engine.projects_by_call().menu
            example = menu[0].items[0].label if menu and menu[0].items else "NAME"
            keyboard = menu_keyboard(menu, self.callbacks)
            text = f"Usage: /project <name> — for example /project {example}. Or pick one:"
            await message.reply_text(html.escape(text, quote=False), reply_markup=keyboard)
            return
        chat, where = _chat_and_kind(update)
        reply = self.ops.project_named(name, self.context_for(update), chat, where)
        await self.deliver(ctx.bot, answering(message), reply, _private(update))

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
        try:
            await query.answer()  # stops the button's spinner
        except TelegramError as exc:  # e.g. "query is too old": still answer the question
            logger.info("could not answer a callback query: %s", exc)
        message = query.message
        if message is None or not isinstance(message, Message):
            return  # a button on an inline result, or a message too old to reach
        decoded = self.callbacks.decode(query.data)
        context = self.context_for(update)
        reply: Reply | None = None
        if decoded is not None:
            kind, value = decoded
            if kind == "q":
                reply = self.ops.answer(value, context, *_chat_and_kind(update))
            else:
                reply = self.engine.open(value, context)
        if reply is None:
            await message.chat.send_message(html.escape(EXPIRED, quote=False))
            return
        await self.deliver(ctx.bot, answering(message, quote=False), reply, _private(update))

    # -- maintainers (what they may do is in Operations; here only who asked) ------------
    async def reload_command(self, update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        if await self._admin(update):
            await self._say(update, (await self.ops.reload_off_loop()).message)

    async def stats_command(self, update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        if await self._admin(update):
            await self._say(update, self.ops.stats_report())

    async def unanswered_command(self, update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        if await self._admin(update):
            await self._say(update, self.ops.unanswered_report())

    async def _admin(self, update: Update) -> bool:
        """Whether the sender may run a maintainers' command; tells them when not."""
        user = update.effective_user
        if self.ops.is_admin(user.id if user else None):
            return True
        await self._say(update, NOT_ADMIN)
        return False

    async def tell_admins(self, bot: Bot, text: str) -> None:
        for admin in sorted(self.settings.admin_ids):
            for chunk in split_html(html.escape(text, quote=False)):
                try:
                    await bot.send_message(admin, chunk)
                except TelegramError as exc:
                    logger.warning("could not tell admin %s: %s", admin, exc)

    # -- inline mode ------------------------------------------------------------------------
    async def inline(self, update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.inline_query
        if query is None:
            return
        text = " ".join(query.query.split())
        if self._inline_generation != self.ops.generation:  # the knowledge was reloaded
            self._inline.clear()
            self._inline_generation = self.ops.generation
        results = self._inline.get(text)
        if results is None:
            results = self.inline_results(text)
            self._inline[text] = results
            while len(self._inline) > INLINE_CACHE_SIZE:
                self._inline.popitem(last=False)
        self._inline.move_to_end(text)
        await query.answer(results, cache_time=INLINE_CACHE_SECONDS, is_personal=False)

    def inline_results(self, text: str) -> list[InlineQueryResultArticle]:
        """The answer as an article; for an empty query, one article per project."""
        if not text:
            items = [
                item for section in self.engine.projects_by_call().menu for item in section.items
            ]
            cards = [(item.label, self.engine.open(item.ref)) for item in items]
            articles = [_article(str(i), label, r) for i, (label, r) in enumerate(cards) if r]
            return articles[:INLINE_MAX_RESULTS]
        reply = self.engine.answer(text)
        articles = [_article("0", _first_line(reply), reply)]
        for i, suggestion in enumerate(reply.suggestions if reply.intent == "clarify" else ()):
            option = self.engine.answer(suggestion.question)
            articles.append(_article(str(i + 1), suggestion.label, option))
        return articles[:INLINE_MAX_RESULTS]

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


def _chat_and_kind(update: Update) -> tuple[object, str]:
    """Who asked (hashed in the unanswered log) and from where, for the records."""
    chat = update.effective_chat
    return (chat.id, str(chat.type)) if chat else ("inline", "inline")


def _private(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type == ChatType.PRIVATE


def _first_line(reply: Reply, limit: int = 64) -> str:
    line = reply.text.strip().split("\n", 1)[0]
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _article(result_id: str, title: str, reply: Reply) -> InlineQueryResultArticle:
    first = split_html(reply.html, MESSAGE_LIMIT)[0]
    description = " ".join(reply.text.split())
    if description.startswith(title):  # a card repeats its title: describe the rest
        description = description[len(title) :].lstrip(" —-:")
    return InlineQueryResultArticle(
        id=result_id,
        title=title,
        description=description[:200],
        input_message_content=InputTextMessageContent(first, parse_mode=ParseMode.HTML),
    )
