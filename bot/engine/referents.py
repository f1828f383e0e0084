"""What a follow-up points back at.

Whether a question leans on the last one at all (``fragment``), and what its words point
at: "it" and "that one" at the one project or call the last answer was about, "that call"
at its call, "the fourth one" at the fourth project shown, "how many is that?" at the rows
shown. ``FollowUps`` then edits the last question, or reads this one again with the thing
pointed at in the pointing words' place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Any

from bot.engine.context import Context
from bot.engine.frame import Frame, Span
from bot.engine.interpret import Facts, positions
from bot.engine.query import Query
from bot.knowledge import Knowledge
from bot.knowledge.plain import ORDERED_KINDS

if TYPE_CHECKING:
    from bot.knowledge.schema import ProjectBase

TABLE_ACTS = ("rank", "list", "aggregate", "count")
# kinds of words that only tie a question to the one before it ("and", "those", "ok", "so")
TYING = ("follow", "conj", "filler", "conversation")
PROJECT_ACTS = ("lookup", "card", "check", "compare", "compare_fields", "not_on_page", "topic")
# the kinds of words a bare fragment is made of: "smallest?", "and the bottom three?"
COMPARING_GRAM = {("gram", "more"), ("gram", "less")}  # "bigger", "cheaper"
RANKING_OPS = {"max", "min", "average", "median", "sum", "range"}
BARE_KINDS = {
    "op",
    "arith",
    "dir",
    "limit",
    "ordinal",
    "number",
    "follow",
    "conj",
    "filler",
    "yesno",
    "now",
}


def _described(facts: Facts, pointer: Span) -> bool:
    """ "the project with the biggest budget", "the one that ended first": words that could
    point back, but are described right after (a superlative or a comparison), so name a
    project of their own."""
    if pointer.end - pointer.start < 2:
        return False  # "it", "them": always back
    describing = {"cmp", "gram"}  # and an order: "that project cost in total" points back
    return any(
        (s.kind in describing or (s.kind == "op" and s.value in ("max", "min")))
        and pointer.end <= s.start <= pointer.end + 3
        for s in facts.frame.spans
    )


def _bare(facts: Facts) -> bool:
    """Made only of an order, a statistic, a number ("top two only?", "smallest?"): a word
    read two ways ("top": a limit and "more") counts as the bare one."""
    spans = facts.frame.spans
    bare = {(s.start, s.end) for s in spans if s.kind in BARE_KINDS}
    kinds = {s.kind for s in spans if s.kind in BARE_KINDS or (s.start, s.end) not in bare}
    return bool(kinds) and kinds <= BARE_KINDS and not facts.frame.unknown


def _number(value: object) -> int | None:
    """A call's number as the knowledge gives it (``None``: not published)."""
    return value if isinstance(value, int) else None


class Referents:
    def __init__(self, knowledge: Knowledge) -> None:
        self.k = knowledge

    @staticmethod
    def continues(facts: Facts) -> bool:
        """Whether the question is marked as going on from the last one: an "and", "what
        about", "same for" that opens it, or a "too" that closes it. An "and" inside a
        question joins its own parts ("the earliest and the latest start")."""
        opening = 0
        for s in facts.frame.spans:
            if s.start == opening and s.kind in ("filler", "conversation"):
                opening = s.end
        last = len(facts.frame.words)
        # "COSMENERG same?": a closing "same" after a name asks the same of it
        named = [s for s in facts.frame.spans if s.kind not in ("same", "filler", "conversation")]
        same = [s for s in facts.get("same") if all(x.end <= s.end for x in facts.frame.spans)]
        if same and named and all(s.kind == "project" and s.end <= same[0].start for s in named):
            return True
        return any(s.start <= opening or s.end >= last for s in facts.get("follow", "continue"))

    def fragment(self, facts: Facts) -> bool:
        """Whether the question leans on the last one: marked as going on, pointing back
        ("it", "those"), or made only of an order or a statistic ("smallest?")."""
        pointers = [s for s in facts.get("follow") if s.value in ("pronoun", "plural")]
        if any(not _described(facts, s) for s in pointers):
            return True
        if Referents.theirs(facts):
            return True
        if self.continues(facts):
            # "and the median of all projects?" names its own rows: it stands on its own
            follows = positions(facts.get("follow"))
            named = facts.get("noun") + [
                s for s in facts.get("programme") if not isinstance(s.value, str)
            ]  # the programme itself, not a word like "mean" that may ask about it
            own = [s for s in named if s.start not in follows]
            return not own
        return _bare(facts)

    def compared_alone(self, frame: Frame) -> bool:
        """ "above 250k?", "cheaper than CECIL?", "before CECIL ended?": a comparison and
        what it compares with, and nothing it is said of (no projects asked for, no call,
        no question word): said of the one figure just given."""
        kinds = {s.kind for s in frame.spans}
        asked = kinds & {"noun", "call_field", "call", "op", "ordinal", "limit", "neg", "why"}
        words = frame.words
        opened = bool(words) and words[0] in self.k.language.question_words
        # it opens with the comparison ("EU contribution between 200k and 215k?" asks anew)
        said = [s for s in frame.spans if s.kind not in ("filler", "follow", "conj")]
        first = min(said, key=lambda s: s.start).start if said else -1
        leads = any(
            s.start == first and (s.kind == "cmp" or (s.kind, s.value) in COMPARING_GRAM)
            for s in said
        )
        if all(s.start > first for s in frame.find("call")):
            asked.discard("call")  # "more than call 2?" after call 1's total: compared with
        return leads and not asked and not opened and not frame.unknown

    @staticmethod
    def ranks_a_field(facts: Facts) -> bool:
        """ "the biggest budget?", "earliest ending?": a ranking or statistic of a figure and
        nothing else (no project, call, set or condition of its own)."""
        kinds = {s.kind for s in facts.frame.spans}
        ranked = any(s.value in RANKING_OPS for s in facts.get("op"))
        return ranked and kinds <= BARE_KINDS | {"field"} and not facts.frame.unknown

    @staticmethod
    def theirs(facts: Facts) -> bool:
        """ "their combined budget": a possessive, in a question that names no rows of its
        own ("which projects got more than their own budget" does)."""
        own_rows = facts.get("noun") or facts.get("call_field", "projects") or facts.calls
        return facts.has("follow", "possessive") and not own_rows

    @staticmethod
    def points_at_rows(facts: Facts, prev: object, context: Context) -> bool:
        """ "how many is that?" after a list: a pronoun that names no project, when the last
        answer was rows (a list, a count, a total, a ranking of several), means those rows."""
        if not facts.has("follow", "pronoun") or facts.projects or facts.has("noun"):
            return False
        # rows a composed answer found ("which projects are above that?"), when it picked
        # no one of them ("who got more, A or B?": "that one" is the one picked)
        rows = isinstance(prev, Query) and prev.act == "tree" and len(context.listed) > 1
        rows = rows and len(context.projects) != 1
        if not isinstance(prev, Query) or (prev.act not in TABLE_ACTS and not rows):
            return False
        several = prev.act != "rank" or prev.order is None or prev.order.limit != 1
        return several and len(context.listed) != 1

    def nth_shown(self, facts: Facts, context: Context) -> Span | None:
        """ "the fourth one", "the second one": the project shown in that place, in the
        ordinal's and the "one"'s place."""
        beside = self._beside_listed(facts, context)
        if beside is not None or facts.projects or facts.calls:
            return beside
        from_end = from_the_end(facts, context, self.project)  # "the penultimate one"
        if from_end is not None:
            return from_end
        for ordinal, one in Referents.ordinal_ones(facts):
            n = int(ordinal.value)
            rows = rows_placed(context, n)
            if 1 <= n <= len(rows):
                project = self.project(rows[n - 1])
                if project is not None:
                    return Span(ordinal.start, one.end, "project", project)
        found = self._last_listed(facts, context) or middle_listed(facts, context, self.project)
        return found or bare_ordinal(facts, context, self.k, self.project)

    def _beside_listed(self, facts: Facts, context: Context) -> Span | None:
        """ "the one before it", "the one after that" after a list and one of its rows: the
        row shown before (after) that one."""
        steps = [(s, -1) for s in facts.get("follow", "previous")]
        steps += [(s, 1) for s in facts.get("follow", "following")]
        if not steps or facts.calls or facts.projects or len(context.projects) != 1:
            return None
        span, step = steps[0]
        anchor = context.projects[0]
        listed = context.listed  # else the page's own list: "the project after it on the page"
        if anchor not in listed or len(listed) < 2:
            listed = [p.acronym for p in self.k.projects]
        at = listed.index(anchor) + step if anchor in listed else -1
        project = self.project(listed[at]) if 0 <= at < len(listed) else None
        return None if project is None else Span(span.start, span.end, "project", project)

    def _last_listed(self, facts: Facts, context: Context) -> Span | None:
        """ "the last of those", "the last one" after a list or a ranking of several: the
        project shown last."""
        shown = list_shown(context)
        listed = shown is not None and shown.act != "tree" and len(context.listed) > 1
        plural = {s.start: s for s in facts.get("follow", "plural")}
        plural |= {s.start: s for s in facts.get("number") if s.value == 1}  # "the last one"
        bottom = [s for s in facts.get("limit") if s.value == "bottom" and s.end in plural]
        project = self.project(context.listed[-1]) if listed and context.listed else None
        if project is None:
            return None
        if bottom:
            return Span(bottom[0].start, plural[bottom[0].end].end, "project", project)
        said = last_one(facts.frame, self.k)
        return None if said is None else Span(said.start, said.end, "project", project)

    def ranked_shown(
        self, facts: Facts, context: Context, value_of: Callable[..., Any]
    ) -> Span | None:
        """ "the lower one's EU grant", "the bigger one", "the one with less", "the one with
        the higher budget": of the projects just shown, the one with the larger (smaller)
        figure (the one named beside, else the one last shown), in the pointing words'
        place; two that tie are no one."""
        if facts.projects or facts.calls or len(context.listed) < 2:
            return None
        found = ranked_pointer(facts)
        if found is None:
            return None
        (start, end), larger, field = found
        # ("the bigger one's EU contribution" after a list by two figures: by the one asked)
        asked = [str(s.value) for s in facts.fields if s.start >= end]
        field = field or shown_field(context) or (asked[0] if len(asked) == 1 else None)
        if field is None or self.k.fields[field].kind not in ORDERED_KINDS:
            return None
        rows = [p for a in context.listed if (p := self.project(a)) is not None]
        values = [(value_of(p, field), p) for p in rows]
        if not all(isinstance(v, int | float | dt.date) for v, _ in values):
            return None  # (a figure not published, or not one value)
        best = (max if larger else min)(v for v, _ in values)
        top = [p for v, p in values if v == best]
        return Span(start, end, "project", top[0]) if len(top) == 1 else None

    def other_shown(self, facts: Facts, context: Context) -> Span | None:
        """ "and the other one's?": of the two projects just talked about, the one the last
        answer was not about, in the pointing words' place."""
        others = facts.get("follow", "other")
        pair = context.listed
        if len(others) != 1 or facts.projects or len(pair) != 2 or len(context.projects) != 1:
            return None
        rest = [a for a in pair if a != context.projects[0]]
        project = self.project(rest[0]) if len(rest) == 1 else None
        return Span(others[0].start, others[0].end, "project", project) if project else None

    @staticmethod
    def rest_shown(facts: Facts, context: Context) -> Context | None:
        """ "the rest ended when?", "and the others?" after one project picked from a list:
        a copy of the context with the list's other projects as the rows shown."""
        fields = {i for s in facts.fields for i in range(s.start, s.end)}
        rest = [s for s in facts.get("follow", "rest") if s.start not in fields]  # (not "the
        last = context.last
        dropped = isinstance(last, Query) and bool(
            last.exclude or any(c.negated for c in last.conditions)
        )
        if not rest or facts.projects or not (context.projects or dropped):  # rest of its
            return None  # budget")
        others = [a for a in context.listed if a not in context.projects]
        if len(others) == len(context.listed) and dropped:  # "drop X", then "what's left?"
            others = list(context.listed)
        elif not others or len(others) == len(context.listed):
            return None
        trial = context.snapshot()
        trial.listed, trial.projects = others, []
        return trial

    @staticmethod
    def ordinal_ones(facts: Facts) -> list[tuple[Span, Span]]:
        """ "the fourth one": an ordinal followed by the number one, which can only be the
        pronoun (no one asks for "the fourth 1 project"); "the second of those", "the 2nd of
        the two": an ordinal followed by words pointing at the rows shown."""
        ones = [s for s in facts.get("number") if s.value == 1]
        ones += facts.get("follow", "plural")
        # "the first project you mentioned": the noun may stand between
        nouns = {s.start: s.end for s in facts.get("noun", "project")}
        return [
            (o, n)
            for o in facts.get("ordinal")
            for n in ones
            if n.start in (o.end, nouns.get(o.end))
        ]

    @staticmethod
    def beyond_shown(facts: Facts, context: Context) -> bool:
        """ "the seventh one" when six were shown."""
        return bool(context.listed) and any(
            int(o.value) > len(rows_placed(context, int(o.value)))
            for o, _ in Referents.ordinal_ones(facts)
        )

    def which_one(self, facts: Facts) -> bool:
        """ "which one is larger?", "which was higher?": a choice among the projects just
        shown (a question word and a comparison, naming nothing)."""
        calls = [s for s in facts.fields if s.value == self.k.call_field and s.start == 0]
        if facts.projects or facts.has("noun") or facts.has("call_field") or calls:
            return False  # "which call had the higher budget?": a choice among the calls
        spans = [s for s in facts.get("follow", "one") if s.end - s.start > 1]
        words = facts.frame.words
        compared = facts.has("gram", "more") or facts.has("op", "max") or facts.has("op", "min")
        # "what about the biggest?": "what" opens a going on, it asks no choice
        opener = [s for s in facts.get("follow", "continue") if s.start == 0 and s.end > 1]
        asked = bool(words) and words[0] in self.k.language.question_words and not opener
        bare = {s.kind for s in facts.frame.spans} <= {"op", "gram", "follow"}  # "bigger?"
        asked |= bare and facts.has("gram", "more") and not facts.frame.unknown
        return bool(spans) or (asked and compared and not facts.has("op", "quantity"))

    @staticmethod
    def last_field(prev: Query) -> str | None:
        """The one figure the last answer gave: a lookup's field, a ranking's."""
        if prev.act == "lookup" and len(prev.fields) == 1:
            return prev.fields[0]
        if prev.act == "check" and prev.check is not None and prev.check.field:
            return prev.check.field  # "is it over 200k?", then "cheaper than CECIL?"
        if prev.act == "rank" and prev.order is not None and prev.order.limit == 1:
            return prev.order.field
        return None

    def last_subject(self, pronoun: Span, prev: Query, context: Context) -> Span | None:
        """The one project or call the last answer was about, in the pronoun's place."""
        if prev.act == "call_info" and len(prev.calls) == 1:
            call = self.k.calls_by_number.get(prev.calls[0])
            return Span(pronoun.start, pronoun.end, "call", call) if call else None
        acronym = None
        if prev.act in PROJECT_ACTS and len(prev.projects) == 1:
            acronym = prev.projects[0]
        elif prev.act == "rank" and prev.order is not None and prev.order.limit == 1:
            acronym = context.projects[0] if len(context.projects) == 1 else None
        elif prev.act == "compare" and prev.order is not None and len(context.projects) == 1:
            acronym = context.projects[0]  # "which one is bigger?", then "its EU grant?"
        elif prev.act in TABLE_ACTS and len(context.listed) == 1:
            acronym = context.listed[0]
        project = self.project(acronym) if acronym else None
        return Span(pronoun.start, pronoun.end, "project", project) if project else None

    def last_call(self, prev: Query, context: Context) -> int | None:
        """The call the last answer was about: asked of, filtered on, or a project's."""
        if prev.act in ("call_info", "tree") and len(prev.calls) == 1:
            return prev.calls[0]  # asked of, or the one a composed answer picked
        name = self.k.call_field
        kept = [
            c.value
            for c in prev.conditions
            if c.field == name and c.op == "eq" and not c.negated and isinstance(c.value, int)
        ]
        if len(kept) == 1:
            return kept[0]
        if prev.act in PROJECT_ACTS and len(prev.projects) == 1 and name is not None:
            project = self.project(prev.projects[0])
            return _number(project.value(name)) if project is not None else None
        if prev.act == "tree" and prev.projects and name is not None:
            # "the total EU money of COSMENERG's call": the one call of the projects it took
            rows = [self.project(a) for a in prev.projects]
            calls = {_number(p.value(name)) for p in rows if p is not None}
            return calls.pop() if len(calls) == 1 and len(prev.projects) > 1 else None
        return None

    def other_call(self, prev: Query, context: Context) -> int | None:
        """ "and the other call?": of the calls the page lists projects for, the one the
        last answer was not about, when there is one other."""
        last = self.last_call(prev, context)
        name = self.k.call_field
        if last is None or name is None:
            return None
        others = {_number(p.value(name)) for p in self.k.projects} - {last, None}
        return others.pop() if len(others) == 1 else None

    def project(self, acronym: str) -> ProjectBase | None:
        return next((p for p in self.k.projects if p.acronym == acronym), None)


def ranked_pointer(facts: Facts) -> tuple[tuple[int, int], bool, str | None] | None:
    """Where "the lower one", "the one with less", "the one with the higher budget" stand,
    whether the larger is meant, and the figure named in it (if any)."""
    grams = [g for g in facts.get("gram") if g.value in ("more", "less")]
    if not grams:
        return None
    words = facts.frame.words
    ones = {s.start: s for s in facts.frame.spans if s.kind == "filler" and s.value == "one"}
    typed = facts.frame.typed  # ("one", not "1": the words have the number)
    ones |= {
        s.start: s for s in facts.get("number") if s.value == 1 and typed(s.start, s.end) != "1"
    }
    ones |= {s.start: s for s in facts.get("follow", "plural")}  # "the cheaper of the two"
    pointing = {s.end: s for s in facts.get("follow", "pronoun") if s.end - s.start == 2}
    fields = {s.start: s for s in facts.fields}
    claimed = {i for s in facts.frame.spans for i in range(s.start, s.end)}
    unknown = set(facts.frame.unknown_at)

    def small(i: int) -> bool:  # a word that only joins ("the", "with"): known, unclaimed
        return 0 <= i < len(words) and i not in claimed and i not in unknown

    for g in grams:
        # "the more expensive one" ("more", a field, "one"), "the cheaper of the two" (a
        # word that is both): ranked by that field
        said = fields.get(g.start) or fields.get(g.end)
        after = said.end if said is not None and said.end in ones else g.end
        if after in ones:  # "(the) lower one"
            lead = g.start - 1 if small(g.start - 1) else g.start
            return (lead, ones[after].end), g.value == "more", str(said.value) if said else None
        for lead in (g.start, g.start - 1):  # "the one with (the) less / higher budget"
            opened = pointing.get(lead - 1)
            if opened is not None and small(lead - 1) and (lead == g.start or small(lead)):
                field = fields.get(g.end)
                end = field.end if field is not None else g.end
                named = str(field.value) if field else None
                return (opened.start, end), g.value == "more", named
    return None


def shown_field(context: Context) -> str | None:
    """The figure the last answer weighed or gave (one only)."""
    prev = context.last
    if isinstance(prev, Query) and prev.order is not None:
        return prev.order.field
    if isinstance(prev, Query) and len(prev.fields) == 1:
        return prev.fields[0]
    return context.fields[0] if len(context.fields) == 1 else None


def names_rows(frame: Frame, existential: Collection[str]) -> bool:
    """Whether a question says which rows it is about: projects, a call, "any", "they"."""
    kinds = {s.kind for s in frame.spans}
    said = {" ".join(frame.words[s.start : s.end]) for s in frame.find("yesno")}
    pointing = frame.find("follow", "plural") or frame.find("gram", "all")
    return bool(kinds & {"noun", "call", "project"} or said & set(existential) or pointing)


def checked_alone(frame: Frame, existential: Collection[str]) -> bool:
    """ "was the EU contribution above 200k?", "is the EU share over 80%?" after one
    project: a yes/no that tests a figure and says of nothing what it is (no project, call,
    "any", "they"): of the one project just talked about."""
    asked = {s.kind for s in frame.spans} & {"call_field", "op", "ordinal", "limit", "neg"}
    opens = any(s.start == 0 and s.value != "tag" for s in frame.find("yesno"))
    tests = any(s.kind == "cmp" or (s.kind, s.value) in COMPARING_GRAM for s in frame.spans)
    said = opens and tests and bool(frame.find("field"))
    return said and not (asked or names_rows(frame, existential) or frame.unknown)


def middle_listed(facts: Facts, context: Context, project_of: Callable[[str], Any]) -> Span | None:
    """ "the middle one" after a list or a ranking of an odd number of rows: the row in
    its middle (of an even number, two are, and neither is guessed)."""
    listed, middles = context.listed, facts.get("follow", "middle")
    if list_shown(context) is None or not middles or len(listed) < 3 or len(listed) % 2 == 0:
        return None
    count = next((s for s in facts.get("number") if s.start == middles[0].end), None)
    if count is not None and count.value != 1:
        return None  # ("the middle three": rows, not one)
    project = project_of(listed[len(listed) // 2])
    end = middles[0].end if count is None else count.end
    return None if project is None else Span(middles[0].start, end, "project", project)


def rows_placed(context: Context, n: int) -> list[str]:
    """The rows a place ``n`` counts in: those shown last or, when fewer than ``n`` are and
    all of them (or none) came from the list shown before ("and number 6?" after the 2nd
    and 3rd of six were added up), that list."""
    listed, shown = context.listed, context.shown
    if n <= len(listed) or not set(listed) <= set(shown):
        return listed
    return shown


def list_shown(context: Context) -> Query | None:
    """The list or ranking the rows shown came from: the last answer, or the one before
    the rows of it that were asked about since ("the third one's budget", then "and the
    last one?")."""
    last, made = context.last, context.listed_from
    if isinstance(last, Query) and last.act in ("list", "rank", "tree"):
        return last
    picked = bool(context.projects) and set(context.projects) <= set(context.listed)
    if isinstance(made, Query) and made.act in ("list", "rank") and picked:
        return made
    return None


def last_one(frame: Frame, k: Knowledge) -> Span | None:
    """ "the last one's total budget": "last one", read as the latest, where it can only be
    the last row shown (the latest ranks dates, and no date is asked)."""
    words, ends = frame.words, set(k.language.limits.get("bottom", ()))
    if any(k.fields[str(s.value)].kind == "date" for s in frame.find("field")):
        return None
    for s in frame.find("op", "max"):
        said = words[s.start : s.end]
        if len(said) == 2 and said[0] in ends and said[1] == "1":
            return s
    return None


def from_the_end(facts: Facts, context: Context, project: Callable[[str], Any]) -> Span | None:
    """ "the penultimate one", "the second to last", "third from the bottom" after a list:
    the row in that place counted from the end of the list shown."""
    listed = context.listed
    if list_shown(context) is None or len(listed) < 2:
        return None
    for ordinal in facts.get("ordinal"):
        bottom = [
            s
            for s in facts.get("limit")
            if s.value == "bottom" and (s.start == ordinal.start or 0 < s.start - ordinal.end <= 2)
        ]
        n = int(ordinal.value)
        found = project(listed[-n]) if bottom and 1 <= n <= len(listed) else None
        if found is not None:
            return Span(ordinal.start, max(ordinal.end, bottom[0].end), "project", found)
    return None


def bare_ordinal(
    facts: Facts, context: Context, k: Knowledge, project_of: Callable[[str], Any]
) -> Span | None:
    """ "for the runner-up, what's its budget?", "and the fourth?" after a list or a
    ranking: an ordinal standing alone, with no ranking of its own, is that row."""
    ranked = facts.get("op", "max") + facts.get("op", "min") + facts.get("dir")
    last = context.last
    if not isinstance(last, Query) or len(context.listed) < 2 or ranked or facts.get("limit"):
        return None
    one = last.order is not None and last.order.limit == 1  # "the 2nd largest": re-ranked
    shown = last.act in ("list", "rank", "tree")
    picked = bool(context.projects) and set(context.projects) <= set(context.listed)
    if one or not (shown or picked):
        return None  # ("and the 2nd?" after a call's average: the 2nd call)
    # "1st call projects", then "2nd?": the other call, when nothing else is asked
    called = bool(last.calls) or any(c.field == k.call_field for c in last.conditions)
    calls = len(k.calls) if called and not facts.fields else 0
    described = {  # ("what did the 3rd get?": a verb after it describes no ranking)
        s.start
        for s in facts.frame.spans
        if s.kind in ("noun", "op") or (s.kind == "field" and s.weight >= 2)
    }
    places = {s.start: s for s in facts.get("op", "rank")}  # "in 5th place", "8th position"
    numbered = set(k.language.placed_before_number)  # "number 3's budget": a place, never
    for ordinal in facts.get("ordinal"):  # "the 3rd budget" (a ranking of budgets)
        n, place = int(ordinal.value), places.get(ordinal.end)
        placed = place is not None or facts.frame.words[ordinal.start] in numbered
        if (ordinal.end in described and not placed) or n <= calls:
            continue
        rows = rows_placed(context, n)
        project = project_of(rows[n - 1]) if 1 <= n <= len(rows) else None
        if project is not None:
            return Span(
                ordinal.start, ordinal.end if place is None else place.end, "project", project
            )
    return None
