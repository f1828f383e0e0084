"""The engine: ``answer(text, context) -> Reply``, the one way into the bot's knowledge.

parse (spans) -> interpret (scored Query candidates, follow-up edits) -> decide ->
evaluate -> render. Each step is its own module; this one only wires them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, NamedTuple

from bot.engine import formatting as fmt
from bot.engine import thresholds
from bot.engine.answers.browse import BrowseAnswers
from bot.engine.answers.programme import ProgrammeAnswers
from bot.engine.answers.project import ProjectAnswers
from bot.engine.answers.request import Query as Request
from bot.engine.context import Context
from bot.engine.evaluate import Evaluator, Result
from bot.engine.followup import FollowUps
from bot.engine.frame import Frame, Span
from bot.engine.grammar import Grammar, intent
from bot.engine.grammar.tree import bare, composite
from bot.engine.interpret import Facts, Interpreter, Reading
from bot.engine.language import LanguageGuess
from bot.engine.lexicon import Lexicon, stem
from bot.engine.matcher import Match
from bot.engine.memo import Memo
from bot.engine.pagetext import PageText
from bot.engine.parse import Parser
from bot.engine.query import Query
from bot.engine.render import Renderer
from bot.engine.reply import Reply, Suggestion
from bot.engine.understood import Explainer
from bot.knowledge import Knowledge
from bot.normalise import tokens

logger = logging.getLogger(__name__)

TRUNCATED_NOTE = "(Your message was long, so I read only its beginning.)"
EVALUATED = {
    "lookup": "lookup_answer",
    "list": "list_answer",
    "count": "count_answer",
    "aggregate": "aggregate_answer",
    "rank": "rank_answer",
    "compare": "compare_answer",
    "compare_fields": "compare_fields_answer",
    "check": "check_answer",
    "calls": "calls_answer",
    "arithmetic": "arithmetic_answer",
}
# the intent a reply reports (stats, logs, front ends) for each act of the engine
INTENTS = {
    "lookup": "project_field",
    "card": "project_card",
    "rank": "ranking",
    "list": "project_list",
    "compare_fields": "compare",
    "calls": "call_info",
}
SUGGESTIONS = {
    "lookup": "and its total budget?",
    "list": "which of them got the most?",
    "rank": "and the least?",
    "aggregate": "and the median?",
    "count": "which of them got the most?",
}


class Understanding(NamedTuple):
    """What a question's words alone decide: the same in every conversation, so made once
    per wording, shared by every chat and never changed."""

    parsed: Frame  # as read: what an ask-back and a pending "Did you mean" look at
    frame: Frame  # with a project named by its subject (the same frame when none is)
    facts: Facts | None  # None when the question is not interpreted (no words, rival names)
    readings: tuple[Reading, ...]  # best first
    language: str  # the language the question is written in


class Engine:
    """Answers questions from one validated ``Knowledge``; holds no per-chat state."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self.lexicon = Lexicon(knowledge)
        self.parser = Parser(self.lexicon)
        self.language = LanguageGuess(knowledge)
        self.page = PageText(knowledge, self.lexicon.stopwords)
        self.interpreter = Interpreter(knowledge, self.page)
        self.evaluator = Evaluator(knowledge)
        self.renderer = Renderer(knowledge, self.evaluator)
        self.followups = FollowUps(knowledge, self.interpreter)
        self.grammar = Grammar(knowledge, self.lexicon, self.evaluator, self.renderer)
        self.explainer = Explainer(knowledge, self.renderer, self.page)
        self.project = ProjectAnswers(knowledge)
        self.programme = ProgrammeAnswers(knowledge)
        self.browse = BrowseAnswers(knowledge, self.project, self.programme)
        self.by_acronym = {p.acronym: p for p in knowledge.projects}
        # what a wording's words alone decide, by the wording (see ``understand``)
        self.understood: Memo[str, Understanding] = Memo(thresholds.WORDINGS_CACHE)
        # answers by their query: what a query finds and how it is said never changes
        self.said: Memo[Query, tuple[Result, str, Suggestion | None]]
        self.said = Memo(thresholds.WORDINGS_CACHE)
        self.handlers: dict[str, Callable[[Query, Frame, Context], Reply]] = {
            "card": self._card,
            "topic": self._topic,
            "call_info": self._call_info,
            "programme": self._programme,
            "converse": self._converse,
            "not_on_page": self._not_on_page,
            "explain": self.explainer.explain,
            "passage": self.explainer.passage_answer,
            "unknowable": self.explainer.unknowable,
            "no_such_call": self.explainer.no_such_call,
            "tree": self._tree,
        }

    def warm(self) -> Engine:
        """Build now what the first questions would otherwise build (sorted columns,
        rankings, and the readings of the example questions the bot suggests, so the shapes
        of questions people copy from its help are charted): for front ends that answer
        many questions. Returns the engine."""
        self.evaluator.warm()
        for kind in self.knowledge.language.intents:
            for example in kind.examples:
                self.understand(example.text)
        return self

    def forget(self) -> None:
        """Drop what earlier questions left remembered (wordings read, names matched, rows
        chosen): the next question costs what a new wording costs. For the benchmark."""
        matcher = self.parser.matcher
        memos: list[Memo[Any, Any]] = [self.understood, self.parser.spelling, matcher.found]
        memos += [matcher.seen, self.evaluator.memo, self.explainer.nearest_names, self.said]
        memos += [self.grammar.executor.memo, self.grammar.charts]
        for memo in memos:
            memo.items.clear()

    def answer(self, text: str, context: Context | None = None) -> Reply:
        """Answer one question; ``context`` carries the conversation and is updated."""
        context = context if context is not None else Context()
        if not text or not text.strip():
            return self.programme.empty_question(Request("empty", 1.0), context)
        understood = self.understand(text)
        frame = understood.parsed
        if not frame.words:
            return self.programme.empty_question(Request("empty", 1.0), context)
        pending, context.pending = context.pending, {}
        retry = self._answers_pending(frame, pending)
        if retry is not None:
            return self.answer(retry, context)
        reply = self._answer(understood, context)
        if frame.truncated or len(reply.text) > thresholds.MAX_ANSWER:
            note = f"{TRUNCATED_NOTE}\n" if frame.truncated else ""
            reply = Reply.build(
                self.renderer.within_limit(note + reply.text),  # always one message
                reply.intent,
                reply.confidence,
                reply.suggestions,
                reply.source,
            )
        if understood.language != self.language.own:  # answered in the bot's language
            reply = reply.but(confidence=round(reply.confidence * thresholds.OTHER_LANGUAGE, 3))
            reply.meta["language"] = understood.language
        reply.meta["candidates"] = [
            [m.entity.name, round(m.score, 1)]
            for m in [*frame.names, *(m for g in frame.ambiguous for m in g), *frame.doubtful]
        ][:5]
        return reply

    def understand(self, text: str) -> Understanding:
        """``text`` parsed and interpreted, remembered by its wording: none of it depends on
        the conversation (follow-ups are edited in afterwards, by ``FollowUps``)."""
        if len(text) > thresholds.MAX_CHARS:  # not remembered: memory stays bounded
            return self._understand(text)
        return self.understood.get_or_make(text, lambda: self._understand(text))

    def _understand(self, text: str) -> Understanding:
        parsed = self.parser.parse(text)
        language = self.language.of(tokens(parsed.text))
        if not parsed.words or parsed.ambiguous:
            return Understanding(parsed, parsed, None, (), language)
        frame = self._described(parsed)
        facts = self.interpreter.facts(frame)
        readings = self.interpreter.read(frame, facts)
        composed = self._composed(frame, readings)
        if composed is not None:
            readings.insert(0, composed)
        return Understanding(parsed, frame, facts, tuple(readings), language)

    def _composed(self, frame: Frame, readings: list[Reading]) -> Reading | None:
        """The grammar's reading when it reads the whole question and either composes (a set
        or value inside another, arithmetic, a grouping) or no reader explains every word;
        a flat tree is then asked as the readers' ``Query`` (they page and follow it up)."""
        choice = self.grammar.choose(frame, composite_only=False)
        if choice is None:
            return None
        if not composite(choice.root):
            best = readings[0] if readings else None
            explained = (
                best is not None
                and best.score >= 1.0
                and not self.interpreter.unexplained(frame, best)
            )
            if explained and bare(choice.root):
                return None  # "tell me about the second call": the readers' call card
            if choice.query is None:
                return None
            return Reading(choice.query, set(range(len(frame.words))), 1.0, "grammar")
        options = (choice.text, choice.rival[1]) if choice.rival else (choice.text,)
        query = Query("tree", tree=choice.root, options=options)
        return Reading(query, set(range(len(frame.words))), 1.0, "grammar")

    def _answer(self, understood: Understanding, context: Context) -> Reply:
        frame, facts, readings = understood.frame, understood.facts, understood.readings
        if facts is None:  # rival names (a question without words is answered before)
            return self._clarify(frame, frame.ambiguous[0], context)
        edited = self.followups.edit(frame, readings, context, facts)
        best = edited or (readings[0] if readings else None)
        refusal = self._refusal(frame, best, edited is not None, context)
        if refusal is not None or best is None:
            return refusal or self.explainer.fallback(frame, best, context)
        if best.query.act == "list" and not best.query.conditions and frame.find("op", "topic"):
            topics = self.explainer.topics(frame)
            if topics:
                return self.explainer.topic(topics, context)
        logger.debug("answering %s (%.2f): %s", best.name, best.score, best.query)
        return self._run(best, frame, context)

    def _refusal(
        self, frame: Frame, best: Reading | None, edited: bool, context: Context
    ) -> Reply | None:
        """An ask-back or an honest decline instead of an answer, when one is due."""
        named = frame.find("project") or frame.find("call")
        prose = best is not None and best.query.act in ("converse", "explain", "programme")
        if frame.doubtful and not named and not prose:
            return self._clarify(frame, frame.doubtful[:3], context)
        missed = [] if best is None else self.interpreter.unexplained(frame, best)
        if best is None or best.score < thresholds.READING_MIN:
            if frame.find("field") and frame.find("follow", "pronoun") and not context.projects:
                return self.explainer.which_project(frame)
            partial = best is not None and best.score >= thresholds.PARTIAL_MIN
            if best is not None and missed and partial and not frame.unknown:
                return self.explainer.partial(frame, best, missed, context)
            return self.explainer.fallback(frame, best, context)
        if missed:
            return self.explainer.partial(frame, best, missed, context)
        names = self.explainer.unknown_names(frame, best)
        return self.explainer.unknown_project(names, context) if names else None

    def _run(self, reading: Reading, frame: Frame, context: Context) -> Reply:
        query = reading.query
        if query.act in self.handlers:
            reply = self.handlers[query.act](query, frame, context)
        else:
            result, text, more = self._evaluated(query)
            reply = self._reply(text, query, self._confidence(frame, reading), more)
            self._remember(result, context)
        context.last = query
        return reply

    def _evaluated(self, query: Query) -> tuple[Result, str, Suggestion | None]:
        """What ``query`` finds, said, and the next page's button: a function of the query
        alone (the knowledge does not change under an engine), so remembered by it."""
        return self.said.get_or_make(query, lambda: self._evaluate(query))

    def _evaluate(self, query: Query) -> tuple[Result, str, Suggestion | None]:
        result = self.evaluator.evaluate(query)
        elsewhere = None if result.rows else self.evaluator.empty_call(query)
        text = elsewhere or getattr(self.renderer, EVALUATED[query.act])(result)
        for part in query.also:  # every part of a question with several parts
            more = getattr(self.renderer, EVALUATED[part.act])(self.evaluator.evaluate(part))
            text += "\n" + more
        text = self.renderer.within_limit(fmt.sentence_case(text))
        return result, text, self.renderer.next_page(result)  # a long list: its next page

    @staticmethod
    def _confidence(frame: Frame, reading: Reading) -> float:
        """How sure the answer is: the weakest name match, lowered by a partial reading; a
        reading that leaves any word unexplained is never stated as sure (below 0.9)."""
        names = min((m.score for m in frame.names), default=100.0) / 100
        confidence = names * reading.score
        return confidence if reading.score >= 1.0 else min(confidence, thresholds.UNSURE)

    def _reply(
        self, text: str, query: Query, confidence: float, first: Suggestion | None = None
    ) -> Reply:
        hint = SUGGESTIONS.get(query.act)
        source = self.knowledge.programme.source.title
        intent = INTENTS.get(query.act, query.act)
        offered = [s for s in (first, hint) if s]
        return Reply.build(text, intent, confidence, offered, source)

    def _remember(self, result: Result, context: Context) -> None:
        query = result.query
        context.intent = query.act
        if query.act in ("lookup", "check", "compare", "compare_fields"):
            names = [p.acronym for p in result.rows]
            if query.act == "lookup" and len(names) == 1 and context.intent == "lookup":
                names = [*(a for a in context.projects if a not in names), *names][-2:]
            context.listed, context.listed_from = names, None
            context.projects = [p.acronym for p in result.rows]
            context.fields = list(query.fields)
        elif query.act in ("list", "rank", "count", "aggregate"):
            # "top 3": the three shown; "the most": the rows it was chosen from
            top = query.act == "rank" and query.order is not None and (query.order.limit or 1) > 1
            pool = result.rows if top else (result.pool or result.rows)
            # a long list is not copied into every chat's memory: "which of them" then
            # narrows the question that made it (see followup.among)
            context.listed = [p.acronym for p in pool] if len(pool) <= thresholds.LISTED_MAX else []
            context.listed_from = query
            if query.act == "rank" and result.rows:
                context.projects = [result.rows[0].acronym]
        elif query.act == "arithmetic":
            context.projects = [o.project for o in query.operands if o.project]

    # -- descriptions: "the aerospace project" names RUE AERO --------------------------------
    def _described(self, frame: Frame) -> Frame:
        """``frame``, or a copy naming the project its words describe."""
        if frame.find("project") or not frame.topics:
            return frame
        ranked = sorted(frame.topics.items(), key=lambda kv: -kv[1])
        best, weight = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0.0
        if weight < thresholds.TOPIC_MIN or second >= weight * thresholds.TOPIC_SHARE:
            return frame
        at = self._topic_positions(frame, best)
        if not at or not self._names_one(frame, at):
            return frame
        described = frame.copy()
        # weight 1 marks a project named by its subject rather than its name
        described.spans.append(Span(min(at), max(at) + 1, "project", self.by_acronym[best], 1))
        described.spans.sort(key=lambda s: (s.start, -s.end))
        described.unknown, described.unknown_at = [], []
        return described

    def _names_one(self, frame: Frame, at: list[int]) -> bool:
        """Whether the words describe one thing: "the aerospace project", "the one about"."""
        low, high = max(0, min(at) - 6), max(at) + 4
        nouns = self.lexicon.project_nouns
        if any(w in nouns and w[-1] == "s" for w in frame.words):
            return False  # "which projects deal with ...": a search, not one project
        # "regional improvement cluster — how long did it run?": "it" is the one described
        pointed = any(s.start > max(at) for s in frame.find("follow", "pronoun"))
        return (
            pointed
            or any(
                (w in nouns and w[-1] != "s") or w == "1"  # "the one about sports"
                for w in frame.words[low:high]
            )
        )

    def _topic_positions(self, frame: Frame, acronym: str) -> list[int]:
        claimed = {i for s in frame.spans for i in range(s.start, s.end)}
        return [
            i
            for i, w in enumerate(frame.words)
            if i not in claimed and acronym in self.lexicon.topic_index.get(stem(w), ())
        ]

    def _tree(self, query: Query, frame: Frame, context: Context) -> Reply:
        """A question that composes, answered as the grammar said it; two close readings
        with different answers are both given, and the bot says it is unsure which."""
        names = min((m.score for m in frame.names), default=100.0) / 100
        if len(query.options) > 1:
            text = self.renderer.t(
                "g_two_readings", first=query.options[0], second=query.options[1]
            )
            confidence = 0.5 * names
        else:
            text, confidence = query.options[0], names
        context.last, context.listed, context.listed_from = None, [], None
        source = self.knowledge.programme.source.title
        reply = Reply.build(
            self.renderer.within_limit(text), intent(query.tree), confidence, [], source
        )
        return reply

    # -- acts answered by the answer modules ------------------------------------------------
    def _projects(self, query: Query) -> list[object]:
        return [self.by_acronym[a] for a in query.projects if a in self.by_acronym]

    def _card(self, query: Query, frame: Frame, context: Context) -> Reply:
        request = Request("project_card", 1.0, projects=self._projects(query))  # type: ignore[arg-type]
        context.listed = list(query.projects)
        return self.project.project_card(request, context)

    def _topic(self, query: Query, frame: Frame, context: Context) -> Reply:
        return self.explainer.topic(list(query.projects), context)

    def _call_info(self, query: Query, frame: Frame, context: Context) -> Reply:
        calls = [self.knowledge.calls_by_number[n] for n in query.calls]
        request = Request("call_info", 1.0, calls=calls, parts=list(query.parts))
        return self.programme.call_info(request, context)

    def _programme(self, query: Query, frame: Frame, context: Context) -> Reply:
        return self.programme.programme(Request("programme", 0.9, parts=list(query.parts)), context)

    def _converse(self, query: Query, frame: Frame, context: Context) -> Reply:
        return self.programme.conversation(Request(query.parts[0], 1.0), context)

    def _not_on_page(self, query: Query, frame: Frame, context: Context) -> Reply:
        request = Request(
            "not_on_page",
            0.9,
            projects=self._projects(query),  # type: ignore[arg-type]
            words=list(query.words),
        )
        return self.project.not_on_page(request, context)

    def _clarify(self, frame: Frame, matches: list[Match], context: Context) -> Reply:
        words = frame.words
        options = [m.entity.name for m in matches]
        retry = [" ".join([*words[: m.start], m.entity.name, *words[m.end :]]) for m in matches]
        request = Request("clarify", matches[0].score / 100, options=options, retry=retry)
        reply = self.programme.clarify(request, context)
        reply.meta["not_understood"] = [frame.typed(m.start, m.end) for m in matches[:1]]
        return reply

    # -- browsing, for front ends with menus and buttons -----------------------------------
    def welcome(self, context: Context | None = None) -> Reply:
        """A greeting that says what the bot knows, with example questions."""
        return self.programme.conversation(Request("greet", 1.0), context or Context())

    def help(self, context: Context | None = None) -> Reply:
        """What can be asked, with every example question marked for help."""
        return self.programme.conversation(Request("help", 1.0), context or Context())

    def projects_by_call(self, context: Context | None = None, page: int = 0) -> Reply:
        """Projects grouped by call, a page of them; ``Reply.menu`` has one item per project
        and ``Reply.more`` opens the next page."""
        return self.browse.projects_by_call(context or Context(), page)

    def calls(self, context: Context | None = None) -> Reply:
        """The calls for proposals; ``Reply.menu`` has one item per call."""
        return self.browse.calls(context or Context())

    def project_named(self, name: str, context: Context | None = None) -> Reply:
        """A project's card by (a possibly misspelt) name: the card, a "Did you mean", or
        a plain "I don't know that project" — never an answer about something else."""
        context = context if context is not None else Context()
        reply = self.answer(name, context)
        if reply.intent in ("project_card", "lookup", "clarify", "unknown_project"):
            return reply
        return self.explainer.unknown_project(name.split()[:8], context)

    def open(self, ref: str, context: Context | None = None) -> Reply | None:
        """The card behind a ``MenuItem.ref``, or ``None`` if it is gone (knowledge reloaded)."""
        return self.browse.open(ref, context or Context())

    @staticmethod
    def _answers_pending(frame: Frame, pending: dict[str, str]) -> str | None:
        """After "Did you mean …?", a "yes" or a lone name completes the question asked."""
        kinds = {"conversation", "project", "call", "programme"}
        if not pending or frame.unknown or any(s.kind not in kinds for s in frame.spans):
            return None
        names = [s for s in frame.spans if s.kind in kinds - {"conversation"}]
        if not names:
            yes = "confirm" in frame.values("conversation")
            return next(iter(pending.values())) if yes and len(pending) == 1 else None
        if len(names) != 1 or frame.values("conversation"):
            return None
        name = frame.names[0].entity.name if frame.names else ""
        if name in pending:
            return pending[name]
        offered, question = next(iter(pending.items()))
        return question.replace(offered, name, 1) if names[0].kind == "project" else None
