"""Say a ``Result`` in words, from the templates in ``knowledge/answers.yaml``.

Every figure is formatted here, the same way everywhere; caveats follow the figures they
concern.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.engine import formatting as fmt
from bot.engine import thresholds
from bot.engine.answers.base import Answers
from bot.engine.evaluate import DIFFERING, Evaluator, Result
from bot.engine.frame import Duration, OwnField, Share, Statistic, When
from bot.engine.query import INVERSE, OPS, Condition, Operand, Order, Query
from bot.engine.reply import NextPage, Suggestion, bold
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
    def __init__(self, knowledge: Knowledge, evaluator: Evaluator) -> None:
        super().__init__(knowledge)
        self.ev = evaluator
        self.templates = knowledge.language.templates
        self.with_caveats = [p for p in knowledge.projects if p.caveats]  # few, on any page

    def t(self, name: str, **slots: Any) -> str:
        return self.templates[name].format(**slots)

    # -- values -----------------------------------------------------------------------------
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
        if isinstance(value, When | Share):
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
            if (
                f.kind == "span"
                and cond.op == "between"
                and not isinstance(cond.value[0], Duration)
            ):
                # a run between two dates: both its ends inside them, said so
                text = self.t("span_between", value=self.target_text(cond))
            else:
                text = OPS[cond.op].words.format(field=intro, value=self.target_text(cond))
        return self.t("except", condition=text) if cond.negated else text

    def description(self, query: Query) -> str:
        parts = [self.condition_text(c) for c in query.conditions]
        if query.scope is not None:
            parts.insert(0, "among those")
        return ", ".join(parts) if parts else "listed on the page"

    def scope_text(self, query: Query, count: int) -> str:
        noun = "project" if count == 1 else f"the {count:,} projects"
        described = [self.condition_text(c) for c in query.conditions]
        if query.exclude:  # a list shows what it leaves out; a figure says so
            described.append(self.t("leaving_out", names=fmt.join(list(query.exclude))))
        if query.scope is not None:
            noun = f"those {count:,} projects"
        return " ".join([noun, *described])

    def caveat_lines(self, projects: list[ProjectBase], fields: list[str]) -> list[str]:
        return [f"Note on {p.acronym}: {c}" for p in projects for c in self.caveats(p, fields)]

    # -- long lists, a page at a time ------------------------------------------------------
    @property
    def more_word(self) -> str:
        """What a user says for the next page (the first of the YAML's phrases)."""
        return next(iter(self.k.language.followups.more), "more")

    def page(self, query: Query, rows: list[ProjectBase]) -> tuple[list[ProjectBase], str]:
        """The rows of the page ``query`` asks for, and the line that says where it stands
        ("Showing 1–20 of 1,234. Say “more” for the next 20."); all rows when they fit."""
        size, total = thresholds.PAGE_SIZE, len(rows)
        start = query.page * size
        if total <= size and not start:
            return rows, ""
        if start >= total:  # "more" after the last page (or after a list that fit one)
            return [], self.t("page_end", total=f"{total:,}")
        shown = rows[start : start + size]
        last = start + len(shown)
        slots = {"first": f"{start + 1:,}", "last": f"{last:,}", "total": f"{total:,}"}
        if last >= total:
            return shown, self.t("page_last", **slots)
        more = min(size, total - last)
        return shown, self.t("page_note", **slots, more=self.more_word, next=more)

    def next_page(self, result: Result) -> Suggestion | None:
        """The button for the next page of a long answer, or ``None`` when all was shown."""
        query, total = result.query, len(result.rows)
        order = query.order
        if query.act == "count" and total > thresholds.NAMES_SHOWN:
            left = min(thresholds.PAGE_SIZE, total)
        elif query.act == "list" or (query.act == "rank" and order and order.limit != 1):
            left = min(thresholds.PAGE_SIZE, total - (query.page + 1) * thresholds.PAGE_SIZE)
            left = left if total > thresholds.PAGE_SIZE else 0
        else:
            left = 0
        if left <= 0 or (order is not None and order.closest is not None):
            return None
        return NextPage(self.t("page_button", next=left), self.more_word)

    def within_limit(self, text: str) -> str:
        """``text`` cut at a line break so that it fits one message, saying what was left."""
        if len(text) <= thresholds.MAX_ANSWER:
            return text
        lines = text.split("\n")
        kept: list[str] = []
        size = 200  # room for the note
        for line in lines:
            if size + len(line) + 1 > thresholds.MAX_ANSWER:
                break
            kept.append(line)
            size += len(line) + 1
        if not kept:  # one enormous line
            return text[: thresholds.MAX_ANSWER - 200] + "…\n" + self.t("cut_note", count=1)
        return "\n".join([*kept, self.t("cut_note", count=f"{len(lines) - len(kept):,}")])

    @staticmethod
    def among(few: list[ProjectBase], rows: list[ProjectBase]) -> list[ProjectBase]:
        """The projects of ``few`` that are in ``rows``, in the order of ``few``: a scan of
        the few, not of the thousands of rows."""
        if not few:
            return []
        present = {id(p) for p in rows}
        return [p for p in few if id(p) in present]

    def names(self, names: list[str]) -> str:
        """Names in a sentence: all of a few, else the first ones and how many more."""
        if len(names) <= thresholds.NAMES_SHOWN:
            return fmt.join(names)
        shown = ", ".join(names[: thresholds.NAMES_SHOWN])
        return self.t("names_more", names=shown, count=f"{len(names) - thresholds.NAMES_SHOWN:,}")

    # -- lists ------------------------------------------------------------------------------
    def list_answer(self, result: Result) -> str:
        query, rows = result.query, result.rows
        description = self.description(query)
        count = len(rows)
        word = "project" if count == 1 else "projects"
        if "exists" in query.parts:
            if not rows:
                return self.with_closest(self.t("list_no", description=description), query)
            head = self.t("list_yes", count=count, project_word=word, description=description)
        elif not rows:
            return self.with_closest(self.t("list_none", description=description), query)
        else:
            shown = (
                f"all {count:,}"
                if count == len(self.k.projects) and query.conditions
                else f"{count:,}"
            )
            head = self.t("list_head", Projects="Projects", description=description, count=shown)
        detail = (
            query.fields[0]
            if query.fields
            else next((c.field for c in query.conditions if c.field != self.k.call_field), None)
        )
        on_page, note = self.page(query, rows)
        if not on_page:
            return note  # "more" after the last page
        lines = [head, *(self.row_line(p, detail) for p in on_page)]
        if detail:
            lines += self.caveat_lines(on_page, [detail])
        return "\n".join([*lines, note] if note else lines)

    def row_line(self, project: ProjectBase, detail: str | None) -> str:
        if detail is None:
            titles = [t for t in self.k.fields_of_kind("text") if self.published(project, t)]
            extra = self.value(project, titles[0]) if titles else ""
        elif self.k.fields[detail].kind == "span":
            dates = " to ".join(self.value(project, p) for p in self.k.fields[detail].of)
            extra = f"{dates} ({self.value(project, detail)})"
        else:
            extra = self.value(project, detail)
        return f"• {bold(project.acronym)}" + (f" — {extra}" if extra else "")

    def count_answer(self, result: Result) -> str:
        query = result.query
        if query.over == "calls":
            years = fmt.join([str(c.year) for c in self.k.calls])
            return self.t(
                "count_calls",
                count=bold(str(len(self.k.calls))),
                years=years,
                funding=self.k.programme.funding_programme,
            )
        rows = result.rows
        word = "project" if len(rows) == 1 else "projects"
        text = self.t(
            "count",
            count=bold(f"{len(rows):,}"),
            project_word=word,
            description=self.description(query),
        )
        names = self.names([p.acronym for p in rows])
        if len(rows) > thresholds.NAMES_SHOWN:
            return f"{text}: {names}. " + self.t("count_more", more=self.more_word)
        return f"{text}: {names}." if rows else self.with_closest(f"{text}.", query)

    def with_closest(self, text: str, query: Query) -> str:
        """ "exactly €250,000": when no figure is exactly the one asked for, the closest."""
        exact = [
            c
            for c in query.conditions
            if c.op == "eq"
            and not c.negated
            and isinstance(c.value, int | float)
            and self.k.fields[c.field].kind in ("money", "difference")
        ]
        if len(exact) != 1:
            return text
        cond = exact[0]
        others = tuple(c for c in query.conditions if c is not cond)
        order = Order(cond.field, closest=cond.value, limit=1)
        nearest = self.ev.evaluate(query.but(act="rank", conditions=others, order=order)).rows
        if not nearest:
            return text
        project = nearest[0]
        closest = self.t(
            "closest_instead",
            acronym=project.acronym,
            label=self.label(cond.field),
            value=bold(self.value(project, cond.field)),
        )
        return f"{text} {closest}"

    # -- aggregates and rankings ------------------------------------------------------------
    def aggregate_answer(self, result: Result) -> str:
        query = result.query
        name = query.fields[0]
        label = self.label(name)
        scope = self.scope_text(query, len(result.rows))
        if result.value is None:
            return self.t("aggregate_none", label=label, scope=scope)
        agg = AGGREGATE_WORDS.get(query.aggregate or "sum", query.aggregate or "")
        if self.k.fields[name].kind == "ratio":
            agg = "overall"
        agg = "" if label.lower().startswith(agg) else f"{agg} "
        value = bold(self.shown(name, result.value))
        template = f"aggregate_{query.aggregate}"  # an aggregate may have its own wording
        template = template if template in self.templates else "aggregate"
        lines = [self.t(template, aggregate=agg, label=label, scope=scope, value=value)]
        if result.missing:
            names = self.names([p.acronym for p in result.missing])
            lines.append(self.t("aggregate_missing", names=names))
        flagged = [p for p in self.among(self.with_caveats, result.rows) if self.caveats(p, [name])]
        if flagged:
            lines.append(
                f"Note: the page's figures for {self.names([p.acronym for p in flagged])} are "
                "inconsistent (ask about each for details)."
            )
        return " ".join(lines)

    def rank_answer(self, result: Result) -> str:
        query = result.query
        order = query.order
        assert order is not None
        name = order.field
        f = self.k.fields[name]
        scope = self.scope_text(query, len(result.pool))
        if not result.rows:
            return self.t("list_none", description=self.description(query))
        if order.closest is not None:
            p = result.rows[0]
            target = self.target_one(name, order.closest)
            return self.t(
                "rank_closest",
                acronym=bold(p.acronym),
                label=f.label,
                target=target,
                scope=scope,
                value=bold(self.value(p, name)),
            ) + self.notes(result.rows[:1], name)
        high, low = EXTREMES.get(f.kind, ("largest", "smallest"))
        if order.limit == 1:
            p = result.rows[0]
            tied = self.tied(result, p, name)
            if tied is not None:
                return tied
            rank = f"{fmt.ordinal(order.offset + 1)} " if order.offset else ""
            text = self.t(
                "rank_one",
                acronym=bold(p.acronym),
                rank=rank,
                extreme=high if order.descending else low,
                label=f.label,
                scope=scope,
                value=bold(self.value(p, name)),
            )
            return text + self.notes(result.rows[:1], name)
        direction = f"{high if order.descending else low} first"
        lines = [
            self.t("rank_many", Scope=fmt.sentence_case(scope), label=f.label, direction=direction)
        ]
        shown, note = self.page(query, result.rows)
        if not shown:
            return note  # "more" after the last page
        start = order.offset + 1 + query.page * thresholds.PAGE_SIZE * bool(note)
        lines += [
            f"{i}. {bold(p.acronym)}: {self.value(p, name)}" for i, p in enumerate(shown, start)
        ]
        lines += self.caveat_lines(shown, [name])
        return "\n".join([*lines, note] if note else lines)

    def tied(self, result: Result, project: ProjectBase, name: str) -> str | None:
        """ "which project started first?": when others share the figure, all of them, at
        the place their group starts (there is no "2nd earliest" among six equal dates)."""
        query, ranked = result.query, result.pool
        assert query.order is not None
        value = self.ev.value(project, name)
        group = self.equal_around(ranked, project, name, value)
        if len(group) < 2:
            return None
        f = self.k.fields[name]
        high, low = EXTREMES.get(f.kind, ("largest", "smallest"))
        return self.t(
            "rank_tied",
            count=len(group),
            rank=f"{fmt.ordinal(group[0] + 1)} " if group[0] else "",
            extreme=high if query.order.descending else low,
            label=f.label,
            scope=self.scope_text(query, len(ranked)),
            value=bold(self.value(project, name)),
            names=fmt.join([ranked[i].acronym for i in group]),
        ) + self.notes([ranked[i] for i in group], name)

    def equal_around(
        self, ranked: list[ProjectBase], project: ProjectBase, name: str, value: Any
    ) -> list[int]:
        """The places of the projects sharing ``project``'s value: next to it, as the list is
        ranked by that value (thousands of projects: only its neighbours are read)."""
        at = next((i for i, p in enumerate(ranked) if p is project), None)
        if at is None:
            return []
        low, high = at, at
        while low > 0 and self.ev.value(ranked[low - 1], name) == value:
            low -= 1
        while high + 1 < len(ranked) and self.ev.value(ranked[high + 1], name) == value:
            high += 1
        return list(range(low, high + 1))

    def notes(self, projects: list[ProjectBase], name: str) -> str:
        return "".join(
            f" Note on {p.acronym}: {c}" for p in projects for c in self.caveats(p, [name])
        )

    # -- projects side by side --------------------------------------------------------------
    def compare_answer(self, result: Result) -> str:
        query, rows = result.query, result.rows
        lines: list[str] = []
        for name in query.fields:
            f = self.k.fields[name]
            if any(not self.published(p, name) for p in rows):
                lines += [self.field_sentence(p, name) for p in rows]
                continue
            values = fmt.join([f"{p.acronym} {bold(self.value(p, name))}" for p in rows])
            if "same" in query.parts:
                lines.append(self.same(rows, name))
                continue
            if "check" in query.parts:  # a yes/no question: the verdict, with both figures
                lines.append(self.verdict(query, rows, name))
                continue
            lines.append(self.t("compare_values", Label=fmt.sentence_case(f.label), values=values))
            if f.kind in ("money", "date", "span", "ratio", "difference"):
                lines.append(self.verdict(query, rows, name))
        lines += self.caveat_lines(rows, list(query.fields))
        return "\n".join(line for line in lines if line)

    def same(self, rows: list[ProjectBase], name: str) -> str:
        label = self.label(name)
        values = {self.value(p, name) for p in rows}
        names = fmt.join([p.acronym for p in rows])
        if len(values) == 1:
            return self.t("compare_yes_same", projects=names, label=label, value=bold(values.pop()))
        shown = fmt.join([f"{p.acronym}'s {label} is {bold(self.value(p, name))}" for p in rows])
        return self.t("compare_no_same", values=shown)

    def verdict(self, query: Query, rows: list[ProjectBase], name: str) -> str:
        f = self.k.fields[name]
        desc = query.order.descending if query.order is not None else True
        ranked = sorted(rows, key=lambda p: self.ev.value(p, name), reverse=desc)
        winner, loser = ranked[0], ranked[-1]
        a, b = self.ev.value(winner, name), self.ev.value(loser, name)
        if a == b:
            return self.t(
                "compare_same",
                projects=fmt.join([p.acronym for p in rows]),
                label=f.label,
                value=bold(self.value(winner, name)),
            )
        more, less = COMPARATIVES.get(f.kind, ("higher", "lower"))
        word = more if desc else less
        gap_word = "more" if f.kind not in COMPARATIVES else word
        if "check" in query.parts:
            subject = next(p for p in rows if p.acronym == query.parts[1])
            other = next(p for p in rows if p is not subject)
            answer = "Yes" if subject is winner else "No"
            return self.t(
                "compare_check",
                answer=answer,
                subject=subject.acronym,
                label=f.label,
                subject_value=self.value(subject, name),
                word=word if answer == "Yes" else (less if desc else more),
                other=other.acronym,
                other_value=self.value(other, name),
                gap=self.gap(name, a, b),
            )
        return self.t(
            "compare_verdict",
            winner=bold(winner.acronym),
            label=f.label,
            word=word,
            winner_value=self.value(winner, name),
            loser_value=self.value(loser, name),
            gap=self.gap(name, a, b),
            gap_word=gap_word if f.kind != "date" else "apart",
        )

    def gap(self, name: str, a: Any, b: Any) -> str:
        kind = self.k.fields[name].kind
        if kind == "date":
            return days_text(abs((a - b).days))
        if kind == "span":
            return months_text(abs(a - b))
        if kind == "ratio":
            return f"{abs(a - b) * 100:.1f} percentage points"
        return fmt.money(abs(a - b))

    def compare_fields_answer(self, result: Result) -> str:
        query = result.query
        p = result.rows[0]
        a, b = query.fields
        va, vb = self.ev.value(p, a), self.ev.value(p, b)
        desc = query.order.descending if query.order else True
        holds = va > vb if desc else va < vb
        text = self.t(
            "compare_fields",
            answer="Yes" if holds else "No",
            acronym=p.acronym,
            label=self.label(a),
            value=bold(self.value(p, a)),
            word="more" if va > vb else "less",
            other_label=self.label(b),
            other_value=bold(self.value(p, b)),
        )
        return " ".join([text, *self.caveats(p, [a, b])])

    # -- yes/no -----------------------------------------------------------------------------
    def check_answer(self, result: Result) -> str:
        query = result.query
        cond = query.check
        assert cond is not None and isinstance(result.value, list)
        lines = []
        for project, held in zip(result.rows, result.value, strict=True):
            fact = self.field_sentence(project, cond.field)
            if self.k.fields[cond.field].kind == "span" and isinstance(cond.value, Duration):
                fact = fact.rstrip(".") + f" ({days_text(self.days(project, cond.field))})."
            answer = "Yes" if held else "No"
            if not self.published(project, cond.field):
                answer = "I can't say"
            lines.append(self.t("check", answer=answer, fact=fact))
            lines += self.caveats(project, [cond.field])
        return " ".join(lines)

    def days(self, project: ProjectBase, name: str) -> int:
        start, end = (project.value(p) for p in self.k.fields[name].of)
        return int((end - start).days) + 1

    def calls_answer(self, result: Result) -> str:
        if "count" in result.query.parts:
            conditions = ", ".join(
                OPS[c.op].words.format(field="launched", value=self.target_text(c))
                for c in result.query.conditions
            )
            names = fmt.join([fmt.call_name(c) for c in result.calls])
            count = len(result.calls)
            word = "call" if count == 1 else "calls"
            return f"{bold(str(count))} {word} for proposals {conditions}" + (
                f": {names}." if names else "."
            )
        if result.calls:
            names = fmt.join([fmt.call_name(c) for c in result.calls])
            if "list" in result.query.parts:
                return fmt.sentence_case(names) + "."
            return self.t("calls_yes", calls=names)
        named = [self.k.calls_by_number[n] for n in result.query.calls]
        if named:  # "was the second call launched in 2016?"
            held = [
                f"{fmt.call_name(c).removesuffix(f' ({c.year})')} was in {c.year}" for c in named
            ]
            return self.t("calls_no_named", held=fmt.join(held))
        years = fmt.join([str(c.year) for c in self.k.calls])
        return self.t("calls_no", years=years)

    # -- arithmetic -------------------------------------------------------------------------
    def operand_text(self, operand: Operand) -> str:
        label = self.label(operand.field)
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
            return self.t("call_shared", call=fmt.ordinal(call.number), label=label)
        if call is None:
            return f"the {agg} {label}"
        return f"the {fmt.ordinal(call.number)} call's {agg} {label}"

    def arithmetic_answer(self, result: Result) -> str:
        query = result.query
        first_op, second_op = query.operands
        a, b = result.operands
        if result.value is None:  # a figure missing, or a call's projects' differing dates
            return self.differing(result) or self.t("arithmetic_missing")
        in_days = self.k.fields[first_op.field].kind == "span" and isinstance(a, int)
        show = (lambda _f, v: days_text(v)) if in_days else self.shown
        slots = {
            "first": self.operand_text(first_op),
            "second": self.operand_text(second_op),
            "first_value": bold(show(first_op.field, a)),
            "second_value": bold(show(second_op.field, b)),
        }
        if query.arithmetic == "overlap":
            return self.overlap(query, slots)
        if isinstance(result.value, tuple):
            return self.date_gap_text(query, result.value, slots)
        name = first_op.field
        if query.arithmetic == "sum":
            return self.t("sum", value=bold(self.shown(name, result.value)), **slots)
        if query.arithmetic == "ratio":
            return self.t("ratio", value=bold(f"{result.value:.2f}"), **slots)
        return self.difference(name, result.value, slots)

    def differing(self, result: Result) -> str | None:
        """What to say when a call's projects do not share the one value asked for."""
        pairs = zip(result.query.operands, result.operands, strict=True)
        operand = next((o for o, v in pairs if v == DIFFERING), None)
        if operand is None:
            return None
        call = self.k.calls_by_number.get(operand.call or 0)
        where = fmt.ordinal(call.number) if call else ""
        return self.t("call_differs", call=where, label=self.label(operand.field))

    def difference(self, name: str, value: Any, slots: dict[str, str]) -> str:
        if value == 0:
            return self.t("same_value", **slots)
        kind = self.k.fields[name].kind
        more = COMPARATIVES.get(kind, ("more", "less"))[0]
        if value < 0:
            slots["first"], slots["second"] = slots["second"], slots["first"]
            slots["first_value"], slots["second_value"] = (
                slots["second_value"],
                slots["first_value"],
            )
        if kind == "span" and isinstance(value, int):  # counted in days
            shown = days_text(abs(value))
        else:
            shown = months_text(abs(value)) if kind == "span" else self.shown(name, abs(value))
        return self.t("difference", value=bold(shown), word=more, **slots)

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
        return self.t("date_gap", value=bold(value), **slots)

    def overlap(self, query: Query, slots: dict[str, str]) -> str:
        a, b = (o.project or "" for o in query.operands)
        pa, pb = self.ev.by_acronym[a], self.ev.by_acronym[b]
        span = self.k.fields[query.operands[0].field]
        if span.kind != "span":
            span_name = next(iter(self.k.fields_of_kind("span")))
            span = self.k.fields[span_name]
        (sa, ea), (sb, eb) = ((p.value(span.of[0]), p.value(span.of[1])) for p in (pa, pb))
        first, last = max(sa, sb), min(ea, eb)
        days = max(0, (last - first).days + 1)
        period = f", from {fmt.date(first)} to {fmt.date(last)}" if days else ""
        value = days_text(days) + (f" (about {days / DAYS_PER_MONTH:.1f} months)" if days else "")
        return self.t("overlap", first=a, second=b, value=bold(value), period=period)

    # -- one field of one project, with the unit asked for ---------------------------------
    def lookup_answer(self, result: Result) -> str:
        query = result.query
        lines: list[str] = []
        for project in result.rows:
            for name in query.fields:
                sentence = self.field_sentence(project, name)
                f = self.k.fields[name]
                if f.kind == "span" and query.unit == "days" and self.published(project, name):
                    days = bold(days_text(self.days(project, name)))
                    sentence = sentence.rstrip(".") + f", that is {days} counting both ends."
                lines.append(sentence)
            lines += self.caveats(project, list(query.fields))
        return " ".join(lines)


def days_text(days: int) -> str:
    return f"{days} day{'s' if days != 1 else ''}"


def months_text(months: float) -> str:
    whole = int(months + 1e-9)
    days = round((months - whole) * 31)
    if days >= 31:
        whole, days = whole + 1, 0
    return fmt.duration(whole, days)


__all__ = ["Renderer"]
