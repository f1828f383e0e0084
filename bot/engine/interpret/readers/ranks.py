"""The reader of rankings: "which project got the most", "the third to start", "bottom 3 by
total budget", "closest to 250k", "the earliest and the latest start"."""

from __future__ import annotations

from bot.engine.frame import Span
from bot.engine.interpret.fields import Fields, direction
from bot.engine.interpret.filters import RowFilters
from bot.engine.interpret.question import (
    ORDER_OPS,
    Facts,
    Reading,
    field_positions,
    positions,
    sized_tops,
)
from bot.engine.query import Order, Query
from bot.knowledge import Knowledge


class RankReader:
    """Projects in the order of one figure, and which of them are asked for."""

    def __init__(self, knowledge: Knowledge, fields: Fields, filters: RowFilters) -> None:
        self.k = knowledge
        self.fields = fields
        self.filters = filters

    def rank(self, facts: Facts) -> Reading | None:
        conds, used, closest = self.filters.scope(facts)
        desc, dir_used = direction(facts)
        ordinals = [s for s in facts.get("ordinal") if s.start not in used]
        ranking = facts.get("op", "rank")
        if desc is None and not ordinals and not ranking and closest is None:
            return None
        field_span = self.fields.ordered(facts, used)
        if facts.has("follow", "more") and not (field_span or conds or ordinals or ranking):
            return None  # a lone "more" asks for more of the last answer, not a ranking
        if closest is not None:
            order = Order(closest.field, closest=closest.value, limit=1)
            used |= positions(facts.get("noun")) | positions(facts.spans.get("field", []))
            return Reading(Query("rank", conditions=tuple(conds), order=order), used)
        if field_span is None and desc is None and not ranking:
            return None  # "the first half of 2016": a lone ordinal ranks by no field it names
        name = str(field_span.value) if field_span else self.fields.unnamed(facts)
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
        beside = [n for n in sized_tops(facts) if n in numbers]
        if counted and dir_used and not after:
            limit = int(words[counted[0]])
            used.add(counted[0])
        elif beside and not after:  # "the three largest", "the largest three"
            limit = int(beside[0].value)
            used |= positions(beside[:1])
        elif facts.get("limit") and numbers:
            limit = int(numbers[0].value)
            used |= positions(numbers[:1])
        elif (ranking or self.sorting(facts)) and not ordinals and not ends:
            limit = None  # "who is last in the ranking": one; "from low to high": all
        offset = int(ordinals[0].value) - 1 if ordinals else 0
        order = Order(
            name,
            descending=desc,
            offset=offset,
            limit=limit,
            stated=bool(dir_used),
            assumed=field_span is None,
        )
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
    def sorting(facts: Facts) -> bool:
        """ "from cheapest to most expensive", "in chronological order": an order asked for
        by itself, with no superlative ("the cheapest") picking one."""
        picked = any(s.value in ("max", "min") for s in facts.get("op"))
        return bool(facts.get("dir")) and not picked

    @staticmethod
    def counted(facts: Facts, limit: Span) -> bool:
        """Whether a number follows a "top" or "bottom" ("bottom 3")."""
        return any(n.start == limit.end for n in facts.get("number"))
