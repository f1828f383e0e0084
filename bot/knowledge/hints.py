"""What a value the loader refuses was probably meant to be, for its error message.

``€258.437`` is an amount written as the page writes it (``.`` between thousands): meant
as 258437. ``2016-02-30`` is written as a date but names no day: said as an impossible
date, not as a date in the wrong format.
"""

from __future__ import annotations

import calendar
import re

from bot.knowledge.plain import MONTHS

# whole euros with a separator between thousands (. , ' or a space), a currency around them
_GROUPED = re.compile(r"\d{1,3}(?:([.,' \u00a0\u202f])\d{3})(?:\1\d{3})*|\d+")
_CURRENCY = re.compile(r"^(?:€|eur\b|euros?\b)\s*|\s*(?:€|eur|euros?)$", re.IGNORECASE)
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def amount_meant(raw: str) -> int | None:
    """The whole euros ``raw`` stands for when only separators or a currency stop it
    being read ("€258.437", "258,437", "258 437 EUR"), else ``None``."""
    text = _CURRENCY.sub("", raw.strip()).strip()
    if text == raw.strip() and text.isdigit():
        return None  # nothing to take away: not this mistake
    if not _GROUPED.fullmatch(text):
        return None
    return int(re.sub(r"\D", "", text))


def impossible_date(raw: str) -> str | None:
    """Why ``raw``, written YYYY-MM-DD, names no day ("February 2016 has 29 days"), or
    ``None`` when it is not written so or is a real day."""
    match = _ISO_DAY.fullmatch(raw.strip())
    if not match:
        return None
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    days = calendar.monthrange(year, month)[1]
    if 1 <= day <= days:
        return None
    return f"{MONTHS[month - 1]} {year} has {days} days"
