"""The one figure the last answer gave, as a value of the grammar's trees: "that" in "half of
that?" or "what's that as a share of the first call's total?" stands for it."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from functools import partial
from typing import TYPE_CHECKING, Any

from bot.engine import thresholds
from bot.engine.context import Context
from bot.engine.followup.asserted import names_that, what_that_was
from bot.engine.followup.pair import choice_asked, gap_asked, picked, two_figures
from bot.engine.followup.ranked import asked_of, placed_alone, placed_of, ranked_alone
from bot.engine.frame import Frame, Span
from bot.engine.grammar import tree as t
from bot.engine.interpret import Reading
from bot.engine.query import Operand, Query
from bot.engine.referents import TYING, Referents, last_one, names_rows
from bot.engine.reply import Reply

if TYPE_CHECKING:
    from bot.engine.acts import Acts
    from bot.engine.grammar import Grammar


class FigureFollowUp:
    """ "half of that?", "what's that as a share of the first call's total?": "that" is the
    one figure the last answer gave, and the grammar reads the question with it."""

    def __init__(self, grammar: Grammar, acts: Acts, referents: Referents) -> None:
        self.grammar, self.acts, self.r = grammar, acts, referents
        self.call_field = referents.k.call_field
        # the fields a share is of, part first ("the EU contribution of the total budget")
        fields = referents.k.fields.values()
        self._part_whole = {tuple(f.of) for f in fields if f.kind == "ratio" and len(f.of) == 2}

    def answer(self, frame: Frame, context: Context, composed: str | None = None) -> Reply | None:
        """The answer with "that" read as the last figure, or ``None``; "more than 1.8m?"
        alone is asked of it too ("is that more than 1.8m?"). Never sure: the words point
        back. ``composed``: the question the last answer composed, if any."""
        paired = self._of_two(frame, context)  # "by how much?" after two figures given
        if paired is not None:
            # ("which call got more?", "by how much?", "and in EU money?": of the first)
            context.composed = composed or context.composed
            return paired
        that = _gap_as_said(value_of(context.last, self.call_field), self.grammar)
        picked = None if that is not None else _picked_figure(context)
        that = that or picked
        if that is None:
            return self._gap(frame, context)
        asked = self._of_one_figure(frame, picked is None) if _one_figure(that) else None
        if asked is not None:
            return asked(frame, that, context)
        # "and combined with CECIL's?", "now add X to that"
        frame = _opening_dropped(frame, self.grammar.fields.openers)
        if len(t.named_in(that)) == 1:  # "as a percentage of the budget": of its budget
            frame = _its_field(frame, self.grammar.stopwords, self.grammar.fields.in_arithmetic)
        if not _pointing(frame):  # ("as a % of its budget": "its" is the project's)
            if self.r.compared_alone(frame):  # "more than 1.8m?": is that more ...
                frame = _asked_of_that(frame, ASKED_OF_THAT)
            elif _calculated_alone(frame, self.r.k.language.question_words, len(context.listed)):
                # "divided by 12?", "and combined with CECIL's?": that ...
                frame = _asked_of_that(frame, ASKED_OF_THAT[1:])
        if not frame.find("follow", "pronoun") or not any(_calculates(s) for s in frame.spans):
            return None
        choice = self.grammar.choose(frame, that=that)
        if choice is None or not choice.text or not calculated(choice.root, that, picked is None):
            return None  # "when did it end?": "it" is the project, and the follow-ups'
        # "which one is closest to that average?": one of the rows averaged; "did the EU pay
        # more than that?" after MATERIALIX's budget: MATERIALIX's EU contribution
        among = _nearest_among(choice.root, that) or self._of_that_project(choice.root, that, frame)
        text = self.grammar.answer(among) if among is not None else None
        rows = self._shown_rows(among) if text else choice.rows
        root, text = (among, text) if text else (choice.root, choice.text)
        return self._said(root, text, frame, context, rows)

    def _shown_rows(self, root: Any) -> tuple[str, ...]:
        """The projects a list the grammar says shows ("when did that one start?" next)."""
        found = self.grammar.executor.projects(root.among) if isinstance(root, t.Show) else None
        return tuple(p.acronym for p in found or ())

    def _of_that_project(self, root: Any, that: Any, frame: Frame) -> Any:
        """ "did the EU pay more than that?" after one project's budget: a yes/no that names
        no rows of its own ("any project", "which projects") asks another figure of the same
        project, checked against that one."""
        one = isinstance(that, t.Of) and isinstance(that.among, t.Named)
        if not (one and isinstance(root, t.Exists) and len(that.among.acronyms) == 1):
            return None
        found = root.among
        tests = isinstance(found, t.Filter) and found.op in CHECKED and found.value == that
        if (
            not tests
            or not isinstance(found.among, t.Every)
            or names_rows(frame, self.r.k.language.existential)
        ):
            return None
        return t.Check(found.op, t.Of(found.field, that.among), that)

    def _of_one_figure(
        self, frame: Frame, asked: bool
    ) -> Callable[[Frame, t.Of, Context], Reply | None] | None:
        """What a fragment after one project's figure asks of that project: whether it is the
        top ("most expensive?"), its place ("rank overall by EU grant?"), whether another has
        the same ("same as CLUSGRID?"). ``asked``: the figure was asked for (not the figure
        of a project a ranking picked: "smallest?" then ranks again)."""
        if asked and names_that(frame, self.grammar.stopwords):  # "that's the budget, right?"
            return partial(what_that_was, self.acts.renderer)
        if asked and ranked_alone(frame) and last_one(frame, self.r.k) is None:
            return self._ranked  # (not "the last one's budget?": a row of the list shown)
        if placed_alone(frame):
            return self._placed
        return self._alike if asked and frame.find("same") else None

    def _ranked(self, frame: Frame, that: t.Of, context: Context) -> Reply | None:
        """ "lowest in call 1?" after ECRI's figure: whether ECRI is the top (never sure)."""
        return self._of_its_project(frame, that, context, t.IsBest)

    def _placed(self, frame: Frame, that: t.Of, context: Context) -> Reply | None:
        """ "rank overall by EU grant?" after one project's figure: its place (never sure)."""
        return self._of_its_project(frame, that, context, t.RankOf)

    def _of_its_project(
        self, frame: Frame, that: t.Of, context: Context, kind: type[Any]
    ) -> Reply | None:
        """The fragment asked of the project whose figure was given, read by the grammar as
        ``kind`` (the top: ``IsBest``; its place: ``RankOf``); that figure stays in focus
        ("more than INNO-DROP?" next is of it)."""
        project = self.r.project(that.among.acronyms[0])
        if project is None or that.field is None:
            return None
        if kind is t.IsBest:
            asked = asked_of(frame, project, that.field, self.r.k.call_of(project))
        else:
            asked = placed_of(frame, project, that.field)
        choice = self.grammar.choose(asked, composite_only=kind is t.IsBest)
        if choice is None or not choice.text or not isinstance(choice.root, kind):
            return None
        reply = self._said(choice.root, choice.text, frame, context)
        context.last = Query("lookup", projects=that.among.acronyms, fields=(that.field,))
        return reply

    def _alike(self, frame: Frame, that: t.Of, context: Context) -> Reply | None:
        """ "same as CLUSGRID?", "same month as ECRI?" after one project's figure: whether the
        two have the same (never sure)."""
        projects = frame.find("project")
        same = frame.find("same")[0]
        beside = all(s.kind in ALIKE_BESIDE for s in frame.spans) and not frame.unknown
        if len(projects) != 1 or projects[0].start < same.end or not beside:
            return None
        fields = [str(s.value) for s in frame.find("field")]
        field = fields[0] if len(fields) == 1 else that.field
        grains = [str(s.value) for s in frame.find("unit") if s.value in ("months", "years")]
        one, other = that.among.acronyms[0], projects[0].value.acronym
        if field is None or one == other:
            return None
        root = t.Alike(field, t.Named((one, other)), grains[0] if grains else None)
        text = self.grammar.answer(root)
        if not text:
            return None
        reply = self._said(root, text, frame, context)
        context.last = Query("lookup", projects=(one,), fields=(field,))  # "and ECRI?" next
        return reply

    def _gap(self, frame: Frame, context: Context) -> Reply | None:
        """ "by how much?", "ratio?" after two figures weighed that are not both one
        project's ("is that more than SmartSports4GoodLife's budget?"): the two worked out."""
        last = context.last
        weighed = last.tree if isinstance(last, Query) else None
        arith = frame.find("arith")
        said = [s for s in frame.spans if s.kind not in TYING]
        if not isinstance(weighed, t.Check | t.Which) or len(arith) != 1 or said != arith:
            return None
        if all(_one_figure(side) for side in (weighed.left, weighed.right)):
            return None  # of two projects' figures: the follow-ups work it out
        left, right = weighed.left, weighed.right
        op = str(arith[0].value)
        a, b = (self.grammar.executor.figure(side) for side in (left, right))
        if op == "difference" and a is not None and b is not None and a.value < b.value:
            left, right = right, left  # "by how much?" after "No: ... is less": the gap
        root = t.Say(t.Calc(op, left, right))
        text = self.grammar.answer(root)
        return None if not text else self._said(root, text, frame, context)

    def renamed(self, frame: Frame, context: Context) -> Reply | None:
        """ "and CECIL?" after a figure worked out of one project's ("what share of the
        call's money did MATERIALIX take?"): the same worked out of the project named
        (never sure)."""
        last = context.last
        tree = last.tree if isinstance(last, Query) and last.act in ("tree", "card") else None
        said = [s for s in frame.spans if s.kind not in TYING]
        if not isinstance(tree, t.Say) or not isinstance(tree.value, t.Calc) or len(said) != 1:
            return None
        value, old = tree.value, t.named_in(tree)
        if said[0].kind == "per" and value.op == "rate":  # "and per year?" after "per month"
            root = t.Say(value._replace(right=t.Const(said[0].value)))
        elif said[0].kind == "project" and len(old) == 1 and old[0] != said[0].value.acronym:
            root = _renamed(tree, old[0], said[0].value.acronym)
        else:
            return None
        text = self.grammar.answer(root)
        return None if not text else self._said(root, text, frame, context)

    def _of_two(self, frame: Frame, context: Context) -> Reply | None:
        """ "by how much?", "ratio?", "in %?", "how far apart are they?" after two figures
        were given (in one answer or in the last two): worked out of them, the larger first
        (never sure)."""
        op = gap_asked(frame)
        larger = choice_asked(frame, self.call_field) if op is None else None
        if op is None and larger is None:
            return None
        k = self.r.k
        called = sorted({c.number for p in k.projects if (c := k.call_of(p)) is not None})
        pair = two_figures(context.last, context.before, called, self._given)
        if pair is None:
            return None
        if larger is not None:  # "which is higher?" after the two calls' totals
            return self._chosen(larger, pair, frame, context)
        if op is None:
            return None
        pair = (self._by_name(pair[0]), self._by_name(pair[1]))
        a, b = (self.grammar.executor.figure(v) for v in pair)
        if a is None or b is None or a.kind != b.kind or not _numbers(a.value, b.value):
            return None
        left, right = pair if a.value >= b.value else pair[::-1]
        fields = tuple(getattr(v, "field", None) for v in pair)
        if op == "relative" and len(set(fields)) == 2 and not frame.find("cmp", "by"):
            # "total budget", "how much came from the EU?", "as a percentage?": a part of it
            # (the part the knowledge says is one; else the one said last)
            op, left, right = "share", pair[1], pair[0]
            if fields in self._part_whole:
                left, right = pair
        root = t.Say(t.Calc("gap" if op == "difference" else op, left, right))
        text = self.grammar.answer(root)
        return None if not text else self._said(root, text, frame, context)

    def _chosen(
        self, larger: bool, pair: tuple[Any, Any], frame: Frame, context: Context
    ) -> Reply | None:
        """ "which is higher?" after two figures given in one answer (the calls' totals):
        which of the two it is (never sure)."""
        tree = context.last.tree if isinstance(context.last, Query) else None
        if not isinstance(tree, t.PerCall | t.BestCall | t.Several):
            return None  # (two figures asked in turn: the follow-ups compare them)
        root: Any = t.Which(larger, *pair)
        if isinstance(tree, t.PerCall | t.BestCall) and tree.field:  # "which call had ..."
            root = t.BestCall(tree.fn, tree.field, larger, tree.among)
        text = self.grammar.answer(root)
        return None if not text else self._said(root, text, frame, context)

    def _by_name(self, value: Any) -> Any:
        """A figure of the one project a ranking picked, said of that project by name."""
        if not (isinstance(value, t.Of) and isinstance(value.among, t.Best)):
            return value
        rows = self.grammar.executor.projects(value.among)
        return t.Of(value.field, t.Named((rows[0].acronym,))) if rows and len(rows) == 1 else value

    def _given(self, query: Any) -> Any:
        """The one figure an answer gave: asked for, or the one a ranking picked."""
        among = partial(_among, call_field=self.call_field)
        return value_of(query, self.call_field) or picked(query, among)

    def _said(
        self, root: Any, text: str, frame: Frame, context: Context, rows: tuple[str, ...] = ()
    ) -> Reply:
        """The answer, remembered: the rows it found ("how many is that?" next), or the one
        project it named ("and its total budget?" next)."""
        named = t.named_in(root)
        sure = thresholds.UNSURE
        found = rows if len(rows) > 1 or not named else named  # (one row found: it)
        query = Query("tree", tree=root, options=(text,), projects=found, confidence=sure)
        reply = self.acts.run(
            Reading(query, set(range(len(frame.words))), 1.0, "grammar"), frame, context
        )
        if len(named) == 1:  # "and the total budget itself?" next: asked of that project
            context.last = Query("card", projects=named, tree=root)  # ("minus 5000?": of it)
        return reply


def _nearest_among(root: Any, that: Any) -> Any:
    """ "which project is closest to that average?" after a group's average: the one of that
    group (the rows the figure was worked out from), not of every project."""
    if isinstance(root, t.Show):
        inner = _nearest_among(root.among, that)
        return None if inner is None else root._replace(among=inner)
    nearest = isinstance(root, t.Filter) and root.op == "closest" and root.value == that
    if not nearest or not isinstance(root.among, t.Every) or not isinstance(that, t.Agg):
        return None
    return None if isinstance(that.among, t.Every) else root._replace(among=that.among)


def _renamed(node: Any, old: str, new: str) -> Any:
    """``node`` with the one project ``old`` put as ``new`` wherever it is named."""
    if isinstance(node, t.Named):
        return t.Named(tuple(new if a == old else a for a in node.acronyms))
    fields = getattr(node, "_fields", None)
    if isinstance(node, tuple) and fields:  # a node of the tree: its parts renamed
        return type(node)(*(_renamed(part, old, new) for part in node))
    return node


def _numbers(*values: Any) -> bool:
    return all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)


# what "same as CLUSGRID?" may say beside the project it is weighed against
ALIKE_BESIDE = {"same", "follow", "conj", "filler", "unit", "field", "project", "yesno"}


def _picked_figure(context: Context) -> Any:
    """The figure of the one project a ranking picked ("who got the most in call 1?": its EU
    contribution), for "what share of the call's money is that?" next."""
    last = context.last
    order = last.order if isinstance(last, Query) and last.act == "rank" else None
    if order is None or order.limit not in (None, 1) or len(context.projects) != 1:
        return None
    return t.Of(order.field, t.Named(tuple(context.projects)))


def _gap_as_said(value: Any, grammar: Grammar) -> Any:
    """A difference as the answer said it, the larger less the smaller ("CECIL's is €62,500
    more than TCE's": "as a percentage of TCE's?" is of €62,500)."""
    if not (isinstance(value, t.Calc) and value.op == "difference"):
        return value
    figure = grammar.executor.figure(value)
    negative = figure is not None and isinstance(figure.value, int | float) and figure.value < 0
    return value._replace(left=value.right, right=value.left) if negative else value


def _one_figure(node: Any) -> bool:
    """One project's figure (a project named, one field)."""
    return (
        isinstance(node, t.Of) and isinstance(node.among, t.Named) and len(node.among.acronyms) == 1
    )


# the two places a comparison said alone is asked from: "(is) (that) more than 1.8m?"
ASKED_OF_THAT = (Span(0, 1, "yesno", "yes"), Span(1, 2, "follow", "pronoun"))


def _calculated_alone(frame: Frame, question_words: list[str], shown: int = 0) -> bool:
    """ "as a percentage of TCE's?", "divided by 12?", "minus 50k?": a calculation that opens
    the question and is said of nothing (worked out of the figure just given); not "total of
    the three" after three projects (``shown``): of them."""
    said = [s for s in frame.spans if s.kind not in ("filler", "conj", "follow")]
    if not said or frame.unknown or (frame.words and frame.words[0] in question_words):
        return False
    if shown > 1 and any(_the_shown(s, said, shown) for s in said):
        return False
    first = min(s.start for s in said)
    # ("and the combined EU contribution?": "combined" is the total of that figure, not the
    # figure just given added to something)
    totals = {(s.start, s.end) for s in said if (s.kind, s.value) == ("op", "sum")}
    fields = {s.start for s in said if s.kind == "field"}
    return any(
        s.start == first
        and _calculates(s)
        and s.kind != "cmp"
        and not ((s.start, s.end) in totals and s.end in fields)
        for s in said
    )


def _the_shown(span: Span, said: list[Span], shown: int) -> bool:
    """ "three" in "total of the three" after three projects: them, not a figure to work
    with ("divide by 3" divides)."""
    if (span.kind, span.value) != ("number", shown):
        return False
    return not any(s.kind == "arith" and s.value != "sum" and s.end == span.start for s in said)


def _pointing(frame: Frame) -> list[Span]:
    """The words that may stand for the figure just given: "that", "it", not "its" right
    before a field ("its budget": the project's)."""
    fields = {s.start for s in frame.spans if s.kind == "field"}
    return [
        s
        for s in frame.find("follow", "pronoun")
        if not (s.end - s.start == 1 and s.end in fields and s.start > 0)
    ]


def _its_field(frame: Frame, stopwords: Collection[str], elliptic: Mapping[str, str]) -> Frame:
    """ "what percent of the budget is that?" after a figure of one project: "the budget" is
    its budget (the determiner read as "its"), right after the words that work it out ("as a
    share of the budget"; not "more than the budget", "what percentage did the EU fund"),
    when the question names no projects or call of its own."""
    if frame.find("project") or frame.find("call") or frame.find("noun"):
        return frame
    claimed = {i for s in frame.spans for i in range(s.start, s.end)}
    working = {s.end for s in frame.spans if _calculates(s) and s.kind != "cmp"}

    def worked_out(field: Span) -> bool:  # only unclaimed small words since a working word
        at = field.start - 1
        while at >= 0 and at not in claimed and frame.words[at] in stopwords:
            at -= 1
        return at + 1 in working and at + 1 < field.start

    # "as a percentage of the total?": a word that names a field alone after such words
    fields = [s for s in frame.find("field") if worked_out(s)]
    totals = [
        Span(s.start, s.end, "field", elliptic[frame.words[s.start]])
        for s in frame.find("op")
        if s.end - s.start == 1 and frame.words[s.start] in elliptic and worked_out(s)
    ]
    before = [s.start - 1 for s in fields or totals]
    if len(before) != 1:
        return frame
    spans = list(frame.spans)
    if not fields:  # the word read as the field, not as a sum
        spans = [s for s in spans if (s.start, s.end) != (totals[0].start, totals[0].end)]
        spans += totals
    spans.append(Span(before[0], before[0] + 1, "follow", "pronoun"))
    return _changed(frame, sorted(spans, key=lambda s: (s.start, -s.end)))


def _changed(
    frame: Frame,
    spans: list[Span],
    words: list[str] | None = None,
    unknown_at: list[int] | None = None,
) -> Frame:
    """A copy of ``frame`` with other spans (and other words, which were typed as nothing:
    the parse's record of what was typed no longer lines up with them)."""
    changed = frame.copy()
    changed.spans = spans
    changed.__dict__.pop("shown", None)
    if words is not None:
        changed.words, changed.unknown_at = words, unknown_at or []
        changed.typed_from = ("", {})
    return changed


def _opening_dropped(frame: Frame, asking: frozenset[str]) -> Frame:
    """ "and combined with CECIL's?" as "combined with CECIL's?": the words that only tie the
    question to the last one left out (never a word that asks: "what share of ...?")."""
    said = [s.start for s in frame.spans if (s.kind, s.value) not in OPENING]
    first = min(said, default=0)
    if first == 0 or asking & set(frame.words[:first]):
        return frame
    spans = [
        s._replace(start=s.start - first, end=s.end - first)
        for s in frame.spans
        if s.start >= first
    ]
    unknown = [i - first for i in frame.unknown_at if i >= first]
    return _changed(frame, spans, frame.words[first:], unknown)


# what may open a calculation said alone without being part of it ("and", "now", "ok")
OPENING = {
    ("conj", "and"),
    ("follow", "continue"),
    ("filler", "filler"),
    ("now", "now"),  # "now add X's budget to that"
    ("conversation", "acknowledge"),  # "ok, plus ECRI's?"
}


def _asked_of_that(frame: Frame, places: tuple[Span, ...]) -> Frame:
    """ "more than 1.8m?" as "is that more than 1.8m?", "divided by 12?" as "that divided by
    12?": ``places`` put before the question's words (they hold no words of the user's)."""
    shift, first = len(places), places[0].start
    moved = [s._replace(start=s.start - first, end=s.end - first) for s in places]
    spans = moved + [s._replace(start=s.start + shift, end=s.end + shift) for s in frame.spans]
    unknown = [i + shift for i in frame.unknown_at]
    return _changed(frame, spans, ["" for _ in places] + frame.words, unknown)


# words that work a figure out of another ("half of", "as a share of", "how many times")
CALCULATING = {"arith", "multiple", "per"}
COMPARING_THAT = ("gt", "lt", "ge", "le", "closest")  # "above that", "closest to that"
CHECKED = ("gt", "lt", "ge", "le")
CALCULATING_GRAM = {("gram", "share"), ("gram", "percent"), ("gram", "times")}


def _calculates(span: Any) -> bool:
    compared = span.kind == "cmp" and span.value in COMPARING_THAT  # "above that"
    return span.kind in CALCULATING or compared or (span.kind, span.value) in CALCULATING_GRAM


def value_of(query: Any, call_field: str | None) -> Any:
    """The figure ``query`` asked for (a project's field, an aggregate of a call or of every
    project, a calculation of those, a composed value), or ``None`` when it asked for more
    than one figure or for none."""
    if not isinstance(query, Query) or query.unit or (query.also and query.act != "aggregate"):
        return None  # (a total said of two figures: the first, the one asked for)
    looked = query.fields[0] if query.act == "lookup" and len(query.fields) == 1 else None
    checked = query.check.field if query.act == "check" and query.check is not None else None
    if len(query.projects) == 1 and (looked or checked):  # ("was it over 250k?": its figure)
        return t.Of(looked or checked, t.Named(query.projects))
    if query.act == "aggregate" and len(query.fields) == 1 and query.aggregate:
        among = _among(query, call_field)
        return None if among is None else t.Agg(query.aggregate, query.fields[0], among)
    if query.act == "arithmetic" and len(query.operands) == 2 and query.arithmetic:
        left, right = (_operand(o) for o in query.operands)
        return None if left is None or right is None else t.Calc(query.arithmetic, left, right)
    if query.act in ("tree", "card") and isinstance(query.tree, t.Say):
        return query.tree.value  # (a card after "half of that?": "minus 5000?" of it)
    return None


def _among(query: Query, call_field: str | None) -> Any:
    """The projects an aggregate was over: every one, one call's, or the rows shown ("sum
    them" after the top three; nothing narrower)."""
    if query.scope and not query.conditions and not query.exclude:
        return t.Named(tuple(query.scope))
    if query.scope or query.exclude or len(query.conditions) > 1:
        return None
    if not query.conditions:
        return t.Every()
    (cond,) = query.conditions
    if cond.field == call_field and cond.op == "eq" and not cond.negated:
        return t.InCall(cond.value) if isinstance(cond.value, int) else None
    return None


def _operand(operand: Operand) -> Any:
    if operand.project is not None:
        return t.Of(operand.field, t.Named((operand.project,)))
    if operand.call is not None and operand.aggregate:
        return t.Agg(operand.aggregate, operand.field, t.InCall(operand.call))
    return None


def calculated(root: Any, value: Any, tested: bool = True) -> bool:
    """Whether ``root`` works something out of ``value`` ("what % of that is X"), tests
    projects against it ("how many are above that?"), or weighs it against another figure
    ("is that more than SmartSports4GoodLife's budget?"). One project's figure weighed
    against a number or another project's figure is the follow-ups' ("was it more than
    200k?", then "and CLUSGRID?"); against a figure worked out, the grammar's ("is that
    more than the average?"). ``tested``: whether projects tested against it count (not
    for the figure of a project a ranking picked: "did the EU give it more than ...?")."""
    return any(
        (isinstance(n, t.Calc) and value in (n.left, n.right))
        or (isinstance(n, t.Check | t.Which) and _weighed(value, n))
        or (tested and isinstance(n, t.Filter) and n.value == value)
        for n in t.nodes(root)
    )


def _weighed(value: Any, node: t.Check | t.Which) -> bool:
    if value not in (node.left, node.right):
        return False
    other = node.right if value == node.left else node.left
    return not _one_figure(value) or not (isinstance(other, t.Const) or _one_figure(other))
