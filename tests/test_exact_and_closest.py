"""Amounts said in words ("half a million") and exact amounts nobody has: the answer is
"none", with the closest figure, never a near one passed off as exact."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("which project's total budget is nearest to a quarter of a million?", "TCE"),
        ("whose EU funding came closest to a quarter of a million?", "RUE AERO"),
        ("any project with a total budget above half a million?", "No"),
    ],
)
def test_amounts_in_words(ask, question: str, expected: str) -> None:
    text = ask(question).text
    assert expected in text, text
    assert "exactly" not in text, text


@pytest.mark.parametrize(
    ("question", "closest"),
    [
        ("was any EU contribution exactly 250,000 euros?", "RUE AERO's EU contribution: €249,851"),
        ("how many projects had a budget of exactly €250,000?", "TCE's total budget: €249,422"),
        ("second call projects with an EU grant of exactly 200k", "CLUSGRID"),
    ],
)
def test_no_exact_match_names_the_closest(ask, question: str, closest: str) -> None:
    text = ask(question).text
    assert text.startswith(("No", "0")), text
    assert closest in text, text


def test_an_exact_match_is_listed_without_a_closest(ask) -> None:
    text = ask("which projects got exactly 201,545 from the EU?").text
    assert "CLUSGRID" in text and "closest" not in text, text
