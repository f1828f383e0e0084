"""Conditions whose value is not typed but taken from elsewhere: another project's figure
("more than CLUSGRID"), another figure of each project ("an EU contribution above their
total budget"), or a statistic of the rows ("above the average")."""

from __future__ import annotations

from typing import Any

from bot.engine.formatting import raw_value
from bot.engine.frame import OwnField, Span, Statistic
from bot.engine.interpret.conditions import negation
from bot.engine.interpret.fields import Fields
from bot.engine.interpret.question import (
    ORDER_OPS,
    STATISTICS,
    Facts,
    field_positions,
    positions,
)
from bot.engine.query import DATE_OPS, Condition
from bot.knowledge import NOT_PUBLISHED, Knowledge
from bot.knowledge.plain import ORDERED_KINDS


class RelativeConditions:
    """The conditions whose value is another figure: a project's, each row's own, or all rows'."""

    def __init__(self, knowledge: Knowledge, fields: Fields) -> None:
        self.k = knowledge
        self.fields = fields
        self.money = knowledge.default_money_field

    def references(self, facts: Facts) -> list[Span]:
        """ "projects that got more than CLUSGRID": a project named after a comparator, in a
        question about other projects, is the value to compare with."""
        acronyms = {s.value.acronym for s in facts.projects}
        rows = facts.has("noun", "project") or facts.has("call_field", "projects")
        if len(acronyms) != 1 or not rows or facts.yesno:
            return []
        cmps = [
            s for s in facts.get("cmp") if s.value in ("gt", "ge", "lt", "le", "before", "after")
        ]
        words = facts.frame.words
        comparative = [s for s in facts.get("op") if s.value in ORDER_OPS]
        return [
            p
            for p in facts.projects
            if any(0 <= p.start - c.end <= 1 for c in cmps)
            or (comparative and p.start > 0 and words[p.start - 1] == "than")
        ]

    def compared(self, facts: Facts, references: list[Span]) -> list[tuple[Condition, set[int]]]:
        out = []
        loose = [
            Span(s.start, s.end, "cmp", "gt" if s.value == "max" else "lt")
            for s in facts.get("op")
            if s.value in ORDER_OPS
        ]
        for ref in references:
            before = [c for c in [*facts.get("cmp"), *loose] if c.end <= ref.start]
            if not before:
                continue
            cmp = max(before, key=lambda c: c.end)
            field_span = self.fields.ordered(facts, set())
            name = str(field_span.value) if field_span else self.money
            if name is None:
                continue
            value = self.evaluator_value(ref.value, name)
            if value == NOT_PUBLISHED:
                continue
            op = (
                DATE_OPS.get(cmp.value, cmp.value)
                if self.k.fields[name].kind == "date"
                else (cmp.value)
            )
            used = set(range(cmp.start, ref.end)) | field_positions(facts, [name])
            neg = negation(facts.frame, cmp, 0, min(used))
            if neg:
                used |= set(range(neg.start, neg.end))
            out.append((Condition(name, op, value, bool(neg)), used))
        return out

    def field_comparisons(self, facts: Facts, taken: set[int]) -> list[tuple[Condition, set[int]]]:
        """ "projects whose EU contribution did not exceed their total budget": two figures
        of each project compared with each other, a filter on the rows. A named project
        makes it a yes/no about that project instead (``check_compare``)."""
        fields = self.fields.selected(facts)
        if facts.projects or len(fields) != 2:
            return []
        first, second = sorted(fields, key=lambda s: s.start)
        kinds = {self.k.fields[str(s.value)].kind for s in (first, second)}
        if len(kinds) != 1 or not kinds <= set(ORDERED_KINDS):
            return []
        between = [
            c
            for c in facts.get("cmp")
            if c.value in ("gt", "ge", "lt", "le")
            and first.end <= c.start
            and c.end <= second.start
            and c.start not in taken
        ]
        words = facts.frame.words
        than = "than" in words[max(0, second.start - 2) : second.start]
        loose = [  # "more EU money than their budget"
            Span(s.start, s.end, "cmp", "gt" if s.value == "max" else "lt")
            for s in facts.get("op")
            if s.value in ORDER_OPS and s.end <= second.start and than
        ]
        if len(between) + len(loose) != 1:
            return []
        cmp = [*between, *loose][0]
        used = positions([first, cmp, second])
        neg = negation(facts.frame, cmp, first.end if cmp.start >= first.end else 0)
        if neg:
            used |= set(range(neg.start, neg.end))
        target = OwnField(str(second.value))
        return [(Condition(str(first.value), str(cmp.value), target, bool(neg)), used)]

    def statistic_conditions(
        self, facts: Facts, taken: set[int]
    ) -> list[tuple[Condition, set[int]]]:
        """ "a total budget above the overall average": a comparator whose value is an
        aggregate of the rows, over the field named before it."""
        out = []
        meant = positions([s for s in facts.frame.spans if s.kind != "cmp"])
        for cmp in facts.get("cmp"):
            if cmp.value not in ("gt", "ge", "lt", "le") or cmp.start in taken:
                continue
            stat = next(
                (
                    s
                    for s in facts.get("op")
                    if s.value in STATISTICS
                    and s.value != "range"
                    and 0 <= s.start - cmp.end <= 2
                    and not set(range(cmp.end, s.start)) & meant
                ),
                None,
            )
            # the field named, not implied by a verb ("which got more than the average?")
            before = [f for f in facts.fields if f.end <= cmp.start and f.weight >= 2]
            if stat is None or not before:
                continue
            field = max(before, key=lambda f: f.end)
            if self.k.fields[str(field.value)].kind not in ("money", "difference", "span"):
                continue
            used = positions([field, cmp, stat])
            neg = negation(facts.frame, cmp, 0, field.start)
            if neg:
                used |= set(range(neg.start, neg.end))
            target = Statistic(str(stat.value))
            out.append((Condition(str(field.value), str(cmp.value), target, bool(neg)), used))
        return out

    def evaluator_value(self, project: Any, name: str) -> Any:
        return raw_value(self.k, project, name)
