"""What a question's words alone decide, made once per wording: parsed, with a project
named by its subject, read by every reader and by the grammar, best reading first, and
the language it is written in."""

from __future__ import annotations

from typing import NamedTuple

from bot.engine import thresholds
from bot.engine.described import DescribedProjects
from bot.engine.frame import Frame
from bot.engine.grammar import Grammar
from bot.engine.grammar.tree import bare, composite
from bot.engine.interpret import Facts, Interpreter, Reading
from bot.engine.language import LanguageGuess
from bot.engine.memo import Memo
from bot.engine.parse import Parser
from bot.engine.query import Query
from bot.normalise import tokens


class Understanding(NamedTuple):
    """What a question's words alone decide: the same in every conversation, so made once
    per wording, shared by every chat and never changed."""

    parsed: Frame  # as read: what an ask-back and a pending "Did you mean" look at
    frame: Frame  # with a project named by its subject (the same frame when none is)
    facts: Facts | None  # None when the question is not interpreted (no words, rival names)
    readings: tuple[Reading, ...]  # best first
    language: str  # the language the question is written in
    # a question of a composed shape that the grammar derived none of: the readers' answer
    # to it is a guess at its structure, never sure
    uncharted: bool = False


class Understander:
    """Parses and reads a wording, and remembers what it made of it (bounded)."""

    def __init__(
        self,
        parser: Parser,
        language: LanguageGuess,
        described: DescribedProjects,
        interpreter: Interpreter,
        grammar: Grammar,
    ) -> None:
        self.parser = parser
        self.language = language
        self.described = described
        self.interpreter = interpreter
        self.grammar = grammar
        # what a wording's words alone decide, by the wording (see ``understand``)
        self.memo: Memo[str, Understanding] = Memo(thresholds.WORDINGS_CACHE)

    def understand(self, text: str) -> Understanding:
        """``text`` parsed and interpreted, remembered by its wording: none of it depends on
        the conversation (follow-ups are edited in afterwards, by ``FollowUps``)."""
        if len(text) > thresholds.MAX_CHARS:  # not remembered: memory stays bounded
            return self._understand(text)
        return self.memo.get_or_make(text, lambda: self._understand(text))

    def _understand(self, text: str) -> Understanding:
        parsed = self.parser.parse(text)
        language = self.language.of(tokens(parsed.text))
        if not parsed.words or parsed.ambiguous:
            return Understanding(parsed, parsed, None, (), language)
        frame = self.described.named(parsed)
        facts = self.interpreter.facts(frame)
        readings = self.interpreter.read(frame, facts)
        composed = self._composed(frame, readings)
        if composed is not None:
            readings.insert(0, composed)
        readings = [self._each_ranked(frame, r) for r in readings]
        uncharted = composed is None and self.grammar.beyond(frame)
        return Understanding(parsed, frame, facts, tuple(readings), language, uncharted)

    def _each_ranked(self, frame: Frame, reading: Reading) -> Reading:
        """ "which projects had the lowest budgets?": a superlative of a figure said of each
        of several projects, with no number, asks for more than the one at the top: the
        rows ranked from that end (every row, with its figure)."""
        order = reading.query.order
        if reading.query.act != "rank" or order is None or order.limit != 1 or order.offset:
            return reading
        if frame.find("number") or frame.find("ordinal") or order.closest is not None:
            return reading
        if not self.interpreter.fields.said_each(frame, order.field):
            return reading
        query = reading.query.but(order=order._replace(limit=None, stated=True))
        return Reading(query, reading.used, reading.score, reading.name)

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
        sure = thresholds.UNSURE if choice.close else 1.0  # another answer scored near
        query = Query(
            "tree",
            tree=choice.root,
            options=options,
            projects=choice.rows,
            calls=() if choice.call is None else (choice.call,),
            confidence=sure,
        )
        return Reading(query, set(range(len(frame.words))), 1.0, "grammar")
