"""The choice: which reading a question is answered with (the follow-up edit of the last
question, or its own best reading), or why it is not answered: an ask-back, a partial
reading said as such, an unknown project, or an honest decline."""

from __future__ import annotations

import logging

from bot.engine import thresholds
from bot.engine.askback import AskBack
from bot.engine.context import Context
from bot.engine.followup import FollowUps
from bot.engine.frame import Frame
from bot.engine.grammar.tree import PerCall
from bot.engine.interpret import Interpreter, Reading
from bot.engine.query import Query
from bot.engine.referents import TABLE_ACTS
from bot.engine.reply import Reply
from bot.engine.understanding import Understanding
from bot.engine.understood import Explainer
from bot.normalise import tokens

logger = logging.getLogger(__name__)


class Chooser:
    """Decides between answering a reading, asking back and declining."""

    def __init__(
        self,
        followups: FollowUps,
        interpreter: Interpreter,
        explainer: Explainer,
        askback: AskBack,
    ) -> None:
        self.followups = followups
        self.interpreter = interpreter
        self.explainer = explainer
        self.askback = askback
        self.stopwords = frozenset(explainer.k.language.stopwords)  # words meaning nothing alone

    def choose(self, understood: Understanding, context: Context) -> Reading | Reply:
        """The reading to answer ``understood`` with in ``context``, or the reply that
        answers it instead (an ask-back, a decline, the projects on a topic)."""
        frame, facts, readings = understood.frame, understood.facts, understood.readings
        if facts is None:  # rival names (a question without words is answered before)
            return self.askback.clarify(frame, frame.ambiguous[0], context)
        edited = self.followups.edit(frame, readings, context, facts)
        best = edited or (readings[0] if readings else None)
        if best is None or best.score < thresholds.READING_MIN:
            best = self._every_figure(frame) or best  # "all EU contributions please"
        refusal = self._refusal(frame, best, edited is not None, context)
        if refusal is not None or best is None:
            return refusal or self.explainer.fallback(frame, best, context)
        if best.query.act == "list" and not best.query.conditions and frame.find("op", "topic"):
            topics = self.explainer.topics(frame)
            if topics:
                return self.explainer.topic(topics, context)
        logger.debug("answering %s (%.2f): %s", best.name, best.score, best.query)
        pointed = edited is None and (_points_past(frame, best) or _subject_pointed(frame))
        if _share_of_what(frame, best, self.explainer.k.call_field) or pointed:
            return Reading(best.query, best.used, min(best.score, thresholds.UNSURE), best.name)
        return best

    def _every_figure(self, frame: Frame) -> Reading | None:
        """ "all EU contributions please", "budgets?": a figure said in the plural, of no
        project, and nothing else but "all": every project's figure."""
        fields = frame.find("field")
        kinds = {s.kind for s in frame.spans} - {"gram"}
        alls = all(s.value == "all" for s in frame.find("gram"))
        if len(fields) != 1 or not kinds <= ASKING or not alls:
            return None
        field = self.explainer.k.fields[str(fields[0].value)]
        said = " ".join(frame.words[fields[0].start : fields[0].end])
        covered = {i for s in frame.spans for i in range(s.start, s.end)}
        bare = all(i in covered or w in self.stopwords for i, w in enumerate(frame.words))
        if said not in {" ".join(tokens(p)) for p in field.each} or not bare:
            return None
        query = Query("list", fields=(str(fields[0].value),))
        return Reading(query, set(range(len(frame.words))), thresholds.UNSURE, "every-figure")

    def _refusal(
        self, frame: Frame, best: Reading | None, edited: bool, context: Context
    ) -> Reply | None:
        """An ask-back or an honest decline instead of an answer, when one is due."""
        named = frame.find("project") or frame.find("call")
        prose = best is not None and best.query.act in ("converse", "explain", "programme")
        if frame.doubtful and not named and not prose:
            return self.askback.clarify(frame, frame.doubtful[:3], context)
        missed = [] if best is None else self.interpreter.unexplained(frame, best)
        if best is None or best.score < thresholds.READING_MIN:
            pointing = frame.find("follow", "pronoun") and not context.projects
            alone = _field_alone(frame, self.stopwords)
            if frame.find("field") and (pointing or alone):
                return self.explainer.which_project(frame, every=not pointing)
            partial = best is not None and best.score >= thresholds.PARTIAL_MIN
            if best is not None and missed and partial and not frame.unknown:
                return self.explainer.partial(frame, best, missed, context)
            return self.explainer.fallback(frame, best, context)
        beside = self.explainer.unknown_names(frame, best, beside=True)  # "the project Foobar"
        if missed and not beside:
            return self.explainer.partial(frame, best, missed, context)
        names = beside or self.explainer.unknown_names(frame, best)
        return self.explainer.unknown_project(names, context) if names else None


def _share_of_what(frame: Frame, best: Reading, call_field: str | None = None) -> bool:
    """ "what share is call 1's?": a figure named only by a word that also means a part of a
    whole, said of several projects: their co-financing share, or their part of all the
    money (never sure which)."""
    parts = {(s.start, s.end) for s in frame.spans if (s.kind, s.value) == ("gram", "share")}
    # (a call said as a word for the call field, "of the call total", names no figure)
    fields = [s for s in frame.spans if s.kind == "field" and s.value != call_field]
    if best.query.act == "tree" and isinstance(best.query.tree, PerCall):
        # "share of EU funding per call": each call's co-financing, or its part of the EU money
        tree = best.query.tree
        shares = [s for s in fields if (s.start, s.end) in parts]
        return any(tree.fn == "part" or s.value == tree.field for s in shares)
    if best.query.act != "aggregate" or best.query.projects:
        return False
    return bool(fields) and all((s.start, s.end) in parts for s in fields)


def _points_past(frame: Frame, best: Reading) -> bool:
    """ "where does it rank in call 2 by EU money?" answered with the whole ranking: the
    reading names no project, so "it" pointed at nothing it used (never sure)."""
    if best.query.act not in TABLE_ACTS or best.query.projects:
        return False
    after_rows = {s.end for s in frame.spans if s.kind in ("noun", "call_field")}
    return any(
        (s.kind, s.value) == ("follow", "pronoun")
        and s.end - s.start == 1
        and s.start not in after_rows  # "projects that ended in 2017": no pointer
        for s in frame.spans
    )


def _subject_pointed(frame: Frame) -> bool:
    """ "is that more than SmartSports4GoodLife's budget on its own?" read afresh: its subject
    is a word that points back ("is that", "was it"), which a fresh reading does not read
    (never sure)."""
    opens = {s.end for s in frame.spans if s.kind == "yesno" and s.start == 0}
    return any(
        (s.kind, s.value) == ("follow", "pronoun") and s.end - s.start == 1 and s.start in opens
        for s in frame.spans
    )


# what a question of a field alone may say besides it: "what is the total budget?"
ASKING = {"field", "yesno", "filler", "currency", "programme"}


def _field_alone(frame: Frame, stopwords: frozenset[str]) -> bool:
    """A field asked of no project, call or set ("what was the budget?", "EU contribution?"),
    every other word one that means nothing by itself."""
    kinds = {s.kind for s in frame.spans}
    ops = {s.value for s in frame.find("op")}
    covered = {i for s in frame.spans for i in range(s.start, s.end)}
    bare = all(i in covered or w in stopwords for i, w in enumerate(frame.words))
    return bare and kinds <= ASKING | {"op"} and ops <= {"card", "quantity"}
