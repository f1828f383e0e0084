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
