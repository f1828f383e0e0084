"""Follow-ups that keep the last question's subject and ask something else of it: another
figure of its projects ("its end date?"), its rows counted ("how many were there?"),
ranked or reduced another way ("and the least?", "and the average?"), or in several parts."""

from __future__ import annotations

from collections.abc import Sequence

from bot.engine.aggregates import AGGREGATE_OPS, suits
from bot.engine.followup.scored import follow_up
from bot.engine.interpret import Facts, Reading, positions
from bot.engine.interpret.fields import Fields, direction
from bot.engine.interpret.question import sized_tops
from bot.engine.query import Operand, Order, Query
from bot.engine.referents import TABLE_ACTS, TYING
from bot.knowledge import Knowledge
from bot.knowledge.plain import ORDERED_KINDS


class SameSubjectEdits:
    """A new question about the last one's projects or rows."""

    def __init__(self, knowledge: Knowledge, fields: Fields) -> None:
        self.k = knowledge
        self.fields = fields
        self.run = next(iter(knowledge.fields_of_kind("span")), None)  # "in days?": the run
        # "total?" of one project: the field that word names short ("total" -> total budget)
        self.elliptic = {w: n for n, f in knowledge.fields.items() for w in f.in_arithmetic}
        self.stop = frozenset(knowledge.language.stopwords)

    def same_projects(self, facts: Facts, prev: Query) -> Reading | None:
        """ "its end date?", "which call was that?", "so what share did the EU cover?" """
        fields = tuple(str(s.value) for s in self.fields.selected(facts))
        # "in days?", "how many weeks is that?": the run of the same projects, in that unit
        units = [s for s in facts.get("unit") if s.value in ("days", "weeks", "months", "years")]
        if not fields and units and self.run is not None:
            fields = (self.run,)
        words = facts.frame.words
        said = {
            s: self.elliptic[w]
            for s in facts.get("op")
            if (w := " ".join(words[s.start : s.end])) in self.elliptic
        }
        rest = [s for s in facts.frame.spans if s.kind not in ("conj", "follow", "filler")]
        only = len(rest) == len(said) == 1 and len(prev.projects) == 1
        if not fields and only:  # "ecri eu?" then "total?": its total budget
            fields = tuple(said.values())
        if not fields:
            return None
        fields = self._in_percent(facts, prev, fields)  # "as a percentage?" after a figure
        used = positions(facts.spans.get("field", [])) | positions(facts.get("follow"))
        used |= positions(list(said))
        used |= positions(facts.get("call_field")) | positions(units)
        if units:
            used |= positions(facts.get("op", "count")) | positions(facts.get("op", "quantity"))
        desc, dir_used = direction(facts)
        if len(prev.projects) > 1:
            order = Order(fields[0], descending=desc) if desc is not None else None
            query = Query("compare", projects=prev.projects, fields=fields, order=order)
            return follow_up(query, used | dir_used, facts.frame)
        unit = str(units[0].value) if units else None
        lookup = Query("lookup", projects=prev.projects, fields=fields, unit=unit)
        return follow_up(lookup, used, facts.frame)

    def _in_percent(self, facts: Facts, prev: Query, fields: tuple[str, ...]) -> tuple[str, ...]:
        """ "as a percentage?" after a figure of a project: the share that figure is of
        (after its own contribution, its own share; after its EU contribution, the EU's)."""
        percent = facts.get("gram", "percent")
        said = [s for s in facts.fields if positions([s]) <= positions(percent)]
        if not percent or len(prev.fields) != 1 or len(said) != len(facts.fields):
            return fields
        shares = [
            n for n, f in self.k.fields.items() if f.kind == "ratio" and f.of[:1] == [*prev.fields]
        ]
        return (shares[0],) if len(shares) == 1 else fields

    def amount_of(self, facts: Facts, project: str, field: str) -> Reading | None:
        """ "how much?" after the one project a ranking picked: its figure of that ranking."""
        asked = facts.get("op", "quantity")
        others = [s for s in facts.get("op") if s.value != "quantity"]
        if not asked or others or self.fields.selected(facts) or facts.projects:
            return None
        if self.k.fields[field].kind not in ("money", "difference", "ratio"):
            return None
        lookup = Query("lookup", projects=(project,), fields=(field,))
        return follow_up(lookup, positions(asked), facts.frame)

    def count_rows(self, facts: Facts, prev: Query) -> Reading | None:
        """ "how many were there?": the rows of the last table question, counted."""
        if not facts.has("op", "count") or self.fields.selected(facts):
            return None
        rows = Query("count", conditions=prev.conditions, scope=prev.scope, exclude=prev.exclude)
        return follow_up(rows, positions(facts.get("op", "count")), facts.frame)

    def in_parts(self, facts: Facts, prev: Query, readings: Sequence[Reading]) -> Reading | None:
        """ "and the earliest and the latest end?": a question in several parts, each over
        the last question's rows."""
        best = readings[0] if readings else None
        if best is None or best.query.act not in TABLE_ACTS or not best.query.also:
            return None
        rows = {"conditions": prev.conditions, "scope": prev.scope, "exclude": prev.exclude}
        also = tuple(part.but(**rows) for part in best.query.also)
        query = best.query.but(also=also, **rows)
        # "sum?" after the projects under 220k from the EU: of the figure they were picked by
        picked = {c.field for c in prev.conditions} | set(prev.fields)
        picked |= {prev.order.field} if prev.order is not None else set()
        fields = [part.fields[0] for part in (query, *also) if part.fields]
        kept = [f for f in fields if f in picked]
        summed = len(kept) == 1 and suits(query.aggregate or "sum", self.k.fields[kept[0]].kind)
        if best.query.act == "aggregate" and query.fields and summed:
            query = query.but(fields=(kept[0],), also=())
        return follow_up(query, best.used | positions(facts.get("follow")), facts.frame)

    def of_figures_shown(self, facts: Facts, prev: Query, listed: Sequence[str]) -> Reading | None:
        """ "sum?", "the average of those?" after the figures of a few projects ("ECRI's and
        COSMENERG's EU money", or "TCE's budget" then "and CLUSTEM's?"): of those projects."""
        aggs = [s for s in facts.get("op") if s.value in AGGREGATE_OPS]
        aggs += [s for s in facts.get("arith") if s.value == "sum"]  # "add all 3 up"
        names = prev.projects if len(prev.projects) > 1 else tuple(listed)
        if prev.act not in ("lookup", "compare") or not aggs or len(names) < 2:
            return None
        # "the three", "all 3", "both", "those": the projects just given, counted or pointed at
        counted = [s for s in facts.get("number") if s.value == len(names)]
        counted += [s for s in facts.get("follow") if s.value == "plural"] + facts.get("gram")
        if self.elliptic.keys() & set(facts.frame.words) and not counted:
            return None  # "total?": may be the total budget, asked of them next
        said = {i for s in facts.frame.spans if s.kind in TYING for i in range(s.start, s.end)}
        said |= positions(aggs) | positions(facts.get("arith")) | positions(counted)
        if any(i not in said for i, w in enumerate(facts.frame.words) if w not in self.stop):
            return None  # "total budget?", "sum of call 2": more than a statistic of those
        agg = next((str(s.value) for s in aggs if s.value != "sum"), "sum")
        fields = [f for f in prev.fields if suits(agg, self.k.fields[f].kind)]
        if not fields or (len(prev.projects) < 2 and prev.projects[0] not in names):
            return None
        if agg == "sum" and len(names) == 2 and len(fields) == 1:  # two figures added: then
            # "difference?" takes them apart again
            operands = tuple(Operand(fields[0], project=a) for a in names)
            return follow_up(
                Query("arithmetic", operands=operands, arithmetic="sum"), said, facts.frame
            )
        queries = [
            Query("aggregate", fields=(f,), aggregate=agg, scope=tuple(names)) for f in fields
        ]
        query = queries[0].but(also=tuple(queries[1:]))
        return follow_up(query, said, facts.frame)

    def same_rows(self, facts: Facts, prev: Query, listed: Sequence[str] = ()) -> Reading | None:
        """ "and the least?", "and the average?", "same ranking by budget?"; ``listed``: the
        rows last shown ("combined?" after the top two: of those two)."""
        selected = self.fields.selected(facts)
        desc, used = direction(facts)
        bottom = [s for s in facts.get("limit") if s.value == "bottom"]
        if prev.act == "rank" and bottom and not facts.get("number"):
            # "and who's last?" after a ranking: its bottom, whatever else "last" can mean
            at = positions(bottom)
            selected = [s for s in selected if not positions([s]) & at]
            desc = _reversed(self.k, prev.order)
            used = at | positions([s for s in facts.frame.spans if positions([s]) & at])
        fields = [str(s.value) for s in selected]
        aggs = [s for s in facts.get("op") if s.value in AGGREGATE_OPS]
        previous_field = (
            prev.order.field
            if prev.order is not None
            else (prev.fields[0] if prev.fields else None)
        )
        if previous_field is None and prev.conditions:  # "combined?" after "more than 300k"
            previous_field = str(prev.conditions[0].field)
        name = fields[0] if fields else previous_field
        if name is None or self.k.fields[name].kind not in ORDERED_KINDS:
            return None  # "who ..." names the partners: a list is not summed or ranked
        used |= positions(facts.spans.get("field", []))
        kind = self.k.fields[name].kind
        if aggs:
            agg = next((s.value for s in aggs if s.value != "sum"), "sum")
            if not suits(agg, kind):
                return None  # "and the total end date?": dates are not added up
            top = prev.act == "rank" and prev.order is not None and (prev.order.limit or 1) > 1
            scope = tuple(listed) if top and listed and not prev.scope else prev.scope
            query = Query(
                "aggregate", fields=(name,), conditions=prev.conditions, aggregate=agg, scope=scope
            )
            return follow_up(query, used | positions(aggs), facts.frame)
        renumbered = bool(facts.get("ordinal")) and prev.act == "rank"  # "and the third?"
        if desc is not None or (fields and prev.act == "rank") or renumbered:
            old = prev.order or Order(name)
            ordinals = facts.get("ordinal")
            offset = int(ordinals[0].value) - 1 if ordinals else 0
            # "now the bottom 3": a new size of the ranking
            # ("the largest three", "just the three smallest")
            sizes = facts.get("number") if facts.get("limit") else sized_tops(facts)
            order = Order(
                name,
                descending=old.descending if desc is None else desc,
                offset=offset if desc is not None or ordinals else old.offset,
                limit=int(sizes[0].value) if sizes else old.limit,
            )
            used |= positions(ordinals) | positions(sizes)
            query = Query("rank", conditions=prev.conditions, order=order, scope=prev.scope)
            return follow_up(query, used | positions(facts.get("op")), facts.frame)
        if fields and prev.act == "aggregate" and suits(prev.aggregate or "sum", kind):
            return follow_up(prev.but(fields=(name,)), used, facts.frame)
        return None


def _reversed(knowledge: Knowledge, order: Order | None) -> bool:
    """The direction that puts a ranking's last first: "which ended first?", "and which
    ended last?" is the latest; after "who got the most?", the least."""
    if order is None:
        return False
    if order.descending is not None:
        return not order.descending
    return knowledge.fields[order.field].kind == "date"  # dates go earliest first
