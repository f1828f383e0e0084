"""Telegram, end to end against the fake Bot API (real HTTP, real PTB, real handlers): an
edited question gets its answer edited; a photo's caption is a question; inline mode offers
help instead of a decline; /start with an argument that is no question gets the welcome."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.engine import Engine, Reply
from bot.frontends.telegram import build_application, running
from bot.unanswered import read_entries
from conftest import bot_settings
from fake_telegram import BOT_USERNAME, FakeTelegram, visible_text

GROUP = -100300400


def group(tg: FakeTelegram, text: str, **kw: object) -> int:
    return tg.message(text, chat_id=GROUP, user_id=7, chat_type="supergroup", **kw)  # type: ignore[arg-type]


async def test_an_edited_question_gets_its_answer_edited(telegram_bot: FakeTelegram) -> None:
    asked = telegram_bot.message("what did CLUSGRID get from the EU", chat_id=31)
    (answer,) = await telegram_bot.wait_for("sendMessage")
    telegram_bot.edit(asked, "what did ECRI get from the EU")
    (edit,) = await telegram_bot.wait_for("editMessageText")
    await telegram_bot.quiet(0.2)
    assert edit.status == 200
    assert int(edit.params["message_id"]) == answer.result["message_id"] and edit.chat_id == 31
    assert visible_text(edit) == "ECRI received €160,477 from the EU (its EU contribution)."
    assert [label for label, _ in edit.buttons()] == ["and its total budget?", "👍", "👎"]
    assert len(telegram_bot.of("sendMessage")) == 1  # edited, not answered again below
    telegram_bot.message("when did it end?", chat_id=31)  # the edited question set the subject
    _, follow = await telegram_bot.wait_for("sendMessage", 2)
    assert "ECRI ended on 15 November 2018" in visible_text(follow)


async def test_an_edit_that_changes_nothing_in_the_answer_is_quiet(
    telegram_bot: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    asked = telegram_bot.message("when did ECRI end", chat_id=32)
    (answer,) = await telegram_bot.wait_for("sendMessage")
    telegram_bot.press(answer, "👎")  # the vote stays with the same answer
    await telegram_bot.wait_for("sendMessage", 2)
    with caplog.at_level(logging.WARNING):
        telegram_bot.edit(asked, "when did ECRI end?")  # a question mark added
        (edit,) = await telegram_bot.wait_for("editMessageText")
        await telegram_bot.quiet(0.2)
    assert edit.status == 400  # Telegram: "message is not modified"
    assert len(telegram_bot.of("sendMessage")) == 2  # no "Sorry, something went wrong"
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    telegram_bot.press(answer, "👎")
    await telegram_bot.wait_for("answerCallbackQuery", 2)
    assert telegram_bot.of("answerCallbackQuery")[-1].params["text"].startswith("Already noted")


async def test_an_edit_of_a_message_the_bot_never_answered_gets_nothing(
    telegram_bot: FakeTelegram,
) -> None:
    chatter = group(telegram_bot, "what did CLUSGRID get from the EU")  # not for the bot
    telegram_bot.edit(chatter, f"@{BOT_USERNAME} what did CLUSGRID get from the EU")
    telegram_bot.other("edited_message", {"text": "when did ECRI end?", "edit_date": 1}, 33)
    telegram_bot.message("when did TCE end?", chat_id=34)  # and the bot carries on
    await telegram_bot.wait_for("sendMessage")
    await telegram_bot.quiet(0.3)
    assert telegram_bot.of("editMessageText") == []
    assert [c.chat_id for c in telegram_bot.of("sendMessage")] == [34]


async def test_an_edit_in_a_group_is_answered_only_while_it_is_for_the_bot(
    telegram_bot: FakeTelegram,
) -> None:
    asked = group(telegram_bot, f"@{BOT_USERNAME} when did ECRI end?")
    (answer,) = await telegram_bot.wait_for("sendMessage")
    telegram_bot.edit(asked, f"@{BOT_USERNAME} when did CECIL end?")
    (edit,) = await telegram_bot.wait_for("editMessageText")
    assert "CECIL ended" in visible_text(edit) and edit.chat_id == GROUP
    assert int(edit.params["message_id"]) == answer.result["message_id"]
    telegram_bot.edit(asked, "when did CECIL end? (never mind, found it)")  # mention removed
    await telegram_bot.quiet(0.3)
    assert len(telegram_bot.of("editMessageText")) == 1


async def test_an_edited_ask_command_asks_its_new_question(telegram_bot: FakeTelegram) -> None:
    asked = telegram_bot.message("/ask when did ECRI end?", chat_id=34)
    await telegram_bot.wait_for("sendMessage")
    telegram_bot.edit(asked, "/ask when did TCE end?")
    (edit,) = await telegram_bot.wait_for("editMessageText")
    assert visible_text(edit).startswith("TCE ended on")


async def test_an_answer_deleted_meanwhile_is_sent_anew_and_edited_later(
    telegram_bot: FakeTelegram,
) -> None:
    asked = telegram_bot.message("when did ECRI end?", chat_id=35)
    (answer,) = await telegram_bot.wait_for("sendMessage")
    del telegram_bot.shown[answer.result["message_id"]]  # the user deleted the bot's answer
    telegram_bot.edit(asked, "when did TCE end?")
    _, anew = await telegram_bot.wait_for("sendMessage", 2)
    assert visible_text(anew).startswith("TCE ended on")
    telegram_bot.edit(asked, "when did CECIL end?")
    (_, edit) = await telegram_bot.wait_for("editMessageText", 2)
    assert int(edit.params["message_id"]) == anew.result["message_id"]
    assert visible_text(edit).startswith("CECIL ended on")


async def test_a_longer_or_shorter_answer_after_an_edit_fits_its_messages(
    tg: FakeTelegram, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    long = Reply.build("\n".join(f"line {i} " + "x" * 90 for i in range(100)), "test", 1.0)
    short = Reply.build("short", "test", 1.0)
    monkeypatch.setattr(
        engine, "answer", lambda text, context=None: long if text == "long" else short
    )
    async with running(build_application(engine, bot_settings(tg))):
        asked = tg.message("long", chat_id=36)
        first, *rest = await tg.wait_for("sendMessage", 3)
        tg.edit(asked, "brief")
        (edit,) = await tg.wait_for("editMessageText")
        deleted = await tg.wait_for("deleteMessage", 2)
        tg.edit(asked, "long")  # and longer again: the first edited, the rest sent anew
        _, again = await tg.wait_for("editMessageText", 2)
        more = (await tg.wait_for("sendMessage", 5))[3:]
    assert int(edit.params["message_id"]) == first.result["message_id"]
    assert visible_text(edit) == "short"
    assert [int(d.params["message_id"]) for d in deleted] == [m.result["message_id"] for m in rest]
    assert int(again.params["message_id"]) == first.result["message_id"]
    assert "\n".join(c.text for c in [again, *more]) == long.html


async def test_edits_find_their_answer_after_a_restart(
    tg: FakeTelegram, engine: Engine, tmp_path: Path
) -> None:
    settings = bot_settings(tg, state_path=tmp_path / "state.sqlite3")
    async with running(build_application(engine, settings)):
        asked = tg.message("when did ECRI end?", chat_id=37)
        (answer,) = await tg.wait_for("sendMessage")
    async with running(build_application(engine, settings)):
        tg.edit(asked, "when did TCE end?")
        (edit,) = await tg.wait_for("editMessageText")
    assert int(edit.params["message_id"]) == answer.result["message_id"]
    assert visible_text(edit).startswith("TCE ended on")


def test_the_answers_remembered_for_edits_are_bounded() -> None:
    from bot.frontends.telegram.edits import AnswersSent, Sent

    sent = AnswersSent(capacity=3)
    for message in range(5):
        sent.sent(1, message, Sent((100 + message,), None))
    assert len(sent) == 3 and sent.of(1, 0) is None and sent.of(1, 4) == Sent((104,), None)
    again = AnswersSent(capacity=3)
    again.load(sent.dump())
    assert again.of(1, 4) == Sent((104,), None)
    again.load('{"1:9": [["x"], null], "1:8": "no"}')  # damage is skipped
    assert again.of(1, 9) is None and again.of(1, 8) is None


# -- captions ------------------------------------------------------------------------------
async def test_a_photos_caption_is_read_as_a_question(telegram_bot: FakeTelegram) -> None:
    asked = telegram_bot.message("what did CLUSGRID get from the EU?", chat_id=41, photo=True)
    (answer,) = await telegram_bot.wait_for("sendMessage")
    assert visible_text(answer).startswith("CLUSGRID received €201,545")
    telegram_bot.edit(asked, "what did ECRI get from the EU?")  # an edited caption too
    (edit,) = await telegram_bot.wait_for("editMessageText")
    assert visible_text(edit).startswith("ECRI received €160,477")


async def test_a_caption_in_a_group_follows_the_addressing_rules(
    telegram_bot: FakeTelegram,
) -> None:
    group(telegram_bot, "what did CLUSGRID get from the EU?", photo=True)  # the group's own
    group(telegram_bot, f"👋🏽 @{BOT_USERNAME} when did ECRI end?", photo=True)
    (answer,) = await telegram_bot.wait_for("sendMessage")
    assert visible_text(answer) == "ECRI ended on 15 November 2018."
    group(telegram_bot, "and its total budget?", photo=True, reply_to=answer)  # a reply to it
    _, second = await telegram_bot.wait_for("sendMessage", 2)
    assert "€" in visible_text(second) and "ECRI" in visible_text(second)
    await telegram_bot.quiet(0.2)
    assert len(telegram_bot.of("sendMessage")) == 2


# -- inline mode, /start ---------------------------------------------------------------------
async def test_inline_mode_offers_help_instead_of_a_decline(telegram_bot: FakeTelegram) -> None:
    telegram_bot.inline("what is the weather in Brussels")
    telegram_bot.inline("What did GALAXYNET get from the EU?")
    for call in await telegram_bot.wait_for("answerInlineQuery", 2):
        (article,) = call.params["results"]
        assert article["title"] == "I can't answer that. Send what I can answer"
        sent = article["input_message_content"]["message_text"]
        assert "Sorry" not in sent and "Ask in plain words" in sent


async def test_start_with_an_unknown_argument_gets_the_welcome(
    tg: FakeTelegram, engine: Engine, tmp_path: Path
) -> None:
    log = tmp_path / "unanswered.jsonl"
    async with running(build_application(engine, bot_settings(tg, unanswered_log=log))):
        tg.message("/start ref_newsletter_2024")
        tg.message("/start")
        unknown, plain = await tg.wait_for("sendMessage", 2)
        tg.message("/start ECRI")  # a deep link that names something is still answered
        *_, named = await tg.wait_for("sendMessage", 3)
    assert visible_text(unknown) == visible_text(plain)
    assert "Cluster Excellence Programme" in visible_text(unknown)
    assert visible_text(named).startswith("ECRI — ")
    assert not log.exists() or read_entries(log) == []  # a link's code is no question to log
