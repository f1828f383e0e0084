"""Readers of questions about the calls for proposals: "was there a call in 2016?", "calls
after 2014", "tell me about the second call"."""

from __future__ import annotations

from bot.engine.frame import When
from bot.engine.interpret.filters import RowFilters
from bot.engine.interpret.question import Facts, Reading, positions
from bot.engine.query import Query
from bot.knowledge import Knowledge


class CallReaders:
    """The calls for proposals: dated, counted, or described."""

    def __init__(self, knowledge: Knowledge, filters: RowFilters) -> None:
        self.k = knowledge
        self.filters = filters
        self.existential = frozenset(w.lower() for w in knowledge.language.existential)

    def calls_read(self, facts: Facts) -> Reading | None:
        """Calls are events with a year: "was there a call in 2016?", "calls after 2014"."""
        call_named = facts.has("noun", "call") or any(
            s.value == self.k.call_field for s in facts.fields
        )
        if not call_named or facts.has("noun", "project") or facts.projects:
            return None
        conds, used, _ = self.filters.simple(facts)
        dated = [c for c in conds if isinstance(c.value, When)]
        if not dated:
            return None
        used |= positions(facts.get("noun")) | positions(facts.spans.get("field", []))
        return Reading(Query("calls", conditions=tuple(dated), parts=("list",)), used)

    def call_info(self, facts: Facts) -> Reading | None:
        if not facts.calls and not (facts.has("noun", "call") or self._asks_calls(facts)):
            return None
        said_of_calls = positions(facts.get("call_field"))  # "when were the calls": their years
        fields = [f for f in facts.fields if f.value != self.k.call_field]
        if not facts.calls and [f for f in fields if f.start not in said_of_calls]:
            return None
        calls = tuple(s.value.number for s in facts.calls)
        parts = tuple(  # one call's projects are said unasked; the overview names them if asked
            str(s.value) for s in facts.get("call_field") if s.value != "projects" or not calls
        )
        used = (
            positions(facts.calls)
            | positions(facts.get("call_field"))
            | positions(facts.get("noun"))
        )
        used |= positions(facts.get("op", "card")) | positions(facts.get("precise"))
        used |= positions(facts.get("op", "list"))
        if not calls and self._asks_calls(facts):
            used |= positions(facts.fields)
        if facts.has("precise"):
            parts = (*parts, "precise")
        return Reading(Query("call_info", calls=calls, parts=parts), used)

    def _asks_calls(self, facts: Facts) -> bool:
        """ "which calls were there?": the call field asked to exist, of no project, is the calls
        themselves ("which call?" asks a project's)"""
        words = facts.frame.words
        return (
            any(" ".join(words[s.start : s.end]) in self.existential for s in facts.get("yesno"))
            and bool(facts.fields)
            and not facts.projects
            and not facts.conditions
            and all(f.value == self.k.call_field for f in facts.fields)
        )
