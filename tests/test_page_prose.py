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


@pytest.mark.parametrize(
    ("question", "call", "words"),
    [
        ("which call listed twinning among the things to do?", "3rd call", "twinning"),
        (
            "in which call were proposals meant to develop cluster management skills?",
            "3rd call",
            "developing cluster management skills",
        ),
        ("what does the page say about twinning?", "3rd call", "twinning"),
        ("which call talked about smart specialisation?", "second call", "smart specialisation"),
    ],
)
def test_which_call_a_passage_is_in(ask, question: str, call: str, words: str) -> None:
    text = ask(question).text
    assert call in text and words in text, text


@pytest.mark.parametrize(
    ("question", "start", "words"),
    [
        (
            "Was coherence with regional policy part of the first call's focus?",
            "No, not in the 1st",
            "2nd call",
        ),
        ("did the 2nd call mention smart specialisation?", "Yes.", "smart specialisation"),
        ("was twinning in the first call?", "No, not in the 1st", "3rd call"),
        ("did the third call talk about twinning?", "Yes.", "twinning"),
    ],
)
def test_a_yes_or_no_about_a_calls_prose(ask, question: str, start: str, words: str) -> None:
    text = ask(question).text
    assert text.startswith(start) and words in text, text


def test_what_kind_of_services_is_the_calls_list(ask) -> None:
    text = ask("what kind of services were clusters supposed to offer SMEs?").text
    assert "1st call" in text and "internationalisation" in text
