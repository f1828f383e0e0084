"""One chat never waits for another: a throttled group or a flooding chat holds one slot at
most, and flood control counts every kind of update by its real sender."""

from __future__ import annotations

import time

from bot.engine import Engine
from bot.frontends.telegram import build_application, running
from conftest import bot_settings
from fake_telegram import BOT_USERNAME, FakeTelegram, visible_text

GROUP = -100777
ANONYMOUS_ADMIN = 1087968824  # Telegram's one user id for every anonymous group admin
ASK = "what did CLUSGRID get from the EU"


async def private_answer_time(tg: FakeTelegram) -> float:
    started = time.perf_counter()
    tg.message(ASK, chat_id=555)
    (answer,) = await tg.wait_for("sendMessage", where=lambda c: c.chat_id == 555, timeout=5)
    assert "€201,545" in answer.text
    return time.perf_counter() - started


async def test_a_throttled_group_does_not_hold_up_a_private_chat(
    tg: FakeTelegram, engine: Engine
) -> None:
    settings = bot_settings(tg, telegram_group_rate_per_minute=20.0)
    async with running(build_application(engine, settings)):
        for member in range(24):  # 24 members each ask once: Telegram allows 20 a minute
            tg.message(
                f"@{BOT_USERNAME} {ASK}",
                chat_id=GROUP,
                user_id=100 + member,
                chat_type="supergroup",
            )
        await tg.wait_for("sendMessage", 3, where=lambda c: c.chat_id == GROUP)
        assert await private_answer_time(tg) < 1.0


async def test_a_sticker_flood_does_not_hold_up_other_chats(
    tg: FakeTelegram, engine: Engine
) -> None:
    settings = bot_settings(tg, flood_per_minute=20)
    async with running(build_application(engine, settings)):
        for _ in range(300):
            tg.other(
                "message",
                {
                    "sticker": {
                        "file_id": "x",
                        "file_unique_id": "y",
                        "width": 1,
                        "height": 1,
                        "is_animated": False,
                        "is_video": False,
                        "type": "regular",
                    }
                },
                chat_id=666,
            )
        assert await private_answer_time(tg) < 1.0
        await tg.quiet(0.5)
        to_flooder = [visible_text(c) for c in tg.delivered(666)]
        assert len(to_flooder) == 21  # 20 hints, then one "slow down", then silence
        assert "faster than I can politely answer" in to_flooder[-1]


async def test_anonymous_admins_of_different_groups_are_not_one_sender(
    tg: FakeTelegram, engine: Engine
) -> None:
    settings = bot_settings(tg, flood_per_minute=3)
    async with running(build_application(engine, settings)):
        for group in range(4):
            chat = {"id": GROUP - group, "type": "supergroup", "title": f"G{group}"}
            for _ in range(3):
                tg.push(
                    {
                        "message": {
                            "message_id": 1,
                            "date": int(time.time()),
                            "chat": chat,
                            "from": {
                                "id": ANONYMOUS_ADMIN,
                                "is_bot": True,
                                "first_name": "Group",
                                "username": "GroupAnonymousBot",
                            },
                            "sender_chat": chat,
                            "text": f"/ask {ASK}",
                            "entities": [{"type": "bot_command", "offset": 0, "length": 4}],
                        }
                    }
                )
        await tg.wait_for("sendMessage", 12, timeout=10)
        texts = [visible_text(c) for c in tg.delivered()]
        assert all("€201,545" in t for t in texts), texts  # nobody was told to slow down


async def test_a_lone_surrogate_gets_an_answer_and_a_log_line(
    tg: FakeTelegram, engine: Engine, tmp_path
) -> None:
    log = tmp_path / "u.jsonl"
    async with running(build_application(engine, bot_settings(tg, unanswered_log=log))):
        tg.message("\ud800 what is the weather in Brussels", chat_id=31)
        tg.message(f"\udfff {ASK}", chat_id=32)
        declined, answered = await tg.wait_for("sendMessage", 2)
    by_chat = {c.chat_id: visible_text(c) for c in (declined, answered)}
    assert "not sure" in by_chat[31] and "went wrong" not in by_chat[31]
    assert "€201,545" in by_chat[32]
    assert "weather" in log.read_text(encoding="utf-8")
