"""Answers over rows of projects: a list (a page at a time), a count with the names, a
figure over the rows (a total, an average, a median), and the closest figure when none is
exactly the one asked for."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.engine import formatting as fmt
from bot.engine import thresholds
from bot.engine.evaluate import Result
from bot.engine.frame import Share
from bot.engine.query import ORDERING, Query
from bot.engine.render.pages import Pages
from bot.engine.render.wording import AGGREGATE_WORDS, Renderer
from bot.engine.reply import bold
from bot.knowledge import NOT_PUBLISHED

if TYPE_CHECKING:
    from bot.knowledge.schema import FieldDef, ProjectBase


# the kinds of figure whose range is said when a test of one left no project
RANGED = ("money", "date", "ratio", "difference")
RANGE_OF_AT_MOST = 20  # projects: beyond, their range says little


def _ranged(field: FieldDef) -> bool:
    return field.kind in RANGED


def range_said(r: Renderer, rows: list[ProjectBase], field: str) -> str:
    """ "Their end date ranges from 30 September 2017 to 31 December 2017.": the figure a
    test left no project with, as the projects tested have it ("" when it says little)."""
    if field not in r.k.fields or not _ranged(r.k.fields[field]) or len(rows) > RANGE_OF_AT_MOST:
        return ""
    values = [v for p in rows if (v := r.ev.value(p, field)) != NOT_PUBLISHED]
    if not values:
        return ""
    low, high = (r.shown(field, v) for v in (min(values), max(values)))
    if len(rows) == 1:
        return f"{r.t('range_one', acronym=rows[0].acronym, label=r.label(field))} {bold(low)}."
    key = "range_instead" if low != high else "range_alike"
    return r.t(key, label=r.label(field), low=bold(low), high=bold(high))


class ListAnswers:
    """Lists, counts and aggregates, said."""

    def __init__(self, renderer: Renderer, pages: Pages) -> None:
        self.r = renderer
        self.k = renderer.k
        self.ev = renderer.ev
        self.pages = pages
        self.with_caveats = [p for p in renderer.k.projects if p.caveats]  # few, on any page

    def list_answer(self, result: Result) -> str:
        query, rows = result.query, result.rows
        description = self.r.description(
            query, rows_named=bool(rows) and "exists" not in query.parts
        )
        count = len(rows)
        word = "project" if count == 1 else "projects"
        if "exists" in query.parts:
            if not rows:
                said = self.with_closest(self.r.t("list_no", description=description), result)
                return said if result.closest is not None else self.with_range(said, query)
            head = self.r.t("list_yes", count=count, project_word=word, description=description)
        elif not rows:
            return self.with_closest(self.r.t("list_none", description=description), result)
        else:
            shown = (
                f"all {count:,}"
                if count == len(self.k.projects) and query.conditions
                else f"{count:,}"
            )
            head = self.r.t("list_head", Projects="Projects", description=description, count=shown)
        detail = (
            query.fields[0]
            if query.fields
            else next((c.field for c in query.conditions if c.field != self.k.call_field), None)
        )
        on_page, note = self.pages.page(query, rows)
        if not on_page:
            return note  # "more" after the last page
        apart = next(  # shares compared unrounded are shown apart from the percentage
            (
                c.value.points
                for c in query.conditions
                if c.field == detail and c.op in ORDERING and isinstance(c.value, Share)
            ),
            None,
        )
        lines = [
            head,
            *(self.r.row_line(p, detail, apart) for p in on_page),
            *self.together(result),
        ]
        if detail:
            lines += self.r.caveat_lines(on_page, [detail])
        return "\n".join([*lines, note] if note else lines)

    def together(self, result: Result) -> list[str]:
        """ "the budgets of the call 2 projects": each figure, and all of them together (the
        question may have meant either)."""
        query, rows = result.query, result.rows
        name = query.fields[0] if query.fields else None
        if name is None or self.k.fields[name].kind != "money" or len(rows) < 2 or query.page:
            return []
        values = self.ev.values(rows, name)
        if not all(isinstance(v, int | float) for v in values):
            return []  # a figure not published: no total of the others passed off as all
        return [self.r.t("g_together", value=bold(self.r.shown(name, sum(values))))]

    def count_answer(self, result: Result) -> str:
        query = result.query
        if query.over == "calls":
            years = fmt.join([str(c.year) for c in self.k.calls])
            return self.r.t(
                "count_calls",
                count=bold(str(len(self.k.calls))),
                years=years,
                funding=self.k.programme.funding_programme,
            )
        rows = result.rows
        word = "project" if len(rows) == 1 else "projects"
        text = self.r.t(
            "count",
            count=bold(f"{len(rows):,}"),
            project_word=word,
            description=self.r.description(query, rows_named=bool(rows)),
        )
        names = self.names([p.acronym for p in rows])
        if len(rows) > thresholds.NAMES_SHOWN:
            return f"{text}: {names}. " + self.r.t("count_more", more=self.pages.more_word)
        return f"{text}: {names}." if rows else self.with_closest(f"{text}.", result)

    def with_range(self, text: str, query: Query) -> str:
        """ "No: none of those ended in 2018": what their figure is instead, when one test
        of a figure left none ("Their end dates: 30 September 2017 to 31 December 2017.")."""
        fields = self.k.fields
        tested = [c for c in query.conditions if c.field in fields and _ranged(fields[c.field])]
        if len(tested) != 1:
            return text
        others = tuple(c for c in query.conditions if c is not tested[0])
        base = self.ev.rows(query._replace(conditions=others))
        said = range_said(self.r, base, tested[0].field)
        return f"{text} {said}" if said else text

    def with_closest(self, text: str, result: Result) -> str:
        """ "exactly €250,000": when no figure is exactly the one asked for, the closest
        (found by the evaluator)."""
        project = result.closest
        if project is None:
            return text
        cond = next(c for c in result.query.conditions if c.op == "eq")
        closest = self.r.t(
            "closest_instead",
            acronym=project.acronym,
            label=self.r.label(cond.field),
            value=bold(self.r.value(project, cond.field)),
        )
        return f"{text} {closest}"

    def aggregate_answer(self, result: Result) -> str:
        query = result.query
        name = query.fields[0]
        label = self.r.label(name)
        scope = self.r.scope_text(query, len(result.rows))
        if result.value is None and not result.rows:  # "the total of the projects above 1.5m"
            return self.r.t("list_none", description=self.r.description(query))
        if result.value is None:
            return self.r.t("aggregate_none", label=label, scope=scope)
        agg = AGGREGATE_WORDS.get(query.aggregate or "sum", query.aggregate or "")
        if self.k.fields[name].kind == "ratio":
            agg = "overall"
        agg = "" if label.lower().startswith(agg) else f"{agg} "
        value = bold(self.r.shown(name, result.value))
        template = f"aggregate_{query.aggregate}"  # an aggregate may have its own wording
        template = template if template in self.r.templates else "aggregate"
        lines = [self.r.t(template, aggregate=agg, label=label, scope=scope, value=value)]
        if result.missing:
            names = self.names([p.acronym for p in result.missing])
            lines.append(self.r.t("aggregate_missing", names=names))
        flagged = [
            p for p in self.among(self.with_caveats, result.rows) if self.r.caveats(p, [name])
        ]
        if flagged:
            lines.append(
                f"Note: the page's figures for {self.names([p.acronym for p in flagged])} are "
                "inconsistent (ask about each for details)."
            )
        return " ".join(lines)

    def names(self, names: list[str]) -> str:
        """Names in a sentence: all of a few, else the first ones and how many more."""
        if len(names) <= thresholds.NAMES_SHOWN:
            return fmt.join(names)
        shown = ", ".join(names[: thresholds.NAMES_SHOWN])
        return self.r.t("names_more", names=shown, count=f"{len(names) - thresholds.NAMES_SHOWN:,}")

    @staticmethod
    def among(few: list[ProjectBase], rows: list[ProjectBase]) -> list[ProjectBase]:
        """The projects of ``few`` that are in ``rows``, in the order of ``few``: a scan of
        the few, not of the thousands of rows."""
        if not few:
            return []
        present = {id(p) for p in rows}
        return [p for p in few if id(p) in present]
