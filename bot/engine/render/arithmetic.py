"""Arithmetic said: a sum, a difference (which is more and by how much), a ratio, the gap
between two dates, and how long two projects ran at the same time."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.engine import formatting as fmt
from bot.engine.calculate import DIFFERING
from bot.engine.evaluate import Result
from bot.engine.frame import When
from bot.engine.query import Operand, Query
from bot.engine.render.wording import (
    AGGREGATE_WORDS,
    COMPARATIVES,
    DAYS_PER_MONTH,
    EXTREMES,
    Renderer,
    days_text,
    months_text,
)
from bot.engine.reply import bold

if TYPE_CHECKING:
    pass


class ArithmeticAnswers:
    """Two figures combined, said with both."""

    def __init__(self, renderer: Renderer) -> None:
        self.r = renderer
        self.k = renderer.k
        self.ev = renderer.ev

    def operand_text(self, operand: Operand) -> str:
        label = self.r.label(operand.field)
        if operand.project is not None:
            if operand.field == self.k.call_field:
                return f"{operand.project}'s call for proposals"
            return f"{operand.project}'s {label}"
        call = self.k.calls_by_number.get(operand.call or 0)
        kind = self.k.fields[operand.field].kind
        words = {
            **AGGREGATE_WORDS,
            "max": EXTREMES.get(kind, ("largest", "smallest"))[0],
            "min": EXTREMES.get(kind, ("largest", "smallest"))[1],
        }
        agg = words.get(operand.aggregate or "sum", "total")
        if operand.aggregate == "shared" and call is not None:
            return self.r.t("call_shared", call=fmt.ordinal(call.number), label=label)
        said = label if label.split(" ", 1)[0] == agg else f"{agg} {label}"  # not "total total"
        if call is None:
            return f"the {said}"
        return f"the {fmt.ordinal(call.number)} call's {said}"

    def arithmetic_answer(self, result: Result) -> str:
        query = result.query
        first_op, second_op = query.operands
        a, b = result.operands
        if result.value is None:  # a figure missing, or a call's projects' differing dates
            return self.differing(result) or self.r.t("arithmetic_missing")
        in_days = self.k.fields[first_op.field].kind == "span" and isinstance(a, int)
        show = (lambda _f, v: days_text(v)) if in_days else self.r.shown
        slots = {
            "first": self.operand_text(first_op),
            "second": self.operand_text(second_op),
            "first_value": bold(show(first_op.field, a)),
            "second_value": bold(show(second_op.field, b)),
        }
        if query.arithmetic == "overlap":
            return self.overlap(result.value, [self.runner(o) for o in query.operands])
        if isinstance(result.value, tuple):
            return self.date_gap_text(query, result.value, slots)
        name = first_op.field
        if query.arithmetic == "sum":
            return self.r.t("sum", value=bold(self.r.shown(name, result.value)), **slots)
        if query.arithmetic == "ratio":
            return self.ratio(result.value, slots)
        # "by what percentage?": the gap in percent
        return self.difference(name, result.value, slots, query.arithmetic == "relative")

    def ratio(self, value: float, slots: dict[str, str]) -> str:
        said = self.r.t("ratio", value=bold(f"{value:.2f}"), **slots)
        if 0 < value < 1:  # "how many times X is Y", said either way round
            other = bold(f"{1 / value:.2f}")
            said += " " + self.r.t("ratio_inverse", value=other, **slots)
        return said

    def differing(self, result: Result) -> str | None:
        """What to say when a call's projects do not share the one value asked for."""
        pairs = zip(result.query.operands, result.operands, strict=True)
        operand = next((o for o, v in pairs if v == DIFFERING), None)
        if operand is None:
            return None
        call = self.k.calls_by_number.get(operand.call or 0)
        where = fmt.ordinal(call.number) if call else ""
        return self.r.t("call_differs", call=where, label=self.r.label(operand.field))

    def difference(
        self, name: str, value: Any, slots: dict[str, str], relative: bool = False
    ) -> str:
        if value == 0:
            return self.r.t("same_value", **slots)
        kind = self.k.fields[name].kind
        more = COMPARATIVES.get(kind, ("more", "less"))[0]
        if value < 0:
            slots["first"], slots["second"] = slots["second"], slots["first"]
            slots["first_value"], slots["second_value"] = (
                slots["second_value"],
                slots["first_value"],
            )
        if relative:  # the gap as a share of the smaller figure
            return self.r.t("relative", value=bold(fmt.percent(abs(value))), word=more, **slots)
        if kind == "span" and isinstance(value, int):  # counted in days
            shown = days_text(abs(value))
        else:
            shown = months_text(abs(value)) if kind == "span" else self.r.shown(name, abs(value))
        return self.r.t("difference", value=bold(shown), word=more, **slots)

    def date_gap_text(self, query: Query, gap: tuple[int, Any, Any], slots: dict[str, str]) -> str:
        days, a, b = gap
        if days < 0:
            slots["first"], slots["second"] = slots["second"], slots["first"]
            slots["first_value"], slots["second_value"] = (
                slots["second_value"],
                slots["first_value"],
            )
            a, b = b, a
        if query.unit == "years" or (isinstance(a, When) and a.grain == "year"):
            first, second = (x.first if isinstance(x, When) else x for x in (a, b))
            years = second.year - first.year
            value = f"{years} year{'s' if years != 1 else ''}"
            if query.unit != "years":
                value += f" ({days_text(abs(days))})"
        elif query.unit == "days":
            value = days_text(abs(days))
        else:
            value = f"{days_text(abs(days))} (about {abs(days) / DAYS_PER_MONTH:.1f} months)"
        return self.r.t("date_gap", value=bold(value), **slots)

    def runner(self, operand: Operand) -> str:
        """What ran: a project, or a call's projects."""
        call = self.k.calls_by_number.get(operand.call or 0)
        if operand.project or call is None:
            return operand.project or self.r.t("g_projects")
        return self.r.t("call_projects", call=fmt.call_name(call))

    def overlap(self, shared: tuple[int, Any, Any], names: list[str]) -> str:
        """ "how long did A and B run at the same time?" (a call's run: its projects')."""
        days, first, last = shared
        period = f", from {fmt.date(first)} to {fmt.date(last)}" if days else ""
        value = days_text(days) + (f" (about {days / DAYS_PER_MONTH:.1f} months)" if days else "")
        if not days:
            return self.r.t("overlap_none", first=names[0], second=names[1])
        return self.r.t(
            "overlap", first=names[0], second=names[1], value=bold(value), period=period
        )
