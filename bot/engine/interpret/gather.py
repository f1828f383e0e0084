"""The ``Facts`` of a question, gathered once for every reader: its spans by kind, the
fields it names, whether it is a yes/no question, the projects it leaves out and the
conditions it states."""

from __future__ import annotations

from bot.engine.frame import Frame, Span
from bot.engine.interpret.conditions import Conditions
from bot.engine.interpret.fields import Fields
from bot.engine.interpret.question import Facts, positions_of
from bot.engine.interpret.relative import RelativeConditions
from bot.knowledge import Knowledge


class FactGatherer:
    """Builds the ``Facts`` of a frame, with the conditions it states."""

    def __init__(self, knowledge: Knowledge, fields: Fields) -> None:
        self.k = knowledge
        self.conditions = Conditions(knowledge)
        self.relative = RelativeConditions(knowledge, fields)

    def gather(self, frame: Frame) -> Facts:
        """What the spans of ``frame`` say, for every reader."""
        spans: dict[str, list[Span]] = {}
        for s in frame.spans:
            spans.setdefault(s.kind, []).append(s)
        fields = spans.get("field", [])
        fields = [s for s in fields if s.weight >= 2] or fields[:1]
        subjects = {s.start for s in frame.spans if s.kind in ("project", "noun")}
        asks = {
            s.start
            for s in frame.spans
            if s.kind in ("field", "call_field")
            or (s.kind == "op" and s.value in ("quantity", "count", "card", "list", "topic"))
        }
        excluded = self.exclusions(frame)
        if excluded:  # the "not" of "other than CLUSGRID" negates no condition
            frame = frame.copy()
            negs = {(s.start, s.end) for s in excluded if s.kind == "neg"}
            frame.spans = [
                s._replace(kind="exclude") if (s.start, s.end) in negs and s.kind == "neg" else s
                for s in frame.spans
            ]
            spans = {}
            for s in frame.spans:
                spans.setdefault(s.kind, []).append(s)
        opening = 0  # "hey, can you tell me ..." opens the question without meaning anything
        for s in frame.spans:
            if s.start == opening and s.kind in ("filler", "conversation", "exclude"):
                opening = s.end
            elif s.start == opening and s.kind == "project" and s in excluded:
                opening = s.end  # "other than ECRI, are there ...?"
        pronouns = {s.start for s in spans.get("follow", []) if s.value == "pronoun"}
        joins = {s.end for s in frame.spans if s.kind == "conj" or s.value == "continue"}
        language = self.k.language
        yesno = any(
            s.start == opening
            or frame.asks_any(s, language.existential, language.question_words)
            or (s.value == "tag" and s.start > 0 and s.end == len(frame.words))  # "..., right?"
            or (
                (s.end in subjects or (s.start in joins and s.end in pronouns))
                and not any(i < s.start for i in asks)  # "…, so did it start in 2016?"
            )
            for s in spans.get("yesno", [])
        )
        facts = Facts(frame, spans, fields, yesno, self.k)
        facts.excluded = excluded
        references = self.relative.references(facts)
        if references or excluded:
            facts.projects = [p for p in facts.projects if p not in [*references, *excluded]]
        conditions, relative = self.conditions, self.relative
        facts.conditions = (
            conditions.of(facts)
            + conditions.unpublished(facts)
            + conditions.published(facts)
            + relative.compared(facts, references)
        )
        facts.conditions += relative.field_comparisons(facts, positions_of(facts.conditions))
        facts.conditions += relative.statistic_conditions(facts, positions_of(facts.conditions))
        facts.used_by_conditions = {i for _, used in facts.conditions for i in used}
        return facts

    def exclusions(self, frame: Frame) -> list[Span]:
        """ "other than SmartSports4GoodLife, which 2nd-call projects ...": a project right
        after a negation, in a question about projects, is left out of the rows; returns
        each such project span and its negation span."""
        rows = frame.find("noun", "project") or frame.find("call_field", "projects")
        if not rows:
            return []
        out: list[Span] = []
        for neg in frame.find("neg"):
            named = [s for s in frame.find("project") if s.start == neg.end]
            if named:
                out += [neg, named[0]]
        return out
