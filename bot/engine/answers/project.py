"""Answers about one named project: its card, and what the page does not say about it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.engine import formatting as fmt
from bot.engine.answers.base import MOST_FROM_EU, Answers
from bot.engine.answers.request import Query
from bot.engine.context import Context
from bot.engine.reply import Reply, bold

if TYPE_CHECKING:
    from bot.knowledge.schema import ProjectBase


class ProjectAnswers(Answers):
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

    def not_on_page(self, query: Query, context: Context) -> Reply:
        project = query.projects[0]
        topic = query.words[0] if query.words else "that"
        labels = fmt.join([f.label for f in self.k.fields.values() if not f.derived])
        self.remember(context, query, [project])
        said = self.k.language.templates["not_on_page_project"].format(
            topic=topic, acronym=project.acronym, labels=labels
        )
        given = [
            self.field_sentence(project, name) for name in query.parts if name in self.k.fields
        ]
        # "ECRI's budget and website", "budget per partner of TCE": the gap first, then what
        # the page gives (which may not be what was asked)
        said = " ".join([said, *given])
        return self.reply(
            said,
            query,
            [f"tell me about {project.acronym}"],
        )
