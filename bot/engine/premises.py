"""A question that takes something for granted ("Since 5FOREXCELLENCE was the longest
project, how many months did it last?", "CECIL got less than its budget, so how much did the
partners pay?"): the statement is split off, so that it can be checked before the question is
answered. The words that open or join a premise are the YAML's (``language.premises``)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a cached engine's start imports no pydantic
    from bot.knowledge.schema import Premises as PremiseWords


class Premises:
    def __init__(self, words: PremiseWords, questions: list[str]) -> None:
        # "which projects started in 2016, so which ended in 2018?" asks two questions
        self.questions = re.compile(rf"^\s*(?:{'|'.join(map(re.escape, questions))})\b", re.I)

        def alternatives(phrases: list[str]) -> str:
            return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))

        self.asked_as = words.asked_as or ""
        self.opening = (
            re.compile(rf"^\s*(?:{alternatives(words.opening)})\s+([^,;:]+)[,;:]\s*(.+)$", re.I)
            if words.opening and self.asked_as
            else None
        )
        self.joining = (
            re.compile(
                rf"^\s*([^,;:]+?)\s*[,;:]?\s+(?:{alternatives(words.joining)})\s+(.+)$", re.I
            )
            if words.joining and self.asked_as
            else None
        )

    def split(self, text: str) -> tuple[str, str] | None:
        """``(statement, question)`` when ``text`` asks a question on a premise, else None."""
        for pattern in (self.opening, self.joining):
            found = pattern.match(text) if pattern is not None else None
            if found and found.group(1).strip() and found.group(2).strip():
                if self.questions.match(found.group(1)):
                    return None
                return found.group(1).strip(), found.group(2).strip()
        return None

    def as_question(self, statement: str) -> str:
        """The statement asked as a yes/no question ("is ECRI got the most": the grammar
        reads its words, the opening makes it a yes/no)."""
        return f"{self.asked_as} {statement}"
