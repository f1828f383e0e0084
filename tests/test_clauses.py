"""A message that asks two questions gets both answers, the second asked after the first;
a message that is one question is never cut in two."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from tests.conftest import Chat

from bot.engine import Engine
from bot.engine.clauses import Clauses
from bot.engine.reply import Reply

TWO_QUESTIONS = [
    (
        "how many projects did each call fund, and which call had the higher total EU grant?",
        ["1st call for proposals (2014): 6", "2nd call for proposals (2015): 6", "€1,581,490"],
    ),
    (
        "EU money per call: what did call one get in total and what did call two get?",
        ["€1,581,490", "€1,359,553"],
    ),
    (
        "how many projects were in the first call and which of them got the most from the EU?",
        ["6 projects", "MATERIALIX has the largest EU contribution"],
    ),
    (
        "Which project started first? And which one ended last?",
        ["1 January 2016", "SmartSports4GoodLife has the latest end date"],
    ),
    ("when did TCE end and how long did it run", ["31 December 2017", "24 months"]),
    (
        "what did CECIL get from the EU and what was its total budget?",
        ["€299,450", "€247,283", "more than its total budget"],
    ),
    (
        "how many projects started in 2016, and how many ended in 2018?",
        ["11 projects that started in 2016", "5 projects that ended in 2018"],
    ),
    (
        "which call had more projects, and what was the average EU grant in the second call?",
        ["A tie", "€226,592.17"],
    ),
    ("ECRI's total budget, and when did CLUSGRID start?", ["€228,949", "16 November 2016"]),
]


@pytest.mark.parametrize(("question", "expected"), TWO_QUESTIONS)
def test_each_question_of_a_message_is_answered(
    ask: Callable[[str], Reply], question: str, expected: list[str]
) -> None:
    reply = ask(question)
    for part in expected:
        assert part in reply.text, reply.text
    assert reply.confidence >= 0.85


def test_the_second_question_continues_the_first(chat: Chat) -> None:
    reply = chat.say("which 1st-call project got the most from the EU, and which got the least?")
    assert "MATERIALIX" in reply.text and "5FOREXCELLENCE" in reply.text
    # the conversation goes on from the last question asked
    follow = chat.say("and its total budget?")
    assert follow.text == "5FOREXCELLENCE had a total budget of €249,416."


def test_a_description_then_a_dash_then_a_question_about_it(chat: Chat) -> None:
    reply = chat.say("the project with the smallest budget – when did it end?")
    assert "ECRI" in reply.text and "15 November 2018" in reply.text
    reply = chat.say("The last project to get going — how many months did it run for?")
    assert "SmartSports4GoodLife" in reply.text and "24 months" in reply.text


def test_a_second_question_about_the_first_answer_is_answered(chat: Chat) -> None:
    # "how much did it get" was read as nothing, and the end date said at full confidence
    reply = chat.say("the project that ended last, how much did it get")
    assert "SmartSports4GoodLife" in reply.text and "€359,989" in reply.text
    reply = chat.say("the cheapest project, how much did the EU give it")
    assert "ECRI" in reply.text and "€160,477" in reply.text


def test_a_scope_before_a_comma_is_not_a_question(chat: Chat) -> None:
    reply = chat.say("in the first call, which project came third by EU money?")
    assert reply.text.startswith("RUE AERO has the 3rd largest EU contribution")
    reply = chat.say(
        "In the first call, what was the total budget of the project with the "
        "second-largest EU grant?"
    )
    assert "launched in" not in reply.text and "CECIL" in reply.text


def test_a_name_then_a_dash_is_one_question(engine: Engine) -> None:
    clauses = Clauses(
        engine.knowledge.language.conjunctions, engine.knowledge.language.question_words
    )
    said = "TRACE-KEI — what was the whole budget?"
    assert clauses.split(said) == [said]
    assert clauses.split("the call 2 project with the highest EU share - what's its budget") == [
        "the call 2 project with the highest EU share",
        "what's its budget",
    ]


def test_one_question_with_and_inside_it_stays_whole(engine: Engine) -> None:
    clauses = Clauses(
        engine.knowledge.language.conjunctions, engine.knowledge.language.question_words
    )
    assert clauses.split("when were the first and the second calls?") == [
        "when were the first and the second calls?"
    ]
    assert clauses.split("projects with a budget over 250,000 and an EU part under 240,000") == [
        "projects with a budget over 250,000 and an EU part under 240,000"
    ]
    assert clauses.split("ECRI budget, and which call was it in?") == [
        "ECRI budget",
        "and which call was it in?",
    ]


def test_a_part_the_page_cannot_answer_is_said_so(ask: Callable[[str], Reply]) -> None:
    reply = ask("what was ECRI's total budget, and who were its partners?")
    assert "€228,949" in reply.text
    assert "does not list the partners of ECRI" in reply.text


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("inno-drop total budjet + start date", ["€284,392", "16 November 2016"]),
        ("ECRI's budget plus its start date", ["€228,949", "16 November 2016"]),
    ],
)
def test_a_plus_between_a_figure_and_a_date_joins_two_facts(
    engine: Engine, text: str, wanted: list[str]
) -> None:
    """A sum of money and a date means nothing (it once crashed the batch): both facts."""
    said = engine.answer(text).text
    assert all(w in said for w in wanted), said
