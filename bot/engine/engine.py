"""The engine: ``answer(text, context) -> Reply``, the one way into the bot's knowledge.

A question goes down the pipeline once, each step its own module; this one only wires them
and walks a question through them:

    understand (``understanding``: parse, a project named by its subject, every reader's
    reading and the grammar's, remembered by wording) -> choose (``choose``: a follow-up's
    edit or the best reading, else an ask-back or an honest decline) -> run (``acts``:
    evaluate and render, or the answer modules, or the grammar's answer).
"""

from __future__ import annotations

import copy
from typing import Any

from bot.engine import thresholds
from bot.engine.acts import Acts, said_no
from bot.engine.answers.browse import BrowseAnswers
from bot.engine.answers.programme import ProgrammeAnswers
from bot.engine.answers.project import ProjectAnswers
from bot.engine.answers.request import Query as Request
from bot.engine.askback import AskBack
from bot.engine.choose import Chooser
from bot.engine.clauses import Clauses
from bot.engine.context import Context
from bot.engine.continued import added, by_degree, named_pointers, pointed, swapped
from bot.engine.corrections import Corrections
from bot.engine.described import DescribedProjects
from bot.engine.evaluate import Evaluator
from bot.engine.followup import FollowUps
from bot.engine.followup.figure import FigureFollowUp
from bot.engine.frame import Frame
from bot.engine.grammar import Grammar
from bot.engine.interpret import Interpreter
from bot.engine.language import LanguageGuess
from bot.engine.lexicon import Lexicon
from bot.engine.memo import Memo
from bot.engine.pagetext import PageText
from bot.engine.parse import Parser
from bot.engine.premises import Premises
from bot.engine.referents import TYING, Referents
from bot.engine.render import Pages, Renderer, ResultRenderer
from bot.engine.reply import Reply
from bot.engine.understanding import Understander, Understanding
from bot.engine.understood import Explainer
from bot.knowledge import Knowledge

# what stands after "and did" when it asks a question of its own: "it", "ECRI", "any"
SUBJECT_AFTER_VERB = frozenset({"project", "follow", "yesno", "call"})
TRUNCATED_NOTE = "(Your message was long, so I read only its beginning.)"


class Engine:
    """Answers questions from one validated ``Knowledge``; holds no per-chat state."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self.lexicon = Lexicon(knowledge)
        self.parser = Parser(self.lexicon)
        self.language = LanguageGuess(knowledge)
        words = knowledge.language
        self.clauses = Clauses(words.conjunctions, [*words.question_words, *words.yesno])
        self.premises = Premises(words.premises, [*words.question_words, *words.yesno])
        joining = next(iter(words.followups.continue_), "")
        self.corrections = Corrections(words.corrections, joining, self.understand)
        self.page = PageText(knowledge, self.lexicon.stopwords)
        self.interpreter = Interpreter(knowledge, self.page)
        evaluator = self.evaluator = Evaluator(knowledge)
        self.renderer = Renderer(knowledge, self.evaluator)
        self.pages = Pages(self.renderer)
        grammar = self.grammar = Grammar(knowledge, self.lexicon, self.evaluator, self.renderer)
        self.followups = FollowUps(knowledge, self.interpreter, evaluator.value, grammar.answer)
        self.explainer = Explainer(knowledge, self.renderer, self.page)
        self.project = ProjectAnswers(knowledge)
        self.programme = ProgrammeAnswers(knowledge)
        self.browse = BrowseAnswers(knowledge, self.project, self.programme)
        self.askback = AskBack(self.programme)
        described = DescribedProjects(knowledge, self.lexicon)
        self.understander = Understander(
            self.parser, self.language, described, self.interpreter, self.grammar
        )
        self.chooser = Chooser(self.followups, self.interpreter, self.explainer, self.askback)
        results = ResultRenderer(self.renderer, self.pages)
        self.acts = Acts(
            knowledge,
            self.evaluator,
            results,
            self.explainer,
            project=self.project,
            programme=self.programme,
        )
        self.that = FigureFollowUp(self.grammar, self.acts, Referents(knowledge))

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
        memos: list[Memo[Any, Any]] = [self.understander.memo, self.parser.spelling]
        memos += [matcher.found, matcher.seen, self.evaluator.memo, self.explainer.nearest_names]
        memos += [self.acts.said, self.grammar.executor.memo, self.grammar.charts]
        for memo in memos:
            memo.items.clear()

    def answer(self, text: str, context: Context | None = None) -> Reply:
        """Answer one question; ``context`` carries the conversation and is updated."""
        context = context if context is not None else Context()
        if not text or not text.strip():
            return self.programme.empty_question(Request("empty", 1.0), context)
        # "lol this website is a maze. anyway, which project ended last?"; "no, I meant the
        # total budget" (a correction: a follow-up of the last question)
        asked = self.corrections.asked(text)
        fixed = self.corrections.reworded(asked) if context.last is not None else None
        fixed = fixed or named_pointers(self.understand(asked).parsed, self.followups.r, context)
        if (fixed or asked) != text:  # (what a correction or a pointer meant: a guess)
            reply = self.answer(fixed or asked, context)
            return (
                reply.but(confidence=min(reply.confidence, thresholds.UNSURE)) if fixed else reply
            )
        understood = self.understand(text)
        frame = understood.parsed
        if not frame.words:
            return self.programme.empty_question(Request("empty", 1.0), context)
        pending, context.pending = context.pending, {}
        retry = self.askback.pending(frame, pending)
        if retry is not None:
            return self.answer(retry, context)
        premised = self._premised(text, context)
        if premised is not None:  # "since X was the longest, ...": it was not
            return premised
        clauses, pointing = self._clauses(text)
        before = copy.deepcopy(context) if len(clauses) > 1 else None
        reply = self._after_composed(understood, context)
        if before is not None and (reply.confidence < thresholds.CONFIDENT or pointing):
            reply = self._in_clauses(clauses, reply, before, context, pointing)
        if frame.truncated or len(reply.text) > thresholds.MAX_ANSWER:
            note = f"{TRUNCATED_NOTE}\n" if frame.truncated else ""
            reply = Reply.build(
                self.pages.within_limit(note + reply.text),  # always one message
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

    def _clauses(self, text: str) -> tuple[list[str], bool]:
        """The clauses of ``text``, and whether a later one points back at the first. A split
        at a dash or comma after a description ("the project that ended last, how much did
        it get?") holds only when the later part points back ("in the first call, which
        project came third" is one question)."""
        plain = self.clauses.split(text, described=False, continues=self._continues)
        if len(plain) > 1 and any(self._points_back(self.understand(c).frame) for c in plain[1:]):
            return plain, True  # "of those ending in 2017, which got most, and when did it start?"
        clauses = self.clauses.split(text, continues=self._continues)
        if len(clauses) < 2:
            return clauses, False
        pointing = any(self._points_back(self.understand(c).frame) for c in clauses[1:])
        return (clauses if pointing or len(plain) == len(clauses) else plain), pointing

    def _continues(self, part: str) -> bool:
        """ "... that ended in 2017 and had the biggest budget": a joining word and a verb
        with no subject of its own after it continue a description; "and did it start
        in 2016?" (a pronoun, a name after the verb) asks a question of its own."""
        frame = self.understand(part).frame
        if len(frame.words) < 3 or not frame.find("conj"):
            return False
        at = {s.start: s.kind for s in frame.spans}
        if at.get(0) not in ("conj", "follow") or at.get(1) != "yesno":
            return False
        return not any(s.start == 2 and s.kind in SUBJECT_AFTER_VERB for s in frame.spans)

    def _points_back(self, frame: Frame) -> bool:
        """ "how much did it get": a pronoun that points back ("it", not "the project with
        ..." or "that does not fit"), and no subject of its own ("which projects ...")."""
        own = frame.find("noun") or frame.find("project") or frame.find("call")
        own = own or frame.find("call_field", "projects")
        back = self.knowledge.language.points_back
        pronouns = [*frame.find("follow", "pronoun"), *frame.find("follow", "plural")]
        said = {frame.typed(s.start, s.end).lower() for s in pronouns}
        return bool(said & set(back)) and not own

    def _in_clauses(
        self, clauses: list[str], whole: Reply, trial: Context, context: Context, meant: bool
    ) -> Reply:
        """A question in several clauses, each asked after the one before it ("and who was
        last?" continues the first), when every clause is understood and the whole was not.
        ``trial`` is a copy of the context as it was before: kept only if the clauses win.
        ``meant``: the parts are surely questions of their own (split at a question mark or
        "and which", or the later ones point back at the first), so they win over an unsure
        whole when each is answered at least as a follow-up is."""
        replies = [self.answer(clause, trial) for clause in clauses]
        confidence = min(r.confidence for r in replies)
        followed = meant and confidence >= thresholds.FOLLOWED
        # "is X really from the 2nd call? it started so late": the first part answered, the
        # rest said to be unread, beats the whole not understood
        followed |= whole.confidence < thresholds.READING_MIN <= replies[0].confidence
        if confidence < max(whole.confidence, thresholds.UNSURE) and not followed:
            return whole
        context.__dict__.update(trial.__dict__)
        # "drop X and give me the mean of the rest": two clauses, one answer, said once
        topic = _only_a_topic(self.understand(clauses[0]).frame, replies[0])
        replies = _worth_saying(replies, meant and topic)
        return Reply(
            "\n\n".join(r.text for r in replies),
            "\n\n".join(r.html for r in replies),
            replies[0].intent,
            confidence,
            suggestions=replies[-1].suggestions,
            source=replies[0].source,
        )

    def understand(self, text: str) -> Understanding:
        """``text`` parsed and interpreted, remembered by its wording: none of it depends on
        the conversation (follow-ups are edited in afterwards, by ``FollowUps``)."""
        return self.understander.understand(text)

    def _premised(self, text: str, context: Context) -> Reply | None:
        """A question on a premise ("Since 5FOREXCELLENCE was the longest project, how long
        did it run?"): the premise checked first, corrected when the page says otherwise,
        then the question answered (its "it" is the premise's subject). ``None``: no
        premise, or one that cannot be checked, and the message is answered as asked."""
        split = self.premises.split(text)
        if split is None:
            return None
        statement, question = split
        trial = copy.deepcopy(context)
        asked = self.premises.as_question(statement)
        checked = self.answer(asked, trial)
        if checked.confidence < thresholds.CONFIDENT:
            return None
        named = {m.entity.name for m in self.understand(asked).frame.names}
        if len(named) == 1 and not trial.projects:  # "..., so how much did it get?"
            trial.projects = list(named)
        context.__dict__.update(trial.__dict__)
        answered = self.answer(question, context)
        facts = said_no(checked, self.renderer.templates)
        if facts is None:  # it holds: the question, as asked of it
            return answered
        note = self.renderer.t("premise_not_so", facts=facts.text)
        html = self.renderer.t("premise_not_so", facts=facts.html)
        return Reply(
            f"{note}\n\n{answered.text}",
            f"{html}\n\n{answered.html}",
            answered.intent,
            min(checked.confidence, answered.confidence),
            suggestions=answered.suggestions,
            source=answered.source,
        )

    def _after_composed(self, understood: Understanding, context: Context) -> Reply:
        """The answer, or, after a composed answer, the fragment read with the question
        before it: "and their EU contributions?" in place of its figure first, "by how
        much?" added to it when not understood alone."""
        composed, context.composed = context.composed, None
        asked, context.asked = context.asked, None
        short = len(understood.parsed.words) <= thresholds.FRAGMENT_WORDS
        kept, reply = context.snapshot(), self.that.renamed(understood.frame, context)
        earlier = composed or (asked if short else None)  # (read again only when needed)
        if composed and reply is None:  # "and their EU contributions?": in place of its figure
            calls, before = self.knowledge.fields_of_kind("call"), self.understand(composed).frame
            swap = swapped(before, understood.parsed, self.grammar.stopwords, calls)
            reply = self._continued(swap, kept.snapshot(), context) if swap else None
        if reply is None and earlier and by_degree(understood.parsed):  # "by more than 1k?"
            degree = added(self.understand(earlier).frame, understood.parsed)
            reply = self._continued(degree, kept.snapshot(), context)
        reply = reply or self.that.answer(understood.frame, context, composed)
        named = pointed(understood.parsed, context, self.knowledge)  # "where does it rank ...?"
        reply = reply or (self._continued(named, kept.snapshot(), context) if named else None)
        reply = reply or self._answer(understood, context)
        adds = any(s.kind not in TYING for s in understood.parsed.spans)  # not "ok" alone
        if reply.confidence < thresholds.READING_MIN and earlier and adds:
            # "by how much?" after a composed answer, "per year?" after "X budget": as one
            before = self.understand(earlier).frame
            reply = self._continued(added(before, understood.parsed), kept, context) or reply
        if reply.confidence >= thresholds.READING_MIN and context.asked is None:
            context.asked = understood.frame.text  # (a fragment read with the one before: both)
        return reply

    def _continued(self, text: str, trial: Context, context: Context) -> Reply | None:
        """A fragment after a composed answer, reworded with the question before it
        (``continued``): answered when the grammar composes that whole (``trial`` is the
        context as it was; kept only then). Never sure: the words were a fragment."""
        understood = self.understand(text)
        if len(understood.frame.words) > thresholds.CONTINUED_WORDS:
            return None
        if self.grammar.choose(understood.frame, composite_only=False) is None:
            return None
        reply = self._answer(understood, trial)
        if reply.confidence < thresholds.READING_MIN:
            return None
        trial.asked = text
        context.__dict__.update(trial.__dict__)
        return reply.but(confidence=min(reply.confidence, thresholds.UNSURE))

    def _answer(self, understood: Understanding, context: Context) -> Reply:
        chosen = self.chooser.choose(understood, context)
        if isinstance(chosen, Reply):
            return chosen
        reply = self.acts.run(chosen, understood.frame, context)
        guessed = understood.uncharted and chosen.name != "follow-up"  # a composition guessed at
        if guessed and reply.confidence > thresholds.UNSURE:
            reply = reply.but(confidence=thresholds.UNSURE)
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


# what a clause may be made of that only names what the next one asks about ("CECIL, TCE and
# ECRI — which calls were they in?", "the last one you listed: its total cost?")
TOPIC_KINDS = {"project", "follow", "conj", "filler", "ordinal"}


def _only_a_topic(frame: Frame, reply: Reply) -> bool:
    """Whether a first clause only named what the next ones ask about: "CECIL, TCE and
    ECRI — ...", or a project's card when the clause only pointed at it ("the one with more —
    what's its budget?"; "since COSMENERG was about sports, ...": a named one's card corrects)."""
    pointed = reply.intent == "project_card" and not frame.find("project")
    return _topic_only(frame) or pointed


def _topic_only(frame: Frame) -> bool:
    named = [s for s in frame.spans if s.kind in ("project", "follow")]
    placed = {
        i
        for s in frame.spans
        if (s.kind, s.value) == ("limit", "bottom")
        for i in range(s.start, s.end)
    }
    topic = all(s.kind in TOPIC_KINDS or set(range(s.start, s.end)) <= placed for s in frame.spans)
    return bool(named) and topic and not frame.unknown


def _worth_saying(replies: list[Reply], topic: bool) -> list[Reply]:
    """The answers of a question's clauses worth saying: each once, none said inside another,
    and not that of a first clause that only named what the others ask about (``topic``)."""
    if topic and len(replies) > 1:
        replies = replies[1:]
    replies = list({r.text: r for r in replies}.values())
    return [r for r in replies if not any(r.text in o.text != r.text for o in replies)]
