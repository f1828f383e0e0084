"""Read a question into a ``Frame``: names, phrase cues, years, amounts and unknown words."""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz, process

from bot.engine import thresholds
from bot.engine.frame import Frame
from bot.engine.lexicon import Lexicon, stem
from bot.engine.matcher import Match, Matcher
from bot.normalise import tokens

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_SEPARATED = re.compile(r"^\d{1,3}(?:[.,\u00a0\u202f' ]\d{3})+$")


def clean(text: str) -> str:
    """Text safe to echo: no control or direction characters, single spaces."""
    text = unicodedata.normalize("NFC", _CONTROL.sub(" ", text))
    return " ".join(text.split())


class Parser:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self.matcher = Matcher(lexicon)
        units = sorted(lexicon.knowledge.language.amount_units, key=len, reverse=True)
        currency = sorted(lexicon.knowledge.language.currency_words, key=len, reverse=True)
        unit_re = "|".join(re.escape(u) for u in units)
        cur_re = "|".join(re.escape(c) for c in currency)
        self.units = {u.lower(): v for u, v in lexicon.knowledge.language.amount_units.items()}
        self.amount_re = re.compile(
            rf"(?P<pre>(?:{cur_re})\s*)?(?<![\w.,])"
            rf"(?P<num>\d{{1,3}}(?:[.,\u00a0\u202f' ]\d{{3}})+|\d+(?:[.,]\d+)?)"
            rf"(?:\s*(?P<unit>{unit_re}))?(?!\w)(?P<post>\s*(?:{cur_re})(?!\w))?",
            re.IGNORECASE,
        )

    def parse(self, text: str) -> Frame:
        text = clean(text)
        truncated = len(text) > thresholds.MAX_CHARS
        text = text[: thresholds.MAX_CHARS]
        prepared, amounts = self._amounts(text)
        shown = tokens_as_typed(prepared, self.lex.numbers)
        words = tokens(prepared, self.lex.numbers)
        if len(words) > thresholds.MAX_TOKENS:
            truncated = True
            words, shown = words[: thresholds.MAX_TOKENS], shown[: thresholds.MAX_TOKENS]
        frame = Frame(text=text, words=words, truncated=truncated)
        taken = self._names(frame)
        self._correct(words, taken)
        understood = self._phrases(frame, taken)
        self._numbers(frame, taken, amounts)
        self._leftovers(frame, shown, taken | understood)
        return frame

    # -- amounts: "250,000 euros", "€258.437", "250k", "2.5 million" become plain digits ------
    def _amounts(self, text: str) -> tuple[str, set[str]]:
        amounts: set[str] = set()

        def replace(m: re.Match[str]) -> str:
            num, unit = m.group("num"), (m.group("unit") or "").lower()
            money = bool(m.group("pre") or m.group("post") or unit or _SEPARATED.match(num))
            if not money:
                return m.group(0)
            if _SEPARATED.match(num):
                value = float(re.sub(r"\D", "", num))
            else:
                value = float(num.replace(",", "."))
            value *= self.units.get(unit, 1)
            digits = str(round(value))
            amounts.add(digits)
            return f" {digits} "

        return self.amount_re.sub(replace, text), amounts

    # -- names ------------------------------------------------------------------------------
    def _names(self, frame: Frame) -> set[int]:
        candidates = self.matcher.candidates(frame.words)
        taken: set[int] = set()
        for match in candidates:
            if any(match.overlaps(m) for m in frame.names) or any(
                match.overlaps(m) for group in frame.ambiguous for m in group
            ):
                continue
            rivals = [
                c
                for c in candidates
                if c is not match
                and c.overlaps(match)
                and match.score - c.score <= thresholds.AMBIGUITY_MARGIN
                and c.entity.kind == match.entity.kind
            ]
            if match.score < thresholds.ACCEPT:
                if not any(match.overlaps(d) for d in frame.doubtful):
                    frame.doubtful.extend([match, *rivals])
                continue
            if rivals:
                frame.ambiguous.append([match, *rivals])
            else:
                frame.names.append(match)
            taken.update(range(match.start, match.end))
        frame.names.sort(key=lambda m: m.start)
        return taken

    def _correct(self, words: list[str], taken: set[int]) -> None:
        """Misspelt ordinary words ("contributon") become the vocabulary word they meant."""
        for i, word in enumerate(words):
            if i in taken or len(word) < 5 or word.isdigit() or word in self.lex.vocabulary:
                continue
            hit = process.extractOne(
                word, self.lex.spellable, scorer=fuzz.ratio, score_cutoff=thresholds.SPELLING
            )
            if hit:
                words[i] = hit[0]

    # -- phrases: longest first, each word used once ----------------------------------------
    def _phrases(self, frame: Frame, taken: set[int]) -> set[int]:
        words, phrases = frame.words, self.lex.phrases
        used: set[int] = set()
        i = 0
        while i < len(words):
            if i in taken:
                i += 1
                continue
            for size in range(min(self.lex.max_phrase, len(words) - i), 0, -1):
                span = range(i, i + size)
                if any(j in taken for j in span):
                    continue
                tags = phrases.get(tuple(words[i : i + size]))
                if tags:
                    for tag in tags:
                        found = frame.tags[tag.category]
                        found[tag.value] = found.get(tag.value, 0) + tag.weight
                    used.update(span)
                    i += size
                    break
            else:
                i += 1
        return used

    def _numbers(self, frame: Frame, taken: set[int], amounts: set[str]) -> None:
        for i, word in enumerate(frame.words):
            if i in taken or not word.isdigit():
                continue
            value = int(word)
            if word in amounts:
                frame.amounts.append(value)
            elif len(word) == 4 and 1950 <= value <= 2100:
                frame.years.append(value)
            elif value >= 1000:
                frame.amounts.append(value)
            else:
                frame.small_numbers.append(value)

    def _leftovers(self, frame: Frame, shown: list[str], understood: set[int]) -> None:
        """Words that meant nothing known: unknown names, or subjects for a topic search."""
        lex = self.lex
        topic: dict[str, float] = {}
        content: list[str] = []
        for i, word in enumerate(frame.words):
            if word not in lex.stopwords:
                frame.meaningful += 1
            if i in understood or word.isdigit() or word in lex.stopwords:
                continue
            content.append(stem(word))
            if word not in lex.vocabulary and i not in understood:
                frame.unknown.append(shown[i] if i < len(shown) else word)
        for word in content:
            for acronym in lex.topic_index.get(word, ()):
                topic[acronym] = topic.get(acronym, 0.0) + lex.topic_weight[word]
        for phrase_words, acronyms in lex.topic_phrases.items():
            n = len(phrase_words)
            if any(tuple(content[j : j + n]) == phrase_words for j in range(len(content))):
                for acronym in acronyms:
                    topic[acronym] = topic.get(acronym, 0.0) + 1.0
        frame.topics = topic


def tokens_as_typed(text: str, numbers: dict[str, int]) -> list[str]:
    """The same words as ``tokens`` but in the user's own spelling, for echoing back."""
    folded = tokens(text, numbers)
    raw = re.sub(r"(?<=\w)['’`´]s\b", "", text)
    raw = re.sub(r"(?<=\w)['’`´](?=\w)", "", raw)
    pieces = [p for p in re.split(r"[^\w€]+|_", raw) if p]
    return pieces if len(pieces) == len(folded) else folded


__all__ = ["Match", "Parser", "clean"]
