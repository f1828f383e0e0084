"""Which language a question is written in, told by its common words (``languages`` in the
knowledge): a set look-up per word, so it costs next to nothing beside the parse.

The bot answers in one language; a reply to a question in another is not stated as sure
(see ``Engine.answer``). Names, figures and unlisted words say nothing; a word listed for
the bot's own language and for another ("in", "was", "a") says nothing either.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.knowledge import Knowledge
from bot.normalise import tokens


class LanguageGuess:
    """Tells the language of a question's words, from the knowledge's word lists."""

    def __init__(self, knowledge: Knowledge) -> None:
        spec = knowledge.language.languages
        self.own = spec.answers_in if spec is not None else ""
        listed = {
            code: {word for text in phrases for word in tokens(text)}
            for code, phrases in (spec.words.items() if spec is not None else ())
        }
        own = listed.get(self.own, set())
        shared = {w for code, words in listed.items() if code != self.own for w in words & own}
        self.languages = tuple(listed)  # in the knowledge's order: it breaks ties
        self.by_word: dict[str, tuple[int, ...]] = {}
        for i, words in enumerate(listed.values()):
            for word in words - shared:
                self.by_word[word] = (*self.by_word.get(word, ()), i)

    def of(self, words: Iterable[str]) -> str:
        """The language most of ``words`` belong to; the bot's own unless another has more."""
        counts = [0] * len(self.languages)
        for word in words:
            for i in self.by_word.get(word, ()):
                counts[i] += 1
        best = max(range(len(counts)), key=counts.__getitem__, default=None)
        if best is None or counts[best] == 0:
            return self.own
        own = counts[self.languages.index(self.own)] if self.own in self.languages else 0
        return self.languages[best] if counts[best] > own else self.own
