"""Arithmetic with a call's dates: a call's projects share a date, or the bot says they
do not; dates are never added up (and nothing crashes trying)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("days from the start of the first call's projects to the start of ECRI?", "320 days"),
        ("how many days after the 1st call projects kicked off did COSMENERG start?", "320"),
    ],
)
def test_a_date_every_project_of_the_call_shares(ask, question: str, expected: str) -> None:
    reply = ask(question)
    assert expected in reply.text, reply.text
    assert "1 January 2016" in reply.text, reply.text


@pytest.mark.parametrize(
    "question",
    [
        "how many days after the second call projects started did ECRI end?",
        "days between the end of the call 1 projects and the start of TRACE-KEI",
    ],
)
def test_a_date_the_projects_of_the_call_do_not_share(ask, question: str) -> None:
    reply = ask(question)
    assert "do not all have the same" in reply.text, reply.text
    assert "days" not in reply.text.split(",")[0], reply.text
