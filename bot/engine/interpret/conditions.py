"""Conditions from a question's own words: a value ("250k", "2016", "24 months", "90%")
with the comparator, the field and the negation around it; "still running" (today); a
field said to be left empty ("no full name given")."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.engine.frame import Duration, Frame, Month, Span, When
from bot.engine.interpret.question import VALUE_KINDS, Facts, positions
from bot.engine.query import DATE_OPS, Condition
from bot.knowledge import NOT_PUBLISHED, Knowledge

DATE_KINDS = ("date", "span")
OPTIONAL_KINDS = ("text", "list")  # fields a project may leave empty
# what a date may be compared by; any other comparator on a date means "in" it
DATED_OPS = {
    *("during", "before", "after", "by", "since", "between", "inside", "until", "throughout"),
    "from_to",
}


class Conditions:
    """The conditions a question states with values of its own."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.k = knowledge
        self.span_field = next(iter(knowledge.fields_of_kind("span")), None)
        self.money = knowledge.default_money_field
        self.having = frozenset(knowledge.language.having)
        self.run_from = frozenset(knowledge.language.run_from)
        self.stopwords = frozenset(knowledge.language.stopwords) - {
            w for phrase in self.having for w in phrase.split()
        }

    def of(self, facts: Facts) -> list[tuple[Condition, set[int]]]:
        """Each value of the question with its comparator, field and negation, and the words
        they use; and "still running"."""
        frame = facts.frame
        values = [s for s in frame.spans if s.kind in VALUE_KINDS]
        out: list[tuple[Condition, set[int]]] = []
        skip: set[int] = set()
        for n, value in enumerate(values):
            if n in skip:
                continue
            used = set(range(value.start, value.end))
            cmp = self.comparator(frame, value)
            target: Any = Month(value.value) if value.kind == "month" else value.value
            op = cmp.value if cmp else None
            if cmp:
                used |= set(range(cmp.start, cmp.end))
            ranged = op in ("between", "inside")
            if ranged and n + 1 < len(values) and values[n + 1].kind == value.kind:
                other = values[n + 1]
                target = (value.value, other.value)
                used |= set(range(value.end, other.end))
                skip.add(n + 1)
            elif op == "between" and cmp and (low := self.range_start(frame, cmp, value)):
                if value.kind != "duration":
                    continue  # "between 200 and 250k": which 200? not guessed, said so
                target = (Duration(float(low.value), value.value.unit), value.value)
                used |= set(range(cmp.end, value.start))  # "between 20 and 30 months"
            elif ranged:
                op = None
            name = self.field_for(facts, value, used)
            if name is None or not (
                cmp
                or value.kind == "percent"  # a percentage can only be a share
                or len(used) > value.end - value.start
                or facts.has("noun", "project")
                or facts.has("call_field", "projects")
            ):
                continue
            op = self.op_for(value, op)
            if op == "between" and cmp and self.said_of_run_ends(frame, cmp, name, target):
                op = "from_to"
            if op == "until" and self.k.fields[name].kind != "span":
                op = "before"  # a day is not "until" anything: "ended until 2018"
            neg = negation(frame, value, values[n - 1].end if n else 0, min(used))
            if neg:
                used |= set(range(neg.start, neg.end))
            out.append((Condition(name, op, target, bool(neg)), used))
        return out + self.running_now(facts, values)

    def said_of_run_ends(self, frame: Frame, cmp: Span, name: str, target: Any) -> bool:
        """ "which projects ran from November 2016 to November 2018?": two dates after a run's
        verb and "from" are the run's own start and end."""
        said = " ".join(frame.words[max(cmp.start - 1, 0) : cmp.end])
        dated = isinstance(target, tuple) and all(isinstance(v, When) for v in target)
        return dated and self.k.fields[name].kind == "span" and said in self.run_from

    def running_now(self, facts: Facts, values: list[Span]) -> list[tuple[Condition, set[int]]]:
        """ "is ECRI still running?", "which projects are active now?": today, when the
        question names a run and no other date."""
        runs = [f for f in facts.fields if self.k.fields[f.value].kind == "span"]
        now = facts.get("now")
        if not runs or not now or any(v.kind == "date" for v in values):
            return []
        today = dt.date.today()
        neg = negation(facts.frame, runs[0], 0)
        used = positions(now[:1]) | positions(runs[:1]) | positions([neg] if neg else [])
        return [
            (Condition(str(runs[0].value), "during", When(today, today, "day"), bool(neg)), used)
        ]

    @staticmethod
    def range_start(frame: Frame, cmp: Span, value: Span) -> Span | None:
        """The bare number opening a range whose unit only its end names ("between 20 and
        30 months")."""
        numbers = [
            s for s in frame.spans if s.kind == "number" and cmp.end <= s.start < value.start
        ]
        return numbers[0] if numbers else None

    def published(self, facts: Facts) -> list[tuple[Condition, set[int]]]:
        """ "which projects have a full title?": a field some projects leave empty, asked
        after a word for having it, keeps those that publish it."""
        words, having = facts.frame.words, self.having
        out: list[tuple[Condition, set[int]]] = []
        if facts.yesno:  # "do all projects have a full title?" asks of them all: the readers'
            return out
        for field in facts.fields:
            if self.k.fields[str(field.value)].kind not in OPTIONAL_KINDS:
                continue
            at = field.start - 1
            while at >= 0 and words[at] in self.stopwords:  # "have a full title"
                at -= 1
            for size in (2, 1):
                if at - size + 1 >= 0 and " ".join(words[at - size + 1 : at + 1]) in having:
                    used = set(range(at - size + 1, field.end))
                    condition = Condition(str(field.value), "eq", NOT_PUBLISHED, negated=True)
                    out.append((condition, used))
                    break
        return out

    def unpublished(self, facts: Facts) -> list[tuple[Condition, set[int]]]:
        """ "no full name given": a negated field with no value is a field left empty."""
        out = []
        for neg in [] if facts.has("now") else facts.get("neg"):  # "not running anymore"
            after = [f for f in facts.fields if 0 <= f.start - neg.end <= 1]
            # (only a field a project may leave empty: "remove the cheapest" asks no such thing)
            after = [f for f in after if self.k.fields[str(f.value)].kind in OPTIONAL_KINDS]
            if after and not any(
                s.kind in VALUE_KINDS and s.start > neg.start for s in facts.frame.spans
            ):
                used = set(range(neg.start, after[0].end))
                out.append((Condition(str(after[0].value), "eq", NOT_PUBLISHED), used))
        return out

    def comparator(self, frame: Frame, value: Span) -> Span | None:
        """The comparator right before a value ("above 250k"), or right after ("or more")."""
        fields = positions(frame.find("field"))
        before = [
            s
            for s in frame.spans
            if s.kind == "cmp"
            and s.end <= value.start
            and (
                value.start - s.end <= 2
                or (  # "closest EU grant to 250k": the field it compares stands between
                    value.start - s.end <= 2 + len(fields & set(range(s.end, value.start)))
                    and fields & set(range(s.end, value.start))
                )
            )
        ]
        after = [
            s
            for s in frame.spans
            if s.kind == "cmp"
            and s.start >= value.end
            and s.start - value.end <= 1
            and s.value in ("ge", "le")
        ]
        found = after or before
        return max(found, key=lambda s: s.end) if found else None

    def field_for(self, facts: Facts, value: Span, used: set[int]) -> str | None:
        kinds = {
            "date": (*DATE_KINDS, "call"),  # a call is an event with a year
            "month": ("date",),  # "started in January": a day's month, in any year
            "amount": ("money", "difference"),
            "duration": ("span",),
            "percent": ("ratio",),
        }
        wanted = kinds[value.kind]
        candidates = [s for s in facts.fields if self.k.fields[s.value].kind in wanted]
        if candidates:
            best = min(candidates, key=lambda s: abs(s.start - value.start))
            used |= set(range(best.start, best.end))
            return str(best.value)
        if value.kind == "amount":
            return self.money
        if value.kind == "percent":
            return next(iter(self.k.fields_of_kind("ratio")), None)
        return None if value.kind == "month" else self.span_field

    @staticmethod
    def op_for(value: Span, op: str | None) -> str:
        if value.kind == "month":  # "before December": an earlier month, in any year
            return {"before": "before_month", "after": "after_month"}.get(op or "", "in_month")
        if value.kind == "date":
            op = DATE_OPS.get(op or "", op)
            return op if op in DATED_OPS else "during"
        if value.kind in ("amount", "percent") and op == "closest":
            return "closest"
        if op == "throughout":  # "the full 24 months": of a duration, exactly that
            op = None
        if op in ("by", "since"):  # "since", "by": of a date only ("since CLUSGRID got ...")
            op = None
        if op in ("during", "before", "after", "until", None):
            return "eq" if value.kind == "duration" or op is None else op
        return op


def negation(frame: Frame, value: Span, floor: int, first: int | None = None) -> Span | None:
    """The "not" that governs a condition: inside it, or just before its first word."""
    first = value.start if first is None else first
    negs = [
        s
        for s in frame.spans
        if s.kind == "neg"
        and floor <= s.start < value.start
        and (s.start >= first or first - s.end <= 4)
    ]
    return negs[-1] if negs else None
