"""Find the names in a question: scored candidates for projects, calls and the programme.

Windows of consecutive words are joined without spaces ("trace kei" -> "tracekei") and
compared with each alias by ``fuzz.ratio``. Ordinary words never count as a typo of a name,
short aliases (TCE, ECRI) match only exactly, and digits must agree ("2014 call" is not
"2015 call"). This module only scores; ``decide`` chooses.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.engine import thresholds
from bot.engine.lexicon import Alias, Entity, Lexicon


@dataclass(frozen=True)
class Match:
    """A candidate: ``entity`` named by tokens ``start:end`` with ``score`` (0-100)."""

    entity: Entity
    score: float
    start: int
    end: int
    alias: str

    def overlaps(self, other: Match) -> bool:
        return self.start < other.end and other.start < self.end


class Matcher:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self.lengths = sorted({len(k) for k in lexicon.fuzzy_keys})
        # the aliases by length: a window is compared only with those of a length that can
        # reach the floor (a typo of an acronym is never near a 30-letter full name)
        self.by_length = sorted(
            range(len(lexicon.fuzzy_keys)), key=lambda i: len(lexicon.fuzzy_keys[i])
        )
        self.sorted_keys = [lexicon.fuzzy_keys[i] for i in self.by_length]
        self.sorted_lengths = [len(k) for k in self.sorted_keys]
        self.long_aliases = [a for a in lexicon.fuzzy if a.words > thresholds.MAX_WINDOW - 1]
        self.long_keys = [a.key for a in self.long_aliases]
        # fuzzy hits by window text: questions repeat their words ("what did", "budget")
        self.seen: dict[tuple[str, float], list[tuple[float, int]]] = {}

    def candidates(self, words: list[str], floor: float = thresholds.SUGGEST) -> list[Match]:
        """The best window of each entity scoring at least ``floor``, best first."""
        best: dict[Entity, Match] = {}
        n = len(words)
        stop = self.lex.stopwords
        windows = [
            (start, start + size, "".join(words[start : start + size]))
            for start in range(n)
            for size in range(1, min(thresholds.MAX_WINDOW, n - start) + 1)
        ]
        named = [False] * n  # words named exactly: an exact name wins over any fuzzy one
        for start, end, joined in windows:
            for alias in self.lex.exact.get(joined, ()):
                self._record(best, alias, 100.0, start, end)
                named[start:end] = [True] * (end - start)
        for start, end, joined in windows:
            if words[start] in stop or words[end - 1] in stop or any(named[start:end]):
                continue  # a name does not start or end with "the", "of", "in"
            self._window(words[start:end], joined, start, floor, best)
        self._long(words, floor, best)
        return sorted(best.values(), key=lambda m: (-m.score, m.start))

    def _long(self, words: list[str], floor: float, best: dict[Entity, Match]) -> None:
        """Names longer than a window: each longer run of words against all of them at once
        (one rapidfuzz call per run), kept when the word counts are within one."""
        if not self.long_aliases:
            return
        n = len(words)
        longest = max(a.words for a in self.long_aliases) + 1
        for size in range(thresholds.MAX_WINDOW - 1, min(longest, n) + 1):
            for start in range(n - size + 1):
                joined = "".join(words[start : start + size])
                found = process.extract(
                    joined, self.long_keys, scorer=fuzz.ratio, score_cutoff=floor, limit=None
                )
                for _, score, index in found:
                    alias = self.long_aliases[index]
                    if abs(alias.words - size) <= 1:
                        self._record(best, alias, float(score), start, start + size)

    def _record(
        self, best: dict[Entity, Match], alias: Alias, score: float, start: int, end: int
    ) -> None:
        current = best.get(alias.entity)
        longer = current is not None and end - start > current.end - current.start
        if current is None or score > current.score or (score == current.score and longer):
            best[alias.entity] = Match(alias.entity, score, start, end, alias.key)

    def _window(
        self, window: list[str], joined: str, start: int, floor: float, best: dict[Entity, Match]
    ) -> None:
        end = start + len(window)
        ordinary = all(w in self.lex.vocabulary or w.isdigit() for w in window)
        if ordinary and len(window) == 1:
            return  # "cluster" is a word, not a misspelt CLUSTEM
        if not self._length_possible(len(joined), floor):
            return
        for score, index in self.fuzzy(joined, floor):
            alias = self.lex.fuzzy[index]
            if ordinary and (
                alias.words < 2
                or abs(alias.words - len(window)) > 1
                or score < thresholds.ORDINARY_ACCEPT
            ):
                continue  # ordinary words only approximate a multi-word name
            if not _digits_agree(joined, alias.key):
                continue
            self._record(best, alias, float(score), start, end)

    def fuzzy(self, joined: str, floor: float) -> list[tuple[float, int]]:
        """(score, alias index) of every alias within ``floor`` of ``joined``: one batch
        call of rapidfuzz over all the aliases, remembered for the next time."""
        hits = self.seen.get((joined, floor))
        if hits is None:
            low, high = _length_band(len(joined), floor)
            first = bisect.bisect_left(self.sorted_lengths, low)
            last = bisect.bisect_right(self.sorted_lengths, high)
            found = process.extract(
                joined,
                self.sorted_keys[first:last],
                scorer=fuzz.ratio,
                score_cutoff=floor,
                limit=None,
            )
            hits = [(float(score), self.by_length[first + i]) for _, score, i in found]
            if len(self.seen) >= thresholds.MATCH_CACHE:
                self.seen.clear()  # bounded: start again rather than grow
            self.seen[(joined, floor)] = hits
        return hits

    def _length_possible(self, length: int, floor: float) -> bool:
        """Whether any alias is close enough in length to reach ``floor`` with ratio."""
        low, high = _length_band(length, floor)
        i = bisect.bisect_left(self.lengths, low)
        return i < len(self.lengths) and self.lengths[i] <= high


def _length_band(length: int, floor: float) -> tuple[float, float]:
    """The lengths a string may have to reach ``floor`` with ``fuzz.ratio`` against one of
    ``length`` characters (ratio = 2·matches / total length, and matches ≤ the shorter)."""
    f = floor / 100
    return length * f / (2 - f), length * (2 - f) / f


def _digits_agree(a: str, b: str) -> bool:
    da = "".join(c for c in a if c.isdigit())
    db = "".join(c for c in b if c.isdigit())
    return da == db or not da or not db
