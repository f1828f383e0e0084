"""How figures read in answers: €201,545 · 15 November 2018 · 24 months · 75.0%."""

from __future__ import annotations

import datetime as dt
import string
from typing import TYPE_CHECKING, Any

from bot.knowledge import NOT_PUBLISHED, Knowledge
from bot.knowledge.plain import MONTHS

if TYPE_CHECKING:
    from bot.knowledge.schema import Call, FieldDef, ProjectBase


def money(value: float) -> str:
    if value < 0:  # "-€52,167", not "€-52,167"
        return "-" + money(-value)
    if float(value).is_integer():
        return f"€{int(value):,}"
    return f"€{value:,.2f}"


def date(value: dt.date) -> str:
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def months_between(start: dt.date, end: dt.date) -> tuple[int, int]:
    """Whole months and leftover days from ``start`` to the day after ``end`` (inclusive end)."""
    after = end + dt.timedelta(days=1)
    months = (after.year - start.year) * 12 + after.month - start.month
    if after.day < start.day:
        months -= 1
    anchor_month = start.month - 1 + months
    year, month = start.year + anchor_month // 12, anchor_month % 12 + 1
    try:
        anchor = dt.date(year, month, start.day)
    except ValueError:  # e.g. 31 February: count from the month's last day
        anchor = (
            dt.date(year, month + 1, 1) - dt.timedelta(days=1)
            if month < 12
            else dt.date(year, 12, 31)
        )
    return months, (after - anchor).days


def duration(months: int, days: int = 0) -> str:
    text = f"{months} month{'s' if months != 1 else ''}"
    if days:
        text += f" and {days} day{'s' if days != 1 else ''}"
    elif months and months % 12 == 0:
        years = months // 12
        text += f" ({years} year{'s' if years != 1 else ''})"
    return text


def percent_apart(share: float, points: float) -> str:
    """A share with as many decimals (up to four) as it takes not to look equal to
    ``points`` when it is not: 94.998% against 95%, not "95.0%"."""
    for decimals in range(1, 5):
        if round(share * 100, decimals) != points:
            return f"{share * 100:.{decimals}f}%"
    return percent(share)


def percent(share: float) -> str:
    return f"{share * 100:.1f}%"


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def call_name(call: Call) -> str:
    return f"the {ordinal(call.number)} call for proposals ({call.year})"


def sentence_case(text: str) -> str:
    """Upper-case the first letter only: "EU contribution" stays, "total budget" -> "Total"."""
    return text[:1].upper() + text[1:]


def join(items: list[str], word: str = "and") -> str:
    if len(items) <= 2:
        return f" {word} ".join(items)
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def _months(start: Any, end: Any) -> float:
    months, days = months_between(start, end)
    return months + days / 31


# how a derived field is computed from the two fields named in its ``of``
DERIVED: dict[str, Any] = {
    "span": _months,
    "ratio": lambda part, whole: part / whole if whole else NOT_PUBLISHED,
    "difference": lambda first, second: first - second,
}


def raw_value(knowledge: Knowledge, project: ProjectBase, name: str) -> Any:
    """The value of a field, derived ones computed: months for a span, a share for a ratio."""
    f = knowledge.fields[name]
    if f.kind not in DERIVED:
        return project.value(name)
    parts = [raw_value(knowledge, project, p) for p in f.of]  # a part may be derived too
    if NOT_PUBLISHED in parts:
        return NOT_PUBLISHED
    return DERIVED[f.kind](*parts)


def _call_text(knowledge: Knowledge, value: Any) -> str:
    call = knowledge.calls_by_number.get(value)
    return call_name(call) if call else f"call {value}"


# how a raw value of each kind reads in an answer
SHOWN: dict[str, Any] = {
    "money": money,
    "difference": money,
    "date": date,
    "ratio": percent,
    "list": lambda value: join(list(value)),
}


def value_text(knowledge: Knowledge, project: ProjectBase, name: str) -> str:
    """A field's value as an answer states it."""
    f: FieldDef = knowledge.fields[name]
    value = raw_value(knowledge, project, name)
    if value == NOT_PUBLISHED:
        return NOT_PUBLISHED
    if f.kind == "span":
        return duration(*months_between(*(project.value(p) for p in f.of)))
    if f.kind == "call":
        return _call_text(knowledge, value)
    return str(SHOWN.get(f.kind, str)(value))


def fill(template: str, knowledge: Knowledge, project: ProjectBase, **extra: str) -> str:
    """Fill ``template`` with the project's formatted fields (only those it names)."""
    names = {n for _, n, _, _ in string.Formatter().parse(template) if n}
    values: dict[str, str] = {"acronym": project.acronym, **extra}
    for name in names - values.keys():
        if name in knowledge.fields:
            values[name] = value_text(knowledge, project, name)
    return template.format(**values)
