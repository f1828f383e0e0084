"""Browsing without a question: projects by call, the calls, one project or call opened."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from bot.engine import formatting as fmt
from bot.engine import thresholds
from bot.engine.answers.base import MOST_FROM_EU, Answers
from bot.engine.answers.programme import ProgrammeAnswers
from bot.engine.answers.project import ProjectAnswers
from bot.engine.answers.request import Query
from bot.engine.context import Context
from bot.engine.query import Query as ListQuery
from bot.engine.reply import MenuItem, MenuSection, Reply, bold
from bot.knowledge import Knowledge

if TYPE_CHECKING:
    from bot.knowledge.schema import Call, ProjectBase

PROJECT, CALL, PROJECTS = "project", "call", "projects"
# Projects on one page of the projects by call, each a button (and the most results one
# inline answer may hold); a longer programme is shown a page at a time.
PROJECTS_PAGE = 50


def project_ref(acronym: str) -> str:
    return f"{PROJECT}:{acronym}"


def call_ref(number: int) -> str:
    return f"{CALL}:{number}"


def projects_ref(page: int) -> str:
    """A page of the projects by call: what the "Next" button under a page opens."""
    return f"{PROJECTS}:{page}"


class BrowseAnswers(Answers):
    def __init__(
        self, knowledge: Knowledge, projects: ProjectAnswers, programme: ProgrammeAnswers
    ) -> None:
        super().__init__(knowledge)
        self.projects = projects
        self.programme = programme

    def call_title(self, call: Call) -> str:
        return f"{fmt.ordinal(call.number)} call ({call.year})"

    @cached_property
    def by_call(self) -> tuple[tuple[Call, ProjectBase], ...]:
        """Every project listed under a call, with it, in the calls' order."""
        return tuple((call, p) for call in self.k.calls for p in self.k.projects_in(call))

    @cached_property
    def by_acronym(self) -> dict[str, ProjectBase]:
        return {p.acronym: p for p in reversed(self.k.projects)}  # the first of a name wins

    def projects_by_call(self, context: Context, page: int = 0) -> Reply:
        """The projects grouped by call, each a menu item that opens its card: all of them,
        or of a long programme the page ``page`` (``Reply.more`` opens the next one)."""
        k, size, total = self.k, PROJECTS_PAGE, len(self.by_call)
        last_page = max(0, (total - 1) // size)
        page = min(max(page, 0), last_page)
        shown = self.by_call[page * size : (page + 1) * size]
        lines = [f"The programme page lists {len(k.projects):,} projects, by call for proposals:"]
        sections: list[MenuSection] = []
        for call in k.calls:
            members = [p for c, p in shown if c is call]
            title = self.call_title(call)
            in_call = len(k.members.get(call.number, ()))
            if not members:
                if not in_call and page == 0:
                    lines.append(f"{bold(title)}: {call.projects_elsewhere or 'none listed.'}")
                continue
            of_all = f" ({in_call:,} projects)" if last_page else ""
            lines.append(f"{bold(title)}{of_all}: {fmt.join([p.acronym for p in members])}")
            items = tuple(MenuItem(p.acronym, project_ref(p.acronym)) for p in members)
            sections.append(MenuSection(title, items))
        more, templates = None, self.k.language.templates
        if last_page:
            first, last = page * size + 1, page * size + len(shown)
            slots = {"first": f"{first:,}", "last": f"{last:,}", "total": f"{total:,}"}
            if page == last_page:
                lines.append(templates["page_last"].format(**slots))
            else:
                label = templates["page_button"].format(next=min(size, total - last))
                more = MenuItem(label, projects_ref(page + 1))
                example = f"which projects were in the {fmt.ordinal(k.calls[0].number)} call?"
                lines.append(
                    f"Showing {slots['first']}–{slots['last']} of {slots['total']}: “{label}” "
                    f"shows more, or ask for fewer (“{example}”)."
                )
        self.remember(context, Query("project_list", 1.0))
        if len(k.projects) <= thresholds.LISTED_MAX:
            context.listed, context.listed_from = [p.acronym for p in k.projects], None
        else:  # "which of them": all the projects, without a copy of thousands of names
            context.listed, context.listed_from = [], ListQuery("list")
        reply = self.reply("\n".join(lines), Query("project_list", 1.0), [MOST_FROM_EU])
        return reply.but(menu=tuple(sections), more=more)

    def calls(self, context: Context) -> Reply:
        """The calls for proposals, each a menu item that opens it."""
        reply = self.programme.call_info(Query("call_info", 1.0), context)
        items = tuple(MenuItem(self.call_title(c), call_ref(c.number)) for c in self.k.calls)
        return reply.but(menu=(MenuSection("", items),))

    def open(self, ref: str, context: Context) -> Reply | None:
        """A project's card, a call's page or a page of the projects, by ``ref``; ``None``
        when it no longer exists."""
        kind, _, key = ref.partition(":")
        if kind == PROJECT:
            project = self.by_acronym.get(key)
            if project is not None:
                return self.projects.project_card(Query("project_card", 1.0, [project]), context)
        if kind == CALL and key.isdigit():
            call = self.k.calls_by_number.get(int(key))
            if call is not None:
                return self.programme.call_info(Query("call_info", 1.0, calls=[call]), context)
        if kind == PROJECTS and key.isdigit() and len(key) < 10:
            return self.projects_by_call(context, int(key))
        return None
