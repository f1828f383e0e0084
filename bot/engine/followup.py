"""Follow-ups edit the last ``Query``: they replace what they state and keep the rest.

"and the least?" flips the order and keeps the call; "and by total budget?" swaps the
field; "which of them ..." filters the last list; "its end date?" keeps the project;
"and ECRI?" asks the last question about another project; "the fourth one", "it", "that
call" are read again with the project or call they point at in their place.

Only a fragment continues: one marked as going on (an opening "and", "what about"), one
that points back ("it", "those", "which one"), or a bare order ("smallest?"). A complete
question starts afresh, with no project, call or filter of the last one.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.engine import thresholds
from bot.engine.context import Context
from bot.engine.evaluate import AGGREGATE_OPS, suits
from bot.engine.frame import Frame, Span
from bot.engine.interpret import Facts, Interpreter, Reading, positions
from bot.engine.interpret.decide import meaningful, score
from bot.engine.interpret.fields import direction
from bot.engine.query import Condition, Operand, Order, Query
from bot.engine.referents import PROJECT_ACTS, TABLE_ACTS, Referents
from bot.knowledge import Knowledge
from bot.knowledge.plain import ORDERED_KINDS

PAGED_ACTS = ("rank", "list", "count")  # answers that can run to more than one page
COMPARING = ("compare", "check", "arithmetic", "compare_fields")  # acts that weigh a figure


class FollowUps:
    def __init__(self, knowledge: Knowledge, interpreter: Interpreter) -> None:
        self.k = knowledge
        self.i = interpreter
        self.fields = interpreter.fields
        self.filters = interpreter.filters
        self.r = Referents(knowledge)

    def edit(
        self, frame: Frame, readings: Sequence[Reading], context: Context, facts: Facts
    ) -> Reading | None:
        prev = context.last
        shown = self.of_the_shown(facts, readings, context)
        if shown is not None:
            return shown
        if not isinstance(prev, Query):  # a card opened from a menu sets only the projects
            prev = Query("card", projects=tuple(context.projects)) if context.projects else None
        if prev is None:
            return None
        if facts.projects:
            return self.other_project(facts, prev, frame) or self.resolved(facts, prev, context)
        switched = self.other_call(facts, prev)
        if switched is not None or facts.calls or facts.conditions or facts.has("term"):
            # "was it more than 200k?": the question about the last project
            return switched or self.resolved(facts, prev, context)
        complete = any(r.score >= thresholds.READING_MIN for r in readings)
        if complete and not self.r.fragment(facts):
            return None  # a question that stands on its own starts afresh
        return self.without_subject(facts, prev, context, readings)

    def of_the_shown(
        self, facts: Facts, readings: Sequence[Reading], context: Context
    ) -> Reading | None:
        """A question about what the last answer showed: "more", "by how much?", "the
        fourth one", "which of those ...", "which one is bigger?", "how many is that?"."""
        prev = context.last
        paged = self.next_page(facts, prev) if facts.has("follow", "more") else None
        if paged is not None:
            return paged
        if isinstance(prev, Query) and facts.has("arith") and not facts.projects:
            difference = self.how_much(facts, prev)
            if difference is not None:
                return difference
        nth = self.r.nth_shown(facts, context)
        if nth is not None:
            return self.reread(facts, nth, prev=prev if isinstance(prev, Query) else None)
        if self.r.beyond_shown(facts, context):  # "the seventh one" of six: not guessed
            return Reading(readings[0].query, set(), 0.0, "follow-up") if readings else None
        if (context.listed or context.listed_from) and (
            facts.has("follow", "plural")
            or self.r.points_at_rows(facts, prev, context)
            or (self.r.which_one(facts) and len(context.listed) > 1)
        ):
            return self.among(facts, readings, context)
        return None

    def how_much(self, facts: Facts, prev: Query) -> Reading | None:
        """ "by how much?" after two projects compared on one figure; "how much more is the
        total budget?" after two figures of one project: the difference (sum, ratio)."""
        arith = facts.get("arith")
        op = str(arith[0].value)
        named = [str(s.value) for s in self.fields.selected(facts)]
        if op not in ("difference", "sum", "ratio") or len(prev.fields) != 1:
            return None
        name = prev.fields[0]
        if prev.act == "compare" and len(prev.projects) == 2 and named in ([], [name]):
            first, second = prev.projects
            operands = (Operand(name, project=first), Operand(name, project=second))
        elif prev.act == "lookup" and len(prev.projects) == 1 and len(named) == 1:
            kinds = {self.k.fields[n].kind for n in (name, named[0])}
            if named[0] == name or len(kinds) != 1 or kinds - set(ORDERED_KINDS):
                return None
            project = prev.projects[0]
            operands = (Operand(named[0], project=project), Operand(name, project=project))
        else:
            return None
        query = Query("arithmetic", operands=operands, arithmetic=op)
        used = positions(arith) | positions(facts.get("follow")) | positions(facts.fields)
        return self.reading(query, used, facts.frame)

    def next_page(self, facts: Facts, prev: object) -> Reading | None:
        """ "more", "next": the next page of the last list (a count's names: the list), the
        next one after "which got the most?", the projects behind a total, more about the
        last project (its card)."""
        if not isinstance(prev, Query):
            return None
        if facts.projects or facts.fields or facts.calls or facts.conditions:
            return None  # "more than 200k", "more for CLUSGRID": not a page
        order = prev.order
        if prev.act == "rank" and order is not None and order.limit == 1 and not order.closest:
            query = prev.but(order=order._replace(offset=order.offset + 1))
        elif prev.act in PAGED_ACTS:
            query = prev.but(act="list") if prev.act == "count" else prev.but(page=prev.page + 1)
        elif prev.act == "aggregate":  # the projects behind a total, with their figures
            query = Query("list", fields=prev.fields, conditions=prev.conditions, scope=prev.scope)
        elif prev.act in PROJECT_ACTS and prev.act != "card" and prev.projects:
            query = Query("card", projects=prev.projects)
        else:
            return None
        return self.reading(query, positions(facts.get("follow", "more")), facts.frame)

    def without_subject(
        self, facts: Facts, prev: Query, context: Context, readings: Sequence[Reading] = ()
    ) -> Reading | None:
        """A question that names no subject of its own takes the last one's."""
        resolved = self.resolved(facts, prev, context)
        if resolved is not None:
            return resolved
        if facts.has("noun", "call") and (facts.has("follow", "pronoun") or facts.has("neg")):
            return self.that_call(facts, context)
        if prev.act in PROJECT_ACTS and prev.projects:
            return self.same_projects(facts, prev)
        if prev.act in TABLE_ACTS:
            return (
                self.count_rows(facts, prev)
                or self.in_parts(facts, prev, readings)
                or self.same_rows(facts, prev)
                or self.over_rows(facts, readings, context)
            )
        return None

    def over_rows(
        self, facts: Facts, readings: Sequence[Reading], context: Context
    ) -> Reading | None:
        """ "smallest?" after a plain list: the question's own ranking or statistic over the
        rows shown."""
        table = readings and readings[0].query.act in TABLE_ACTS
        if not table or not (context.listed or context.listed_from):
            return None
        return self.among(facts, readings, context)

    def in_parts(self, facts: Facts, prev: Query, readings: Sequence[Reading]) -> Reading | None:
        """ "and the earliest and the latest end?": a question in several parts, each over
        the last question's rows."""
        best = readings[0] if readings else None
        if best is None or best.query.act not in TABLE_ACTS or not best.query.also:
            return None
        rows = {"conditions": prev.conditions, "scope": prev.scope, "exclude": prev.exclude}
        also = tuple(part.but(**rows) for part in best.query.also)
        query = best.query.but(also=also, **rows)
        return self.reading(query, best.used | positions(facts.get("follow")), facts.frame)

    def resolved(self, facts: Facts, prev: Query, context: Context) -> Reading | None:
        """ "how long did that one last?", "what did it focus on?", "the median for that
        call?": the question read again with the one project or call the last answer was
        about in the pronoun's place. Nothing when the last answer was about several."""
        pronouns = facts.get("follow", "pronoun")
        if len(pronouns) != 1 or facts.calls or facts.has("neg"):
            return None
        pronoun = pronouns[0]
        nouns = [s for s in facts.get("noun", "call") if s.start == pronoun.end]
        if nouns and not facts.projects:  # "that call"
            number = self.r.last_call(prev, context)
            call = self.k.calls_by_number.get(number) if number is not None else None
            subject = Span(pronoun.start, nouns[0].end, "call", call) if call else None
        else:
            subject = self.r.last_subject(pronoun, prev, context)
        if subject is None:
            return None
        # beside another name, "it" is the last project only when the two are compared
        # ("how does it compare with CLUSGRID?"); "CECIL, when did it end?" means CECIL
        acts = COMPARING if facts.projects else None
        reading = self.reread(facts, subject, acts)
        field = self.r.last_field(prev) if subject.kind == "project" and not facts.fields else None
        if reading is None or field is None or reading.query.act not in COMPARING:
            return reading
        # "is that more than CLUSTEM's?" after RUE AERO's total budget: that figure, not
        # the figure a comparison takes when none is named
        also = Span(subject.start, subject.end, "field", field)
        return self.reread(facts, subject, acts, also=also) or reading

    def reread(
        self,
        facts: Facts,
        subject: Span,
        acts: tuple[str, ...] | None = None,
        prev: Query | None = None,
        also: Span | None = None,
    ) -> Reading | None:
        """The question read again with ``subject`` (a project or a call) in the place of
        the words that pointed at it: its best reading, if that reading is about the
        subject (and is one of ``acts``, when given); "and the first one?" asks ``prev``
        again of it."""
        frame = facts.frame.copy()
        frame.spans = [s for s in frame.spans if s.end <= subject.start or s.start >= subject.end]
        frame.spans += [subject, also] if also else [subject]
        frame.spans.sort(key=lambda s: (s.start, -s.end))
        named = self.i.facts(frame)
        again = self.other_project(named, prev, frame) if prev is not None else None
        if again is not None:
            return again
        readings = self.i.read(frame, named)
        if not readings or readings[0].score < thresholds.READING_MIN:
            return None
        best = readings[0]
        if not set(range(subject.start, subject.end)) <= best.used:
            return None  # a reading that ignores the subject is not about it
        unused = [s for s in named.get("op") if not set(range(s.start, s.end)) & best.used]
        if best.query.act == "card" and unused:
            return None  # "how many is that?" after a fact: not that project's card
        if acts is not None and best.query.act not in acts:
            return None
        return Reading(best.query, best.used, best.score, "follow-up")

    def reading(self, query: Query, used: set[int], frame: Frame) -> Reading:
        explained = score(used, meaningful(frame))
        return Reading(query, used, max(explained, 0.75), "follow-up")

    def among(self, facts: Facts, readings: Sequence[Reading], context: Context) -> Reading | None:
        """ "which of them ...": the best reading over the rows of the last answer (over
        the question that made a long one)."""
        listed = tuple(context.listed)
        used = positions(facts.get("follow"))
        made = context.listed_from
        for reading in readings:
            query = reading.query
            if not listed and isinstance(made, Query):
                if query.act not in TABLE_ACTS:
                    continue
                narrowed = query.but(
                    conditions=(*made.conditions, *query.conditions),
                    scope=made.scope,
                    exclude=(*made.exclude, *query.exclude),
                )
                return self.reading(narrowed, reading.used | used, facts.frame)
            last = self.last_ordered_field(facts, context)
            if last is not None and query.act == "rank" and query.order is not None:
                query = query.but(order=query.order._replace(field=last))  # "which one is bigger?"
            elif last is not None and query.act == "list" and not query.fields:
                query = query.but(fields=(last,))  # the figure just given, kept in sight
            if query.act == "rank" and len(listed) == 2 and query.order is not None:
                order = query.order
                compare = Query("compare", projects=listed, fields=(order.field,), order=order)
                return self.reading(compare, reading.used | used, facts.frame)
            if query.act in TABLE_ACTS:
                return self.reading(query.but(scope=listed), reading.used | used, facts.frame)
            if query.act in ("lookup", "compare") or not facts.projects:
                fields = tuple(str(s.value) for s in self.fields.selected(facts))
                if fields and not facts.projects:
                    lookup = Query("lookup", projects=listed, fields=fields)
                    return self.reading(lookup, reading.used | used, facts.frame)
        return self.filtered(facts, used, context) or self.fields_of(facts, used, listed)

    def last_ordered_field(self, facts: Facts, context: Context) -> str | None:
        """The figure the last answer gave, when this question names none."""
        if self.fields.selected(facts):
            return None
        prev = context.last
        last = None
        if isinstance(prev, Query) and prev.act == "rank" and prev.order is not None:
            last = prev.order.field
        elif isinstance(prev, Query) and prev.fields:
            last = prev.fields[0]
        elif context.fields:
            last = context.fields[0]
        return last if last and self.k.fields[last].kind in ORDERED_KINDS else None

    def fields_of(self, facts: Facts, used: set[int], listed: tuple[str, ...]) -> Reading | None:
        """ "when did it end?" after the top three: that figure of each project shown."""
        fields = tuple(str(s.value) for s in self.fields.selected(facts))
        if not listed or not fields or facts.projects or facts.conditions:
            return None
        used |= positions(facts.spans.get("field", []))
        return self.reading(Query("lookup", projects=listed, fields=fields), used, facts.frame)

    def filtered(self, facts: Facts, used: set[int], context: Context) -> Reading | None:
        """ "which of those was in the first call?": the last rows that meet the question's
        own conditions, when no reading of it is a list."""
        conds, used_by, _ = self.filters.scope(facts)
        if not conds or facts.projects:
            return None
        last = self.last_ordered_field(facts, context)
        query = Query("list", conditions=tuple(conds), fields=(last,) if last else ())
        made = context.listed_from
        if context.listed:
            query = query.but(scope=tuple(context.listed))
        elif isinstance(made, Query):
            query = query.but(conditions=(*made.conditions, *conds), scope=made.scope)
        else:
            return None
        used |= used_by | positions(facts.get("yesno")) | positions(facts.get("cmp"))
        return self.reading(query, used, facts.frame)

    def other_project(self, facts: Facts, prev: Query, frame: Frame) -> Reading | None:
        """ "and ECRI?", "how about CECIL?": the last question about another project."""
        only_names = not (facts.fields or facts.conditions or facts.get("op") or facts.calls)
        if not (self.r.continues(facts) and only_names):
            return None
        projects = tuple(dict.fromkeys(s.value.acronym for s in facts.projects))
        used = positions(facts.projects) | positions(facts.get("follow"))
        if prev.act in ("lookup", "check") and prev.fields:
            query = Query("lookup", projects=projects, fields=prev.fields, unit=prev.unit)
            return self.reading(query, used, frame)
        if prev.act == "check" and prev.check is not None:
            return self.reading(prev.but(projects=projects), used, frame)
        return self.reading(Query("card", projects=projects), used, frame)

    def other_call(self, facts: Facts, prev: Query) -> Reading | None:
        """ "and the first?", "and in call 1?": the last table question over another call."""
        name = self.k.call_field
        if prev.act not in TABLE_ACTS or not self.r.continues(facts):
            return None
        only = not (facts.fields or facts.conditions or facts.get("op"))
        numbers = [s.value.number for s in facts.calls] or [
            int(s.value) for s in facts.get("ordinal") if int(s.value) in self.k.calls_by_number
        ]
        if name is None or not only or len(numbers) != 1:
            return None
        kept = tuple(c for c in prev.conditions if c.field != name)
        query = prev.but(conditions=(*kept, Condition(name, "eq", numbers[0])))
        used = (
            positions(facts.calls)
            | positions(facts.get("ordinal"))
            | positions(facts.get("follow"))
            | positions(facts.get("noun"))
        )
        return self.reading(query, used, facts.frame)

    def that_call(self, facts: Facts, context: Context) -> Reading | None:
        """ "what other projects were funded in that call?" """
        name = self.k.call_field
        if name is None or not context.projects:
            return None
        project = self.r.project(context.projects[-1])
        if project is None:
            return None
        call = project.value(name)
        other = facts.has("neg")
        query = Query(
            "list",
            conditions=(Condition(name, "eq", call),),
            exclude=tuple(context.projects) if other else (),
        )
        used = (
            positions(facts.get("noun"))
            | positions(facts.get("neg"))
            | positions(facts.get("call_field"))
        )
        return self.reading(query, used, facts.frame)

    def same_projects(self, facts: Facts, prev: Query) -> Reading | None:
        """ "its end date?", "which call was that?", "so what share did the EU cover?" """
        fields = tuple(str(s.value) for s in self.fields.selected(facts))
        if not fields:
            return None
        used = positions(facts.spans.get("field", [])) | positions(facts.get("follow"))
        used |= positions(facts.get("call_field"))
        desc, dir_used = direction(facts)
        if len(prev.projects) > 1:
            order = Order(fields[0], descending=desc) if desc is not None else None
            query = Query("compare", projects=prev.projects, fields=fields, order=order)
            return self.reading(query, used | dir_used, facts.frame)
        return self.reading(
            Query("lookup", projects=prev.projects, fields=fields), used, facts.frame
        )

    def count_rows(self, facts: Facts, prev: Query) -> Reading | None:
        """ "how many were there?": the rows of the last table question, counted."""
        if not facts.has("op", "count") or self.fields.selected(facts):
            return None
        rows = Query("count", conditions=prev.conditions, scope=prev.scope, exclude=prev.exclude)
        return self.reading(rows, positions(facts.get("op", "count")), facts.frame)

    def same_rows(self, facts: Facts, prev: Query) -> Reading | None:
        """ "and the least?", "and the average?", "same ranking by budget?" """
        fields = [str(s.value) for s in self.fields.selected(facts)]
        desc, used = direction(facts)
        aggs = [s for s in facts.get("op") if s.value in AGGREGATE_OPS]
        previous_field = (
            prev.order.field
            if prev.order is not None
            else (prev.fields[0] if prev.fields else None)
        )
        name = fields[0] if fields else previous_field
        if name is None or self.k.fields[name].kind not in ORDERED_KINDS:
            return None  # "who ..." names the partners: a list is not summed or ranked
        used |= positions(facts.spans.get("field", []))
        kind = self.k.fields[name].kind
        if aggs:
            agg = next((s.value for s in aggs if s.value != "sum"), "sum")
            if not suits(agg, kind):
                return None  # "and the total end date?": dates are not added up
            query = Query(
                "aggregate",
                fields=(name,),
                conditions=prev.conditions,
                aggregate=agg,
                scope=prev.scope,
            )
            return self.reading(query, used | positions(aggs), facts.frame)
        if desc is not None or (fields and prev.act == "rank"):
            old = prev.order or Order(name)
            ordinals = facts.get("ordinal")
            offset = int(ordinals[0].value) - 1 if ordinals else 0
            order = Order(
                name,
                descending=old.descending if desc is None else desc,
                offset=offset if desc is not None or ordinals else old.offset,
                limit=old.limit,
            )
            used |= positions(ordinals)
            query = Query("rank", conditions=prev.conditions, order=order, scope=prev.scope)
            return self.reading(query, used | positions(facts.get("op")), facts.frame)
        if fields and prev.act == "aggregate" and suits(prev.aggregate or "sum", kind):
            return self.reading(prev.but(fields=(name,)), used, facts.frame)
        return None
