"""Generated trees, said with the knowledge base's own phrases, parse back to the same tree.

A tree is drawn at random — a field of a project described by a superlative (within a call
or not), projects compared with another project's value, arithmetic between two projects'
values, an aggregate for each call — and written as a question from the phrases of
``fields.yaml``, ``language.yaml`` and ``grammar.yaml`` (any phrase that means only that).
The grammar's best derivation must be that tree.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.engine import Engine
from bot.engine.grammar import tree as t
from bot.engine.lexicon import Tag
from bot.knowledge import Knowledge, load_knowledge
from bot.normalise import phrase

KNOWLEDGE: Knowledge = load_knowledge("knowledge")
ENGINE = Engine(KNOWLEDGE)
LEX = ENGINE.lexicon
LANG = KNOWLEDGE.language
MONEY = KNOWLEDGE.fields_of_kind("money")
PROJECTS = [p.acronym for p in KNOWLEDGE.projects]
CALLS = [c.number for c in KNOWLEDGE.calls if KNOWLEDGE.projects_in(c)]


def meaning_only(texts: list[str], *tags: Tag) -> list[str]:
    """The phrases that mean exactly ``tags`` to the bot (and nothing else)."""
    wanted = set(tags)
    return sorted(x for x in texts if set(LEX.phrases.get(phrase(x, LEX.numbers), ())) == wanted)


def field_words(field: str) -> st.SearchStrategy[str]:
    found = meaning_only(list(KNOWLEDGE.fields[field].phrases), Tag("field", field))
    return st.sampled_from(found)


def superlative(descending: bool) -> st.SearchStrategy[str]:
    op = "max" if descending else "min"
    return st.sampled_from(meaning_only(LANG.operations[op], Tag("op", op)))


def comparative(descending: bool) -> st.SearchStrategy[str]:
    op = "gt" if descending else "lt"
    words = LANG.comparators[op]
    more = "more" if descending else "less"
    return st.sampled_from(meaning_only(words, Tag("cmp", op), Tag("gram", more)))


def call_words(number: int) -> str:
    return next(a for a in KNOWLEDGE.calls_by_number[number].aliases if a.split()[0].isalpha())


@st.composite
def described_field(draw: Any) -> tuple[str, Any]:
    """ "the total budget of the first call project with the largest EU contribution" """
    asked, ranked = draw(st.sampled_from([(a, b) for a in MONEY for b in MONEY if a != b]))
    descending = draw(st.booleans())
    call = draw(st.sampled_from([None, *CALLS]))
    among = t.Every() if call is None else t.InCall(call)
    where = "" if call is None else f"{call_words(call)} "
    text = (
        f"the {draw(field_words(asked))} of the {where}project with the "
        f"{draw(superlative(descending))} {draw(field_words(ranked))}"
    )
    return text, t.Say(t.Of(asked, t.Best(among, ranked, descending)))


@st.composite
def relative(draw: Any) -> tuple[str, Any]:
    """ "projects with a total budget more than ECRI's" """
    field = draw(st.sampled_from(MONEY))
    descending = draw(st.booleans())
    other = draw(st.sampled_from(PROJECTS))
    text = f"projects with a {draw(field_words(field))} {draw(comparative(descending))} {other}'s"
    op = "gt" if descending else "lt"
    return text, t.Show(t.Filter(t.Every(), field, op, t.Of(field, t.Named((other,)))))


@st.composite
def arithmetic(draw: Any) -> tuple[str, Any]:
    """ "ECRI's EU contribution minus TCE's" """
    field = draw(st.sampled_from(MONEY))
    a, b = draw(st.lists(st.sampled_from(PROJECTS), min_size=2, max_size=2, unique=True))
    op = draw(st.sampled_from(["sum", "difference"]))
    word = draw(st.sampled_from(meaning_only(LANG.arithmetic[op], Tag("arith", op))))
    text = f"{a}'s {draw(field_words(field))} {word} {b}'s"
    return text, t.Say(t.Calc(op, t.Of(field, t.Named((a,))), t.Of(field, t.Named((b,)))))


@st.composite
def per_call(draw: Any) -> tuple[str, Any]:
    """ "the median EU contribution for each call" """
    field = draw(st.sampled_from(MONEY))
    fn = draw(st.sampled_from(["sum", "average", "median"]))
    agg = draw(st.sampled_from(meaning_only(LANG.operations[fn], Tag("op", fn))))
    each = draw(st.sampled_from(meaning_only(LANG.grammar.each, Tag("gram", "each"))))
    text = f"the {agg} {draw(field_words(field))} {each} call"
    return text, t.PerCall(fn, field, t.Every())


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.one_of(described_field(), relative(), arithmetic(), per_call()))
def test_a_tree_said_in_words_parses_back_to_itself(case: tuple[str, Any]) -> None:
    text, expected = case
    choice = ENGINE.grammar.choose(ENGINE.parser.parse(text))
    assert choice is not None, text
    assert choice.root == expected, text
