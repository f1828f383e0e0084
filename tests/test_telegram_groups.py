"""Telegram group chats: the bot speaks only when spoken to, and keeps each user's thread."""

from __future__ import annotations

from fake_telegram import BOT_ID, BOT_USERNAME, FakeTelegram, visible_text

GROUP = -100200300


def say(tg: FakeTelegram, text: str, user: int = 7, **kw: object) -> int:
    return tg.message(text, chat_id=GROUP, user_id=user, chat_type="supergroup", **kw)  # type: ignore[arg-type]


async def test_chatter_is_ignored(telegram_bot: FakeTelegram) -> None:
    say(telegram_bot, "what did CLUSGRID get from the EU")
    say(telegram_bot, "lunch at noon?")
    await telegram_bot.quiet()
    assert telegram_bot.of("sendMessage") == []


async def test_a_mention_is_answered_without_the_mention(telegram_bot: FakeTelegram) -> None:
    say(telegram_bot, f"@{BOT_USERNAME} what did CLUSGRID get from the EU?")
    (sent,) = await telegram_bot.wait_for("sendMessage")
    assert sent.chat_id == GROUP
    assert "CLUSGRID received €201,545" in visible_text(sent)
    assert sent.params["reply_parameters"]["message_id"]  # quoted: the group sees whom it answers


async def test_a_mention_after_an_emoji_is_found_by_utf16_offsets(
    telegram_bot: FakeTelegram,
) -> None:
    say(telegram_bot, f"👋🏽 hey @{BOT_USERNAME}, when did ECRI end?")
    (sent,) = await telegram_bot.wait_for("sendMessage")
    assert "ECRI ended on 15 November 2018" in visible_text(sent)


async def test_a_text_mention_of_the_bot_counts(telegram_bot: FakeTelegram) -> None:
    text = "🇪🇺 Cluster bot total budget of TCE"
    offset = len("🇪🇺 ".encode("utf-16-le")) // 2
    entity = {
        "type": "text_mention",
        "offset": offset,
        "length": len("Cluster bot"),
        "user": {"id": BOT_ID, "is_bot": True, "first_name": "Cluster bot"},
    }
    say(telegram_bot, text, entities=[entity])
    (sent,) = await telegram_bot.wait_for("sendMessage")
    assert visible_text(sent) == "TCE had a total budget of €249,422."
    assert "Cluster bot" not in visible_text(sent)


async def test_mentioning_someone_else_is_not_for_the_bot(telegram_bot: FakeTelegram) -> None:
    say(telegram_bot, "@SomeOtherBot what did CLUSGRID get")
    await telegram_bot.quiet()
    assert telegram_bot.of("sendMessage") == []


async def test_a_reply_to_the_bot_is_answered(telegram_bot: FakeTelegram) -> None:
    say(telegram_bot, f"@{BOT_USERNAME} what did CLUSGRID get from the EU")
    (first,) = await telegram_bot.wait_for("sendMessage")
    say(telegram_bot, "and its total budget?", reply_to=first)
    _, second = await telegram_bot.wait_for("sendMessage", 2)
    assert "€268,727" in second.text


async def test_addressed_commands_are_answered_and_others_bots_are_not(
    telegram_bot: FakeTelegram,
) -> None:
    say(telegram_bot, "/ask@SomeOtherBot what did CLUSGRID get")
    say(telegram_bot, "/frobnicate")  # some other bot's command, unaddressed
    say(telegram_bot, f"/ask@{BOT_USERNAME} what did CLUSGRID get from the EU")
    (sent,) = await telegram_bot.wait_for("sendMessage")
    assert "€201,545" in sent.text
    await telegram_bot.quiet()
    assert len(telegram_bot.of("sendMessage")) == 1


async def test_a_plain_command_is_answered_in_a_group(telegram_bot: FakeTelegram) -> None:
    say(telegram_bot, "/projects")
    (sent,) = await telegram_bot.wait_for("sendMessage")
    assert len(sent.buttons()) == 12


async def test_two_users_follow_ups_do_not_mix(telegram_bot: FakeTelegram) -> None:
    bot = f"@{BOT_USERNAME}"
    say(telegram_bot, f"{bot} what did CLUSGRID get from the EU", user=1)
    await telegram_bot.wait_for("sendMessage", 1)
    say(telegram_bot, f"{bot} when did ECRI start?", user=2)
    await telegram_bot.wait_for("sendMessage", 2)
    say(telegram_bot, f"{bot} and its total budget?", user=1)  # "its": CLUSGRID, for user 1
    say(telegram_bot, f"{bot} and when did it end?", user=2)  # "it": ECRI, for user 2
    *_, third, fourth = await telegram_bot.wait_for("sendMessage", 4)
    assert "CLUSGRID" in third.text and "€268,727" in third.text
    assert "ECRI" in fourth.text and "15 November 2018" in fourth.text


async def test_did_you_mean_buttons_work_in_groups(telegram_bot: FakeTelegram) -> None:
    say(telegram_bot, f"@{BOT_USERNAME} what did clusgrem get from the EU")
    (asked,) = await telegram_bot.wait_for("sendMessage")
    assert [label for label, _ in asked.buttons()] == ["CLUSTEM"]
    telegram_bot.press(asked, "CLUSTEM", user_id=7)
    _, answer = await telegram_bot.wait_for("sendMessage", 2)
    assert answer.chat_id == GROUP
    assert "€249,401" in answer.text


async def test_ordinary_answers_in_groups_carry_no_suggestions_only_thumbs(
    telegram_bot: FakeTelegram,
) -> None:
    say(telegram_bot, f"@{BOT_USERNAME} what did CLUSGRID get from the EU")
    (sent,) = await telegram_bot.wait_for("sendMessage")
    assert [label for label, _ in sent.buttons()] == ["👍", "👎"]  # it states a figure
    say(telegram_bot, f"@{BOT_USERNAME} what does KETs stand for?")
    _, glossary = await telegram_bot.wait_for("sendMessage", 2)
    assert glossary.buttons() == []  # no figure: nothing to rate


async def test_an_answer_in_a_forum_topic_stays_in_that_topic(telegram_bot: FakeTelegram) -> None:
    say(telegram_bot, f"@{BOT_USERNAME} when did ECRI end?", topic=42)
    (sent,) = await telegram_bot.wait_for("sendMessage")
    assert sent.params["message_thread_id"] == "42" and "ECRI ended" in visible_text(sent)
    # quoted, and still delivered if the question was deleted meanwhile
    assert sent.params["reply_parameters"]["allow_sending_without_reply"] is True
