"""A question in several clauses: "how many projects did each call fund, and which call had
the higher total?" is two questions, the second asked after the first.

A clause starts after a question mark or a semicolon, where a joining word ("and",
"also") is followed by a word that opens a question ("which", "who", "did"), or where a
dash or colon is ("the last project to start — how long did it run?"); the joining
word stays with its clause ("and who was last?" continues the first). The words come
from ``knowledge/language.yaml`` (``conjunctions``, ``question_words``, ``yesno``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

MAX_CLAUSES = 4  # more parts than this is a list, not a question in parts
# a sentence ends at ".", "!" or "?" after a word (not "e.g."), or at "..." or "…"
_SENTENCE_END = re.compile(
    r"(?<=[a-z0-9\)][.!?])\s+(?=\S)|(?<=[.…!?]{2})\s+(?=\S)|(?<=…)\s+(?=\S)", re.IGNORECASE
)


def _alternatives(phrases: Iterable[str]) -> str:
    words = sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in words)


class Clauses:
    """Splits a question into the clauses that are each a question of their own."""

    def __init__(self, conjunctions: Iterable[str], openers: Iterable[str]) -> None:
        joins, opens = _alternatives(conjunctions), _alternatives(openers)
        # (and a sentence's end: "Drop ECRI. What's the total of the rest?")
        boundary = [r"[?;]+\s*(?=\S)", r"(?<=[a-z0-9\)])[.!]+\s+(?=[a-z])"]
        if joins and opens:
            boundary.append(rf"[\s,]+(?=(?:{joins})\s+(?:{opens})\b)")  # "and" stays
        self._boundary = re.compile("|".join(boundary), re.IGNORECASE)
        # "the last project to start — how long did it run?": a description, a dash, then a
        # question about it (after a bare name, "TRACE-KEI — what was its budget?" is one)
        opening = rf"(?=(?:{opens or '$^'})\b)"
        self._dash = re.compile(rf"(?:\s+[-–—]+|\s*:+|,)\s+{opening}", re.IGNORECASE)

    def _described(self, part: str) -> list[str]:
        """``part`` split at a dash or a comma after a description of three words or more
        (the engine keeps the split only when the second part points back, or is surer)."""
        pieces = self._dash.split(part, maxsplit=1)
        return pieces if len(pieces) == 2 and len(pieces[0].split()) >= 3 else [part]

    @staticmethod
    def sentences(text: str) -> list[str]:
        """The sentences of ``text``: split after a full stop, an exclamation or a question
        mark (or an ellipsis) followed by a space ("1.234" and "e.g." stay whole)."""
        if len(text) > 600:
            return [text]
        return [s for s in _SENTENCE_END.split(text.strip()) if s.strip()]

    def split(
        self, text: str, described: bool = True, continues: Callable[[str], bool] | None = None
    ) -> list[str]:
        """The clauses of ``text``, or ``[text]`` when it is one question; ``described``:
        also at a dash or comma after a description; ``continues``: whether a part that
        opens with a joining word only continues the one before ("... that ended in 2017
        and had the biggest budget")."""
        if len(text) > 600:
            return [text]
        parts = [p.strip(" ,:") for p in self._boundary.split(text)]
        if continues is not None:
            parts = _joined(parts, continues)
        if described:
            parts = [q for p in parts for q in self._described(p)]
        parts = [p for p in parts if any(c.isalnum() for c in p)]
        if not 2 <= len(parts) <= MAX_CLAUSES:
            return [text]
        return parts


def _joined(parts: list[str], continues: Callable[[str], bool]) -> list[str]:
    """``parts`` with each part that only continues the one before joined to it."""
    joined: list[str] = []
    for part in parts:
        if joined and continues(part):
            joined[-1] = f"{joined[-1]} {part}"
        else:
            joined.append(part)
    return joined
