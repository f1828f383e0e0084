"""No update is lost when the process dies: kill -9 (or SIGTERM) the real bot with hundreds
of updates queued, start it again, and every chat is answered."""

from __future__ import annotations

import asyncio
import signal
from collections import Counter
from pathlib import Path

import pytest

from fake_telegram import TOKEN, FakeTelegram
from test_telegram_process import bot_env, start_bot

ASK = "what did CLUSGRID get from the EU"
CHATS = [20_000 + i for i in range(600)]


async def answered_everyone(tg: FakeTelegram, timeout: float = 30) -> Counter[int]:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        seen = Counter(c.chat_id for c in tg.delivered())
        if all(seen[chat] for chat in CHATS):
            return seen
        await asyncio.sleep(0.2)
    return Counter(c.chat_id for c in tg.delivered())


async def stop_midway(
    tg: FakeTelegram,
    tmp_path: Path,
    how: signal.Signals,
    state: str = "state.sqlite3",
    patience: float = 30,
) -> Counter[int]:
    env = bot_env(
        tg.base_url,
        TOKEN,
        STATE_PATH=str(tmp_path / state) if state != "off" else "off",
        TELEGRAM_POLL_TIMEOUT="1",
    )
    env["LOG_LEVEL"] = "WARNING"
    tg.fail("sendMessage", times=100_000, status=200, delay=0.02)  # slow: a queue builds up
    for chat in CHATS:
        tg.message(ASK, chat_id=chat)
    first = await start_bot(tmp_path, env)
    await tg.wait_for("sendMessage", 40, timeout=30, where=lambda c: c.result is not None)
    first.send_signal(how)
    await asyncio.wait_for(first.communicate(), 30)
    answered_before = len({c.chat_id for c in tg.delivered()})
    if how is signal.SIGKILL:
        assert answered_before < len(CHATS)  # the kill really came with updates queued
    second = await start_bot(tmp_path, env)
    try:
        return await answered_everyone(tg, patience)
    finally:
        second.send_signal(signal.SIGTERM)
        await asyncio.wait_for(second.communicate(), 30)


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
async def test_a_stopped_bot_answers_what_it_had_fetched_when_it_starts_again(
    tg: FakeTelegram, tmp_path: Path, how: signal.Signals
) -> None:
    seen = await stop_midway(tg, tmp_path, how)
    lost = [chat for chat in CHATS if not seen[chat]]
    twice = sum(n - 1 for n in seen.values() if n > 1)
    assert lost == []
    if how is signal.SIGTERM:
        assert twice == 0
    else:
        assert twice <= 8  # at most the few updates in flight when the process was killed


async def test_without_the_journal_a_kill_loses_updates(tg: FakeTelegram, tmp_path: Path) -> None:
    """What the journal is for: with STATE_PATH=off, a kill -9 loses what was queued."""
    seen = await stop_midway(tg, tmp_path, signal.SIGKILL, state="off", patience=5)
    assert [chat for chat in CHATS if not seen[chat]] != []


async def test_a_restart_keeps_follow_ups_and_stats(tg: FakeTelegram, tmp_path: Path) -> None:
    env = bot_env(
        tg.base_url,
        TOKEN,
        STATE_PATH=str(tmp_path / "state.sqlite3"),
        TELEGRAM_POLL_TIMEOUT="1",
        ADMIN_IDS="5",
    )
    first = await start_bot(tmp_path, env)
    try:
        await tg.wait_for("setMyCommands", timeout=20)
        tg.message("which project in the first call got the most from the EU", chat_id=5)
        (top,) = await tg.wait_for("sendMessage", timeout=10)
        assert "MATERIALIX" in top.text
    finally:
        first.send_signal(signal.SIGTERM)
        await asyncio.wait_for(first.communicate(), 30)
    second = await start_bot(tmp_path, env)
    try:
        await tg.wait_for("setMyCommands", 2, timeout=20)
        tg.message("and the least?", chat_id=5)
        _, least = await tg.wait_for("sendMessage", 2, timeout=10)
        assert "5FOREXCELLENCE" in least.text and "1st call" in least.text
        tg.message("/stats", chat_id=5)
        _, _, stats = await tg.wait_for("sendMessage", 3, timeout=10)
        assert "2 questions" in stats.text  # the one before the restart is counted
    finally:
        second.send_signal(signal.SIGTERM)
        await asyncio.wait_for(second.communicate(), 30)


def test_long_button_payloads_survive_a_restart() -> None:
    from bot.frontends.telegram.render import Callbacks

    before = Callbacks()
    data = before.question("what did CLUSGRID get from the EU, and when did it start and end? " * 2)
    assert data.startswith("k:")
    after = Callbacks()
    after.load(before.dump())
    assert after.decode(data) == before.decode(data)
    after.load("not json")  # damage is ignored


async def test_the_journal_keeps_each_update_as_telegram_sent_it(
    tg: FakeTelegram, tmp_path: Path
) -> None:
    import json
    import sqlite3

    from bot.engine import Engine
    from bot.frontends.telegram import build_application, running
    from bot.knowledge import load_knowledge
    from conftest import KNOWLEDGE, bot_settings

    settings = bot_settings(tg, state_path=tmp_path / "state.sqlite3")
    app = build_application(Engine(load_knowledge(KNOWLEDGE)), settings)
    async with running(app):
        first = tg.message(ASK, chat_id=31)
        tg.pending[-1]["message"]["a_field_telegram_adds_later"] = {"nested": [1, "é"]}
        await tg.wait_for("sendMessage")
    with sqlite3.connect(tmp_path / "state.sqlite3") as db:
        rows = db.execute("SELECT id, body, done FROM updates").fetchall()
    ((update_id, body, done),) = rows
    kept = json.loads(body)
    assert update_id == first and done == 1
    assert kept["message"]["a_field_telegram_adds_later"] == {"nested": [1, "é"]}
    assert kept["message"]["text"] == ASK and kept["message"]["chat"]["id"] == 31
