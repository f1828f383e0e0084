"""The reader of arithmetic: sums, differences, ratios and overlaps of two figures, each a
project's or a call's ("combined EU contribution of COSMENERG and TCE", "gap between the
biggest and the smallest grant", "days between the end of ECRI and the start of TCE")."""

from __future__ import annotations

from bot.engine.aggregates import AGGREGATE_OPS, suits
from bot.engine.frame import Span
from bot.engine.interpret.fields import Fields
from bot.engine.interpret.question import ORDER_OPS, STATISTICS, Facts, Reading, positions
from bot.engine.query import Operand, Query
from bot.knowledge import Knowledge
from bot.knowledge.plain import ORDERED_KINDS

# an own contribution is money too; a call is known by its year, a date
SAME_KIND = {"difference": "money", "call": "date"}


class ArithmeticReader:
    """Two figures combined: a sum, a difference, a ratio, an overlap."""

    def __init__(self, knowledge: Knowledge, fields: Fields) -> None:
        self.k = knowledge
        self.fields = fields
        self.money = knowledge.default_money_field

    def arithmetic(self, facts: Facts) -> Reading | None:
        arith = facts.get("arith")
        if not arith and not facts.conditions:  # "days between the start of A and the end of B"
            arith = [
                Span(s.start, s.end, "arith", "difference") for s in facts.get("cmp", "between")
            ]
        if not arith:
            return None
        # "the second call's combined budget exceed the first call's": "combined" is the
        # call's total, and the arithmetic is in the other words
        aggregated = positions([s for s in facts.get("op") if s.value in AGGREGATE_OPS])
        kinds = [a.value for a in arith if a.start not in aggregated or not facts.calls]
        kinds = kinds or [a.value for a in arith]
        op = next((k for k in ("overlap", "sum", "ratio") if k in kinds), "difference")
        operands = self.operands(facts)
        if len(operands) < 2:
            operands = self.aggregate_operands(facts)
        numeric = (*ORDERED_KINDS, "call")
        if any(self.k.fields[o.field].kind not in numeric for o in operands):
            return None
        if len(operands) != 2 or len(set(operands)) < 2:
            return None
        if len({SAME_KIND.get(k, k) for k in (self.k.fields[o.field].kind for o in operands)}) > 1:
            return None  # "total budget + start date": two facts, not a sum
        unit = next(
            (s.value for s in facts.get("unit") if s.value in ("days", "months", "years")), None
        )
        used = positions(arith) | positions(facts.projects) | positions(facts.calls)
        used |= positions(facts.spans.get("field", [])) | positions(facts.get("unit"))
        used |= positions(facts.get("cmp")) | positions(facts.get("op"))
        query = Query("arithmetic", operands=tuple(operands), arithmetic=op, unit=unit)
        return Reading(query, used)

    def operands(self, facts: Facts) -> list[Operand]:
        """Each named project or call with the field written next to it."""
        subjects = sorted([*facts.projects, *facts.calls], key=lambda s: s.start)
        fields = [s for s in facts.spans.get("field", []) if s.weight >= 2] or facts.fields
        out: list[Operand] = []
        paired = len(fields) == len(subjects) > 1  # "ECRI ending and TCE starting": in order
        ordered = sorted(fields, key=lambda f: f.start)
        for n, subject in enumerate(subjects):
            near = sorted(fields, key=lambda f: (abs(f.start - subject.start), f.start))
            before = [f for f in fields if f.end <= subject.start and subject.start - f.end <= 2]
            chosen = before[-1] if before and len(fields) > 1 else (near[0] if near else None)
            chosen = ordered[n] if paired else chosen
            name = str(chosen.value) if chosen else self.money
            if name is None:
                continue
            if subject.kind == "project":
                out.append(Operand(name, project=subject.value.acronym))
            else:
                out.append(
                    Operand(
                        name,
                        call=subject.value.number,
                        aggregate=self._of_call(facts, subject, name),
                    )
                )
        if len(out) == 1 and len(fields) == 2 and subjects[0].kind == "project":
            acronym = out[0].project
            return [Operand(str(f.value), project=acronym) for f in fields]
        return out

    def _of_call(self, facts: Facts, call: Span, name: str) -> str:
        """A call's figure: its largest or smallest when asked ("the largest second-call
        grant"), else its total; a call's dates are not added up: the one its projects
        share, if they do."""
        ranked = [s for s in facts.get("op") if s.value in ORDER_OPS and s.end <= call.start]
        if ranked and call.start - ranked[-1].end <= 2:
            return str(ranked[-1].value)
        # "the average EU grant of the first and the second call": each call's average
        said = {str(s.value) for s in facts.get("op") if s.value in STATISTICS}
        if len(said) == 1 and suits(next(iter(said)), self.k.fields[name].kind):
            return next(iter(said))
        return "sum" if suits("sum", self.k.fields[name].kind) else "shared"

    def aggregate_operands(self, facts: Facts) -> list[Operand]:
        """ "the biggest and the smallest grant": two aggregates over the same rows."""
        ops = [s for s in facts.get("op") if s.value in (*ORDER_OPS, *AGGREGATE_OPS)]
        field_span = self.fields.ordered(facts, set())
        name = str(field_span.value) if field_span else self.money
        if len(ops) != 2 or name is None:
            return []
        call = facts.calls[0].value.number if facts.calls else None
        fields = [s for s in facts.spans.get("field", []) if s.weight >= 2]

        def own(op: Span) -> str:  # "the earliest start to the latest end": each its own
            after = [f for f in fields if 0 <= f.start - op.end <= 2]
            return str(after[0].value) if after else name

        return [Operand(own(s), call=call, aggregate=str(s.value)) for s in ops]
