"""Bot API faults: 429s, 5xx, slow answers and dropped connections, on getUpdates and on
sendMessage. Every update is answered exactly once, and the bot recovers by itself."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import AsyncIterator

import pytest

from bot.engine import Engine
from bot.frontends.telegram import build_application, running
from conftest import bot_settings
from fake_telegram import FakeTelegram

QUESTION = "what did CLUSGRID get from the EU"
FIGURE = "€201,545"


@pytest.fixture
async def bot(tg: FakeTelegram, engine: Engine) -> AsyncIterator[FakeTelegram]:
    """A bot with short timeouts and quick retries, so faults cost little test time."""
    settings = bot_settings(tg, telegram_read_timeout=0.5, telegram_max_retries=5)
    async with running(build_application(engine, settings)):
        await tg.wait_for("setMyCommands")
        yield tg


async def answered_once(tg: FakeTelegram, chats: list[int], timeout: float = 10.0) -> None:
    """Wait until each chat has its answer, then check nobody got it twice."""
    await tg.wait_for("sendMessage", len(chats), timeout, where=lambda c: c.result is not None)
    await tg.quiet(0.3)
    for chat in chats:
        delivered = tg.delivered(chat)
        assert len(delivered) == 1, f"chat {chat} got {len(delivered)} answers"
        assert FIGURE in delivered[0].text


@pytest.mark.parametrize(
    "fault",
    [
        {"status": 500},
        {"status": 502, "description": "Bad Gateway"},
        {"drop": True},
        {"status": 200, "delay": 1.0},  # slower than the 0.5 s read timeout
    ],
    ids=["500", "502", "dropped", "slow"],
)
async def test_send_message_faults_are_retried_and_answered_once(
    bot: FakeTelegram, fault: dict[str, object]
) -> None:
    bot.fail("sendMessage", times=2, **fault)  # type: ignore[arg-type]
    bot.message(QUESTION, chat_id=11)
    bot.message(QUESTION, chat_id=12)
    await answered_once(bot, [11, 12])


async def test_a_429_on_send_message_waits_retry_after_then_sends(bot: FakeTelegram) -> None:
    bot.fail("sendMessage", status=429, retry_after=1, description="Too Many Requests")
    started = time.perf_counter()
    bot.message(QUESTION, chat_id=21)
    await answered_once(bot, [21])
    refused, sent = bot.of("sendMessage")[:2]
    assert sent.at - refused.at >= 1.0  # retry_after honoured
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize(
    "fault",
    [
        {"status": 500},
        {"status": 502, "description": "Bad Gateway"},
        {"status": 429, "retry_after": 1, "description": "Too Many Requests"},
        {"drop": True},
    ],
    ids=["500", "502", "429", "dropped"],
)
async def test_get_updates_faults_lose_nothing(bot: FakeTelegram, fault: dict[str, object]) -> None:
    bot.fail("getUpdates", times=1, **fault)  # type: ignore[arg-type]
    for chat in (31, 32, 33):
        bot.message(QUESTION, chat_id=chat)
    await answered_once(bot, [31, 32, 33])


async def test_a_slow_get_updates_is_fetched_again(tg: FakeTelegram, engine: Engine) -> None:
    # a long poll of 1 s plus a read timeout of 0.3 s: an answer after 2 s is abandoned
    tg.fail("getUpdates", times=1, status=200, delay=2.0)
    tg.message(QUESTION, chat_id=41)
    settings = bot_settings(tg, telegram_read_timeout=0.3, telegram_poll_timeout=1.0)
    async with running(build_application(engine, settings)):
        await answered_once(tg, [41], timeout=10)
    first, second = tg.of("getUpdates")[:2]
    assert first.result is None  # the bot gave up on the slow poll...
    assert second.result and second.result[0]["message"]["chat"]["id"] == 41  # ...and asked again


async def test_repeated_failures_back_off_then_recover(bot: FakeTelegram) -> None:
    bot.fail("getUpdates", times=2, status=502, description="Bad Gateway")
    bot.message(QUESTION, chat_id=51)
    await answered_once(bot, [51], timeout=15)
    polls = bot.of("getUpdates")
    failed = [i for i, c in enumerate(polls) if c.status == 502]
    times = [polls[i].at for i in failed] + [polls[failed[-1] + 1].at]
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert gaps[0] >= 0.9 and gaps[-1] > gaps[0]  # it waits, and waits longer each time


async def test_everything_failing_at_once_still_answers_each_once(bot: FakeTelegram) -> None:
    bot.fail("getUpdates", times=2, status=500)
    bot.fail("sendMessage", times=1, status=429, retry_after=1)
    bot.fail("sendMessage", times=1, drop=True)
    bot.fail("sendMessage", times=1, status=502)
    chats = list(range(61, 71))
    for chat in chats:
        bot.message(QUESTION, chat_id=chat)
    await answered_once(bot, chats, timeout=20)


async def test_while_the_api_is_down_nothing_is_sent_twice(bot: FakeTelegram) -> None:
    fault = bot.fail("sendMessage", times=3, status=503)
    bot.message(QUESTION, chat_id=81)
    await answered_once(bot, [81])
    assert fault.times == 0
    await asyncio.sleep(0)


async def test_outgoing_messages_keep_to_the_rate_limit(tg: FakeTelegram, engine: Engine) -> None:
    settings = bot_settings(tg, telegram_rate_per_second=10.0)
    async with running(build_application(engine, settings)):
        await tg.wait_for("setMyCommands")
        for chat in range(101, 131):
            tg.message(QUESTION, chat_id=chat)
        sent = await tg.wait_for("sendMessage", 30, timeout=10)
    span = sent[-1].at - sent[0].at
    assert span >= 1.5  # 30 messages at 10 per second cannot go out in a burst
