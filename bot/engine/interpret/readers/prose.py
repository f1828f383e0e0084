"""Readers of what is said rather than computed: conversation ("hello", "help"), what the
page cannot say, the glossary, the programme, and the page's own prose."""

from __future__ import annotations

import itertools

from bot.engine.frame import Span
from bot.engine.interpret.question import Facts, Reading, positions
from bot.engine.lexicon import stem
from bot.engine.pagetext import Found, PageText
from bot.engine.query import Query
from bot.knowledge import Knowledge


def camel_case(word: str) -> bool:
    """ "ClusterBoost", "SmartSports": a capital inside the word, typed as a brand's name."""
    return any(a.islower() and b.isupper() for a, b in itertools.pairwise(word))


def looks_like_a_name(word: str) -> bool:
    """ "HYDROCLUST", "GALAXY5", "ClusterBoost": typed like an acronym or a brand, so a name
    the bot does not know (not a number's plural: "the 200,000s", "the 2010s")."""
    plural_number = word[:-1].isdigit() and word[-1:].lower() == "s"
    typed = word.isupper() or camel_case(word) or any(c.isdigit() for c in word)
    return len(word) > 2 and typed and not plural_number


# a call's own passage answers a yes/no about it when it matches nearly as well as any
CALL_OWN_SHARE = 0.8


class ProseReaders:
    """What is said rather than computed: words, glossary entries, passages of the page."""

    def __init__(self, knowledge: Knowledge, page: PageText) -> None:
        self.k = knowledge
        self.page = page

    def converse(self, facts: Facts) -> Reading | None:
        acts = facts.get("conversation")
        if not acts:
            return None
        # help first; else the weightiest, and of those the one said last ("cool, bye")
        act = max(acts, key=lambda s: (s.value == "help", s.weight, s.start)).value
        return Reading(Query("converse", parts=(act,)), positions(acts))

    def _year_of_no_call(self, facts: Facts) -> list[Span]:
        """ "the 2017 call", "the call of 2019": a call named by a year no call has."""
        years = {c.year for c in self.k.calls}
        nouns = [] if facts.yesno else facts.get("noun", "call")  # "was there a call in 2017?"
        return [
            s
            for s in facts.get("date")
            if s.value.grain == "year"
            and s.value.first.year not in years
            and any(-1 <= n.start - s.end <= 0 or 0 <= s.start - n.end <= 1 for n in nouns)
        ]

    def unknowable(self, facts: Facts) -> Reading | None:
        spans = facts.get("unknowable")
        missing_call = [
            s for s in facts.get("ordinal") if int(s.value) not in self.k.calls_by_number
        ] + self._year_of_no_call(facts)
        if missing_call and facts.has("noun", "call"):
            used = set(range(len(facts.frame.words)))
            return Reading(Query("no_such_call", parts=(str(missing_call[0].value),)), used)
        if not facts.projects:  # "who is the contact person for the programme?"
            spans = sorted(spans + facts.get("not_on_page"), key=lambda s: s.start)
        else:  # "when did CECIL close?": a project's end, which the page gives
            fielded = positions(facts.spans.get("field", []))
            spans = [s for s in spans if not positions([s]) <= fielded]
        if not spans:
            return None
        used = positions(spans) | positions(facts.get("noun")) | positions(facts.calls)
        used |= positions(facts.get("precise")) | positions(facts.get("programme"))
        words = tuple(facts.frame.typed(s.start, s.end) for s in spans)
        return Reading(Query("unknowable", words=words), used | positions(facts.fields))

    def explain(self, facts: Facts) -> Reading | None:
        terms = facts.get("term")
        if not terms or facts.projects:
            return None
        told = [s for s in facts.fields if self.k.fields[s.value].kind in ("text", "call")]
        used = positions(terms) | positions(told)  # the note says what it is and which call
        used |= positions(facts.calls) | positions(facts.get("noun"))
        used |= positions(facts.get("op", "card")) | positions(facts.get("programme"))
        if told or facts.has("op", "card"):  # "what does SME mean?": the note answers in
            used |= set(facts.frame.unknown_at)  # its own words; "which SME services …" not
        return Reading(Query("explain", parts=tuple(str(t.value) for t in terms)), used)

    def programme(self, facts: Facts) -> Reading | None:
        named = facts.get("programme")
        entity = [s for s in named if not isinstance(s.value, str)]
        topics = [s for s in named if s.value in ("funding", "source")]
        if (
            not (entity or topics or facts.has("noun", "programme"))
            or facts.projects
            or (facts.calls)
        ):
            return None
        parts = tuple(str(s.value) for s in named if isinstance(s.value, str))
        return Reading(  # ("the projects of the programme" are a list, not the programme)
            Query("programme", parts=parts or ("description",)),
            positions(named) | positions([n for n in facts.get("noun") if n.value != "project"]),
        )

    def passage(self, facts: Facts) -> Reading | None:
        """A question about the page's prose: the passage sharing its rarest words."""
        if facts.projects or len(facts.calls) > 1:
            return None
        call = facts.calls[0].value.number if facts.calls else None
        words = facts.frame.words
        found = self.page.search(words, call)
        checked = self._checked(facts, call, found)
        if checked is not None:
            found = checked[0]
        if found is None:
            return None
        used = {i for i, w in enumerate(words) if stem(w) in found.matched}
        used |= positions([s for s in facts.frame.spans if set(range(s.start, s.end)) & used])
        frame = facts.frame
        unknown = {i for i in frame.unknown_at if not looks_like_a_name(frame.typed(i, i + 1))}
        # a good match answers the whole question in the page's words; a yes/no about a
        # call's prose is not answered "no" for words the page does not have
        if checked is None and len(used) >= 2 and len(used) >= len(used | unknown) / 2:
            used |= unknown
        used |= positions(facts.calls) | positions(facts.get("noun"))
        used |= positions(facts.get("call_field", "focus"))  # "aimed at", "about": the prose
        if found.call is not None:  # a call's own bullet answers "which call"
            used |= positions([s for s in facts.fields if self.k.fields[s.value].kind == "call"])
        parts: tuple[str, ...] = ()
        if checked is not None:  # "was X part of the first call's focus?": yes, or where it is
            parts = (checked[1], str(call))
            used |= positions(facts.get("yesno"))
        query = Query(
            "passage",
            calls=(call,) if call else (),
            words=(found.section, found.text),
            parts=parts,
        )
        return Reading(query, used)

    def _checked(
        self, facts: Facts, call: int | None, within: Found | None
    ) -> tuple[Found, str] | None:
        """For a yes/no about one call's prose: the passage that answers, and whether it is
        that call's ("in") or another part of the page's ("elsewhere")."""
        if call is None or not any(s.start == 0 for s in facts.get("yesno")):
            return None
        anywhere = self.page.search(facts.frame.words, None)
        if anywhere is None:
            return None
        if within is not None and within.score >= CALL_OWN_SHARE * anywhere.score:
            return within, "in"
        return anywhere, "in" if anywhere.call == call else "elsewhere"
