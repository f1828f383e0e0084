"""The decision among readings: each is scored by the share of the question's meaningful
words it explains, the best comes first, and the modifiers the chosen one leaves unused
are reported, so a "not", a "median" or a month is never dropped silently."""

from __future__ import annotations

import logging
from collections.abc import Callable

from bot.engine.frame import Frame, Span
from bot.engine.interpret.question import ORDER_OPS, STATISTICS, Facts, Reading, exclusion

logger = logging.getLogger(__name__)

# spans that change what a question means: a reading that leaves one unused is incomplete
MODIFIERS = {
    "neg",
    "sole",  # "the only one under 250k?": a claim no reading checks
    "date",
    "month",  # a month with no year
    "amount",
    "duration",
    "percent",
    "ordinal",
    "limit",
    "arith",
    "unknowable",
    "per",
    "same",
}
# "more than" is never dropped; a lone "from" or "under" may be a mere preposition
BOUNDS = {"gt", "ge", "lt", "le", "between", "inside", "closest"}
ROWS_ACTS = ("list", "count", "aggregate", "rank")  # acts over rows, which may leave some out
# how much a span of each kind weighs when a reading is scored (others weigh 1)
WEIGHTS = {
    "gram": 0.5,  # the grammar's words ("for each", "times", "share"): a reader may not drop them
    "multiple": 1.0,
    "cmp": 0.2,
    "conj": 0.1,
    "follow": 0.2,
    "yesno": 0.4,
    "currency": 0.1,
    "number": 0.3,
    "unit": 0.3,
    "conversation": 0.2,
    "precise": 0.3,
    "noun": 0.3,
    "op": 0.5,
    "call_field": 0.5,
}

Reader = Callable[[Facts], Reading | None]


class Decider:
    """Runs the readers in order and ranks what they propose."""

    def __init__(self, readers: list[tuple[str, Reader]]) -> None:
        self.readers = readers
        self.order = {name: i for i, (name, _) in enumerate(readers)}

    def read(self, frame: Frame, facts: Facts) -> list[Reading]:
        """Every reader's reading of ``frame`` (whose ``facts`` they read), best first."""
        weights = meaningful(frame)
        readings: list[Reading] = []
        for name, reader in self.readers:
            if name == "passage" and any(r.score >= 1.0 for r in readings):
                continue  # the page's prose is looked up only for what is not yet explained
            reading = reader(facts)
            if reading is None:
                continue
            if facts.excluded and reading.query.act in ROWS_ACTS:
                left_out, said = exclusion(facts)
                reading.query = reading.query.but(exclude=left_out)
                reading.used |= said
            reading.name = name
            reading.score = score(reading.used, weights)
            readings.append(reading)
        order = self.order
        readings.sort(key=lambda r: (-r.score, order[r.name]))
        for r in readings[:4]:
            logger.debug("reading %s %.2f %s", r.name, r.score, r.query)
        return readings


def meaningful(frame: Frame) -> dict[int, float]:
    """Token positions that carry meaning, weighted: fillers count little, unknown words
    and modifiers fully, so a reading that ignores them scores low."""
    out: dict[int, float] = {}
    # "who got the most?": "who" asks, where the question names a figure of its own
    fields = {s.value for s in frame.spans if s.kind == "field"}
    for s in frame.spans:
        opening = s.kind == "field" and s.weight < 2 and s.start == 0 and len(fields) > 1
        if (
            s.kind in ("conj", "currency", "filler", "why", "sole")  # ("sole": see unexplained)
            or (s.kind, s.value) == ("gram", "verb")
            or (s.kind == "yesno" and s.start > 0)
            or opening
        ):
            continue
        weight = 1.0 if s.kind in MODIFIERS else WEIGHTS.get(s.kind, 1.0)
        for i in range(s.start, s.end):
            out[i] = max(out.get(i, 0.0), weight)
    seen: set[str] = set()
    for i in frame.unknown_at:
        word = frame.words[i]
        out[i] = 0.0 if word in seen else (1.0 if len(word) > 4 else 0.5)
        seen.add(word)
    return out


def score(used: set[int], meaningful: dict[int, float]) -> float:
    total = sum(meaningful.values())
    return sum(w for i, w in meaningful.items() if i in used) / total if total else 0.0


def unexplained(frame: Frame, reading: Reading) -> list[Span]:
    """Modifier spans the chosen reading did not use: the bot must not ignore them."""
    return [
        s
        for s in frame.spans
        if (
            s.kind in MODIFIERS
            or (s.kind == "op" and s.value in STATISTICS | set(ORDER_OPS))
            or (s.kind == "cmp" and s.value in BOUNDS and s.end - s.start > 1)
        )
        and not set(range(s.start, s.end)) & reading.used
        and not _harmless(frame, s, reading)
    ]


def _harmless(frame: Frame, span: Span, reading: Reading) -> bool:
    if (
        span.kind == "neg"
        and span.value == "not"
        and reading.query.act in ("converse", "explain", "unknowable")
    ):
        return True
    if span.kind == "date" and reading.query.act in ("explain", "call_info", "unknowable"):
        return True
    if span.kind == "sole":  # "which is the only project from 2020?": the list shows if so
        return reading.query.act == "list" and not reading.query.projects
    if span.kind == "arith" and reading.query.act == "lookup":
        return any(s.kind == "conj" and s.start == span.start for s in frame.spans)
    return span.kind == "ordinal" and reading.query.act in ("compare", "call_info")
