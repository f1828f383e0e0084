"""Say a ``Result`` in words, from the templates in ``knowledge/answers.yaml``.

``wording`` holds what every answer shares (figures, conditions, scopes, caveats); each
kind of answer has its module (``facts``, ``lists``, ``ranks``, ``comparisons``,
``arithmetic``); ``pages`` says long answers a page at a time and within one message.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.engine.evaluate import Result
from bot.engine.render.arithmetic import ArithmeticAnswers
from bot.engine.render.comparisons import ComparisonAnswers
from bot.engine.render.facts import FactAnswers
from bot.engine.render.lists import ListAnswers
from bot.engine.render.pages import Pages
from bot.engine.render.ranks import RankAnswers
from bot.engine.render.wording import Renderer


class ResultRenderer:
    """Says what evaluating a ``Query`` found, with the answers for its act."""

    def __init__(self, renderer: Renderer, pages: Pages) -> None:
        self.renderer = renderer
        self.pages = pages
        facts = FactAnswers(renderer)
        lists = ListAnswers(renderer, pages)
        comparisons = ComparisonAnswers(renderer)
        self.by_act: dict[str, Callable[[Result], str]] = {
            "lookup": facts.lookup_answer,
            "list": lists.list_answer,
            "count": lists.count_answer,
            "aggregate": lists.aggregate_answer,
            "rank": RankAnswers(renderer, pages).rank_answer,
            "compare": comparisons.compare_answer,
            "compare_fields": comparisons.compare_fields_answer,
            "check": facts.check_answer,
            "calls": facts.calls_answer,
            "arithmetic": ArithmeticAnswers(renderer).arithmetic_answer,
        }

    def say(self, result: Result) -> str:
        """``result`` in words (a query's act says which answer it is)."""
        return self.by_act[result.query.act](result)


__all__ = ["Pages", "Renderer", "ResultRenderer"]
