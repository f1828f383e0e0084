"""Find the names in a question: scored candidates for projects, calls and the programme.

Windows of consecutive words are joined without spaces ("trace kei" -> "tracekei") and
compared with each alias by ``fuzz.ratio``. Ordinary words never count as a typo of a name,
short aliases (TCE, ECRI) match only exactly, and digits must agree ("2014 call" is not
"2015 call"). This module only scores; ``decide`` chooses.
"""

from __future__ import annotations

import bisect
import itertools
from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from rapidfuzz import fuzz, process

from bot.engine import thresholds
from bot.engine.lexicon import Alias, Entity, Lexicon
from bot.engine.memo import Memo


class Match(NamedTuple):
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
        # the aliases by length: a window is compared only with those of a length that can
        # reach the floor (a typo of an acronym is never near a 30-letter full name); and by
        # word count, for ordinary words, which only ever approximate a name of about as
        # many words, and for names longer than a window
        keys = lexicon.fuzzy_keys
        self.shelf = Shelf(keys, range(len(keys)))
        counts = {a.words for a in lexicon.fuzzy if a.words >= 2}
        self.shelves = {
            n: Shelf(keys, [i for i, a in enumerate(lexicon.fuzzy) if a.words == n]) for n in counts
        }
        long_names = [i for i, a in enumerate(lexicon.fuzzy) if a.words > thresholds.MAX_WINDOW - 1]
        self.long_shelf = Shelf(keys, long_names)
        self.longest = max((lexicon.fuzzy[i].words for i in long_names), default=0)
        # the aliases with each word, for windows that start or end with an ordinary word
        with_word: dict[str, list[int]] = defaultdict(list)
        for i, alias in enumerate(lexicon.fuzzy):
            for part in set(alias.parts):
                with_word[part].append(i)
        self.edge_shelves = {
            word: Shelf(keys, {i for name_word in near for i in with_word[name_word]})
            for word, near in lexicon.stands_for.items()
        }
        # fuzzy hits by window text: questions repeat their words ("what did", "budget")
        self.seen: Memo[tuple[str, float, int | str], list[tuple[float, int]]]
        self.seen = Memo(thresholds.MATCH_CACHE)
        # and the candidates by all of a question's words: people repeat their questions
        self.found: Memo[tuple[tuple[str, ...], float], tuple[Match, ...]]
        self.found = Memo(thresholds.WORDINGS_CACHE)

    def candidates(self, words: list[str], floor: float = thresholds.SUGGEST) -> list[Match]:
        """The best window of each entity scoring at least ``floor``, best first."""
        key = (tuple(words), floor)
        return list(self.found.get_or_make(key, lambda: tuple(self._candidates(words, floor))))

    def _candidates(self, words: list[str], floor: float) -> list[Match]:
        best: dict[Entity, Match] = {}
        windows = _windows(words, thresholds.MAX_WINDOW)
        named = [False] * len(words)  # words named exactly: an exact name wins over any fuzzy
        for start, end, joined in windows:
            for alias in self.lex.exact.get(joined, ()):
                self._record(best, alias, 100.0, start, end)
                named[start:end] = [True] * (end - start)
        known = self.lex.ordinary
        ordinary = [w in known or w.isdigit() for w in words]
        blocked = _blocked(named, ordinary)
        for start, end, joined in windows:
            plain = False not in ordinary[start:end]
            if plain and end - start == 1:
                continue  # "cluster" is a word, not a misspelt CLUSTEM
            if self._may_name(words, blocked, start, end):
                self._window(words, (start, end, joined), plain, floor, best)
        self._long(words, blocked, floor, best)
        return sorted(best.values(), key=lambda m: (-m.score, m.start))

    def _may_name(self, words: list[str], blocked: list[bool], start: int, end: int) -> bool:
        """Whether words ``start:end`` may be a misspelt name: none is ``blocked`` (see
        ``_blocked``), and a name does not start or end with "the", "of", "in", nor with an
        ordinary word foreign to every name ("clusgrd eu contribution")."""
        edges = self.lex.edges
        return (
            words[start] not in edges
            and words[end - 1] not in edges
            and True not in blocked[start:end]
        )

    def _long(
        self,
        words: list[str],
        blocked: list[bool],
        floor: float,
        best: dict[Entity, Match],
    ) -> None:
        """Names longer than a window: each longer run of words against all of them of a
        length that can reach the floor (one rapidfuzz call per run), kept when the word
        counts are within one; runs are chosen as windows are."""
        n = len(words)
        ends = list(itertools.accumulate((len(w) for w in words), initial=0))
        for size in range(thresholds.MAX_WINDOW - 1, min(self.longest + 1, n) + 1):
            for start in range(n - size + 1):
                end = start + size
                if not self._may_name(words, blocked, start, end) or not _reachable(
                    self.long_shelf.lengths, ends[end] - ends[start], floor
                ):
                    continue
                for score, index in self.long_shelf.hits("".join(words[start:end]), floor):
                    alias = self.lex.fuzzy[index]
                    if abs(alias.words - size) <= 1:
                        self._record(best, alias, score, start, end)

    def _record(
        self, best: dict[Entity, Match], alias: Alias, score: float, start: int, end: int
    ) -> None:
        current = best.get(alias.entity)
        longer = current is not None and end - start > current.end - current.start
        if current is None or score > current.score or (score == current.score and longer):
            best[alias.entity] = Match(alias.entity, score, start, end, alias.key)

    def _window(
        self,
        words: list[str],
        window: tuple[int, int, str],
        plain: bool,
        floor: float,
        best: dict[Entity, Match],
    ) -> None:
        """Fuzzy hits of one window (start, end, its words joined). Ordinary words (``plain``)
        only approximate a name of two words or more, within one word of their count, and
        from a higher score; a window that starts or ends with an ordinary word only a name
        with that word (or one near it, see ``Lexicon.stands_for``)."""
        start, end, joined = window
        if not _reachable(self.shelf.lengths, len(joined), floor):
            return
        if plain:
            size = end - start
            floor = max(floor, thresholds.ORDINARY_ACCEPT)
            hits = [
                hit
                for n in (size - 1, size, size + 1)
                if n in self.shelves
                for hit in self.fuzzy(joined, floor, n)
            ]
        else:
            edge = self._edge(words[start], words[end - 1])
            hits = self.fuzzy(joined, floor, edge)
        for score, index in hits:
            alias = self.lex.fuzzy[index]
            if _digits_agree(joined, alias.key):
                self._record(best, alias, score, start, end)

    def _edge(self, first: str, last: str) -> str:
        """The ordinary word at an end of a window whose names are fewest, or ""."""
        edges = [w for w in (first, last) if w in self.edge_shelves]
        return min(edges, key=lambda w: len(self.edge_shelves[w].keys), default="")

    def _shelf(self, label: int | str) -> Shelf:
        """All names (0 or ""); those of ``label`` words; those with the word ``label``."""
        if not label:
            return self.shelf
        return self.shelves[label] if isinstance(label, int) else self.edge_shelves[label]

    def fuzzy(self, joined: str, floor: float, label: int | str = 0) -> list[tuple[float, int]]:
        """(score, alias index) of every alias within ``floor`` of ``joined`` on the shelf
        ``label`` names (see ``_shelf``): one batch call of rapidfuzz, remembered."""
        key = (joined, floor, label)
        return self.seen.get_or_make(key, lambda: self._shelf(label).hits(joined, floor))


class Shelf:
    """Some of the aliases' keys sorted by length, for rapidfuzz: a query is compared only
    with the slice whose lengths can reach the floor, in one batch call."""

    def __init__(self, keys: list[str], indexes: Iterable[int]) -> None:
        self.indexes = sorted(indexes, key=lambda i: len(keys[i]))
        self.keys = [keys[i] for i in self.indexes]
        self.lengths = [len(k) for k in self.keys]

    def hits(self, joined: str, floor: float) -> list[tuple[float, int]]:
        """(score, alias index) of every key scoring at least ``floor`` against ``joined``."""
        low, high = _length_band(len(joined), floor)
        first = bisect.bisect_left(self.lengths, low)
        last = bisect.bisect_right(self.lengths, high)
        found = process.extract(
            joined, self.keys[first:last], scorer=fuzz.ratio, score_cutoff=floor, limit=None
        )
        return [(float(score), self.indexes[first + i]) for _, score, i in found]


def _length_band(length: int, floor: float) -> tuple[float, float]:
    """The lengths a string may have to reach ``floor`` with ``fuzz.ratio`` against one of
    ``length`` characters (ratio = 2·matches / total length, and matches ≤ the shorter)."""
    f = floor / 100
    return length * f / (2 - f), length * (2 - f) / f


def _reachable(lengths: list[int], length: int, floor: float) -> bool:
    """Whether any of the sorted ``lengths`` is close enough to ``length`` to reach ``floor``."""
    low, high = _length_band(length, floor)
    i = bisect.bisect_left(lengths, low)
    return i < len(lengths) and lengths[i] <= high


def _blocked(named: list[bool], ordinary: list[bool]) -> list[bool]:
    """The words no fuzzy name may include: those in a name said exactly (it wins over any
    fuzzy one), and the unknown words after the first ``FUZZY_UNKNOWN``: a message of sixty
    words the bot does not know is not sixty misspelt names, and comparing each with 24,000
    names would keep every other chat waiting (0.3 s)."""
    blocked = list(named)
    unknown = 0
    for i, (exact, plain) in enumerate(zip(named, ordinary, strict=True)):
        if not exact and not plain:
            unknown += 1
            blocked[i] = unknown > thresholds.FUZZY_UNKNOWN
    return blocked


def _windows(words: list[str], widest: int) -> list[tuple[int, int, str]]:
    """(start, end, the words joined) of every run of at most ``widest`` words."""
    windows = []
    for start in range(len(words)):
        joined = ""
        for end in range(start + 1, min(start + widest, len(words)) + 1):
            joined += words[end - 1]
            windows.append((start, end, joined))
    return windows


def _digits_agree(a: str, b: str) -> bool:
    da = "".join(c for c in a if c.isdigit())
    db = "".join(c for c in b if c.isdigit())
    return da == db or not da or not db
