"""Read a question into a ``Frame`` of positioned spans: names, fields, operators, values.

Names are found first (they win their words), then dates with their grain and durations,
then phrases longest first, then bare numbers; what is left is unknown or a topic word.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.engine import thresholds
from bot.engine.aggregates import AGGREGATES
from bot.engine.amounts import Amounts
from bot.engine.dates import Dates, is_year, spell_dates
from bot.engine.frame import Frame, Share, Span, When
from bot.engine.idioms import Idioms
from bot.engine.interpret.readers.prose import looks_like_a_name
from bot.engine.lexicon import Lexicon, stem
from bot.engine.matcher import Match, Matcher
from bot.engine.memo import Memo
from bot.normalise import tokens, tokens_as_typed

_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)  # control and direction characters, and lone surrogates (they cannot be sent as UTF-8)


# markup pasted into a question ("<script>alert(1)</script> what did CLUSTEM cost?"): no words
_SCRIPT = re.compile(r"<(script|style)\b[^>]{0,200}>.{0,2000}?</\1\s*>", re.I | re.S)
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]{0,20}(?:\s[^<>]{0,200})?/?>")


def clean(text: str) -> str:
    """Text safe to echo: no control or direction characters, no markup, single spaces."""
    text = unicodedata.normalize("NFC", _CONTROL.sub(" ", text))
    if "<" in text:
        text = _TAG.sub(" ", _SCRIPT.sub(" ", text))
    return " ".join(text.split())


def _typed_as_names(text: str, numbers: dict[str, int], count: int) -> set[int]:
    """Positions of words typed like a name ("CLUSTERWIN"): never spelt into another word."""
    typed = tokens_as_typed(text, numbers)[:count]
    return {i for i, w in enumerate(typed) if len(w) >= 4 and w.isupper()}


# a percent sign that follows no number ("in %", "(in %)"): the word for it
_LONE_PERCENT = re.compile(r"(?<!\d)(?<!\d )%")


class Parser:
    """Reads a question's words into spans, with the readers of names (``Matcher``), dates
    (``Dates``) and amounts (``Amounts``) it owns; the rest are the lexicon's phrases."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self.matcher = Matcher(lexicon)
        # each name's exact aliases, by kind and name: a name said twice in two ways
        self.said: dict[tuple[str, str], dict[str, int]] = {}
        for alias in lexicon.aliases:
            self.said.setdefault((alias.entity.kind, alias.entity.name), {})[alias.key] = (
                alias.words
            )
        self.spelling: Memo[str, str] = Memo(thresholds.MATCH_CACHE)  # as typed -> taken for
        self.dates = Dates(lexicon)
        self.amounts = Amounts(lexicon)
        self.symbols = dict(lexicon.knowledge.language.symbols)
        self.shorthand = dict(lexicon.knowledge.language.shorthand)
        self.reworded: list[tuple[tuple[str, ...], list[str]]] = [  # "no longer": "not anymore"
            (tuple(tokens(said)), tokens(meant))
            for said, meant in self.shorthand.items()
            if " " in said or " " in meant  # ("gimme": "give me", before names are looked for)
        ]
        said_all = "|".join(re.escape(" ".join(said)) for said, _ in self.reworded if said)
        self.reworded_re = re.compile(rf"(?<!\S)(?:{said_all})(?!\S)") if said_all else None
        self.idioms = Idioms(lexicon.knowledge.language, len(lexicon.knowledge.projects))
        self.symbols_re = (
            re.compile(
                rf"(?:(?<=[\w'’)])|^)\s*({'|'.join(map(re.escape, self.symbols))})\s*(?=[\w(€])"
            )
            if self.symbols
            else None
        )
        self.opening = dict(lexicon.knowledge.language.opening_symbols)
        self.opening_re = _opening_symbols(self.opening)

    def _symbols(self, text: str) -> str:
        """ "RUE AERO EU + TCE EU", "+ CLUSGRID" (a step on the figure just given): a symbol
        between two words, or opening the text, is read as its word; "in %" too, a percent
        sign after no number."""
        if "%" in self.symbols:
            text = _LONE_PERCENT.sub(f" {self.symbols['%']} ", text)
        if self.opening_re is not None:  # "x2", "/ 3", "- 10k": a step opening the question
            said = self.opening
            text = self.opening_re.sub(lambda m: f" {said[m.group(m.lastindex or 0)]} ", text, 1)
        if self.symbols_re is None or not self.symbols_re.search(text):
            return text
        return self.symbols_re.sub(lambda m: _symbol(m, self.symbols), text)

    def parse(self, text: str) -> Frame:
        """``text`` read into a new ``Frame`` (the engine remembers it by wording)."""
        text = clean(text)
        truncated = len(text) > thresholds.MAX_CHARS
        text = text[: thresholds.MAX_CHARS]
        spelled = self.amounts.spelled(spell_dates(self._symbols(text)))
        prepared, percents = self.amounts.percents(spelled)
        prepared, amounts = self.amounts.amounts(prepared)
        prepared, decimals = self.amounts.decimals(prepared)
        typed = tokens(prepared)
        if self.reworded_re and self.reworded_re.search(" ".join(typed)):  # as typed: not "1"
            typed = _reworded(typed, self.reworded)
        numbers = self.lex.numbers
        words = [str(numbers[w]) if w in numbers else w for w in typed]
        if len(words) > thresholds.MAX_TOKENS:
            truncated = True
            words = words[: thresholds.MAX_TOKENS]
        frame = Frame(text=text, words=words, truncated=truncated)
        frame.typed_from = (prepared, self.lex.numbers)
        taken = self._names(frame)
        self._correct(words, taken | _typed_as_names(prepared, self.lex.numbers, len(words)))
        taken |= self.dates.find(frame, taken, amounts)
        taken |= self.dates.edges(frame, taken)
        understood = self._phrases(frame, taken)
        self._counted(frame)
        self._fractions(frame)
        self._numbers(frame, taken, amounts, (percents, decimals))
        _between_in_units(frame)
        if "(" in prepared and len(tokens(prepared)) == len(words):
            _parenthesised(frame, prepared)
        self._leftovers(frame, taken | understood)
        _elided_calls(frame, self.lex.knowledge)
        _calls_by_noun(frame, self.lex.knowledge.calls_by_number)
        _headline_noun(frame, self.lex.knowledge.fields)
        _between_names(frame)
        _noun_before_a_name(frame)
        _weighed_rest(frame, self.lex.stopwords)
        self.idioms.read(frame)
        frame.spans.sort(key=lambda s: (s.start, -s.end))
        return frame

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
            if any(_read_before(c, match) for c in rivals):
                continue  # "the second call one": "second call", not "call one"
            rivals = [c for c in rivals if not _read_before(match, c)]
            if match.score < thresholds.ACCEPT:
                if not any(match.overlaps(d) for d in frame.doubtful):
                    frame.doubtful.extend([match, *rivals])
                continue
            if rivals:
                frame.ambiguous.append([match, *rivals])
            else:
                frame.names.append(match)
                frame.spans.append(
                    Span(match.start, match.end, match.entity.kind, match.entity.ref)
                )
            taken.update(range(match.start, match.end))
        self._repeats(frame, taken)
        frame.names.sort(key=lambda m: m.start)
        return taken

    def _repeats(self, frame: Frame, taken: set[int]) -> None:
        """A name said twice ("RUE AERO vs CLUSTEM: did RUE AERO ...", "the 2nd call's
        projects above the call 2 average") is a span twice, in any of its exact names."""
        for match in list(frame.names):
            said = self.said.get(
                (match.entity.kind, match.entity.name), {match.alias: match.end - match.start}
            )
            self._repeat(frame, match, said, taken)

    @staticmethod
    def _repeat(frame: Frame, match: Match, said: dict[str, int], taken: set[int]) -> None:
        words = frame.words
        for alias, size in said.items():
            for start in range(len(words) - size + 1):
                window = range(start, start + size)
                if any(i in taken for i in window):
                    continue
                if "".join(words[start : start + size]) == alias:
                    frame.names.append(
                        Match(match.entity, match.score, start, start + size, match.alias)
                    )
                    frame.spans.append(
                        Span(start, start + size, match.entity.kind, match.entity.ref)
                    )
                    taken.update(window)

    def _correct(self, words: list[str], taken: set[int]) -> None:
        """Misspelt ordinary words ("contributon") become the vocabulary word they meant."""
        shorthand, vocabulary = self.shorthand, self.lex.vocabulary
        for i, word in enumerate(words):
            if i in taken or word in vocabulary or word.isdecimal():
                continue
            if word in shorthand:  # "wen", "hw": typed by habit
                words[i] = shorthand[word]
                continue
            if len(word) < 4:
                continue
            if word in self.dates.months or word in self.dates.time_units:
                continue
            # "late 2016", "the sumer of 2018": a part of the year, not a misspelt "later"
            words[i] = self.dates.part_of_year(words, i, self.lex.stopwords) or self._spelt(word)

    def _spelt(self, word: str) -> str:
        """The vocabulary word ``word`` misspells, or ``word``; remembered (bounded)."""
        return self.spelling.get_or_make(word, lambda: self._correction(word))

    def _correction(self, word: str) -> str:
        hit = process.extractOne(
            word, self.lex.spellable, scorer=fuzz.ratio, score_cutoff=thresholds.SPELLING
        )
        if hit is None and len(word) >= thresholds.SWAP_LENGTH:
            # one letter wrong in a longer word ("budjet"), or two letters swapped ("strat"):
            # taken when one word is that near, or one of the common words of the language
            # answered in ("budget", not "budzet")
            near = process.extract(
                word, self.lex.spellable, scorer=OSA.distance, score_cutoff=1, limit=4
            )
            if len(word) < thresholds.ONE_SLIP_LENGTH:  # a short word: only two letters swapped
                near = [n for n in near if sorted(n[0]) == sorted(word)]
            common = [n for n in near if n[0] in self.lex.common]
            hit = near[0] if len(near) == 1 else common[0] if len(common) == 1 else None
        return hit[0] if hit and not word.startswith(hit[0]) else word  # "meant" is not "mean"

    def _phrases(self, frame: Frame, taken: set[int]) -> set[int]:
        words, phrases, sizes = frame.words, self.lex.phrases, self.lex.phrase_sizes
        taken = taken | {j for s in frame.spans for j in range(s.start, s.end)}
        used: set[int] = set()
        i, n = 0, len(words)
        while i < n:
            step = 1
            for size in () if i in taken else sizes.get(words[i], ()):
                span = range(i, i + size)
                if i + size > n or not taken.isdisjoint(span):
                    continue
                tags = phrases.get(tuple(words[i : i + size]))
                if tags:
                    for tag in tags:
                        found = frame.tags[tag.category]
                        found[tag.value] = found.get(tag.value, 0) + tag.weight
                        frame.spans.append(Span(i, i + size, tag.category, tag.value, tag.weight))
                    used.update(span)
                    step = size
                    break
            i += step
        return used

    @staticmethod
    def _counted(frame: Frame) -> None:
        """ "the EU grants of the 2 biggest projects": a number before a superlative or a noun
        counts them; "of the two" is then no pronoun for the last two named."""
        heads = {s.start for s in frame.spans if s.kind in ("noun", "call_field")}
        heads |= {
            s.start for s in frame.spans if (s.kind, s.value) in (("op", "max"), ("op", "min"))
        }
        for span in [s for s in frame.spans if s.kind == "follow"]:
            if frame.words[span.end - 1].isdecimal() and span.end in heads:
                frame.spans.remove(span)
                frame.tags[span.kind][span.value] -= span.weight

    def _fractions(self, frame: Frame) -> None:
        """ "a quarter of a million", "half a million": a fraction of an amount unit is an
        amount (a fraction of anything else stays the grammar's)."""
        units = [s for s in frame.spans if s.kind == "unit" and s.value in self.amounts.units]
        for part in [s for s in frame.spans if s.kind == "multiple"]:
            gap = frame.words[part.end : part.end + 1]
            at = part.end + 1 if gap and gap[0] in self.lex.stopwords else part.end  # "a"
            unit = next((u for u in units if u.start in (part.end, at)), None)
            if unit is None:
                continue
            value = round(float(part.value) * self.amounts.units[unit.value])
            frame.spans = [s for s in frame.spans if s not in (part, unit)]
            frame.spans.append(Span(part.start, unit.end, "amount", value))
            frame.amounts.append(value)

    def _numbers(
        self,
        frame: Frame,
        taken: set[int],
        amounts: set[str],
        fractions: tuple[dict[str, float], dict[str, float]],
    ) -> None:
        """Digits as amounts, years, percentages or plain numbers; ``fractions``: the
        percentages and decimals whose digits stand for them ("74.5%", "1.5")."""
        percents, decimals = fractions
        taken = taken | {j for s in frame.spans for j in range(s.start, s.end)}
        tops = {s.end for s in frame.spans if s.kind == "op" and s.value in ("max", "min")}
        tops |= {
            s.end for s in frame.spans if (s.kind, s.value) in (("gram", "more"), ("gram", "less"))
        }  # "the cheaper one"
        for i, word in enumerate(frame.words):
            if i in taken or not word.isdecimal():
                continue
            value = int(word)
            if value == 1 and i in tops and not frame.typed(i, i + 1).isdecimal():
                _one_of_them(frame, i)  # "the largest one": a project, not the number
            elif word in percents:
                frame.spans.append(Span(i, i + 1, "percent", Share(percents[word])))
            elif word in decimals:
                frame.spans.append(Span(i, i + 1, "number", decimals[word]))
            elif word in amounts or (value >= 1000 and not is_year(word)):
                frame.amounts.append(value)
                frame.spans.append(Span(i, i + 1, "amount", value))
            elif is_year(word):
                frame.years.append(value)
                first, last = dt.date(value, 1, 1), dt.date(value, 12, 31)
                frame.spans.append(Span(i, i + 1, "date", When(first, last, "year")))
            else:
                frame.small_numbers.append(value)
                frame.spans.append(Span(i, i + 1, "number", value))

    def _leftovers(self, frame: Frame, understood: set[int]) -> None:
        """Words that meant nothing known: unknown names, or subjects for a topic search."""
        lex = self.lex
        topic: dict[str, float] = {}
        content: list[str] = []
        claimed = understood | {j for s in frame.spans for j in range(s.start, s.end)}
        for i, word in enumerate(frame.words):
            if word not in lex.stopwords:
                frame.meaningful += 1
            if i in claimed or word.isdecimal() or word in lex.stopwords:
                continue
            content.append(stem(word))
            if word not in lex.vocabulary:
                frame.unknown.append(frame.typed(i, i + 1))
                frame.unknown_at.append(i)
        for word in content:
            for acronym in lex.topic_index.get(word, ()):
                topic[acronym] = topic.get(acronym, 0.0) + lex.topic_weight[word]
        for phrase_words, acronyms in lex.topic_phrases.items() if content else ():
            n = len(phrase_words)
            if any(tuple(content[j : j + n]) == phrase_words for j in range(len(content))):
                for acronym in acronyms:
                    topic[acronym] = topic.get(acronym, 0.0) + 1.0
        frame.topics = topic


__all__ = ["Match", "Parser", "clean"]


STATISTICS = frozenset(AGGREGATES) - {"count"}  # "typical (median)", "largest (max)"
PARENTHESIS = re.compile(r"\(([^()]*)\)")


def _parenthesised(frame: Frame, text: str) -> None:
    """Words in brackets that say again what the word before them means: "a typical
    (median) budget" is the median, not the average; "the range (max minus min)" and "the
    co-financing rate (EU / total)" are the range and the rate, the bracket a definition."""
    for found in PARENTHESIS.finditer(text):
        start, end = len(tokens(text[: found.start()])), len(tokens(text[: found.end()]))
        inside = [s for s in frame.spans if start <= s.start and s.end <= end]
        before = [s for s in frame.spans if s.end == start and s.kind in ("op", "field")]
        if not inside or not before:
            continue
        ops = [s for s in inside if s.kind == "op" and s.value in STATISTICS]
        if len(inside) == 1 and ops and any(s.value in STATISTICS for s in before):
            frame.spans = [s for s in frame.spans if s not in before]  # "typical (median)"
        elif any(s.kind == "arith" for s in inside):  # a definition: read once, before it
            frame.spans = [s for s in frame.spans if s not in inside]
            frame.spans.append(Span(start, end, "filler", "definition"))


def _between_in_units(frame: Frame) -> None:
    """ "between 76 and 80 percent", "between 250 and 270 thousand": the unit said once, after
    the second number, is the first one's too."""
    at = {s.start: s for s in frame.spans}
    for low in [s for s in frame.spans if s.kind == "number" and isinstance(s.value, int | float)]:
        opened = any(
            s.kind == "cmp" and s.value == "between" and s.end == low.start for s in frame.spans
        )
        joined = any(s.kind == "conj" and s.start == low.end for s in frame.spans)
        high = at.get(low.end + 1)
        if not (opened and joined and high is not None and high.kind in ("percent", "amount")):
            continue
        if high.kind == "percent":
            value: Any = Share(float(low.value))
        else:  # the first number in the second's unit: "250 and 270 thousand"
            units = [
                u for u in (1000, 1_000_000) if 0 < low.value * u <= high.value < low.value * u * 10
            ]
            if not units:
                continue
            value = int(low.value * units[0])
            frame.amounts.append(value)
        frame.spans[frame.spans.index(low)] = low._replace(kind=high.kind, value=value)


def _one_of_them(frame: Frame, i: int) -> None:
    """ "the largest one", "the cheapest one": the word for one after a superlative is
    no number but the thing ranked (a project, or what the question before ranked)."""
    frame.spans.append(Span(i, i + 1, "filler", "one"))


def _headline_noun(frame: Frame, fields: dict[str, Any]) -> None:
    """ "project duration?", "project start?": one project's figure asked in a headline's
    words, of the project talked about (as "the project's duration?"); not "projects ..."
    nor "project budgets" (each project's)."""
    first = [s for s in frame.spans if s.start == 0]
    if [(s.kind, s.end) for s in first] != [("noun", 1)] or first[0].value != "project":
        return
    named = [s for s in frame.spans if s.kind == "field" and s.start == 1]
    said = [" ".join(frame.words[s.start : s.end]) for s in named]
    if named and not any(w in fields[str(s.value)].each for s, w in zip(named, said, strict=True)):
        frame.spans[frame.spans.index(first[0])] = first[0]._replace(kind="follow", value="pronoun")


def _noun_before_a_name(frame: Frame) -> None:
    """ "the project CLUSTERPLUS": the words before a name the bot does not know say what it
    is, they do not point back ("the project" alone is "it")."""
    unknown = set(frame.unknown_at)
    for s in [s for s in frame.spans if (s.kind, s.value) == ("follow", "pronoun")]:
        if s.end in unknown and looks_like_a_name(frame.typed(s.end, s.end + 1)):
            frame.spans[frame.spans.index(s)] = s._replace(kind="noun", value="project")


def _weighed_rest(frame: Frame, stopwords: set[str]) -> None:
    """ "shorter than the others": what it is weighed against, not the rest of the rows
    shown; those words are not understood (the bot says so)."""
    compared = {s.end for s in frame.spans if s.kind == "cmp"}
    for s in [s for s in frame.spans if (s.kind, s.value) == ("follow", "rest")]:
        if s.start not in compared:
            continue
        frame.spans.remove(s)
        for i in range(s.start, s.end):
            if frame.words[i] not in stopwords:
                frame.unknown.append(frame.typed(i, i + 1))
                frame.unknown_at.append(i)


def _between_names(frame: Frame) -> None:
    """ "between CECIL, TCE and ECRI, who got the most?": "between" three names or more is
    among them (no range lies between three values)."""
    for between in [s for s in frame.spans if (s.kind, s.value) == ("cmp", "between")]:
        names, at = 0, between.end
        while True:
            here = [s for s in frame.spans if s.start == at and s.kind in ("project", "conj")]
            if not here:
                break
            names += any(s.kind == "project" for s in here)
            at = max(s.end for s in here)
        if names >= 3:
            frame.spans[frame.spans.index(between)] = between._replace(kind="filler", value="among")


def _elided_calls(frame: Frame, knowledge: Any) -> None:
    """ "the first and the second calls": an ordinal joined to a call named by its
    ordinal is a call too."""
    calls = [s for s in frame.spans if s.kind == "call"]
    if not calls:
        return
    by_number = knowledge.calls_by_number
    ordinals = knowledge.language.ordinals
    for ordinal in [s for s in frame.spans if s.kind == "ordinal"]:
        inside = any(c.start <= ordinal.start < c.end for c in calls)
        joined = any(  # "the first and the second calls", "1st vs 2nd call"
            (s.kind == "conj" or (s.kind, s.value) == ("op", "compare")) and s.start == ordinal.end
            for s in frame.spans
        )
        later = [c for c in calls if ordinal.end < c.start <= ordinal.end + 3]
        named_alike = any(frame.words[c.start] in ordinals for c in later)
        number = int(ordinal.value)
        if not inside and joined and named_alike and number in by_number:
            frame.spans.append(Span(ordinal.start, ordinal.end, "call", by_number[number]))


def _calls_by_noun(frame: Frame, by_number: dict[int, Any]) -> None:
    """ "the second round", "the 2015 batch", "round 2": a call named by a call noun and
    its ordinal, year or number, whatever the noun (the names of calls hold "call")."""
    taken = {i for s in frame.spans if s.kind == "call" for i in range(s.start, s.end)}
    by_year = {call.year: call for call in by_number.values()}
    for noun in [s for s in frame.spans if (s.kind, s.value) == ("noun", "call")]:
        if noun.start in taken:
            continue
        for said in frame.spans:
            if said.end == noun.start and said.kind == "ordinal":
                call = by_number.get(int(said.value))
            elif said.end == noun.start and said.kind == "date" and said.value.grain == "year":
                call = by_year.get(said.value.first.year)
            elif said.start == noun.end and said.kind == "number":
                call = by_number.get(said.value) if isinstance(said.value, int) else None
            else:
                continue
            if call is not None:
                start, end = min(said.start, noun.start), max(said.end, noun.end)
                inside = range(start, end)
                frame.spans[:] = [s for s in frame.spans if s.start not in inside]
                frame.spans.append(Span(start, end, "call", call))
                taken.update(inside)
                break


def _reworded(words: list[str], reworded: list[tuple[tuple[str, ...], list[str]]]) -> list[str]:
    """ "no longer" read as "not anymore", "a smaller one than" as "a smaller than":
    shorthand of several words (before names are looked for)."""
    for said, meant in reworded:
        size, i = len(said), 0
        while i <= len(words) - size:
            if tuple(words[i : i + size]) == said:
                words = [*words[:i], *meant, *words[i + size :]]
                i += len(meant)
            else:
                i += 1
    return words


def _opening_symbols(opening: dict[str, str]) -> re.Pattern[str] | None:
    """The symbols read as words where they open the question: a sign before a figure or a
    word ("- 10k", "/ 3"), a letter only before a figure ("x2", not "xylo")."""
    if not opening:
        return None
    signs = "|".join(re.escape(s) for s in opening if not s.isalpha())
    letters = "|".join(re.escape(s) for s in opening if s.isalpha())
    return re.compile(rf"^\s*(?:({signs})\s*(?=\d|€|[^\W\d]{{2}})|({letters})\s*(?=\d))")


def _symbol(found: re.Match[str], symbols: dict[str, str]) -> str:
    """A symbol read as its word, except between two digits ("15/11/2018" is a date)."""
    text, start, end = found.string, found.start(), found.end()
    if start > 0 and end < len(text) and text[start - 1].isdigit() and text[end].isdigit():
        return found.group(0)
    if found.group(1)[0] in "<>" and text[end : end + 1] not in ("€", *"0123456789"):
        return found.group(0)  # "> 265k" compares; "<b>" is markup, not "less than b"
    return f" {symbols[found.group(1)]} "


def _read_before(first: Match, then: Match) -> bool:
    """Whether two names said exactly overlap, ``first`` starting before ``then``: read from
    the left, the first is the one said ("the first call 2 projects", "the second call one")."""
    exact = min(first.score, then.score) >= thresholds.EXACT_NAME
    return exact and first.start < then.start
