"""A fragment after a composed answer, read as the composed question again: "and their EU
contributions?" after "the sum of the budgets of CECIL and TCE" asks that sum of the EU
contributions; "by how much?" after "which call got more EU money" asks the question with
those words added. The grammar's trees are not edited like the readers' queries: the words
are, and the grammar reads them again."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from bot.engine.aggregates import AGGREGATE_OPS
from bot.engine.context import Context
from bot.engine.frame import Frame, Span, When
from bot.engine.interpret.question import ORDER_OPS
from bot.engine.query import Query
from bot.engine.referents import TYING, Referents, list_shown, rows_placed, shown_field
from bot.knowledge import Knowledge
from bot.normalise import tokens

# what a fragment may swap in the question before it: one figure, call, project or aggregate
SWAPPED = ("field", "call", "project", "op", "date")
# operations one takes the place of another of ("and the smallest?" after "the largest")
OP_KINDS = (frozenset(ORDER_OPS), frozenset(AGGREGATE_OPS))


def added(before: Frame, fragment: Frame) -> str:
    """ "which call got more EU money" and "by how much": the two said as one."""
    return f"{' '.join(before.words)} {' '.join(fragment.words)}"


def by_degree(fragment: Frame) -> bool:
    """ "by more than 1000 euros?", "by at least 200k?": how far apart, said alone after a
    comparison, which it can only be read with."""
    kinds = [(s.kind, s.value) for s in sorted(fragment.spans, key=lambda s: s.start)]
    tests = [s for s in fragment.spans if s.kind == "cmp" and s.value != "by"]
    amounts = [s for s in fragment.spans if s.kind in ("amount", "percent")]
    opens = bool(kinds) and kinds[0] == ("cmp", "by")
    rest = {k for k, _ in kinds} <= {"cmp", "gram", "amount", "percent", "currency", "filler"}
    return opens and rest and len(tests) == 1 and len(amounts) == 1


# the words that point at one of the rows just shown ("the other one", "the one before it")
POINTING = {("follow", "other"), ("follow", "previous"), ("follow", "following")}


def swapped(
    before: Frame, fragment: Frame, stopwords: Collection[str], calls: Collection[str] = ()
) -> str | None:
    """The question before with the one thing ``fragment`` names put in place of its own
    ("and their EU contributions?": the EU contributions where the budgets were), or
    ``None`` when the fragment says more, or its kind has no one place to go."""
    said = {(s.kind, str(s.value)) for s in before.spans}
    named = [s for s in fragment.spans if s.kind not in TYING and not _tying(s)]
    pointing = any((s.kind, s.value) in POINTING for s in fragment.spans)
    if pointing or (named and min(named, key=lambda s: s.start).kind == "arith"):
        # "and the other one's EU grant?": of one of the rows, not all of them again; "plus
        # RUE AERO too": a calculation on the figure just given
        return None
    # "ending in 2017?" after "... projects that ended in 2018?": "ending" restates the field
    named = [s for s in named if (s.kind, str(s.value)) not in said] or named
    kinds = {s.kind for s in named}
    if len(kinds) != 1 or next(iter(kinds)) not in SWAPPED:
        return None
    covered = {i for s in fragment.spans for i in range(s.start, s.end)}
    if any(i not in covered and w not in stopwords for i, w in enumerate(fragment.words)):
        return None  # a word the fragment says beyond the thing it names
    kind = next(iter(kinds))
    new = _widest(named)
    old = [s for s in before.spans if s.kind == kind] or _pointed_call(before, kind)
    if kind == "field":  # "which call got more from the EU": the figure, not "call" or "got"
        old = _figures(old, calls)
    if kind == "op":  # "and the smallest in each call?": in the place of "largest", not "what"
        alike = [s for s in old if _same_kind_of_op(s, new)]
        old = alike or old
    if not old:
        return _added_in(before, fragment, kind, new)
    if len({(s.start, s.end) for s in old}) != 1:
        return None  # none, or more than one place it could go
    at = old[0]
    words = before.words[: at.start] + fragment.words[new.start : new.end] + before.words[at.end :]
    return " ".join(words)


def _same_kind_of_op(old: Span, new: Span) -> bool:
    """Whether two operations are both superlatives ("largest", "smallest") or both
    aggregates ("average", "median", "total")."""
    return any({old.value, new.value} <= kind for kind in OP_KINDS)


def _added_in(before: Frame, fragment: Frame, kind: str, new: Span) -> str | None:
    """What a fragment names where the question before had none of its kind: an aggregate
    before its figure ("and the average?" after "budget per call"), a call at its end ("and
    in call 1?" after a question of every call)."""
    fields = [s for s in before.spans if s.kind == "field"]
    if kind == "op" and fields:
        at = min(fields, key=lambda s: s.start)
        op = fragment.words[new.start : new.end]
        return " ".join(before.words[: at.start] + op + before.words[at.start :])
    if kind == "call":
        start = min(s.start for s in fragment.spans if s.kind not in TYING)
        return f"{' '.join(before.words)} {' '.join(fragment.words[start:])}"
    return None


def _figures(spans: list[Span], calls: Collection[str]) -> list[Span]:
    """The field spans a fragment's field may take the place of: not a field whose values
    are calls ("which call"), and not a verb ("got") beside a field said in words."""
    figures = [s for s in spans if s.value not in calls] or spans
    return [s for s in figures if s.weight > 1] or figures


def pointed(fragment: Frame, context: Context, knowledge: Knowledge | None = None) -> str | None:
    """ "where does it sit in call 1 by budget?" after one project: the question with that
    project's name where "it" stands (read again, a composed question: its place). Not after
    a figure of several rows ("sum them", then "what share is that?": the sum)."""
    if knowledge is not None and (said := _figure_said(fragment, context, knowledge)):
        return said
    if (subject := _subject_said(fragment, context)) is not None:
        return subject
    last = context.last
    rows = isinstance(last, Query) and last.act in ("aggregate", "count", "list")
    projects = [] if rows else context.projects
    pronouns = [s for s in fragment.spans if (s.kind, s.value) == ("follow", "pronoun")]
    named = any(s.kind == "project" for s in fragment.spans)
    if len(projects) != 1 or len(pronouns) != 1 or named or pronouns[0].end - pronouns[0].start > 1:
        return None
    at = pronouns[0].start
    return " ".join([*fragment.words[:at], projects[0], *fragment.words[at + 1 :]])


def _subject_said(fragment: Frame, context: Context) -> str | None:
    """ "budget divided by EU grant" after CLUSTEM's figures: two of its figures worked out,
    said of the one project talked about (no project, call or aggregate of its own)."""
    last = context.last
    about_one = (
        isinstance(last, Query) and last.act in ("lookup", "card") and len(last.projects) == 1
    )
    kinds = {s.kind for s in fragment.spans}
    fields = [s for s in fragment.spans if s.kind == "field" and s.weight > 1]
    if not about_one or len(fields) < 2 or "arith" not in kinds or kinds & OWN_SUBJECT:
        return None
    if not context.projects:
        return None
    starts = {s.start for s in fields}  # "CLUSTEM budget divided by CLUSTEM EU grant"
    words = [w for i, word in enumerate(fragment.words) for w in _before(i, starts, context, word)]
    return " ".join(words)


def _before(i: int, starts: set[int], context: Context, word: str) -> list[str]:
    return [context.projects[0], word] if i in starts else [word]


# what a question names that makes it about something of its own
OWN_SUBJECT = {"project", "call", "noun", "op", "call_field", "follow", "date"}


def _figure_said(fragment: Frame, context: Context, knowledge: Knowledge) -> str | None:
    """ "cecil's is what percent of clusgrid's?" after their EU contributions: the figure
    just asked about said after the first project (the question names none of its own)."""
    projects = [s for s in fragment.spans if s.kind == "project"]
    if len(projects) != 2:
        return None
    worked = any(s.kind in ("gram", "arith") and s.value in WORKED for s in fragment.spans)
    fields = [s for s in fragment.spans if s.kind == "field" and s.value in knowledge.fields]
    money = [f for f in context.fields if knowledge.fields[f].kind == "money"]
    if len(projects) != 2 or not worked or len(money) != 1:
        return None
    if any(knowledge.fields[str(s.value)].kind == "money" for s in fields):
        return None  # (it names its figure)
    label = tokens(knowledge.fields[money[0]].label)
    at = projects[0].end
    return " ".join([*fragment.words[:at], *label, *fragment.words[at:]])


# the words that work one figure out of another ("what percent of", "times", "minus")
WORKED = ("percent", "share", "times", "difference", "ratio", "sum")


def named_pointers(fragment: Frame, referents: Referents, context: Context) -> str | None:
    """A question whose pointing words are put as the names they point at, to be asked as if
    typed: "the other call" (``other_call``), "were both in call 2?" (``both_named``)."""
    language = referents.k.language
    return (
        other_call(fragment, referents, context)
        or both_named(fragment, context, language.conjunctions[0])
        or places_named(fragment, context, referents.k)
        or others_named(fragment, context, referents.k)
        or than_the_other(fragment, context, language.than)
        or calls_named(fragment, context, referents.k)
        or one_of_call(fragment, context, referents.k)
        or rate_of_the_one(fragment, context)
        or same_as_the_one(fragment, context, language.same_as)
        or first_few_named(fragment, context, language.conjunctions[0])
        or statement_asked(fragment, language.question_words, language.yesno[0])
    )


# what may stand as the subject of a statement asked as a question ("so it was ...?")
SUBJECT_KINDS = {"project", "conj"}
POINTERS = {("follow", "pronoun"), ("follow", "plural")}
MAX_SUBJECT = 6  # words: "ECRI and SmartSports4GoodLife", "both of them"


def statement_asked(fragment: Frame, question_words: Sequence[str], asking: str) -> str | None:
    """ "so it was still going in December 2018?", "so ECRI and SmartSports4GoodLife were in
    the same call?": a statement with a question mark asks whether it holds; put as asked
    ("was it still going ...?"), the verb first; with no such verb, a comparison ("so CECIL
    beat TCE on EU money?") is asked with ``asking`` ("did") before it."""
    text = fragment.text.rstrip()
    if not text.endswith("?") or "?" in text[:-1]:
        return None
    at = {s.start: s for s in fragment.spans if s.kind == "follow" and s.value == "continue"}
    start = at[0].end if 0 in at else 0  # "so", "and", "but"
    end, named = start, False
    while True:  # the subject: names joined by "and", or a pointing word
        here = [s for s in fragment.spans if s.start == end]
        named |= any(s.kind == "project" or (s.kind, s.value) in POINTERS for s in here)
        if any(s.kind in SUBJECT_KINDS or (s.kind, s.value) in POINTERS for s in here):
            end = max(s.end for s in here)
            continue
        break
    if not named:
        return None  # ("but more than CLUSGRID?": no subject said)
    verbs = [s for s in fragment.spans if s.start == end and s.kind == "yesno"]
    later = [s for s in fragment.spans if s.kind == "yesno" and s.start > end]
    if later or end - start > MAX_SUBJECT:
        return None  # (a question of its own after it: "X and Y are both 2nd call, did ...")
    words = fragment.words
    said = f" {' '.join(words)} "
    if any(f" {w.strip()} " in said for w in question_words if w.strip()):
        return None  # "which ones had ...?", "X is what % of ...?": a question already
    if not verbs:  # "CECIL got more than TCE?", "so it ended before 2018?": a test said
        compared = any(s.kind == "gram" and s.value in ("more", "less") for s in fragment.spans)
        # (not "in": "smartsports active in 2019?", "ECRI's share in call 2?" ask as said)
        compared |= any(
            s.kind == "cmp" and s.start > end and s.value not in ("during", "by")
            for s in fragment.spans
        )
        after = [w for w in words[end:] if w]
        return " ".join([*words[:start], asking, *words[start:]]) if compared and after else None
    verb = words[verbs[0].start : verbs[0].end]
    return " ".join([*words[:start], *verb, *words[start:end], *words[verbs[0].end :]])


def first_few_named(fragment: Frame, context: Context, joining: str) -> str | None:
    """ "the first two: what were their dates?", "and the last three?" after a list: the
    rows in those places, by name ("INNO-DROP and CLUSGRID: ..."); "the top 3" ranks."""
    listed = context.listed
    if list_shown(context) is None:
        return None
    placed = {(s.start, s.end) for s in fragment.find("ordinal")}  # "first"
    placed |= {(s.start, s.end) for s in fragment.find("op", "max")}  # "last"
    counts = {s.start: s for s in fragment.find("number")}
    for limit in fragment.find("limit"):
        count = counts.get(limit.end)
        if (limit.start, limit.end) not in placed or count is None:
            continue
        n = int(count.value)
        fields = [f for f in fragment.find("field") if f.start >= count.end]  # ("last": a run)
        asks = fields or fragment.find("yesno") or fragment.find("arith")
        ranks = fragment.find("dir") or fragment.find("gram", "by")  # ("first 3 by budget")
        if not 2 <= n < len(listed) or ranks or not asks:
            return None
        rows = listed[:n] if limit.value == "top" else listed[-n:]
        names = f"{', '.join(rows[:-1])} {joining} {rows[-1]}"
        return " ".join([*fragment.words[: limit.start], names, *fragment.words[count.end :]])
    return None


def same_as_the_one(fragment: Frame, context: Context, same_as: str) -> str | None:
    """ "what other projects were in the same call?", "which ended in the same month?", "did
    CLUSGRID end on the same day?" after one project: the same as that project, said ("...
    the same call as CLUSGRID")."""
    named = {s.value.acronym for s in fragment.find("project")}  # "did CLUSGRID end on the
    if not same_as or len(context.projects) != 1 or len(named) > 1:  # same day?" after INNO-DROP
        return None
    if context.projects[0] in named:
        return None
    if same_as in fragment.words:
        return None
    for same in fragment.find("same"):
        said = [
            s for s in fragment.spans if s.start == same.end and s.kind in ("noun", "field", "unit")
        ]
        if said:
            end = max(s.end for s in said)
            words = fragment.words
            return " ".join([*words[:end], same_as, context.projects[0], *words[end:]])
    return None


def rate_of_the_one(fragment: Frame, context: Context) -> str | None:
    """ "and the EU part per month?" after one project's figure: that project's figure per
    unit of time, the project named before the words that ask it."""
    said = {s.kind for s in fragment.spans}
    if not {"per", "field"} <= said or said & {"project", "call", "noun"}:
        return None
    if len(context.projects) != 1 or fragment.find("follow", "plural"):
        return None
    opening = [s for s in fragment.spans if s.start == 0 and s.kind in ("conj", "follow")]
    start = max((s.end for s in opening), default=0)
    return " ".join([context.projects[0], *fragment.words[start:]])


def one_of_call(fragment: Frame, context: Context, knowledge: Knowledge) -> str | None:
    """ "how long did the one from the second call run?", "what did the second-call one
    get?" after a list: the one row shown from that call, by its name (none when the call
    has no row shown or several)."""
    field = knowledge.call_field
    listed = context.listed
    if field is None or len(listed) < 2:
        return None
    ones = [
        s for s in fragment.find("number") if s.value == 1 and fragment.typed(s.start, s.end) != "1"
    ]
    for call in fragment.find("call"):
        one = next((o for o in ones if o.start == call.end or 0 < call.start - o.end <= 2), None)
        if one is None:
            continue
        rows = [p for p in knowledge.projects if p.acronym in listed]
        members = [p.acronym for p in rows if p.value(field) == call.value.number]
        if len(members) != 1:
            return None
        start, end = min(one.start, call.start), max(one.end, call.end)
        return " ".join([*fragment.words[:start], members[0], *fragment.words[end:]])
    return None


def calls_named(fragment: Frame, context: Context, knowledge: Knowledge) -> str | None:
    """ "which projects were in the 2014 one?", "tell me more about the second one" after an
    answer about the calls: the call of that year, or in that place, by its name."""
    last = context.last
    about_calls = isinstance(last, Query) and (
        last.over == "calls" or (last.act == "call_info" and not last.calls)
    )
    if not about_calls or fragment.find("call"):
        return None
    ones = {s.start: s for s in fragment.find("number") if s.value == 1}
    for s in [*fragment.find("ordinal"), *fragment.find("date")]:
        one = ones.get(s.end)
        if one is None or fragment.typed(one.start, one.end) == "1":
            continue
        if s.kind == "ordinal":
            call = knowledge.calls_by_number.get(int(s.value))
        else:
            year = (
                s.value.first.year if isinstance(s.value, When) and s.value.grain == "year" else 0
            )
            call = next((c for c in knowledge.calls if c.year == year), None)
        if call is not None and call.aliases:
            words = fragment.words
            return " ".join([*words[: s.start], call.aliases[0], *words[one.end :]])
    return None


# what a comparison is said against: a project, an amount, a date, a share, a number
THAN_KINDS = ("project", "amount", "date", "percent", "number", "duration", "call")


def than_the_other(fragment: Frame, context: Context, than: str) -> str | None:
    """ "did it have a smaller budget too?" after "did ECRI get more than CLUSGRID?", "so
    RUE AERO got more, yes?" after the two compared: the comparison said against the other
    of the two ("... a smaller budget than CLUSGRID")."""
    pair, named = context.listed, [s.value.acronym for s in fragment.find("project")]
    # the one asked about: named ("so RUE AERO got more?"), or pointed at ("did it ...?")
    one = named if fragment.find("follow", "pronoun") == [] else [*named, *context.projects]
    if len(pair) != 2 or len(one) != 1 or one[0] not in pair or not than:
        return None
    if any(fragment.find(k) for k in (*THAN_KINDS[1:], "arith")):
        return None  # ("so MATERIALIX had more by how much": a difference asked)
    amount = fragment.find("unit") or any(
        s.value in ("count", "quantity") for s in fragment.find("op")
    )
    looked_up = isinstance(context.last, Query) and context.last.act in ("lookup", "card")
    if amount and looked_up:  # "how many months earlier is that" after two looked up: the
        return None  # gap between the two figures, which the figure follow-ups work out
    compared = [s for s in fragment.find("gram") if s.value in ("more", "less")]
    if len(compared) != 1:
        return None
    end = compared[0].end
    end = next((s.end for s in fragment.find("field") if s.start == end), end)
    other = next(a for a in pair if a != one[0])
    return " ".join([*fragment.words[:end], than, other, *fragment.words[end:]])


def others_named(fragment: Frame, context: Context, knowledge: Knowledge) -> str | None:
    """ "any other project under 200k?", "did any other project ...?" after one project: the
    projects other than it, by name ("any project other than ECRI under 200k?")."""
    words, language = list(fragment.words), knowledge.language
    asks = any(s.start == 0 for s in fragment.find("yesno"))  # ("what other projects ...":
    if not asks or len(context.projects) != 1 or fragment.find("project"):  # the call's own)
        return None
    if not language.other_than:
        return None
    others = {tuple(tokens(p)) for p in language.others}
    nouns = {s.start: s for s in fragment.spans if (s.kind, s.value) == ("noun", "project")}
    for s in fragment.find("neg"):
        noun = nouns.get(s.end)
        if tuple(words[s.start : s.end]) in others and noun is not None:
            said = [*words[noun.start : noun.end], language.other_than, context.projects[0]]
            return " ".join([*words[: s.start], *said, *words[noun.end :]])
    return None


def places_named(fragment: Frame, context: Context, knowledge: Knowledge) -> str | None:
    """ "how much more did the first get than the third?", "add the second and third ones"
    after a list: the projects in those places named in their place (two or more of them;
    "the third largest" is a place in a ranking, not a row shown)."""
    kinds = {
        (s.start, s.end): s.kind
        for s in fragment.spans
        if s.kind in ("field", "noun") or (s.kind == "op" and s.value in (*ORDER_OPS, "rank"))
    }  # (not "the 2nd and 3rd combined")
    ordinals = [s for s in fragment.spans if s.kind == "ordinal"]
    listed = rows_placed(context, max((int(s.value) for s in ordinals), default=0))
    if len(ordinals) < 2 or len(listed) < 2 or any(int(s.value) > len(listed) for s in ordinals):
        return None
    if any((s.end, s.end + 1) in kinds and kinds[(s.end, s.end + 1)] != "field" for s in ordinals):
        return None  # "the 2nd call", "the third largest"
    ones = {s.start for s in fragment.spans if (s.kind, s.value) == ("number", 1)}  # "one"
    words = list(fragment.words)
    for s in sorted(ordinals, key=lambda s: -s.start):
        words[s.start : s.end + (s.end in ones)] = [listed[int(s.value) - 1]]
    shown = shown_field(context)  # "how much bigger is the second?" of the figure shown
    phrases = knowledge.fields[shown].phrases if shown in knowledge.fields else []
    if not fragment.find("field") and phrases:
        words += [",", phrases[0]]
    return " ".join(words)


# "are they all ...?" is asked of each by name only of a short list (longer: a long answer)
BOTH_NAMED_MAX = 6


def both_named(fragment: Frame, context: Context, joining: str) -> str | None:
    """ "were both in call 2?", "did they both end in 2017?" after two projects: a yes/no
    whose subject points at them, with their names in its place ("were CLUSGRID and ECRI
    in call 2?")."""
    plural = {s.start: s.end for s in fragment.spans if (s.kind, s.value) == ("follow", "plural")}
    opens = [s.end for s in fragment.spans if s.kind == "yesno" and s.start == 0]
    first = min(plural, default=-1)
    if first not in opens or not 2 <= len(context.listed) <= BOTH_NAMED_MAX:
        return None
    end = first
    while end in plural:  # "they both", "those two": the whole run of pointing words
        end = plural[end]
    if any(s.kind == "follow" and s.start >= end for s in fragment.spans):
        return None  # "... than their total budget": each of them, read as they are
    names = f"{', '.join(context.listed[:-1])} {joining} {context.listed[-1]}"
    return " ".join([*fragment.words[:first], names, *fragment.words[end:]])


def other_call(fragment: Frame, referents: Referents, context: Context) -> str | None:
    """ "and the other call?" after the 2nd call's total: the question with the other call
    that has projects named in its place ("and the first call?"), asked as if typed."""
    nouns = {s.start: s for s in fragment.spans if (s.kind, s.value) == ("noun", "call")}
    other = next((s for s in fragment.spans if s.kind == "neg" and s.end in nouns), None)
    prev = context.last
    if other is None or not isinstance(prev, Query):
        return None
    number = referents.other_call(prev, context)
    if number is None:
        return None
    name = referents.k.calls_by_number[number].aliases[0]
    words = fragment.words
    return " ".join([*words[: other.start], name, *words[nouns[other.end].end :]])


def _pointed_call(before: Frame, kind: str) -> list[Span]:
    """ "that call", "COSMENERG's call" in the question before, where a call named next
    goes ("how much did that call give out?", then "and the first call?")."""
    nouns = {s.start: s for s in before.spans if (s.kind, s.value) == ("noun", "call")}
    return [
        Span(s.start, nouns[s.end].end, "call", None)
        for s in before.spans
        if kind == "call"
        and s.end in nouns
        and (s.kind == "project" or (s.kind, s.value) == ("follow", "pronoun"))
    ]


def _widest(spans: list[Span]) -> Span:
    return max(spans, key=lambda s: (s.end - s.start, -s.start))


def _tying(span: Span) -> bool:
    """ "and in call 1?": "in" ties the call to the question; an aggregate or an extreme
    is what an "op" fragment swaps ("and the median?"), never a count or a list."""
    if span.kind == "cmp":
        return str(span.value) == "during"
    return span.kind == "op" and str(span.value) not in AGGREGATES


AGGREGATES = frozenset({"sum", "average", "median", "max", "min"})
