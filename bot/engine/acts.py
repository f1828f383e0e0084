"""Each act of a chosen reading answered: a query evaluated and said (a lookup, a list, a
ranking, ...), remembered by the query; an act the answer modules say (a card, a call, the
programme, the conversation, the page's prose); or a composed question as the grammar said
it. What the answer was about is left in the conversation for follow-ups.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.engine import formatting as fmt
from bot.engine import thresholds
from bot.engine.answers.programme import ProgrammeAnswers
from bot.engine.answers.project import ProjectAnswers
from bot.engine.answers.request import Query as Request
from bot.engine.context import Context
from bot.engine.evaluate import Evaluator, Result
from bot.engine.frame import Frame
from bot.engine.grammar import intent
from bot.engine.grammar.tree import Check, IsBest, Named, Show, Which, estimated
from bot.engine.interpret import Reading
from bot.engine.interpret.decide import meaningful
from bot.engine.memo import Memo
from bot.engine.query import Query
from bot.engine.render import ResultRenderer
from bot.engine.reply import Reply, Suggestion
from bot.engine.understood import Explainer
from bot.knowledge import Knowledge

if TYPE_CHECKING:
    from bot.knowledge.schema import ProjectBase

# the intent a reply reports (stats, logs, front ends) for each act of the engine
# kinds of word an answer that did not read them may misanswer: said before the answer
TELLING = {"number", "amount", "date", "percent", "duration", "month", "ordinal", "project", "call"}
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


def _without_yes_no(text: str, templates: dict[str, str]) -> str:
    """An answer without the "Yes: " or "No: " a yes/no template opens with: a "why" is not
    answered yes or no (the words are the templates' own)."""
    for name, template in templates.items():
        head, colon, _rest = template.partition(": ")
        if name in ("answer_yes", "answer_no"):  # "{answer}: ..." filled in with "Yes"
            head, colon = template, ": "
        if name.endswith(("_yes", "_no")) and colon and "{" not in head and text.startswith(head):
            return fmt.sentence_case(text[len(head) + len(colon) :])
    return text


def said_no(reply: Reply, templates: dict[str, str]) -> Reply | None:
    """``reply`` without the "No: " it opens with, or ``None`` if it does not say no."""
    noes = _noes(templates)
    text = _without_yes_no(reply.text, noes)
    if text == reply.text:
        return None
    return reply.but(text=text, html=_without_yes_no(reply.html, noes))


def _noes(templates: dict[str, str]) -> dict[str, str]:
    """The templates that answer "No" (a "why" that asks about what is not so)."""
    return {name: text for name, text in templates.items() if name.endswith("_no")}


class Acts:
    """Runs a chosen reading: by the act of its query, evaluated and said or handed on."""

    def __init__(
        self,
        knowledge: Knowledge,
        evaluator: Evaluator,
        results: ResultRenderer,
        explainer: Explainer,
        *,
        project: ProjectAnswers,
        programme: ProgrammeAnswers,
    ) -> None:
        self.knowledge = knowledge
        self.evaluator = evaluator
        self.results = results
        self.renderer = results.renderer
        self.pages = results.pages
        self.explainer = explainer
        self.project = project
        self.programme = programme
        self.by_acronym = {p.acronym: p for p in knowledge.projects}
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
            "explain": explainer.explain,
            "passage": explainer.passage_answer,
            "unknowable": explainer.unknowable,
            "no_such_call": explainer.no_such_call,
            "tree": self._tree,
            "member": self._member,
        }

    def run(self, reading: Reading, frame: Frame, context: Context) -> Reply:
        """The reply to ``reading`` of ``frame``; ``context`` keeps what it was about."""
        query = reading.query
        if query.act in self.handlers:
            reply = self.handlers[query.act](query, frame, context)
            # a card for "what was the flurbish of ECRI" is not sure: a word was not read
            sure = self._confidence(frame, reading)
            if sure < reply.confidence:
                reply = reply.but(confidence=round(sure, 3))
        else:
            result, text, more = self._evaluated(query)
            text = self._facts_only(self._hedged(text, frame, reading), frame)
            confidence = self._confidence(frame, reading)
            assumed = query.order is not None and query.order.assumed and not query.order.limit
            if result.alternative is not None or assumed:  # a figure assumed, not said
                confidence = min(confidence, thresholds.UNSURE)
            reply = self._reply(text, query, confidence, more)
            self._remember(result, context)
        if query.act != "converse":  # "thanks!", then "and CLUSGRID?": of the last question
            context.before, context.last = context.last, query
        return reply

    def _evaluated(self, query: Query) -> tuple[Result, str, Suggestion | None]:
        """What ``query`` finds, said, and the next page's button: a function of the query
        alone (the knowledge does not change under an engine), so remembered by it."""
        return self.said.get_or_make(query, lambda: self._evaluate(query))

    def _evaluate(self, query: Query) -> tuple[Result, str, Suggestion | None]:
        result = self.evaluator.evaluate(query)
        elsewhere = None if result.rows else self.evaluator.empty_call(query)
        text = elsewhere or self.results.say(result)
        for also in query.also:  # every part of a question with several parts
            # "the average of those": of those too
            part = also.but(scope=query.scope, exclude=query.exclude) if query.scope else also
            more = self.results.say(self.evaluator.evaluate(part))
            said = re.split(r"(?<=\.) ", more)  # a note already given is not given again
            text += "\n" + " ".join(s for s in said if s not in text)
        text = self.pages.within_limit(fmt.sentence_case(text))
        return result, text, self.pages.next_page(result)  # a long list: its next page

    def _facts_only(self, text: str, frame: Frame, composed: bool = False) -> str:
        """ "wasn't ECRI in call 1?", "why did ECRI get less than CLUSGRID?": the facts, with
        no bare "Yes" or "No" (read two ways after a negation; no answer to a "why")."""
        templates = self.explainer.r.templates
        if frame.find("yesno", "negative"):
            text = _without_yes_no(text, templates)
        if frame.find("why"):
            plain = _without_yes_no(text, templates)
            # "why did ECRI get the most?": it did not, and that is the answer (as the
            # grammar read the whole question; a reader's "No" may be to another question)
            said_no = composed and _without_yes_no(text, _noes(templates)) != text
            text = self.explainer.r.t("why_not_so" if said_no else "why_not_given", answer=plain)
        return text

    def _hedged(self, text: str, frame: Frame, reading: Reading) -> str:
        """An answer whose reading did not read a telling word of the question says which,
        first: it may answer another question than the one asked."""
        if reading.score >= 1.0:
            return text
        telling = set(frame.unknown_at) | {
            i
            for s in frame.spans
            if (s.kind in TELLING and s.value != 1) or (s.kind == "field" and s.weight >= 2)
            for i in range(s.start, s.end)
        }
        telling -= reading.used
        unread = [i for i, w in sorted(meaningful(frame).items()) if w > 0 and i in telling]
        if not unread:
            return text
        words = " … ".join(dict.fromkeys(frame.typed(i, i + 1) for i in unread))
        return self.explainer.r.t("hedged", words=words, answer=text)

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

    def _picked(self, query: Query, rows: list[ProjectBase]) -> list[str]:
        """ "which one is bigger?" of two: the one it picked ("its EU grant?" next: of it);
        "was it more than INNO-DROP got?": the one asked about ("but more than CLUSGRID?")."""
        if query.checked is not None:
            return [query.checked]
        if (
            query.act != "compare"
            or query.order is None
            or len(rows) != 2
            or len(query.fields) != 1
        ):
            return []
        values = [self.evaluator.value(p, query.fields[0]) for p in rows]
        if values[0] == values[1] or not all(isinstance(v, int | float | dt.date) for v in values):
            return []
        larger = rows[0] if values[0] > values[1] else rows[1]
        smaller = rows[1] if larger is rows[0] else rows[0]
        return [(larger if query.order.descending else smaller).acronym]

    def _remember(self, result: Result, context: Context) -> None:
        query = result.query
        previous, context.intent = context.intent, query.act
        if query.act in ("lookup", "check", "compare", "compare_fields"):
            names = [p.acronym for p in result.rows]
            if query.act == "lookup" and len(names) == 1:  # the last two asked about
                # (the same figure asked of one project after another: all of them, for
                # "the average of those?")
                chained = _asked_in_turn(context, query)
                names = _in_turn(context, names) if chained else _last_two(context, names)
            # (one row of a list asked about: the list and what made it stay, for "the
            # next one", "the middle two")
            made = context.listed_from if names == context.listed else None
            context.listed, context.listed_from = names, made
            context.projects = self._picked(query, result.rows) or [p.acronym for p in result.rows]
            context.fields = list(query.fields)
        elif query.act in ("list", "rank", "count", "aggregate"):
            # "top 3": the three shown; "the most": the rows it was chosen from
            limit = query.order.limit if query.order is not None else 1
            top = query.act == "rank" and (limit is None or limit > 1)  # (None: all of them)
            pool = result.rows if top else (result.pool or result.rows)
            # a long list is not copied into every chat's memory: "which of them" then
            # narrows the question that made it (see followup.among)
            context.listed = [p.acronym for p in pool] if len(pool) <= thresholds.LISTED_MAX else []
            context.listed_from = query
            if len(context.listed) > 2 and query.act in ("list", "rank"):
                context.shown = list(context.listed)
            if query.act == "rank" and result.rows:
                winners = _winners(previous, context.projects, result.rows[0].acronym, top)
                if winners:  # "largest in call 1?", "and in call 2?", "which of them ...?"
                    context.listed, context.listed_from = winners, None
                context.projects = _tied_top(result, self.evaluator)  # "when did they end?"
        elif query.act == "arithmetic":
            context.projects = [o.project for o in query.operands if o.project]

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
            text = self._facts_only(query.options[0], frame, composed=True)
            confidence = min(names, query.confidence)
            if context.intent is not None and any(s.kind == "follow" for s in frame.spans):
                # "so the EU put in more than the whole budget?" after a call's totals: read
                # whole, it may not be what the earlier answer pointed the words at
                confidence = min(confidence, thresholds.UNSURE)
            if estimated(query.tree):  # an estimate from an assumption is never sure
                confidence = min(confidence, thresholds.UNSURE)
        listed = list(query.projects) if len(query.projects) <= thresholds.LISTED_MAX else []
        if len(listed) == 1:  # "same for ECRI" after INNO-DROP: "which of the two ...?"
            listed = _last_two(context, listed)
        context.last, context.listed, context.listed_from = None, listed, None  # "of those"
        if len(listed) > 2 and isinstance(query.tree, Show):
            context.shown = list(listed)
        context.composed = frame.text  # "by how much?" next: asked of this question
        if len(query.projects) == 1 or isinstance(query.tree, Which | Check):
            # "which got the most?", "who got more, A or B?", then "when did it start?"
            context.projects = list(query.projects[:1])
        elif isinstance(query.tree, IsBest) and isinstance(query.tree.among, Named):
            context.projects = list(query.tree.among.acronyms[:1])  # "did it also ...?" next
        source = self.knowledge.programme.source.title
        reply = Reply.build(
            self.pages.within_limit(text), intent(query.tree), confidence, [], source
        )
        return reply

    def _member(self, query: Query, frame: Frame, context: Context) -> Reply:
        """ "is ECRI among them?": whether the project is one of the rows just shown."""
        acronym, rows = query.projects[0], list(query.scope or ())
        key = "member_yes" if acronym in rows else "member_no"
        text = self.renderer.t(key, acronym=acronym, count=len(rows), names=fmt.join(rows))
        context.projects, context.last = [acronym], query  # "and CLUSGRID?": among them too?
        source = self.knowledge.programme.source.title
        return Reply.build(text, "project_list", thresholds.UNSURE, [], source)

    def _projects(self, query: Query) -> list[object]:
        return [self.by_acronym[a] for a in query.projects if a in self.by_acronym]

    def _card(self, query: Query, frame: Frame, context: Context) -> Reply:
        request = Request("project_card", 1.0, projects=self._projects(query))  # type: ignore[arg-type]
        names = list(query.projects)  # the last two asked about: "RUE AERO", "CLUSTEM?", "bigger?"
        context.listed = _last_two(context, names)
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
            parts=list(query.fields),  # what was asked beside it, that the page does give
        )
        return self.project.not_on_page(request, context)


def _tied_top(result: Result, evaluator: Evaluator) -> list[str]:
    """The project a ranking picked, with every one that ties with it ("which first-call
    projects started earliest?": all six)."""
    order, first = result.query.order, result.rows[0]
    if order is None or (order.limit or 1) > 1:
        return [first.acronym]
    value = evaluator.value(first, order.field)
    pool = result.pool or result.rows
    return [p.acronym for p in pool if evaluator.value(p, order.field) == value] or [first.acronym]


def _winners(previous: str | None, before: list[str], winner: str, top: bool) -> list[str]:
    """Two one-project answers in a row ("the largest budget in call 1?", "and in call 2?"):
    "which of them" then means those two; otherwise nothing."""
    if top or previous != "rank" or len(before) != 1 or before[0] == winner:
        return []
    return [before[0], winner]


def _asked_in_turn(context: Context, query: Query) -> bool:
    """Whether the last two answers asked ``query``'s figure of the last two projects
    remembered, one after the other ("RUE AERO's budget", "CLUSTEM's?", then "TCE?")."""
    asked = [q for q in (context.before, context.last) if isinstance(q, Query)]
    one_by_one = [q.projects[0] for q in asked if q.act == "lookup" and len(q.projects) == 1]
    same = all(q.fields == query.fields for q in asked)
    return len(one_by_one) == 2 and same and one_by_one == context.listed[-2:]


def _in_turn(context: Context, names: list[str]) -> list[str]:
    """The projects asked about one after another, with the same figure ("RUE AERO's
    budget", "CLUSTEM's?", "TCE?"), the latest last (a few)."""
    return [*(a for a in context.listed if a not in names), *names][-thresholds.IN_TURN_MAX :]


def _last_two(context: Context, names: list[str]) -> list[str]:
    """The last two projects asked about, one after the other ("ECRI's budget", "and TCE's?",
    "which of the two ...?", "bigger?"); a pair just shown stays as it was shown, when one of
    it is asked about ("the biggest and smallest?", "the first one's budget?")."""
    if len(context.listed) >= 2 and len(names) == 1 and names[0] in context.listed:
        return list(context.listed)  # (one of a list asked about: the list stays, for "of them")
    return [*(a for a in context.projects if a not in names), *names][-2:]
