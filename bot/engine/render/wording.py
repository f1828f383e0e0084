"""How figures, conditions and scopes are said, for every kind of answer (and for the
grammar's): from the templates in ``knowledge/answers.yaml``. Every figure is formatted here,
the same way everywhere; caveats follow the figures they concern."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.engine import formatting as fmt
from bot.engine import thresholds
from bot.engine.answers.base import Answers
from bot.engine.evaluate import Evaluator
from bot.engine.frame import Duration, Month, OwnField, Share, Statistic, When
from bot.engine.query import INVERSE, OPS, PERIOD_WORDS, Condition, Query
from bot.engine.reply import bold
from bot.knowledge import NOT_PUBLISHED, Knowledge

if TYPE_CHECKING:
    from bot.knowledge.schema import ProjectBase

EXTREMES = {
    "date": ("latest", "earliest"),
    "span": ("longest", "shortest"),
}
COMPARATIVES = {
    "date": ("later", "earlier"),
    "span": ("longer", "shorter"),
}
AGGREGATE_WORDS = {"sum": "total", "average": "average", "median": "median"}
DAYS_PER_MONTH = 30.4375


class Renderer(Answers):
    """The words every answer shares: templates, figures, conditions, scopes, caveats."""

    def __init__(self, knowledge: Knowledge, evaluator: Evaluator) -> None:
        super().__init__(knowledge)
        self.ev = evaluator
        self.templates = knowledge.language.templates

    def t(self, name: str, **slots: Any) -> str:
        return self.templates[name].format(**slots)

    def gap(self, name: str, a: Any, b: Any) -> str:
        """How far apart two values of a field are: days, months, points or euros."""
        kind = self.k.fields[name].kind
        if kind == "date":
            return days_text(abs((a - b).days))
        if kind == "span":
            return months_text(abs(a - b))
        if kind == "ratio":
            return f"{abs(a - b) * 100:.1f} percentage points"
        return fmt.money(abs(a - b))

    def shown(self, name: str, value: Any) -> str:
        """A raw value of field ``name`` as an answer states it."""
        kind = self.k.fields[name].kind if name in self.k.fields else "money"
        if value == NOT_PUBLISHED or value is None:
            return NOT_PUBLISHED
        if isinstance(value, When):
            return value.text()
        if kind in ("money", "difference"):
            return fmt.money(round(value, 2))
        if kind == "span":
            return months_text(value)
        if kind == "call":
            return (
                fmt.call_name(self.k.calls_by_number[value])
                if (value in self.k.calls_by_number)
                else f"call {value}"
            )
        return str(fmt.SHOWN.get(kind, str)(value))

    def target_text(self, cond: Condition) -> str:
        value = cond.value
        if isinstance(value, tuple):
            low, high = (self.target_one(cond.field, v) for v in value)
            return f"{low} and {high}"
        return self.target_one(cond.field, value)

    def target_one(self, name: str, value: Any) -> str:
        if isinstance(value, OwnField):
            return self.t("own_field", label=self.label(value.name))
        if isinstance(value, Statistic):
            shown = AGGREGATE_WORDS.get(value.aggregate, value.aggregate)
            return self.t("statistic", aggregate=shown, value=self.shown(name, value.value))
        if isinstance(value, When | Share | Month):
            return value.text()
        if isinstance(value, Duration):
            amount = int(value.amount) if value.amount.is_integer() else value.amount
            unit = value.unit.removesuffix("s") if amount == 1 else value.unit  # "1 year"
            return f"{amount} {unit}"
        return self.shown(name, value)

    def condition_text(self, cond: Condition) -> str:
        if cond.negated and cond.op in INVERSE and not isinstance(cond.value, When | tuple):
            cond = Condition(cond.field, INVERSE[cond.op], cond.value)
        f = self.k.fields[cond.field]
        if cond.field == self.k.call_field and isinstance(cond.value, When | tuple):
            text = OPS[cond.op].words.format(
                field="selected in a call", value=self.target_text(cond)
            )
        elif cond.field == self.k.call_field:
            call = self.k.calls_by_number.get(cond.value)
            text = self.t("call_condition", call=fmt.call_name(call) if call else cond.value)
        elif cond.value == NOT_PUBLISHED:
            text = self.t("unpublished_condition", label=f.label)
            return text if not cond.negated else f"with a {f.label} given on the page"
        else:
            intro = f.filter or f"with a {f.label}"
            if isinstance(cond.value, When) and cond.value.grain == "day" and cond.op == "during":
                return (
                    OPS["during"]
                    .words.replace(" in ", " on ")
                    .format(field=intro, value=self.target_text(cond))
                    if not cond.negated
                    else self.t("except", condition=f"{intro} on {self.target_text(cond)}")
                )
            if (
                isinstance(cond.value, Duration)
                or (f.kind == "span" and isinstance(cond.value, Statistic))
                or (isinstance(cond.value, tuple) and isinstance(cond.value[0], Duration))
            ):
                intro = f"with a {f.label}"
            if f.kind == "span" and cond.op == "from_to" and isinstance(cond.value, tuple):
                start, end = (self.target_one(cond.field, v) for v in cond.value)
                text = self.t("span_from_to", start=start, end=end)
            elif (
                f.kind == "span"
                and cond.op in ("between", "inside")
                and isinstance(cond.value, tuple)
                and not isinstance(cond.value[0], Duration)
            ):
                # a run between two dates: on some day between them, or wholly, said so
                text = self.t(f"span_{cond.op}", value=self.target_text(cond))
            else:
                words = OPS[cond.op].words
                if isinstance(cond.value, When) and cond.value.grain != "day":
                    words = PERIOD_WORDS.get(cond.op, words)  # "in or after 2017"
                text = words.format(field=intro, value=self.target_text(cond))
        return self.t("except", condition=text) if cond.negated else text

    def left_out(self, count: int) -> str:
        """ "without the one you left out": rows left out, counted, not named again."""
        key = "leaving_out_one" if count == 1 else "leaving_out_many"
        return self.t(key, count=count)

    def description(self, query: Query, rows_named: bool = False) -> str:
        """The rows' description; ``rows_named``: a heading over the rows' names, which does
        not name the rows left out again ("drop ECRI": a list naming it reads as if kept)."""
        parts = [self.condition_text(c) for c in query.conditions]
        count = len(query.exclude)
        if count and rows_named:
            parts.append(self.left_out(count))
        elif count:  # "any other project under 200k?": "no project ..., other than ECRI"
            parts.append(self.t("leaving_out", names=fmt.join(list(query.exclude))))
        if query.scope is not None:
            parts.insert(0, "among those")
        return ", ".join(parts) if parts else "listed on the page"

    def scope_text(self, query: Query, count: int) -> str:
        noun = "project" if count == 1 else f"the {count:,} projects"
        described = [self.condition_text(c) for c in query.conditions]
        if query.exclude:  # a list shows what it leaves out; a figure says so
            described.append(self.t("leaving_out", names=fmt.join(list(query.exclude))))
        if query.scope is not None:  # a few named ("RUE AERO, CLUSTEM and TCE"), many counted
            few = 1 < len(query.scope) <= thresholds.IN_TURN_MAX and not described
            few &= query.act == "aggregate"  # (a ranking names them below)
            noun = fmt.join(list(query.scope)) if few else f"those {count:,} projects"
        return " ".join([noun, *described])

    def caveat_lines(self, projects: list[ProjectBase], fields: list[str]) -> list[str]:
        return [f"Note on {p.acronym}: {c}" for p in projects for c in self.caveats(p, fields)]

    def row_line(self, project: ProjectBase, detail: str | None, apart: float | None = None) -> str:
        """One project of a list; ``apart``: the percentage a share was compared with, unrounded
        (a list of those "below 95%" shows 94.98%, not 95.0%)."""
        value = self.ev.value(project, detail) if apart is not None and detail else None
        if isinstance(value, float) and self.k.fields[detail or ""].kind == "ratio":
            return f"• {bold(project.acronym)} — {fmt.percent_apart(value, apart or 0)}"
        extra = self.detail(project, detail)
        return f"• {bold(project.acronym)}" + (f" — {extra}" if extra else "")

    def detail(self, project: ProjectBase, detail: str | None) -> str:
        """What a row shows of a project: a field's value (a run with its dates), or else
        its title."""
        if detail is None:
            titles = [t for t in self.k.fields_of_kind("text") if self.published(project, t)]
            return self.value(project, titles[0]) if titles else ""
        if self.k.fields[detail].kind == "span":
            dates = " to ".join(self.value(project, p) for p in self.k.fields[detail].of)
            return f"{dates} ({self.value(project, detail)})"
        return self.value(project, detail)


def days_text(days: int) -> str:
    return f"{days} day{'s' if days != 1 else ''}"


def months_text(months: float) -> str:
    """ "21 months"; a fraction (an average) both as months and as months and days:
    "23.75 months (about 23 months and 23 days)"."""
    whole = int(months + 1e-9)
    days = round((months - whole) * 31)
    if days >= 31:
        whole, days = whole + 1, 0
    said = fmt.duration(whole, days)
    if days:  # an average, not a run's length
        return f"{months:.2f}".rstrip("0").rstrip(".") + f" months (about {said})"
    return said
