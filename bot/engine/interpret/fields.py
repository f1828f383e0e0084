"""Which figure a question is about, and which way it orders by it."""

from __future__ import annotations

from bot.engine.frame import Frame, Span
from bot.engine.interpret.question import ORDER_OPS, Facts, positions
from bot.knowledge import Knowledge
from bot.knowledge.plain import ORDERED_KINDS
from bot.normalise import tokens


class Fields:
    """The fields a question names, and the one it orders by."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.k = knowledge
        self.money = knowledge.default_money_field

    def selected(self, facts: Facts, exclude: set[int] = frozenset()) -> list[Span]:  # type: ignore[assignment]
        ops = positions(facts.get("op"))
        spans = [s for s in facts.fields if s.start not in exclude]
        spans.sort(key=lambda s: s.start in ops)  # "last" is a field only if nothing else is
        names: list[Span] = []
        for s in spans:
            if s.value not in [n.value for n in names]:
                names.append(s)
        plain = [s for s in names if s.start not in ops]
        if plain and len(plain) < len(names):
            names = plain  # a word that is also an operator ("last") yields to a plain field
        covered = {c for s in names for c in self.k.fields[s.value].covers}
        return [s for s in names if s.value not in covered]

    def said_each(self, frame: Frame, name: str) -> bool:
        """Whether ``frame`` names the field ``name`` as each of several projects' ("the
        lowest budgets", "the biggest EU grants")."""
        each = {tuple(tokens(p)) for p in self.k.fields[name].each}
        return any(
            tuple(frame.words[s.start : s.end]) in each
            for s in frame.find("field")
            if s.value == name
        )

    def ordered(self, facts: Facts, exclude: set[int]) -> Span | None:
        for s in self.selected(facts, exclude):
            if self.k.fields[s.value].kind in ORDERED_KINDS:
                return s
        return None

    def alternatives(self, name: str) -> list[str]:
        """The other published figures of the same kind as ``name`` (the total budget for the
        EU contribution): what a question that names no figure may mean as well."""
        return [n for n in self.k.fields_of_kind(self.k.fields[name].kind) if n != name]

    def unnamed(self, facts: Facts) -> str | None:
        """The field a ranking or a total means when it names none ("which project got the
        most?"): the money field; but not when a word was not understood ("the total
        durations"), which may be the field the user meant."""
        return None if facts.frame.unknown else self.money


def loose_comparators(facts: Facts) -> list[Span]:
    """ "more than" with no value after it compares the named projects: "max"."""
    taken = facts.used_by_conditions
    return [
        Span(s.start, s.end, "op", "max" if s.value in ("gt", "ge", "after") else "min")
        for s in facts.get("cmp")
        if s.value in ("gt", "ge", "lt", "le", "after", "before") and s.start not in taken
    ]


def direction(facts: Facts) -> tuple[bool | None, set[int]]:
    """Whether the user wants the most (True) or the least (False), and the words."""
    dirs = facts.get("dir")
    if dirs:
        return dirs[-1].value == "desc", positions(dirs)
    taken = facts.used_by_conditions  # "more EU money than their budget": a filter
    ops = [s for s in facts.get("op") if s.value in ORDER_OPS and s.start not in taken]
    if not ops and len(facts.projects) > 1:
        ops = loose_comparators(facts)
    if ops:
        return ops[0].value == "max", positions(ops)
    limits = facts.get("limit")
    # "the first one to finish": "one" after the limit is the pronoun, not a count
    counts = [
        n
        for n in facts.get("number")
        if not (n.value == 1 and any(x.end == n.start for x in limits))
    ]
    if limits and counts:
        return limits[0].value == "top", positions(limits)
    return None, set()
