"""The engine: ``answer(text, context) -> Reply``, the one way into the bot's knowledge."""

from __future__ import annotations

import logging
from collections.abc import Callable

from bot.engine.answers.browse import BrowseAnswers
from bot.engine.answers.programme import ProgrammeAnswers
from bot.engine.answers.project import ProjectAnswers
from bot.engine.answers.table import TableAnswers
from bot.engine.context import Context
from bot.engine.decide import Decider, Query
from bot.engine.frame import Frame
from bot.engine.lexicon import Lexicon
from bot.engine.parse import Parser
from bot.engine.reply import Reply
from bot.knowledge import Knowledge

logger = logging.getLogger(__name__)

TRUNCATED_NOTE = "(Your message was long, so I read only its beginning.)"


class Engine:
    """Answers questions from one validated ``Knowledge``; holds no per-chat state."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self.lexicon = Lexicon(knowledge)
        self.parser = Parser(self.lexicon)
        self.decider = Decider(knowledge)
        project = ProjectAnswers(knowledge)
        self.table = TableAnswers(knowledge)
        programme = ProgrammeAnswers(knowledge)
        self.browse = BrowseAnswers(knowledge, project, programme)
        self.handlers: dict[str, Callable[[Query, Context], Reply]] = {
            "project_field": project.project_field,
            "project_card": project.project_card,
            "compare": project.compare,
            "not_on_page": project.not_on_page,
            "unknown_project": project.unknown_project,
            "which_project": project.which_project,
            "ranking": self.table.ranking,
            "aggregate": self.table.aggregate,
            "count": self.table.count,
            "project_list": self.table.project_list,
            "call_info": programme.call_info,
            "programme": programme.programme,
            "greet": programme.conversation,
            "thanks": programme.conversation,
            "goodbye": programme.conversation,
            "help": programme.conversation,
            "confirm": programme.conversation,
            "clarify": programme.clarify,
            "decline": programme.decline,
            "empty": programme.empty_question,
        }
        missing = [
            i.name
            for i in knowledge.language.intents
            if i.name not in self.handlers and i.name != "topic"
        ]
        if missing:
            logger.warning("intents without an answer in this version: %s", missing)

    def answer(self, text: str, context: Context | None = None) -> Reply:
        """Answer one question; ``context`` carries the conversation and is updated."""
        context = context if context is not None else Context()
        if not text or not text.strip():
            return self.handlers["empty"](Query("empty", 1.0), context)
        frame = self.parser.parse(text)
        if not frame.words:
            return self.handlers["empty"](Query("empty", 1.0), context)
        pending, context.pending = context.pending, {}
        retry = self._answers_pending(frame, pending)
        if retry is not None:
            return self.answer(retry, context)
        query = self.decider.decide(frame, context)
        if query.intent == "topic":
            reply = self.table.topic(query, context, frame.topics)
        else:
            reply = self.handlers[query.intent](query, context)
        if frame.truncated:
            reply = Reply.build(
                f"{TRUNCATED_NOTE}\n{reply.text}",
                reply.intent,
                reply.confidence,
                reply.suggestions,
                reply.source,
            )
        reply.meta["candidates"] = [
            [m.entity.name, round(m.score, 1)]
            for m in [*frame.names, *(m for g in frame.ambiguous for m in g), *frame.doubtful]
        ][:5]
        return reply

    # -- browsing, for front ends with menus and buttons -----------------------------------
    def welcome(self, context: Context | None = None) -> Reply:
        """A greeting that says what the bot knows, with example questions."""
        return self.handlers["greet"](Query("greet", 1.0), context or Context())

    def help(self, context: Context | None = None) -> Reply:
        """What can be asked, with every example question marked for help."""
        return self.handlers["help"](Query("help", 1.0), context or Context())

    def projects_by_call(self, context: Context | None = None) -> Reply:
        """All projects grouped by call; ``Reply.menu`` has one item per project."""
        return self.browse.projects_by_call(context or Context())

    def calls(self, context: Context | None = None) -> Reply:
        """The calls for proposals; ``Reply.menu`` has one item per call."""
        return self.browse.calls(context or Context())

    def project_named(self, name: str, context: Context | None = None) -> Reply:
        """A project's card by (a possibly misspelt) name: the card, a "Did you mean", or
        a plain "I don't know that project" — never an answer about something else."""
        context = context if context is not None else Context()
        reply = self.answer(name, context)
        if reply.intent in ("project_card", "project_field", "clarify", "unknown_project"):
            return reply
        words = name.split()[:8]
        return self.handlers["unknown_project"](Query("unknown_project", 0.9, words=words), context)

    def open(self, ref: str, context: Context | None = None) -> Reply | None:
        """The card behind a ``MenuItem.ref``, or ``None`` if it is gone (knowledge reloaded)."""
        return self.browse.open(ref, context or Context())

    @staticmethod
    def _answers_pending(frame: Frame, pending: dict[str, str]) -> str | None:
        """After "Did you mean …?", a "yes" or a lone name completes the question asked."""
        if not pending:
            return None
        cues = [c for c in frame.tags if c != "conversation" and frame.tags[c]]
        if cues or frame.unknown or frame.years or frame.amounts:
            return None
        if not frame.names:
            yes = "confirm" in frame.values("conversation")
            return next(iter(pending.values())) if yes and len(pending) == 1 else None
        if len(frame.names) != 1 or frame.values("conversation"):
            return None
        name = frame.names[0].entity.name
        if name in pending:
            return pending[name]
        offered, question = next(iter(pending.items()))
        if frame.names[0].entity.kind != "project":
            return None
        return question.replace(offered, name, 1)
