"""The calls themselves asked for ("which calls were there?", "list the calls"), not their
projects, and a call said in words that overlap another's name ("the second call one")."""

from __future__ import annotations

import pytest

SURE = 0.9


@pytest.mark.parametrize(
    "question",
    [
        "which calls for proposals were there?",
        "which calls were there?",
        "what calls are there",
        "list the calls",
        "list all the calls for proposals",
        "show me the calls",
    ],
)
def test_the_calls_are_listed_with_their_years(chat, question: str) -> None:
    reply = chat.say(question)
    for year in ("2014", "2015", "2018"):
        assert year in reply.text
    assert "MATERIALIX" not in reply.text  # the calls, not the twelve projects


def test_the_calls_with_their_projects_name_them(chat) -> None:
    reply = chat.say("list all calls and their projects")
    assert "MATERIALIX" in reply.text and "ECRI" in reply.text
    assert "ESCP-4x" in reply.text  # the third call's projects are listed elsewhere


def test_which_call_of_a_project_is_still_its_call(chat) -> None:
    chat.say("ECRI budget")
    assert "2nd call" in chat.say("which call?").text


def test_which_call_asked_of_nothing_asks_which_project(chat) -> None:
    assert "Which project" in chat.say("which call was it in?").text


def test_an_ask_back_is_never_sure(chat) -> None:
    reply = chat.say("what did clusgrem get from the EU")
    assert reply.text.startswith("Did you mean") and reply.confidence < SURE


@pytest.mark.parametrize(
    "question",
    [
        "is a new call for proposals open right now?",
        "are there open calls?",
        "is the third call still open?",
    ],
)
def test_an_open_call_is_not_on_the_page(chat, question: str) -> None:
    reply = chat.say(question)
    assert "describes only the 3 calls" in reply.text and "Did you mean" not in reply.text


def test_a_call_then_one_is_that_call_not_call_one(chat) -> None:
    chat.say("EU grants of all projects, largest first")
    chat.say("top 4 only")
    reply = chat.say("leave out the second call one")
    assert "SmartSports4GoodLife" not in reply.text and "RUE AERO" in reply.text
    assert "CLUSTEM" not in reply.text  # the fifth stays out


@pytest.mark.parametrize(
    "question",
    [
        "When were the three calls for proposals held?",
        "when were the calls",
        "when did the calls take place",
    ],
)
def test_when_the_calls_were_is_their_years(chat, question: str) -> None:
    reply = chat.say(question)
    for year in ("2014", "2015", "2018"):
        assert year in reply.text


@pytest.mark.parametrize(
    ("question", "shown"),
    [
        ("what are all the projects in the programme?", "ECRI — Excellence Cluster"),
        ("list all the projects of the programme", "MATERIALIX — Strengthen"),
        ("how many projects does the programme have", "12 projects"),
    ],
)
def test_the_programmes_projects_are_the_twelve(chat, question: str, shown: str) -> None:
    assert shown in chat.say(question).text


def test_what_the_programme_is_is_still_its_description(chat) -> None:
    assert "cluster management excellence" in chat.say("what is the programme").text


@pytest.mark.parametrize(
    "question",
    ["Can I see all twelve projects?", "can i see all the projects", "all the projects"],
)
def test_all_the_projects_are_listed_surely(chat, question: str) -> None:
    reply = chat.say(question)
    assert reply.text.startswith("Projects listed on the page (12)") and reply.confidence >= SURE
