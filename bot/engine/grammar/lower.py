"""A flat tree said as the readers' ``Query``: the same question, answered, paged and followed
up by the evaluator and renderer that already know how.

Only trees without nesting lower: a set of conditions on constants (a call, a filter, a
"not in"), asked as a list, a count, an aggregate, a ranking or a field of named projects.
Anything else returns ``None`` and is executed as a tree.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.engine.evaluate import AGGREGATE_OPS, POINT_KINDS, suits
from bot.engine.grammar import tree as t
from bot.engine.grammar.execute import implied
from bot.engine.grammar.filters import Figure, comparable
from bot.engine.query import DATE_OPS, OPS, Condition, Order, Query


class Lowering:
    def __init__(self, call_field: str | None, kinds: dict[str, str]) -> None:
        self.call_field = call_field
        self.kinds = kinds  # field -> kind

    def query(self, root: Any) -> Query | None:
        if isinstance(root, t.Show | t.CountOf):
            act = "list" if isinstance(root, t.Show) else "count"
            if isinstance(root.among, t.Best):
                return self._ranked(root.among) if act == "list" else None
            conditions = self.conditions(root.among)
            return None if conditions is None else Query(act, conditions=tuple(conditions))
        if isinstance(root, t.Sorted):
            return self._sorted(root)
        if isinstance(root, t.Say):
            return self._said(root.value)
        return None

    def _sorted(self, root: t.Sorted) -> Query | None:
        if self.kinds.get(root.field) not in POINT_KINDS:
            return None
        descending = root.descending
        if descending is None:
            descending = self.kinds.get(root.field) != "date"
        order = Order(root.field, descending, 0, None, stated=True)
        fields = (root.field,)
        if isinstance(root.among, t.Named) and len(root.among.acronyms) > 1:
            # "sort MATERIALIX, ECRI and TCE by EU grant": a ranking of those alone
            return Query("rank", fields=fields, order=order, scope=root.among.acronyms)
        conditions = self.conditions(root.among)
        if conditions is None:
            return None
        return Query("rank", fields=fields, conditions=tuple(conditions), order=order)

    def _said(self, value: Any) -> Query | None:
        kind = self.kinds.get(value.field or "") if isinstance(value, t.Agg | t.Of) else None
        if isinstance(value, t.Agg):
            value = value._replace(fn=implied(value.fn, kind or ""))
        if (
            isinstance(value, t.Agg)
            and value.fn in AGGREGATE_OPS
            and kind
            and suits(value.fn, kind)
        ):
            conditions = self.conditions(value.among)
            if conditions is None:
                return None
            return Query(
                "aggregate", fields=(value.field,), aggregate=value.fn, conditions=tuple(conditions)
            )
        if isinstance(value, t.Of) and isinstance(value.among, t.Named) and value.field:
            return Query("lookup", projects=value.among.acronyms, fields=(value.field,))
        if isinstance(value, t.Of) and isinstance(value.among, t.InCall) and value.field:
            # "call 2 grants": each project's figure, listed
            conditions = self.conditions(value.among)
            return (
                None
                if conditions is None
                else Query("list", fields=(value.field,), conditions=tuple(conditions))
            )
        if isinstance(value, t.Of) and isinstance(value.among, t.Best):
            # "the most, and how much": the figure it was ranked by, as a ranking says it
            return self._ranked(value.among) if value.field == value.among.field else None
        return None

    def _ranked(self, best: t.Best) -> Query | None:
        conditions = self.conditions(best.among)
        if conditions is None or self.kinds.get(best.field) not in POINT_KINDS:
            return None
        if best.dated and self.kinds.get(best.field) != "date":
            return None  # "the EU money of the earliest project": the executor refuses it
        order = Order(
            best.field, best.descending, best.offset, best.limit, stated=True, assumed=best.assumed
        )
        return Query("rank", fields=(best.field,), conditions=tuple(conditions), order=order)

    def conditions(self, node: Any, negated: bool = False) -> list[Condition] | None:
        """A set as the readers' conditions, or ``None`` when it is not one."""
        if isinstance(node, t.Every):
            return []
        if isinstance(node, t.InCall) and self.call_field:
            return [Condition(self.call_field, "eq", node.number, negated)]
        if negated:
            return None  # only a call is left out by a condition
        kinds: dict[type, Callable[[Any], list[Condition] | None]] = {
            t.Both: self._both,
            t.Without: self._without,
            t.Filter: self._filter,
        }
        made = kinds.get(type(node))
        return made(node) if made else None

    def _both(self, node: t.Both) -> list[Condition] | None:
        left, right = self.conditions(node.left), self.conditions(node.right)
        return None if left is None or right is None else left + right

    def _without(self, node: t.Without) -> list[Condition] | None:
        kept = self.conditions(node.kept)
        dropped = self.conditions(node.dropped, negated=True)
        if kept is None or dropped is None or len(dropped) != 1:
            return None
        return kept + dropped

    def _filter(self, node: t.Filter) -> list[Condition] | None:
        among = self.conditions(node.among)
        if among is None or node.op not in OPS or not isinstance(node.value, t.Const):
            return None  # "within 10k of", "closest to": not a condition of the readers
        kind = self.kinds.get(node.field, "")
        if not comparable(kind, Figure(node.value.value, "const")):
            return None  # "a total budget above 20%": not a condition of one field
        op = DATE_OPS.get(node.op, node.op) if kind == "date" else node.op
        return [*among, Condition(node.field, op, node.value.value, node.negated)]
