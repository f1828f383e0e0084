"""Answers about the programme and its calls, conversation, and the bot's own doubts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.engine import formatting as fmt
from bot.engine import thresholds
from bot.engine.answers.base import Answers
from bot.engine.answers.request import Query
from bot.engine.context import Context
from bot.engine.query import Condition
from bot.engine.query import Query as ListQuery
from bot.engine.reply import Reply, Suggestion, bold

if TYPE_CHECKING:
    from bot.knowledge.schema import Call


class ProgrammeAnswers(Answers):
    def call_info(self, query: Query, context: Context) -> Reply:
        k = self.k
        if len(query.calls) != 1 and "focus" in query.parts:  # "what were the calls about?"
            each = [f"{c.focus_intro}:\n" + "\n".join(f"• {i}" for i in c.focus) for c in k.calls]
            return self.reply("\n\n".join(each), query, [self.focus_question()])
        if len(query.calls) != 1:
            overview = [
                f"There were {len(k.calls)} calls for proposals under "
                f"{k.programme.funding_programme}:"
            ]
            for call in k.calls:
                members = k.projects_in(call)
                what = (
                    f"{len(members)} projects on this page"
                    if members
                    else (call.projects_elsewhere or "projects not listed")
                )
                if members and "projects" in query.parts:  # "list the calls and their projects"
                    what = self.call_projects(call)
                overview.append(
                    f"• {bold(fmt.ordinal(call.number) + ' call')} ({call.year}): {what}"
                )
            return self.reply("\n".join(overview), query, [self.focus_question()])
        call = query.calls[0]
        context.call = call.number
        parts = [p for p in query.parts if p != "precise"] or (
            ["year"] if query.parts else ["year", "focus", "projects"]
        )
        lines: list[str] = []
        if "year" in parts:
            lines.append(
                f"The {fmt.ordinal(call.number)} call for proposals was launched in "
                f"{bold(str(call.year))}."
            )
        if "precise" in query.parts:
            lines.append("The page gives only the year of each call, not an exact date.")
        if "focus" in parts:
            lines.append(f"{call.focus_intro}:")
            lines += [f"• {item}" for item in call.focus]
        if "projects" in parts:
            lines.append(self.call_projects(call))
        members = k.projects_in(call)
        if len(members) > thresholds.LISTED_MAX:  # "which of them": the call's projects, by rule
            self.remember(context, query)
            on_call = Condition(k.call_field or "call", "eq", call.number)
            context.listed, context.listed_from = [], ListQuery("list", conditions=(on_call,))
        else:
            self.remember(context, query, listed=members if members else None)
        return self.reply(
            "\n".join(lines),
            query,
            [f"which projects were in the {fmt.ordinal(call.number)} call?"],
        )

    def call_projects(self, call: Call) -> str:
        members = self.k.projects_in(call)
        if not members:
            return call.projects_elsewhere or "The page lists no projects for this call."
        names = [p.acronym for p in members]
        if len(names) > thresholds.NAMES_SHOWN:  # thousands: a few, and a question that pages
            shown = ", ".join(names[: thresholds.NAMES_SHOWN])
            left = f"{len(names) - thresholds.NAMES_SHOWN:,}"
            named = self.k.language.templates["names_more"].format(names=shown, count=left)
        else:
            named = fmt.join(names)
        return f"Projects selected ({len(members):,}): {named}."

    def programme(self, query: Query, context: Context) -> Reply:
        k, p = self.k, self.k.programme
        lines: list[str] = []
        if "description" in query.parts or not query.parts:
            years = fmt.join([str(c.year) for c in k.calls])
            lines.append(f"{bold(p.name)}: {p.description}")
            lines.append(
                f"It ran {len(k.calls)} calls for proposals ({years}) under the "
                f"{p.funding_programme} programme; the page lists {len(k.projects)} "
                f"funded projects."
            )
        if "funding" in query.parts:
            lines.append(
                f"The calls were run under the {bold(p.funding_programme)} programme. "
                f"{p.funding_text}"
            )
        if "source" in query.parts:
            lines.append(f"My source is {p.source.title}.")
        return self.reply(" ".join(lines), query, ["how many calls for proposals were there?"])

    # -- conversation -----------------------------------------------------------------------
    def conversation(self, query: Query, context: Context) -> Reply:
        acts = self.k.language.conversation
        act = getattr(acts, query.intent)
        text = act.reply
        if query.intent == "help":
            text += ":\n" + "\n".join(f"• {e}" for e in self.examples)
            return self.reply(text, query, self.examples[:3])
        if query.intent == "greet":
            text += f" Try, for example: “{self.example()}”"
        return self.reply(text, query, self.examples[:3])

    def clarify(self, query: Query, context: Context) -> Reply:
        options = query.options
        if len(options) == 1:
            text = f"Did you mean {bold(options[0])}?"
        else:
            text = f"Did you mean {fmt.join([bold(o) for o in options], 'or')}?"
        retry = query.retry or options
        context.pending = dict(zip(options, retry, strict=True))
        offered = [Suggestion(o, q) for o, q in zip(options, retry, strict=True)]
        return self.reply(text, query, offered)

    def empty_question(self, query: Query, context: Context) -> Reply:
        return self.reply(
            f"Please type a question, for example: “{self.example()}”", query, self.examples[:3]
        )
