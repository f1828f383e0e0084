"""Follow-ups about what the last answer showed: its next page ("more"), the difference
between the two figures it gave ("by how much?"), and questions over its rows ("which of
them ...", "which one is bigger?", "when did it end?" after the top three)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from bot.engine.aggregates import suits
from bot.engine.context import Context
from bot.engine.followup.scored import follow_up
from bot.engine.frame import Span
from bot.engine.grammar import tree as tr
from bot.engine.interpret import Facts, Reading, positions
from bot.engine.interpret.fields import Fields
from bot.engine.interpret.filters import RowFilters
from bot.engine.query import Condition, Operand, Query
from bot.engine.referents import PROJECT_ACTS, TABLE_ACTS
from bot.engine.thresholds import UNSURE
from bot.knowledge import Knowledge
from bot.knowledge.plain import ORDERED_KINDS

PAGED_ACTS = ("rank", "list", "count")  # answers that can run to more than one page


class ShownEdits:
    """The last answer's rows and figures, asked about again."""

    def __init__(
        self, knowledge: Knowledge, fields: Fields, filters: RowFilters, say: Callable[[Any], Any]
    ) -> None:
        self.k = knowledge
        self.fields = fields
        self.filters = filters
        self.say = say  # the grammar's: a tree -> its answer (``None``: it does not execute)

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
        return follow_up(query, positions(facts.get("follow", "more")), facts.frame)

    def how_much(
        self,
        facts: Facts,
        prev: Query,
        recent: Sequence[str] = (),
        before: object = None,
        first: str | None = None,
    ) -> Reading | None:
        """ "by how much?" after two projects compared on one figure; "how much more is the
        total budget?" after two figures of one project; "difference?" after one figure of
        two projects asked in turn (``recent``): the difference (sum, ratio)."""
        arith = facts.get("arith") or [s for s in facts.get("op") if s.value == "quantity"]
        op = str(arith[0].value) if facts.get("arith") else "difference"
        times = facts.get("gram", "times")  # "how many times bigger?": the ratio of the two
        if times and not facts.get("arith"):
            arith, op = times, "ratio"
        percent = facts.get("gram", "percent")  # "by what percentage?", "in %?"
        if percent and op == "difference":
            arith, op = arith + percent, "relative"
        # ("ratio?", "percentage?": the word is not also the co-financing share asked for)
        named = [str(s.value) for s in self.fields.selected(facts, positions(arith))]
        named = [n for n in named if n != self.k.call_field]  # ("which call had more?")
        dated = prev.fields and self.k.fields[prev.fields[0]].kind == "date"
        dated = dated and op in ("sum", "relative")
        if op not in ("difference", "sum", "ratio", "relative") or dated:
            return None  # ("total?" after two start dates: dates are not added up)
        shown = _shown_figures(prev)
        order = prev.order if prev.act == "rank" else None
        if order is not None and (order.limit or 1) == 2 and len(recent) == 2 and not named:
            # "the top two by budget", "what's the difference between them?"
            shown = [Operand(order.field, project=a) for a in recent]
        if len(shown) == 2 and set(named) <= {o.field for o in shown}:
            if first is not None and shown[1].project == first:  # "how much more did B get"
                shown = shown[::-1]
            return self._of_two_figures(facts, shown, op, named, arith)
        if len(prev.fields) != 1:
            return None
        name = prev.fields[0]
        in_turn = len(recent) == 2 and prev.projects == tuple(recent[-1:]) and named in ([], [name])
        if prev.act == "lookup" and in_turn:  # "TRACE-KEI's budget", "and INNO-DROP?", "gap?"
            pair = list(recent)[:: -1 if first == recent[1] else 1]  # "how much more did B get?"
            operands = (Operand(name, project=pair[0]), Operand(name, project=pair[1]))
        elif (
            first is None and (calls := self._calls_in_turn(prev, before)) and named in ([], [name])
        ):
            # "call 1's total EU money", "and call 2's?", "difference between the two?"
            operands = (
                Operand(name, call=calls[0], aggregate=prev.aggregate),
                Operand(name, call=calls[1], aggregate=prev.aggregate),
            )
        elif first is None and prev.act == "lookup" and len(prev.projects) == 1 and len(named) == 1:
            kinds = {self.k.fields[n].kind for n in (name, named[0])}
            if named[0] == name or len(kinds) != 1 or kinds - set(ORDERED_KINDS):
                return None
            project = prev.projects[0]
            operands = (Operand(named[0], project=project), Operand(name, project=project))
        else:
            return None
        query = Query("arithmetic", operands=operands, arithmetic=op)
        used = positions(arith) | positions(facts.get("follow")) | positions(facts.fields)
        used |= positions(facts.projects)  # (only one of the two: "how much more did B get?")
        used |= _pointing(facts)  # ("is the first one")
        more = positions([s for s in facts.get("gram") if s.value in ("more", "less")])
        used |= more | positions([s for s in facts.get("op") if positions([s]) & more])
        return follow_up(query, used, facts.frame)

    def _of_two_figures(
        self, facts: Facts, shown: list[Operand], op: str, named: list[str], arith: list[Span]
    ) -> Reading | None:
        """ "MATERIALIX: budget and EU contribution?", "so how much more did the EU give than
        the budget?": the two figures just given, in the order this question names them."""
        if len(set(named)) == 2 and named != [o.field for o in shown]:
            shown = shown[::-1]
        kinds = {self.k.fields[o.field].kind for o in shown}
        if len(kinds) != 1 or kinds - set(ORDERED_KINDS) or (op == "sum" and "date" in kinds):
            return None
        query = Query("arithmetic", operands=tuple(shown), arithmetic=op)
        used = positions(arith) | positions(facts.get("follow")) | positions(facts.fields)
        used |= positions([s for s in facts.frame.spans if s.kind in ("gram", "op", "cmp")])
        return follow_up(query, used | positions(facts.projects) | _pointing(facts), facts.frame)

    def in_turn(self, prev: object, before: object) -> bool:
        """Whether the last two answers were one aggregate of two calls, asked in turn."""
        return isinstance(prev, Query) and self._calls_in_turn(prev, before) is not None

    def _calls_in_turn(self, prev: Query, before: object) -> tuple[int, int] | None:
        """The two calls of one aggregate asked of each in turn, or ``None``."""
        if not isinstance(before, Query) or (prev.act, before.act) != ("aggregate", "aggregate"):
            return None
        if (before.fields, before.aggregate) != (prev.fields, prev.aggregate):
            return None
        first, second = (_call_of(q, self.k.call_field) for q in (before, prev))
        if first is None or second is None or first == second:
            return None
        return first, second

    def member(self, facts: Facts, context: Context) -> Reading | None:
        """ "is ECRI among them?", "was CECIL one of those?": whether a project is one of the
        rows just shown."""
        spans = facts.frame.spans
        opens = any(s.kind == "yesno" and s.start == 0 for s in spans)
        plural = facts.get("follow", "plural")
        named = facts.projects
        if not opens or len(named) != 1 or len(plural) != 1 or plural[0].start < named[0].end:
            return None
        beside = {"yesno", "project", "follow", "filler", "number", "cmp"}
        if any(s.kind not in beside for s in spans) or len(context.listed) < 2:
            return None
        acronym = named[0].value.acronym
        query = Query("member", projects=(acronym,), scope=tuple(context.listed))
        return follow_up(query, set(range(len(facts.frame.words))), facts.frame)

    def among(self, facts: Facts, readings: Sequence[Reading], context: Context) -> Reading | None:
        """ "which of them ...": the best reading over the rows of the last answer (over
        the question that made a long one)."""
        listed = tuple(context.listed)
        if self._singular_they(facts, context):  # "who got the most? when did they start?"
            listed = tuple(context.projects)
        used = positions(facts.get("follow"))
        made = context.listed_from
        trees = [r for r in readings if r.query.act == "tree"]
        for reading in readings:
            query = reading.query
            if query.act == "tree":  # worked out over every project, not over the rows shown
                continue
            if listed and trees and _reads_more(trees[0], reading, used):
                # "their total without ECRI": the composed question, asked of the rows
                return self.composed_of(trees[0], listed, used, facts)
            if not listed and isinstance(made, Query):
                if query.act not in TABLE_ACTS:
                    continue
                narrowed = query.but(
                    conditions=(*made.conditions, *query.conditions),
                    scope=made.scope,
                    exclude=(*made.exclude, *query.exclude),
                )
                return follow_up(narrowed, reading.used | used, facts.frame)
            query = self._in_sight(query, self.last_ordered_field(facts, context), context)
            if query.act == "rank" and len(listed) == 2 and query.order is not None:
                order = query.order
                compare = Query("compare", projects=listed, fields=(order.field,), order=order)
                return follow_up(compare, reading.used | used, facts.frame)
            if query.act in TABLE_ACTS:
                return follow_up(query.but(scope=listed), reading.used | used, facts.frame)
            if query.act in ("lookup", "compare") or not facts.projects:
                fields = tuple(str(s.value) for s in self.fields.selected(facts))
                if fields and not facts.projects:
                    lookup = Query("lookup", projects=listed, fields=fields)
                    return follow_up(lookup, reading.used | used, facts.frame)
        return (
            self.filtered(facts, used, context)
            or self.fields_of(facts, used, listed)
            or self._pointed(facts, used, context, listed)
        )

    def composed_of(
        self, reading: Reading, rows: tuple[str, ...], used: set[int], facts: Facts
    ) -> Reading | None:
        """The composed question of ``reading`` asked of ``rows`` instead of every project
        ("their total without ECRI" after a list)."""
        tree = tr.rebased(reading.query.tree, rows)
        text = self.say(tree)
        if not text:
            return None
        found = tr.named_in(tree)
        query = Query("tree", tree=tree, options=(text,), projects=found, confidence=UNSURE)
        return follow_up(query, reading.used | used, facts.frame)

    def _in_sight(self, query: Query, last: str | None, context: Context) -> Query:
        """The figure just given kept in sight: "which one is bigger?" ranks by it, a list
        shows it, "average of those?" after the top two by budget averages it, and "only the
        ones over 280k" after a list by budget tests it."""
        if last is None:
            return query
        if query.act == "rank" and query.order is not None:
            query = query.but(order=query.order._replace(field=last))
        elif query.act == "list" and not query.fields:
            query = query.but(fields=(last,))
        elif query.act == "aggregate" and _shown_by(context, last, self.k):
            query = query.but(fields=(last,), also=())
        return on_field(query, last, self.k)

    def _pointed(
        self, facts: Facts, used: set[int], context: Context, listed: tuple[str, ...]
    ) -> Reading | None:
        """ "which ones?" after a count: those rows listed; "total of those": the total of the
        figure they were chosen by."""
        if not listed or facts.projects or facts.conditions:
            return None
        kinds = {s.kind for spans in facts.spans.values() for s in spans}
        sums = [s for s in facts.get("arith") + facts.get("op") if s.value == "sum"]
        last = self.last_ordered_field(facts, context)
        listing = [s for s in facts.get("op") if s.value != "list"]  # "name them"
        if kinds <= {"follow", "yesno", "op", "conj", "filler"} and not listing:
            # "which were they?": the rows with the figure they were chosen by, in sight
            shown = Query("list", fields=(last,) if last else (), scope=listed)
            return follow_up(shown, used, facts.frame)
        if sums and kinds <= {"follow", "arith", "op"} and last is not None:
            total = Query("aggregate", fields=(last,), aggregate="sum", scope=listed)
            return follow_up(total, used | positions(sums), facts.frame)
        return None

    def _singular_they(self, facts: Facts, context: Context) -> bool:
        """ "they" alone after an answer that named one project is that project (not "which
        of them", which is the rows it was chosen from)."""
        prev = context.last
        order = prev.order if isinstance(prev, Query) and prev.act == "rank" else None
        one = order is not None and order.limit == 1 and len(context.projects) == 1  # not a sort
        plural = [s for s in facts.get("follow") if s.value == "plural"]
        words = [" ".join(facts.frame.words[s.start : s.end]) for s in plural]
        singular = set(self.k.language.singular_they)
        return one and bool(words) and all(w in singular for w in words)

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
        elif isinstance(prev, Query):  # "budgets above 240k", then "only those above 250k"
            last = next((c.field for c in prev.conditions if c.field in self.k.fields), None)
        return last if last and self.k.fields[last].kind in ORDERED_KINDS else None

    def fields_of(self, facts: Facts, used: set[int], listed: tuple[str, ...]) -> Reading | None:
        """ "when did it end?" after the top three: that figure of each project shown."""
        fields = tuple(str(s.value) for s in self.fields.selected(facts))
        if not listed or not fields or facts.projects or facts.conditions:
            return None
        used |= positions(facts.spans.get("field", []))
        return follow_up(Query("lookup", projects=listed, fields=fields), used, facts.frame)

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
        return follow_up(query, used, facts.frame)


def _pointing(facts: Facts) -> set[int]:
    """The words that point at one of two figures shown ("is the first one")."""
    ones = [
        s for s in facts.frame.spans if s.kind in ("number", "filler") and s.value in (1, "one")
    ]
    return positions([*facts.get("ordinal"), *facts.get("limit"), *ones])


def _shown_by(context: Context, field: str, knowledge: Knowledge) -> bool:
    """Whether the last answer picked its rows by ``field`` ("the top two by budget", "the
    projects above 250k from the EU"), a figure that adds up (not a date)."""
    last = context.last
    if not isinstance(last, Query) or not suits("sum", knowledge.fields[field].kind):
        return False
    ranked = last.act == "rank" and last.order is not None and last.order.field == field
    filtered = last.act == "list" and any(c.field == field for c in last.conditions)
    return ranked or filtered


# kinds of figure counted in euros alike (an amount said alone tests either)
EUROS = {"money", "difference"}


def on_field(query: Query, field: str, knowledge: Knowledge) -> Query:
    """A question that names no figure, about a list that showed one: its amounts are that
    figure's ("only the ones over 280k" after a list by total budget)."""
    fields = knowledge.fields
    if any(c.field not in fields for c in query.conditions):
        return query

    def moved(c: Condition) -> Condition:
        kinds = {fields[c.field].kind, fields[field].kind}
        alike = isinstance(c.value, int | float) and (len(kinds) == 1 or kinds <= EUROS)
        return c._replace(field=field) if alike else c

    return query.but(conditions=tuple(moved(c) for c in query.conditions))


def _call_of(query: Query, call_field: str | None) -> int | None:
    """The call a query is about, when one call is all its conditions say."""
    conditions = query.conditions
    if len(conditions) != 1 or query.scope is not None:
        return None
    c = conditions[0]
    if c.field != call_field or c.op != "eq" or c.negated or not isinstance(c.value, int):
        return None
    return c.value


def _shown_figures(prev: Query) -> list[Operand]:
    """The figures the last answer gave, each a project's field: of a lookup or a comparison
    ("EU contribution of RUE AERO and CLUSTEM"), or of a composed answer in parts."""
    if prev.act in ("lookup", "compare") and not prev.unit:
        return [Operand(f, project=p) for p in prev.projects for f in prev.fields]
    if prev.act == "arithmetic":
        return list(prev.operands)  # "how much is that together?", then "difference?"
    summed = prev.tree.value if isinstance(prev.tree, tr.Say) else None
    if isinstance(summed, tr.Agg) and summed.fn in ("sum", "total") and summed.field:
        # "A and B's EU money, combined", then "what's the difference?": of the two
        names = summed.among.acronyms if isinstance(summed.among, tr.Named) else ()
        return [Operand(summed.field, project=a) for a in names] if len(names) == 2 else []
    if isinstance(prev.tree, tr.Which | tr.Check):  # "which one was more?", "by how much"
        parts = (tr.Say(prev.tree.left), tr.Say(prev.tree.right))
    else:
        parts = prev.tree.parts if isinstance(prev.tree, tr.Several) else ()
    figures = [
        Operand(part.value.field, project=part.value.among.acronyms[0])
        for part in parts
        if isinstance(part, tr.Say)
        and isinstance(part.value, tr.Of)
        and part.value.field
        and isinstance(part.value.among, tr.Named)
        and len(part.value.among.acronyms) == 1
    ]
    return figures if len(figures) == len(parts) else []


def _reads_more(tree: Reading, reading: Reading, pointing: set[int]) -> bool:
    """Whether the composed reading reads words of the question a flat one leaves unread
    (the "without ECRI" of "their total without ECRI"), besides the words pointing back."""
    return bool(tree.used - reading.used - pointing) and reading.used - pointing <= tree.used
