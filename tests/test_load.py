"""Load: 10,000 updates from 500 chats (400 private, 100 groups of two people) through the
fake Bot API. Every one is answered, in its own chat, with its own conversation's context."""

from __future__ import annotations

import os
import time

from bot.engine import Context, Engine
from bot.frontends.telegram import build_application, running
from bot.frontends.telegram.app import frontend_of
from conftest import bot_settings
from fake_telegram import BOT_USERNAME, FakeTelegram, visible_text

UPDATES = int(os.environ.get("LOAD_UPDATES", "10000"))
PRIVATE, GROUPS = 400, 100
TURNS = UPDATES // (PRIVATE + GROUPS)


async def test_ten_thousand_updates_from_five_hundred_chats(
    tg: FakeTelegram, engine: Engine
) -> None:
    names = [p.acronym for p in engine.knowledge.projects]
    expected = {n: engine.answer(f"what did {n} get from the EU", Context()).text for n in names}
    threads: dict[tuple[int, int], list[str]] = {}  # (chat, user) -> projects, in order
    plan: list[tuple[int, int, str, str]] = []  # chat, user, chat type, text
    for turn in range(TURNS):
        for chat in range(1, PRIVATE + 1):
            plan.append((chat, chat, "private", ""))
        for group in range(1, GROUPS + 1):
            plan.append((-group, 10_000 + group * 2 + turn % 2, "group", ""))
    for i, (chat, user, kind, _) in enumerate(plan):
        thread = threads.setdefault((chat, user), [])
        name = names[(i * 7 + len(thread) * 5 + chat) % len(names)]
        first = not thread
        thread.append(name)
        text = f"what did {name} get from the EU" if first else f"and {name}?"
        if kind == "group":
            text = f"@{BOT_USERNAME} {text}"
        plan[i] = (chat, user, kind, text)

    app = build_application(engine, bot_settings(tg))
    started = time.perf_counter()
    async with running(app):
        for chat, user, kind, text in plan:
            tg.message(text, chat_id=chat, user_id=user, chat_type=kind)
        await tg.wait_for("sendMessage", len(plan), timeout=120)
        elapsed = time.perf_counter() - started
        contexts = len(frontend_of(app).conversations)

    delivered = tg.delivered()
    assert len(delivered) == len(plan) == UPDATES  # nothing lost, nothing doubled
    replies: dict[int, list[str]] = {}
    for call in delivered:
        replies.setdefault(call.chat_id, []).append(visible_text(call))
    for chat in {c for c, *_ in plan}:
        users = [u for c, u, *_ in plan if c == chat]
        wanted = [threads[(chat, u)].pop(0) for u in users]  # whose question came when
        assert replies[chat] == [expected[n] for n in wanted], f"chat {chat}"
    assert contexts == PRIVATE + 2 * GROUPS  # one context per (chat, person)
    print(f"\n{UPDATES} updates in {elapsed:.1f} s: {UPDATES / elapsed:.0f} updates/s")
