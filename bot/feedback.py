"""Feedback on answers: 👍 "that helped" and 👎 "that is wrong", whatever the front end.

An answer people may rate is offered as a ballot: kept here under a short random key (what a
Telegram button carries), with the question, the answer and the reading the bot used. A
ballot takes one vote: the first counts, the same vote again only gets thanks, and a 👎
after a 👍 takes the 👍 back and disputes the answer. ``Operations.vote`` counts the votes
in ``/stats`` and writes a disputed answer to the unanswered log. The ballots are bounded
(the oldest forgotten first) and kept across a restart like button payloads (``dump``).
"""

from __future__ import annotations

import os
import re
from enum import Enum
from typing import Any, NamedTuple

from bot.engine import Context, Reply
from bot.engine.query import Query
from bot.kept import Bounded
from bot.stats import outcome

CAPACITY = 5_000  # ballots kept; an older button says it is too old to rate
QUESTION_CHARS = 500  # kept of a question, as in the unanswered log
ANSWER_CHARS = 1_000  # kept of an answer
READING_CHARS = 1_000  # kept of the query the bot answered, written out
# Replies that are conversation, not facts: they state no figure whatever digits they hold
CONVERSATION = frozenset(
    {"greet", "thanks", "goodbye", "confirm", "apology", "acknowledge", "help", "empty"}
)
DIGIT = re.compile(r"\d")


class Verdict(Enum):
    """What a vote did."""

    HELPFUL = "helpful"  # a 👍, counted
    DISPUTED = "disputed"  # a 👎, counted and logged
    RECONSIDERED = "reconsidered"  # a 👎 after a 👍: the 👍 taken back, the 👎 counted and logged
    AGAIN = "again"  # the answer was voted on already: thanks, nothing counted
    GONE = "gone"  # no such ballot (forgotten, or never ours)


class Rated(NamedTuple):
    """An answer offered for a vote: what was asked, what was said, how it was read."""

    question: str
    answer: str
    intent: str
    reading: dict[str, Any]
    vote: str = ""  # "", "up" or "down"


def rateable(reply: Reply) -> bool:
    """Whether ``reply`` is an answer one may call wrong (the console's ``/wrong``): not a
    decline or an ask-back (those are in the unanswered log already), not conversation."""
    return outcome(reply) == "answered" and reply.intent not in CONVERSATION


def states_a_figure(reply: Reply) -> bool:
    """Whether ``reply`` answers with a figure (an amount, a date, a count): the answers that
    carry 👍 / 👎 in Telegram. A menu to browse (``/projects``) is no answer."""
    return rateable(reply) and not reply.menu and DIGIT.search(reply.text) is not None


def reading(reply: Reply, context: Context) -> dict[str, Any]:
    """What the bot took the question to mean, for whoever checks a disputed answer: the
    intent, how sure it was, the query it answered (when the answer came from one) and the
    names it matched, with their scores."""
    said: dict[str, Any] = {"intent": reply.intent, "confidence": reply.confidence}
    if isinstance(context.last, Query):
        said["query"] = written(context.last)[:READING_CHARS]
    for name in ("candidates", "language"):
        if reply.meta.get(name):
            said[name] = reply.meta[name]
    return said


def written(query: Query) -> str:
    """``lookup(projects=('CLUSGRID',), fields=('eu_contribution',))``: the fields that
    differ from their defaults (a composed question's tree as it prints)."""
    defaults = Query._field_defaults
    parts = [
        f"{name}={getattr(query, name)!r}"
        for name in Query._fields[1:]
        if getattr(query, name) != defaults.get(name)
    ]
    return f"{query.act}({', '.join(parts)})"


def rated(question: str, reply: Reply, context: Context) -> Rated:
    return Rated(
        question[:QUESTION_CHARS], reply.text[:ANSWER_CHARS], reply.intent, reading(reply, context)
    )


class Ballots(Bounded[Rated]):
    """Answers offered for a vote, by key; bounded, the oldest forgotten first."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        super().__init__(capacity)

    def offer(self, answer: Rated, reuse: str | None = None) -> str:
        """The key of a new ballot for ``answer``; ``reuse``: an earlier ballot's key, kept
        (with its vote) when it is for the same answer (a question edited, answered alike)."""
        earlier = self.get(reuse) if reuse else None
        if reuse and earlier is not None and earlier.answer == answer.answer:
            self.put(reuse, answer._replace(vote=earlier.vote))
            return reuse
        key = os.urandom(6).hex()  # (not ``secrets``: a cold ``ask`` does without it)
        self.put(key, answer)
        return key

    def vote(self, key: str, helpful: bool) -> tuple[Verdict, Rated | None]:
        """Cast a vote on the ballot ``key``: what it did, and the answer voted on."""
        answer = self.get(key)
        if answer is None:
            return Verdict.GONE, None
        wanted = "up" if helpful else "down"
        if answer.vote in ("down", wanted):
            return Verdict.AGAIN, answer
        self.put(key, answer._replace(vote=wanted))
        if helpful:
            return Verdict.HELPFUL, answer
        return (Verdict.RECONSIDERED if answer.vote == "up" else Verdict.DISPUTED), answer

    def encode(self, value: Rated) -> Any:
        return list(value)

    def decode(self, saved: Any) -> Rated | None:
        if not isinstance(saved, list) or len(saved) != len(Rated._fields):
            return None
        question, answer, intent, read, vote = saved
        texts = all(isinstance(v, str) for v in (question, answer, intent, vote))
        return (
            Rated(question, answer, intent, read, vote)
            if texts and isinstance(read, dict)
            else None
        )
