"""Words before the question proper: a lead-in ("For my thesis: ...") and corrections of the
last question: "no, I meant the total budget", "sorry, 2018", "not ECRI,
CECIL", "I meant EU contribution not budget". The words that open one (``corrections`` in
language.yaml) are dropped, a "not X" beside the X meant instead is dropped, and the rest is
asked as a follow-up of the last question ("and the total budget?")."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from bot.engine.clauses import Clauses
from bot.engine.frame import Frame
from bot.normalise import tokens

# what a sentence names when it is about the programme: a project, a call, a figure, a value
# what a sentence asks of: a subject, or how to order what it shows ("biggest first")
SUBJECTS = frozenset(
    {"project", "call", "field", "noun", "call_field", "amount", "date", "percent", "dir"}
)
LEAD_IN_WORDS = 8  # "For my thesis:", "As a civil servant I'm comparing the calls:"
LEAD_IN_KINDS = frozenset({"filler", "conversation", "noun", "yesno"})
# the kinds a "not X" may be beside another of: "not ECRI, CECIL" names what is meant instead
SWAPPABLE = ("project", "field", "call", "date", "op")


class Corrections:
    def __init__(self, openers: list[str], joining: str, understand: Callable[[str], Any]) -> None:
        self.openers = sorted((tuple(tokens(o)) for o in openers if o.strip()), key=len)[::-1]
        self.joining = joining  # the word a follow-up opens with ("and")
        self.understand = understand  # the engine's: text -> its understanding (a frame)

    def parse(self, text: str) -> Frame:
        frame: Frame = self.understand(text).frame
        return frame

    def asked(self, text: str) -> str:
        """The sentences of a message that ask something: a sentence that names nothing the
        bot knows of and asks nothing ("Hello, I'm a student from Poland.", "thanks, that
        was helpful.") is passed over when another sentence does; so is a lead-in."""
        sentences = [self.without_lead_in(s) for s in Clauses.sentences(text)]
        if len(sentences) < 2:
            return sentences[0] if sentences else text
        kept = [s for s in sentences if s.rstrip().endswith("?") or self._names_a_subject(s)]
        return " ".join(kept) if 0 < len(kept) < len(sentences) else " ".join(sentences)

    def _names_a_subject(self, sentence: str) -> bool:
        frame = self.parse(sentence)
        return bool(frame.names) or any(s.kind in SUBJECTS for s in frame.spans)

    def without_lead_in(self, sentence: str) -> str:
        """ "For my thesis: what was ...", "As a civil servant comparing the calls: ...": a
        lead-in before a colon that names nothing the bot knows asks nothing."""
        head, colon, rest = sentence.partition(":")
        asks = any(c.isalnum() for c in rest)  # "good morning :)" is no lead-in
        if not colon or not asks or len(head.split()) > LEAD_IN_WORDS:
            return sentence
        frame = self.parse(head)
        plain = not (frame.names or frame.doubtful or frame.ambiguous or frame.topics) and all(
            s.kind in LEAD_IN_KINDS or (s.kind, s.value) == ("op", "compare") for s in frame.spans
        )  # "creative industries:" reads as a description: no spans, yet no unknown word
        return rest.strip() if plain and (frame.unknown or frame.spans) else sentence

    def reworded(self, text: str) -> str | None:
        """The correction as a follow-up ("and the total budget"), or ``None`` when
        ``text`` corrects nothing."""
        words = tokens(text)
        # "in the first call I mean": a correction said last, of more than one word
        closer = next(
            (o for o in self.openers if len(o) > 1 and tuple(words[-len(o) :]) == o), None
        )
        if closer is not None and len(words) > len(closer):
            words = [*closer, *words[: -len(closer)]]
        opener = next((o for o in self.openers if tuple(words[: len(o)]) == o), None)
        if opener is not None and len(opener) == 1 and not _set_off(text, opener[0]):
            opener = None  # "no project got more than 400k?" opens no correction
        if opener is not None:  # "sorry, I wanted ...": a second opener after the first
            words = words[len(opener) :]
            again = next(
                (o for o in self.openers if len(o) > 1 and tuple(words[: len(o)]) == o), ()
            )
            words = words[len(again) :]
        frame = self.parse(" ".join(words) if opener else text)
        negated = _negated_beside_meant(frame)
        if opener is None and negated is None:
            return None
        rest = list(frame.words)
        if negated is not None:
            rest = rest[: negated[0]] + rest[negated[1] :]
        return f"{self.joining} {' '.join(rest)}" if rest else None


def _set_off(text: str, word: str) -> bool:
    """Whether the one word opening ``text`` is set off by a comma or a dash ("sorry, 2018")."""
    return (
        re.match(rf"\W*{re.escape(word)}\s*[,;:!.\u2013\u2014-]", text, re.IGNORECASE) is not None
    )


def _negated_beside_meant(frame: Frame) -> tuple[int, int] | None:
    """Where "not X" is, when another word of X's kind says what is meant instead ("not
    ECRI, CECIL", "EU contribution not budget")."""
    claimed = {i for s in frame.spans for i in range(s.start, s.end)}
    for neg in frame.find("neg"):
        for x in [
            s for s in frame.spans if _just_after(neg.end, s.start, claimed) and s.kind in SWAPPABLE
        ]:
            joined = any(s.kind == "conj" and s.start == x.end for s in frame.spans)
            others = [
                s for s in frame.spans if s.kind == x.kind and not neg.start <= s.start < x.end
            ]
            if others and not joined:  # "without MATERIALIX and CECIL" leaves out both
                return neg.start, x.end
    return None


def _just_after(end: int, start: int, claimed: set[int]) -> bool:
    """Whether ``start`` follows ``end`` with at most one word between that claims nothing
    ("not the end, the start")."""
    return start == end or (start == end + 1 and end not in claimed)
