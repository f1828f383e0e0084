"""What every follow-up's reading shares: scored as a question of its own, but never so
low that a fragment ("and ECRI?") would be declined for the words it leaves to the last one."""

from __future__ import annotations

from bot.engine.frame import Frame
from bot.engine.interpret import Reading
from bot.engine.interpret.decide import meaningful, score
from bot.engine.query import Query


def follow_up(query: Query, used: set[int], frame: Frame) -> Reading:
    """The reading of an edited question: ``query``, explaining the words at ``used``."""
    explained = score(used, meaningful(frame))
    # a fragment leaves words to the last question; words it does not know ("is it going to
    # rain tomorrow") are no fragment's, and are not forgiven
    floor = 0.75 if not frame.unknown else explained
    return Reading(query, used, max(explained, floor), "follow-up")
