"""Telegram, 👍 / 👎 end to end: real PTB and real HTTP against the fake Bot API. A 👎 goes
from the button press to the unanswered log and to /stats; buttons survive a restart."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.engine import Engine
from bot.frontends.telegram import build_application, running
from bot.unanswered import hash_chat, read_entries
from conftest import bot_settings
from fake_telegram import BOT_USERNAME, FakeTelegram, visible_text

ADMIN = 4242
GROUP = -100700800
ASK = "what did CLUSGRID get from the EU"
SAID = "CLUSGRID received €201,545 from the EU (its EU contribution)."
RETHINK = "Could you ask again in other words?"


def notices(tg: FakeTelegram) -> list[str]:
    """What the callback answers said over the chat, in order."""
    return [str(c.params.get("text", "")) for c in tg.of("answerCallbackQuery")]


@pytest.fixture
async def logged(tg: FakeTelegram, engine: Engine, tmp_path: Path) -> AsyncIterator[Path]:
    """The bot running against ``tg`` with an admin and an unanswered log; yields the log."""
    log = tmp_path / "unanswered.jsonl"
    settings = bot_settings(tg, admin_ids=frozenset({ADMIN}), unanswered_log=log)
    async with running(build_application(engine, settings)):
        yield log


async def test_a_thumbs_down_goes_to_the_unanswered_log_and_to_stats(
    tg: FakeTelegram, logged: Path
) -> None:
    tg.message(ASK, chat_id=42, first_name="Secret Name")
    (answer,) = await tg.wait_for("sendMessage")
    assert [label for label, _ in answer.buttons()] == ["and its total budget?", "👍", "👎"]
    tg.press(answer, "👎")
    _, offer = await tg.wait_for("sendMessage", 2)
    tg.press(answer, "👎")  # twice: recorded once
    await tg.wait_for("answerCallbackQuery", 2)
    tg.message("/stats", chat_id=ADMIN)
    tg.message("/unanswered", chat_id=ADMIN)
    *_, stats, report = await tg.wait_for("sendMessage", 4)
    assert notices(tg) == ["Thanks: noted as wrong.", "Already noted, thank you."]
    assert offer.chat_id == 42 and RETHINK in visible_text(offer)
    assert visible_text(offer).startswith("Thanks for telling me")
    (entry,) = read_entries(logged)
    assert entry["outcome"] == "disputed"
    assert (entry["question"], entry["answer"]) == (ASK, SAID)
    assert (
        entry["reading"]["query"] == "lookup(projects=('CLUSGRID',), fields=('eu_contribution',))"
    )
    assert entry["chat"] == hash_chat(42, logged.with_name(logged.name + ".key").read_bytes())
    raw = logged.read_text(encoding="utf-8")
    assert "Secret Name" not in raw and '"42"' not in raw and logged.stat().st_mode & 0o077 == 0
    assert "👍 0 helpful, 👎 1 disputed" in visible_text(stats)
    text = visible_text(report)
    assert "0 unanswered questions and 1 disputed answers" in text
    assert f"what did clusgrid get from the eu → {SAID}" in text


async def test_a_thumbs_up_is_thanked_and_counted_and_a_change_of_mind_moves_it(
    tg: FakeTelegram, logged: Path
) -> None:
    tg.message("when did ECRI end?", chat_id=5)
    tg.message("how many projects", chat_id=5)
    ecri, count = await tg.wait_for("sendMessage", 2)
    tg.press(ecri, "👍")
    tg.press(count, "👍")
    await tg.wait_for("answerCallbackQuery", 2)
    tg.message("/stats", chat_id=ADMIN)
    *_, before = await tg.wait_for("sendMessage", 3)
    tg.press(count, "👎")  # on second thoughts
    await tg.wait_for("sendMessage", 4)  # the offer to rephrase
    tg.message("/stats", chat_id=ADMIN)
    *_, after = await tg.wait_for("sendMessage", 5)
    assert notices(tg) == ["Thanks! Glad it helped."] * 2 + ["Thanks: noted as wrong."]
    assert "👍 2 helpful, 👎 0 disputed" in visible_text(before)
    assert "👍 1 helpful, 👎 1 disputed" in visible_text(after)
    assert [e["question"] for e in read_entries(logged)] == ["how many projects"]


async def test_the_buttons_sit_beside_suggestions_and_fit_64_bytes(
    telegram_bot: FakeTelegram,
) -> None:
    telegram_bot.message("EU contribution between 200k and 215k?")
    (listed,) = await telegram_bot.wait_for("sendMessage")
    buttons = listed.buttons()
    assert [label for label, _ in buttons] == ["which of them got the most?", "👍", "👎"]
    assert all(len(data.encode()) <= 64 for _, data in buttons)
    rows = listed.params["reply_markup"]["inline_keyboard"]
    assert [len(row) for row in rows] == [1, 2]  # 👍 👎 side by side, under the suggestion
    telegram_bot.press(listed, "which of them got the most?")  # still asks its question
    _, most = await telegram_bot.wait_for("sendMessage", 2)
    assert "TRACE-KEI" in visible_text(most)


async def test_answers_without_a_figure_carry_no_thumbs(telegram_bot: FakeTelegram) -> None:
    for text in ("hi", "what does KETs stand for?", "weather in Brussels?", "/projects"):
        telegram_bot.message(text)
    for sent in await telegram_bot.wait_for("sendMessage", 4):
        assert "👍" not in dict(sent.buttons()), visible_text(sent)


async def test_votes_work_after_a_restart_and_count_once(
    tg: FakeTelegram, engine: Engine, tmp_path: Path
) -> None:
    log = tmp_path / "unanswered.jsonl"
    settings = bot_settings(
        tg, state_path=tmp_path / "state.sqlite3", unanswered_log=log, admin_ids=frozenset({ADMIN})
    )
    async with running(build_application(engine, settings)):
        tg.message(ASK, chat_id=61)
        (answer,) = await tg.wait_for("sendMessage")
    async with running(build_application(engine, settings)):  # a restart: the button works
        tg.press(answer, "👎")
        await tg.wait_for("sendMessage", 2)
    async with running(build_application(engine, settings)):  # and remembers its vote
        tg.press(answer, "👎")
        await tg.wait_for("answerCallbackQuery", 2)
        tg.message("/stats", chat_id=ADMIN)
        *_, stats = await tg.wait_for("sendMessage", 3)
    assert notices(tg) == ["Thanks: noted as wrong.", "Already noted, thank you."]
    assert len(read_entries(log)) == 1
    assert "👎 1 disputed" in visible_text(stats)  # /stats kept across the restarts too


async def test_a_thumbs_down_in_a_group_offers_to_rephrase_under_the_answer(
    telegram_bot: FakeTelegram,
) -> None:
    telegram_bot.message(f"@{BOT_USERNAME} {ASK}", chat_id=GROUP, user_id=7, chat_type="supergroup")
    (answer,) = await telegram_bot.wait_for("sendMessage")
    telegram_bot.press(answer, "👎", user_id=8)  # anyone in the group may say so
    _, offer = await telegram_bot.wait_for("sendMessage", 2)
    assert offer.chat_id == GROUP and RETHINK in visible_text(offer)
    assert offer.params["reply_parameters"]["message_id"] == answer.result["message_id"]


async def test_a_press_on_a_forgotten_answer_says_it_is_too_old(
    telegram_bot: FakeTelegram,
) -> None:
    telegram_bot.message(ASK)
    (answer,) = await telegram_bot.wait_for("sendMessage")
    answer.params["reply_markup"]["inline_keyboard"][-1][1]["callback_data"] = "d:0123456789ab"
    telegram_bot.press(answer, "👎")
    await telegram_bot.wait_for("answerCallbackQuery")
    await telegram_bot.quiet(0.2)
    assert notices(telegram_bot) == ["That answer is too old to rate now: please ask again."]
    assert len(telegram_bot.of("sendMessage")) == 1


async def test_answers_to_buttons_and_project_cards_carry_thumbs_too(
    tg: FakeTelegram, engine: Engine, tmp_path: Path
) -> None:
    log = tmp_path / "unanswered.jsonl"
    async with running(build_application(engine, bot_settings(tg, unanswered_log=log))):
        tg.message("/projects", chat_id=71)
        (listing,) = await tg.wait_for("sendMessage")
        tg.press(listing, "CLUSGRID")  # a card, from the menu
        _, card = await tg.wait_for("sendMessage", 2)
        tg.press(card, "👎")
        await tg.wait_for("sendMessage", 3)
        tg.message("/project ecri", chat_id=71)
        *_, command = await tg.wait_for("sendMessage", 4)
    assert "👍" not in dict(listing.buttons())  # a menu to browse is no answer to rate
    assert visible_text(card).startswith("CLUSGRID — ") and "👎" in dict(card.buttons())
    assert visible_text(command).startswith("ECRI — ") and "👎" in dict(command.buttons())
    (entry,) = read_entries(log)
    assert entry["question"] == "CLUSGRID"  # what was pressed
    assert entry["answer"].startswith("CLUSGRID — Clusters for Smart Grid")


def test_the_thumbs_row_is_added_under_any_keyboard() -> None:
    from bot.frontends.telegram.render import with_row

    row = [{"text": "👍", "callback_data": "u:1"}, {"text": "👎", "callback_data": "d:1"}]
    suggestion = [{"text": "and ECRI?", "callback_data": "q:and ECRI?"}]
    written = json.dumps({"inline_keyboard": [suggestion]})
    for keyboard in (written, json.dumps({"inline_keyboard": [suggestion]}, indent=1) + "\n"):
        assert json.loads(with_row(keyboard, row) or "") == {"inline_keyboard": [suggestion, row]}
    assert json.loads(with_row(None, row) or "") == {"inline_keyboard": [row]}
    assert with_row(written, []) == written
