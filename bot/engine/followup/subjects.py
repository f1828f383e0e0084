"""Follow-ups that put a subject in the last question: another project ("and ECRI?"),
another call ("and in call 1?"), the call of the last project ("that call"), or the one
project or call a pronoun points at ("how long did it run?"), read again in its place."""

from __future__ import annotations

import calendar
import datetime as dt

from bot.engine import thresholds
from bot.engine.context import Context
from bot.engine.followup.scored import follow_up
from bot.engine.frame import Frame, Span, When
from bot.engine.interpret import Facts, Interpreter, Reading, positions
from bot.engine.query import Condition, Query
from bot.engine.referents import PROJECT_ACTS, TABLE_ACTS, Referents, checked_alone
from bot.knowledge import Knowledge

COMPARING = ("compare", "check", "arithmetic", "compare_fields")  # acts that weigh a figure
CHECKING = ("check", "compare", "tree")  # a yes/no of one project's figure


# what may stand beside a call or a date said alone: "in call 1?", "for the first call only?"
BESIDE_ALONE = {("cmp", "during"), ("conj", "and"), ("follow", "continue")}


def _said_alone(facts: Facts, kind: str) -> bool:
    """ "in call 1?", "and 2018?": one call (date) with nothing else to ask of it."""
    others = [s for s in facts.frame.spans if s.kind != kind]
    others = [s for s in others if not (s.kind == "conversation" and s.start == 0)]  # "ok, ..."
    beside = all((s.kind, s.value) in BESIDE_ALONE or s.kind == "filler" for s in others)
    return len(facts.get(kind)) == 1 and beside and not facts.frame.unknown


def _named_before(facts: Facts) -> bool:
    """A project named before the one pronoun: "did CECIL get more than its own budget?"."""
    pronoun = facts.get("follow", "pronoun")[0]
    return any(p.end <= pronoun.start for p in facts.projects)


class SubjectEdits:
    """The last question with another subject, or this one with the last subject."""

    def __init__(
        self, knowledge: Knowledge, interpreter: Interpreter, referents: Referents
    ) -> None:
        self.k = knowledge
        self.interpreter = interpreter
        self.r = referents

    def other_project(self, facts: Facts, prev: Query, frame: Frame) -> Reading | None:
        """ "and ECRI?", "how about CECIL?": the last question about another project."""
        plain = not (facts.fields or facts.conditions or facts.calls)
        only_names = plain and not facts.get("op")
        projects = tuple(dict.fromkeys(s.value.acronym for s in facts.projects))
        used = positions(facts.projects) | positions(facts.get("follow"))
        closing = [s for s in facts.get("same") if all(x.end <= s.end for x in frame.spans)]
        used |= positions(closing)  # "COSMENERG same"
        # "and without SmartSports4GoodLife?", "how much is it if you exclude X?"
        asked = self.r.continues(facts) or facts.has("follow", "pronoun")
        # "excluding SmartSports?": nothing but what to leave out
        asked = asked or all(s.kind in ("neg", "project", "follow", "conj") for s in frame.spans)
        # "TCE?" after "budget of X", "did TRACE-KEI?" after "did INNO-DROP get over 215k?"
        said = [s for s in frame.spans if s.kind != "yesno" or prev.act != "check"]
        alone = len(said) == len(facts.projects) == 1
        quantity = not [s for s in facts.get("op") if s.value not in ("quantity", "card")]
        if facts.has("neg") and prev.act in TABLE_ACTS and plain and quantity and asked:
            query = prev.but(exclude=tuple(dict.fromkeys((*prev.exclude, *projects))))
            used |= positions(facts.get("neg")) | positions(facts.get("op"))
            return follow_up(query, used, frame)
        if not ((self.r.continues(facts) or alone) and only_names):
            return None
        looked = prev.act in ("lookup", "check") and prev.fields
        # "and MATERIALIX alone?" after a total of one figure: that figure of it
        if looked or (prev.act == "aggregate" and len(prev.fields) == 1):
            query = Query("lookup", projects=projects, fields=prev.fields, unit=prev.unit)
            return follow_up(query, used, frame)
        again = _asked_again(prev, projects)
        if again is not None:
            return follow_up(again, used, frame)
        of_one = {o.project for o in prev.operands}
        if (
            prev.act == "arithmetic"
            and len(of_one) == 1
            and None not in of_one
            and len(projects) == 1
        ):
            # "days between start and end for MATERIALIX?", "and 5FOREXCELLENCE?": of it
            operands = tuple(o._replace(project=projects[0]) for o in prev.operands)
            return follow_up(prev.but(operands=operands), used, frame)
        return follow_up(Query("card", projects=projects), used, frame)

    def other_call(self, facts: Facts, prev: Query) -> Reading | None:
        """ "and the first?", "and in call 1?": the last table question over another call."""
        if prev.act == "call_info":
            return self._other_call_info(facts)
        name = self.k.call_field
        # "average budget call 1", "call 2?": a call said alone swaps the call asked about
        alone = len(facts.calls) == 1 and len(facts.frame.words) == facts.calls[0].end
        called = any(c.field == name for c in prev.conditions)
        alone = (alone and facts.calls[0].start == 0 and called) or _said_alone(facts, "call")
        alone |= called and _said_alone(facts, "ordinal")  # "second?" after call 1's total
        if prev.act not in TABLE_ACTS or not (self.r.continues(facts) or alone):
            return None
        only = not (facts.fields or facts.conditions or facts.get("op"))
        # after a ranking, "and the third?" is the third place, not the third call
        places = prev.act == "rank" and prev.order is not None
        numbers = [s.value.number for s in facts.calls] or [
            int(s.value)
            for s in facts.get("ordinal")
            if int(s.value) in self.k.calls_by_number and not places
        ]
        if name is None or not only or len(numbers) != 1:
            return None
        kept = tuple(c for c in prev.conditions if c.field != name)
        query = prev.but(conditions=(*kept, Condition(name, "eq", numbers[0])))
        # "how many in call 2? the average for them? and for call 1?": "them" were the
        # projects of the call now replaced, not a set kept across calls
        scope = set(prev.scope or ())
        calls = {p.value(name) for p in self.k.projects if p.acronym in scope} if scope else set()
        if len(calls) == 1:
            query = query.but(scope=None)
        used = (
            positions(facts.calls)
            | positions(facts.get("ordinal"))
            | positions(facts.get("follow"))
            | positions(facts.get("noun"))
        )
        return follow_up(query, used, facts.frame)

    def other_date(self, facts: Facts, prev: Query) -> Reading | None:
        """ "which projects ended in 2017?", "and 2018?": the same test of the same date field
        against another date (a date said with nothing else to ask of it)."""
        dated = [c for c in prev.conditions if isinstance(c.value, When)]
        if prev.act not in TABLE_ACTS or len(dated) != 1:
            return None
        if _said_alone(facts, "date"):
            new = dated[0]._replace(value=facts.get("date")[0].value)
        elif _said_alone(facts, "month") and dated[0].value.grain == "month":
            # "ended in December 2017?", "sorry, September": that month of the same year
            year, month = dated[0].value.first.year, int(facts.get("month")[0].value)
            last = calendar.monthrange(year, month)[1]
            when = When(dt.date(year, month, 1), dt.date(year, month, last), "month")
            new = dated[0]._replace(value=when)
        else:
            return None
        conditions = tuple(new if c is dated[0] else c for c in prev.conditions)
        return follow_up(
            prev.but(conditions=conditions), set(range(len(facts.frame.words))), facts.frame
        )

    def _other_call_info(self, facts: Facts) -> Reading | None:
        """ "when was the 1st call?", "and the second", "third?": that call, asked the same."""
        numbers = [s.value.number for s in facts.calls] or [
            int(s.value) for s in facts.get("ordinal") if int(s.value) in self.k.calls_by_number
        ]
        said = {s.kind for s in facts.frame.spans if (s.kind, s.value) != ("noun", "call")}
        ones = {n for _, n in self.r.ordinal_ones(facts)}  # "and the third one?"
        said -= {"number"} if ones and all(s in ones for s in facts.get("number")) else set()
        if len(numbers) != 1 or said - {"call", "ordinal", "follow", "conj", "limit", "filler"}:
            return None
        used = set(range(len(facts.frame.words)))
        return follow_up(Query("call_info", calls=(numbers[0],)), used, facts.frame)

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
        return follow_up(query, used, facts.frame)

    def resolved(self, facts: Facts, prev: Query, context: Context) -> Reading | None:
        """ "how long did that one last?", "what did it focus on?", "the median for that
        call?": the question read again with the one project or call the last answer was
        about in the pronoun's place. Nothing when the last answer was about several."""
        pronouns = facts.get("follow", "pronoun")
        if len(pronouns) == 2 and not facts.projects:  # "is that more than its budget?"
            return self._both_pronouns(facts, pronouns, prev, context)
        # "did CECIL get more than its own budget?": "its" is CECIL's; "was it in the first
        # call?": "it" asked about, a call beside it
        asked = {s.end for s in facts.frame.spans if s.kind == "yesno" and s.start == 0}
        beside = bool(facts.calls) and not (pronouns and pronouns[0].start in asked)
        if len(pronouns) != 1 or facts.has("neg") or _named_before(facts) or beside:
            return None
        pronoun = pronouns[0]
        nouns = [s for s in facts.get("noun", "call") if s.start == pronoun.end]
        if nouns and not facts.projects:  # "that call"
            number = self.r.last_call(prev, context)
            call = self.k.calls_by_number.get(number) if number is not None else None
            subject = Span(pronoun.start, nouns[0].end, "call", call) if call else None
        else:
            called = self._pointed_call(facts, prev, context)
            if called is not None:  # "how many projects did it have?" after "ECRI's call?"
                return called
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

    def _pointed_call(self, facts: Facts, prev: Query, context: Context) -> Reading | None:
        """A pronoun in a question about projects read as the call the last answer gave
        ("which call was SmartSports4GoodLife in?", "how many projects did it have?"), when
        that reads the question better than the project. A pronoun right after the projects
        it describes points at nothing ("projects that ended in 2017"). Never sure when the
        last answer was about a project, not its call."""
        number = self.r.last_call(prev, context)
        call = self.k.calls_by_number.get(number) if number is not None else None
        about_rows = facts.get("noun", "project") or facts.get("call_field", "projects")
        pronoun = facts.get("follow", "pronoun")[0]
        relative = any(s.end == pronoun.start for s in about_rows)
        if call is None or not about_rows or facts.projects or relative:
            return None
        called = self.reread(facts, Span(pronoun.start, pronoun.end, "call", call))
        if called is None:
            return None
        subject = self.r.last_subject(pronoun, prev, context)
        as_project = self.reread(facts, subject) if subject is not None else None
        if as_project is not None and as_project.score >= called.score:
            return None
        answered = self.k.call_field in prev.fields or prev.act in ("call_info", "tree")
        score = called.score if answered else min(called.score, thresholds.UNSURE)
        return Reading(called.query, called.used, score, called.name)

    def compared_alone(self, facts: Facts, prev: Query) -> Reading | None:
        """ "above 250k?", "cheaper than CECIL?" after one project's figure: whether that
        figure is so (never sure: the question did not say of what); "but more than CLUSGRID?"
        after "was it more than INNO-DROP got?": of the one asked about."""
        if prev.checked is not None:
            prev = Query("lookup", projects=(prev.checked,), fields=prev.fields[:1])
        field = self.r.last_field(prev)
        one = prev.act in PROJECT_ACTS and len(prev.projects) == 1
        existential = self.k.language.existential
        alone = self.r.compared_alone(facts.frame) or checked_alone(facts.frame, existential)
        both = len({s.value.acronym for s in facts.projects}) > 1  # ("was A's more than B's?")
        if not one or field is None or not alone or both:
            return None
        project = self.r.project(prev.projects[0])
        if project is None:
            return None
        subject = Span(0, 0, "project", project)  # said before the question's words
        also = [Span(0, 0, "yesno", "yes")]
        if not facts.fields:  # "above 250k?": of the figure just given
            also.append(Span(0, 0, "field", field))
        reading = self.reread(facts, subject, CHECKING, also=tuple(also))
        if reading is None:
            return None
        return Reading(
            reading.query, reading.used, min(reading.score, thresholds.UNSURE), "follow-up"
        )

    def _both_pronouns(
        self, facts: Facts, pronouns: list[Span], prev: Query, context: Context
    ) -> Reading | None:
        """ "MATERIALIX's EU contribution?", "is that more than its budget?": the figure just
        given and the same project's other figure, compared."""
        first, second = pronouns
        fields = {f.start for f in facts.fields}
        if first.end in fields and second.end not in fields:
            # "was its EU contribution bigger than that?": "its" is the project's, "that" the
            # figure just given
            first, second = second, first
        subject = self.r.last_subject(first, prev, context)
        field = self.r.last_field(prev)
        if subject is None or subject.kind != "project" or field is None:
            return None
        again = Span(second.start, second.end, "project", subject.value)
        also = (Span(first.start, first.end, "field", field), again)
        return self.reread(facts, subject, COMPARING, also=also)

    def reread(
        self,
        facts: Facts,
        subject: Span,
        acts: tuple[str, ...] | None = None,
        prev: Query | None = None,
        also: Span | tuple[Span, ...] | None = None,
    ) -> Reading | None:
        """The question read again with ``subject`` (a project or a call) in the place of
        the words that pointed at it: its best reading, if that reading is about the
        subject (and is one of ``acts``, when given); "and the first one?" asks ``prev``
        again of it."""
        frame = facts.frame.copy()
        extra = [] if also is None else [also] if isinstance(also, Span) else list(also)
        added = [subject, *extra]
        replaced = [x for x in added if x.kind != "field"]  # a figure is said beside its project
        frame.spans = [
            s for s in frame.spans if all(s.end <= x.start or s.start >= x.end for x in replaced)
        ]
        frame.spans += added
        frame.spans.sort(key=lambda s: (s.start, -s.end))
        named = self.interpreter.facts(frame)
        again = self.other_project(named, prev, frame) if prev is not None else None
        if again is not None:
            return again
        readings = self.interpreter.read(frame, named)
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


def versus(facts: Facts, prev: Query) -> Reading | None:
    """ "vs RUE AERO" after one project's figure: that figure of the two, compared."""
    projects = tuple(dict.fromkeys(s.value.acronym for s in facts.projects))
    ops = facts.get("op")
    plain = not (facts.fields or facts.conditions or facts.calls)
    if not ops or any(s.value != "compare" for s in ops) or not plain or len(projects) != 1:
        return None
    if prev.act != "lookup" or len(prev.projects) != 1 or not prev.fields:
        return None
    if projects[0] == prev.projects[0]:
        return None
    query = Query("compare", projects=(prev.projects[0], projects[0]), fields=prev.fields)
    return follow_up(query, positions(facts.projects) | positions(ops), facts.frame)


def _asked_again(prev: Query, projects: tuple[str, ...]) -> Query | None:
    """The yes/no question just asked, of another project: "did INNO-DROP get over 215k?",
    "and TRACE-KEI?"; "did it end in the same month as CLUSGRID?", "and ECRI?" (it in place
    of the one asked about)."""
    if (prev.act == "check" and prev.check is not None) or prev.act == "member":
        return prev.but(projects=projects[:1])
    if prev.act == "compare" and "same" in prev.parts and len(prev.projects) == len(projects) + 1:
        return prev.but(projects=(*projects, *prev.projects[1:]))
    return None
