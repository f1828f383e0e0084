"""Which rows a question is about: its filters proper, a call it names, a "closest"."""

from __future__ import annotations

from typing import Any

from bot.engine.interpret.conditions import negation
from bot.engine.interpret.question import Facts, positions
from bot.engine.query import Condition
from bot.knowledge import Knowledge


class RowFilters:
    """The conditions that choose a question's rows, and the words they use."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.k = knowledge

    def simple(self, facts: Facts) -> tuple[list[Condition], set[int], Any]:
        """Filters proper (not "closest"), the words they use, and a "closest" target."""
        conds, used, closest = [], set[int](), None
        for cond, where in facts.conditions:
            used |= where
            if cond.op == "closest":
                closest = cond
            else:
                conds.append(cond)
        return conds, used, closest

    def calls(self, facts: Facts) -> tuple[list[Condition], set[int]]:
        """A call named in a list question is a filter on the call field, maybe negated."""
        name = self.k.call_field
        conds: list[Condition] = []
        used: set[int] = set()
        if name is None:
            return conds, used
        named: set[int] = set()
        for span in facts.calls:
            neg = negation(facts.frame, span, 0)
            if not neg and named and span.value.number not in named:
                continue  # "call 1 and call 2": no project is in both; left unexplained
            named |= set() if neg else {span.value.number}
            used |= set(range(span.start, span.end))
            if neg:
                used |= set(range(neg.start, neg.end))
            conds.append(Condition(name, "eq", span.value.number, bool(neg)))
        if not facts.calls and facts.has("noun", "call"):
            for ordinal in facts.get("ordinal"):
                if int(ordinal.value) in self.k.calls_by_number:
                    neg = negation(facts.frame, ordinal, 0)
                    used |= set(range(ordinal.start, ordinal.end)) | positions(
                        facts.get("noun", "call")
                    )
                    if neg:
                        used |= set(range(neg.start, neg.end))
                    conds.append(Condition(name, "eq", int(ordinal.value), bool(neg)))
        return conds, used

    def scope(self, facts: Facts) -> tuple[list[Condition], set[int], Any]:
        conds, used, closest = self.simple(facts)
        call_conds, call_used = self.calls(facts)
        return [*conds, *call_conds], used | call_used, closest
