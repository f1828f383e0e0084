"""Where the page is odd, the answer says so, in our own words: an EU contribution above the
total budget, a project that ran years after its call's others, partners never published.
A fact stated in the question that holds is taken as said, and the question is answered."""

from __future__ import annotations

import re

import pytest

FIGURE = re.compile(r"€\s?\d|\d{3}[,.]\d{3}")

CASES = [
    # a call stated beside the project it holds for, then a yes/no about the project
    ("ECRI is a second call project, so did it end in 2018?", "Yes:", "15 November 2018"),
    ("SmartSports4GoodLife came from the 2015 call, so did it begin in 2016?", "No:", "2020"),
    # a share asked as a whole number, where the page's figures do not add up
    ("was MATERIALIX 100% financed by the EU?", "No:", "more than its total budget"),
    ("was RUE AERO fully funded, 100%, by the EU?", "No:", "95.0%"),
]


@pytest.mark.parametrize(("question", "opening", "evidence"), CASES)
def test_the_answer_and_its_caveat(ask, question: str, opening: str, evidence: str) -> None:
    text = ask(question).text
    assert text.startswith(opening), text
    assert evidence in text, text


@pytest.mark.parametrize(
    "question",
    ["who were the partners in the second call's projects?", "first call projects and partners"],
)
def test_partners_of_a_call_are_not_published(ask, question: str) -> None:
    text = ask(question).text
    assert "not published" in text, text
    assert not FIGURE.search(text), text


def test_timing_of_the_late_project_is_shown_with_its_caveat(ask) -> None:
    text = ask("SmartSports4GoodLife: which call, and what was its timing?").text
    assert "2nd call" in text, text
    assert "3 February 2020" in text, text
    assert "years after" in text, text


@pytest.mark.parametrize(
    ("question", "flagged", "not_flagged"),
    [
        (
            "which projects have inconsistent figures",
            ["MATERIALIX", "CECIL", "SmartSports4GoodLife"],
            ["ECRI"],
        ),
        ("any discrepancies in the second call?", ["SmartSports4GoodLife"], ["CECIL"]),
        (
            "which 1st call projects have an EU contribution that doesn't fit their total budget?",
            ["MATERIALIX", "CECIL"],
            ["RUE AERO", "two ways"],
        ),
        ("are there errors on the page?", ["MATERIALIX", "CECIL", "SmartSports4GoodLife"], []),
    ],
)
def test_where_the_page_is_inconsistent(
    ask, question: str, flagged: list[str], not_flagged: list[str]
) -> None:
    reply = ask(question)
    for name in flagged:
        assert f"Note on {name}" in reply.text, reply.text
    for word in not_flagged:
        assert word not in reply.text, reply.text
    assert reply.confidence >= 0.9
