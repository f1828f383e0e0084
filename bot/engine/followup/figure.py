"""The one figure the last answer gave, as a value of the grammar's trees: "that" in "half of
that?" or "what's that as a share of the first call's total?" stands for it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.engine import thresholds
from bot.engine.context import Context
from bot.engine.frame import Frame
from bot.engine.grammar import tree as t
from bot.engine.interpret import Reading
from bot.engine.query import Operand, Query
from bot.engine.reply import Reply

if TYPE_CHECKING:
    from bot.engine.acts import Acts
    from bot.engine.grammar import Grammar


class FigureFollowUp:
    """ "half of that?", "what's that as a share of the first call's total?": "that" is the
    one figure the last answer gave, and the grammar reads the question with it."""

    def __init__(self, grammar: Grammar, acts: Acts, call_field: str | None) -> None:
        self.grammar, self.acts, self.call_field = grammar, acts, call_field

    def answer(self, frame: Frame, context: Context) -> Reply | None:
        """The answer with "that" read as the last figure, or ``None``. Never sure: the
        words point back."""
        if not frame.find("follow", "pronoun") or not any(_calculates(s) for s in frame.spans):
            return None
        that = value_of(context.last, self.call_field)
        choice = None if that is None else self.grammar.choose(frame, that=that)
        if choice is None or not choice.text or not calculated(choice.root, that):
            return None  # "when did it end?": "it" is the project, and the follow-ups'
        named = named_in(choice.root)  # "and its total budget?" next: of the project named
        sure = thresholds.UNSURE
        query = Query(
            "tree", tree=choice.root, options=(choice.text,), projects=named, confidence=sure
        )
        reply = self.acts.run(
            Reading(query, set(range(len(frame.words))), 1.0, "grammar"), frame, context
        )
        if len(named) == 1:  # "and the total budget itself?" next: asked of that project
            context.last = Query("card", projects=named)
        return reply


# words that work a figure out of another ("half of", "as a share of", "how many times")
CALCULATING = {"arith", "multiple", "per"}
CALCULATING_GRAM = {("gram", "share"), ("gram", "percent"), ("gram", "times")}


def _calculates(span: Any) -> bool:
    compared = span.kind == "cmp" and span.value in ("gt", "lt", "ge", "le")  # "above that"
    return span.kind in CALCULATING or compared or (span.kind, span.value) in CALCULATING_GRAM


def value_of(query: Any, call_field: str | None) -> Any:
    """The figure ``query`` asked for (a project's field, an aggregate of a call or of every
    project, a calculation of those, a composed value), or ``None`` when it asked for more
    than one figure or for none."""
    if not isinstance(query, Query) or query.unit or query.also:
        return None
    if query.act == "lookup" and len(query.projects) == 1 and len(query.fields) == 1:
        return t.Of(query.fields[0], t.Named(query.projects))
    if query.act == "aggregate" and len(query.fields) == 1 and query.aggregate:
        among = _among(query, call_field)
        return None if among is None else t.Agg(query.aggregate, query.fields[0], among)
    if query.act == "arithmetic" and len(query.operands) == 2 and query.arithmetic:
        left, right = (_operand(o) for o in query.operands)
        return None if left is None or right is None else t.Calc(query.arithmetic, left, right)
    if query.act == "tree" and isinstance(query.tree, t.Say):
        return query.tree.value
    return None


def _among(query: Query, call_field: str | None) -> Any:
    """The projects an aggregate was over: every one, or one call's (nothing narrower)."""
    if query.scope or query.exclude or len(query.conditions) > 1:
        return None
    if not query.conditions:
        return t.Every()
    (cond,) = query.conditions
    if cond.field == call_field and cond.op == "eq" and not cond.negated:
        return t.InCall(int(cond.value))
    return None


def _operand(operand: Operand) -> Any:
    if operand.project is not None:
        return t.Of(operand.field, t.Named((operand.project,)))
    if operand.call is not None and operand.aggregate:
        return t.Agg(operand.aggregate, operand.field, t.InCall(operand.call))
    return None


def calculated(root: Any, value: Any) -> bool:
    """Whether ``root`` works something out of ``value`` ("what % of that is X"), or tests
    projects against it ("how many are above that?")."""
    return any(
        (isinstance(n, t.Calc) and value in (n.left, n.right))
        or (isinstance(n, t.Filter) and n.value == value)
        for n in t.nodes(root)
    )


def named_in(root: Any) -> tuple[str, ...]:
    """The projects ``root`` names, in order, each once."""
    names = [a for n in t.nodes(root) if isinstance(n, t.Named) for a in n.acronyms]
    return tuple(dict.fromkeys(names))
