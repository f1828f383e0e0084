"""Readers of named projects weighed against each other: "compare ECRI and CLUSGRID",
"which ended first", "did A get the bigger grant than B?", "more EU money than its budget?"."""

from __future__ import annotations

from bot.engine.frame import degree_of
from bot.engine.interpret.fields import Fields, direction, loose_comparators
from bot.engine.interpret.question import ORDER_OPS, Facts, Reading, distinct_projects, positions
from bot.engine.query import Order, Query
from bot.knowledge import Knowledge


class ComparisonReaders:
    """Named projects weighed against each other, on one figure or two."""

    def __init__(self, knowledge: Knowledge, fields: Fields) -> None:
        self.k = knowledge
        self.fields = fields
        self.money = knowledge.default_money_field
        self.alternatives = frozenset(knowledge.language.alternatives)

    def compare(self, facts: Facts) -> Reading | None:
        projects = distinct_projects(facts)
        if len(projects) < 2:
            return None
        fields = self.fields.selected(facts)
        names = tuple(str(f.value) for f in fields) or ((self.money,) if self.money else ())
        desc, used = direction(facts)
        used |= positions(facts.get("ordinal"))
        if desc is None and facts.get("ordinal"):
            desc = False  # "which ended first"
        order = Order(names[0], descending=desc) if desc is not None and names else None
        query = Query("compare", projects=tuple(projects), fields=names, order=order)
        used |= positions(facts.projects) | positions(facts.spans.get("field", []))
        used |= positions(facts.get("op")) | positions(facts.get("yesno"))
        return Reading(query, used)

    def check_compare(self, facts: Facts, projects: list[str], base: set[int]) -> Reading | None:
        """ "did A get the bigger grant (than B)?", "did A end on the same day as B?" """
        ops = [s for s in facts.get("op") if s.value in ORDER_OPS] + loose_comparators(facts)
        same = list(facts.get("same"))
        fields = self.fields.selected(facts)
        kinds = {self.k.fields[f.value].kind for f in fields}
        if len(projects) == 1 and len(fields) == 2 and ops and len(kinds) == 1:
            a, b = _subject_first(facts, [str(f.value) for f in fields], ops[0].start)
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
        if len(projects) > 2:
            return None  # "was A more than B ... C?": not one figure checked against another
        order = Order(name, descending=ops[0].value == "max")
        far = degree_of(
            facts.frame, self.k.language.degree_after
        )  # "much bigger?": whether by a lot, too
        # "is CECIL or MATERIALIX the one with more?": which of the two, not a claim of one
        offered = self.alternatives & set(
            facts.frame.words[facts.projects[0].end : facts.projects[-1].start]
        )
        checked = (
            () if offered else ("check", subject, str(far.value)) if far else ("check", subject)
        )
        query = Query(
            "compare", projects=tuple(projects), fields=(name,), order=order, parts=checked
        )
        used = base | positions(facts.spans.get("field", [])) | positions(ops) | positions(same)
        used |= positions([far] if far else [])
        return Reading(query, used | positions(facts.get("op", "compare")))


def _subject_first(facts: Facts, names: list[str], at: int) -> tuple[str, str]:
    """Of two fields compared, the one said before the comparison is the subject ("did ECRI
    get more than its total budget from the EU": "get" says the EU contribution first)."""
    before = {str(s.value) for s in facts.frame.spans if s.kind == "field" and s.end <= at} & set(
        names
    )
    a, b = names
    if len(before) == 1 and b in before:
        return b, a
    return a, b
