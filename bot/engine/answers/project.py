"""Answers about named projects: one field, a card, a comparison."""

from __future__ import annotations

from bot.engine import formatting as fmt
from bot.engine.answers.base import MOST_FROM_EU, Answers
from bot.engine.answers.request import Query
from bot.engine.context import Context
from bot.engine.reply import Reply, bold
from bot.knowledge.schema import ORDERED_KINDS, ProjectBase


class ProjectAnswers(Answers):
    def project_field(self, query: Query, context: Context) -> Reply:
        project = query.projects[0]
        lines = [self.field_sentence(project, f) for f in query.fields]
        lines += self.caveats(project, query.fields)
        self.remember(context, query, [project], query.fields)
        others = [f for f in self.k.fields if f not in query.fields][:2]
        hints = [f"and its {self.label(f)}?" for f in others] + [f"tell me about {project.acronym}"]
        return self.reply(" ".join(lines), query, hints)

    def project_card(self, query: Query, context: Context) -> Reply:
        project = query.projects[0]
        self.remember(context, query, [project], [])
        return self.reply(
            self.card(project),
            query,
            [
                MOST_FROM_EU,
                f"compare {project.acronym} with another project",
            ],
        )

    def card(self, project: ProjectBase) -> str:
        """Every fact of a project; a span's dates share one line ("Duration: ... to ...")."""
        k = self.k
        titles = [f for f in k.fields_of_kind("text") if self.published(project, f)]
        head = bold(project.acronym)
        if titles:
            head += f" — {self.value(project, titles[0])}"
        spans = {
            f.of[0]: name
            for name, f in k.fields.items()
            if f.kind == "span" and all(self.published(project, p) for p in f.of)
        }
        skip = set(titles[:1]) | set(spans.values())
        skip |= {p for name in spans.values() for p in k.fields[name].of}
        lines = [head]
        for name, f in k.fields.items():
            if name in spans:
                span = spans[name]
                start, end = (self.value(project, p) for p in k.fields[span].of)
                lines.append(f"• Dates: {start} to {end}; {self.value(project, span)}")
            elif name in skip:
                continue
            elif self.published(project, name):
                lines.append(f"• {fmt.sentence_case(f.label)}: {self.value(project, name)}")
            else:
                lines.append(f"• {fmt.sentence_case(f.label)}: not published on the page")
        caveats = self.caveats(project, list(k.fields))
        if caveats:
            lines.append("Note: " + " ".join(caveats))
        return "\n".join(lines)

    def compare(self, query: Query, context: Context) -> Reply:
        k = self.k
        projects = query.projects
        fields = [f for f in query.fields if k.fields[f].kind in ORDERED_KINDS] or (
            list(query.fields) or [k.default_money_field or next(iter(k.fields))]
        )
        lines: list[str] = []
        for name in fields:
            f = k.fields[name]
            if f.kind not in ORDERED_KINDS:
                lines += [self.field_sentence(p, name) for p in projects]
                continue
            parts = [f"{p.acronym} {bold(self.value(p, name))}" for p in projects]
            lines.append(f"{fmt.sentence_case(f.label)}: {fmt.join(parts)}.")
            lines.append(self._verdict(projects, name, query.cmp))
        for project in projects:
            lines += self.caveats(project, fields)
        self.remember(context, query, projects, fields, projects)
        return self.reply(
            "\n".join(line for line in lines if line), query, ["which of them got the most?"]
        )

    def _verdict(self, projects: list[ProjectBase], name: str, cmp: str | None) -> str:
        f = self.k.fields[name]
        values = [(fmt.raw_value(self.k, p, name), p) for p in projects]
        if any(not self.published(p, name) for p in projects):
            return "The page does not publish this for every project, so they cannot be compared."
        more, less = ("later", "earlier") if f.kind == "date" else ("more", "less")
        if len(projects) == 2:
            (a, first), (b, second) = values
            if a == b:
                return f"They are the same: {self.value(first, name)}."
            gap = self._gap(name, first, second)
            bigger, smaller = (first, second) if a > b else (second, first)
            if cmp in ("more", "less"):
                holds = (a > b) if cmp == "more" else (a < b)
                answer = "Yes" if holds else "No"
                word = more if a > b else less
                return f"{answer}: {first.acronym}'s is {gap} {word} than {second.acronym}'s."
            return f"{bigger.acronym}'s is {gap} {more} than {smaller.acronym}'s."
        top = max(values, key=lambda v: v[0])[1]
        low = min(values, key=lambda v: v[0])[1]
        return f"Highest: {top.acronym}; lowest: {low.acronym}."

    def _gap(self, name: str, a: ProjectBase, b: ProjectBase) -> str:
        f = self.k.fields[name]
        x, y = fmt.raw_value(self.k, a, name), fmt.raw_value(self.k, b, name)
        if f.kind == "money":
            return fmt.money(abs(x - y))
        if f.kind == "date":
            return f"{abs((x - y).days)} days"
        if f.kind == "ratio":
            return f"{abs(x - y) * 100:.1f} percentage points"
        return f"{abs(x - y):.0f} months"

    def not_on_page(self, query: Query, context: Context) -> Reply:
        project = query.projects[0]
        topic = query.words[0] if query.words else "that"
        labels = fmt.join([f.label for f in self.k.fields.values() if not f.derived])
        self.remember(context, query, [project])
        return self.reply(
            f"The programme page does not say anything about the {topic} of "
            f"{project.acronym}. For each project it gives only: {labels}.",
            query,
            [f"tell me about {project.acronym}"],
        )

    def unknown_project(self, query: Query, context: Context) -> Reply:
        name = " ".join(query.words)
        known = fmt.join([p.acronym for p in self.k.projects])
        return self.reply(
            f"Sorry, I don't know a project called “{name}”: it is not among the "
            f"{len(self.k.projects)} projects on the programme page ({known}).",
            query,
            ["list all projects"],
        )

    def which_project(self, query: Query, context: Context) -> Reply:
        labels = fmt.join([self.label(f) for f in query.fields])
        return self.reply(
            f"Which project do you mean? Tell me its name and I'll give you its {labels}, "
            f"for example “{labels} of {self.k.projects[0].acronym}”.",
            query,
            [p.acronym for p in self.k.projects[:3]],
        )
