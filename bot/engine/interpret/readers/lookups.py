"""The reader of facts about named projects: "what did CLUSGRID get from the EU", "ECRI's
end date in days", a project's card, a word the page does not have for it."""

from __future__ import annotations

from bot.engine.frame import Span
from bot.engine.interpret.fields import Fields
from bot.engine.interpret.question import Facts, Reading, distinct_projects, positions
from bot.engine.query import Query
from bot.knowledge import Knowledge


class LookupReader:
    """Facts about the projects a question names."""

    def __init__(self, knowledge: Knowledge, fields: Fields) -> None:
        self.k = knowledge
        self.fields = fields
        self.run = next(iter(knowledge.fields_of_kind("span")), None)  # "how many days"

    def lookup(self, facts: Facts) -> Reading | None:
        projects = distinct_projects(facts)
        if not projects:
            return None
        if facts.has("not_on_page"):  # "was its end date extended?": what the page lacks
            words = tuple(str(s.value) for s in facts.get("not_on_page"))
            used = positions(facts.projects) | positions(facts.get("not_on_page"))
            # (a weak verb names no figure beside it: "what evaluation score did TCE get?")
            asked = tuple(str(s.value) for s in self.fields.selected(facts) if s.weight >= 2)
            return Reading(
                Query("not_on_page", projects=tuple(projects[:1]), fields=asked, words=words),
                used | positions(facts.spans.get("field", [])),
            )
        fields = self.fields.selected(facts)
        if facts.has("op", "card") and all(f.weight < 2 for f in fields):
            fields = []
        # "how many months longer did X run?": a comparative read as its field still
        # compares, with nothing a lookup can say
        comparing = positions(facts.get("gram", "more") + facts.get("gram", "less"))
        used = positions(facts.projects) | positions(facts.spans.get("field", [])) - comparing
        used |= positions(facts.get("precise"))
        unit = next(
            (s.value for s in facts.get("unit") if s.value in ("days", "months", "years", "weeks")),
            None,
        )
        used |= positions(facts.get("unit"))
        counted = facts.get("op", "count") + facts.get("op", "quantity")
        if not fields and unit in ("days", "weeks") and counted:  # "X: how many days in total"
            fields = [Span(s.start, s.end, "field", self.run) for s in facts.get("unit")[:1]]
            fields = fields if self.run else []
        if unit is not None:
            used |= positions(counted)
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
