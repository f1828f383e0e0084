"""The engine's small value types: what they promise now that they are not dataclasses."""

from __future__ import annotations

import datetime as dt
import pickle
import subprocess
import sys

import pytest

from bot.engine.frame import Duration, When
from bot.engine.lexicon import Entity
from bot.engine.memory import decode, encode
from bot.engine.query import Condition, Query
from bot.engine.reply import Reply

OCTOBER = When(dt.date(2016, 10, 1), dt.date(2016, 10, 31), "month")


def test_a_date_the_user_named_is_a_value_not_a_tuple() -> None:
    assert When(dt.date(2016, 10, 1), dt.date(2016, 10, 31), "month") == OCTOBER
    assert When(dt.date(2016, 10, 1), dt.date(2016, 10, 31), "day") != OCTOBER
    assert len({OCTOBER, When(OCTOBER.first, OCTOBER.last, "month")}) == 1
    assert not isinstance(OCTOBER, tuple)  # a pair of dates is a range; one date is not
    assert repr(OCTOBER).startswith("When(first=datetime.date(2016, 10, 1)")
    assert Duration(24, "months") != Duration(2, "years")  # said differently, kept so


def test_a_value_cannot_be_changed() -> None:
    with pytest.raises(AttributeError, match="immutable"):
        OCTOBER.grain = "year"
    with pytest.raises(AttributeError, match="immutable"):
        del Duration(24, "months").unit


def test_a_query_survives_pickling_and_the_journal() -> None:
    query = Query(
        "list",
        conditions=(
            Condition("start", "during", OCTOBER),
            Condition("duration", "between", (Duration(20, "months"), Duration(2, "years"))),
        ),
    )
    assert pickle.loads(pickle.dumps(query)) == query
    assert decode(encode(query)) == query
    assert hash(decode(encode(query))) == hash(query)  # rows are remembered by conditions


def test_a_reply_is_compared_without_what_it_tells_the_logs() -> None:
    said = Reply.build("CLUSGRID received €201,545", "project_fact", 1.0)
    said.meta["candidates"] = [["CLUSGRID", 100.0]]
    assert said == Reply.build("CLUSGRID received €201,545", "project_fact", 1.0)
    assert said.but(intent="other") != said
    assert said.but(intent="other").meta is said.meta
    assert Reply("a", "a", "x", 1.0).meta is not Reply("a", "a", "x", 1.0).meta  # never shared


def test_a_name_is_the_same_entity_whichever_record_it_leads_to() -> None:
    # a reload makes new project records: the entity (a dict key) stays the same
    assert Entity("project", "CLUSGRID", object()) == Entity("project", "CLUSGRID", object())
    assert hash(Entity("project", "CLUSGRID", 1)) == hash(Entity("project", "CLUSGRID", 2))
    assert Entity("project", "CLUSGRID", 1) != Entity("call", "CLUSGRID", 1)


def test_a_negative_amount_has_its_sign_before_the_euro(ask) -> None:
    text = ask("how much of CECIL's budget was not covered by the EU?").text
    assert "-€52,167" in text and "€-" not in text


def test_how_much_of_a_calls_budget_the_eu_did_not_pay(ask) -> None:
    text = ask("how much of the 2nd call's total budgets was not paid by the EU?").text
    assert "€458,089" in text


@pytest.mark.parametrize(
    ("question", "amount"),
    [
        ("How much did TRACE-KEI's consortium fund itself, budget minus EU?", "€71,246"),
        ("how much did ECRI pay itself", "€68,472"),
        ("what did CLUSGRID's partners put in themselves", "€67,182"),
    ],
)
def test_what_a_project_paid_itself(ask, question: str, amount: str) -> None:
    assert amount in ask(question).text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        (
            "projects with a total budget of at least two hundred and eighty thousand euros",
            "€280,000",
        ),
        (
            "two hundred and sixty-three thousand and sixty euros - which project had that budget",
            "RUE AERO",
        ),
        ("did ECRI get more than one hundred and fifty thousand euros?", "€160,477"),
    ],
)
def test_an_amount_written_in_words(ask, question: str, said: str) -> None:
    assert said in ask(question).text


def test_a_question_without_a_number_in_words_does_not_load_text2num() -> None:
    code = (
        "import sys; from bot.knowledge.loader import load_knowledge; "
        "from bot.engine.engine import Engine; e = Engine(load_knowledge('knowledge')); "
        "e.answer('what did ECRI get from the EU'); print('text_to_num' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
