"""Generated queries, said as questions with the knowledge base's own words, parse back.

A ``Query`` is drawn at random (a filter on a money or date field, maybe negated, maybe
within a call; or a ranking with an ordinal); it is written as a question from the phrases
in ``fields.yaml`` and ``language.yaml`` and the condition templates in ``answers.yaml``,
and the engine must read it back as the same ``Query``.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.engine import Engine
from bot.engine.frame import When
from bot.engine.query import Condition, Order, Query
from bot.knowledge import Knowledge, load_knowledge

KNOWLEDGE: Knowledge = load_knowledge("knowledge")
ENGINE = Engine(KNOWLEDGE)
LANG = KNOWLEDGE.language
MONEY = KNOWLEDGE.fields_of_kind("money")
DATES = KNOWLEDGE.fields_of_kind("date")
MONTH_WORD = {n: w for w, n in reversed(list(LANG.months.items())) if len(w) > 3}
ORDINAL_WORD = {n: w for w, n in reversed(list(LANG.ordinals.items())) if w.isalpha()}


def first_phrase(field: str) -> str:
    return KNOWLEDGE.fields[field].phrases[0]


def year_or_month() -> st.SearchStrategy[When]:
    def month(year: int, m: int) -> When:
        last = (dt.date(year + m // 12, m % 12 + 1, 1)) - dt.timedelta(days=1)
        return When(dt.date(year, m, 1), last, "month")

    years = st.integers(2014, 2023).map(
        lambda y: When(dt.date(y, 1, 1), dt.date(y, 12, 31), "year")
    )
    months = st.builds(month, st.integers(2015, 2022), st.sampled_from(sorted(MONTH_WORD)))
    return st.one_of(years, months)


def when_words(value: When) -> str:
    if value.grain == "year":
        return str(value.first.year)
    return f"{MONTH_WORD[value.first.month]} {value.first.year}"


def money_condition() -> st.SearchStrategy[Condition]:
    return st.builds(
        Condition,
        field=st.sampled_from(MONEY),
        op=st.sampled_from(["gt", "lt", "ge", "le"]),
        value=st.integers(100, 500).map(lambda k: k * 1000),
        negated=st.booleans(),
    )


def date_condition() -> st.SearchStrategy[Condition]:
    return st.builds(
        Condition,
        field=st.sampled_from(DATES),
        op=st.sampled_from(["during", "before", "after"]),
        value=year_or_month(),
        negated=st.booleans(),
    )


def say_condition(cond: Condition) -> str:
    words = LANG.comparators[cond.op][0]  # type: ignore[index]
    value = when_words(cond.value) if isinstance(cond.value, When) else f"{cond.value:,} euros"
    negation = f"{LANG.negation[0]} " if cond.negated else ""
    if isinstance(cond.value, When):
        return f"that did {negation}{first_phrase(cond.field)} {words} {value}"
    verb = "did not have" if cond.negated else "had"
    return f"that {verb} a {first_phrase(cond.field)} {words} {value}"


@settings(max_examples=150, deadline=None, derandomize=True)
@given(
    cond=st.one_of(money_condition(), date_condition()),
    call=st.sampled_from([None, *(c.number for c in KNOWLEDGE.calls if KNOWLEDGE.projects_in(c))]),
)
def test_a_filter_said_in_words_parses_back(cond: Condition, call: int | None) -> None:
    scope = f" in the {ORDINAL_WORD[call]} call" if call else ""
    question = f"which projects{scope} {say_condition(cond)}?"
    frame = ENGINE.parser.parse(question)
    best = ENGINE.interpreter.read(frame)[0]
    expected = [cond]
    if call:
        assert KNOWLEDGE.call_field is not None
        expected.append(Condition(KNOWLEDGE.call_field, "eq", call))
    assert best.query.act == "list", question
    assert sorted(best.query.conditions, key=repr) == sorted(expected, key=repr), question
    assert not ENGINE.interpreter.unexplained(frame, best), question


@settings(max_examples=80, deadline=None, derandomize=True)
@given(
    field=st.sampled_from(MONEY),
    most=st.booleans(),
    rank=st.integers(1, 5),
)
def test_a_ranking_said_in_words_parses_back(field: str, most: bool, rank: int) -> None:
    extreme = LANG.operations["max" if most else "min"][1]  # type: ignore[index]
    ordinal = f"{ORDINAL_WORD[rank]} " if rank > 1 else ""
    question = f"which project had the {ordinal}{extreme} {first_phrase(field)}?"
    frame = ENGINE.parser.parse(question)
    best = ENGINE.interpreter.read(frame)[0]
    expected = Query("rank", order=Order(field, descending=most, offset=rank - 1, limit=1))
    assert best.query.act == "rank", question
    assert best.query.order is not None and expected.order is not None
    got = best.query.order
    assert (got.field, got.descending, got.offset, got.limit) == (
        field,
        most,
        rank - 1,
        1,
    ), question
