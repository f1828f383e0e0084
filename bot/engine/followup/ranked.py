"""A superlative said alone after one project's figure ("most expensive?", "lowest of all?",
"largest in call 1?", "biggest grant in its call?"): whether that project is the top, asked
as "is <it> the <superlative> <figure> <where>?" with the figure just given when none is
said. The grammar reads the question so built (its places hold no words of the user's)."""

from __future__ import annotations

from typing import Any

from bot.engine.frame import Frame, Span

RANKING = ("max", "min")
# what may stand beside the superlative: the figure, where it ranks ("in call 1", "in its
# call", "of all"), and words that tie a fragment to the last question
ALONGSIDE = {"op", "field", "cmp", "call", "gram", "noun", "filler", "conj", "follow"}
TIES = {("follow", "continue"), ("follow", "pronoun"), ("gram", "all"), ("cmp", "during")}


def ranked_alone(frame: Frame) -> bool:
    """Whether ``frame`` is a superlative said alone (opening with it, naming no project)."""
    said = [s for s in frame.spans if s.kind not in ("filler", "conj")]
    asked = {s.end for s in said if s.kind == "yesno" and s.start == 0}  # "is that ...?"
    said = [s for s in said if not (s.kind == "yesno" and s.start == 0)]
    said = [
        s for s in said if not (s.start in asked and (s.kind, s.value) == ("follow", "pronoun"))
    ]
    said = [s for s in said if s not in _all_counted(frame)]  # "of all 12 projects"
    if not said or frame.unknown or any(s.kind not in ALONGSIDE for s in said):
        return False
    first = min((s.start for s in said if (s.kind, s.value) != ("follow", "continue")), default=-1)
    opens = any(s.start == first and s.kind == "op" and s.value in RANKING for s in said)
    others = [s for s in said if s.kind not in ("op", "field", "call")]
    nouns = [s for s in said if s.kind == "noun"]
    plain = all((s.kind, s.value) in TIES or s in nouns for s in others)
    ops = all(s.value in RANKING for s in said if s.kind == "op")
    return opens and plain and ops and all(s.value == "call" for s in nouns)


def _all_counted(frame: Frame) -> list[Span]:
    """The words of "(of) all projects", "all 12 projects": every project, said so."""
    at = {s.end for s in frame.spans if (s.kind, s.value) == ("gram", "all")}
    at |= {s.end for s in frame.spans if s.start in at and s.kind in ("filler", "number")}
    rows = (("noun", "project"), ("call_field", "projects"))
    nouns = [s for s in frame.spans if s.start in at and (s.kind, s.value) in rows]
    ends = {s.start for s in nouns}
    counted = [s for s in frame.spans if s.end in ends and s.kind in ("filler", "number")]
    return [*nouns, *counted] if nouns else []


def asked_of(frame: Frame, project: Any, field: str, call: Any) -> Frame:
    """ "lowest in its call?" as "is <project> the lowest <field> in <its call>?": a yes/no,
    the project and (when the words name none) the figure put in places of their own, and
    "its call" read as the project's call."""
    op = min((s for s in frame.spans if s.kind == "op"), key=lambda s: s.start)
    named = bool(frame.find("field", field)) or any(
        s.kind == "field" and s.value != "call" for s in frame.spans
    )
    inserted = 0 if named else 1  # a place for the figure, right after the superlative
    words = ["", "", *frame.words[: op.end], *([""] * inserted), *frame.words[op.end :]]

    def moved(s: Span) -> Span:
        shift = 2 + (inserted if s.start >= op.end else 0)
        return s._replace(start=s.start + shift, end=s.end + shift)

    spans = [Span(0, 1, "yesno", "yes"), Span(1, 2, "project", project)]
    if inserted:
        spans.append(Span(op.end + 2, op.end + 3, "field", field))
    pointed = _its_call(frame)
    for s in frame.spans:
        if pointed and pointed[0] <= s.start < pointed[1]:
            continue  # "its call": the project's call, below
        spans.append(moved(s))
    if pointed and call is not None:
        start = moved(Span(pointed[0], pointed[1], "call", call))
        spans.append(start)
    asked = frame.copy()
    asked.words = words
    asked.spans = sorted(spans, key=lambda s: (s.start, -s.end))
    asked.unknown_at = []
    asked.__dict__.pop("shown", None)
    asked.typed_from = ("", {})
    return asked


def _its_call(frame: Frame) -> tuple[int, int] | None:
    """Where "its call" stands: a pointing word and the noun "call" right after it."""
    nouns = {s.start: s.end for s in frame.spans if (s.kind, s.value) == ("noun", "call")}
    for s in frame.spans:
        if (s.kind, s.value) == ("follow", "pronoun") and s.end in nouns:
            return s.start, nouns[s.end]
    return None


# what a place asked alone may say beside it: "rank overall by EU grant?", "its place among
# all 12?" (the figure, by, all, a call, a pointer to the project)
PLACED_BESIDE = {"op", "cmp", "gram", "field", "call", "filler", "follow", "conj"}


def placed_alone(frame: Frame) -> bool:
    """Whether ``frame`` asks a place and names no project: "rank overall by EU grant?"."""
    said = [s for s in frame.spans if s.kind not in ("filler", "conj", "follow")]
    if not said or frame.unknown or any(s.kind not in PLACED_BESIDE for s in frame.spans):
        return False
    if any(s.kind == "follow" and s.value not in ("pronoun", "continue") for s in frame.spans):
        return False  # "rank them by budget": the rows shown, ranked
    first = min(s.start for s in said)
    ops = {str(s.value) for s in said if s.kind == "op"}
    return ops == {"rank"} and any(s.start == first and s.kind == "op" for s in said)


def placed_of(frame: Frame, project: Any, field: str) -> Frame:
    """ "rank overall?" as "<project> rank overall <field>": the project in a place before
    the words, the figure (when none is said) in one after them, "its" left out."""
    named = any(s.kind == "field" for s in frame.spans)
    words = ["", *frame.words, *([] if named else [""])]
    spans = [Span(0, 1, "project", project)]
    spans += [
        s._replace(start=s.start + 1, end=s.end + 1)
        for s in frame.spans
        if (s.kind, s.value) != ("follow", "pronoun")
    ]
    if not named:
        spans.append(Span(len(words) - 1, len(words), "field", field))
    asked = frame.copy()
    asked.words, asked.spans, asked.unknown_at = words, spans, []
    asked.__dict__.pop("shown", None)
    asked.typed_from = ("", {})
    return asked
