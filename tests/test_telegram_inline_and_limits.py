"""Inline mode, long answers, errors and the token: the edges of the Telegram front end."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from bot.engine import Engine, Reply, Suggestion
from bot.frontends.telegram import TelegramFrontend, build_application, running
from bot.frontends.telegram.render import Callbacks, Keyboards, split_html
from conftest import bot_settings, set_selected_projects
from fake_telegram import FakeTelegram, parse_html, utf16_len, visible_text


async def test_an_inline_query_returns_the_answer_as_an_article(
    telegram_bot: FakeTelegram,
) -> None:
    telegram_bot.inline("what did CLUSGRID get from the EU")
    (call,) = await telegram_bot.wait_for("answerInlineQuery")
    (article,) = call.params["results"]
    assert article["type"] == "article"
    assert article["title"].startswith("CLUSGRID received €201,545")
    content = article["input_message_content"]
    assert content["parse_mode"] == "HTML"
    assert "<b>€201,545</b>" in content["message_text"]
    assert int(call.params["cache_time"]) > 0


async def test_an_empty_inline_query_lists_every_project(telegram_bot: FakeTelegram) -> None:
    telegram_bot.inline("")
    (call,) = await telegram_bot.wait_for("answerInlineQuery")
    results = call.params["results"]
    assert len(results) == 12
    assert results[0]["title"] == "MATERIALIX"
    titles = {r["title"] for r in results}
    assert {"CLUSGRID", "ECRI", "SmartSports4GoodLife"} <= titles
    clusgrid = next(r for r in results if r["title"] == "CLUSGRID")
    assert clusgrid["description"].startswith("Clusters for Smart Grid")
    assert "€201,545" in clusgrid["input_message_content"]["message_text"]


async def test_a_misspelt_inline_query_offers_each_reading(telegram_bot: FakeTelegram) -> None:
    telegram_bot.inline("when did clusgrem end")
    (call,) = await telegram_bot.wait_for("answerInlineQuery")
    titles = [r["title"] for r in call.params["results"]]
    assert titles == ["Did you mean CLUSTEM?", "CLUSTEM"]
    assert "31 December 2017" in call.params["results"][1]["input_message_content"]["message_text"]


def test_inline_results_never_exceed_fifty(knowledge_copy) -> None:
    from bot.knowledge import load_knowledge

    projects = knowledge_copy / "projects.yaml"
    text = projects.read_text(encoding="utf-8")
    extra = "".join(
        f"\n  - acronym: EXTRA{i}\n    name: Extra project {i}\n    call: 2\n"
        "    start: 2016-01-01\n    end: 2017-12-31\n    total_budget: 1000\n"
        "    eu_contribution: 900\n    partners: not published\n"
        for i in range(60)
    )
    projects.write_text(text + extra, encoding="utf-8")
    calls = knowledge_copy / "calls.yaml"  # the call's count of selected projects must agree
    calls_text = calls.read_text(encoding="utf-8")
    calls.write_text(
        calls_text.replace("selected_projects: 6", "selected_projects: 66", 2).replace(
            "selected_projects: 66", "selected_projects: 6", 1
        ),
        "utf-8",
    )
    frontend = TelegramFrontend(Engine(load_knowledge(knowledge_copy)))
    results, next_offset = frontend.inline.results("")
    assert len(results) == 50 and next_offset == "1"
    assert len({r.id for r in results}) == 50
    rest, last = frontend.inline.results("", 1)  # Telegram asks for the next page by offset
    assert len(rest) == 22 and last == ""
    assert not {r.id for r in rest} & {r.id for r in results}


def test_a_long_answer_is_split_on_lines_under_the_limit() -> None:
    lines = [f"• <b>PROJECT{i}</b> — &lt;a name&gt; &amp; its budget €{i},000" for i in range(400)]
    text = "\n".join(lines)
    chunks = split_html(text)
    assert len(chunks) > 1
    assert "\n".join(chunks) == text  # nothing lost, nothing added, cut only at line ends
    for chunk in chunks:
        assert utf16_len(parse_html(chunk)) <= 4096  # valid HTML, under Telegram's limit


def test_one_enormous_line_is_cut_with_its_bold_closed_and_reopened() -> None:
    text = "<b>" + "word &amp; " * 2000 + "</b>"
    chunks = split_html(text)
    assert len(chunks) > 1
    for chunk in chunks:
        assert utf16_len(parse_html(chunk)) <= 4096
        assert chunk.startswith("<b>") and chunk.endswith("</b>")


async def test_a_long_answer_arrives_in_several_messages(
    tg: FakeTelegram, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    long = Reply.build("\n".join(f"line {i} " + "x" * 90 for i in range(100)), "test", 1.0)
    monkeypatch.setattr(engine, "answer", lambda text, context=None: long)
    app = build_application(engine, bot_settings(tg))
    async with running(app):
        tg.message("anything")
        sent = await tg.wait_for("sendMessage", 3)
        await tg.quiet(0.2)
    assert len(tg.of("sendMessage")) == 3
    assert "\n".join(c.text for c in sent) == long.html


async def test_a_failing_handler_says_sorry_and_the_bot_carries_on(
    tg: FakeTelegram, engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    class Flaky(Engine):
        def answer(self, text: str, context: object = None) -> Reply:  # type: ignore[override]
            if "boom" in text:
                raise RuntimeError("the engine broke")
            return super().answer(text, context)  # type: ignore[arg-type]

    app = build_application(Flaky(engine.knowledge), bot_settings(tg))
    with caplog.at_level(logging.ERROR):
        async with running(app):
            tg.message("boom")
            (sorry,) = await tg.wait_for("sendMessage")
            tg.message("what did CLUSGRID get from the EU")
            _, answer = await tg.wait_for("sendMessage", 2)
    assert visible_text(sorry) == "Sorry, something went wrong — please try again."
    assert "€201,545" in answer.text
    record = next(r for r in caplog.records if r.levelno == logging.ERROR)
    assert record.exc_info is not None and "the engine broke" in str(record.exc_info[1])


async def test_an_expired_button_says_so(telegram_bot: FakeTelegram) -> None:
    telegram_bot.message("/projects")
    (listing,) = await telegram_bot.wait_for("sendMessage")
    listing.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"] = "k:forgotten"
    telegram_bot.press(listing, "MATERIALIX")
    _, sent = await telegram_bot.wait_for("sendMessage", 2)
    assert "expired" in visible_text(sent)


def test_long_button_payloads_stay_within_64_bytes() -> None:
    callbacks = Callbacks(capacity=2)
    question = "what was the total budget of the project with the very long name " * 3
    data = callbacks.question(question)
    assert len(data.encode()) <= 64
    assert callbacks.decode(data) == ("q", question)
    callbacks.question("one more long question " * 4)
    callbacks.question("and another long question " * 4)
    assert callbacks.decode(data) is None  # bounded: the oldest is forgotten
    assert callbacks.decode("garbage") is None


def test_a_keyboard_is_made_once_unless_a_payload_is_kept_aside() -> None:
    keyboards = Keyboards(Callbacks(capacity=1))
    short = [Suggestion("and its total budget?", "and its total budget?")]
    first = keyboards.suggestions(short)
    assert first is not None and keyboards.suggestions(short) is first  # made once
    button = json.loads(first)["inline_keyboard"][0][0]
    assert button == {"text": "and its total budget?", "callback_data": "q:and its total budget?"}
    long = [Suggestion("budget?", "what was the total budget of the very long project " * 2)]
    made = keyboards.suggestions(long)
    keyboards.suggestions([Suggestion("other", "and another long question to keep aside " * 2)])
    again = keyboards.suggestions(long)  # the payload was forgotten: kept aside again
    payload = json.loads(str(again))["inline_keyboard"][0][0]["callback_data"]
    assert made == again and keyboards.callbacks.decode(payload) == ("q", long[0].question)
    assert keyboards.suggestions([]) is None


async def test_projects_of_a_big_programme_come_a_page_at_a_time(
    tg: FakeTelegram, knowledge_copy: Path
) -> None:
    from bot.knowledge import load_knowledge

    projects = knowledge_copy / "projects.yaml"
    extra = "".join(
        f"\n  - acronym: EXTRA{i}\n    name: Extra project {i}\n    call: 2\n"
        "    start: 2016-01-01\n    end: 2017-12-31\n    total_budget: 1000\n"
        "    eu_contribution: 900\n    partners: not published\n"
        for i in range(388)
    )
    projects.write_text(projects.read_text(encoding="utf-8") + extra, encoding="utf-8")
    set_selected_projects(knowledge_copy, 2, 394)
    engine = Engine(load_knowledge(knowledge_copy))
    async with running(build_application(engine, bot_settings(tg))):
        tg.message("/projects", chat_id=9)
        (first,) = await tg.wait_for("sendMessage")
        tg.press(first, "Next 50 ›")
        _, second = await tg.wait_for("sendMessage", 2)
        await tg.quiet(0.2)
        assert len(tg.delivered(9)) == 2  # one message a page
    labels = [label for label, _ in first.buttons()]
    assert len(labels) == 51 and labels[0] == "MATERIALIX" and labels[-1] == "Next 50 ›"
    assert "Showing 1–50 of 400" in visible_text(first)
    assert "2nd call (2015) (394 projects): SmartSports4GoodLife" in visible_text(first)
    assert "Showing 51–100 of 400" in visible_text(second)
    assert second.buttons()[0][0] == "EXTRA38"
