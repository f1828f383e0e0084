"""Read a question into a ``Frame`` of positioned spans: names, fields, operators, values.

Names are found first (they win their words), then dates with their grain and durations,
then phrases longest first, then bare numbers; what is left is unknown or a topic word.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from bot.engine import thresholds
from bot.engine.frame import Duration, Frame, Share, Span, When
from bot.engine.lexicon import Lexicon, stem
from bot.engine.matcher import Match, Matcher
from bot.engine.memo import Memo
from bot.normalise import tokens, tokens_as_typed

_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)  # control and direction characters, and lone surrogates (they cannot be sent as UTF-8)
_SEPARATED = re.compile(r"^\d{1,3}(?:[.,\u00a0\u202f' ]\d{3})+$")
_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_DMY = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")
MONTH_NAMES = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]


def clean(text: str) -> str:
    """Text safe to echo: no control or direction characters, single spaces."""
    text = unicodedata.normalize("NFC", _CONTROL.sub(" ", text))
    return " ".join(text.split())


def _spell_dates(text: str) -> str:
    """ "2016-01-01" and "01/01/2016" become "1 january 2016", so dates are read as words."""

    def iso(m: re.Match[str]) -> str:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        return f" {d} {MONTH_NAMES[mo - 1]} {y} " if 1 <= mo <= 12 else m.group(0)

    def dmy(m: re.Match[str]) -> str:
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        return f" {d} {MONTH_NAMES[mo - 1]} {y} " if 1 <= mo <= 12 else m.group(0)

    return _DMY.sub(dmy, _ISO.sub(iso, text))


def _typed_as_names(text: str, numbers: dict[str, int], count: int) -> set[int]:
    """Positions of words typed like a name ("CLUSTERWIN"): never spelt into another word."""
    typed = tokens_as_typed(text, numbers)[:count]
    return {i for i, w in enumerate(typed) if len(w) >= 4 and w.isupper()}


def _is_year(word: str) -> bool:
    return word.isdecimal() and len(word) == 4 and 1950 <= int(word) <= 2100


class Parser:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self.matcher = Matcher(lexicon)
        self.spelling: Memo[str, str] = Memo(thresholds.MATCH_CACHE)  # as typed -> taken for
        lang = lexicon.knowledge.language
        units = sorted(lang.amount_units, key=len, reverse=True)
        currency = sorted(lang.currency_words, key=len, reverse=True)
        unit_re = "|".join(re.escape(u) for u in units)
        cur_re = "|".join(re.escape(c) for c in currency)
        self.units = {u.lower(): v for u, v in lang.amount_units.items()}
        self.months = dict(lang.months)
        self.maybe_months = dict(lang.ambiguous_months)
        self.time_units = dict(lang.time_units)
        self.whole_units = set(lang.whole_units)
        self.date_edges = sorted(
            (
                (tuple(tokens(t, lexicon.numbers)), edge)
                for edge, ts in lang.date_edges.items()
                for t in ts
            ),
            key=lambda pair: -len(pair[0]),
        )
        self.year_parts = sorted(
            ((tuple(tokens(t, lexicon.numbers)), part) for t, part in lang.year_parts.items()),
            key=lambda pair: -len(pair[0]),
        )
        percent = sorted(lang.percent_words, key=len, reverse=True)
        percent_re = "|".join(r"\s+".join(map(re.escape, w.split())) for w in percent)
        self.percent_re = re.compile(
            rf"(?<![\w.,])(?P<num>\d+(?:[.,]\d+)?)\s*(?:%|(?:{percent_re})(?!\w))",
            re.IGNORECASE,
        )
        self.symbols = dict(lexicon.knowledge.language.symbols)
        self.symbols_re = (
            re.compile(rf"(?<=[\w'’)])\s*({'|'.join(map(re.escape, self.symbols))})\s*(?=[\w(€])")
            if self.symbols
            else None
        )
        self.amount_re = re.compile(
            rf"(?P<pre>(?:{cur_re})\s*)?(?<![\w.,])"
            rf"(?P<num>\d{{1,3}}(?:[.,\u00a0\u202f' ]\d{{3}})+|\d+(?:[.,]\d+)?)"
            rf"(?:\s*(?P<unit>{unit_re}))?(?!\w)(?P<post>\s*(?:{cur_re})(?!\w))?",
            re.IGNORECASE,
        )

    def _symbols(self, text: str) -> str:
        """ "RUE AERO EU + TCE EU": a symbol between two words is read as its word."""
        if self.symbols_re is None or not self.symbols_re.search(text):
            return text
        return self.symbols_re.sub(lambda m: f" {self.symbols[m.group(1)]} ", text)

    def parse(self, text: str) -> Frame:
        """``text`` read into a new ``Frame`` (the engine remembers it by wording)."""
        text = clean(text)
        truncated = len(text) > thresholds.MAX_CHARS
        text = text[: thresholds.MAX_CHARS]
        prepared, percents = self._percents(_spell_dates(self._symbols(text)))
        prepared, amounts = self._amounts(prepared)
        words = tokens(prepared, self.lex.numbers)
        if len(words) > thresholds.MAX_TOKENS:
            truncated = True
            words = words[: thresholds.MAX_TOKENS]
        frame = Frame(text=text, words=words, truncated=truncated)
        frame.typed_from = (prepared, self.lex.numbers)
        taken = self._names(frame)
        self._correct(words, taken | _typed_as_names(prepared, self.lex.numbers, len(words)))
        taken |= self._dates(frame, taken, amounts)
        taken |= self._edges(frame, taken)
        understood = self._phrases(frame, taken)
        self._fractions(frame)
        self._numbers(frame, taken, amounts, percents)
        self._leftovers(frame, taken | understood)
        self._elided_calls(frame)
        frame.spans.sort(key=lambda s: (s.start, -s.end))
        return frame

    def _elided_calls(self, frame: Frame) -> None:
        """ "the first and the second calls": an ordinal joined to a call named by its
        ordinal is a call too."""
        calls = [s for s in frame.spans if s.kind == "call"]
        if not calls:
            return
        by_number = self.lex.knowledge.calls_by_number
        for ordinal in [s for s in frame.spans if s.kind == "ordinal"]:
            if any(c.start <= ordinal.start < c.end for c in calls):
                continue
            joined = {s.start for s in frame.spans if s.kind == "conj" and s.start == ordinal.end}
            if not joined:
                continue
            later = [c for c in calls if ordinal.end < c.start <= ordinal.end + 3]
            ordinals = self.lex.knowledge.language.ordinals
            starts_with_ordinal = any(frame.words[c.start] in ordinals for c in later)
            number = int(ordinal.value)
            if starts_with_ordinal and number in by_number:
                frame.spans.append(Span(ordinal.start, ordinal.end, "call", by_number[number]))

    # -- percentages: "75%", "74.5 per cent" become one number the parser reads as a share --
    def _percents(self, text: str) -> tuple[str, dict[str, float]]:
        found: dict[str, float] = {}

        def replace(m: re.Match[str]) -> str:
            points = float(m.group("num").replace(",", "."))
            word = str(int(points)) if points.is_integer() else str(round(points * 100))
            found[word] = points
            return f" {word} "

        return self.percent_re.sub(replace, text), found

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
                frame.spans.append(
                    Span(match.start, match.end, match.entity.kind, match.entity.ref)
                )
            taken.update(range(match.start, match.end))
        self._repeats(frame, taken)
        frame.names.sort(key=lambda m: m.start)
        return taken

    @staticmethod
    def _repeats(frame: Frame, taken: set[int]) -> None:
        """A name said twice ("RUE AERO vs CLUSTEM: did RUE AERO ...") is a span twice."""
        words = frame.words
        for match in list(frame.names):
            size = match.end - match.start
            for start in range(len(words) - size + 1):
                window = range(start, start + size)
                if any(i in taken for i in window):
                    continue
                if "".join(words[start : start + size]) == match.alias:
                    frame.names.append(
                        Match(match.entity, match.score, start, start + size, match.alias)
                    )
                    frame.spans.append(
                        Span(start, start + size, match.entity.kind, match.entity.ref)
                    )
                    taken.update(window)

    def _correct(self, words: list[str], taken: set[int]) -> None:
        """Misspelt ordinary words ("contributon") become the vocabulary word they meant."""
        for i, word in enumerate(words):
            if i in taken or len(word) < 5 or word.isdecimal() or word in self.lex.vocabulary:
                continue
            if word in self.months or word in self.time_units:
                continue
            words[i] = self._spelt(word)

    def _spelt(self, word: str) -> str:
        """The vocabulary word ``word`` misspells, or ``word``; remembered (bounded)."""
        return self.spelling.get_or_make(word, lambda: self._correction(word))

    def _correction(self, word: str) -> str:
        hit = process.extractOne(
            word, self.lex.spellable, scorer=fuzz.ratio, score_cutoff=thresholds.SPELLING
        )
        if hit is None and len(word) >= thresholds.ONE_SLIP_LENGTH:
            # one letter wrong in a longer word ("budjet"): taken when one word is that near,
            # or one of the common words of the language answered in ("budget", not "budzet")
            near = process.extract(
                word, self.lex.spellable, scorer=Levenshtein.distance, score_cutoff=1, limit=4
            )
            common = [n for n in near if n[0] in self.lex.common]
            hit = near[0] if len(near) == 1 else common[0] if len(common) == 1 else None
        return hit[0] if hit and not word.startswith(hit[0]) else word  # "meant" is not "mean"

    # -- dates with their grain, and durations ----------------------------------------------
    def _month(self, words: list[str], i: int) -> int | None:
        word = words[i]
        if word in self.months:
            return self.months[word]
        if word in self.maybe_months:
            near = [words[j] for j in (i - 1, i + 1) if 0 <= j < len(words)]
            if any(w.isdecimal() for w in near):
                return self.maybe_months[word]
        return None

    def _dates(self, frame: Frame, taken: set[int], amounts: set[str]) -> set[int]:
        words, used = frame.words, set[int]()
        pending: list[tuple[int, int, int, int | None]] = []  # start, end, month, day
        i = 0
        while i < len(words):
            month = self._month(words, i) if i not in taken else None
            if month is None:
                i += self._duration(frame, i, taken | used, amounts)
                continue
            start, end, day = i, i + 1, None
            before = words[i - 1] if i > 0 else ""
            if before.isdecimal() and 1 <= int(before) <= 31 and i - 1 not in taken:
                start, day = i - 1, int(before)
            elif end < len(words) and words[end].isdecimal() and 1 <= int(words[end]) <= 31:
                day, end = int(words[end]), end + 1
            if end < len(words) and _is_year(words[end]):
                self._add_date(frame, start, end + 1, year=int(words[end]), month=month, day=day)
                used.update(range(start, end + 1))
            else:
                pending.append((start, end, month, day))
            i = end + 1
        for start, end, month, day in pending:  # "between February and December 2016"
            year = next((int(w) for w in words[end : end + 5] if _is_year(w)), None)
            if year is not None:
                self._add_date(frame, start, end, year=year, month=month, day=day)
            else:  # "in October": which year is not said, and no reader guesses it
                frame.spans.append(Span(start, end, "month", month))
            used.update(range(start, end))
        return used

    def _edges(self, frame: Frame, taken: set[int]) -> set[int]:
        """ "the end of 2017", "the start of March 2016": the first or last day of a year or
        a month, as a date with the grain of a day."""
        words, used = frame.words, set[int]()
        if not any(_is_year(w) for w in words):
            return used  # an edge of a year or a month needs its year
        for i in range(len(words)):
            for edge_words, edge in self.date_edges:
                if edge_words[0] != words[i]:
                    continue
                j = i + len(edge_words)
                if tuple(words[i:j]) != edge_words or not (taken | used).isdisjoint(range(i, j)):
                    continue
                month = next((s for s in frame.find("date") if s.start == j), None)
                if month is not None and month.value.grain == "month":
                    first, last, end = month.value.first, month.value.last, month.end
                    frame.spans.remove(month)
                elif j < len(words) and j not in taken and _is_year(words[j]):
                    year = int(words[j])
                    first, last, end = dt.date(year, 1, 1), dt.date(year, 12, 31), j + 1
                else:
                    continue
                day = first if edge == "first" else last
                frame.spans.append(Span(i, end, "date", When(day, day, "day")))
                used.update(range(i, end))
                break
        return used | self._year_parts(frame, taken | used)

    def _year_parts(self, frame: Frame, taken: set[int]) -> set[int]:
        """ "the first half of 2016", "Q3 2017": months of a year, as one date range."""
        words, used = frame.words, set[int]()
        if not any(_is_year(w) for w in words):
            return used  # a part of a year needs its year
        for i in range(len(words)):
            for part_words, (month, months) in self.year_parts:
                if part_words[0] != words[i]:
                    continue
                j = i + len(part_words)
                if tuple(words[i:j]) != part_words or not (taken | used).isdisjoint(
                    range(i, j + 1)
                ):
                    continue
                if j >= len(words) or not _is_year(words[j]):
                    continue
                year = int(words[j])
                last_month = month + months - 1
                after = dt.date(year + last_month // 12, last_month % 12 + 1, 1)
                when = When(dt.date(year, month, 1), after - dt.timedelta(days=1), "months")
                frame.spans.append(Span(i, j + 1, "date", when))
                used.update(range(i, j + 1))
                break
        return used

    @staticmethod
    def _add_date(
        frame: Frame, start: int, end: int, *, year: int, month: int, day: int | None
    ) -> None:
        try:
            if day is not None:
                first = last = dt.date(year, month, day)
                grain = "day"
            else:
                first = dt.date(year, month, 1)
                nxt = dt.date(year + month // 12, month % 12 + 1, 1)
                last, grain = nxt - dt.timedelta(days=1), "month"
        except ValueError:
            return
        frame.spans.append(Span(start, end, "date", When(first, last, grain)))

    def _duration(self, frame: Frame, i: int, taken: set[int], amounts: set[str]) -> int:
        """ "24 months" at ``i``: a duration span; returns how many words to move on."""
        words = frame.words
        if i in taken or i + 1 >= len(words) or not words[i].replace(".", "").isdecimal():
            return 1
        at = i + 2 if words[i + 1] in self.whole_units and i + 2 < len(words) else i + 1
        unit = self.time_units.get(words[at])
        if unit is None or words[i] in amounts or _is_year(words[i]) or at in taken:
            return 1
        frame.spans.append(Span(i, at + 1, "duration", Duration(float(words[i]), unit)))
        taken.update(range(i, at + 1))
        return at + 1 - i

    # -- phrases: longest first, each word used once ----------------------------------------
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

    def _fractions(self, frame: Frame) -> None:
        """ "a quarter of a million", "half a million": a fraction of an amount unit is an
        amount (a fraction of anything else stays the grammar's)."""
        units = [s for s in frame.spans if s.kind == "unit" and s.value in self.units]
        for part in [s for s in frame.spans if s.kind == "multiple"]:
            gap = frame.words[part.end : part.end + 1]
            at = part.end + 1 if gap and gap[0] in self.lex.stopwords else part.end  # "a"
            unit = next((u for u in units if u.start in (part.end, at)), None)
            if unit is None:
                continue
            value = round(float(part.value) * self.units[unit.value])
            frame.spans = [s for s in frame.spans if s not in (part, unit)]
            frame.spans.append(Span(part.start, unit.end, "amount", value))
            frame.amounts.append(value)

    def _numbers(
        self, frame: Frame, taken: set[int], amounts: set[str], percents: dict[str, float]
    ) -> None:
        taken = taken | {j for s in frame.spans for j in range(s.start, s.end)}
        for i, word in enumerate(frame.words):
            if i in taken or not word.isdecimal():
                continue
            value = int(word)
            if word in percents:
                frame.spans.append(Span(i, i + 1, "percent", Share(percents[word])))
            elif word in amounts or (value >= 1000 and not _is_year(word)):
                frame.amounts.append(value)
                frame.spans.append(Span(i, i + 1, "amount", value))
            elif _is_year(word):
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
