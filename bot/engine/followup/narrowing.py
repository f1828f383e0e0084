"""Follow-ups that keep only some of the rows just shown: "and a total budget above 270k",
"only those that ended in 2018", "EU contribution over 212k" (narrowed), and "drop ECRI",
"remove the biggest one", "drop the 2020 one", "now drop the call-1 ones" (dropped)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from bot.engine.context import Context
from bot.engine.followup.scored import follow_up
from bot.engine.followup.shown import ShownEdits, on_field
from bot.engine.frame import When
from bot.engine.interpret import Facts, Reading, positions
from bot.engine.interpret.filters import RowFilters
from bot.engine.query import Condition, Query
from bot.engine.referents import list_shown
from bot.knowledge import Knowledge
from bot.normalise import tokens

# the answers whose rows a narrowing keeps asking about, the same way
NARROWED_ACTS = ("list", "count", "aggregate")


class Narrowing:
    """Which of the rows just shown a follow-up keeps."""

    def __init__(
        self,
        knowledge: Knowledge,
        filters: RowFilters,
        shown: ShownEdits,
        value: Callable[..., Any],
    ) -> None:
        self.k = knowledge
        self.value = value  # a project's figure, derived ones too
        self.filters = filters
        self.shown = shown
        words = knowledge.language
        self.narrowing = sorted({tuple(tokens(p)) for p in words.narrowing}, key=len)[::-1]
        self.excluding = sorted({tuple(tokens(p)) for p in words.excluding}, key=len)[::-1]
        self.asking = {tuple(tokens(p))[:1] for p in words.question_words}

    def narrowed(
        self, facts: Facts, prev: Query, context: Context, readings: Sequence[Reading] = ()
    ) -> Reading | None:
        """ "and a total budget above 270k", "with a budget over 282k", "only those that ended
        in 2018", "EU contribution over 212k" after a list: the rows just asked about that
        also meet the question's conditions (a test of a figure the last question tested
        replaces it; an amount said alone tests the figure the list showed)."""
        opening = self._opening(facts, self.narrowing)
        if opening is None or facts.projects or facts.calls:
            return None
        end, explicit = opening
        conds, used_by, _ = self.filters.scope(facts)
        fresh = readings[0].query if readings else None
        if not conds and explicit and fresh is not None and fresh.act == "tree":
            # "with the EU paying less than the total budget": a test the grammar composed,
            # of the rows just shown
            listed = tuple(context.listed)
            return self.shown.composed_of(readings[0], listed, set(), facts) if listed else None
        if not conds:
            return None
        last = self.shown.last_ordered_field(facts, context)
        if last is not None:
            conds = list(on_field(Query("list", conditions=tuple(conds)), last, self.k).conditions)
        joined = any(s.kind == "conj" and s.start == 0 for s in facts.frame.spans)  # "and ..."
        if not explicit and self._swaps(conds, context.last, joined):
            return None  # "and over 250k?" after a range, "sorry, total budget over 250k"
        used = used_by | positions(facts.get("follow")) | set(range(end))
        used |= positions([s for s in facts.get("yesno") if s.start < end])
        if prev.act in NARROWED_ACTS and not prev.projects:
            kept = [  # a figure tested again is tested anew, unless at its other end
                c
                for c in prev.conditions
                if not any(c.field == n.field and not _adds_to(n, [c]) for n in conds)
            ]
            query = prev.but(conditions=(*kept, *conds), page=0)
            return follow_up(query, used | positions(facts.get("noun")), facts.frame)
        shown = prev.act in ("rank", "tree") and len(context.listed) > 1  # (not two looked up)
        return self.shown.filtered(facts, used, context) if shown else None

    def dropped(self, facts: Facts, prev: Query, context: Context) -> Reading | None:
        """ "drop ECRI", "remove the biggest one", "drop the 2020 one", "now drop the call-1
        ones" after a list or a total: the same question without those of its rows."""
        opening = self._opening(facts, self.excluding)
        rows = list(context.listed)
        ranked = prev.act == "rank" and prev.order is not None  # (a top five, or all ranked)
        if opening is None or not opening[1] or len(rows) < 2:
            return None
        if prev.act not in NARROWED_ACTS and not ranked:
            return None
        extremes = positions([s for s in facts.get("op") if s.value in ("max", "min")])
        ops = [s for s in facts.get("op") if s.start not in extremes]
        ranked_by = extremes | {i + 1 for i in extremes}  # ("the cheapest one", "the biggest
        fields = [s for s in facts.fields if s.start not in ranked_by]  # EU recipient")
        if ops or fields or any((w,) in self.asking for w in facts.frame.words):
            return None  # "without ECRI, what's their total?": a question of its own
        gone = self._named(facts, rows) or self._called(facts, rows) or self._dated(facts, rows)
        gone = gone or self._extreme(facts, rows, context) or _top_rows(facts, prev, rows)
        if not gone or len(gone) >= len(rows):
            return None
        field = self.k.call_field
        if ranked and prev.order is not None:  # "drop X" from a top five: the four others
            kept = tuple(r for r in rows if r not in gone)
            query = prev.but(scope=kept, order=prev.order._replace(limit=None), page=0)
        elif facts.calls and field is not None:  # "drop the call-1 ones": said as a call
            calls = [Condition(field, "eq", s.value.number, negated=True) for s in facts.calls]
            query = prev.but(conditions=(*prev.conditions, *calls), page=0)
        else:
            query = prev.but(exclude=(*prev.exclude, *gone), page=0)
        spans = [s for s in facts.frame.spans if s.kind != "conj"]
        return follow_up(query, positions(spans) | set(range(opening[0])), facts.frame)

    def placed(self, facts: Facts, prev: Query, context: Context) -> Reading | None:
        """ "and the last three?", "just the first two" after a list: the same question of
        the rows in those places of the list shown."""
        rows = list(context.listed)
        prev = list_shown(context) or prev  # ("the middle two" after "the third one's budget")
        limits = positions(facts.get("limit"))  # ("the last two": not a run's "last")
        middle = _middle(facts, rows) if prev.act in ("list", "rank") else None
        if (prev.act != "list" and middle is None) or any(
            s.start not in limits for s in facts.fields
        ):
            return None
        # ("which are the middle two?": a question word before the verb asks no yes or no)
        asked = facts.frame.words[:1] and (facts.frame.words[0],) in self.asking
        yesno = [s for s in facts.get("yesno") if not (asked and s.start == 1)]
        asks = facts.conditions or yesno or facts.get("arith") or facts.get("dir")
        if facts.projects or facts.calls or asks:
            return None
        ends = positions(facts.get("ordinal")) | positions(facts.get("op", "max"))
        found = middle or _places(facts, rows, 2, ends)  # ("first", "last": not "top")
        if found is None:
            return None
        said, kept = found
        used = said | positions(facts.get("follow"))
        used |= positions(facts.get("noun")) | positions(facts.get("conj"))
        return follow_up(prev.but(scope=tuple(kept), page=0), used, facts.frame)

    @staticmethod
    def _named(facts: Facts, rows: list[str]) -> list[str]:
        names = [s.value.acronym for s in facts.projects]
        return names if names and all(n in rows for n in names) else []

    def _called(self, facts: Facts, rows: list[str]) -> list[str]:
        numbers = {s.value.number for s in facts.calls}
        field = self.k.call_field
        if not numbers or field is None:
            return []
        return [
            p.acronym
            for p in self.k.projects
            if p.acronym in rows and self.value(p, field) in numbers
        ]

    def _dated(self, facts: Facts, rows: list[str]) -> list[str]:
        """ "the 2020 one": the rows with a date in that year (or month), whichever date."""
        whens = [s.value for s in facts.get("date") if isinstance(s.value, When)]
        if len(whens) != 1 or facts.fields:
            return []
        when = whens[0]
        dates = [f for f, spec in self.k.fields.items() if spec.kind == "date"]

        def within(value: object) -> bool:
            return isinstance(value, dt.date) and when.first <= value <= when.last

        projects = [p for p in self.k.projects if p.acronym in rows]
        return [p.acronym for p in projects if any(within(self.value(p, f)) for f in dates)]

    def _extreme(self, facts: Facts, rows: list[str], context: Context) -> list[str]:
        """ "remove the biggest one": the row with the largest (smallest) figure shown."""
        ops = [str(s.value) for s in facts.get("op") if s.value in ("max", "min")]
        said = [str(s.value) for s in facts.fields]  # "the cheapest one": by its budget
        field = said[0] if len(said) == 1 else self.shown.last_ordered_field(facts, context)
        if len(ops) != 1 or field is None:
            return []
        values = {p.acronym: self.value(p, field) for p in self.k.projects if p.acronym in rows}
        if not all(isinstance(v, int | float | dt.date) for v in values.values()):
            return []
        best = (max if ops[0] == "max" else min)(values.values())
        top = [a for a, v in values.items() if v == best]
        return top if len(top) == 1 else []

    def _swaps(self, conds: list[Condition], prev: object, joined: bool = False) -> bool:
        """Whether a test said without "only" or "with" puts another in place of one the last
        question made of the same kind of value: the same figure tested again ("between 230k
        and 250k?", "and over 250k?"), another amount for an amount ("sorry, total budget
        over 250k"), another date for a date ("started in February?"). Joined by "and", a
        test of a figure not tested yet ("and total budget above 270k") or the other end of
        one tested once ("and less than 250k" after "more than 200k") narrows instead."""
        before = prev.conditions if isinstance(prev, Query) else ()
        if joined and all(_adds_to(c, before) for c in conds):
            return False
        kinds = {self.k.fields[c.field].kind for c in before if c.field in self.k.fields}
        return any(c.field in self.k.fields and self.k.fields[c.field].kind in kinds for c in conds)

    def _opening(self, facts: Facts, phrases: list[tuple[str, ...]]) -> tuple[int, bool] | None:
        """Where the words that open the question as a narrowing of the rows just shown end,
        and whether they say so ("only", "with", "and had", "drop"; not an "and" or a
        condition said alone: "EU contribution over 212k"); ``None`` when it asks afresh
        ("which projects ...", "did any ...")."""
        words = tuple(facts.frame.words)
        start = 0
        for s in sorted(facts.frame.spans):
            if s.start == start and s.kind in ("filler", "conversation", "now", "conj"):
                start = s.end
        found = next((p for p in phrases if words[start : start + len(p)] == p), None)
        if found is not None:
            return start + len(found), True
        asks = facts.has("noun") or facts.has("yesno") or words[start : start + 1] in self.asking
        return None if asks else (start, False)


# the two ends of a range: a test of one end, then of the other, keeps both
OTHER_END = {"gt": ("lt", "le"), "ge": ("lt", "le"), "lt": ("gt", "ge"), "le": ("gt", "ge")}


def _adds_to(cond: Condition, before: Sequence[Condition]) -> bool:
    """Whether ``cond`` adds to the tests ``before`` rather than replaces one: its figure is
    not tested yet, or tested once, at the other end ("more than 200k", "and less than 250k")."""
    same = [c for c in before if c.field == cond.field]
    return not same or (len(same) == 1 and same[0].op in OTHER_END.get(cond.op, ()))


def _top_rows(facts: Facts, prev: Query, rows: list[str]) -> list[str]:
    """ "remove the top two", "drop the bottom three" after a ranking: those rows of it."""
    found = _places(facts, rows, 1) if prev.act == "rank" else None
    return found[1] if found is not None else []


def _middle(facts: Facts, rows: list[str]) -> tuple[set[int], list[str]] | None:
    """The rows in the middle of ``rows`` that "the middle two" says, when as many rows
    stand before them as after them."""
    counts = {s.start: s for s in facts.get("number")}
    for middle in facts.get("follow", "middle"):
        count = counts.get(middle.end)
        n = int(count.value) if count is not None else 0
        if count is not None and 2 <= n < len(rows) and (len(rows) - n) % 2 == 0:
            at = (len(rows) - n) // 2
            return set(range(middle.start, count.end)), rows[at : at + n]
    return None


def _places(
    facts: Facts, rows: list[str], least: int, ends: set[int] | None = None
) -> tuple[set[int], list[str]] | None:
    """The first (last) few rows of ``rows`` a limit and a count said ("the top two", "the
    last three"), from ``least`` to one fewer than all, with the words that said them; a
    limit only where it starts at one of ``ends`` when given."""
    counts = {s.start: s for s in facts.get("number")}
    for limit in facts.get("limit"):
        count = counts.get(limit.end)
        if count is None or (ends is not None and limit.start not in ends):
            continue
        n = int(count.value)
        if least <= n < len(rows):
            kept = rows[:n] if limit.value == "top" else rows[-n:]
            return set(range(limit.start, count.end)), kept
    return None
