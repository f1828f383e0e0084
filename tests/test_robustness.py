"""Junk in, polite answers out: 10,000+ generated messages through the engine, the batch
contract and the Telegram rendering. Nothing raises, everything answers in bounded time,
and every Telegram message is valid HTML under 4096 characters."""

from __future__ import annotations

import io
import json
import random
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.config import Settings
from bot.engine import Context, Engine
from bot.engine.engine import TRUNCATED_NOTE
from bot.frontends.batch import run_jsonl
from bot.frontends.telegram.render import split_html
from bot.operations import Operations
from conftest import KNOWLEDGE
from fake_telegram import FakeTelegram, parse_html, utf16_len

SLOW = 0.5  # seconds: no single answer may take longer
RUNS = settings(
    max_examples=2500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    derandomize=True,  # the same cases every run: CI is reproducible
)

JUNK_PIECES = [
    "what",
    "did",
    "CLUSGRID",
    "ECRI",
    "clusgrem",
    "get",
    "budget",
    "EU",
    "from",
    "the",
    "call",
    "first",
    "2015",
    "and",
    "?",
    "!",
    "€",
    "<b>",
    "</b>",
    "&",
    "&amp;",
    "<",
    ">",
    "'",
    '"',
    "`",
    "*",
    "_",
    "~",
    "[",
    "]",
    "(",
    ")",
    "#",
    "%",
    "%s",
    "{}",
    "{0}",
    ";",
    "DROP",
    "TABLE",
    "projects",
    "--",
    "1.000.000",
    "€258.437",
    "250k",
    "2,5",
    "million",
    "31/12/2017",
    "2016-11-16",
    "🙂",
    "👋🏽",
    "مرحبا",
    "שלום",
    "你好",
    "Привет",
    "\u202e",
    "\u200b",
    "\x00",
    "\x07",
    "\t",
    "\n",
    "\r",
]
WORDS = st.sampled_from(JUNK_PIECES)
QUESTIONS = st.one_of(
    st.text(max_size=300),  # any Unicode at all: controls, NUL, surrogates excluded by UTF-8
    st.lists(WORDS, max_size=40).map(" ".join),
    st.text(alphabet=st.sampled_from("<>&\"'*_`[]()~#+-=|{}.!\\/"), max_size=200),
    st.from_regex(r"(what|how much|when|which)? ?[A-Za-z0-9€.,' -]{0,60}\??", fullmatch=True),
)


def answer_checked(engine: Engine, text: str, context: Context | None = None) -> str:
    started = time.perf_counter()
    reply = engine.answer(text, context or Context())
    assert time.perf_counter() - started < SLOW, text
    assert reply.text.strip() and reply.intent
    for chunk in split_html(reply.html):  # what Telegram would receive
        assert utf16_len(parse_html(chunk)) <= 4096
    return reply.text


@RUNS
@given(text=st.text(max_size=300))
def test_any_unicode_gets_an_answer(engine: Engine, text: str) -> None:
    answer_checked(engine, text)


@RUNS
@given(text=st.lists(WORDS, max_size=40).map(" ".join))
def test_question_shaped_junk_gets_an_answer(engine: Engine, text: str) -> None:
    answer_checked(engine, text)


@RUNS
@given(text=st.text(alphabet=st.sampled_from("<>&\"'*_`[]()~#+-=|{}.!\\/%"), max_size=200))
def test_markup_characters_get_a_valid_html_answer(engine: Engine, text: str) -> None:
    answer_checked(engine, text)


@RUNS
@given(turns=st.lists(QUESTIONS, min_size=1, max_size=4))
def test_conversations_of_junk_keep_answering(engine: Engine, turns: list[str]) -> None:
    context = Context()  # follow-ups on junk must not break the next question
    for text in turns:
        answer_checked(engine, text, context)
    assert "€201,545" in answer_checked(engine, "what did CLUSGRID get from the EU", context)


@settings(max_examples=500, deadline=None, derandomize=True)
@given(lines=st.lists(st.one_of(QUESTIONS, st.text(max_size=50)), min_size=1, max_size=20))
def test_the_batch_contract_answers_every_line(engine: Engine, lines: list[str]) -> None:
    items = [json.dumps({"chat": i % 3, "text": t}) for i, t in enumerate(lines)]
    items.append("{not json")  # a broken line among them
    source = io.StringIO("\n".join(items) + "\n")
    sink = io.StringIO()
    errors = run_jsonl(Operations(engine, Settings(knowledge_path=KNOWLEDGE)), source, sink)
    out = [json.loads(line) for line in sink.getvalue().splitlines()]
    assert len(out) == len(items) and errors == 1
    assert all("answer" in o for o in out[:-1]) and "error" in out[-1]


def test_a_hundred_thousand_characters_are_read_in_part_with_a_note(engine: Engine) -> None:
    text = "what did CLUSGRID get from the EU " + "blah " * 20_000
    started = time.perf_counter()
    reply = engine.answer(text, Context())
    assert time.perf_counter() - started < SLOW
    assert reply.text.startswith(TRUNCATED_NOTE)
    assert "€201,545" in reply.text


async def test_junk_through_telegram_gets_valid_replies(telegram_bot: FakeTelegram) -> None:
    rng = random.Random(4)
    pieces = JUNK_PIECES
    texts = [" ".join(rng.choice(pieces) for _ in range(rng.randint(1, 30))) for _ in range(300)]
    texts += ["<b>" * 500, "&" * 5000, "🙂" * 4000, "\u202eCLUSGRID budget", "x" * 100_000]
    for i, text in enumerate(texts):
        telegram_bot.message(text, chat_id=10_000 + i)
    await telegram_bot.wait_for("sendMessage", len(texts), timeout=60)
    await telegram_bot.quiet(0.3)
    refused = [c for c in telegram_bot.of("sendMessage") if c.status != 200]
    assert refused == []  # the fake, like Telegram, answers 400 to invalid HTML or > 4096
    assert {c.chat_id for c in telegram_bot.delivered()} == {10_000 + i for i in range(len(texts))}
    assert not any("something went wrong" in c.text for c in telegram_bot.delivered())


def test_a_message_of_unknown_words_is_not_compared_word_by_word_with_every_name(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.engine import matcher, thresholds

    compared: list[str] = []
    hits = matcher.Shelf.hits

    def counted(shelf: matcher.Shelf, joined: str, floor: float) -> list[tuple[float, int]]:
        compared.append(joined)
        return hits(shelf, joined, floor)

    monkeypatch.setattr(matcher.Shelf, "hits", counted)
    rng = random.Random(5)
    junk = " ".join("".join(rng.choices("bdfghjklmnpqrstvwxz", k=7)) for _ in range(60))
    reply = engine.answer(junk, Context())
    assert reply.intent in ("decline", "unknown_project")
    # only runs of the first FUZZY_UNKNOWN words were compared with the names
    first = "".join(junk.split()[: thresholds.FUZZY_UNKNOWN])
    assert compared and all(joined in first for joined in compared)


def test_a_misspelt_name_among_the_first_unknown_words_is_still_found(ask) -> None:
    chatty = "hello dear friends i wondered aloud today about whatever clusgrd got from the eu"
    assert "CLUSGRID received €201,545" in ask(chatty).text
    past = " ".join(f"word{letter}" for letter in "abcdefghij") + " clusgrd eu contribution"
    reply = ask(past)  # after ten unknown words: not taken for a name
    assert "€201,545" not in reply.text
    assert not any(name == "CLUSGRID" for name, _ in reply.meta["candidates"])
