"""Webhook mode: with WEBHOOK_URL set the bot registers it (with a secret) and listens on PORT."""

from __future__ import annotations

import socket

import aiohttp

from bot.engine import Engine
from bot.frontends.telegram import build_application, running
from conftest import bot_settings
from fake_telegram import FakeTelegram, visible_text


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_webhook_mode_registers_a_secret_and_answers_posted_updates(
    tg: FakeTelegram, engine: Engine
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram-hook"
    settings = bot_settings(
        tg,
        webhook_url=url,
        webhook_secret="s3cret-Token_1",
        webhook_listen="127.0.0.1",
        port=port,
    )
    app = build_application(engine, settings)
    update = {
        "update_id": 1,
        "message": {
            "message_id": 1,
            "date": 1700000000,
            "chat": {"id": 77, "type": "private", "first_name": "Ann"},
            "from": {"id": 77, "is_bot": False, "first_name": "Ann"},
            "text": "when did ECRI end?",
        },
    }
    async with running(app), aiohttp.ClientSession() as http:
        (registered,) = await tg.wait_for("setWebhook")
        assert registered.params["url"] == url
        assert registered.params["secret_token"] == "s3cret-Token_1"
        async with http.post(url, json=update) as refused:  # no secret header: not Telegram
            assert refused.status == 403
        headers = {"X-Telegram-Bot-Api-Secret-Token": "s3cret-Token_1"}
        async with http.post(url, json=update, headers=headers) as accepted:
            assert accepted.status == 200
        (sent,) = await tg.wait_for("sendMessage")
    assert sent.chat_id == 77
    assert visible_text(sent) == "ECRI ended on 15 November 2018."
    assert tg.of("getUpdates") == []  # no polling in webhook mode
