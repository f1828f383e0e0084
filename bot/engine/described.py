"""A project named by its subject: "the aerospace project", "the one about sports" name
the project whose title and keywords the question's leftover words match, when they point
at one clearly ahead of the rest."""

from __future__ import annotations

from bot.engine import thresholds
from bot.engine.frame import Frame, Span
from bot.engine.lexicon import Lexicon, stem
from bot.knowledge import Knowledge


class DescribedProjects:
    """Finds the project a question describes, and names it in a copy of the frame."""

    def __init__(self, knowledge: Knowledge, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.by_acronym = {p.acronym: p for p in knowledge.projects}

    def named(self, frame: Frame) -> Frame:
        """``frame``, or a copy naming the project its words describe."""
        if frame.find("project") or not frame.topics:
            return frame
        ranked = sorted(frame.topics.items(), key=lambda kv: -kv[1])
        best, weight = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0.0
        if weight < thresholds.TOPIC_MIN:
            return frame
        if second >= weight * thresholds.TOPIC_SHARE:
            return self.each_named(frame, [a for a, w in ranked if w >= thresholds.TOPIC_MIN])
        at = self.topic_positions(frame, best)
        if not at or not self.names_one(frame, at):
            return frame
        return self.naming(frame, {best: at})

    def naming(self, frame: Frame, described: dict[str, list[int]]) -> Frame:
        """A copy of ``frame`` with each described project named at its words."""
        named = frame.copy()
        for acronym, at in described.items():
            # weight 1 marks a project named by its subject rather than its name
            project = self.by_acronym[acronym]
            named.spans.append(Span(min(at), max(at) + 1, "project", project, 1))
        named.spans.sort(key=lambda s: (s.start, -s.end))
        named.unknown, named.unknown_at = [], []
        return named

    def each_named(self, frame: Frame, acronyms: list[str]) -> Frame:
        """ "the aerospace project and the textile one": each description names one project
        (its words name no other, and a project noun or "one" follows them)."""
        claims: dict[tuple[int, ...], list[str]] = {}
        for acronym in acronyms:
            claims.setdefault(tuple(self.topic_positions(frame, acronym)), []).append(acronym)
        nouns = self.lexicon.project_nouns
        described: dict[str, list[int]] = {}
        for place, claimed in claims.items():
            after = frame.words[place[-1] + 1 : place[-1] + 3] if place else []
            pointed = any((w in nouns and w[-1] != "s") or w == "1" for w in after)
            if len(claimed) != 1 or not pointed:
                return frame
            described[claimed[0]] = list(place)
        return self.naming(frame, described) if len(described) > 1 else frame

    def names_one(self, frame: Frame, at: list[int]) -> bool:
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

    def topic_positions(self, frame: Frame, acronym: str) -> list[int]:
        claimed = {i for s in frame.spans for i in range(s.start, s.end)}
        return [
            i
            for i, w in enumerate(frame.words)
            if i not in claimed and acronym in self.lexicon.topic_index.get(stem(w), ())
        ]
