"""Updates that are not questions: edits, channel posts, photos, members joining. Each is
ignored or gets a one-line hint; none causes an error."""

from __future__ import annotations

import logging

import pytest

from fake_telegram import FakeTelegram, visible_text

PHOTO = {"photo": [{"file_id": "p1", "file_unique_id": "u1", "width": 90, "height": 90}]}


async def test_a_photo_in_a_private_chat_gets_a_hint(telegram_bot: FakeTelegram) -> None:
    telegram_bot.other("message", PHOTO, chat_id=3)
    (sent,) = await telegram_bot.wait_for("sendMessage")
    assert visible_text(sent) == "I read text only: please type your question, or send /help."


@pytest.mark.parametrize(
    ("kind", "body", "chat"),
    [
        ("edited_message", {"text": "what did CLUSGRID get", "edit_date": 1700000001}, 3),
        ("channel_post", {"text": "what did CLUSGRID get"}, -1003),
        ("message", {"new_chat_members": [{"id": 5, "is_bot": False, "first_name": "Bo"}]}, -4),
        ("message", {"left_chat_member": {"id": 5, "is_bot": False, "first_name": "Bo"}}, -4),
        ("message", PHOTO, -4),
        ("message", {"text": ""}, -4),
    ],
    ids=["edit", "channel-post", "member-joins", "member-leaves", "group-photo", "empty-text"],
)
async def test_updates_that_are_not_questions_are_ignored_quietly(
    telegram_bot: FakeTelegram,
    caplog: pytest.LogCaptureFixture,
    kind: str,
    body: dict[str, object],
    chat: int,
) -> None:
    if chat < 0:
        telegram_bot.chats[chat] = {"id": chat, "type": "channel" if chat < -1000 else "group"}
        if kind == "channel_post":
            telegram_bot.chats[chat]["title"] = "A channel"
        else:
            telegram_bot.chats[chat]["title"] = "A group"
    with caplog.at_level(logging.ERROR):
        telegram_bot.other(kind, body, chat_id=chat)
        telegram_bot.message("when did ECRI end?", chat_id=9)  # and the bot carries on
        (sent,) = await telegram_bot.wait_for("sendMessage")
        await telegram_bot.quiet(0.2)
    assert sent.chat_id == 9
    assert len(telegram_bot.of("sendMessage")) == 1
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
