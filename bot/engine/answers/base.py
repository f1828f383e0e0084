"""What every answer needs: the knowledge, formatting, caveats and example questions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.engine import formatting as fmt
from bot.engine.answers.request import Query
from bot.engine.context import Context
from bot.engine.reply import Reply, Suggestion, bold
from bot.knowledge import NOT_PUBLISHED, Knowledge

if TYPE_CHECKING:
    from bot.knowledge.schema import ProjectBase

MOST_FROM_EU = "which project got the most from the EU?"  # a suggested next question


class Answers:
    """Shared helpers for the answer modules."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.k = knowledge
        self.source = knowledge.programme.source.title
        self.examples = [e.text for i in knowledge.language.intents for e in i.examples if e.help]

    def reply(
        self, marked: str, query: Query, suggestions: Sequence[str | Suggestion] | None = None
    ) -> Reply:
        return Reply.build(marked, query.intent, query.confidence, suggestions or [], self.source)

    def label(self, field: str) -> str:
        return self.k.fields[field].label

    def value(self, project: ProjectBase, field: str) -> str:
        return fmt.value_text(self.k, project, field)

    def published(self, project: ProjectBase, field: str) -> bool:
        return bool(fmt.raw_value(self.k, project, field) != NOT_PUBLISHED)

    def caveats(self, project: ProjectBase, fields: list[str]) -> list[str]:
        """The project's caveats that touch any of ``fields``, filled in."""
        if not project.caveats:
            return []  # most projects have none: no need to work out which fields count
        wanted = set(fields)
        for name in fields:
            wanted.update(self.k.fields[name].covers)
            wanted.update(self.k.fields[name].of)
        return [
            fmt.fill(c.text, self.k, project) for c in project.caveats if wanted & set(c.fields)
        ]

    def field_sentence(self, project: ProjectBase, field: str) -> str:
        """One field of one project as a sentence, or what the page leaves out."""
        f = self.k.fields[field]
        if not self.published(project, field):
            template = f.unpublished or "The page does not publish the {label} of {acronym}."
            return fmt.fill(template.replace("{label}", f.label), self.k, project)
        return fmt.fill(f.answer, self.k, project, value=bold(self.value(project, field)))

    def remember(
        self,
        context: Context,
        query: Query,
        projects: list[ProjectBase] | None = None,
        fields: list[str] | None = None,
        listed: list[ProjectBase] | None = None,
    ) -> None:
        context.intent = query.intent
        if projects is not None:
            context.projects = [p.acronym for p in projects]
        if fields is not None:
            context.fields = list(fields)
        if listed is not None:
            context.listed = [p.acronym for p in listed]

    def focus_question(self) -> str:
        """A question about the latest call's focus, suggested after talking about calls."""
        call = max(self.k.calls, key=lambda c: c.year)
        return f"what did the {fmt.ordinal(call.number)} call focus on?"

    def example(self, n: int = 0) -> str:
        return self.examples[n % len(self.examples)] if self.examples else ""
