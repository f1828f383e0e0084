"""Fragments people type after an answer, in every combination: the bot never fails on one.

Follow-ups read the last answer's figure, rows, pair of projects and call; each of those may
be missing or odd, so a seeded sample of short fragments is tried after each kind of answer.
"""

from __future__ import annotations

import random

from bot.engine import Context, Engine

OPENERS = [
    "ECRI budget",
    "which projects got less than 215k from the EU?",
    "top 3 by EU grant",
    "total budget of call 2",
    "who got more from the EU, CLUSGRID or ECRI?",
    "compare the budgets of TCE and CECIL",
    "how many projects per call?",
    "biggest and smallest EU grants?",
    "which call got more EU money?",
    "was ECRI in call 2?",
    "when did CECIL end?",
    "ECRI's budget minus TCE's",
    "what share of all EU money went to call 1?",
    "hello",
]
WORDS = [
    "and", "?", "it", "that", "same", "as", "ECRI", "more", "than", "the", "other", "one",
    "first", "second", "both", "them", "is", "was", "biggest", "in", "call 2", "by how much",
    "sum", "half of", "minus 5000", "divided by 2", "its", "call", "those", "among", "of",
    "all", "average", "percent", "share", "which", "day", "month", "the other call", "sorry",
    "I mean", "no", "they", "were", "per call", "each", "top", "last", "2018", "September",
    "lowest", "cheaper", "is that right", "again", "one of them", "x2", "/3", "- 10k",
    "the rest", "the others", "ratio", "in %", "spread", "the lower one", "the one with less",
    "project", "duration", "late", "early", "between", "CECIL, TCE and ECRI", "the top one",
    "which is higher", "cheaper one",
]  # fmt: skip


def test_no_fragment_after_any_answer_fails(engine: Engine) -> None:
    pick = random.Random(19)
    for _ in range(400):
        context = Context()
        said = [pick.choice(OPENERS)]
        for _ in range(pick.randint(1, 3)):
            said.append(" ".join(pick.choice(WORDS) for _ in range(pick.randint(1, 4))))
        for text in said:
            reply = engine.answer(text, context)
            assert reply.text.strip(), said
            assert 0.0 <= reply.confidence <= 1.0, said


def test_the_fragments_that_once_failed(engine: Engine) -> None:
    for said in (
        ["ECRI budget", "and?"],  # a fragment that is only a joining word
        ["how many projects per call?", "as those September more", "top I mean one of them"],
        ["what share of all EU money went to call 1?", "the the other call", "its"],
        ["ECRI budget", "in % CECIL, TCE and ECRI same"],  # a derived figure read as a column
        ["TCE vs 5FOREXCELLENCE, total budget?", "the cheaper one's end date?"],  # a date < 1
    ):
        context = Context()
        for text in said:
            assert engine.answer(text, context).text
