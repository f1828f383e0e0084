"""A project named by its subject and then pointed at with "it": the description is the
project; a question about several projects stays a search."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("smart grids — when did it start?", "CLUSGRID started on 16 November 2016"),
        ("creative industries: how much did it get from the EU?", "€299,450"),
    ],
)
def test_a_description_then_it(ask, question: str, expected: str) -> None:
    text = ask(question).text
    assert expected in text, text


def test_it_alone_still_asks_which_project_naming_the_field_once(ask) -> None:
    text = ask("when did it finish?").text
    assert text.startswith("Which project do you mean?"), text
    assert "end date and end date" not in text, text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "the aerospace project and the textile one: which had the larger total budget?",
            "RUE AERO's total budget is higher",
        ),
        ("the textile project vs the aerospace project, EU money?", "RUE AERO €249,851"),
    ],
)
def test_two_projects_each_described(ask, question: str, expected: str) -> None:
    assert expected in ask(question).text


def test_a_description_that_fits_two_projects_names_neither(ask) -> None:
    text = ask("compare the energy project and the sports one").text
    assert "CLUSGRID" in text and "COSMENERG" in text
