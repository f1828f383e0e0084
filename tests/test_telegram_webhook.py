"""Webhook mode: with WEBHOOK_URL set the bot registers it (with a secret) and listens on PORT."""

from __future__ import annotations

import asyncio
import signal
import socket
from pathlib import Path

import aiohttp

from bot.engine import Engine
from bot.frontends.telegram import build_application, running
from bot.frontends.telegram.webhook import webhook_server
from conftest import bot_settings
from fake_telegram import TOKEN, FakeTelegram, visible_text
from test_telegram_process import bot_env, start_bot


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


async def test_healthz_says_the_bot_serves_its_knowledge_and_asks_no_secret(
    tg: FakeTelegram, engine: Engine
) -> None:
    port = free_port()
    settings = bot_settings(
        tg,
        webhook_url=f"http://127.0.0.1:{port}/telegram-hook",
        webhook_secret="s3cret-Token_1",
        webhook_listen="127.0.0.1",
        port=port,
    )
    app = build_application(engine, settings)
    health = f"http://127.0.0.1:{port}/healthz"
    async with aiohttp.ClientSession() as http:
        async with running(app):
            async with http.get(health) as response:
                assert response.status == 200
                assert await response.json() == {
                    "status": "ok",
                    "projects": 12,
                    "calls": 3,
                    "reloads": 0,
                }
                assert "s3cret" not in await response.text()
            async with http.post(health, data=b"{}") as wrong_method:
                assert wrong_method.status == 405
        # while starting or stopping, nothing is served: 503
        idle_port = free_port()
        idle = webhook_server(app.bot, asyncio.Queue(), "x", "/hook", None, health=lambda: None)
        idle.listen(idle_port, address="127.0.0.1")
        try:
            async with http.get(f"http://127.0.0.1:{idle_port}/healthz") as response:
                assert response.status == 503
                assert (await response.json())["status"] == "starting"
        finally:
            idle.stop()


def peak_kb(pid: int) -> int:
    """The process's peak resident memory (VmHWM), in kB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


async def post(http: aiohttp.ClientSession, url: str, body: bytes, secret: str) -> int:
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret}
    try:
        async with http.post(url, data=body, headers=headers) as response:
            return response.status
    except aiohttp.ClientError:
        return -1  # the server closed the connection without reading the body


async def test_webhook_refuses_before_reading_and_answers_bad_bodies_400(
    tg: FakeTelegram, tmp_path: Path
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/hook"
    secret = "right-Secret_9"
    env = bot_env(
        tg.base_url,
        TOKEN,
        WEBHOOK_URL=url,
        WEBHOOK_SECRET=secret,
        WEBHOOK_LISTEN="127.0.0.1",
        PORT=str(port),
    )
    env["LOG_LEVEL"] = "WARNING"
    process = await start_bot(tmp_path, env)
    big = b"x" * 90_000_000
    try:
        await tg.wait_for("setWebhook", timeout=20)
        before = peak_kb(process.pid)
        async with aiohttp.ClientSession() as http:
            statuses = await asyncio.gather(*(post(http, url, big, "guess") for _ in range(8)))
            assert all(s in (403, -1) for s in statuses), statuses
            assert await post(http, url, big, secret) in (413, -1)
            assert peak_kb(process.pid) - before < 100_000  # no 90 MB body was buffered
            for bad in (b"{not json", b"[1, 2, 3]", b"[" * 100_000, b'{"message": 5}'):
                assert await post(http, url, bad, secret) == 400
            ok = b'{"update_id": 9, "message": {"message_id": 1, "date": 1700000000, '
            ok += b'"chat": {"id": 78, "type": "private"}, "text": "when did ECRI end?"}}'
            assert await post(http, url, ok, secret) == 200
            (sent,) = await tg.wait_for("sendMessage", timeout=10)
    finally:
        process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(process.communicate(), 20)
    assert "15 November 2018" in visible_text(sent)
