"""The programme page's prose: a glossary of its terms and retrieval over its passages."""

from __future__ import annotations

import math
from collections import Counter
from typing import NamedTuple

from bot.engine import formatting as fmt
from bot.engine.lexicon import stem
from bot.knowledge import Knowledge
from bot.normalise import tokens

MIN_SCORE = 2.0
# words every passage of this page is about: they never decide which passage answers
GENERIC = {
    "project",
    "call",
    "proposal",
    "programme",
    "program",
    "cluster",
    "eu",
    "page",
}  # the summed rarity of the shared words a passage needs to be an answer


class Found(NamedTuple):
    section: str
    text: str
    call: int | None
    score: float
    matched: frozenset[str] = frozenset()


class PageText:
    def __init__(self, knowledge: Knowledge, stopwords: set[str]) -> None:
        self.k = knowledge
        self.stopwords = stopwords
        self.passages: list[tuple[str, str, int | None]] = [
            (p.section, p.text, p.call) for p in knowledge.language.passages
        ]
        about = [" ".join(p.about) for p in knowledge.language.passages]
        for call in knowledge.calls:
            section = f"{fmt.call_name(call)}, which {call.focus_intro.split(' ', 5)[-1]}"
            for item in call.focus:
                self.passages.append((section, item, call.number))
        # question words that point to a passage ("who", "why") count though they are fillers
        self.cues = {stem(w) for text in about for w in tokens(text)}
        about += [""] * (len(self.passages) - len(about))
        self.bags = [
            self.words(f"{text} {extra}")
            for (_, text, _), extra in zip(self.passages, about, strict=True)
        ]
        self.sets = [frozenset(bag) for bag in self.bags]
        self.index: dict[str, list[int]] = {}
        for n, words in enumerate(self.sets):
            for w in words:
                self.index.setdefault(w, []).append(n)
        counts: Counter[str] = Counter(w for bag in self.bags for w in set(bag))
        total = len(self.bags)
        self.idf = {w: math.log(1 + total / c) for w, c in counts.items()}

    def words(self, text: str) -> list[str]:
        return [
            stem(w)
            for w in tokens(text)
            if (w not in self.stopwords or stem(w) in self.cues) and len(w) > 1
        ]

    def search(self, words: list[str], call: int | None = None) -> Found | None:
        """The passage sharing the rarest words with ``words``, within a call if given."""
        asked = {
            stem(w)
            for w in words
            if (w not in self.stopwords or stem(w) in self.cues) and len(w) > 1 and not w.isdigit()
        }
        asked -= GENERIC
        best: Found | None = None
        candidates = sorted({n for w in asked for n in self.index.get(w, ())})
        for n in candidates:
            section, text, number = self.passages[n]
            if call is not None and number != call:
                continue
            shared = asked & self.sets[n]
            score = sum(self.idf[w] for w in shared)
            # of two passages that share as much, a call's own bullet says more than the
            # introduction ("what kind of services ...": the services the call names)
            more_specific = (
                best is not None
                and score == best.score
                and best.call is None
                and number is not None
            )
            if score >= MIN_SCORE and (best is None or score > best.score or more_specific):
                best = Found(section, text, number, score, frozenset(shared))
        return best
