"""The grammar's terminals: the parser's spans as categories with a meaning.

Which words make each span is data (``knowledge/*.yaml``); this table only says which
category a kind of span is ("a ``cmp`` span is a ``$Cmp``"). Words that mean nothing to a
question's structure (stopwords, polite openings, currency words) may be skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from types import MappingProxyType
from typing import Any, NamedTuple

from bot.engine.frame import Frame, Span
from bot.engine.grammar import tree as t
from bot.engine.grammar.chart import Terminal
from bot.engine.grammar.meanings import Order, Pick, Sup

# kinds of span that never carry a question's structure
SKIPPABLE = {"filler", "currency", "yesno", "conj_skip", "why", "degree", "sole"}
# words that ask rather than mean: "what was", "how much", "when" (a date field says which)
PASSABLE = {
    ("call_field", "projects"),  # "how many projects were funded": "funded" adds nothing
    ("op", "card"),
    ("programme", "description"),
    ("op", "quantity"),
    ("call_field", "year"),
    ("follow", "one"),  # "which one is higher": asks, where the question names its values
    ("gram", "already"),  # "began while TCE was already underway": read only where it narrows
    ("follow", "continue"),  # "plus RUE AERO too": ties the question to the last one
    ("follow", "possessive"),  # "above their own budget": their own, in a question of rows
    ("follow", "plural"),  # "in order of when they began": the projects just named
    ("gram", "all"),  # "list all projects": every one, as any list is
}
OPENINGS = {("conj", "and"), ("follow", "continue")}
# a derived field's kind, and the arithmetic that makes it from the two fields it is "of"
ARITHMETIC_OF_KIND = {"difference": "difference", "ratio": "ratio"}
AGGREGATE_OPS = {"sum", "average", "median", "range"}
SHARES = {"$Percent", "$Share"}  # "as a percentage of the total": the total budget


def _op(span: Span) -> list[tuple[str, Any]]:
    value = span.value
    if value in ("max", "min"):
        return [("$Sup", Sup(value == "max"))]
    if value in AGGREGATE_OPS:
        return [("$Agg", value)]
    words: dict[str, list[tuple[str, Any]]] = {
        "quantity": [("$Quantity", None)],
        "compare": [("$Compare", None)],
        "count": [("$Count", None)],
        "rank": [("$Sort", None)],
        "list": [("$List", None)],
    }
    return words.get(value, [])


def _arith(span: Span) -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = [("$Arith", span.value)]
    return [*found, ("$Agg", "sum")] if span.value == "sum" else found


def _noun(span: Span) -> list[tuple[str, Any]]:
    nouns: dict[str, list[tuple[str, Any]]] = {
        "project": [("$Set", t.Every())],
        "programme": [("$Set", t.Every()), ("$Programme", None)],
        "call": [("$CallNoun", None)],
    }
    return nouns.get(span.value, [])


def _programme(span: Span) -> list[tuple[str, Any]]:
    """The programme named ("the programme's budget") is all its projects."""
    return [] if isinstance(span.value, str) else [("$Set", t.Every()), ("$Programme", None)]


def _number(span: Span) -> list[tuple[str, Any]]:
    return [("$Num", span.value)]


def _gram(span: Span) -> list[tuple[str, Any]]:
    if span.value in ("more", "less"):  # "bigger", "smaller": a comparison, not a superlative
        return [("$More", Sup(span.value == "more"))]
    return [("$" + span.value.capitalize(), span.value)]


TERMINALS: dict[str, Callable[[Span], list[tuple[str, Any]]]] = {
    "project": lambda s: [("$Set", t.Named((s.value.acronym,)))],
    "call": lambda s: [("$Set", t.InCall(s.value.number))],
    "noun": _noun,
    "field": lambda s: [("$Field", s.value)],
    # "which projects": the projects asked about (and, after "which call", those it funded)
    "call_field": lambda s: (
        [("$Funded", None), ("$Set", t.Every())] if s.value == "projects" else []
    ),
    "op": _op,
    "arith": _arith,
    "cmp": lambda s: [("$Cmp", s.value)],
    "amount": lambda s: [("$Const", t.Const(s.value))],
    "number": _number,
    "duration": lambda s: [("$Const", t.Const(s.value))],
    "date": lambda s: [("$Const", t.Const(s.value))],
    "percent": lambda s: [("$Const", t.Const(s.value))],
    "ordinal": lambda s: [("$Ord", int(s.value))],
    "programme": _programme,
    "same": lambda s: [("$Same", None)],
    "unit": lambda s: [("$Unit", s.value)] if s.value in ("days", "months", "years") else [],
    "dir": lambda s: [("$Dir", s.value == "desc")],
    "neg": lambda s: [("$Not", None)],
    "conj": lambda s: [("$And", None)],
    "multiple": lambda s: [("$Multiple", float(s.value))],
    "gram": _gram,
    "flag": lambda s: [("$Flag", None)],
    "now": lambda s: [("$Now", None)],
    "per": lambda s: [("$Rate", s.value)] if s.value != "other" else [],
    "follow": lambda s: [("$It", None)] if s.value in ("pronoun", "possessive") else [],
}


class Fields(NamedTuple):
    """What the terminals need to know of the fields and nouns of a knowledge base."""

    call_fields: frozenset[str]  # fields whose values are calls ("which call")
    covers: dict[str, set[str]]  # "the rate covers the EU contribution"
    nouns: frozenset[str]  # nouns for a project ("project", "projet")
    made_of: dict[tuple[str, ...], str]  # ("difference", a, b) -> the derived field
    run: str | None = None  # the field of a project's run, for "overlapped with X"
    own: str | None = None  # the figure a project paid itself ("paid ... themselves")
    money: str | None = None  # the figure "the biggest project" is biggest by
    # words that open a question ("what"): a field phrase never runs across one
    openers: frozenset[str] = frozenset()
    # "total" -> the total budget, in "total minus EU"
    in_arithmetic: Mapping[str, str] = MappingProxyType({})
    differences: frozenset[str] = frozenset()  # fields that are one figure minus another
    # the words naming a field for each of several projects ("budgets"), per field
    each: Mapping[str, frozenset[str]] = MappingProxyType({})
    dates: frozenset[str] = frozenset()  # fields whose values are dates ("ended last")
    # negations that leave something out ("other than", "except"), not "no" or "none of"
    excluding: frozenset[str] = frozenset()
    distributive: frozenset[str] = frozenset()  # "each": every one apart, not all together


def _of_spans(frame: Frame, fields: Fields) -> list[Terminal]:
    """The terminals each span makes (``TERMINALS``), with what the spans around it change:
    "the INNO-DROP project" is one project; "the project that ran ..." a clause, not "it"."""
    call_fields, nouns = fields.call_fields, fields.nouns
    found: list[Terminal] = []
    named_ends = {s.end for s in frame.spans if s.kind == "project"}
    noun_ends = {  # "the project", said as a noun or as a pointer holding one
        s.end
        for s in frame.spans
        if s.kind == "noun" or (s.kind == "follow" and nouns & set(frame.words[s.start : s.end]))
    }
    relative = (
        {  # "that" right after "the project"
            s.start
            for s in frame.spans
            if (s.kind, s.value) == ("follow", "pronoun")
            and not nouns & set(frame.words[s.start : s.end])
        }
        & noun_ends
    )
    for span in frame.spans:
        if span.kind == "noun" and span.start in named_ends:
            continue  # "the INNO-DROP project" names one project, not every one
        pointer = (span.kind, span.value) == ("follow", "pronoun")
        noun = nouns & set(frame.words[span.start : span.end])
        if pointer and span.start in noun_ends and not noun:
            continue  # "the project that ran ...": a clause about the noun, not "it"
        if span.kind == "follow" and noun:
            found.append(Terminal(span.start, span.end, "$Set", t.Every(), "$Set:pronoun"))
            if pointer and span.end in relative:
                continue  # "the project that ran ...": the projects a clause describes
        if span.kind == "field" and span.value in call_fields:
            found.append(Terminal(span.start, span.end, "$CallNoun", None, "$CallNoun:field"))
        made = TERMINALS.get(span.kind)
        for category, sem in made(span) if made else ():
            weak = ":weak" if span.weight < 2 else ""  # "got", "funded": a field by a verb
            found.append(
                Terminal(span.start, span.end, category, sem, f"{category}:{span.kind}{weak}")
            )
    return found


def terminals(frame: Frame, fields: Fields, skip: Sequence[bool] = ()) -> list[Terminal]:
    """Every terminal the question's spans make, and one ``$Pick`` where a single word is
    both a superlative and a field ("longest"). A field whose values are calls ("which
    call") also names the calls."""
    found = _lengths(_of_spans(frame, fields))
    sums = {(x.start, x.end) for x in found if x.category == "$Arith"}
    found = [x for x in found if x.category != "$And" or (x.start, x.end) not in sums]  # "plus"
    compared = {(x.start, x.end) for x in found if x.category == "$More"}
    # "shorter than", "cheaper than": a comparison of its own field, never that field alone
    bound = {
        (x.start, x.end): x.sem
        for x in found
        if x.category == "$Field" and (x.start, x.end) in compared
    }
    found = [x for x in found if x.category != "$Field" or (x.start, x.end) not in bound]
    found += [
        Terminal(x.start, x.end, "$MoreOf", (x.sem, bound[(x.start, x.end)]), "$MoreOf:word")
        for x in found
        if x.category == "$More" and (x.start, x.end) in bound
    ]
    found = [x for x in found if x.category != "$Sup" or (x.start, x.end) not in compared]
    # a word that is a superlative of its own field ("shortest", "cheapest") is no bare
    # superlative of another ("the shortest project's EU money" is not the smallest grant);
    # a field only by a weak reading, or a place in a list too ("last"), may be either
    places = {(s.start, s.end) for s in frame.spans if s.kind == "limit"}
    named = {
        (x.start, x.end)
        for x in found
        if x.category == "$Field"
        and not x.name.endswith(":weak")
        and (x.start, x.end) not in places
    }
    found = _from_the_end(found, frame)
    found = _last_in_ranking(found, frame, fields.dates)
    found = [_excluding(x, frame, fields.excluding) if x.category == "$Not" else x for x in found]
    found = [_apart(x, frame, fields.distributive) if x.category == "$All" else x for x in found]
    found = _picks(_dated(found, fields.dates), named, fields)
    # "ECRI total minus EU", "EU divided by total": "total" is a field only right beside an
    # arithmetic word, and only where no field phrase ("total budget") has it already
    arith = {x.start for x in found if x.category == "$Arith"}
    arith |= {x.end - 1 for x in found if x.category == "$Arith"}
    worded = {i for x in found if x.category == "$Field" for i in range(x.start, x.end)}
    # "as a percentage of the total?": after a share of it, "total" is the total budget
    of_whole = {_passed(x.end, skip) for x in found if x.category in SHARES}
    found += [
        Terminal(i, i + 1, "$Field", fields.in_arithmetic[w], "$Field:elliptic")
        for i, w in enumerate(frame.words)
        if w in fields.in_arithmetic and i in of_whole and i not in worded
    ]
    elliptic = [
        Terminal(i, i + 1, "$Field", fields.in_arithmetic[w], "$Field:elliptic")
        for i, w in enumerate(frame.words)
        if w in fields.in_arithmetic and (i + 1 in arith or i - 1 in arith) and i not in worded
    ]
    found += _defined_fields(found + elliptic, fields.made_of, skip)
    found += _tops(frame) + _said_twice(found) + _each(found, frame, fields.each)
    if fields.own is not None:  # "paid more than 25% of their budget themselves"
        found = [x._replace(sem=fields.own) if x.category == "$Itself" else x for x in found]
    if fields.call_fields:  # "in the same call as ECRI": the field whose values are calls
        call = min(fields.call_fields)
        found = [x._replace(sem=call) if x.category == "$CallNoun" else x for x in found]
        found += _calls_of(found)
    if fields.run is not None:  # "overlapped with X": the runs overlap
        found += [
            Terminal(x.start, x.end, "$Overlap", fields.run, "$Overlap:arith")
            for x in found
            if x.category == "$Arith" and x.sem == "overlap"
        ]
    # "X's EU share - what's its budget": two questions, not one field across "what"; "the
    # percent of all EU money": a whole ("all"), not one field across a word that means more
    meant = {i for s in frame.spans if s.kind != "filler" for i in range(s.start, s.end)}
    joining = [
        s and i < len(frame.words) and frame.words[i] not in fields.openers and i not in meant
        for i, s in enumerate(skip)
    ]
    merged = _merged_fields(found, fields, joining)
    return found + merged + _verb_picks(found, merged) + _ordered_by(found)


def _ordered_by(found: list[Terminal]) -> list[Terminal]:
    """ "cheapest to most expensive": words that are an order and its field at once."""
    dirs = {(x.start, x.end): x.sem for x in found if x.category == "$Dir"}
    return [
        Terminal(x.start, x.end, "$Order", Order(x.sem, dirs[(x.start, x.end)]), "$Order:dir")
        for x in found
        if x.category == "$Field" and (x.start, x.end) in dirs
    ]


def _verb_picks(found: list[Terminal], merged: list[Terminal]) -> list[Terminal]:
    """ "ran longest", "lasted longest": a verb of a field before that field's superlative
    picks by it, as the superlative alone does."""
    picks = [x for x in found if x.category == "$Pick" and x.name == "$Pick:word"]
    return [
        Terminal(m.start, m.end, "$Pick", x.sem, "$Pick:verb")
        for m in merged
        for x in picks
        if x.end == m.end and x.start > m.start and x.sem.field == m.sem
    ]


def _calls_of(found: list[Terminal]) -> list[Terminal]:
    """ "ECRI's call", "its call": the projects of the call a project is in (its call's
    project found later, from the rest of the question)."""
    nouns = {x.start: x.end for x in found if x.category == "$CallNoun"}
    made: list[Terminal] = []
    for x in found:
        end = nouns.get(x.end)
        one = isinstance(x.sem, t.Named) and len(x.sem.acronyms) == 1
        if end is not None and x.category == "$Set" and one:
            made.append(Terminal(x.start, end, "$Set", t.CallOf(x.sem), "$Set:call-of"))
        if end is not None and x.category == "$It":
            made.append(Terminal(x.start, end, "$Set", t.CallOf(None), "$Set:its-call"))
    return made


def _each(
    found: list[Terminal], frame: Frame, each: Mapping[str, frozenset[str]]
) -> list[Terminal]:
    """ "the budgets of the call 2 projects", "call 2 projects with their EU money": a field
    named for each of several projects (in the plural, or after "their")."""
    theirs = {s.end for s in frame.spans if (s.kind, s.value) == ("follow", "possessive")}
    return [
        Terminal(x.start, x.end, "$Fields", x.sem, "$Fields:each")
        for x in found
        if x.category == "$Field"
        and (
            " ".join(frame.words[x.start : x.end]) in each.get(x.sem, frozenset())
            or x.start in theirs
        )
    ]


def _said_twice(found: list[Terminal]) -> list[Terminal]:
    """ "the average EU grant per project": an aggregate said before and after its field
    ("per project" is an average too) is said once; the field takes in the second."""
    aggs = [x for x in found if x.category == "$Agg"]
    return [
        Terminal(f.start, a.end, "$Field", f.sem, "$Field:said-twice")
        for f in found
        if f.category == "$Field"
        for a in aggs
        if a.start == f.end and any(b.end == f.start and b.sem == a.sem for b in aggs)
    ]


def _tops(frame: Frame) -> list[Terminal]:
    """ "the top 3", "bottom 2": a place in a ranking that is neither an ordinal ("first")
    nor a superlative ("last"), so its direction is its own."""
    other = {(s.start, s.end) for s in frame.spans if s.kind in ("ordinal", "op")}
    return [
        Terminal(s.start, s.end, "$Top", Sup(s.value == "top"), "$Top:limit")
        for s in frame.spans
        if s.kind == "limit" and (s.start, s.end) not in other
    ]


def _defined_fields(
    found: list[Terminal], made_of: dict[tuple[str, ...], str], skip: Sequence[bool] = ()
) -> list[Terminal]:
    """ "budget minus EU money", "the gap between its budget and its EU contribution" said
    for the own contribution: a field, an arithmetic word and a field that define a derived
    field are that field."""
    fields = [x for x in found if x.category == "$Field"]
    ops = {(x.start, x.end): x.sem for x in found if x.category == "$Arith"}
    # "total budget less EU": "less" between two fields is a minus
    ops |= {
        (x.start, x.end): "difference"
        for x in found
        if x.category == "$More" and not x.sem.descending and x.end - x.start == 1
    }
    joins = {x.start for x in found if x.category == "$And"}

    def joined(first: int, last: int) -> bool:  # only "and" or words that pass unread between
        return all(i in joins or (i < len(skip) and skip[i]) for i in range(first, last))

    defined: list[Terminal] = []
    for a in fields:
        for b in fields:
            for (start, end), op in ops.items():
                name = made_of.get((op, a.sem, b.sem))
                if name and a.end == start and joined(end, b.start):  # "A minus (its) B"
                    defined.append(Terminal(a.start, b.end, "$Field", name, "$Field:defined"))
                before = name and joined(end, a.start) and a.end < b.start  # "gap between A and B"
                anded = any(i in joins for i in range(a.end, b.start))
                if before and anded and joined(a.end, b.start):
                    defined.append(Terminal(start, b.end, "$Field", name, "$Field:defined"))
    return defined


def _merged_fields(
    found: list[Terminal], fields_of: Fields, skip: Sequence[bool] = ()
) -> list[Terminal]:
    """Field words side by side, or with only skippable words between, that name one field
    ("EU co-funding rate", "the EU share of its budget": the rate covers the EU contribution
    and the total budget) are that field; a part named before a difference is not it ("EU
    money put in itself", but "the non-EU part of its budget")."""
    covers, differences = fields_of.covers, fields_of.differences
    fields = [x for x in found if x.category == "$Field"]
    merged: list[Terminal] = []
    for _ in range(2):  # a merged field merges once more ("EU share" + "of its budget")
        made = [
            Terminal(a.start, b.end, "$Field", sem, _merged_name(a, sem))
            for a in fields
            for b in fields
            if _between(a, b, skip)
            and not (b.sem in differences and a.sem in covers.get(b.sem, ()))
            and (sem := _merged(a, b, covers)) is not None
        ]
        new = [m for m in made if m not in merged and m not in fields]
        if not new:
            break
        merged += new
        fields += new
    return merged


def _merged_name(a: Terminal, sem: str) -> str:
    """A verb before its own field ("receive from the EU") is as weak as the verb."""
    return "$Field:merged:weak" if a.name.endswith(":weak") and sem == a.sem else "$Field:merged"


def _between(a: Terminal, b: Terminal, skip: Sequence[bool]) -> bool:
    """Whether ``b`` follows ``a`` with at most two skippable words between."""
    gap = range(a.end, b.start)
    return a.end <= b.start and len(gap) <= 2 and all(i < len(skip) and skip[i] for i in gap)


def _merged(a: Terminal, b: Terminal, covers: dict[str, set[str]]) -> str | None:
    """The field two field words side by side name; a weak one ("when") gives way to a
    strong one ("when they began": the start)."""
    weak_a, weak_b = a.name.endswith(":weak"), b.name.endswith(":weak")
    if weak_a != weak_b and (a.sem in covers.get(b.sem, ()) or b.sem in covers.get(a.sem, ())):
        return str(b.sem if weak_a else a.sem)
    if weak_a or weak_b:  # "budget receive(d) from the EU": a verb joins, it names no rate
        return a.sem if a.sem == b.sem else None
    return _one_field(a.sem, b.sem, covers)


def _one_field(a: str, b: str, covers: dict[str, set[str]]) -> str | None:
    if a == b or a in covers.get(b, ()):
        return b
    if b in covers.get(a, ()):
        return a
    # "the non-EU part in percent": the one field that covers both (the own share)
    both = [name for name, covered in covers.items() if {a, b} <= covered]
    return both[0] if len(both) == 1 else None


def _excluding(x: Terminal, frame: Frame, excluding: frozenset[str]) -> Terminal:
    """A negation that leaves something out ("other than ECRI, ...") says so."""
    said = " ".join(frame.words[x.start : x.end])
    return x._replace(sem="excluding") if said in excluding else x


def _apart(x: Terminal, frame: Frame, distributive: frozenset[str]) -> Terminal:
    """An "all" that means each one apart ("of each project") says so."""
    said = " ".join(frame.words[x.start : x.end])
    return x._replace(sem="each") if said in distributive else x


def _from_the_end(found: list[Terminal], frame: Frame) -> list[Terminal]:
    """ "penultimate": a place counted from the end (the second latest, or the second
    smallest by a figure), never the second from the start."""
    bottom = {(s.start, s.end) for s in frame.spans if (s.kind, s.value) == ("limit", "bottom")}
    ends = [x for x in found if x.category == "$Ord" and (x.start, x.end) in bottom]
    if not ends:
        return found
    kept = [x for x in found if x not in ends]
    return kept + [
        Terminal(x.start, x.end, "$Sup", Sup(True, int(x.sem) - 1), "$Sup:op") for x in ends
    ]


def _picks(found: list[Terminal], named: set[tuple[int, int]], fields: Fields) -> list[Terminal]:
    """A superlative by the default figure ("the 5 biggest projects"), and one ``$Pick``
    where a single word is both a superlative and a field ("longest"): "latest" alone is the
    latest start, but in "the latest end date" it is the end's own superlative."""
    weak = [x for x in found if x.category == "$Field" and x.name.endswith(":weak")]
    sups = {(x.start, x.end): x.sem for x in found if x.category == "$Sup"}
    found = [x for x in found if x.category != "$Sup" or (x.start, x.end) not in named]
    if fields.money is not None:  # "the 5 biggest projects": by the default figure, only so
        by = "$ByDefault"
        found += [
            Terminal(
                x.start,
                x.end,
                by,
                Pick(fields.money, x.sem.descending, dated=x.sem.dated, assumed=True),
                by,
            )
            for x in found
            if x.category == "$Sup"
        ]
    dated = any(x.category == "$Field" and x.sem in fields.dates and x not in weak for x in found)
    for x in list(found):
        if x.category == "$Field" and (x.start, x.end) in sups and not (dated and x in weak):
            pick = Pick(x.sem, sups[(x.start, x.end)].descending)
            found.append(Terminal(x.start, x.end, "$Pick", pick, "$Pick:word"))
    return found


def _dated(found: list[Terminal], dates: frozenset[str]) -> list[Terminal]:
    """ "the earliest project": a superlative that is a date's word too ranks by a date only
    (the EU money of the earliest project is not the smallest grant)."""
    timed = {(x.start, x.end) for x in found if x.category == "$Field" and x.sem in dates}
    return [
        x._replace(sem=x.sem._replace(dated=True))
        if x.category == "$Sup" and (x.start, x.end) in timed
        else x
        for x in found
    ]


def _last_in_ranking(found: list[Terminal], frame: Frame, dates: frozenset[str]) -> list[Terminal]:
    """ "who's last in call 1 in terms of EU money": a word that is the latest and the
    bottom place ("last") is the bottom of a ranking by a figure when the question names a
    figure and no date."""
    bottom = {(s.start, s.end) for s in frame.spans if (s.kind, s.value) == ("limit", "bottom")}
    lasts = {(x.start, x.end) for x in found if x.category == "$Sup" and x.sem.descending}
    lasts &= bottom
    fields = [x for x in found if x.category == "$Field" and (x.start, x.end) not in lasts]
    if not lasts or not fields or any(x.sem in dates for x in fields):
        return found
    return [
        x._replace(sem=x.sem._replace(descending=False))
        if x.category == "$Sup" and (x.start, x.end) in lasts
        else x
        for x in found
    ]


def _lengths(found: list[Terminal]) -> list[Terminal]:
    """ "how many months longer did A run than B": "how many" before a unit of time asks a
    length (as "how much" does), never a number of projects."""
    units = {x.start for x in found if x.category == "$Unit"}
    counts = [x for x in found if x.category == "$Count" and x.end in units]
    kept = [x for x in found if x not in counts]
    return (
        kept
        + [x._replace(sem="length") for x in counts]
        + [Terminal(x.start, x.end, "$Quantity", None, "$Quantity:length") for x in counts]
    )


def skippable(
    frame: Frame, stopwords: set[str] | frozenset[str], figures: frozenset[str] = frozenset()
) -> list[bool]:
    """Per word: whether a derivation may pass over it (it means nothing structural).
    ``figures``: the fields a weak word is read as when the question names no field outright
    ("what did the EU contribute to ...": the EU contribution, not "who")."""
    strong: set[int] = set()
    named_ends = {s.end for s in frame.spans if s.kind == "project"}
    # "what did the EU contribute to the cheapest project?": with no field named outright,
    # the weak ones are the figure asked for, and are read
    # ("cheapest" names its field only to rank by it)
    tops = {(s.start, s.end) for s in frame.spans if s.kind == "op" and s.value in ("max", "min")}
    fieldless = not any(
        s.kind == "field" and s.weight >= 2 and (s.start, s.end) not in tops for s in frame.spans
    )
    # "..., yeah?": a closing yes/no tag is that, not a reply to the bot ("yeah")
    tagged = {
        i
        for s in frame.spans
        if (s.kind, s.value) == ("yesno", "tag") and s.end == len(frame.words)
        for i in range(s.start, s.end)
    }
    # "did all projects ...?": a yes/no question about all of them needs its "all" read (not
    # "the smallest of all"): right after the asking word, before the projects
    alls = any((s.kind, s.value) == ("gram", "all") for s in frame.spans)
    nouns = {s.start for s in frame.spans if s.kind in ("noun", "call_field")}
    opens = {0, after_scope(frame, stopwords)} if alls else {0}
    asked = {s.end for s in frame.spans if s.kind == "yesno" and s.start in opens}
    asked_all = {
        s.start
        for s in frame.spans
        if s.start in asked
        and (s.kind, s.value) == ("gram", "all")
        and _next_said(frame, s.end, stopwords) in nouns
    }
    meaningless: set[int] = _across_all(frame, stopwords, nouns)
    for span in frame.spans:
        if span.kind == "noun" and span.start in named_ends:
            continue  # "the INNO-DROP project": the noun only says what the name is
        if span.kind == "conversation" and set(range(span.start, span.end)) <= tagged:
            continue
        # a weak field word ("get"), "what was" opening a question, or a one-word pronoun
        # joining a clause ("the project that started last") may pass unused
        weak = span.kind == "field" and span.weight < 2
        weak &= not (fieldless and span.value in figures)
        weak |= (span.kind, span.value) in PASSABLE and span.start not in asked_all
        weak |= (span.kind, span.value) == ("follow", "pronoun") and span.end - span.start == 1
        # a preposition read as a comparison ("on the page") may pass unused
        weak |= (
            span.kind == "cmp"
            and span.end - span.start == 1
            and frame.words[span.start] in stopwords
        )
        if span.kind not in SKIPPABLE and not weak:
            strong.update(range(span.start, span.end))
    joining: set[int] = set()
    sames = {(s.start, s.end) for s in frame.spans if s.kind == "same"}
    for span in frame.spans:
        if (span.start, span.end) in sames and span.kind == "follow":
            continue  # "same end date as MATERIALIX": a comparison, not "same for ECRI"
        # "and which call ...?": a question opened by a joining word continues the talk; its
        # own words decide what it asks
        opening = span.start == 0 and (span.kind, span.value) in OPENINGS
        if span.kind in SKIPPABLE:
            meaningless.update(range(span.start, span.end))
        if opening or (span.kind, span.value) == ("gram", "verb"):  # "went to": passed over
            joining.update(range(span.start, span.end))
    # a known word no phrase claims ("overall" alone) means nothing here, as for the readers;
    # a word the bot does not know is never passed over
    covered = {i for span in frame.spans for i in range(span.start, span.end)}
    weak_only = covered - strong - meaningless - joining  # "recieve": a field by a verb
    unknown = set(frame.unknown_at)
    return [
        i in joining
        or (
            i not in strong
            and (w in stopwords or i in meaningless or i not in covered or i in weak_only)
            and i not in unknown
        )
        for i, w in enumerate(frame.words)
    ]


def _across_all(frame: Frame, stopwords: Collection[str], nouns: set[int]) -> set[int]:
    """ "what was the EU total across all projects?": "across all projects" closing the
    question says what any figure is of without it (every project), and is passed over."""
    spans = {(s.kind, s.value, s.start): s for s in frame.spans}
    for (kind, value, start), s in spans.items():
        every = spans.get(("gram", "all", s.end))
        if (kind, value) != ("cmp", "during") or every is None:
            continue
        noun = _next_said(frame, every.end, stopwords)
        if noun in nouns and _next_said(frame, noun + 1, stopwords) == len(frame.words):
            return set(range(start, noun + 1))
    return set()


def _passed(at: int, skip: Sequence[bool]) -> int:
    """The place of the first word from ``at`` on that a derivation may not pass over."""
    while at < len(skip) and skip[at]:
        at += 1
    return at


def _next_said(frame: Frame, at: int, stopwords: Collection[str]) -> int:
    """The place of the first word from ``at`` on that is not a stopword."""
    while at < len(frame.words) and frame.words[at] in stopwords:
        at += 1
    return at


def after_scope(frame: Frame, stopwords: Collection[str]) -> int:
    """Where a question opens after a scope said first ("in the first call, did ...",
    "during 2017, were ..."): the first word after it (0 when there is none)."""
    if not any(s.kind == "cmp" and s.start == 0 for s in frame.spans):
        return 0  # ("call 1 or call 2, which ...": no scope)
    at, scoped = 0, False
    while True:
        here = [s for s in frame.spans if s.start == at and s.kind in SCOPE_FIRST]
        bare = not any(s.start <= at < s.end for s in frame.spans)
        if bare and at < len(frame.words) and frame.words[at] in stopwords:
            at += 1  # "in the first call"
            continue
        if not here:
            return at if scoped else 0
        scoped |= any(s.kind in ("call", "date") for s in here)
        at = max(s.end for s in here)


# the kinds of words a scope said before the question is made of
SCOPE_FIRST = ("cmp", "call", "date", "filler")
