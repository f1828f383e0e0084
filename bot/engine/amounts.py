"""Amounts and percentages as people write them ("250,000 euros", "€258.437", "250k",
"2.5 million", "75%", "74.5 per cent") made plain digits in the text, so the words around
them are read as words; which digits were money or a share is remembered."""

from __future__ import annotations

import re

from bot.engine.lexicon import Lexicon

_DECIMAL = re.compile(r"(?<![\w.,])(\d+)[.,](\d{1,2})(?![\w.,]|[.,]\d)")
# "1.5x", "2×": times (not in a name: "ESCP-4x")
_TIMES = re.compile(r"(?<![\w.,-])(\d+(?:[.,]\d+)?)[x×](?!\w)", re.IGNORECASE)
_SEPARATED = re.compile(r"^\d{1,3}(?:[.,\u00a0\u202f' ]\d{3})+$")


class Amounts:
    """Rewrites a question's amounts and percentages; ``units`` are the YAML's amount units
    ("k", "million") with what each multiplies by."""

    def __init__(self, lexicon: Lexicon) -> None:
        lang = lexicon.knowledge.language
        units = sorted(lang.amount_units, key=len, reverse=True)
        currency = sorted(lang.currency_words, key=len, reverse=True)
        unit_re = "|".join(re.escape(u) for u in units)
        cur_re = "|".join(re.escape(c) for c in currency)
        self.units = {u.lower(): v for u, v in lang.amount_units.items()}
        percent = sorted(lang.percent_words, key=len, reverse=True)
        percent_re = "|".join(r"\s+".join(map(re.escape, w.split())) for w in percent)
        self.percent_re = re.compile(
            rf"(?<![\w.,])(?P<num>\d+(?:[.,]\d+)?)\s*(?:%|(?:{percent_re})(?!\w))",
            re.IGNORECASE,
        )
        # "two hundred and eighty thousand": a number in words, read by text2num when one is
        # there (its import is paid only then)
        spelled = sorted(lang.spelled_numbers, key=len, reverse=True)
        # the language the number words are read in: the one the bot answers in
        self.spelled_in = lang.languages.answers_in if lang.languages is not None else "en"
        self.spelled_re = (
            re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, spelled))})(?!\w)", re.IGNORECASE)
            if spelled
            else None
        )
        self.amount_re = re.compile(
            rf"(?P<pre>(?:{cur_re})\s*)?(?<![\w.,])"
            rf"(?P<num>\d{{1,3}}(?:[.,\u00a0\u202f' ]\d{{3}})+|\d+(?:[.,]\d+)?)"
            rf"(?:\s*(?P<unit>{unit_re}))?(?!\w)(?P<post>\s*(?:{cur_re})(?!\w))?",
            re.IGNORECASE,
        )

    def spelled(self, text: str) -> str:
        """ "two hundred and sixty-three thousand and sixty euros": the number in digits."""
        if self.spelled_re is None or not self.spelled_re.search(text):
            return text
        from text_to_num import alpha2digit  # only for numbers in words: 19 ms to import

        return str(alpha2digit(text, self.spelled_in))

    def percents(self, text: str) -> tuple[str, dict[str, float]]:
        found: dict[str, float] = {}

        def replace(m: re.Match[str]) -> str:
            points = float(m.group("num").replace(",", "."))
            word = str(int(points)) if points.is_integer() else str(round(points * 100))
            found[word] = points
            return f" {word} "

        return self.percent_re.sub(replace, text), found

    def decimals(self, text: str) -> tuple[str, dict[str, float]]:
        """ "1.5 times": a number with a fraction that is not money, read as one number (its
        digits stand for it in the text, as a percentage's do)."""
        found: dict[str, float] = {}

        def replace(m: re.Match[str]) -> str:
            word = m.group(1) + m.group(2)
            found[word] = float(f"{m.group(1)}.{m.group(2)}")
            return f" {word} "

        return _DECIMAL.sub(replace, _TIMES.sub(r"\1 times", text)), found

    def amounts(self, text: str) -> tuple[str, set[str]]:
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
