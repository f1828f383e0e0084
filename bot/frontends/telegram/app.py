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
from urllib.parse import urlparse

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import ApplicationBuilder, Defaults

from bot.config import Settings
from bot.engine import Engine
from bot.frontends.telegram.handlers import TelegramApp, TelegramFrontend, bot_commands
from bot.frontends.telegram.ordering import ChatOrderedProcessor

logger = logging.getLogger(__name__)

POLL_TIMEOUT = 10  # seconds a getUpdates long poll may wait on the server
# Updates handled at once. While one reply travels to Telegram the next can be worked on;
# measured on loopback: 1 -> ~500 updates/s, 4 -> ~730, 32 -> ~370 (contention).
CONCURRENT_UPDATES = 4


def build_application(
    engine: Engine,
    token: str,
    base_url: str,
    frontend: TelegramFrontend | None = None,
    concurrency: int = CONCURRENT_UPDATES,
) -> TelegramApp:
    """The PTB Application with every handler registered; ``base_url`` gets the token appended.

    Up to ``concurrency`` updates are handled at once, but one chat's in the order sent.
    """
    app = (
        ApplicationBuilder()
        .token(token)
        .base_url(base_url)
        .base_file_url(base_url.removesuffix("/bot") + "/file/bot")
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .get_updates_read_timeout(POLL_TIMEOUT + 5)
        .concurrent_updates(ChatOrderedProcessor(concurrency))
        .build()
    )
    (frontend or TelegramFrontend(engine)).register(app)
    return app


@contextlib.asynccontextmanager
async def running(app: TelegramApp, settings: Settings | None = None) -> AsyncIterator[TelegramApp]:
    """Start ``app`` (polling, or a webhook if ``settings.webhook_url``) and stop it after."""
    await app.initialize()
    try:
        await app.bot.set_my_commands(bot_commands())
        if settings is not None and settings.webhook_url:
            secret = settings.webhook_secret or secrets.token_urlsafe(32)
            await app.updater.start_webhook(  # type: ignore[union-attr]
                listen=settings.webhook_listen,
                port=settings.port,
                url_path=urlparse(settings.webhook_url).path.lstrip("/"),
                webhook_url=settings.webhook_url,
                secret_token=secret,
                allowed_updates=Update.ALL_TYPES,
            )
        else:
            await app.updater.start_polling(  # type: ignore[union-attr]
                timeout=POLL_TIMEOUT, allowed_updates=Update.ALL_TYPES
            )
        await app.start()
        try:
            yield app
        finally:
            if app.updater and app.updater.running:
                await app.updater.stop()
            if app.running:
                await app.stop()
    finally:
        await app.shutdown()


async def serve(app: TelegramApp, settings: Settings) -> None:
    """Run until SIGINT or SIGTERM."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):  # pragma: no cover - Windows
            loop.add_signal_handler(sig, stop.set)
    async with running(app, settings):
        me = app.bot.username
        mode = f"webhook {settings.webhook_url}" if settings.webhook_url else "long polling"
        logger.info("Telegram bot @%s is running (%s)", me, mode)
        print(f"Telegram bot @{me} is running ({mode}). Ctrl-C stops it.", file=sys.stderr)
        await stop.wait()


def run_telegram(engine: Engine, settings: Settings) -> int:
    """``python -m bot telegram``: 0 after a clean stop, 1 with one clear line on failure."""
    token = settings.telegram_bot_token
    if not token:
        print(
            "TELEGRAM_BOT_TOKEN is not set: put the token from @BotFather in .env "
            "(see .env.example) or the environment.",
            file=sys.stderr,
        )
        return 1
    app = build_application(engine, token, settings.telegram_api_base_url)
    try:
        asyncio.run(serve(app, settings))
    except InvalidToken:
        print(
            "Telegram rejected the token: check TELEGRAM_BOT_TOKEN (ask @BotFather for "
            "/token if it was revoked).",
            file=sys.stderr,
        )
        return 1
    except NetworkError as exc:
        print(
            f"Cannot reach the Telegram Bot API at {settings.telegram_api_base_url}: "
            f"{_safe(exc, token)}",
            file=sys.stderr,
        )
        return 1
    except TelegramError as exc:
        print(f"Telegram refused to start the bot: {_safe(exc, token)}", file=sys.stderr)
        return 1
    return 0


def _safe(exc: BaseException, token: str) -> str:
    return str(exc).replace(token, "[REDACTED]")
