"""The reader of yes/no questions: about named projects ("did ECRI get more than 150k?",
"has CECIL finished?"), about calls ("was the second call launched in 2016?"), and whether
any project meets a condition."""

from __future__ import annotations

import datetime as dt

from bot.engine.frame import When, degree_of
from bot.engine.interpret.filters import RowFilters
from bot.engine.interpret.question import Facts, Reading, distinct_projects, positions
from bot.engine.interpret.readers.comparisons import ComparisonReaders
from bot.engine.query import Condition, Query
from bot.knowledge import Knowledge


def _of_every(facts: Facts) -> bool:
    """ "was every second-call project co-financed at 75%?": a claim of each project, which
    "is there one" does not answer."""
    sets = [*facts.get("noun", "project"), *facts.calls, *facts.get("call_field")]
    rows = {s.start for s in sets}
    return any(s.end in rows for s in [*facts.get("gram", "all"), *facts.get("gram", "each")])


def _counted_claim(facts: Facts) -> bool:
    """ "did the first call have three projects?": a claim of how many, which "is there
    one" does not answer."""
    rows = {s.start for s in [*facts.get("noun", "project"), *facts.get("call_field")]}
    return any(s.end in rows for s in facts.get("number"))


class CheckReader:
    """Yes/no questions; one that weighs named projects is left to ``ComparisonReaders``."""

    def __init__(
        self, knowledge: Knowledge, filters: RowFilters, comparisons: ComparisonReaders
    ) -> None:
        self.k = knowledge
        self.filters = filters
        self.comparisons = comparisons

    def check(self, facts: Facts) -> Reading | None:
        if not facts.yesno:
            return None
        projects = distinct_projects(facts)
        conds, used, _ = self.filters.simple(facts)
        call_conds, call_used = self.filters.calls(facts)
        base = positions(facts.get("yesno")) | positions(facts.projects)
        if projects:
            return self.check_projects(facts, projects, base)
        if facts.calls and not facts.has("noun", "project"):
            return self.check_calls(facts, conds, base | used)
        if facts.has("noun", "call") and not facts.has("noun", "project") and conds:
            return Reading(
                Query("calls", conditions=tuple(conds)), base | used | positions(facts.get("noun"))
            )
        if (conds or call_conds) and not _of_every(facts) and not _counted_claim(facts):
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
        conds, used, closest = self.filters.simple(facts)
        if not conds and closest is not None and len(projects) == 1:  # "about 249k?"
            conds = [closest._replace(op="about")]
        if not conds:
            conds, used = self.filters.calls(facts)
        if conds:
            far = degree_of(
                facts.frame, self.k.language.degree_after
            )  # "much more than 150k?": by how much, too
            parts = (str(far.value),) if far else ()
            query = Query("check", projects=tuple(projects), check=conds[0], parts=parts)
            used |= positions([far] if far else [])
            return Reading(query, base | used | positions(facts.fields) | self.premise(facts))
        dated = [f for f in facts.fields if self.k.fields[f.value].kind == "date"]
        if dated and len(projects) == 1 and not facts.get("op"):  # "has CECIL finished?"
            today = dt.date.today()
            cond = Condition(str(dated[0].value), "before", When(today, today, "day"))
            query = Query("check", projects=tuple(projects), check=cond)
            return Reading(query, base | positions(dated) | positions(facts.get("now")))

        return self.comparisons.check_compare(facts, projects, base)

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
