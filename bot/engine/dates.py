"""Dates with their grain, in a question's words: "2016" is a year, "October 2016" a month,
"31 December 2017" a day, "the end of 2017" its last day, "the first half of 2016" six
months; a month with no year is kept as such; and durations ("24 months")."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection

from rapidfuzz import fuzz, process

from bot.engine import thresholds
from bot.engine.frame import Duration, Frame, Span, When
from bot.engine.lexicon import Lexicon
from bot.normalise import tokens

_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_DMY = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")
_DAY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?")
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


def spell_dates(text: str) -> str:
    """ "2016-01-01" and "01/01/2016" become "1 january 2016", so dates are read as words."""

    def iso(m: re.Match[str]) -> str:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        return f" {d} {MONTH_NAMES[mo - 1]} {y} " if 1 <= mo <= 12 else m.group(0)

    def dmy(m: re.Match[str]) -> str:
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        return f" {d} {MONTH_NAMES[mo - 1]} {y} " if 1 <= mo <= 12 else m.group(0)

    return _DMY.sub(dmy, _ISO.sub(iso, text))


def _day(word: str) -> int | None:
    """A day of a month as written: "1", "01", "1st", "22nd"."""
    found = _DAY.fullmatch(word)
    day = int(found.group(1)) if found else 0
    return day if 1 <= day <= 31 else None


def is_year(word: str) -> bool:
    return word.isdecimal() and len(word) == 4 and 1950 <= int(word) <= 2100


class Dates:
    """Finds the dates and durations of a frame's words, from the YAML's month names,
    time units and phrases for the edges and parts of a year."""

    def __init__(self, lexicon: Lexicon) -> None:
        lang = lexicon.knowledge.language
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
        self.part_words = {w for t in lang.year_parts for w in tokens(t, lexicon.numbers)}
        self.year_parts = sorted(
            ((tuple(tokens(t, lexicon.numbers)), part) for t, part in lang.year_parts.items()),
            key=lambda pair: -len(pair[0]),
        )

    def _month(self, words: list[str], i: int) -> int | None:
        word = words[i]
        if word in self.months:
            return self.months[word]
        if word in self.maybe_months:
            near = [words[j] for j in (i - 1, i + 1) if 0 <= j < len(words)]
            if any(w.isdecimal() for w in near):
                return self.maybe_months[word]
        return None

    def find(self, frame: Frame, taken: set[int], amounts: set[str]) -> set[int]:
        words, used = frame.words, set[int]()
        pending: list[tuple[int, int, int, int | None]] = []  # start, end, month, day
        i = 0
        while i < len(words):
            month = self._month(words, i) if i not in taken else None
            if month is None:
                i += self._duration(frame, i, taken | used, amounts)
                continue
            start, end, day = i, i + 1, None
            before = _day(words[i - 1]) if i > 0 and i - 1 not in taken else None
            of = i > 1 and words[i - 1] == "of" and i - 2 not in taken  # "the 3rd of March"
            of_day = _day(words[i - 2]) if of else None
            after = _day(words[end]) if end < len(words) else None
            if before is not None:
                start, day = i - 1, before
            elif of_day is not None:
                start, day = i - 2, of_day
            elif after is not None:
                day, end = after, end + 1
            if end < len(words) and is_year(words[end]):
                self._add_date(frame, start, end + 1, year=int(words[end]), month=month, day=day)
                used.update(range(start, end + 1))
            else:
                pending.append((start, end, month, day))
            i = end + 1
        for start, end, month, day in pending:  # "between February and December 2016"
            year = next((int(w) for w in words[end : end + 5] if is_year(w)), None)
            if year is not None:
                self._add_date(frame, start, end, year=year, month=month, day=day)
            else:  # "in October": which year is not said, and no reader guesses it
                frame.spans.append(Span(start, end, "month", month))
            used.update(range(start, end))
        return used

    def edges(self, frame: Frame, taken: set[int]) -> set[int]:
        """ "the end of 2017", "the start of March 2016": the first or last day of a year or
        a month, as a date with the grain of a day."""
        words, used = frame.words, set[int]()
        if not any(is_year(w) for w in words):
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
                elif j < len(words) and j not in taken and is_year(words[j]):
                    year = int(words[j])
                    first, last, end = dt.date(year, 1, 1), dt.date(year, 12, 31), j + 1
                else:
                    continue
                day = first if edge == "first" else last
                frame.spans.append(Span(i, end, "date", When(day, day, "day")))
                used.update(range(i, end))
                break
        return used | self._year_parts(frame, taken | used)

    def part_of_year(self, words: list[str], i: int, stopwords: Collection[str]) -> str | None:
        """The part of a year ``words[i]`` is (as typed or misspelt), when a year follows it
        ("late 2016", "the sumer of 2018"), or ``None``."""
        after = [w for w in words[i + 1 : i + 3] if w not in stopwords][:1]
        if not after or not is_year(after[0]):
            return None
        part = process.extractOne(
            words[i], self.part_words, scorer=fuzz.ratio, score_cutoff=thresholds.SPELLING
        )
        return None if part is None else str(part[0])

    def _year_parts(self, frame: Frame, taken: set[int]) -> set[int]:
        """ "the first half of 2016", "Q3 2017": months of a year, as one date range."""
        words, used = frame.words, set[int]()
        if not any(is_year(w) for w in words):
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
                if j >= len(words) or not is_year(words[j]):
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
        if unit is None or words[i] in amounts or is_year(words[i]) or at in taken:
            return 1
        frame.spans.append(Span(i, at + 1, "duration", Duration(float(words[i]), unit)))
        taken.update(range(i, at + 1))
        return at + 1 - i
