"""Sets and values in words: "the project with the largest total budget", "TRACE-KEI's EU
contribution (€213,738)". The words come from the knowledge (templates, field labels)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from bot.engine import formatting as fmt
from bot.engine.formatting import join
from bot.engine.frame import Share, When
from bot.engine.grammar import tree as tr
from bot.engine.grammar.execute import LENGTH_UNITS, Executor, holders
from bot.engine.grammar.filters import Figure
from bot.engine.query import Condition
from bot.engine.render import Renderer

# figures said without a field's format: "2.5" times, "70.1%", "1,234" projects, a constant
PLAIN_FIGURES: dict[str, Callable[[Any], str]] = {
    "times": lambda v: f"{v:.2f}".rstrip("0").rstrip("."),
    "share": fmt.percent,
    "count": lambda v: f"{v:,}",
    "const": lambda v: f"{v:.3g}" if isinstance(v, float) else str(v),  # "0.667 ×"
}


def _count(value: float) -> str:
    """A length as a number of its unit: "92", "1.8" (never "0.19999999999999996")."""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{int(value):,}"


# an extreme held by more projects than this is said without their names
HELD_BY_MAX = 3


class Describer:
    def __init__(self, renderer: Renderer, executor: Executor) -> None:
        self.r = renderer
        self.x = executor
        self.k = renderer.k

    def t(self, name: str, **slots: Any) -> str:
        return self.r.t(name, **slots)

    # -- sets in words ------------------------------------------------------------------------
    def described(self, node: Any) -> str:
        """A set as a noun phrase: "the projects of the 1st call ... with a total budget above"."""
        sayers: dict[type, Callable[[Any], str]] = {
            tr.Every: lambda n: self.t("g_every", count=len(self.k.projects)),
            tr.Named: lambda n: join(list(n.acronyms)),
            tr.InCall: lambda n: self.t(
                "g_in_call", call=fmt.call_name(self.k.calls_by_number[n.number])
            ),
            tr.Both: lambda n: f"{self._base(n.left)} {self._qualifier(n.right)}",
            tr.Without: lambda n: self.t(
                "g_without", kept=self.described(n.kept), dropped=self.described(n.dropped)
            ),
            tr.Filter: self._filtered,
            tr.Best: self._best,
            tr.Flagged: self._flagged,
            tr.CallOf: self._call_of,
        }
        return sayers[type(node)](node)

    def _filtered(self, node: tr.Filter) -> str:
        """ "projects with X below TCE's and with X above ECRI's": two tests, joined."""
        if isinstance(node.among, tr.Filter) and node.among.field == node.field:
            return self.t("g_and", left=self.described(node.among), right=self._qualifier(node))
        return f"{self._base(node.among)} {self._qualifier(node)}"

    def call_measure(self, root: tr.BestCall, calls: int) -> str:
        """ "the most projects", "the larger total budget": what a call is picked by."""
        if root.field is None and not isinstance(root.among, tr.Every):
            key = "g_most_described" if root.descending else "g_fewest_described"
            return self.t(key, what=self.described(root.among))
        if root.field is None:
            return self.t("g_most_projects" if root.descending else "g_fewest_projects")
        direction = self.comparative if calls == 2 else self.direction
        return self.t(
            "g_best_call_measure",
            direction=direction(self.x.kind(root.field), root.descending),
            aggregate=self._aggregate_word(root.fn, root.field),
            label=self.r.label(root.field),
        )

    def _call_of(self, node: tr.CallOf) -> str:
        rows = self.x.projects(node) or []
        if isinstance(node.among, tr.BestCall):  # "the call with the larger total budget"
            ranked = len(self.x.per_call(tr.PerCall("count", None, tr.Every())) or [])
            call = fmt.call_name(self.k.calls_by_number[rows[0].value(self.x.call_field or "")])
            measure = self.call_measure(node.among, ranked)
            return self.t("g_best_call_of", measure=measure, call=call)
        calls = {p.value(self.x.call_field) for p in rows} if self.x.call_field else set()
        names = [fmt.call_name(self.k.calls_by_number[c]) for c in sorted(calls)]
        return self.t("g_call_of", what=self.described(node.among), call=join(names))

    def _flagged(self, node: tr.Flagged) -> str:
        what = self._base(node.among)
        if not node.fields:
            return self.t("g_flagged", what=what)
        labels = join([self.r.label(f) for f in node.fields])
        return self.t("g_flagged_fields", what=what, fields=labels)

    def _base(self, node: Any) -> str:
        """A set about to be narrowed: all the projects are just "projects"."""
        return self.t("g_projects") if isinstance(node, tr.Every) else self.described(node)

    def _qualifier(self, node: Any) -> str:
        """What narrows a set: "in the 1st call ...", "with an EU contribution above X's"."""
        if isinstance(node, tr.InCall):
            return self.t("call_condition", call=fmt.call_name(self.k.calls_by_number[node.number]))
        if isinstance(node, tr.Filter):
            return self._condition(node)
        return self.t("g_also", what=self.described(node))

    def _condition(self, node: tr.Filter) -> str:
        figure = self.x.figure(node.value)
        if isinstance(node.value, tr.Const) and figure is not None:
            op = (
                node.op
                if self.x.kind(node.field) != "date"
                else {"gt": "after", "lt": "before", "eq": "during"}.get(node.op, node.op)
            )
            return self.r.condition_text(Condition(node.field, op, figure.value, node.negated))
        intro = self.k.fields[node.field].filter or f"with a {self.r.label(node.field)}"
        value = node.value
        margin = ""
        if node.op == "within":
            share = isinstance(value[0], Share)  # "within 5% of"
            margin = value[0].text() if share else self.r.shown(node.field, value[0])
            value = value[1]
        run = self.x.filters.run_of(node)
        same_call = node.op == "eq" and self.x.kind(node.field) == "call"
        if same_call and isinstance(value, tr.Of) and figure is not None:  # "as ECRI"
            call = self.r.shown(node.field, figure.value)
            text = self.t("g_same_call", what=self.described(value.among), call=call)
        elif isinstance(value, tr.Calc) and value.op == "grain":  # "in the same month as X"
            unit = self.t(f"g_unit_{value.right.value}")
            own = f"g_same_grain_{value.right.value}"  # "on the same day as"
            key = own if own in self.k.language.templates else "g_same_grain"
            text = self.t(key, intro=intro, unit=unit, what=self.value_words(value.left))
        elif run is not None:  # "that started while TCE ran (1 January 2016 to ...)"
            days = self.t("g_range", low=fmt.date(run.value.first), high=fmt.date(run.value.last))
            text = self.t("g_during_run", intro=intro, what=self.described(value.among), run=days)
        else:
            dated = "_date" if self.x.kind(node.field) == "date" else ""
            key = f"g_op_{node.op}{dated}"
            if isinstance(value, tr.Today):  # "running today (6 December 2026)"
                key = f"g_op_{node.op}_today"
            key = key if key in self.r.templates else f"g_op_{node.op}"
            words = self.t(key, margin=margin) if key in self.r.templates else node.op
            text = f"{intro} {words} {self.value_words(value)}"
        return self.t("except", condition=text) if node.negated else text

    def _best(self, node: tr.Best) -> str:
        kind = self.x.kind(node.field)
        word = self.direction(kind, node.descending)
        rank = f"{fmt.ordinal(node.offset + 1)} " if node.offset else ""
        among = "" if isinstance(node.among, tr.Every) else f" among {self.described(node.among)}"
        label = self.r.label(node.field)
        if node.limit > 1 and node.offset:  # "the projects ranked 4th to 6th by total budget"
            first, last = (fmt.ordinal(n) for n in (node.offset + 1, node.offset + node.limit))
            slots = {"first": first, "last": last, "direction": word, "label": label}
            return self.t("g_best_places", among=among, **slots)
        if node.limit > 1:  # "the 3 projects with the largest EU contributions"
            return self.t("g_best_n", count=node.limit, direction=word, label=label, among=among)
        return self.t("g_best", rank=rank, direction=word, label=label, among=among)

    # -- values in words ----------------------------------------------------------------------
    def value_words(self, node: Any, its: bool = False, held: bool = False) -> str:
        """A value node with its figure: "TRACE-KEI's EU contribution (€213,738)"; ``its``:
        a field of the project just named ("its total budget (€247,283)"); ``held``: an
        extreme with whose it is, when two figures are weighed ("(CLUSGRID: €268,727)")."""
        figure = self.x.figure(node)
        shown = (
            f" ({self._held_by(node, figure) if held else self.figure_text(figure)})"
            if figure is not None and not isinstance(node, tr.Const)
            else ""
        )
        if its and isinstance(node, tr.Of):
            return self.t("g_its", label=self.r.label(node.field or "")) + shown
        return self.value_name(node) + shown

    def weighed(self, node: Any, other: Any = None, its: bool = False) -> str:
        """A side of two figures weighed: with whose it is when it is an extreme; a bare
        number in the other's unit ("more than 1.8m?" of a sum: €1,800,000)."""
        if isinstance(node, tr.Const) and other is not None:
            return self.operand_words(node, other, "difference")
        return self.value_words(node, its=its, held=True)

    def _held_by(self, node: Any, figure: Figure) -> str:
        """A figure, and whose it is when it is an extreme a few projects hold: "the
        smallest budget of the 2nd call's projects but ECRI (CLUSGRID: €268,727)"."""
        said = self.figure_text(figure)
        if not (isinstance(node, tr.Agg) and node.fn in ("max", "min")):
            return said
        held = list(holders(self.x, node))
        if not held or len(held) > HELD_BY_MAX:
            return said
        return self.t("g_held_by", names=join(held), figure=said)

    def value_name(self, node: Any) -> str:
        names: dict[type, Callable[[Any], str]] = {
            tr.Own: lambda n: self.t("g_own", label=self.r.label(n.field)),
            tr.Const: self._const_name,
            tr.Today: lambda _: self.t("g_today"),
            tr.Of: self._of_name,
            tr.Agg: self._agg_name,
            tr.Calc: self._calc_name,
        }
        named = names.get(type(node))
        return named(node) if named else ""

    def _calc_name(self, node: tr.Calc) -> str:
        if node.op == "rate":  # "INNO-DROP's EU contribution a month"
            right = self.t(f"g_per_{node.right.value}")
        else:
            right = self._operand(node.right, node.left, node.op)
        return self.t(
            f"g_calc_{node.op}", left=self._operand(node.left, node.right, node.op), right=right
        )

    def _agg_name(self, node: tr.Agg) -> str:
        """ "the total budget of the 2nd call's projects"; of one project described ("its
        biggest recipient"), that project's figure, named."""
        if isinstance(node.among, tr.Best) and node.among.limit == 1 and node.field:
            return self._of_name(tr.Of(node.field, node.among))
        if not node.field:  # "more projects than call 1": how many
            return self.t("g_count_of", what=self.described(node.among))
        return self.t(
            "g_agg",
            aggregate=self._aggregate_word(node.fn, node.field),
            label=self.r.label(node.field),
            what=self.described(node.among),
        )

    def operand_words(self, node: Any, other: Any, op: str = "sum") -> str:
        """A side of a calculation with its figure, or a bare number in the other's unit (a
        multiplier stays a number)."""
        if isinstance(node, tr.Const):
            return self._operand(node, other, op)
        return self.value_words(node)

    def _operand(self, node: Any, other: Any, op: str) -> str:
        """A side of a calculation; a bare number added to or taken from a figure in that
        figure's unit ("250k minus TCE's budget": €250,000; "0.2 ×" stays a number)."""
        while isinstance(other, tr.Calc) and other.op == "times":  # "half of it, minus 5000"
            other = other.left
        field = getattr(other, "field", None)
        plain = isinstance(node, tr.Const) and type(node.value) in (int, float)
        if plain and op == "times":  # "2 × ECRI's total budget": a number, not €2
            return PLAIN_FIGURES["times"](node.value)
        plain = plain and op in ("sum", "difference")
        if plain and field in self.k.fields and self.x.kind(field) in ("money", "difference"):
            return self.r.shown(field, node.value)
        return self.value_name(node)

    def _const_name(self, node: tr.Const) -> str:
        if isinstance(node.value, When):  # "2020", "October 2016"
            return node.value.text()
        figure = self.x.figure(node)
        return self.figure_text(figure) if figure else str(node.value)

    def _of_name(self, node: tr.Of) -> str:
        label = self.r.label(node.field or "")
        if isinstance(node.among, tr.Named):
            return self.t("g_of_named", acronym=node.among.acronyms[0], label=label)
        rows = self.x.projects(node.among)
        if rows and len(rows) == 1:  # "ECRI's duration (the project with the smallest ...)"
            what = self.described(node.among)
            return self.t("g_of_described", acronym=rows[0].acronym, label=label, what=what)
        return self.t("g_of", label=label, what=self.described(node.among))

    def _aggregate_word(self, fn: str, field: str) -> str:
        """ "total", "average" ...; nothing where the label says it ("the total budget")."""
        key = f"g_agg_{fn}"
        if fn in ("max", "min") and self.x.kind(field) == "date":  # "the latest end date"
            return self.direction("date", fn == "max")
        word = self.t(key) if key in self.r.templates else fn
        return "" if self.r.label(field).lower().startswith(word) else word

    def direction(self, kind: str, descending: bool) -> str:
        """ "largest" / "smallest"; for dates "latest" / "earliest" (answers.yaml)."""
        keys = {"date": ("g_latest", "g_earliest"), "span": ("g_longest", "g_shortest")}.get(
            kind, ("g_largest", "g_smallest")
        )
        return self.t(keys[0] if descending else keys[1])

    def comparative(self, kind: str, descending: bool) -> str:
        """ "larger" / "smaller"; "later" / "earlier" for dates, "longer" / "shorter" for
        durations (answers.yaml)."""
        pairs = {"date": ("g_later", "g_earlier"), "span": ("g_longer", "g_shorter")}
        keys = pairs.get(kind, ("g_larger", "g_smaller"))
        return self.t(keys[0] if descending else keys[1])

    def _elapsed(self, day: dt.date, today: dt.date) -> str:
        """The calendar years and days from ``day`` to ``today``, and the days in all."""
        days = self.t("g_days", count=f"{(today - day).days:,}")
        years = today.year - day.year - ((today.month, today.day) < (day.month, day.day))
        if years < 1:
            return days
        leap_day = (day.month, day.day) == (2, 29)  # its anniversary is the 28th in most years
        since = day.replace(year=day.year + years, day=28 if leap_day else day.day)
        rest = (today - since).days
        key = "g_years_days" if rest else "g_years"
        return self.t(key, years=years, days=rest, all=days)

    def figure_text(self, figure: Figure | None, field: str | None = None) -> str:
        if figure is None:
            return ""
        if figure.kind == "elapsed":  # "8 years and 21 days (2,943 days)"
            return self._elapsed(*figure.value)
        if isinstance(figure.value, tuple):  # a range: "€236,950 to €299,450"
            ends = [self.figure_text(figure._replace(value=v), field) for v in figure.value]
            return self.t("g_range", low=ends[0], high=ends[-1])
        if figure.kind in LENGTH_UNITS:  # "92 days", "3 months", "1 year"
            one = "_one" if figure.value == 1 else ""
            return self.t(f"g_length_{figure.kind}{one}", count=_count(figure.value))
        plain = PLAIN_FIGURES.get(figure.kind)
        if plain is not None:
            return plain(figure.value)
        name = field or next((n for n, f in self.k.fields.items() if f.kind == figure.kind), "")
        return self.r.shown(name, figure.value)
