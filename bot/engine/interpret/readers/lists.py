"""Readers of questions over rows of projects: lists with filters ("projects that ended in
2018"), counts ("how many ..."), and figures over the rows ("the median budget")."""

from __future__ import annotations

from bot.engine.aggregates import AGGREGATE_OPS, suits
from bot.engine.frame import Span, When
from bot.engine.interpret.fields import Fields
from bot.engine.interpret.filters import RowFilters
from bot.engine.interpret.question import Facts, Reading, field_positions, positions
from bot.engine.query import Query
from bot.knowledge import Knowledge


class ListReaders:
    """Rows of projects: listed, counted, or reduced to one figure."""

    def __init__(self, knowledge: Knowledge, fields: Fields, filters: RowFilters) -> None:
        self.k = knowledge
        self.fields = fields
        self.filters = filters
        self.money = knowledge.default_money_field

    def list_read(self, facts: Facts) -> Reading | None:
        conds, used, closest = self.filters.scope(facts)
        if closest is not None:
            return None
        wants = (
            facts.has("noun", "project")
            or facts.has("op", "list")
            or facts.has("call_field", "projects")
        )
        if not facts.conditions and not wants:
            return None
        if not conds and self._calls_only(facts):
            return None  # "list the calls": the calls themselves, not their projects
        if facts.calls and not self.k.projects_in(facts.calls[0].value):
            query = Query("call_info", calls=(facts.calls[0].value.number,), parts=("projects",))
            return Reading(query, used | positions(facts.get("noun")) | positions(facts.fields))
        # "which calls had projects that ...": a list of projects does not answer a call word
        used |= positions(facts.get("noun", "project")) | positions(facts.get("op", "list"))
        used |= positions(facts.get("call_field", "projects"))
        if facts.has("op", "list") or facts.has("gram", "all"):  # "all the projects of ..."
            used |= _of_the_programme(facts)
        rows = {s.start for s in [*facts.get("noun", "project"), *facts.get("call_field")]}
        fillers = positions(facts.get("filler"))  # "all twelve projects": all of them
        alls = facts.get("gram", "all")
        used |= positions(
            [s for s in alls if s.end in rows or (s.end in fillers and s.end + 1 in rows)]
        )
        detail = self.fields.ordered(facts, used) or next(
            iter(self.fields.selected(facts, used)), None
        )  # "which partners took part in the first call's projects?": each project's
        fields = (str(detail.value),) if detail else ()
        used |= field_positions(facts, fields)
        return Reading(Query("list", conditions=tuple(conds), fields=fields), used)

    @staticmethod
    def _calls_only(facts: Facts) -> bool:
        return facts.has("noun", "call") and not (
            facts.has("noun", "project") or facts.has("call_field", "projects") or facts.fields
        )

    def count(self, facts: Facts) -> Reading | None:
        if not facts.has("op", "count") or facts.projects:
            return None
        if facts.get("unit") and not (facts.get("noun") or facts.get("call_field")):
            return None  # "how many weeks?": a length, not a number of projects
        conds, used, _ = self.filters.scope(facts)
        counted = facts.get("noun") or facts.get("call_field")
        if not counted and [s for s in facts.fields if s.weight >= 2 and s.start not in used]:
            return None  # "how many different start dates?": values of a field, not projects
        used |= positions(facts.get("op", "count")) | positions(facts.get("noun", "project"))
        used |= positions(facts.fields) | _of_the_programme(facts)
        # "how many projects does the page list in total?": counted, listed, in all (a total
        # that ends the question; one before more words may ask for a sum as well)
        end = len(facts.frame.words)
        used |= positions(facts.get("op", "list"))
        used |= positions([s for s in facts.get("op", "sum") if s.end == end])
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
                used |= positions(facts.get("noun", "call"))
                return Reading(Query("calls", conditions=tuple(dated), parts=("count",)), used)
        if over == "calls":
            used |= positions(facts.get("noun", "call"))
        return Reading(Query("count", conditions=tuple(conds), over=over), used)

    def aggregate(self, facts: Facts) -> Reading | None:
        taken = facts.used_by_conditions  # "above the average": a filter's value
        ops = [s for s in facts.get("op") if s.value in AGGREGATE_OPS and s.start not in taken]
        plural = [s for s in facts.get("noun", "project") if facts.frame.words[s.start][-1] == "s"]
        if not ops and facts.has("op", "quantity") and (plural or facts.calls):
            ops = facts.get("op", "quantity")
        money = [
            f
            for f in self.fields.selected(facts)
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
        conds, used, _ = self.filters.scope(facts)
        field_span = self.fields.ordered(facts, used)
        if field_span is None and facts.has("op", "count"):
            return None  # "how many projects does the page list in total?": a count
        name = str(field_span.value) if field_span else self.fields.unnamed(facts)
        agg = next((s.value for s in ops if s.value not in ("sum", "quantity")), "sum")
        if name is None or not suits(agg, self.k.fields[name].kind):
            return None  # "the total end date": dates are not added up
        used |= positions(plural)
        asking = [*facts.get("op", "card"), *facts.get("programme", "description")]
        used |= positions([s for s in asking if s.start == 0])  # "what was the EU total?"
        query = Query("aggregate", fields=(name,), conditions=tuple(conds), aggregate=agg)
        if field_span is None:  # "the total for call 1": of the EU money, and of the budget
            others = self.fields.alternatives(name)
            query = query.but(also=tuple(query.but(fields=(other,)) for other in others))
        used |= positions(ops) | positions(facts.get("noun")) | field_positions(facts, [name])
        return Reading(query, used)


def _of_the_programme(facts: Facts) -> set[int]:
    """ "all the projects in the programme", "how many projects does the programme have":
    the programme named beside the projects is all of them, not a question about it."""
    if not facts.has("noun", "project"):
        return set()
    return positions([s for s in facts.get("programme") if not isinstance(s.value, str)])
