"""Places in a ranking said many ways ("next-to-lowest", "penultimate", "second to last",
"the first five"), counted from the right end of the field's order, and ties said as ties."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("question", "expected", "not_expected"),
    [
        ("the next-to-highest total budget?", "TRACE-KEI", "SmartSports4GoodLife"),
        ("which first call project had the next to smallest EU contribution?", "TCE", "MATERIALIX"),
        ("the penultimate project by EU contribution", "CLUSGRID", "ECRI"),
        ("which project is second to last by total budget?", "CECIL", "TRACE-KEI"),
        ("who is last in the ranking by EU contribution?", "ECRI", "SmartSports4GoodLife"),
        ("the project that ended last", "SmartSports4GoodLife", "ECRI"),
    ],
)
def test_a_place_counted_from_either_end(
    ask, question: str, expected: str, not_expected: str
) -> None:
    text = ask(question).text
    assert expected in text and not_expected not in text, text


def test_a_number_after_first_is_how_many(ask) -> None:
    text = ask("rank all 12 projects by EU contribution, biggest first, but just the top four").text
    assert "4. RUE AERO" in text and "5." not in text, text


@pytest.mark.parametrize(
    ("question", "names", "shared"),
    [
        (
            "which projects were the earliest to begin?",
            ["MATERIALIX", "RUE AERO", "CECIL", "5FOREXCELLENCE", "CLUSTEM", "TCE"],
            "1 January 2016",
        ),
        (
            "which 2nd call project started first?",
            ["INNO-DROP", "CLUSGRID", "TRACE-KEI", "COSMENERG", "ECRI"],
            "16 November 2016",
        ),
    ],
)
def test_ties_are_all_named(ask, question: str, names: list[str], shared: str) -> None:
    text = ask(question).text
    assert all(n in text for n in names) and shared in text, text
    assert "tie" in text, text


def test_a_place_inside_a_tie_is_not_made_up(ask) -> None:
    text = ask("which project was the second to start?").text
    assert "6 projects tie for the earliest start date" in text, text


def test_how_many_is_said_before_the_noun_and_a_follow_up_keeps_the_field(chat) -> None:
    top = chat.say("list the two projects with the smallest EU contributions").text
    assert "ECRI" in top and "CLUSGRID" in top and "COSMENERG" not in top, top
    other_end = chat.say("and the top two?").text
    assert "SmartSports4GoodLife" in other_end and "MATERIALIX" in other_end, other_end
    assert "ECRI" not in other_end, other_end


def test_the_first_one_to_finish_is_the_earliest_end(ask) -> None:
    assert ask("which project was the first one to finish").text.startswith(
        "5FOREXCELLENCE has the earliest end date"
    )


def test_the_two_smallest_is_a_ranking_not_a_follow_up(ask) -> None:
    text = ask("the 2 smallest EU grants in the second call").text
    assert "1. ECRI: €160,477" in text and "2. CLUSGRID: €201,545" in text and "3." not in text


@pytest.mark.parametrize(
    "question", ["who are 6th and 7th by total budget", "the 6th and 7th largest budgets"]
)
def test_two_places_side_by_side(ask, question: str) -> None:
    text = ask(question).text
    assert "6. RUE AERO: €263,060" in text and "7. CLUSTEM: €262,530" in text
    assert "5." not in text and "8." not in text
