"""Rules: which category a sequence of categories builds, and the meaning it builds.

SippyCup's ``Rule(lhs, rhs, sem)``: ``sem`` takes the meanings of the parts and returns the
meaning of the whole, or ``None`` when the parts do not make sense together (the derivation
is then dropped). Rules of three or more parts are split into rules of two (``binarised``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple


class Partial(tuple[Any, ...]):
    """The meanings gathered so far by a split rule's first parts."""


class Rule(NamedTuple):
    lhs: str
    rhs: tuple[str, ...]
    sem: Callable[..., Any]
    name: str

    def apply(self, parts: Sequence[Any]) -> Any:
        if self.lhs.startswith("@"):  # a split rule's first parts: gather
            gathered = parts[0] if isinstance(parts[0], Partial) else Partial(parts[:1])
            return Partial((*gathered, *parts[1:]))
        if isinstance(parts[0], Partial) and len(parts) == 2:
            return self.sem(*parts[0], parts[1])
        return self.sem(*parts)


def useful(rules: Sequence[Rule], present: frozenset[str], goal: str = "$Root") -> list[Rule]:
    """The rules that can take part in deriving ``goal`` from a question whose words make
    the categories ``present``: a rule needing a kind of word the question lacks ("for each",
    "times") is left out, and so is a rule whose category no kept rule uses."""
    made = {rule.lhs for rule in rules}
    words = {part for rule in rules for part in rule.rhs if part not in made}
    live = [r for r in rules if all(p in present for p in r.rhs if p in words)]
    while True:  # keep what is reachable from the goal, and buildable from the words
        buildable = set(present)
        changed = True
        while changed:
            changed = False
            for r in live:
                if r.lhs not in buildable and all(p in buildable for p in r.rhs):
                    buildable.add(r.lhs)
                    changed = True
        wanted = {goal}
        changed = True
        while changed:
            changed = False
            for r in live:
                if r.lhs in wanted and all(p in buildable for p in r.rhs):
                    new = set(r.rhs) - wanted
                    if new:
                        wanted |= new
                        changed = True
        kept = [r for r in live if r.lhs in wanted and all(p in buildable for p in r.rhs)]
        if len(kept) == len(live):
            return kept
        live = kept


def binarised(
    rules: Sequence[Rule],
) -> tuple[dict[str, dict[str, list[Rule]]], dict[str, list[Rule]]]:
    """The rules indexed for the chart: binary ones by their left part, then their right
    part; unary ones by their one part."""
    binary: dict[tuple[str, str], list[Rule]] = defaultdict(list)
    unary: dict[str, list[Rule]] = defaultdict(list)
    for rule in rules:
        rhs = rule.rhs
        if len(rhs) == 1:
            unary[rhs[0]].append(rule)
            continue
        left = rhs[0]
        for n in range(1, len(rhs) - 1):  # A B C D -> @A_B; @A_B C -> @A_B_C; @A_B_C D
            lhs = "@" + "_".join(rhs[: n + 1])
            if not any(r.lhs == lhs for r in binary[(left, rhs[n])]):
                binary[(left, rhs[n])].append(Rule(lhs, (left, rhs[n]), rule.sem, ""))
            left = lhs
        binary[(left, rhs[-1])].append(rule)
    pairs: dict[str, dict[str, list[Rule]]] = defaultdict(dict)
    for (first, second), found in binary.items():
        pairs[first][second] = found
    return dict(pairs), unary
