"""A chart parser (CKY) over a question's spans, keeping the best derivations of each part.

Terminals are the parser's spans (a project, a field, a comparator, an amount ...); words
that carry no meaning (stopwords, polite openings, currency words) may be skipped between
any two parts. A derivation is a tree of rule applications; its score is the sum of its
rules' weights (SippyCup's ``rule_features``), so the weights the training step learns
decide between derivations of the same words.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any, NamedTuple

from bot.engine.grammar.rules import Rule

ROOT = "$Root"
BEAM = 6  # derivations kept per category and part of the question
MAX_SLOTS = 20  # meaningful positions a question may have for the grammar to read it


class Terminal(NamedTuple):
    start: int
    end: int
    category: str
    sem: Any
    name: str  # the feature: which kind of word it was


class Derivation(NamedTuple):
    category: str
    sem: Any
    score: float  # the sum of its rules' and words' weights
    size: int  # how many rules and words it used: of two equal scores, the simpler first
    start: int
    end: int
    feature: str = ""  # its own rule or word
    parts: tuple[Derivation, ...] = ()


def features(d: Derivation) -> list[str]:
    """Every rule and word a derivation used (SippyCup's ``rule_features``)."""
    found = [d.feature] if d.feature else []
    for part in d.parts:
        found += features(part)
    return found


Cell = dict[str, list[Derivation]]


class Chart:
    """The derivations of one question: ``roots`` are those covering all of it."""

    def __init__(
        self,
        terminals: Sequence[Terminal],
        skippable: Sequence[bool],
        pairs: dict[str, dict[str, list[Rule]]],
        unary: dict[str, list[Rule]],
        weights: dict[str, float],
    ) -> None:
        self.skippable = skippable
        self.pairs, self.unary, self.weights = pairs, unary, weights
        n = len(skippable)
        # the first meaningful position at or after each position
        self.reach = [n] * (n + 1)
        for i in range(n - 1, -1, -1):
            self.reach[i] = i if not skippable[i] else self.reach[i + 1]
        self.first = self.reach[0]
        self.last = max((i + 1 for i in range(n) if not skippable[i]), default=0)
        # "other than ECRI, which ...": a question may end a longer one, when a rule asks it
        self.tails = any(
            ROOT in rule.rhs for by in pairs.values() for rs in by.values() for rule in rs
        )
        self.cells: dict[tuple[int, int], Cell] = defaultdict(dict)
        for t in terminals:
            d = Derivation(
                t.category, t.sem, self.weights.get(t.name, 0.0), 1, t.start, t.end, t.name
            )
            self._add(self.cells[(t.start, t.end)], d)
        for cell in list(self.cells.values()):
            self._close(cell)
        self._fill(n)

    def roots(self, category: str = "$Root") -> list[Derivation]:
        """Derivations of ``category`` that leave out only skippable words."""
        found = [
            d
            for (i, j), cell in self.cells.items()
            if self.whole(i, j)
            for d in cell.get(category, ())
        ]
        return sorted(found, key=lambda d: (-d.score, d.size))

    def whole(self, i: int, j: int) -> bool:
        """Whether words ``i:j`` are the whole question but for skippable words."""
        return i <= self.first and j >= self.last and self.reach[j] == len(self.skippable)

    def tail(self, j: int) -> bool:
        """Whether a question asked of words ending at ``j`` may be part of a longer one."""
        return self.tails and j >= self.last and self.reach[j] == len(self.skippable)

    # -- filling ------------------------------------------------------------------------------
    def _fill(self, n: int) -> None:
        starts = sorted({s for s, _ in self.cells})
        ends_at: dict[int, list[int]] = defaultdict(list)  # start -> ends with a cell
        for s, e in self.cells:
            ends_at[s].append(e)
        for length in range(2, n + 1):
            for i in starts:
                j = i + length
                if j > n:
                    continue
                cell = self._combine(i, j, ends_at)
                if cell:
                    self._close(cell)
                    self.cells[(i, j)] = cell
                    ends_at[i].append(j)

    def _combine(self, i: int, j: int, ends_at: dict[int, list[int]]) -> Cell:
        cell: Cell = dict(self.cells.get((i, j), {}))
        whole = self.whole(i, j)
        cells, pairs_of = self.cells, self.pairs
        for k in ends_at.get(i, ()):
            if k >= j:
                continue
            left_cell = cells[(i, k)]
            for right_start in range(k, self.reach[k] + 1):  # over skippable words
                right = cells.get((right_start, j))
                if not right:
                    continue
                for category, lefts in left_cell.items():
                    pairs = pairs_of.get(category)
                    if not pairs:
                        continue
                    for other, rights in right.items():
                        rules = pairs.get(other)
                        if rules:
                            self._apply(cell, rules, lefts, rights, whole)
        return cell

    def _apply(
        self,
        cell: Cell,
        rules: list[Rule],
        lefts: list[Derivation],
        rights: list[Derivation],
        whole: bool,
    ) -> None:
        i, j = lefts[0].start, rights[0].end
        for rule in rules:
            if rule.lhs == ROOT and not whole and not self.tail(j):
                continue  # what is asked is asked of the whole question (or its end) only
            for a in lefts:
                for b in rights:
                    sem = rule.apply((a.sem, b.sem))
                    if sem is not None:
                        self._add(cell, self._derived(rule, sem, (a, b), i, j))

    def _close(self, cell: Cell) -> None:
        """Unary rules, applied until nothing new comes (a few rounds at most)."""
        todo = [d for found in cell.values() for d in found]
        for _ in range(3):
            new: list[Derivation] = []
            for d in todo:
                for rule in self.unary.get(d.category, ()):
                    if rule.lhs == ROOT and not (self.whole(d.start, d.end) or self.tail(d.end)):
                        continue
                    sem = rule.apply((d.sem,))
                    if sem is not None:
                        made = self._derived(rule, sem, (d,), d.start, d.end)
                        if self._add(cell, made):
                            new.append(made)
            if not new:
                return
            todo = new

    def _derived(
        self, rule: Rule, sem: Any, parts: tuple[Derivation, ...], i: int, j: int
    ) -> Derivation:
        score = self.weights.get(rule.name, 0.0) if rule.name else 0.0
        size = 1 if rule.name else 0
        for p in parts:
            score += p.score
            size += p.size
        return Derivation(rule.lhs, sem, score, size, i, j, rule.name, parts)

    @staticmethod
    def _add(cell: Cell, d: Derivation) -> bool:
        """Keep ``d`` among the best few of its category here; whether it was kept."""
        found = cell.get(d.category)
        if found is None:
            cell[d.category] = [d]
            return True
        key = (-d.score, d.size)
        if len(found) >= BEAM and key >= (-found[-1].score, found[-1].size):
            return False
        for f in found:
            if f.sem == d.sem:
                return False
        at = len(found)
        while at and key < (-found[at - 1].score, found[at - 1].size):
            at -= 1
        found.insert(at, d)
        del found[BEAM:]
        return True
