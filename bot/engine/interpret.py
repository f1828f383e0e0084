"""From positioned spans to scored candidate ``Query`` values, then one decision.

Each reader below proposes at most one reading of the question and names the spans it
explains. A reading's score is the share of the question's meaningful words it explains;
the decider takes the best and reports the modifiers no reading used, so a "not", a
"median" or a month is never dropped silently.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from bot.engine.evaluate import AGGREGATE_OPS, suits
from bot.engine.formatting import raw_value
from bot.engine.frame import Duration, Frame, OwnField, Span, Statistic, When
from bot.engine.lexicon import stem
from bot.engine.pagetext import PageText
from bot.engine.query import DATE_OPS, Condition, Operand, Order, Query
from bot.knowledge import NOT_PUBLISHED, Knowledge
from bot.knowledge.plain import ORDERED_KINDS

logger = logging.getLogger(__name__)

VALUE_KINDS = ("date", "amount", "duration", "percent")
# spans that change what a question means: a reading that leaves one unused is incomplete
MODIFIERS = {
    "neg",
    "date",
    "month",  # a month with no year
    "amount",
    "duration",
    "percent",
    "ordinal",
    "limit",
    "arith",
    "unknowable",
    "per",
    "same",
}
STATISTICS = {op for op in AGGREGATE_OPS if op != "sum"}  # a "median" is never dropped
# "more than" is never dropped; a lone "from" or "under" may be a mere preposition
BOUNDS = {"gt", "ge", "lt", "le", "between", "closest"}
ORDER_OPS = ("max", "min")
DATE_KINDS = ("date", "span")
ROWS_ACTS = ("list", "count", "aggregate", "rank")  # acts over rows, which may leave some out
# how much a span of each kind weighs when a reading is scored (others weigh 1)
WEIGHTS = {
    "gram": 0.5,  # the grammar's words ("for each", "times", "share"): a reader may not drop them
    "multiple": 1.0,
    "cmp": 0.2,
    "conj": 0.1,
    "follow": 0.2,
    "yesno": 0.4,
    "currency": 0.1,
    "number": 0.3,
    "unit": 0.3,
    "conversation": 0.2,
    "precise": 0.3,
    "noun": 0.3,
    "op": 0.5,
    "call_field": 0.5,
}


class Reading:
    """One candidate: the query and the token positions it explains."""

    __slots__ = ("name", "query", "score", "used")

    def __init__(
        self, query: Query, used: set[int] | None = None, score: float = 0.0, name: str = ""
    ) -> None:
        self.query = query
        self.used = set() if used is None else used
        self.score = score
        self.name = name

    def __repr__(self) -> str:
        return f"Reading({self.name!r}, {self.score:.2f}, {self.query!r})"


class Facts:
    """What the spans of one question say, gathered once for every reader."""

    def __init__(
        self,
        frame: Frame,
        spans: dict[str, list[Span]],
        fields: list[Span],
        yesno: bool,
        knowledge: Knowledge,
    ) -> None:
        self.frame = frame
        self.knowledge = knowledge
        self.spans = spans
        self.projects = spans.get("project", [])
        self.calls = spans.get("call", [])
        self.fields = fields
        self.yesno = yesno
        self.conditions: list[tuple[Condition, set[int]]] = []
        self.used_by_conditions: set[int] = set()
        self.excluded: list[Span] = []  # "other than CLUSGRID": projects left out, with the "not"

    def has(self, kind: str, value: Any = None) -> bool:
        found = self.spans.get(kind)
        if not found or value is None:
            return bool(found)
        return any(s.value == value for s in found)

    def get(self, kind: str, value: Any = None) -> list[Span]:
        found = self.spans.get(kind)
        if not found:
            return []
        return list(found) if value is None else [s for s in found if s.value == value]


def _looks_like_a_name(word: str) -> bool:
    """ "HYDROCLUST", "GALAXY5": typed like an acronym, so a name the bot does not know."""
    return len(word) > 2 and (word.isupper() or any(c.isdigit() for c in word))


def positions(spans: list[Span]) -> set[int]:
    return {i for s in spans for i in range(s.start, s.end)}


def positions_of(conditions: list[tuple[Condition, set[int]]]) -> set[int]:
    return {i for _, used in conditions for i in used}


def field_positions(facts: Facts, names: tuple[str, ...] | list[str]) -> set[int]:
    """Every place the question names one of these fields ("EU" ... "EU contribution"), or a
    field they cover (a share names the EU contribution and the total budget it divides)."""
    fields = facts.knowledge.fields
    family = set(names) | {c for n in names if n in fields for c in fields[n].covers}
    return positions([s for s in facts.spans.get("field", []) if s.value in family])


class Interpreter:
    def __init__(self, knowledge: Knowledge, page: PageText) -> None:
        self.k = knowledge
        self.page = page
        self.span_field = next(iter(knowledge.fields_of_kind("span")), None)
        self.money = knowledge.default_money_field
        self.readers: list[tuple[str, Callable[[Facts], Reading | None]]] = [
            ("converse", self.converse),
            ("unknowable", self.unknowable),
            ("explain", self.explain),
            ("arithmetic", self.arithmetic),
            ("check", self.check),
            ("compare", self.compare),
            ("lookup", self.lookup),
            ("calls", self.calls_read),
            ("aggregate", self.aggregate),
            ("count", self.count),
            ("rank", self.rank),
            ("list", self.list_read),
            ("call_info", self.call_info),
            ("programme", self.programme),
            ("passage", self.passage),
        ]

    # -- facts ------------------------------------------------------------------------------
    def facts(self, frame: Frame) -> Facts:
        spans: dict[str, list[Span]] = {}
        for s in frame.spans:
            spans.setdefault(s.kind, []).append(s)
        fields = spans.get("field", [])
        fields = [s for s in fields if s.weight >= 2] or fields[:1]
        subjects = {s.start for s in frame.spans if s.kind in ("project", "noun")}
        asks = {
            s.start
            for s in frame.spans
            if s.kind in ("field", "call_field")
            or (s.kind == "op" and s.value in ("quantity", "count", "card", "list", "topic"))
        }
        excluded = self.exclusions(frame)
        if excluded:  # the "not" of "other than CLUSGRID" negates no condition
            frame = frame.copy()
            negs = {(s.start, s.end) for s in excluded if s.kind == "neg"}
            frame.spans = [
                s._replace(kind="exclude") if (s.start, s.end) in negs and s.kind == "neg" else s
                for s in frame.spans
            ]
            spans = {}
            for s in frame.spans:
                spans.setdefault(s.kind, []).append(s)
        opening = 0  # "hey, can you tell me ..." opens the question without meaning anything
        for s in frame.spans:
            if s.start == opening and s.kind in ("filler", "conversation", "exclude"):
                opening = s.end
            elif s.start == opening and s.kind == "project" and s in excluded:
                opening = s.end  # "other than ECRI, are there ...?"
        pronouns = {s.start for s in spans.get("follow", []) if s.value == "pronoun"}
        joins = {s.end for s in frame.spans if s.kind == "conj" or s.value == "continue"}
        yesno = any(
            s.start == opening
            or (
                (s.end in subjects or (s.start in joins and s.end in pronouns))
                and not any(i < s.start for i in asks)  # "…, so did it start in 2016?"
            )
            for s in spans.get("yesno", [])
        )
        facts = Facts(frame, spans, fields, yesno, self.k)
        facts.excluded = excluded
        references = self.references(facts)
        if references or excluded:
            facts.projects = [p for p in facts.projects if p not in [*references, *excluded]]
        facts.conditions = (
            self.conditions(facts) + self.unpublished(facts) + self.compared(facts, references)
        )
        facts.conditions += self.field_comparisons(facts, positions_of(facts.conditions))
        facts.conditions += self.statistic_conditions(facts, positions_of(facts.conditions))
        facts.used_by_conditions = {i for _, used in facts.conditions for i in used}
        return facts

    def exclusions(self, frame: Frame) -> list[Span]:
        """ "other than SmartSports4GoodLife, which 2nd-call projects ...": a project right
        after a negation, in a question about projects, is left out of the rows; returns
        each such project span and its negation span."""
        rows = frame.find("noun", "project") or frame.find("call_field", "projects")
        if not rows:
            return []
        out: list[Span] = []
        for neg in frame.find("neg"):
            named = [s for s in frame.find("project") if s.start == neg.end]
            if named:
                out += [neg, named[0]]
        return out

    def exclusion(self, facts: Facts) -> tuple[tuple[str, ...], set[int]]:
        """The acronyms a question leaves out, and the words that say so."""
        named = [s for s in facts.excluded if s.kind == "project"]
        acronyms = tuple(dict.fromkeys(s.value.acronym for s in named))
        return acronyms, positions(facts.excluded)

    # -- conditions: a value with its comparator, field and negation ------------------------
    def conditions(self, facts: Facts) -> list[tuple[Condition, set[int]]]:
        frame = facts.frame
        values = [s for s in frame.spans if s.kind in VALUE_KINDS]
        out: list[tuple[Condition, set[int]]] = []
        skip: set[int] = set()
        for n, value in enumerate(values):
            if n in skip:
                continue
            used = set(range(value.start, value.end))
            cmp = self.comparator(frame, value)
            target: Any = value.value
            op = cmp.value if cmp else None
            if cmp:
                used |= set(range(cmp.start, cmp.end))
            if op == "between" and n + 1 < len(values) and values[n + 1].kind == value.kind:
                other = values[n + 1]
                target = (value.value, other.value)
                used |= set(range(value.end, other.end))
                skip.add(n + 1)
            elif op == "between" and cmp and (low := self.range_start(frame, cmp, value)):
                if value.kind != "duration":
                    continue  # "between 200 and 250k": which 200? not guessed, said so
                target = (Duration(float(low.value), value.value.unit), value.value)
                used |= set(range(cmp.end, value.start))  # "between 20 and 30 months"
            elif op == "between":
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
            if op == "until" and self.k.fields[name].kind != "span":
                op = "before"  # a day is not "until" anything: "ended until 2018"
            neg = self.negation(frame, value, values[n - 1].end if n else 0, min(used))
            if neg:
                used |= set(range(neg.start, neg.end))
            out.append((Condition(name, op, target, bool(neg)), used))
        return out + self.running_now(facts, values)

    def running_now(self, facts: Facts, values: list[Span]) -> list[tuple[Condition, set[int]]]:
        """ "is ECRI still running?", "which projects are active now?": today, when the
        question names a run and no other date."""
        runs = [f for f in facts.fields if self.k.fields[f.value].kind == "span"]
        now = facts.get("now")
        if not runs or not now or any(v.kind == "date" for v in values):
            return []
        today = dt.date.today()
        neg = self.negation(facts.frame, runs[0], 0)
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
            field_span = self.ordered_field(facts, set())
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
            neg = self.negation(facts.frame, cmp, 0, min(used))
            if neg:
                used |= set(range(neg.start, neg.end))
            out.append((Condition(name, op, value, bool(neg)), used))
        return out

    def field_comparisons(self, facts: Facts, taken: set[int]) -> list[tuple[Condition, set[int]]]:
        """ "projects whose EU contribution did not exceed their total budget": two figures
        of each project compared with each other, a filter on the rows. A named project
        makes it a yes/no about that project instead (``check_compare``)."""
        fields = self.selected_fields(facts)
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
        neg = self.negation(facts.frame, cmp, first.end if cmp.start >= first.end else 0)
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
            neg = self.negation(facts.frame, cmp, 0, field.start)
            if neg:
                used |= set(range(neg.start, neg.end))
            target = Statistic(str(stat.value))
            out.append((Condition(str(field.value), str(cmp.value), target, bool(neg)), used))
        return out

    def evaluator_value(self, project: Any, name: str) -> Any:
        return raw_value(self.k, project, name)

    def unpublished(self, facts: Facts) -> list[tuple[Condition, set[int]]]:
        """ "no full name given": a negated field with no value is a field left empty."""
        out = []
        for neg in [] if facts.has("now") else facts.get("neg"):  # "not running anymore"
            after = [f for f in facts.fields if 0 <= f.start - neg.end <= 1]
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
        return self.span_field

    @staticmethod
    def op_for(value: Span, op: str | None) -> str:
        if value.kind == "date":
            op = DATE_OPS.get(op or "", op)
            return op if op in ("during", "before", "after", "between", "until") else "during"
        if value.kind in ("amount", "percent") and op == "closest":
            return "closest"
        if op in ("during", "before", "after", "until", None):
            return "eq" if value.kind == "duration" or op is None else op
        return op

    @staticmethod
    def negation(frame: Frame, value: Span, floor: int, first: int | None = None) -> Span | None:
        """The "not" that governs a condition: inside it, or just before its first word."""
        first = value.start if first is None else first
        negs = [
            s
            for s in frame.spans
            if s.kind == "neg"
            and floor <= s.start < value.start
            and (s.start >= first or first - s.end <= 3)
        ]
        return negs[-1] if negs else None

    def simple_conditions(self, facts: Facts) -> tuple[list[Condition], set[int], Any]:
        """Filters proper (not "closest"), the words they use, and a "closest" target."""
        conds, used, closest = [], set[int](), None
        for cond, where in facts.conditions:
            used |= where
            if cond.op == "closest":
                closest = cond
            else:
                conds.append(cond)
        return conds, used, closest

    def call_conditions(self, facts: Facts) -> tuple[list[Condition], set[int]]:
        """A call named in a list question is a filter on the call field, maybe negated."""
        name = self.k.call_field
        conds: list[Condition] = []
        used: set[int] = set()
        if name is None:
            return conds, used
        named: set[int] = set()
        for span in facts.calls:
            neg = self.negation(facts.frame, span, 0)
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
                    neg = self.negation(facts.frame, ordinal, 0)
                    used |= set(range(ordinal.start, ordinal.end)) | positions(
                        facts.get("noun", "call")
                    )
                    if neg:
                        used |= set(range(neg.start, neg.end))
                    conds.append(Condition(name, "eq", int(ordinal.value), bool(neg)))
        return conds, used

    def selected_fields(self, facts: Facts, exclude: set[int] = frozenset()) -> list[Span]:  # type: ignore[assignment]
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

    def ordered_field(self, facts: Facts, exclude: set[int]) -> Span | None:
        for s in self.selected_fields(facts, exclude):
            if self.k.fields[s.value].kind in ORDERED_KINDS:
                return s
        return None

    def unnamed_field(self, facts: Facts) -> str | None:
        """The field a ranking or a total means when it names none ("which project got the
        most?"): the money field; but not when a word was not understood ("the total
        durations"), which may be the field the user meant."""
        return None if facts.frame.unknown else self.money

    # -- readers ----------------------------------------------------------------------------
    def converse(self, facts: Facts) -> Reading | None:
        acts = facts.get("conversation")
        if not acts:
            return None
        act = max(acts, key=lambda s: (s.value == "help", s.weight)).value
        return Reading(Query("converse", parts=(act,)), positions(acts))

    def unknowable(self, facts: Facts) -> Reading | None:
        spans = facts.get("unknowable")
        missing_call = [
            s for s in facts.get("ordinal") if int(s.value) not in self.k.calls_by_number
        ]
        if missing_call and facts.has("noun", "call"):
            used = set(range(len(facts.frame.words)))
            return Reading(Query("no_such_call", parts=(str(missing_call[0].value),)), used)
        if not facts.projects:  # "who is the contact person for the programme?"
            spans = sorted(spans + facts.get("not_on_page"), key=lambda s: s.start)
        if not spans:
            return None
        used = positions(spans) | positions(facts.get("noun")) | positions(facts.calls)
        used |= positions(facts.get("precise")) | positions(facts.get("programme"))
        words = tuple(facts.frame.typed(s.start, s.end) for s in spans)
        return Reading(Query("unknowable", words=words), used | positions(facts.fields))

    def explain(self, facts: Facts) -> Reading | None:
        terms = facts.get("term")
        if not terms or facts.projects:
            return None
        told = [s for s in facts.fields if self.k.fields[s.value].kind in ("text", "call")]
        used = positions(terms) | positions(told)  # the note says what it is and which call
        used |= positions(facts.calls) | positions(facts.get("noun"))
        used |= positions(facts.get("op", "card")) | positions(facts.get("programme"))
        if told or facts.has("op", "card"):  # "what does SME mean?": the note answers in
            used |= set(facts.frame.unknown_at)  # its own words; "which SME services …" not
        return Reading(Query("explain", parts=tuple(str(t.value) for t in terms)), used)

    def passage(self, facts: Facts) -> Reading | None:
        """A question about the page's prose: the passage sharing its rarest words."""
        if facts.projects or len(facts.calls) > 1:
            return None
        call = facts.calls[0].value.number if facts.calls else None
        words = facts.frame.words
        found = self.page.search(words, call)
        if found is None:
            return None
        used = {i for i, w in enumerate(words) if stem(w) in found.matched}
        used |= positions([s for s in facts.frame.spans if set(range(s.start, s.end)) & used])
        frame = facts.frame
        unknown = {i for i in frame.unknown_at if not _looks_like_a_name(frame.typed(i, i + 1))}
        if len(used) >= 2 and len(used) >= len(used | unknown) / 2:
            used |= unknown  # a good match answers the whole question in the page's words
        used |= positions(facts.calls) | positions(facts.get("noun"))
        query = Query("passage", calls=(call,) if call else (), words=(found.section, found.text))
        return Reading(query, used)

    def operands(self, facts: Facts) -> list[Operand]:
        """Each named project or call with the field written next to it."""
        subjects = sorted([*facts.projects, *facts.calls], key=lambda s: s.start)
        fields = [s for s in facts.spans.get("field", []) if s.weight >= 2] or facts.fields
        out: list[Operand] = []
        for subject in subjects:
            near = sorted(fields, key=lambda f: (abs(f.start - subject.start), f.start))
            before = [f for f in fields if f.end <= subject.start and subject.start - f.end <= 2]
            chosen = before[-1] if before and len(fields) > 1 else (near[0] if near else None)
            name = str(chosen.value) if chosen else self.money
            if name is None:
                continue
            if subject.kind == "project":
                out.append(Operand(name, project=subject.value.acronym))
            else:
                # a call's dates are not added up: the one its projects share, if they do
                summed = suits("sum", self.k.fields[name].kind)
                aggregate = "sum" if summed else "shared"
                out.append(Operand(name, call=subject.value.number, aggregate=aggregate))
        if len(out) == 1 and len(fields) == 2 and subjects[0].kind == "project":
            acronym = out[0].project
            return [Operand(str(f.value), project=acronym) for f in fields]
        return out

    def aggregate_operands(self, facts: Facts) -> list[Operand]:
        """ "the biggest and the smallest grant": two aggregates over the same rows."""
        ops = [s for s in facts.get("op") if s.value in (*ORDER_OPS, *AGGREGATE_OPS)]
        field_span = self.ordered_field(facts, set())
        name = str(field_span.value) if field_span else self.money
        if len(ops) != 2 or name is None:
            return []
        call = facts.calls[0].value.number if facts.calls else None
        return [Operand(name, call=call, aggregate=str(s.value)) for s in ops]

    def arithmetic(self, facts: Facts) -> Reading | None:
        arith = facts.get("arith")
        if not arith and not facts.conditions:  # "days between the start of A and the end of B"
            arith = [
                Span(s.start, s.end, "arith", "difference") for s in facts.get("cmp", "between")
            ]
        if not arith:
            return None
        kinds = [a.value for a in arith]
        op = next((k for k in ("overlap", "sum", "ratio") if k in kinds), "difference")
        operands = self.operands(facts)
        if len(operands) < 2:
            operands = self.aggregate_operands(facts)
        numeric = (*ORDERED_KINDS, "call")
        if any(self.k.fields[o.field].kind not in numeric for o in operands):
            return None
        if len(operands) != 2 or len(set(operands)) < 2:
            return None
        unit = next(
            (s.value for s in facts.get("unit") if s.value in ("days", "months", "years")), None
        )
        used = positions(arith) | positions(facts.projects) | positions(facts.calls)
        used |= positions(facts.spans.get("field", [])) | positions(facts.get("unit"))
        used |= positions(facts.get("cmp")) | positions(facts.get("op"))
        query = Query("arithmetic", operands=tuple(operands), arithmetic=op, unit=unit)
        return Reading(query, used)

    def check(self, facts: Facts) -> Reading | None:
        if not facts.yesno:
            return None
        projects = self.distinct_projects(facts)
        conds, used, _ = self.simple_conditions(facts)
        call_conds, call_used = self.call_conditions(facts)
        base = positions(facts.get("yesno")) | positions(facts.projects)
        if projects:
            return self.check_projects(facts, projects, base)
        if facts.calls and not facts.has("noun", "project"):
            return self.check_calls(facts, conds, base | used)
        if facts.has("noun", "call") and not facts.has("noun", "project") and conds:
            return Reading(
                Query("calls", conditions=tuple(conds)), base | used | positions(facts.get("noun"))
            )
        if conds or call_conds:
            query = Query("list", conditions=(*conds, *call_conds), parts=("exists",))
            return Reading(query, base | used | call_used | positions(facts.get("noun")))
        return None

    def check_calls(self, facts: Facts, conds: list[Condition], used: set[int]) -> Reading | None:
        """ "was the second call launched in 2016?", "was there a third call in 2018?" """
        numbers = tuple(dict.fromkeys(s.value.number for s in facts.calls))
        ordinals = facts.get("ordinal")
        if any(int(s.value) not in numbers for s in ordinals):
            return None  # "a fourth call in 2018": the call named is not the one counted
        if any(s.value != "year" for s in facts.get("call_field")):
            return None  # "was the second call about value chains?": its focus, not its year
        dated = tuple(c for c in conds if isinstance(c.value, When))
        used |= positions(facts.calls) | positions(ordinals) | positions(facts.get("noun"))
        used |= positions(facts.get("call_field"))
        return Reading(Query("calls", calls=numbers, conditions=dated), used)

    def check_projects(self, facts: Facts, projects: list[str], base: set[int]) -> Reading | None:
        """ "did ECRI get more than 150k?", "is CLUSGRID in the first call?", "has it ended?" """
        conds, used, _ = self.simple_conditions(facts)
        if not conds:
            conds, used = self.call_conditions(facts)
        if conds:
            query = Query("check", projects=tuple(projects), check=conds[0])
            return Reading(query, base | used | positions(facts.fields) | self.premise(facts))
        dated = [f for f in facts.fields if self.k.fields[f.value].kind == "date"]
        if dated and len(projects) == 1 and not facts.get("op"):  # "has CECIL finished?"
            today = dt.date.today()
            cond = Condition(str(dated[0].value), "before", When(today, today, "day"))
            query = Query("check", projects=tuple(projects), check=cond)
            return Reading(query, base | positions(dated) | positions(facts.get("now")))

        return self.check_compare(facts, projects, base)

    def premise(self, facts: Facts) -> set[int]:
        """ "ECRI, a second call project, did it ...": a call named beside the one project
        it holds for is said of the project, not asked; one that does not hold stays
        unexplained."""
        if len({s.value.acronym for s in facts.projects}) != 1 or self.k.call_field is None:
            return set()
        project = facts.projects[0].value
        held = [c for c in facts.calls if project.value(self.k.call_field) == c.value.number]
        if not held or len(held) < len(facts.calls):
            return set()
        nouns = facts.get("noun", "project") + facts.get("follow", "pronoun")
        return positions(held) | positions(nouns) | positions(facts.get("follow", "continue"))

    def check_compare(self, facts: Facts, projects: list[str], base: set[int]) -> Reading | None:
        """ "did A get the bigger grant (than B)?", "did A end on the same day as B?" """
        ops = [s for s in facts.get("op") if s.value in ORDER_OPS] + self.loose_comparators(facts)
        same = list(facts.get("same"))
        fields = self.selected_fields(facts)
        kinds = {self.k.fields[f.value].kind for f in fields}
        if len(projects) == 1 and len(fields) == 2 and ops and len(kinds) == 1:
            a, b = (str(f.value) for f in fields)
            query = Query(
                "compare_fields",
                projects=tuple(projects),
                fields=(a, b),
                order=Order(a, descending=ops[0].value == "max"),
            )
            return Reading(query, base | positions(facts.spans.get("field", [])) | positions(ops))
        if len(projects) < 2 or not (ops or same):
            return None
        name = str(fields[0].value) if fields else self.money
        if name is None:
            return None
        subject = (
            facts.projects[-1].value.acronym
            if len(facts.projects) > len(projects)
            else (projects[0])
        )
        if same and not ops:
            query = Query("compare", projects=tuple(projects), fields=(name,), parts=("same",))
            return Reading(query, base | positions(fields) | positions(same))
        order = Order(name, descending=ops[0].value == "max")
        query = Query(
            "compare",
            projects=tuple(projects),
            fields=(name,),
            order=order,
            parts=("check", subject),
        )
        used = base | positions(facts.spans.get("field", [])) | positions(ops) | positions(same)
        return Reading(query, used | positions(facts.get("op", "compare")))

    def loose_comparators(self, facts: Facts) -> list[Span]:
        """ "more than" with no value after it compares the named projects: "max"."""
        taken = facts.used_by_conditions
        return [
            Span(s.start, s.end, "op", "max" if s.value in ("gt", "ge", "after") else "min")
            for s in facts.get("cmp")
            if s.value in ("gt", "ge", "lt", "le", "after", "before") and s.start not in taken
        ]

    @staticmethod
    def distinct_projects(facts: Facts) -> list[str]:
        out: list[str] = []
        for span in facts.projects:
            if span.value.acronym not in out:
                out.append(span.value.acronym)
        return out

    def direction(self, facts: Facts) -> tuple[bool | None, set[int]]:
        """Whether the user wants the most (True) or the least (False), and the words."""
        dirs = facts.get("dir")
        if dirs:
            return dirs[-1].value == "desc", positions(dirs)
        taken = facts.used_by_conditions  # "more EU money than their budget": a filter
        ops = [s for s in facts.get("op") if s.value in ORDER_OPS and s.start not in taken]
        if not ops and len(facts.projects) > 1:
            ops = self.loose_comparators(facts)
        if ops:
            return ops[0].value == "max", positions(ops)
        limits = facts.get("limit")
        if limits and facts.get("number"):
            return limits[0].value == "top", positions(limits)
        return None, set()

    def compare(self, facts: Facts) -> Reading | None:
        projects = self.distinct_projects(facts)
        if len(projects) < 2:
            return None
        fields = self.selected_fields(facts)
        names = tuple(str(f.value) for f in fields) or ((self.money,) if self.money else ())
        desc, used = self.direction(facts)
        used |= positions(facts.get("ordinal"))
        if desc is None and facts.get("ordinal"):
            desc = False  # "which ended first"
        order = Order(names[0], descending=desc) if desc is not None and names else None
        query = Query("compare", projects=tuple(projects), fields=names, order=order)
        used |= positions(facts.projects) | positions(facts.spans.get("field", []))
        used |= positions(facts.get("op")) | positions(facts.get("yesno"))
        return Reading(query, used)

    def lookup(self, facts: Facts) -> Reading | None:
        projects = self.distinct_projects(facts)
        if not projects:
            return None
        if facts.has("not_on_page") and not facts.fields:
            words = tuple(str(s.value) for s in facts.get("not_on_page"))
            return Reading(
                Query("not_on_page", projects=tuple(projects[:1]), words=words),
                positions(facts.projects) | positions(facts.get("not_on_page")),
            )
        fields = self.selected_fields(facts)
        if facts.has("op", "card") and all(f.weight < 2 for f in fields):
            fields = []
        used = positions(facts.projects) | positions(facts.spans.get("field", []))
        used |= positions(facts.get("precise"))
        unit = next(
            (s.value for s in facts.get("unit") if s.value in ("days", "months", "years", "weeks")),
            None,
        )
        used |= positions(facts.get("unit"))
        if not fields:
            used |= positions(facts.get("op", "card")) | positions(facts.get("op", "topic"))
            described = any(s.weight < 2 for s in facts.projects)
            act = "topic" if described else "card"
            return Reading(Query(act, projects=tuple(projects[:1])), used)
        used |= positions([s for s in facts.get("op") if s.value in ("quantity", "card", "sum")])
        query = Query(
            "lookup",
            projects=tuple(projects),
            fields=tuple(str(f.value) for f in fields),
            unit=unit,
        )
        if facts.get("call_field"):
            used |= positions(facts.get("call_field"))
        return Reading(query, used)

    def calls_read(self, facts: Facts) -> Reading | None:
        """Calls are events with a year: "was there a call in 2016?", "calls after 2014"."""
        call_named = facts.has("noun", "call") or any(
            s.value == self.k.call_field for s in facts.fields
        )
        if not call_named or facts.has("noun", "project") or facts.projects:
            return None
        conds, used, _ = self.simple_conditions(facts)
        dated = [c for c in conds if isinstance(c.value, When)]
        if not dated:
            return None
        used |= positions(facts.get("noun")) | positions(facts.spans.get("field", []))
        return Reading(Query("calls", conditions=tuple(dated), parts=("list",)), used)

    def scope(self, facts: Facts) -> tuple[list[Condition], set[int], Any]:
        conds, used, closest = self.simple_conditions(facts)
        call_conds, call_used = self.call_conditions(facts)
        return [*conds, *call_conds], used | call_used, closest

    def aggregate(self, facts: Facts) -> Reading | None:
        taken = facts.used_by_conditions  # "above the average": a filter's value
        ops = [s for s in facts.get("op") if s.value in AGGREGATE_OPS and s.start not in taken]
        plural = [s for s in facts.get("noun", "project") if facts.frame.words[s.start][-1] == "s"]
        if not ops and facts.has("op", "quantity") and (plural or facts.calls):
            ops = facts.get("op", "quantity")
        money = [
            f
            for f in self.selected_fields(facts)
            if self.k.fields[f.value].kind in ("money", "difference", "ratio")
        ]
        if (
            not ops
            and facts.calls
            and money
            and not facts.projects
            and not facts.conditions  # "who in the 1st call got under 240k": rows, not a sum
            and not (
                facts.has("noun", "project")
                or facts.has("op", "list")
                or facts.has("call_field", "projects")
            )
        ):
            ops = [Span(money[0].start, money[0].start, "op", "sum")]  # "the 2nd call's budget"
        if not ops:
            return None
        conds, used, _ = self.scope(facts)
        field_span = self.ordered_field(facts, used)
        name = str(field_span.value) if field_span else self.unnamed_field(facts)
        agg = next((s.value for s in ops if s.value not in ("sum", "quantity")), "sum")
        if name is None or not suits(agg, self.k.fields[name].kind):
            return None  # "the total end date": dates are not added up
        used |= positions(plural)
        query = Query("aggregate", fields=(name,), conditions=tuple(conds), aggregate=agg)
        used |= positions(ops) | positions(facts.get("noun")) | field_positions(facts, [name])
        return Reading(query, used)

    def count(self, facts: Facts) -> Reading | None:
        if not facts.has("op", "count") or facts.projects:
            return None
        conds, used, _ = self.scope(facts)
        used |= positions(facts.get("op", "count")) | positions(facts.get("noun"))
        used |= positions(facts.fields)
        over = (
            "calls"
            if facts.has("noun", "call")
            and not (facts.has("noun", "project") or facts.has("call_field", "projects") or conds)
            else "projects"
        )
        if over == "calls" or (
            facts.has("noun", "call")
            and not facts.has("noun", "project")
            and not facts.has("call_field", "projects")
        ):
            dated = [c for c in conds if isinstance(c.value, When)]
            if dated:  # "how many calls were there after 2014?"
                return Reading(Query("calls", conditions=tuple(dated), parts=("count",)), used)
        return Reading(Query("count", conditions=tuple(conds), over=over), used)

    def rank(self, facts: Facts) -> Reading | None:
        conds, used, closest = self.scope(facts)
        desc, dir_used = self.direction(facts)
        ordinals = [s for s in facts.get("ordinal") if s.start not in used]
        ranking = facts.get("op", "rank")
        if desc is None and not ordinals and not ranking and closest is None:
            return None
        field_span = self.ordered_field(facts, used)
        if facts.has("follow", "more") and not (field_span or conds or ordinals or ranking):
            return None  # a lone "more" asks for more of the last answer, not a ranking
        if closest is not None:
            order = Order(closest.field, closest=closest.value, limit=1)
            used |= positions(facts.get("noun")) | positions(facts.spans.get("field", []))
            return Reading(Query("rank", conditions=tuple(conds), order=order), used)
        if field_span is None and desc is None and not ranking:
            return None  # "the first half of 2016": a lone ordinal ranks by no field it names
        name = str(field_span.value) if field_span else self.unnamed_field(facts)
        if name is None:
            return None
        dated = self.k.fields[name].kind == "date"
        # "last", "penultimate": counted from the end of the field's usual order (the
        # latest date, but the smallest amount), whatever else "last" may mean
        ends = [s for s in facts.get("limit", "bottom") if not self.counted(facts, s)]
        if desc is None or (ends and dir_used <= positions(ends)):
            desc = (not dated) ^ bool(ends)  # "the third to start" counts from the earliest
        limit: int | None = 1
        numbers = [s for s in facts.get("number") if 1 < s.value <= len(self.k.projects)]
        after = [n for n in numbers if any(n.start == s.end for s in facts.get("limit"))]
        numbers = after or numbers  # "all twelve ..., the first five": the five
        words = facts.frame.words
        counted = [  # "the three projects with the largest ...", "the two projects ..."
            r.start - 1
            for r in facts.get("noun", "project") + facts.get("call_field", "projects")
            if r.start > 0
            and words[r.start - 1].isdecimal()
            and 1 < int(words[r.start - 1]) <= len(self.k.projects)
        ]
        if counted and dir_used and not after:
            limit = int(words[counted[0]])
            used.add(counted[0])
        elif facts.get("limit") and numbers:
            limit = int(numbers[0].value)
            used |= positions(numbers[:1])
        elif ranking and not ordinals and not ends:  # "who is last in the ranking": one
            limit = None
        offset = int(ordinals[0].value) - 1 if ordinals else 0
        order = Order(name, descending=desc, offset=offset, limit=limit, stated=bool(dir_used))
        used |= dir_used | positions(ordinals) | positions(ranking) | positions(facts.get("noun"))
        used |= positions(facts.get("call_field", "projects"))  # "which projects ..."
        used |= positions(facts.get("op", "list"))  # "name the three ... with the largest"
        used |= field_positions(facts, [name]) | positions(facts.get("limit"))
        query = Query("rank", conditions=tuple(conds), order=order)
        both = {s.value for s in facts.get("op") if s.value in ORDER_OPS}
        if len(both) == 2 and facts.has("conj"):  # "the earliest and the latest start"
            other = Order(name, descending=not desc, limit=1)
            query = query.but(also=(query.but(order=other),))
            used |= positions(facts.get("op"))
        return Reading(query, used)

    @staticmethod
    def counted(facts: Facts, limit: Span) -> bool:
        """Whether a number follows a "top" or "bottom" ("bottom 3")."""
        return any(n.start == limit.end for n in facts.get("number"))

    def list_read(self, facts: Facts) -> Reading | None:
        conds, used, closest = self.scope(facts)
        if closest is not None:
            return None
        wants = (
            facts.has("noun", "project")
            or facts.has("op", "list")
            or facts.has("call_field", "projects")
        )
        if not facts.conditions and not wants:
            return None
        if facts.calls and not self.k.projects_in(facts.calls[0].value):
            query = Query("call_info", calls=(facts.calls[0].value.number,), parts=("projects",))
            return Reading(query, used | positions(facts.get("noun")) | positions(facts.fields))
        used |= positions(facts.get("noun")) | positions(facts.get("op", "list"))
        used |= positions(facts.get("call_field", "projects"))
        detail = self.ordered_field(facts, used) or next(
            iter(self.selected_fields(facts, used)), None
        )  # "which partners took part in the first call's projects?": each project's
        fields = (str(detail.value),) if detail else ()
        used |= field_positions(facts, fields)
        return Reading(Query("list", conditions=tuple(conds), fields=fields), used)

    def call_info(self, facts: Facts) -> Reading | None:
        if not facts.calls and not (facts.has("noun", "call") and not facts.fields):
            return None
        calls = tuple(s.value.number for s in facts.calls)
        parts = tuple(str(s.value) for s in facts.get("call_field") if s.value != "projects")
        used = (
            positions(facts.calls)
            | positions(facts.get("call_field"))
            | positions(facts.get("noun"))
        )
        used |= positions(facts.get("op", "card")) | positions(facts.get("precise"))
        if facts.has("precise"):
            parts = (*parts, "precise")
        return Reading(Query("call_info", calls=calls, parts=parts), used)

    def programme(self, facts: Facts) -> Reading | None:
        named = facts.get("programme")
        entity = [s for s in named if not isinstance(s.value, str)]
        topics = [s for s in named if s.value in ("funding", "source")]
        if (
            not (entity or topics or facts.has("noun", "programme"))
            or facts.projects
            or (facts.calls)
        ):
            return None
        parts = tuple(str(s.value) for s in named if isinstance(s.value, str))
        return Reading(
            Query("programme", parts=parts or ("description",)),
            positions(named) | positions(facts.get("noun")),
        )

    # -- the decision -----------------------------------------------------------------------
    def read(self, frame: Frame, facts: Facts | None = None) -> list[Reading]:
        """Every reader's reading of ``frame``, best first: a function of the question alone."""
        facts = facts or self.facts(frame)
        meaningful = self.meaningful(frame)
        readings: list[Reading] = []
        for name, reader in self.readers:
            if name == "passage" and any(r.score >= 1.0 for r in readings):
                continue  # the page's prose is looked up only for what is not yet explained
            reading = reader(facts)
            if reading is None:
                continue
            if facts.excluded and reading.query.act in ROWS_ACTS:
                left_out, said = self.exclusion(facts)
                reading.query = reading.query.but(exclude=left_out)
                reading.used |= said
            reading.name = name
            reading.score = self.score(reading.used, meaningful)
            readings.append(reading)
        order = {name: i for i, (name, _) in enumerate(self.readers)}
        readings.sort(key=lambda r: (-r.score, order[r.name]))
        for r in readings[:4]:
            logger.debug("reading %s %.2f %s", r.name, r.score, r.query)
        return readings

    def meaningful(self, frame: Frame) -> dict[int, float]:
        """Token positions that carry meaning, weighted: fillers count little, unknown words
        and modifiers fully, so a reading that ignores them scores low."""
        out: dict[int, float] = {}
        for s in frame.spans:
            if (
                s.kind in ("conj", "currency", "filler")
                or (s.kind, s.value) == ("gram", "verb")
                or (s.kind == "yesno" and s.start > 0)
            ):
                continue
            weight = 1.0 if s.kind in MODIFIERS else WEIGHTS.get(s.kind, 1.0)
            for i in range(s.start, s.end):
                out[i] = max(out.get(i, 0.0), weight)
        seen: set[str] = set()
        for i in frame.unknown_at:
            word = frame.words[i]
            out[i] = 0.0 if word in seen else (1.0 if len(word) > 4 else 0.5)
            seen.add(word)
        return out

    @staticmethod
    def score(used: set[int], meaningful: dict[int, float]) -> float:
        total = sum(meaningful.values())
        return sum(w for i, w in meaningful.items() if i in used) / total if total else 0.0

    def unexplained(self, frame: Frame, reading: Reading) -> list[Span]:
        """Modifier spans the chosen reading did not use: the bot must not ignore them."""
        return [
            s
            for s in frame.spans
            if (
                s.kind in MODIFIERS
                or (s.kind == "op" and s.value in STATISTICS | set(ORDER_OPS))
                or (s.kind == "cmp" and s.value in BOUNDS and s.end - s.start > 1)
            )
            and not set(range(s.start, s.end)) & reading.used
            and not self._harmless(frame, s, reading)
        ]

    @staticmethod
    def _harmless(frame: Frame, span: Span, reading: Reading) -> bool:
        if (
            span.kind == "neg"
            and span.value == "not"
            and reading.query.act in ("converse", "explain", "unknowable")
        ):
            return True
        if span.kind == "date" and reading.query.act in ("explain", "call_info", "unknowable"):
            return True
        if span.kind == "arith" and reading.query.act == "lookup":
            return any(s.kind == "conj" and s.start == span.start for s in frame.spans)
        return span.kind == "ordinal" and reading.query.act in ("compare", "call_info")
