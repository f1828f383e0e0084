"""Everyday words for a project's figures and dates, in our own words.

People rarely say "total budget" or "start date": they ask for the whole pot, when a project
got going, or what the Union put in. Each case is a question, the figure its answer must
give, and the figure of a neighbouring field it must not give instead.
"""

from __future__ import annotations

import pytest

WORDINGS = [
    # the total budget, said as everything from every source
    ("what was the overall pot for INNO-DROP?", "€284,392", "€213,294"),
    ("TRACE-KEI: money from all sources together", "€284,984", "€213,738"),
    ("COSMENERG's budget in total, not just the EU part", "€280,685", "€210,510"),
    ("the complete budget of CLUSTEM", "€262,530", "€249,401"),
    ("whats the entire budget of TCE, all in", "€249,422", "€236,950"),
    # the EU contribution, in other words
    ("how many euros did the EU give ECRI?", "€160,477", "€228,949"),
    ("how much did the Union put into CLUSGRID", "€201,545", "€268,727"),
    ("how much eu cash did CECIL get", "€299,450", "€247,283"),
    # when a project began and ended
    ("the first day of CLUSTEM", "1 January 2016", "31 December 2017"),
    ("when did ECRI get going?", "16 November 2016", "15 November 2018"),
    ("last day of SmartSports4GoodLife", "2 February 2022", "3 February 2020"),
    ("when did INNO-DROP come to a close?", "15 November 2018", "16 November 2016"),
]


@pytest.mark.parametrize(("question", "answer", "not_this"), WORDINGS)
def test_everyday_words_name_the_field(ask, question: str, answer: str, not_this: str) -> None:
    text = ask(question).text
    assert answer in text, text
    assert not_this not in text, text


def test_the_most_eu_cash_is_a_ranking(ask) -> None:
    text = ask("which project got the most eu cash haha").text
    assert "SmartSports4GoodLife" in text
    assert "€359,989" in text


def test_a_pot_of_eu_money_is_not_the_total_budget(ask) -> None:
    text = ask("how big was the EU pot for TCE").text
    assert "€249,422" not in text, text
