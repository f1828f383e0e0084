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

from collections.abc import Callable, Sequence
from typing import Any

from bot.engine import thresholds
from bot.engine.context import Context
from bot.engine.followup.narrowing import Narrowing
from bot.engine.followup.pair import gap_asked
from bot.engine.followup.same import SameSubjectEdits
from bot.engine.followup.scored import follow_up
from bot.engine.followup.shown import ShownEdits
from bot.engine.followup.subjects import SubjectEdits, versus
from bot.engine.frame import Frame, Span
from bot.engine.grammar import tree as t
from bot.engine.interpret import Facts, Interpreter, Reading, positions
from bot.engine.query import Query
from bot.engine.referents import PROJECT_ACTS, TABLE_ACTS, Referents, ranked_pointer
from bot.knowledge import Knowledge


def _plain_lookup(reading: Reading) -> bool:
    """A figure (or card) of one project: what a swapped name or "it" is read as safely."""
    query = reading.query
    return query.act in ("lookup", "card") and len(query.projects) == 1 and not query.conditions


def _one_of_two(facts: Facts, listed: Sequence[str]) -> str | None:
    """The one project a question names, when it is one of the two just shown."""
    named = [s.value.acronym for s in facts.projects]
    return named[0] if len(listed) == 2 and len(named) == 1 and named[0] in listed else None


def _of_the_one(facts: Facts, prev: Query, readings: Sequence[Reading]) -> bool:
    """ "what's the EU part as a share of the total?" after one project's figures: a figure
    of every project only because the question names no rows at all, read as of that one."""
    if prev.act not in PROJECT_ACTS or len(prev.projects) != 1 or not readings:
        return False
    query = readings[0].query
    # (a total of every project, or every project's figure: "what fraction is EU-funded?")
    overall = query.act in ("aggregate", "list") and not (
        query.conditions or query.scope or query.projects
    )
    named = facts.get("noun") or facts.get("programme") or facts.get("gram", "all") or facts.calls
    return overall and not named


def _of_the_composed_one(facts: Facts, context: Context) -> bool:
    last = context.last
    one = isinstance(last, Query) and last.act == "tree" and len(last.projects) == 1
    return one and not facts.projects and not facts.has("follow", "pronoun")


class FollowUps:
    """Which edit of the last question, if any, this question is (``edit``)."""

    def __init__(
        self,
        knowledge: Knowledge,
        interpreter: Interpreter,
        value: Callable[..., Any],
        say: Callable[[Any], Any],
    ) -> None:
        self.value = value  # a project's figure, derived ones too
        self.r = Referents(knowledge)
        self.shown = ShownEdits(knowledge, interpreter.fields, interpreter.filters, say)
        self.narrowing = Narrowing(knowledge, interpreter.filters, self.shown, value)
        self.subjects = SubjectEdits(knowledge, interpreter, self.r)
        self.same = SameSubjectEdits(knowledge, interpreter.fields)
        self.say = say

    def edit(
        self, frame: Frame, readings: Sequence[Reading], context: Context, facts: Facts
    ) -> Reading | None:
        """The edit of the last question this one is, if any. Only a figure of one project
        asked again of another or of "it" ("and ECRI?", "when did it end?") is ever sure:
        every other edit is a guess at what the words left out (measured on conversations,
        about one in eight of those was wrong)."""
        talk = {i for s in facts.get("conversation") for i in range(s.start, s.end)}
        if talk and talk >= set(range(len(frame.words))):
            return None  # "thanks, that's all": nothing asked of the last answer
        edited = self._edit(frame, readings, context, facts)
        talked = context.last is not None or context.projects or context.listed
        if edited is None and talked and readings and self.r.fragment(facts):
            # "same dates as MATERIALIX?" after CECIL's dates: a fragment that no edit of the
            # last question reads, read afresh (a guess at what it leaned on)
            edited = readings[0] if readings[0].score >= thresholds.READING_MIN else None
        pointed = bool(
            facts.get("ordinal") or facts.get("follow", "other") or ranked_pointer(facts)
        )
        # (a figure of a project after a total of several: its share of it, or itself?)
        pointed |= isinstance(context.last, Query) and context.last.act == "aggregate"
        # (a question naming no rows, read as of the one project: a guess)
        pointed |= isinstance(context.last, Query) and _of_the_one(facts, context.last, readings)
        # (after a composed answer about one project, a question naming none: of it, a guess)
        pointed |= _of_the_composed_one(facts, context)
        # ("as a percentage?": a share of the figure just given, or the co-financing share?)
        shares = {(s.start, s.end) for s in facts.get("gram") if s.value in ("share", "percent")}
        pointed |= bool(facts.fields) and all((s.start, s.end) in shares for s in facts.fields)
        if edited is None or (_plain_lookup(edited) and not pointed):
            return edited  # (not "the first one's", "the other one": which is a guess too)
        return _unsure(edited)

    def _edit(
        self, frame: Frame, readings: Sequence[Reading], context: Context, facts: Facts
    ) -> Reading | None:
        prev = context.last
        best = _best_of_each_call(facts, prev, self.say, self.r.k.call_field)
        best = best or _share_of_another_whole(facts, prev, readings, self.say, self.r.k)
        shown = best or self.of_the_shown(facts, readings, context)
        if shown is not None:
            return shown
        if not isinstance(prev, Query):  # a card opened from a menu sets only the projects
            prev = Query("card", projects=tuple(context.projects)) if context.projects else None
        if prev is None:
            return None
        one = len(context.projects) == 1
        if (prev.act in ("rank", "list", "tree") and one and facts.has("follow", "pronoun")) or (
            prev.act == "tree" and one and prev.projects == tuple(context.projects)
        ):
            # "which got the most ... ? and when did it start?": "it" is the project answered;
            # after "CLUSGRID budget and EU grant", "what's left to pay?" is of CLUSGRID too
            prev = Query("card", projects=tuple(context.projects))
        subjects = self.subjects
        # "above 250k?" after a figure; "only slightly?" after "was it more than 200k?"
        compared = _degree_alone(facts, prev) or subjects.compared_alone(facts, prev)
        if facts.projects or compared is not None:
            return (
                compared
                or versus(facts, prev)  # "vs RUE AERO" after CLUSTEM's EU grant
                or subjects.other_project(facts, prev, frame)
                or subjects.resolved(facts, prev, context)
            )
        # "and a budget above 270k" after a list: of those rows
        narrowed = self.narrowing.narrowed(facts, prev, context, readings)
        switched = narrowed or subjects.other_call(facts, prev) or self._tree_in_call(facts, prev)
        switched = switched or subjects.other_date(facts, prev)
        if switched is not None or facts.calls or facts.conditions or facts.has("term"):
            # "was it more than 200k?": the question about the last project
            return switched or subjects.resolved(facts, prev, context)
        complete = any(r.score >= thresholds.READING_MIN for r in readings)
        # "the biggest budget?" after the projects of call 2: of them (a statistic or a
        # ranking of a figure, of no rows of its own, goes on over the rows just asked about)
        of_them = prev.act in TABLE_ACTS and bool(prev.conditions) and self.r.ranks_a_field(facts)
        fragment = self.r.fragment(facts) or _of_the_one(facts, prev, readings)
        if complete and not (fragment or of_them):
            return None  # a question that stands on its own starts afresh
        return self.without_subject(facts, prev, context, readings)

    def _tree_in_call(self, facts: Facts, prev: Query) -> Reading | None:
        """ "same for call 1", "and call 1?" after a composed figure of call 2: the same
        tree asked of the other call."""
        tree = prev.tree if prev.act == "tree" else None
        called = t.calls_in(tree) if tree is not None else set()
        if len(called) != 1 or len(facts.calls) != 1 or not self.r.continues(facts):
            return None
        if facts.fields or facts.conditions or facts.projects or facts.get("op"):
            return None
        asked = t.recalled(tree, facts.calls[0].value.number)
        text = self.say(asked)
        if not text or asked == tree:
            return None
        query = Query("tree", tree=asked, options=(text,), confidence=thresholds.UNSURE)
        used = (
            positions(facts.calls) | positions(facts.get("follow")) | positions(facts.get("same"))
        )
        return follow_up(query, used, facts.frame)

    def of_the_shown(
        self, facts: Facts, readings: Sequence[Reading], context: Context
    ) -> Reading | None:
        """A question about what the last answer showed: "more", "by how much?", "the
        fourth one", "which of those ...", "which one is bigger?", "how many is that?"."""
        prev = context.last
        rest = self.r.rest_shown(facts, context)  # "the rest ended when?" after one picked
        paged = None
        if rest is not None:
            paged = self.shown.among(facts, readings, rest)
        elif facts.has("follow", "more") and ranked_pointer(facts) is None:  # ("the one
            paged = self.shown.next_page(facts, prev)  # with more": not "tell me more")
        if paged is None and isinstance(prev, Query):
            paged = (
                self.narrowing.dropped(facts, prev, context)  # "drop the 2020 one"
                or self.narrowing.placed(facts, prev, context)  # "and the last three?"
                or self._same_sum(facts, prev)
                or self.same.of_figures_shown(facts, prev, context.listed)
            )
        paged = paged or self.shown.member(facts, context)  # "is ECRI among them?"
        if paged is not None:
            return paged
        # "by how much?", "how much bigger is the EU part?": a difference of what was shown
        # "first call EU total?", "second call", "which got more?": the two figures compared
        said = {s.value for s in facts.fields} - {self.r.k.call_field}  # ("which call had more?")
        same = isinstance(prev, Query) and said <= set(prev.fields)
        # ("how much EU money did it get?" after its budget names another figure: no gap)
        compared = [s for s in facts.get("gram") if s.value in ("more", "less") or same]
        asks_gap = facts.has("arith") or (facts.has("op", "quantity") and bool(compared))
        asks_gap |= facts.has("gram", "times")  # "how many times bigger?"
        asks_gap |= gap_asked(facts.frame) == "relative"  # "by what percentage?" alone
        chooses = facts.has("gram", "more") and same and not facts.calls
        asks_gap |= chooses and self.shown.in_turn(prev, context.before)
        # "how much more did COSMENERG get?" after two projects' figures: one of them named
        first = _one_of_two(facts, context.listed)
        nth = self.r.nth_shown(facts, context) if asks_gap and len(context.listed) == 2 else None
        first = first or (nth.value.acronym if nth is not None else None)  # "the first one"
        own = facts.calls or facts.conditions  # "sum of EU contributions in call 1": its own rows
        if isinstance(prev, Query) and asks_gap and (not facts.projects or first) and not own:
            difference = self.shown.how_much(facts, prev, context.listed, context.before, first)
            if difference is not None:
                return difference
        called = isinstance(prev, Query) and prev.act == "call_info"  # "and the third one?": call
        nth = (
            None
            if called
            else self.r.nth_shown(facts, context)
            or self.r.other_shown(facts, context)
            or self.r.ranked_shown(facts, context, self.value)  # "the lower one's EU grant"
        )
        if nth is not None:  # a row pointed at by its place: never sure it was the one meant
            # ("who's number 4?": a weak field word before the place asks which row it is)
            weak = [
                Span(s.start, s.end, "filler", "filler")
                for s in facts.fields
                if s.weight < 2 and s.end <= nth.start
            ]
            asked = prev if isinstance(prev, Query) else None
            read = self.subjects.reread(facts, nth, prev=asked, also=tuple(weak))
            return _unsure(read) if read is not None else None
        if self.r.beyond_shown(facts, context):  # "the seventh one" of six: not guessed
            return Reading(readings[0].query, set(), 0.0, "follow-up") if readings else None
        if (context.listed or context.listed_from) and (
            facts.has("follow", "plural")
            or self.r.theirs(facts)
            or self.r.points_at_rows(facts, prev, context)
            or (self.r.which_one(facts) and len(context.listed) > 1)
        ):
            return self.shown.among(facts, readings, context)
        return None

    def _same_sum(self, facts: Facts, prev: Query) -> Reading | None:
        """ "their total budget together?", "and the EU money for them?": the same sum of
        another figure."""
        # ("how much of that ...", "and the combined EU contribution?" after a total)
        renamed = prev.aggregate == "sum" and bool(facts.fields)  # (not "both together")
        asked = ("quantity", "sum") if renamed else ("quantity",)
        ops = [s for s in facts.get("op") if s.value not in asked]
        again = not (facts.calls or facts.projects or facts.conditions or ops)
        if prev.act != "aggregate" or not again or not self.r.continues(facts):
            return None
        return self.same.same_rows(facts, prev)

    def without_subject(
        self, facts: Facts, prev: Query, context: Context, readings: Sequence[Reading] = ()
    ) -> Reading | None:
        """A question that names no subject of its own takes the last one's."""
        resolved = self.subjects.resolved(facts, prev, context)
        if resolved is not None:
            return resolved
        if facts.has("noun", "call") and (facts.has("follow", "pronoun") or facts.has("neg")):
            return self.subjects.that_call(facts, context)
        if prev.act in PROJECT_ACTS and prev.projects:
            return self.same.same_projects(facts, prev)
        picked = prev.act == "rank" and prev.order is not None and (prev.order.limit or 1) == 1
        # "by budget?" ranks again; "how many weeks?" asks the one picked for its length
        measured = facts.get("unit") and not facts.get("noun")
        ops = [s for s in facts.get("op") if not (measured and s.value in ("count", "quantity"))]
        reranked = ops or facts.get("cmp") or facts.has("gram", "by")
        if picked and prev.order is not None and len(context.projects) == 1:
            # "which project got the least EU money?", "how much?": that figure of it
            one = context.projects[0]
            found = self.same.amount_of(facts, one, prev.order.field)
            if found is None and not reranked:
                # "biggest project?" then "which call": the one project the ranking picked
                found = self.same.same_projects(facts, Query("lookup", projects=(one,)))
            if found is not None:
                return found
        return self._of_the_rows(facts, prev, context, readings)

    def _of_the_rows(
        self, facts: Facts, prev: Query, context: Context, readings: Sequence[Reading]
    ) -> Reading | None:
        """ "how many?", "and the least?", "added together?": of the rows last asked about."""
        if prev.act in TABLE_ACTS:
            return (
                self.same.count_rows(facts, prev)
                or self.same.in_parts(facts, prev, readings)
                or self.same.same_rows(facts, prev, context.listed)
                or self.over_rows(facts, readings, context)
            )
        if prev.act == "tree" and len(context.listed) > 1:  # rows a composed answer listed
            return self.over_rows(facts, readings, context)
        return None

    def over_rows(
        self, facts: Facts, readings: Sequence[Reading], context: Context
    ) -> Reading | None:
        """ "smallest?" after a plain list: the question's own ranking or statistic over the
        rows shown."""
        table = readings and readings[0].query.act in TABLE_ACTS
        if not table or not (context.listed or context.listed_from):
            return None
        return self.shown.among(facts, readings, context)


def _unsure(reading: Reading) -> Reading:
    return Reading(reading.query, reading.used, min(reading.score, thresholds.UNSURE), reading.name)


# what may stand beside a degree said alone ("and only slightly?", "by much, then?")
ALONE_WITH_DEGREE = {"degree", "conj", "filler", "yesno", "follow"}


def _degree_alone(facts: Facts, prev: Query) -> Reading | None:
    """ "only slightly?", "by much?" said alone after a check of a figure against an amount:
    the same check, asked how far apart too."""
    degrees = facts.get("degree")
    alone = all(
        s.kind in ("degree", "conj", "filler", "yesno", "follow") for s in facts.frame.spans
    )
    if prev.act != "check" or len(degrees) != 1 or not alone or facts.frame.unknown:
        return None
    query = prev.but(parts=(str(degrees[0].value),))
    return follow_up(query, positions(facts.frame.spans), facts.frame)


# a figure of each call that one call can have more of than another ("the largest EU grant in
# each call" is one project's in each: which call "got more" is not asked of it)
EACH_CALL_FIGURES = ("sum", "total", "average", "median", "count")


def _best_of_each_call(
    facts: Facts, prev: object, say: Callable[..., Any], call_field: str | None
) -> Reading | None:
    """ "which one got more?", "and which had less?" after a figure of each call: the call
    with the larger (smaller) one; "and the higher median?", "what about the average?" after
    the call with the larger figure: the same asked of that figure."""
    tree = prev.tree if isinstance(prev, Query) and prev.act == "tree" else None
    if isinstance(tree, t.PerCall) and (tree.offset, tree.limit) != (0, 1):
        return None
    if not isinstance(tree, t.PerCall | t.BestCall) or facts.projects or facts.calls:
        return None
    ways = [s for s in facts.get("gram") if s.value in ("more", "less")]
    fns = [s for s in facts.get("op") if s.value in EACH_CALL_FIGURES]
    fields = [s for s in facts.fields if s.weight >= 2 and s.value != call_field]
    if isinstance(tree, t.PerCall):  # which call: a direction, and the figure shown
        asked = len(ways) == 1 and not fns and {s.value for s in fields} <= {tree.field}
        descending = bool(ways) and ways[0].value == "more"
    else:  # the same of another figure, "and" said ("and what was its budget?": the call's)
        ranked = ways or fns or facts.get("gram", "by")
        asked = bool(ranked) and len(ways) <= 1 and facts.has("follow", "continue")
        asked &= not facts.has("follow", "pronoun")
        descending = ways[0].value == "more" if ways else tree.descending
    fn = str(fns[0].value) if len(fns) == 1 else tree.fn
    field = str(fields[0].value) if len(fields) == 1 else tree.field
    if not asked or facts.conditions or len(fields) > 1 or fn not in EACH_CALL_FIGURES:
        return None
    best = t.BestCall(fn, None if fn == "count" else field, descending, tree.among)
    text = say(best)
    if not text or best == tree:
        return None
    query = Query("tree", tree=best, options=(text,), confidence=thresholds.UNSURE)
    used = positions(ways) | positions(facts.get("op")) | positions(facts.fields)
    used |= positions(facts.get("follow")) | positions(facts.get("yesno"))
    used |= positions(facts.get("noun", "call")) | positions(facts.get("gram", "by"))
    return follow_up(query, used, facts.frame)


def _share_of_another_whole(
    facts: Facts, prev: object, readings: Sequence[Reading], say: Callable[..., Any], k: Knowledge
) -> Reading | None:
    """ "and of the whole programme's budget?" after "what % of call 2's budget was X?": the
    same part, of the whole the question names."""
    tree = prev.tree if isinstance(prev, Query) and prev.act == "tree" else None
    share = tree.value if isinstance(tree, t.Say) else None
    if not isinstance(share, t.Calc) or share.op != "share" or not readings:
        return None
    opens = facts.get("follow", "continue")
    at = opens[0].end if opens and opens[0].start == 0 else 0
    asked = readings[0].query
    if facts.frame.words[at : at + 1] != [k.language.whole_of] or asked.act != "aggregate":
        return None
    calls = [c.value for c in asked.conditions if c.field == k.call_field and c.op == "eq"]
    if len(asked.fields) != 1 or asked.projects or len(calls) != len(asked.conditions):
        return None
    among = t.InCall(calls[0]) if len(calls) == 1 else t.Every()
    whole = t.Agg(asked.aggregate or "sum", asked.fields[0], among)
    tree = t.Say(share._replace(right=whole))
    text = say(tree) if whole != share.right else ""
    if not text:
        return None
    query = Query("tree", tree=tree, options=(text,), confidence=thresholds.UNSURE)
    return follow_up(query, set(range(len(facts.frame.words))), facts.frame)
