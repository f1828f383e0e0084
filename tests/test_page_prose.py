"""The page's own words, in our own questions: a term's meaning when its meaning is asked,
the passage that answers when something else is asked about the term."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "question",
    [
        "what services for SMEs did the first call list?",
        "which services to SMEs were named in call 1?",
    ],
)
def test_a_question_about_smes_is_answered_from_the_call(ask, question: str) -> None:
    text = ask(question).text
    assert "internationalisation" in text, text
    assert "stands for" not in text, text


@pytest.mark.parametrize("question", ["what does SME mean?", "what is an SME", "SMEs?"])
def test_the_meaning_of_a_term(ask, question: str) -> None:
    assert "small and medium-sized enterprises" in ask(question).text
