"""Rows pointed at by their place: "the last one you listed", "the one before it", "the
project listed right after it on the page"; lists "in page order"; and "is that the lowest of
all 12 projects?" after a share, of that share."""

from __future__ import annotations

import pytest


def test_the_last_one_listed_and_the_ones_before_it(chat) -> None:
    chat.say("list the first call projects")
    assert chat.say("the last one you listed — full name?").text.startswith("TCE stands for")
    assert chat.say("and the one before it?").text.startswith("CLUSTEM stands for")
    assert chat.say("and the one before that?").text.startswith("5FOREXCELLENCE stands for")
    assert chat.say("and the one after it?").text.startswith("CLUSTEM stands for")


def test_the_next_project_on_the_page_after_a_card(chat) -> None:
    chat.say("MATERIALIX details pls")
    reply = chat.say("what about the project listed right after it on the page?")
    assert reply.text.startswith("RUE AERO")
    assert chat.say("and the one before it?").text.startswith("MATERIALIX")


def test_nothing_before_the_first(chat) -> None:
    chat.say("list the first call projects")
    chat.say("the first one's budget?")
    assert not chat.say("and the one before it?").text.startswith("TCE")


def test_page_order_is_the_order_of_a_list(chat) -> None:
    reply = chat.say("show me the second call projects in page order")
    names = [line.split(" ")[1] for line in reply.text.splitlines()[1:]]
    assert names == [
        "SmartSports4GoodLife",
        "INNO-DROP",
        "CLUSGRID",
        "TRACE-KEI",
        "COSMENERG",
        "ECRI",
    ]
    assert reply.confidence >= 0.9


def test_is_that_the_lowest_of_all_asks_of_the_figure_given(chat) -> None:
    chat.say("what share of ECRI's budget did the EU cover")
    reply = chat.say("is that the lowest of all 12 projects?")
    assert reply.text.startswith("Yes") and "co-financing share (70.1%)" in reply.text


def test_a_row_pointed_at_is_never_sure(chat) -> None:
    chat.say("list the first call projects")
    assert chat.say("the last one you listed — full name?").confidence < 0.9


def test_the_last_one_of_a_ranking_is_its_last_row(chat) -> None:
    chat.say("rank the first call projects by total budget, highest first")
    reply = chat.say("the last one you mentioned - what did it get from the EU")
    assert "CECIL" in reply.text and "€299,450" in reply.text
    assert "€236,944" in chat.say("and the one before it?").text


def test_a_first_clause_that_only_names_is_not_answered_apart(chat) -> None:
    reply = chat.say("CECIL, COSMENERG and CLUSGRID — which calls were they in?")
    assert reply.text.startswith("CECIL was selected in the 1st call")
    assert "€" not in reply.text
    chat.say("top 3 projects by eu grant")
    reply = chat.say("the last one you listed: what's its total cost")
    assert "€247,283" in reply.text and "€299,450" not in reply.text


@pytest.mark.parametrize(
    "question",
    [
        "the penultimate one?",
        "the second to last one?",
        "the one before the last?",
        "next to last?",
        "and the last but one?",
    ],
)
def test_the_row_before_the_last_of_a_list_shown(chat, question: str) -> None:
    chat.say("budgets of the second call projects from lowest to highest")
    reply = chat.say(question)
    assert reply.text.startswith("TRACE-KEI") and reply.confidence < 0.9


def test_two_places_weighed_by_the_figure_the_list_showed(chat) -> None:
    chat.say("second call budgets, smallest first")
    reply = chat.say("how much bigger is the second than the first?")
    assert "€39,778" in reply.text and "total budget" in reply.text
    assert "17.4%" in chat.say("in percent?").text


@pytest.mark.parametrize(
    ("question", "present", "absent"),
    [
        ("the first two: what were their start and end dates?", "INNO-DROP ran from", "ECRI"),
        ("the last two, what did they get from the EU", "€160,477", "INNO-DROP"),
        ("were the first two both in call 2?", "Yes, both", "ECRI"),
    ],
)
def test_the_first_or_last_few_rows_shown(chat, question: str, present: str, absent: str) -> None:
    chat.say("second call projects")
    reply = chat.say(question)
    assert present in reply.text and absent not in reply.text


def test_the_first_few_by_a_figure_still_rank(chat) -> None:
    chat.say("second call projects")
    assert "the 3 with the largest total budget" in chat.say("first 3 by budget").text


@pytest.mark.parametrize(
    ("question", "kept", "left"),
    [
        ("and the last three?", ("TRACE-KEI", "COSMENERG", "ECRI"), ("CLUSGRID",)),
        ("what about the first two", ("SmartSports4GoodLife", "INNO-DROP"), ("CLUSGRID",)),
        ("just the last 2 please", ("COSMENERG", "ECRI"), ("TRACE-KEI",)),
        ("only the first 4", ("CLUSGRID", "TRACE-KEI"), ("COSMENERG", "ECRI")),
    ],
)
def test_the_rows_in_the_first_or_last_places_of_a_list(
    chat, question: str, kept: tuple[str, ...], left: tuple[str, ...]
) -> None:
    chat.say("list the second call projects")
    reply = chat.say(question)
    assert all(name in reply.text for name in kept)
    assert not any(name in reply.text for name in left)
    assert "duration" not in reply.text  # "last" is a place here, not a run's length


def test_the_last_rows_keep_the_figure_shown(chat) -> None:
    chat.say("EU contribution of each first call project")
    reply = chat.say("just the last two")
    assert "CLUSTEM — €249,401" in reply.text and "TCE — €236,950" in reply.text
    assert "MATERIALIX" not in reply.text


def test_the_runner_up_of_a_ranking_is_its_second_row(chat) -> None:
    chat.say("What are the two largest EU contributions in call 1, and to whom?")
    reply = chat.say("For the runner-up, what's the total budget?")
    assert reply.text.startswith("CECIL had a total budget of €247,283")
    assert chat.say("and what's its full title").text.startswith("CECIL stands for")


def test_a_bare_ordinal_after_a_row_picked_is_another_row(chat) -> None:
    chat.say("top five projects by total budget?")
    assert chat.say("What did the fifth one get from the EU?").text.startswith("CLUSGRID")
    assert chat.say("and the fourth?").text.startswith("COSMENERG received €210,510")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What's number 6 on that list?", "RUE AERO"),
        ("and number 2?", "TRACE-KEI"),
        ("number 12 please", "ECRI"),
    ],
)
def test_a_number_said_as_a_place_in_the_list(chat, question: str, expected: str) -> None:
    chat.say("Rank all twelve projects by total budget, largest first")
    assert chat.say(question).text.startswith(expected)


def test_call_number_two_is_the_second_call(chat) -> None:
    reply = chat.say("call number 2 projects")
    assert reply.text.startswith("Projects in the 2nd call") and "ECRI" in reply.text


def test_the_first_project_you_mentioned(chat) -> None:
    chat.say("What did MATERIALIX and CECIL each get from the EU?")
    reply = chat.say("The first project you mentioned — what's its total budget?")
    assert "MATERIALIX had a total budget of €258,437" in reply.text
    assert "CECIL" not in reply.text


def test_the_one_with_more_is_not_tell_me_more(chat) -> None:
    chat.say("INNO-DROP vs TRACE-KEI: EU contributions?")
    reply = chat.say("the one with more — what's its budget?")
    assert reply.text.startswith("TRACE-KEI had a total budget of €284,984")


def test_the_bottom_one_of_a_top_five(chat) -> None:
    chat.say("top 5 projects by total budget?")
    reply = chat.say("the bottom one of those five - when did it start?")
    assert "CLUSGRID started on 16 November 2016" in reply.text


def test_the_winner_of_two_compared(chat) -> None:
    chat.say("ecri vs trace-kei on eu contibution?")
    reply = chat.say("the winner's total budget?")  # was: all twelve budgets, at 1.0
    assert reply.text.startswith("TRACE-KEI had a total budget of €284,984")


@pytest.mark.parametrize(
    "question",
    [
        "whichever began later - how much EU money did it get?",
        "which of them began later - how much EU money did it get?",
    ],
)
def test_the_later_of_two_starts_is_it(chat, question: str) -> None:
    chat.say("When did CLUSGRID start, and when did RUE AERO start?")
    reply = chat.say(question)
    assert "CLUSGRID received €201,545" in reply.text and "RUE AERO received" not in reply.text
