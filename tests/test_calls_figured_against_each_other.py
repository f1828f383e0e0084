"""Two calls' figures put against each other: "by how much does the second call's combined
budget exceed the first call's?" is a gap (the "combined" belongs to each call), "compare
the average EU grant of the first and second call" compares averages, and "the combined
budget of call 1 and call 2" gives each and both together."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "question",
    [
        "By how much does the second call's combined total budget exceed the first call's?",
        "how much bigger is the 2nd call's summed budget than the 1st call's?",
        "difference between the total budgets of call 2 and call 1",
    ],
)
def test_the_gap_between_two_calls_totals(chat, question: str) -> None:
    reply = chat.say(question)
    assert "€287,494" in reply.text
    assert "€3,347,790" not in reply.text  # not the two added up
    assert "total total" not in reply.text


@pytest.mark.parametrize(
    "question",
    [
        "Compare the average EU contribution per project between the first and the second call.",
        "average EU grant in call 1 versus call 2",
    ],
)
def test_two_calls_averages_compared(chat, question: str) -> None:
    reply = chat.say(question)
    assert "€263,581.67" in reply.text and "€226,592.17" in reply.text
    assert "€1,581,490" not in reply.text  # not the totals


def test_the_combined_budget_of_two_calls_is_each_and_both(chat) -> None:
    reply = chat.say("what's the combined budget of call 1 and call 2")
    for amount in ("€1,530,148", "€1,817,642", "€3,347,790"):
        assert amount in reply.text


def test_which_call_had_more_after_each_calls_total(chat) -> None:
    chat.say("total budget of the first call")
    chat.say("and the second call?")
    reply = chat.say("which call had more?")
    assert "2nd call" in reply.text and "€287,494" in reply.text
    assert reply.confidence < 0.9


def test_the_combined_figure_after_a_total_is_that_figures_total(chat) -> None:
    chat.say("What's the combined total budget of all the projects listed?")
    reply = chat.say("and the combined EU contribution?")
    assert "€2,941,043" in reply.text and "€6,288,833" not in reply.text
    assert "€406,747" in chat.say("so how much came from sources other than the EU overall?").text


def test_both_calls_together_after_each_is_their_sum(chat) -> None:
    chat.say("total budget of the 1st call, all projects")
    chat.say("and for the 2nd call")
    assert "€3,347,790" in chat.say("so both calls together").text
