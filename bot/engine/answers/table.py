"""Answers over the table of projects: rankings, sums, counts, filtered lists, topics."""

from __future__ import annotations

from typing import Any

from bot.engine import formatting as fmt
from bot.engine import thresholds
from bot.engine.answers.base import Answers
from bot.engine.context import Context
from bot.engine.decide import Filter, Query
from bot.engine.reply import Reply, bold
from bot.knowledge.schema import ORDERED_KINDS, ProjectBase

EXTREMES = {"date": ("latest", "earliest"), "span": ("longest", "shortest")}
BOUNDS = {"more": "above", "less": "below", "in": "in"}
YEAR_BOUNDS = {"more": "after", "less": "before", "in": "in"}


class TableAnswers(Answers):
    # -- scope and filters ------------------------------------------------------------------
    def scope(self, query: Query) -> list[ProjectBase]:
        projects = list(self.k.projects) if query.scope is None else list(query.scope)
        return [p for p in projects if all(self.keeps(p, f) for f in query.filters)]

    def keeps(self, project: ProjectBase, flt: Filter) -> bool:
        f = self.k.fields[flt.field]
        if not self.published(project, flt.field):
            return False
        if flt.unit == "year":
            if f.kind == "span":
                start, end = (project.value(p).year for p in f.of)
            else:
                start = end = project.value(flt.field).year
            results = {
                "in": start <= flt.value <= end,
                "more": end > flt.value,
                "less": start < flt.value,
            }
            return bool(results[flt.cmp])
        value = fmt.raw_value(self.k, project, flt.field)
        return bool(value > flt.value if flt.cmp == "more" else value < flt.value)

    def describe(self, query: Query, count: int | None = None) -> str:
        """Who the answer is about: "the 6 projects of the 2nd call ...", "those 3 projects"."""
        n = "" if count is None else f"{count} "
        noun = "project" if count == 1 else "projects"
        if query.scope_context:
            base = f"those {n}{noun}" if count != 1 else "that project"
        elif query.scope_call is not None:
            base = f"the {n}{noun} of {fmt.call_name(query.scope_call)}"
        else:
            base = f"all {n}{noun}" if count != 1 else f"{n}{noun}"
        return base + "".join(self.filter_text(f) for f in query.filters)

    def filter_text(self, flt: Filter) -> str:
        f = self.k.fields[flt.field]
        intro = f.filter or f"with a {f.label}"
        if flt.unit == "year":
            return f" {intro} {YEAR_BOUNDS[flt.cmp]} {flt.value}"
        return f" {intro} {BOUNDS[flt.cmp]} {fmt.money(flt.value)}"

    def ordered_field(self, query: Query) -> str:
        for name in query.fields:
            if self.k.fields[name].kind in ORDERED_KINDS:
                return name
        return self.k.default_money_field or self.k.fields_of_kind(*ORDERED_KINDS)[0]

    def caveat_note(self, projects: list[ProjectBase], field: str) -> str:
        flagged = [p.acronym for p in projects if self.caveats(p, [field])]
        if not flagged:
            return ""
        return (
            f"\nNote: the page's figures for {fmt.join(flagged)} are inconsistent "
            f"(ask about {'it' if len(flagged) == 1 else 'each'} for details)."
        )

    # -- answers ----------------------------------------------------------------------------
    def ranking(self, query: Query, context: Context) -> Reply:
        name = self.ordered_field(query)
        f = self.k.fields[name]
        scope = [p for p in self.scope(query) if self.published(p, name)]
        if not scope:
            return self.empty(query, context)
        values = {p.acronym: fmt.raw_value(self.k, p, name) for p in scope}
        ranked = sorted(scope, key=lambda p: values[p.acronym], reverse=query.op == "max")
        word = EXTREMES.get(f.kind, ("largest", "smallest"))[0 if query.op == "max" else 1]
        where = self.describe(query, len(scope))
        if query.limit:
            top = ranked[: query.limit]
            lines = [
                f"The {len(top)} {'highest' if query.op == 'max' else 'lowest'} by "
                f"{f.label} among {where}:"
            ]
            lines += [
                f"{i}. {bold(p.acronym)}: {self.value(p, name)}" for i, p in enumerate(top, 1)
            ]
            text = "\n".join(lines)
        else:
            best = values[ranked[0].acronym]
            tied = [p for p in ranked if values[p.acronym] == best]
            shown = self.value(ranked[0], name)
            if len(tied) == 1:
                text = (
                    f"{bold(ranked[0].acronym)} has the {word} {f.label} among {where}: "
                    f"{bold(shown)}."
                )
                if len(ranked) > 1:
                    runner = ranked[1]
                    text += f" Next: {runner.acronym} ({self.value(runner, name)})."
            else:
                text = (
                    f"The {word} {f.label} among {where} is {bold(shown)}, shared by "
                    f"{fmt.join([p.acronym for p in tied])}."
                )
            top = tied
            for project in tied[:1]:
                text += "".join(
                    f" Note on {project.acronym}: {c}" for c in self.caveats(project, [name])
                )
        self.remember(context, query, top[:1], [name], ranked)
        return self.reply(text, query, [f"tell me about {top[0].acronym}"])

    def aggregate(self, query: Query, context: Context) -> Reply:
        name = self.ordered_field(query)
        f = self.k.fields[name]
        scope = self.scope(query)
        counted = [p for p in scope if self.published(p, name)]
        if not counted:
            return self.empty(query, context)
        values = [fmt.raw_value(self.k, p, name) for p in counted]
        total: Any = sum(values)
        mean = total / len(values)
        where = self.describe(query, len(counted))
        if f.kind == "money":
            total_text, mean_text = fmt.money(total), fmt.money(round(mean, 2))
        elif f.kind == "ratio":
            total_text, mean_text = "", fmt.percent(mean)
        else:
            total_text, mean_text = f"{total:.0f} months", f"{mean:.1f} months"
        if query.op == "average" or not total_text:
            text = f"The average {f.label} of {where} is {bold(mean_text)}"
            text += f" (together {total_text})." if total_text else "."
        else:
            text = (
                f"The total {f.label} of {where} is {bold(total_text)} "
                f"(on average {mean_text} per project)."
            )
        missing = [p.acronym for p in scope if p not in counted]
        if missing:
            text += f" Not counted, as the page does not publish it: {fmt.join(missing)}."
        text += self.caveat_note(counted, name)
        self.remember(context, query, fields=[name], listed=counted)
        return self.reply(text, query, [f"which of them has the largest {f.label}?"])

    def count(self, query: Query, context: Context) -> Reply:
        k = self.k
        if query.parts == ["call"]:
            years = fmt.join([str(c.year) for c in k.calls])
            text = (
                f"There were {bold(str(len(k.calls)))} calls for proposals, in {years}, "
                f"under the {k.programme.funding_programme} programme."
            )
            return self.reply(text, query, [self.focus_question()])
        scope = self.scope(query)
        call = query.scope_call
        if call is not None and not scope and not query.filters:
            return self.call_without_projects(query, call)
        text = f"{bold(str(len(scope)))} {'project' if len(scope) == 1 else 'projects'}"
        if query.filters or query.scope_context:
            text = fmt.sentence_case(self.describe(query, len(scope)).removeprefix("all "))
            text = text.replace(str(len(scope)), bold(str(len(scope))), 1)
            text += f": {fmt.join([p.acronym for p in scope])}." if scope else "."
        elif call is not None:
            text = (
                f"{text} were selected in {fmt.call_name(call)}: "
                f"{fmt.join([p.acronym for p in scope])}."
            )
        else:
            per_call = [
                f"{len(k.projects_in(c))} in the {fmt.ordinal(c.number)} call"
                for c in k.calls
                if k.projects_in(c)
            ]
            text = f"The programme page lists {text}: {fmt.join(per_call)}."
            text += "".join(
                " " + c.projects_elsewhere
                for c in k.calls
                if not k.projects_in(c) and c.projects_elsewhere
            )
        self.remember(context, query, listed=scope)
        return self.reply(text, query, ["which of them got the most?"])

    def project_list(self, query: Query, context: Context) -> Reply:
        call = query.scope_call
        scope = self.scope(query)
        if call is not None and not scope and not query.filters:
            return self.call_without_projects(query, call)
        if not scope:
            return self.empty(query, context)
        detail = next((f.field for f in query.filters), None) or next(
            (n for n in query.fields if self.k.fields[n].kind in ORDERED_KINDS), None
        )
        if query.filters or query.scope_context:
            head = f"{fmt.sentence_case(self.describe(query, len(scope)).removeprefix('all '))}:"
        elif call is not None:
            head = f"{fmt.sentence_case(fmt.call_name(call))} selected {len(scope)} projects:"
        else:
            head = f"The programme page lists {len(scope)} projects:"
        lines = [head]
        titles = self.k.fields_of_kind("text")
        for project in scope:
            if detail is not None and self.k.fields[detail].kind == "span":
                extra = " to ".join(self.value(project, p) for p in self.k.fields[detail].of)
            elif detail is not None:
                extra = self.value(project, detail)
            else:
                extra = next(
                    (self.value(project, t) for t in titles if self.published(project, t)), ""
                )
            lines.append(f"• {bold(project.acronym)}" + (f" — {extra}" if extra else ""))
        if detail is not None:
            lines += [f"Note on {p.acronym}: {c}" for p in scope for c in self.caveats(p, [detail])]
        self.remember(context, query, fields=[detail] if detail else None, listed=scope)
        return self.reply("\n".join(lines), query, ["which of them got the most?"])

    def call_without_projects(self, query: Query, call: Any) -> Reply:
        text = call.projects_elsewhere or "The page lists no projects for this call."
        if isinstance(call.selected_projects, int):
            text = f"{call.selected_projects} projects were selected. {text}"
        return self.reply(f"{fmt.sentence_case(fmt.call_name(call))}: {text}", query)

    def empty(self, query: Query, context: Context) -> Reply:
        self.remember(context, query, listed=[])
        return self.reply(
            f"No project on the page matches: there are no "
            f"{self.describe(query).removeprefix('all ')}.",
            query,
            ["list all projects"],
        )

    def topic(self, query: Query, context: Context, topics: dict[str, float]) -> Reply:
        if not topics:
            return self.reply("I couldn't find a project on that subject.", query)
        best = max(topics.values())
        by_acronym = {p.acronym: p for p in self.k.projects}
        chosen = sorted(
            (a for a, w in topics.items() if w >= best * thresholds.TOPIC_SHARE),
            key=lambda a: -topics[a],
        )
        projects = [by_acronym[a] for a in chosen]
        titles = self.k.fields_of_kind("text")

        def line(p: ProjectBase) -> str:
            title = next((self.value(p, t) for t in titles if self.published(p, t)), "")
            return f"{bold(p.acronym)}" + (f" — {title}" if title else "")

        if len(projects) == 1:
            text = f"That is {line(projects[0])}."
        else:
            text = "The projects on that subject:\n" + "\n".join(f"• {line(p)}" for p in projects)
        self.remember(
            context, query, projects[:1] if len(projects) == 1 else projects, [], projects
        )
        return self.reply(text, query, [f"tell me about {projects[0].acronym}"])
