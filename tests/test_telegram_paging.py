"""Long lists in Telegram at 12,000 projects: ``/projects``, a call's projects and the empty
inline query come a page at a time, without holding up other chats or copying thousands of
names into each chat's saved state; a list's "Next" button pages its own list, one page a
press, also after a restart."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from bot.config import Settings
from bot.engine import Context, Engine, memory
from bot.frontends.telegram import build_application, running
from bot.frontends.telegram.app import frontend_of
from bot.knowledge import load_knowledge
from bot.synthetic import generate
from conftest import bot_settings
from fake_telegram import FakeTelegram, visible_text

PROJECTS = 12_000
TELEGRAMS_PACE = 30.0  # messages a second: Telegram's overall limit for a bot
NEXT = "Next 20 ›"


@pytest.fixture(scope="module")
def huge(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    folder = generate(PROJECTS, tmp_path_factory.mktemp("huge") / "knowledge")
    return Engine(load_knowledge(folder)).warm()


OTHER = "how many projects were in the 1st call?"  # another chat's question
ANSWERED = "projects in the 1st call for proposals (2014)"


def state_size(state: Path) -> int:
    return sum(part.stat().st_size for part in state.parent.glob(state.name + "*"))


# -- /projects ---------------------------------------------------------------------------
async def test_projects_at_12000_do_not_hold_up_another_chat(
    tg: FakeTelegram, huge: Engine
) -> None:
    settings = bot_settings(tg, telegram_rate_per_second=TELEGRAMS_PACE)
    async with running(build_application(huge, settings)):
        for chat in range(4):  # as many as the bot handles at once
            tg.message("/projects", chat_id=100 + chat)
        started = time.perf_counter()
        tg.message(OTHER, chat_id=555)
        (answer,) = await tg.wait_for("sendMessage", where=lambda c: c.chat_id == 555, timeout=60)
        waited = time.perf_counter() - started  # was 4.3 s: 4 × 41 messages at Telegram's pace
        await tg.wait_for("sendMessage", 5, timeout=60)
        await tg.quiet(0.3)
    assert ANSWERED in visible_text(answer)
    assert waited < 1.0
    for chat in range(4):
        (page,) = tg.delivered(100 + chat)  # one message for one page
        assert "Showing 1–50 of 12,000" in visible_text(page)
        assert len(page.buttons()) == 51 and page.buttons()[-1][0] == "Next 50 ›"


async def test_listing_12000_projects_leaves_a_small_context_to_save(
    tg: FakeTelegram, huge: Engine, tmp_path: Path
) -> None:
    state = tmp_path / "state.sqlite3"
    app = build_application(huge, bot_settings(tg, state_path=state))
    async with running(app):
        tg.message("/projects", chat_id=100)
        await tg.wait_for("sendMessage")
        context = frontend_of(app).conversations.get("100:100")
        saved = memory.dump_one(context)  # what is written to the state file for this chat
        tg.message("which of them got the most from the EU?", chat_id=100)
        _, most = await tg.wait_for("sendMessage", 2)
    assert len(saved.encode()) < 2_000  # was 184 KB: every acronym, in every chat
    assert state_size(state) < 150_000  # the file itself, with its -wal and -shm
    assert "largest EU contribution of the 1" in visible_text(most)  # "them": all of them


async def test_a_call_of_6000_projects_is_named_in_one_message(
    tg: FakeTelegram, huge: Engine
) -> None:
    async with running(build_application(huge, bot_settings(tg))):
        tg.message("/calls", chat_id=100)
        (calls,) = await tg.wait_for("sendMessage")
        tg.press(calls, "2nd call (2015)")
        _, call = await tg.wait_for("sendMessage", 2)
        await tg.quiet(0.3)
        assert len(tg.delivered(100)) == 2
    assert "Projects selected (6,042): " in visible_text(call)
    assert " and 6,030 more." in visible_text(call)
    context = Context()
    huge.open("call:2", context)
    assert len(context.listed) <= 200 and len(memory.dump_one(context)) < 2_000


# -- inline mode -------------------------------------------------------------------------
async def test_the_first_empty_inline_query_at_12000_makes_one_page_of_cards(
    tg: FakeTelegram, huge: Engine
) -> None:
    async with running(build_application(huge, bot_settings(tg))):
        started = time.perf_counter()
        tg.inline("")
        tg.message(OTHER, chat_id=555)
        (first,) = await tg.wait_for("answerInlineQuery", timeout=30)
        took = time.perf_counter() - started  # was 4.3 s: 12,000 cards made to show 50
        (answer,) = await tg.wait_for("sendMessage", where=lambda c: c.chat_id == 555)
        other = time.perf_counter() - started
        assert took < 0.5 and other < 1.0
        tg.inline("", offset=first.params.get("next_offset", ""))  # scrolled to the end
        _, second = await tg.wait_for("answerInlineQuery", 2)
    titles = [r["title"] for r in first.params["results"]]
    more = [r["title"] for r in second.params["results"]]
    assert len(titles) == len(more) == 50 and not set(titles) & set(more)
    assert first.params["next_offset"] == "1" and second.params["next_offset"] == "2"
    assert ANSWERED in visible_text(answer)


# -- the "Next" button -----------------------------------------------------------------------
def pages_of(call: object) -> tuple[str, str]:
    """The list's heading and where the page stands ("Showing 21–40 of 6,042")."""
    lines = visible_text(call).splitlines()  # type: ignore[arg-type]
    return lines[0], next(line for line in lines if line.startswith("Showing"))


async def test_a_next_button_pages_its_own_list_once_a_press_and_after_a_restart(
    tg: FakeTelegram, huge: Engine, tmp_path: Path
) -> None:
    settings: Settings = bot_settings(tg, state_path=tmp_path / "state.sqlite3")
    async with running(build_application(huge, settings)):
        tg.message("projects in the 2nd call", chat_id=77)
        (in_call,) = await tg.wait_for("sendMessage")
        tg.message("projects that ended in 2018", chat_id=77)
        await tg.wait_for("sendMessage", 2)
        tg.press(in_call, NEXT)  # the first list's button, after another list was asked
        *_, second = await tg.wait_for("sendMessage", 3)
        tg.press(in_call, NEXT)  # the same button again: the same page, not the one after
        *_, again = await tg.wait_for("sendMessage", 4)
        tg.press(second, NEXT)
        *_, third = await tg.wait_for("sendMessage", 5)
    heading = pages_of(in_call)[0]
    assert heading.startswith("Projects in the 2nd call for proposals")
    assert pages_of(second) == (heading, "Showing 21–40 of 6,042. Say “more” for the next 20.")
    assert visible_text(again) == visible_text(second)
    assert pages_of(third)[1].startswith("Showing 41–60 of 6,042")
    async with running(build_application(huge, settings)):  # a restart: the button still works
        tg.press(in_call, NEXT)
        *_, later = await tg.wait_for("sendMessage", 6)
    assert visible_text(later) == visible_text(second)
    for sent in (in_call, second, third):
        data = dict(sent.buttons())[NEXT]
        assert len(data.encode()) <= 64
        assert [label for label, _ in sent.buttons()][-2:] == ["👍", "👎"]  # beside "Next"
