"""A question as a tree: sets of projects, values, and what to say about them.

SEMPRE's few set operations as plain ``NamedTuple`` nodes: wherever a set of projects can
stand, any set node can (a named project, a call's projects, a filtered or ranked set), and
wherever a value can stand, any value node can (a number typed, a project's field, an
aggregate, a calculation). Nodes are immutable and hashable, so answers are remembered by
their tree.
"""

from __future__ import annotations

from typing import Any, NamedTuple

# -- sets of projects ----------------------------------------------------------------------


class Every(NamedTuple):
    """All the projects on the page."""


class Named(NamedTuple):
    acronyms: tuple[str, ...]


class InCall(NamedTuple):
    number: int


class Both(NamedTuple):
    """The projects in both sets ("first-call projects")."""

    left: Any
    right: Any


class Without(NamedTuple):
    """The projects of ``kept`` not in ``dropped`` ("projects outside the second call")."""

    kept: Any
    dropped: Any


class Filter(NamedTuple):
    """The projects of ``among`` whose ``field`` compares with ``value`` by ``op``."""

    among: Any
    field: str
    op: str
    value: Any  # a value node
    negated: bool = False


class Best(NamedTuple):
    """The projects of ``among`` ranked by ``field``: the ``offset``-th, ties kept."""

    among: Any
    field: str
    descending: bool
    offset: int = 0
    limit: int = 1
    dated: bool = False  # said with a superlative of time ("the earliest"): by a date only
    assumed: bool = False  # the field is the default one: the question named none


class Flagged(NamedTuple):
    """The projects of ``among`` whose figures the page gives inconsistently (a caveat on all
    of ``fields``; any caveat when no field is named)."""

    among: Any
    fields: tuple[str, ...] = ()


class CallOf(NamedTuple):
    """The projects of the call ``among`` (one project) is in: "ECRI's call"; ``among`` is
    None for "its call" until the project is known, or a ``BestCall`` ("the projects in the
    call with the larger total budget")."""

    among: Any


SETS = (Every, Named, InCall, Both, Without, Filter, Best, Flagged, CallOf)

# -- values ----------------------------------------------------------------------------------


class Const(NamedTuple):
    value: Any  # an amount, a number, a percentage (a float share), a When, a Duration


class Of(NamedTuple):
    """``field`` of the one project in ``among`` (``None``: the field the context gives)."""

    field: str | None
    among: Any


class Agg(NamedTuple):
    """An aggregate of ``field`` over a set: sum, average, median, range, max, min."""

    fn: str
    field: str
    among: Any


class Calc(NamedTuple):
    """Arithmetic on two values: sum, difference, ratio (``left / right``), share."""

    op: str
    left: Any
    right: Any


class Own(NamedTuple):
    """Each project's own ``field``: "more EU money than their total budget"."""

    field: str


class Today(NamedTuple):
    """The day the question is asked: "still running", "active now"."""


VALUES = (Const, Of, Agg, Calc, Own, Today)

# -- what the question asks ------------------------------------------------------------------


class Say(NamedTuple):
    """A value, said with what it is the value of; ``grain``: asked for a date's month or
    year ("in what month and year did ... start?"), which the date said in full gives."""

    value: Any
    grain: str | None = None


class Show(NamedTuple):
    """The projects of a set, each with ``field`` (or its most telling one)."""

    among: Any
    field: str | None = None


class CountOf(NamedTuple):
    among: Any


class Sorted(NamedTuple):
    """The projects of a set in order of ``field``."""

    among: Any
    field: str
    descending: bool | None  # None: the field's natural order
    limit: int | None = None


class PerCall(NamedTuple):
    """An aggregate of ``field`` (``None``: a count) for each call's projects in a set."""

    fn: str
    field: str | None
    among: Any
    offset: int = 0  # "the second-largest in each call": of "max" and "min", the place
    limit: int = 1  # "the two largest in each call": how many places


class Exists(NamedTuple):
    """A yes/no: is any project in the set? ("any project with at least twice ECRI's
    budget?")"""

    among: Any


class All(NamedTuple):
    """A yes/no: does every project of the filter's own set meet it? ("did every project
    last 24 months?")"""

    among: Any  # a Filter: its ``among`` is the set asked about


class Alike(NamedTuple):
    """A yes/no: do the projects of a set all have one value of ``field``? ("did all the
    projects have the same duration?")"""

    field: str
    among: Any
    grain: str | None = None  # "in the same year": dates alike by their year ("months", "years")


class RankOf(NamedTuple):
    """Where one project stands among a set by ``field`` ("where does ECRI rank on EU
    money?"): its place, largest first unless ``descending`` is False."""

    among: Any  # Named: the one project
    field: str
    descending: bool | None = None  # None: as the field goes (dates earliest first)
    pool: Any = None  # the set it is ranked in (None: every project)


class CountField(NamedTuple):
    """How many different values of ``field`` the projects of a set have ("how many
    countries took part"): the page may not publish them."""

    field: str
    among: Any


class BestCall(NamedTuple):
    """The call whose projects' aggregate is highest (or lowest), of the projects ``among``
    ("which call had more projects ending in 2018?")."""

    fn: str
    field: str | None
    descending: bool
    among: Any = Every()


class CallsWith(NamedTuple):
    """The calls whose projects' aggregate of ``field`` (``None``: how many projects) compares
    with ``value`` by ``op`` ("which calls had more than 5 projects?", "did any call get over
    €1.4 million from the EU in total?"). ``asked``: "which" calls, or "any" (a yes/no)."""

    fn: str
    field: str | None
    op: str
    value: Any  # a Const
    among: Any = Every()
    asked: str = "which"


class Check(NamedTuple):
    """A yes/no: does ``left`` compare with ``right`` by ``op`` ("gt", "lt")? ``degree``: by
    how much it asks ("much bigger": "large"; "slightly less": "small")."""

    op: str
    left: Any
    right: Any
    degree: str = ""


class Which(NamedTuple):
    """Which of two values is the larger (or smaller): "which is larger for CECIL: its total
    budget or its EU contribution?"."""

    descending: bool
    left: Any
    right: Any


class HasCount(NamedTuple):
    """A yes/no: are there ``claimed`` projects in ``among`` ("did the first call have three
    projects?")."""

    among: Any
    claimed: int


class IsBest(NamedTuple):
    """A yes/no: is the one project of ``among`` the one ``best`` ranks first ("did ECRI
    get the most EU money?", "is SmartSports4GoodLife the biggest project?")."""

    among: Any
    best: Any


class Several(NamedTuple):
    """A question with several parts, each its own root ("... in call 1 and in call 2")."""

    parts: tuple[Any, ...]


ROOTS = (
    *(Say, Show, CountOf, Sorted, PerCall, BestCall, Several, Check, Which),
    *(CountField, Exists, All, Alike, RankOf, IsBest, CallsWith),
)


NODES = (*SETS, *VALUES, *ROOTS)


def nodes(tree: Any) -> list[Any]:
    """Every node of ``tree``, itself first."""
    found = [tree]
    for part in tree if isinstance(tree, tuple) else ():
        if isinstance(part, (*SETS, *VALUES, *ROOTS)):
            found += nodes(part)
    return found


def estimated(tree: Any) -> bool:
    """Whether ``tree`` works out a figure the page does not give by assuming something (a
    total spread evenly over a run: "how much did ECRI spend each year?")."""
    return any(isinstance(n, Calc) and n.op == "rate" for n in nodes(tree))


def bare(tree: Any) -> bool:
    """A question that only names a set ("the second call", "the programme"): the readers
    say more about a call or the programme than a list of its projects."""
    return isinstance(tree, Show) and isinstance(tree.among, Every | InCall | Named)


def composite(tree: Any) -> bool:
    """Whether ``tree`` composes what a flat question cannot: a set or value inside another,
    arithmetic, a value taken from another project, a grouping by call."""
    kinds = {type(n) for n in nodes(tree)}
    composing = {
        Calc,
        PerCall,
        BestCall,
        CallsWith,
        Without,
        Several,
        Check,
        Which,
        CountField,
        Flagged,
    }
    composing.add(CallOf)
    if kinds & (composing | {All, Alike, RankOf, IsBest, HasCount}):
        return True
    for n in nodes(tree):
        ranked_by_it = isinstance(n, Of) and isinstance(n.among, Best) and n.among.field == n.field
        if isinstance(n, Of) and isinstance(n.among, Best | Filter) and not ranked_by_it:
            return True  # a field of a described project ("the most" and its figure is a ranking)
        if isinstance(n, Filter) and not isinstance(n.value, Const):
            return True  # compared with another project's value
        if isinstance(n, Agg) and isinstance(n.among, Named | Best):
            return True  # "the average of A and B", "the sum of the top 3"
        if isinstance(n, Best) and isinstance(n.among, Filter):
            return True
    return False


def unnamed(terminals: list[Any]) -> tuple[list[Any], tuple[str, ...]]:
    """The terminals with each project's name replaced by its place ("#0", "#1" ...), and
    the names: questions of one shape are charted once."""
    names: list[str] = []
    shape = []
    for x in terminals:
        if isinstance(x.sem, Named) and len(x.sem.acronyms) == 1:
            name = x.sem.acronyms[0]
            if name not in names:
                names.append(name)
            shape.append(x._replace(sem=Named((f"#{names.index(name)}",))))
        else:
            shape.append(x)
    return shape, tuple(names)


def named(node: Any, names: tuple[str, ...]) -> Any:
    """``node`` with the places "#0", "#1" ... replaced by the names again."""
    if isinstance(node, Named):
        return Named(tuple(names[int(a[1:])] if a.startswith("#") else a for a in node.acronyms))
    if isinstance(node, NODES):
        return type(node)(*(named(part, names) for part in node))
    if isinstance(node, tuple) and not hasattr(node, "_fields"):
        return tuple(named(part, names) for part in node)
    return node


def named_in(root: Any) -> tuple[str, ...]:
    """The projects ``root`` names, in order, each once."""
    names = [a for n in nodes(root) if isinstance(n, Named) for a in n.acronyms]
    return tuple(dict.fromkeys(names))


def rebased(node: Any, rows: tuple[str, ...]) -> Any:
    """``node`` asked of ``rows`` instead of every project ("their total without ECRI" after
    a list); the rows less those a ``Without`` leaves out are named as such."""
    if isinstance(node, Every):
        return Named(rows)
    if isinstance(node, Without) and isinstance(node.dropped, Named):
        kept = rebased(node.kept, rows)
        if isinstance(kept, Named):
            return Named(tuple(a for a in kept.acronyms if a not in node.dropped.acronyms))
        return node._replace(kept=kept)
    if isinstance(node, NODES):
        return type(node)(*(rebased(part, rows) for part in node))
    if isinstance(node, tuple) and not hasattr(node, "_fields"):
        return tuple(rebased(part, rows) for part in node)
    return node


def calls_in(node: Any) -> set[int]:
    """The numbers of the calls ``node`` asks about ("the 2nd call's total")."""
    return {n.number for n in nodes(node) if isinstance(n, InCall)}


def recalled(node: Any, number: int) -> Any:
    """``node`` asked of the call ``number`` wherever it asks of a call ("same for call 1"
    after a figure of call 2)."""
    if isinstance(node, InCall):
        return InCall(number)
    if isinstance(node, NODES):
        return type(node)(*(recalled(part, number) for part in node))
    if isinstance(node, tuple) and not hasattr(node, "_fields"):
        return tuple(recalled(part, number) for part in node)
    return node


# A tree's nodes are tuples, and tuples of equal parts are equal whatever their class
# (``Both(a, b) == Without(a, b)``): a node is equal only to a node of its own class, so
# that answers remembered by their tree are never another tree's.
def _eq(self: tuple[Any, ...], other: object) -> bool:
    return type(other) is type(self) and tuple.__eq__(self, other)


def _ne(self: tuple[Any, ...], other: object) -> bool:
    return not _eq(self, other)


def _hash(self: tuple[Any, ...]) -> int:
    return hash((type(self).__name__, tuple.__hash__(self)))


for _node in NODES:
    setattr(_node, "__eq__", _eq)  # noqa: B010
    setattr(_node, "__ne__", _ne)  # noqa: B010
    setattr(_node, "__hash__", _hash)  # noqa: B010
