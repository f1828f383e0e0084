"""Yes/no questions, in our own words: the answer opens with Yes or No and shows the figure
or the date it rests on, so a reader can check it.

Shares are compared at the precision the bot shows them (one decimal of a percent), dates at
the edge of a year or a month when one is named ("the end of 2017"), calls by their year,
and "still" against today's date.
"""

from __future__ import annotations

import pytest

SHARES = [
    # CLUSGRID: €201,545 of €268,727 is 75.0%
    ("did the EU cover 75 percent of CLUSGRID's total budget?", "Yes", "75.0%"),
    ("was TCE's co-financing rate above 90%?", "Yes", "95.0%"),
    # ECRI: €160,477 of €228,949 is 70.1%
    ("was ECRI's EU share less than 70%?", "No", "70.1%"),
    ("did the EU fund more than 80% of SmartSports4GoodLife?", "No", "76.6%"),
    ("is the EU share of INNO-DROP at least 74.5 %?", "Yes", "75.0%"),
]
DATES = [
    ("did TCE run until the end of 2017?", "Yes", "31 December 2017"),
    ("was CLUSGRID running until the end of 2018?", "No", "15 November 2018"),
    ("did MATERIALIX start at the beginning of 2016?", "Yes", "1 January 2016"),
    ("did 5FOREXCELLENCE end before the end of 2017?", "Yes", "30 September 2017"),
]
CALLS = [
    ("was the first call launched in 2015?", "No", "2014"),
    ("was the third call held in 2018?", "Yes", "2018"),
    ("was there a second call in 2015?", "Yes", "2015"),
    ("did the second call take place in 2018?", "No", "2015"),
]
TODAY = [
    ("is ECRI still running?", "No", "15 November 2018"),
    ("is SmartSports4GoodLife still going on?", "No", "2 February 2022"),
]


@pytest.mark.parametrize(("question", "verdict", "evidence"), [*SHARES, *DATES, *CALLS, *TODAY])
def test_yes_or_no_with_its_evidence(ask, question: str, verdict: str, evidence: str) -> None:
    text = ask(question).text
    assert text.startswith(f"{verdict}:"), text
    assert evidence in text, text


def test_a_share_in_a_list_filters_the_projects(ask) -> None:
    text = ask("which projects had a co-financing rate below 76%?").text
    for name in ("INNO-DROP", "CLUSGRID", "ECRI"):
        assert name in text, text
    for name in ("TCE", "SmartSports4GoodLife", "CECIL"):
        assert name not in text, text


def test_a_call_that_does_not_exist_is_not_confirmed(ask) -> None:
    text = ask("was there a fourth call in 2018?").text
    assert not text.startswith("Yes"), text
