"""From positioned spans to scored candidate ``Query`` values, then one decision.

The question's ``Facts`` are gathered once (``gather``: its spans by kind, the conditions
it states); each reader (``readers``, grouped by the kind of question they read) proposes
at most one reading and names the spans it explains; the decider (``decide``) scores each
by the share of the question's meaningful words it explains, takes the best and reports
the modifiers no reading used, so a "not", a "median" or a month is never dropped silently.
"""

from __future__ import annotations

from bot.engine.frame import Frame, Span
from bot.engine.interpret.decide import Decider, Reader, unexplained
from bot.engine.interpret.fields import Fields
from bot.engine.interpret.filters import RowFilters
from bot.engine.interpret.gather import FactGatherer
from bot.engine.interpret.question import Facts, Reading, positions
from bot.engine.interpret.readers.arithmetic import ArithmeticReader
from bot.engine.interpret.readers.calls import CallReaders
from bot.engine.interpret.readers.checks import CheckReader
from bot.engine.interpret.readers.comparisons import ComparisonReaders
from bot.engine.interpret.readers.lists import ListReaders
from bot.engine.interpret.readers.lookups import LookupReader
from bot.engine.interpret.readers.prose import ProseReaders
from bot.engine.interpret.readers.ranks import RankReader
from bot.engine.pagetext import PageText
from bot.knowledge import Knowledge


class Interpreter:
    """Wires the readers to the facts they read and to the decider; holds no state of its
    own beyond them."""

    def __init__(self, knowledge: Knowledge, page: PageText) -> None:
        self.fields = Fields(knowledge)
        self.filters = RowFilters(knowledge)
        self.gatherer = FactGatherer(knowledge, self.fields)
        k, fields, filters = knowledge, self.fields, self.filters
        prose = ProseReaders(k, page)
        comparisons = ComparisonReaders(k, fields)
        checks = CheckReader(k, filters, comparisons)
        calls = CallReaders(k, filters)
        lists = ListReaders(k, fields, filters)
        # in this order a tie between two readings goes to the earlier reader
        readers: list[tuple[str, Reader]] = [
            ("converse", prose.converse),
            ("unknowable", prose.unknowable),
            ("explain", prose.explain),
            ("arithmetic", ArithmeticReader(k, fields).arithmetic),
            ("check", checks.check),
            ("compare", comparisons.compare),
            ("lookup", LookupReader(k, fields).lookup),
            ("calls", calls.calls_read),
            ("aggregate", lists.aggregate),
            ("count", lists.count),
            ("rank", RankReader(k, fields, filters).rank),
            ("list", lists.list_read),
            ("call_info", calls.call_info),
            ("programme", prose.programme),
            ("passage", prose.passage),
        ]
        self.decider = Decider(readers)

    def facts(self, frame: Frame) -> Facts:
        """What the spans of ``frame`` say, for every reader."""
        return self.gatherer.gather(frame)

    def read(self, frame: Frame, facts: Facts | None = None) -> list[Reading]:
        """Every reader's reading of ``frame``, best first: a function of the question alone."""
        return self.decider.read(frame, facts or self.gatherer.gather(frame))

    @staticmethod
    def unexplained(frame: Frame, reading: Reading) -> list[Span]:
        """Modifier spans the chosen reading did not use: the bot must not ignore them."""
        return unexplained(frame, reading)


__all__ = ["Facts", "Interpreter", "Reading", "positions"]
