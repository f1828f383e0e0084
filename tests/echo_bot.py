"""A bare echo bot: the baseline the Telegram benchmark compares the bot with.

Same PTB, same HTTP client and pool sizes, same rate limiter and settings (read from the
same environment), same number of updates at once, polling the same fake server; it only
sends each text back. The bot's throughput divided by this one's is what our own work costs.

    TELEGRAM_BOT_TOKEN=... TELEGRAM_API_BASE_URL=... python tests/echo_bot.py
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from datetime import timedelta

from telegram import Update
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters
from telegram.request import HTTPXRequest

from bot.config import Settings
from bot.frontends.telegram.app import CONCURRENT_UPDATES, rate_limiter


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.effective_message and update.effective_message.text:
        await update.effective_message.reply_text(update.effective_message.text)


async def main() -> None:
    settings = Settings.load()
    timeouts = {
        "read_timeout": settings.telegram_read_timeout,
        "connect_timeout": settings.telegram_read_timeout,
    }
    app = (
        ApplicationBuilder()
        .token(settings.token or "")
        .base_url(settings.telegram_api_base_url)
        .request(HTTPXRequest(connection_pool_size=64, **timeouts))
        .get_updates_request(HTTPXRequest(connection_pool_size=1, **timeouts))
        .rate_limiter(rate_limiter(settings))
        .concurrent_updates(CONCURRENT_UPDATES)
        .build()
    )
    app.add_handler(MessageHandler(filters.TEXT, echo))
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            asyncio.get_running_loop().add_signal_handler(sig, stop.set)
    async with app:
        await app.bot.set_my_commands([])  # the benchmark waits for this, as for the bot
        await app.updater.start_polling(  # type: ignore[union-attr]
            timeout=timedelta(seconds=settings.telegram_poll_timeout),
            allowed_updates=Update.ALL_TYPES,
        )
        await app.start()
        await stop.wait()
        await app.updater.stop()  # type: ignore[union-attr]
        await app.stop()


if __name__ == "__main__":
    asyncio.run(main())
