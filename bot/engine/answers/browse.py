"""Browsing without a question: projects by call, the calls, one project or call opened."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.engine import formatting as fmt
from bot.engine.answers.base import MOST_FROM_EU, Answers
from bot.engine.answers.programme import ProgrammeAnswers
from bot.engine.answers.project import ProjectAnswers
from bot.engine.answers.request import Query
from bot.engine.context import Context
from bot.engine.reply import MenuItem, MenuSection, Reply, bold
from bot.knowledge import Knowledge

if TYPE_CHECKING:
    from bot.knowledge.schema import Call

PROJECT, CALL = "project", "call"


def project_ref(acronym: str) -> str:
    return f"{PROJECT}:{acronym}"


def call_ref(number: int) -> str:
    return f"{CALL}:{number}"


class BrowseAnswers(Answers):
    def __init__(
        self, knowledge: Knowledge, projects: ProjectAnswers, programme: ProgrammeAnswers
    ) -> None:
        super().__init__(knowledge)
        self.projects = projects
        self.programme = programme

    def call_title(self, call: Call) -> str:
        return f"{fmt.ordinal(call.number)} call ({call.year})"

    def projects_by_call(self, context: Context) -> Reply:
        """Every project, grouped by its call, each one a menu item that opens its card."""
        k = self.k
        query = Query("project_list", 1.0)
        lines = [f"The programme page lists {len(k.projects)} projects, by call for proposals:"]
        sections: list[MenuSection] = []
        for call in k.calls:
            members = k.projects_in(call)
            title = self.call_title(call)
            if not members:
                lines.append(f"{bold(title)}: {call.projects_elsewhere or 'none listed.'}")
                continue
            lines.append(f"{bold(title)}: {fmt.join([p.acronym for p in members])}")
            items = tuple(MenuItem(p.acronym, project_ref(p.acronym)) for p in members)
            sections.append(MenuSection(title, items))
        self.remember(context, query, listed=list(k.projects))
        reply = self.reply("\n".join(lines), query, [MOST_FROM_EU])
        return reply.but(menu=tuple(sections))

    def calls(self, context: Context) -> Reply:
        """The calls for proposals, each a menu item that opens it."""
        reply = self.programme.call_info(Query("call_info", 1.0), context)
        items = tuple(MenuItem(self.call_title(c), call_ref(c.number)) for c in self.k.calls)
        return reply.but(menu=(MenuSection("", items),))

    def open(self, ref: str, context: Context) -> Reply | None:
        """A project's card or a call's page, by ``ref``; ``None`` when it no longer exists."""
        kind, _, key = ref.partition(":")
        if kind == PROJECT:
            project = next((p for p in self.k.projects if p.acronym == key), None)
            if project is not None:
                return self.projects.project_card(Query("project_card", 1.0, [project]), context)
        if kind == CALL and key.isdigit():
            call = self.k.calls_by_number.get(int(key))
            if call is not None:
                return self.programme.call_info(Query("call_info", 1.0, calls=[call]), context)
        return None
