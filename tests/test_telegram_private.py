"""Telegram, private chat, end to end: real PTB and real HTTP against the fake Bot API."""

from __future__ import annotations

from pathlib import Path

from bot.engine import Engine
from bot.frontends.telegram import build_application, running
from bot.knowledge import load_knowledge
from conftest import bot_settings, edit
from fake_telegram import FakeTelegram, Fault, visible_text


async def test_start_up_registers_the_command_menu(telegram_bot: FakeTelegram) -> None:
    (call,) = await telegram_bot.wait_for("setMyCommands")
    names = [c["command"] for c in call.params["commands"]]
    assert names == ["start", "help", "ask", "projects", "calls", "project"]


async def test_a_question_gets_the_exact_figure_as_a_reply(telegram_bot: FakeTelegram) -> None:
    telegram_bot.message("what did CLUSGRID get from the EU", chat_id=42)
    (sent,) = await telegram_bot.wait_for("sendMessage")
    assert sent.chat_id == 42
    assert sent.params["parse_mode"] == "HTML"
    assert "<b>€201,545</b>" in sent.text
    assert "CLUSGRID received €201,545 from the EU" in visible_text(sent)
    # a private chat is not quoted at, and an answer never unfolds a link preview
    assert "reply_parameters" not in sent.params
    assert sent.params["link_preview_options"] == {"is_disabled": True}


async def test_follow_ups_keep_the_conversation(telegram_bot: FakeTelegram) -> None:
    telegram_bot.message("what did CLUSGRID get from the EU")
    await telegram_bot.wait_for("sendMessage")
    telegram_bot.message("and ECRI?")
    _, second = await telegram_bot.wait_for("sendMessage", 2)
    assert "ECRI" in second.text and "EU" in second.text


async def test_start_says_what_it_knows_with_three_example_buttons(
    telegram_bot: FakeTelegram,
) -> None:
    telegram_bot.message("/start")
    (sent,) = await telegram_bot.wait_for("sendMessage")
    assert "Cluster Excellence Programme" in visible_text(sent)
    labels = [label for label, _ in sent.buttons()]
    assert len(labels) == 3
    telegram_bot.press(sent, labels[0])  # an example question, asked by pressing it
    await telegram_bot.wait_for("answerCallbackQuery")
    _, answer = await telegram_bot.wait_for("sendMessage", 2)
    assert "€" in answer.text


async def test_help_lists_examples_and_commands(telegram_bot: FakeTelegram) -> None:
    telegram_bot.message("/help")
    (sent,) = await telegram_bot.wait_for("sendMessage")
    text = visible_text(sent)
    assert "for example" in text
    for command in ("/ask <question>", "/projects", "/calls", "/project <name>"):
        assert command in text


async def test_projects_are_grouped_by_call_and_a_button_opens_a_card(
    telegram_bot: FakeTelegram,
) -> None:
    telegram_bot.message("/projects")
    (listing,) = await telegram_bot.wait_for("sendMessage")
    text = visible_text(listing)
    assert "1st call (2014): MATERIALIX" in text
    assert "2nd call (2015): SmartSports4GoodLife" in text
    labels = [label for label, _ in listing.buttons()]
    assert len(labels) == 12 and "CLUSGRID" in labels
    assert all(len(data.encode()) <= 64 for _, data in listing.buttons())
    telegram_bot.press(listing, "CLUSGRID")
    _, card = await telegram_bot.wait_for("sendMessage", 2)
    assert "CLUSGRID — Clusters for Smart Grid" in visible_text(card)
    assert "€268,727" in card.text
    telegram_bot.message("when did it end?")  # the card set the subject
    *_, follow = await telegram_bot.wait_for("sendMessage", 3)
    assert "15 November 2018" in follow.text


async def test_calls_are_buttons_too(telegram_bot: FakeTelegram) -> None:
    telegram_bot.message("/calls")
    (sent,) = await telegram_bot.wait_for("sendMessage")
    assert [label for label, _ in sent.buttons()] == [
        "1st call (2014)",
        "2nd call (2015)",
        "3rd call (2018)",
    ]
    telegram_bot.press(sent, "3rd call (2018)")
    _, call = await telegram_bot.wait_for("sendMessage", 2)
    assert "ESCP-4x" in visible_text(call)


async def test_project_command_opens_a_card_and_forgives_typos(
    telegram_bot: FakeTelegram,
) -> None:
    telegram_bot.message("/project ecri")
    (card,) = await telegram_bot.wait_for("sendMessage")
    assert visible_text(card).startswith("ECRI — Excellence Cluster for Regional Improvement")
    telegram_bot.message("/project clusgrem")
    _, asked = await telegram_bot.wait_for("sendMessage", 2)
    assert visible_text(asked) == "Did you mean CLUSTEM?"
    telegram_bot.press(asked, "CLUSTEM")
    *_, answered = await telegram_bot.wait_for("sendMessage", 3)
    assert visible_text(answered).startswith("CLUSTEM — ")


async def test_commands_without_their_argument_get_a_usage_hint(
    telegram_bot: FakeTelegram,
) -> None:
    telegram_bot.message("/ask")
    telegram_bot.message("/project")
    first, second = await telegram_bot.wait_for("sendMessage", 2)
    assert visible_text(first).startswith("Usage: /ask <question>")
    assert visible_text(second).startswith("Usage: /project <name>")
    assert len(second.buttons()) == 12


async def test_did_you_mean_buttons_answer_the_question_first_asked(
    telegram_bot: FakeTelegram,
) -> None:
    telegram_bot.message("when did clusgrem end?")
    (asked,) = await telegram_bot.wait_for("sendMessage")
    assert visible_text(asked) == "Did you mean CLUSTEM?"
    telegram_bot.press(asked, "CLUSTEM")
    _, answer = await telegram_bot.wait_for("sendMessage", 2)
    assert "31 December 2017" in visible_text(answer)


async def test_markup_in_a_question_does_not_break_the_reply(telegram_bot: FakeTelegram) -> None:
    telegram_bot.message("what did <b>CLUSGRIT & co</b> get? 1 < 2 > 0")
    (sent,) = await telegram_bot.wait_for("sendMessage")  # the fake refuses invalid HTML
    # the tags are no words of the question; the stray "1 < 2 > 0" is sent back escaped
    said = visible_text(sent)
    assert said.endswith("CLUSGRID received €201,545 from the EU (its EU contribution).")


async def test_less_than_greater_than_and_ampersand_are_sent_escaped(
    tg: FakeTelegram, knowledge_copy: Path
) -> None:
    edit(
        knowledge_copy / "projects.yaml",
        "name: Clusters for Smart Grid",
        'name: "Clusters <for> Smart & Grid R&D"',
    )
    engine = Engine(load_knowledge(knowledge_copy))
    async with running(build_application(engine, bot_settings(tg))):
        tg.message("tell me about CLUSGRID")
        (sent,) = await tg.wait_for("sendMessage")  # Telegram (and the fake) refuse bad HTML
    assert "Clusters &lt;for&gt; Smart &amp; Grid R&amp;D" in sent.text
    assert visible_text(sent).startswith("CLUSGRID — Clusters <for> Smart & Grid R&D")


async def test_an_unknown_command_points_to_help(telegram_bot: FakeTelegram) -> None:
    telegram_bot.message("/frobnicate now")
    (sent,) = await telegram_bot.wait_for("sendMessage")
    assert visible_text(sent) == "I don't know the command /frobnicate. Send /help for the list."


async def test_a_sticker_gets_a_one_line_hint(telegram_bot: FakeTelegram) -> None:
    telegram_bot.other(
        "message",
        {
            "sticker": {
                "file_id": "s1",
                "file_unique_id": "u1",
                "width": 512,
                "height": 512,
                "is_animated": False,
                "is_video": False,
                "type": "regular",
            }
        },
    )
    (sent,) = await telegram_bot.wait_for("sendMessage")
    assert "text only" in visible_text(sent)


async def test_one_chats_answers_keep_their_order_while_chats_overlap(
    telegram_bot: FakeTelegram,
) -> None:
    projects = ["CLUSGRID", "ECRI", "TCE", "CECIL", "CLUSTEM", "INNO-DROP"]
    for chat in (1, 2, 3):
        telegram_bot.message(f"what did {projects[0]} get from the EU", chat_id=chat)
    for name in projects[1:]:
        for chat in (1, 2, 3):
            telegram_bot.message(f"and {name}?", chat_id=chat)
    await telegram_bot.wait_for("sendMessage", 3 * len(projects))
    for chat in (1, 2, 3):
        replies = [c.text for c in telegram_bot.of("sendMessage") if c.chat_id == chat]
        named = [next(p for p in projects if p in text) for text in replies]
        assert named == projects  # every follow-up answered after the one before it


async def test_a_start_deep_link_answers_what_it_names(telegram_bot: FakeTelegram) -> None:
    telegram_bot.message("/start ECRI")  # t.me/YourBot?start=ECRI
    (sent,) = await telegram_bot.wait_for("sendMessage")
    assert visible_text(sent).startswith("ECRI — Excellence Cluster for Regional Improvement")


async def test_a_button_whose_query_expired_is_still_answered(telegram_bot: FakeTelegram) -> None:
    telegram_bot.message("/projects")
    (listing,) = await telegram_bot.wait_for("sendMessage")
    telegram_bot.faults.append(
        Fault("answerCallbackQuery", status=400, description="Bad Request: query is too old")
    )
    telegram_bot.press(listing, "ECRI")
    _, card = await telegram_bot.wait_for("sendMessage", 2)
    assert visible_text(card).startswith("ECRI — ")
