"""Build, start and stop the Telegram bot: long polling, or a webhook when WEBHOOK_URL is set.

``running()`` is the one start-up path, used by ``python -m bot telegram`` and by the tests:
``initialize()`` (getMe), ``setMyCommands``, the updater (polling or webhook), ``start()``.
PTB's ``post_init`` runs only inside ``run_polling()``, which tests cannot drive, so the
commands are registered here instead, where both paths go through it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import signal
import sys
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import AIORateLimiter, ApplicationBuilder, Defaults
from telegram.request import HTTPXRequest
from tornado.httpserver import HTTPServer

from bot import NO_TOKEN, collector, places
from bot.config import Settings
from bot.engine import Engine
from bot.frontends.telegram.handlers import TelegramApp, TelegramFrontend, bot_commands
from bot.frontends.telegram.journal import Journal, JournalBot, bot_id_of
from bot.frontends.telegram.ordering import ChatOrderedProcessor
from bot.frontends.telegram.sqlitefile import StateFileError
from bot.frontends.telegram.state import keep, keep_every, restore
from bot.frontends.telegram.webhook import Health, webhook_server
from bot.logsafety import RedactingFilter, add_secrets, redact, url_password
from bot.operations import Operations

logger = logging.getLogger(__name__)

FRONTEND = "frontend"  # where the Application keeps its TelegramFrontend (bot_data)
JOURNAL = "journal"  # and its Journal of updates, when STATE_PATH is set
KEEP_SECONDS = 5.0  # how often conversations, stats and button payloads are written down
# Updates handled at once. While one reply travels to Telegram the next can be worked on;
# measured on loopback: 1 -> ~500 updates/s, 4 -> ~730, 32 -> ~370 (contention).
CONCURRENT_UPDATES = 4


TOKEN_CALLS = frozenset({"getMe", "getUpdates", "setWebhook", "deleteWebhook", "setMyCommands"})


class WatchfulRequest(HTTPXRequest):
    """PTB's HTTP client, noting when Telegram answers 401/404: the token was rejected.

    PTB raises ``InvalidToken`` for those, but inside the polling loop that only ends the
    loop: ``updater.running`` stays true and the bot sits there deaf. ``serve`` watches this.
    """

    def __init__(self, rejected: asyncio.Event | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.rejected = rejected

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        code, payload = await super().do_request(*args, **kwargs)
        url = str(kwargs.get("url", args[0] if args else ""))
        # a 404 on one message (a deleted chat, a proxy's hiccup) is not a revoked token;
        # on the calls every bot makes with its token alone, it is
        token_call = url.rsplit("/", 1)[-1] in TOKEN_CALLS
        if (code == 401 or (code == 404 and token_call)) and self.rejected is not None:
            self.rejected.set()
        return code, payload


def rate_limiter(settings: Settings) -> AIORateLimiter:
    """Telegram's sending limits as PTB keeps them: overall per second, per group per minute;
    a 429's ``retry_after`` honoured up to ``TELEGRAM_MAX_RETRIES`` times."""
    return AIORateLimiter(
        overall_max_rate=settings.telegram_rate_per_second,
        overall_time_period=1,
        group_max_rate=settings.telegram_group_rate_per_minute,
        group_time_period=60,
        max_retries=settings.telegram_max_retries,
    )


def build_application(
    engine: Engine,
    settings: Settings,
    frontend: TelegramFrontend | None = None,
    concurrency: int = CONCURRENT_UPDATES,
    rejected: asyncio.Event | None = None,
) -> TelegramApp:
    """The PTB Application with every handler registered, talking to
    ``settings.telegram_api_base_url`` (the token is appended to it).

    Up to ``concurrency`` updates are handled at once, but one chat's in the order sent.
    Outgoing messages keep to Telegram's rates and are retried after a 429 (``retry_after``
    honoured) by PTB's ``AIORateLimiter``; ``rejected`` is set if Telegram refuses the token.
    """
    token = settings.token
    if not token:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    base_url = settings.telegram_api_base_url
    timeouts = {
        "read_timeout": settings.telegram_read_timeout,
        "connect_timeout": settings.telegram_read_timeout,
    }
    journal = None
    if settings.state_path:  # StateFileError if it cannot be used (or another bot has it)
        prepare_state_folder(settings.state_path)
        journal = Journal(settings.state_path, bot_id=bot_id_of(token))
    bot = JournalBot(
        token,
        journal=journal,
        base_url=base_url,
        base_file_url=base_url.removesuffix("/bot") + "/file/bot",
        defaults=Defaults(
            parse_mode=ParseMode.HTML,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        ),
        request=WatchfulRequest(rejected, connection_pool_size=64, **timeouts),
        get_updates_request=WatchfulRequest(rejected, connection_pool_size=1, **timeouts),
        rate_limiter=rate_limiter(settings),
    )
    processor = ChatOrderedProcessor(concurrency, done=journal.done if journal else None)
    app = ApplicationBuilder().bot(bot).concurrent_updates(processor).build()
    app.bot_data[JOURNAL] = journal
    frontend = frontend or TelegramFrontend(engine, settings)
    frontend.register(app)
    app.bot_data[FRONTEND] = frontend
    return app


def frontend_of(app: TelegramApp) -> TelegramFrontend:
    frontend = app.bot_data[FRONTEND]
    assert isinstance(frontend, TelegramFrontend)
    return frontend


@contextlib.asynccontextmanager
async def running(app: TelegramApp) -> AsyncIterator[TelegramApp]:
    """Start ``app`` (long polling, or a webhook if WEBHOOK_URL is set) and stop it after.

    While it runs, the knowledge folder is watched and reloaded when it changes, and (with a
    journal) the conversations are written down every few seconds.
    """
    frontend = frontend_of(app)
    settings = frontend.settings

    async def tell_admins(text: str) -> None:
        await frontend.tell_admins(app.bot, text)

    journal: Journal | None = app.bot_data.get(JOURNAL)
    await app.initialize()
    tasks: list[asyncio.Task[None]] = []
    hook: HTTPServer | None = None
    try:
        await app.bot.set_my_commands(bot_commands())
        if journal is not None:
            tasks.append(await _resume(app, frontend, journal))
        hook = await _receive(app, settings, journal, lambda: _serving(app, frontend))
        await app.start()
        if settings.knowledge_watch_seconds > 0:
            every = settings.knowledge_watch_seconds
            tasks.append(asyncio.create_task(frontend.ops.watch(every, tell_admins)))
        try:
            yield app
        finally:
            for task in tasks:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            if hook is not None:
                hook.stop()
            await _stop(app)
            if journal is not None:
                keep(frontend, journal)
    finally:
        await app.shutdown()
        if journal is not None:
            journal.close()


def prepare_state_folder(path: Path) -> None:
    """The default state file's folder made (readable by the bot's user only), and a
    temporary one said; a ``STATE_PATH`` of one's own is used as it is."""
    if path != places.state_file():
        return
    if path.parent == places.temporary_folder():
        logger.warning(
            "no home folder: the journal of updates is kept in %s, which a reboot may empty; "
            "set STATE_PATH to keep it elsewhere",
            path,
        )
    try:
        places.make_private_folder(path.parent)
    except OSError as exc:
        why = f"cannot make its folder, the platform's state folder ({exc.strerror or exc})"
        raise StateFileError(path, why) from None
    unsafe = places.not_private(path.parent)  # under /tmp, another user may have made it
    if unsafe:
        raise StateFileError(path, f"its folder {unsafe}")
    legacy = Path.cwd() / places.STATE_FILE
    with contextlib.suppress(OSError):
        if legacy.is_file() and not path.exists():
            logger.warning(
                "%s is where older versions kept the journal of updates; it is now kept in "
                "%s. Move the file there, or set STATE_PATH=%s to keep using it",
                legacy,
                path,
                legacy,
            )


async def _resume(
    app: TelegramApp, frontend: TelegramFrontend, journal: Journal
) -> asyncio.Task[None]:
    """The last run's conversations back, and what it fetched but did not answer queued
    first; returns the task that keeps writing the conversations down."""
    restore(frontend, journal)
    left = journal.pending(app.bot)
    if left:
        logger.warning("answering %d update(s) left from the last run", len(left))
    for update in left:
        await app.update_queue.put(update)
    return asyncio.create_task(keep_every(frontend, journal, KEEP_SECONDS))


def _serving(app: TelegramApp, frontend: TelegramFrontend) -> dict[str, object] | None:
    """What the bot serves, for ``/healthz``; ``None`` until it runs (or once it stops)."""
    if not app.running:
        return None
    knowledge = frontend.ops.engine.knowledge
    return {
        "projects": len(knowledge.projects),
        "calls": len(knowledge.calls),
        "reloads": frontend.ops.generation,
    }


async def _receive(
    app: TelegramApp, settings: Settings, journal: Journal | None, health: Health
) -> HTTPServer | None:
    """Start receiving updates: our webhook endpoint if WEBHOOK_URL is set, else polling."""
    if not settings.webhook_url:
        await app.updater.start_polling(  # type: ignore[union-attr]
            timeout=timedelta(seconds=settings.telegram_poll_timeout),
            allowed_updates=Update.ALL_TYPES,
        )
        return None
    secret = settings.webhook_secret_value or secrets.token_urlsafe(32)
    add_secrets(secret)  # setWebhook's parameters are logged at DEBUG
    path = urlparse(settings.webhook_url).path
    hook = webhook_server(app.bot, app.update_queue, secret, path, journal, health=health)
    hook.listen(settings.port, address=settings.webhook_listen)
    await app.bot.set_webhook(
        settings.webhook_url, secret_token=secret, allowed_updates=Update.ALL_TYPES
    )
    return hook


async def _stop(app: TelegramApp) -> None:
    """Stop polling and the application, even when the polling loop died of an error
    (a revoked token makes ``updater.stop()`` re-raise it)."""
    if app.updater and app.updater.running:
        try:
            await app.updater.stop()
        except TelegramError as exc:
            logger.info("polling had stopped with an error: %s", type(exc).__name__)
    if app.running:
        await app.stop()


class TokenRejected(Exception):
    """Telegram refused the token while the bot was running (HTTP 401 or 404)."""


async def serve(app: TelegramApp, settings: Settings, rejected: asyncio.Event) -> None:
    """Run until SIGINT or SIGTERM; raise ``TokenRejected`` if Telegram starts refusing us."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):  # pragma: no cover - Windows
            loop.add_signal_handler(sig, stop.set)
    async with running(app):
        me = app.bot.username
        mode = redact(f"webhook {settings.webhook_url}") if settings.webhook_url else "long polling"
        logger.info("Telegram bot @%s is running (%s)", me, mode)
        print(f"Telegram bot @{me} is running ({mode}). Ctrl-C stops it.", file=sys.stderr)
        waits = [asyncio.create_task(stop.wait()), asyncio.create_task(rejected.wait())]
        await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
        for task in waits:
            task.cancel()
    if rejected.is_set() and not stop.is_set():
        raise TokenRejected


def run_telegram(ops: Operations, settings: Settings) -> int:
    """``python -m bot telegram``: 0 after a clean stop, else one clear line and 1 (2 for no
    token or a state file it cannot use, 3 for a token revoked while running)."""
    token = settings.token
    if not token:
        print(f"Settings: {NO_TOKEN}", file=sys.stderr)
        return 2  # like any other bad setting
    rejected = asyncio.Event()
    frontend = TelegramFrontend(ops.engine, settings, operations=ops)
    collector.settle()  # the engine lives until a reload: out of the collector's sight
    try:
        app = build_application(ops.engine, settings, frontend, rejected=rejected)
    except StateFileError as exc:
        print(f"Settings: {exc}", file=sys.stderr)  # exit 2, like any other bad setting
        return 2
    try:
        asyncio.run(serve(app, settings, rejected))
    except (InvalidToken, TokenRejected, NetworkError, TelegramError) as exc:
        line, code = _why_stopped(exc, settings, token)
        print(line, file=sys.stderr)
        return code
    return 0


def _why_stopped(exc: Exception, settings: Settings, token: str) -> tuple[str, int]:
    """The one line said when serving stopped on ``exc``, and the exit code."""
    if isinstance(exc, InvalidToken):
        return (
            "Telegram rejected the token: check TELEGRAM_BOT_TOKEN (ask @BotFather for "
            "/token if it was revoked).",
            1,
        )
    if isinstance(exc, TokenRejected):
        return (
            "Telegram rejected the token while the bot was running (was it revoked?): "
            "stopping, so that a supervisor can restart the bot once TELEGRAM_BOT_TOKEN is fixed.",
            3,
        )
    if isinstance(exc, NetworkError):
        password = url_password(settings.telegram_api_base_url)
        where = RedactingFilter([password]).redact(str(settings.telegram_api_base_url))
        return f"Cannot reach the Telegram Bot API at {where}: {_safe(exc, token, password)}", 1
    return f"Telegram refused to start the bot: {_safe(exc, token)}", 1


def _safe(exc: BaseException, *secrets: str | None) -> str:
    return redact(str(exc), *secrets)
