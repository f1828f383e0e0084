"""Calls for proposals and the programme itself."""

from __future__ import annotations

import pytest

CALLS = [
    ("When was the second call for proposals?", ["2015"]),
    ("when did the first call take place", ["2014"]),
    ("What did the third call focus on?", ["cluster management skills", "ClusterXchange"]),
    ("what was the 2014 call about", ["management practices", "Key Enabling Technologies"]),
    ("tell me about the second call", ["2015", "value-chains", "CLUSGRID"]),
    ("Which projects were selected in the third call?", ["ESCP-4x"]),
    ("what are the calls", ["1st call", "2nd call", "3rd call", "ESCP-4x"]),
    ("Under which EU programme were these calls run?", ["COSME"]),
    ("who funded the programme", ["COSME"]),
    (
        "What is the Cluster Excellence Programme?",
        ["European Commission", "cluster management excellence"],
    ),
]


@pytest.mark.parametrize(("question", "facts"), CALLS)
def test_calls_and_programme(ask, question: str, facts: list[str]) -> None:
    text = ask(question).text
    for fact in facts:
        assert fact in text


def test_every_focus_bullet_of_the_second_call_is_given(ask, knowledge) -> None:
    text = ask("what did the second call concentrate on").text
    for bullet in knowledge.calls[1].focus:
        assert bullet in text


@pytest.mark.parametrize(
    ("question", "project"),
    [
        ("Which project is about aerospace?", "RUE AERO"),
        ("Which project dealt with creative industries?", "CECIL"),
        ("is there a project on textiles", "CLUSTEM"),
        ("which project works on smart grids", "CLUSGRID"),
        ("any project about sports?", "SmartSports4GoodLife"),
        ("which project is about regional development", "ECRI"),
    ],
)
def test_topic_finds_the_project(ask, question: str, project: str) -> None:
    reply = ask(question)
    assert reply.intent == "topic"
    assert project in reply.text


def test_two_calls_joined_by_their_ordinals(ask) -> None:
    text = ask("total EU money of the first and the second call").text
    assert "€1,581,490" in text and "€1,359,553" in text
    text = ask("when were the first and the second calls?").text
    assert "2014" in text and "2015" in text


def test_two_calls_overlap_by_their_projects_runs(ask) -> None:
    """A call runs from its projects' first start to their last end (this once crashed)."""
    text = ask("Did the first-call and second-call projects overlap in time? For how long?").text
    assert "411 days" in text and "16 November 2016 to 31 December 2017" in text, text


def test_projects_of_a_year_whose_call_lists_none_point_to_where_they_are(ask) -> None:
    # "No project on the page selected in a call in 2018" read as if the call funded none
    text = ask("which projects were funded in 2018").text
    assert "not listed on this page" in text and "ESCP-4x" in text
    assert "yes" in ask("did a call take place in 2018?").text.lower()


def test_what_the_calls_were_about_is_each_calls_focus(chat) -> None:
    reply = chat.say("what were the calls about?")
    assert "value-chain" in reply.text and "ClusterXchange" in reply.text


def test_the_second_one_after_the_calls_is_the_second_call(chat) -> None:
    chat.say("what were the 3 calls about")
    assert "2nd call" in chat.say("tell me more about the second one").text
    assert chat.say("how many projects were funded under it?").text.startswith("6 projects")


def test_the_2014_one_after_counting_the_calls_is_the_first_call(chat) -> None:
    chat.say("how many calls were there")
    reply = chat.say("which projects were in the 2014 one?")
    assert "1st call" in reply.text and "• TCE" in reply.text
