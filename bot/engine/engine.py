"""The engine: ``answer(text, context) -> Reply``, the one way into the bot's knowledge."""

from __future__ import annotations

import logging
from collections.abc import Callable

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
        return reply

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
