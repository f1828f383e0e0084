"""A run said with its own ends ("which projects ran from November 2016 to November 2018?")
lists the projects that started in the first period and ended in the last; a run said
during a range ("running between", "running from ... to") lists those running on some day
of it, and says so."""

from __future__ import annotations

import pytest

SECOND_CALL = ("INNO-DROP", "CLUSGRID", "TRACE-KEI", "COSMENERG", "ECRI")
FIRST_CALL = ("MATERIALIX", "RUE AERO", "CECIL", "5FOREXCELLENCE", "CLUSTEM", "TCE")


@pytest.mark.parametrize(
    "question",
    [
        "Which projects ran from 16 Nov 2016 to 15 Nov 2018?",
        "which projects ran from Nov 2016 to Nov 2018?",
        "what ran from november 2016 to november 2018",
        "projects that ran from 2016 to 2018?",
        "which ones lasted from 16 November 2016 to 15 November 2018",
    ],
)
def test_a_run_from_one_date_to_another_is_its_own_start_and_end(chat, question: str) -> None:
    reply = chat.say(question)
    assert all(name in reply.text for name in SECOND_CALL)
    assert not any(name in reply.text for name in FIRST_CALL)
    assert "ran from" in reply.text  # the reading is said


def test_the_first_calls_runs_from_2016_to_2017(chat) -> None:
    reply = chat.say("which projects ran from 2016 to 2017?")
    assert all(name in reply.text for name in FIRST_CALL)
    assert not any(name in reply.text for name in SECOND_CALL)


def test_a_month_range_leaves_out_a_run_that_ended_earlier(chat) -> None:
    reply = chat.say("which projects ran from January 2016 to December 2017?")
    assert "CLUSTEM" in reply.text
    assert "5FOREXCELLENCE" not in reply.text  # ended in September 2017


def test_no_run_with_those_ends_is_said_as_none(chat) -> None:
    reply = chat.say("which projects lasted from 2017 to 2018?")
    assert reply.text.startswith("No project") and "2017" in reply.text


@pytest.mark.parametrize(
    "question",
    [
        "which projects were running from March 2017 to June 2017?",
        "which projects were running between March 2017 and June 2017?",
    ],
)
def test_running_during_a_range_is_some_day_of_it(chat, question: str) -> None:
    reply = chat.say(question)
    assert "at some point between" in reply.text
    assert all(name in reply.text for name in (*FIRST_CALL, *SECOND_CALL))
