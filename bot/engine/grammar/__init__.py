"""Questions that compose: a grammar over the parser's spans, its trees executed and said.

parse (spans) -> ``derivations`` (chart parser, scored by learned rule weights) ->
``choose`` (the best that executes; an ask-back when two close ones disagree) -> the
engine runs the chosen tree with ``answer``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from bot.engine.frame import Frame, Span, degree_of
from bot.engine.grammar import tree
from bot.engine.grammar.chart import MAX_SLOTS, Chart, Derivation, Terminal
from bot.engine.grammar.execute import Executor, holders
from bot.engine.grammar.lexical import (
    ARITHMETIC_OF_KIND,
    Fields,
    after_scope,
    skippable,
    terminals,
)
from bot.engine.grammar.lower import Lowering
from bot.engine.grammar.rules import Rule, binarised, useful
from bot.engine.grammar.say import Sayer
from bot.engine.grammar.table import RULES
from bot.engine.memo import Memo
from bot.engine.thresholds import WORDINGS_CACHE
from bot.normalise import tokens

if TYPE_CHECKING:
    from bot.engine.evaluate import Evaluator
    from bot.engine.lexicon import Lexicon
    from bot.engine.query import Query
    from bot.engine.render import Renderer
    from bot.knowledge import Knowledge

logger = logging.getLogger(__name__)

WEIGHTS_FILE = Path(__file__).with_name("weights.json")
# a question of fewer parts (a name and a field) has nothing to compose
MIN_PARTS = 3
# derivations closer than this score about the same: the one that reads more words first
SAME_SCORE = 0.25
# words only the grammar reads: a question of two parts with one of them is the grammar's
GRAMMAR_ONLY = {"$Flag", "$Rate", "$Negative", "$Some"}
# words that relate two things: with them, a short question may still compose
RELATIONAL = {"$Arith", "$More", "$Same", "$Times", "$Share"}
# two derivations closer than this, with different answers: ask back
AMBIGUITY_MARGIN = 0.5
# ... closer than this: the better one is answered, but not as sure (measured on the
# question sets: about one in five such answers was wrong, against one in forty beyond)
NEAR_MARGIN = 2.0
# the kinds of field a weak field word asks for when the question names none outright
FIGURE_KINDS = ("money", "difference", "ratio")
# the trees that choose between things said ("A or B")
CHOOSING = (
    *(tree.Which, tree.BestCall, tree.Check, tree.All, tree.Exists, tree.Alike, tree.IsBest),
    tree.HasCount,
)
# the trees that never answer "which projects ...?" (one of two values; a call)
ASKS_NO_ROWS = (tree.Which, tree.BestCall, tree.CallsWith)
# the trees that answer a yes/no question, and only one
YESNO = (tree.Check, tree.Exists, tree.All, tree.Alike, tree.IsBest, tree.HasCount)
# a question of this many parts composes: when the grammar derives none of it, a reader's
# answer is a guess at its structure (measured on held-out sets: about a quarter of such
# answers were wrong), never stated as sure
COMPOSED_PARTS = 4


def load_weights(path: Path = WEIGHTS_FILE) -> dict[str, float]:
    """The rule weights the training step learned (``python -m bot.engine.grammar.train``)."""
    import json  # only where an engine is built: a cached engine's start does not pay for it

    try:
        return {str(k): float(v) for k, v in json.loads(path.read_text("utf-8")).items()}
    except (OSError, ValueError):
        return {}


def intent(root: Any) -> str:
    """The intent a reply reports (stats, logs, front ends) for a tree."""
    if isinstance(root, tree.Say):
        value = root.value
        if isinstance(value, tree.Of):
            return "project_field"
        if isinstance(value, tree.Agg) and not isinstance(value.among, tree.Named):
            return "aggregate"
        return "arithmetic"
    names = {
        tree.Show: "project_list",
        tree.CountOf: "count",
        tree.Sorted: "ranking",
        tree.Check: "compare",
        tree.Which: "compare",
        tree.Exists: "project_list",
        tree.All: "project_list",
        tree.RankOf: "ranking",
        tree.CountField: "count",
        tree.Alike: "compare",
        tree.IsBest: "ranking",
        tree.HasCount: "count",
    }
    return names.get(type(root), "aggregate")


class Choice(NamedTuple):
    """The chosen tree and its answer, or two readings to ask between."""

    root: Any
    text: str
    rival: tuple[Any, str] | None = None  # a close reading with another answer
    query: Query | None = None  # a flat tree: the readers' query that answers it
    rows: tuple[str, ...] = ()  # the projects a set found ("which of those ..." next)
    call: int | None = None  # the one call the answer picked ("how many projects did it have?")
    close: bool = False  # another answer scored near: this one is said, never as sure


class Grammar:
    def __init__(
        self,
        knowledge: Knowledge,
        lexicon: Lexicon,
        evaluator: Evaluator,
        renderer: Renderer,
    ) -> None:
        # the rules indexed for each combination of kinds of words a question has
        self.indexes: dict[frozenset[str], Any] = {}
        self.weights = load_weights()
        self.parts: tuple[Any, int] = (None, 0)  # the last question charted, and its parts
        # the best derivations of each shape of question (names left out), worked out once
        self.charts: Memo[Any, list[Derivation]] = Memo(WORDINGS_CACHE)
        self.stopwords = lexicon.stopwords
        self.figures = frozenset(  # what "got" or "the EU" may ask, when no field is named
            name for name, f in knowledge.fields.items() if f.kind in FIGURE_KINDS
        )
        self.alternatives = frozenset(knowledge.language.alternatives)
        self.degree_after = frozenset(knowledge.language.degree_after)
        # words that ask whether there is any ("any", "is there"): a set, not one figure
        self.existential = frozenset(
            " ".join(tokens(w, lexicon.numbers)) for w in knowledge.language.existential
        )
        self.fields = Fields(
            call_fields=frozenset(knowledge.fields_of_kind("call")),
            covers={name: set(f.covers) for name, f in knowledge.fields.items()},
            differences=frozenset(knowledge.fields_of_kind("difference")),
            dates=frozenset(knowledge.fields_of_kind("date")),
            excluding=frozenset(
                " ".join(tokens(p, lexicon.numbers)) for p in knowledge.language.excluding
            ),
            distributive=frozenset(
                " ".join(tokens(p, lexicon.numbers)) for p in knowledge.language.distributive
            ),
            nouns=frozenset(lexicon.project_nouns),
            # "budget minus EU money" is the own contribution: a field by its definition
            made_of={
                (ARITHMETIC_OF_KIND[f.kind], *f.of): name
                for name, f in knowledge.fields.items()
                if f.kind in ARITHMETIC_OF_KIND and len(f.of) == 2
            },
            run=next(iter(knowledge.fields_of_kind("span")), None),
            own=next(iter(knowledge.fields_of_kind("difference")), None),
            money=knowledge.default_money_field,
            openers=frozenset(w for w in knowledge.language.question_words if " " not in w),
            in_arithmetic={w: n for n, f in knowledge.fields.items() for w in f.in_arithmetic},
            each={
                n: frozenset(" ".join(tokens(w, lexicon.numbers)) for w in f.each)
                for n, f in knowledge.fields.items()
            },
        )
        self.executor = Executor(knowledge, evaluator)
        kinds = {name: str(f.kind) for name, f in knowledge.fields.items()}
        self.lowering = Lowering(knowledge.call_field, kinds)
        self.sayer = Sayer(renderer, self.executor)

    def __getstate__(self) -> dict[str, Any]:
        """For the engine cache: the rules' meanings are functions, made again on load."""
        state = dict(self.__dict__)
        state["indexes"] = {}  # the rules' meanings are functions: indexed again on use
        state["parts"] = (None, 0)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def derivations(
        self,
        frame: Frame,
        remember: bool = True,
        skip: list[bool] | None = None,
        that: Any = None,
    ) -> list[Derivation]:
        """Every derivation of the whole question, best first; of a yes/no question only
        checks (any other tree would answer another question). ``skip``: the words that may
        pass unread, when the caller has worked them out already; ``that``: the figure the
        last answer gave, which "that" and "it" may stand for ("half of that?")."""
        skip = self.skippable(frame) if skip is None else skip
        if sum(not s for s in skip) > MAX_SLOTS:
            return []
        found = terminals(frame, self.fields, skip)
        if that is not None:
            found += [
                Terminal(s.start, s.end, "$Value", that, "$Value:that")
                for s in frame.spans
                if (s.kind, s.value) == ("follow", "pronoun") and s.end - s.start == 1
            ]
            found += _of_other_calls(frame, that)
        # "why did ECRI get the most?" holds the yes/no question it takes for granted
        opens = {0} | {s.end for s in frame.spans if s.kind == "why" and s.start == 0}
        if any(s.kind == "yesno" and s.start > 0 for s in frame.spans):
            opens.add(after_scope(frame, self.stopwords))  # "in the first call, did ...?"
        yesno: str | bool = any(
            s.kind == "yesno"
            and (
                s.start in opens
                or (s.value == "tag" and s.end == len(frame.words))
                or frame.asks_any(s, self.existential, self.fields.openers)
            )
            for s in frame.spans
        )
        if yesno and self.existential & {
            " ".join(frame.words[s.start : s.end]) for s in frame.spans if s.kind == "yesno"
        }:
            yesno = "any"  # "did any 2nd call project get more than ...?": is there one

        # a question of fewer parts is the readers' ("ECRI's budget"); words that may pass
        # unread count when a comparison word is among them ("which projects overlapped X")
        telling = _parts(found, skip)
        self.parts = (frame, telling)  # for ``beyond``, asked next of the same question
        if any(x.category in RELATIONAL for x in found):
            telling += 1  # "did anything overlap with X?": the relation is a part of its own
        if _of_all(found, skip) or _counted_field(found, skip):
            telling += 1  # "the total budget of all projects": of them all together
        if any(x.category == "$Pick" for x in found):
            telling += 1  # "the oldest project's budget": a superlative and its own field
        short = telling < MIN_PARTS and that is None
        if (
            short
            and not any(x.category in GRAMMAR_ONLY for x in found)
            and not _composes_alone(found)
        ):
            return []  # nothing to compose: the readers answer "ECRI's budget" as well
        # charted once per shape: "compare A and B" is charted as "compare #0 and #1"
        shape, names = tree.unnamed(found)
        key = (tuple(shape), tuple(skip), yesno)
        if not remember:  # training: the weights change between two charts of a shape
            roots = self._chart(shape, skip, yesno)
        else:
            roots = self.charts.get_or_make(key, lambda: self._chart(shape, skip, yesno))
        # "which projects had ... than ...?": rows, not one of two
        if _asks_rows(frame, self.fields.openers):
            roots = [d for d in roots if not isinstance(d.sem, ASKS_NO_ROWS)]
        far = degree_of(frame, self.degree_after)  # "much bigger?": a check of how far apart too
        return [d._replace(sem=_by_degree(tree.named(d.sem, names), far)) for d in roots]

    def skippable(self, frame: Frame) -> list[bool]:
        """Per word: whether a derivation may pass over it (``lexical.skippable``)."""
        return skippable(frame, self.stopwords, self.figures)

    def beyond(self, frame: Frame) -> bool:
        """Whether ``frame`` has the parts of a composed question (see COMPOSED_PARTS):
        asked when the grammar derived none of it."""
        counted, parts = self.parts
        if counted is not frame:  # not charted just now: worked out here
            skip = self.skippable(frame)
            parts = _parts(terminals(frame, self.fields, skip), skip)
        return parts >= COMPOSED_PARTS

    def index(
        self, present: frozenset[str]
    ) -> tuple[dict[str, dict[str, list[Rule]]], dict[str, list[Rule]]]:
        """The rules indexed for a question with these kinds of words (made once each)."""
        found = self.indexes.get(present)
        if found is None:
            found = self.indexes[present] = binarised(useful(RULES, present))
        return found

    def _chart(
        self, found: list[Terminal], skip: list[bool], yesno: str | bool
    ) -> list[Derivation]:
        present = frozenset(x.category for x in found)
        pairs, unary = self.index(present)
        roots = Chart(found, skip, pairs, unary, self.weights).roots()
        roots = [d for d in roots if not _miscounted(d, len(self.executor.k.projects))]
        if not yesno:  # a check answers a yes/no question only
            return [d for d in roots if not isinstance(d.sem, YESNO)]
        # a yes/no is a check, or whether any project is in a set
        exists = [
            d._replace(sem=tree.Exists(d.sem.among)) for d in roots if isinstance(d.sem, tree.Show)
        ]
        checks = [d for d in roots if isinstance(d.sem, YESNO)]
        checks += [  # "did any call have more than 5 projects?"
            d._replace(sem=d.sem._replace(asked="any"))
            for d in roots
            if isinstance(d.sem, tree.CallsWith)
        ]
        if any(isinstance(d.sem, tree.Check) for d in checks):
            # "did CECIL end later than TCE?" compares two figures (and says a tie), rather
            # than asking whether CECIL is among the projects that ended later
            checks = [d for d in checks if not _one_named(d.sem)]
        if yesno == "any":  # "were there 5 projects in call 1?": how many, not whether any
            counts = [d for d in checks if isinstance(d.sem, tree.HasCount | tree.CallsWith)]
            return counts or exists or checks
        if "$Compare" in present:  # "did A get more or less than B?": which of the two
            checks = [d for d in roots if isinstance(d.sem, tree.Which)] or checks
        return checks or exists  # "did A get more than B?" compares; else: is there any

    def choose(self, frame: Frame, composite_only: bool = True, that: Any = None) -> Choice | None:
        """The best derivation that executes (composite ones only, by default); ``that``: the
        figure "that" stands for, if any."""
        best: tuple[Derivation, Any] | None = None
        past = close = False  # past the rivals asked about; a near one finds something else
        skip = self.skippable(frame)
        telling = [not s for s in skip]
        derived = self.derivations(frame, skip=skip, that=that)
        if that is not None:  # "half of that?": only a reading that uses the figure
            derived = [d for d in derived if _uses(d.sem, that)]
        for d in _fullest_first(derived, telling):
            # a flat tree is the readers' (indexed, paged), unless they have no query for it
            lowered = None if tree.composite(d.sem) else self.lower(d.sem)
            if lowered is not None and (composite_only or best is not None):
                continue  # a flat rival is not compared: the readers' evaluator answers flat
            gap = best[0].score - d.score if best is not None else 0.0
            if best is not None and (past or gap >= AMBIGUITY_MARGIN):
                # too far below to be asked about; near enough to make the answer unsure
                past = True
                if gap >= NEAR_MARGIN or self._finds_else(best, d):
                    close = gap < NEAR_MARGIN
                    break
                continue
            if lowered is not None:
                return Choice(d.sem, "", query=lowered)
            found = self.found(d.sem)
            if found is None:
                continue
            if best is None:
                best = (d, found)
                logger.debug("grammar: %s (%.2f)", d.sem, d.score)
            elif found != best[1] and _covered(d, telling) >= _covered(best[0], telling):
                # another answer, as close and reading as much: both are said, and asked
                first, second = self.answer(best[0].sem), self.answer(d.sem)
                if _same_verdict(best[0].sem, d.sem, first, second) or _one_gap(best[0].sem, d.sem):
                    continue  # "did CECIL end later than TCE?": "No" either way
                if first is not None and second is not None:
                    return Choice(best[0].sem, first, (d.sem, second))
        if best is None:
            return None
        text = self.answer(best[0].sem)
        # "which started earlier, the biggest project or the one with the lowest?": an
        # answer that chooses between no two things read the "or" as nothing
        close |= not self.alternatives.isdisjoint(frame.words) and not isinstance(
            best[0].sem, CHOOSING
        )
        close |= degree_of(frame, self.degree_after) is not None and not isinstance(
            best[0].sem, tree.Check
        )
        close |= _scoped_apart(best[0].sem)
        return (
            None
            if text is None
            else Choice(
                best[0].sem, text, rows=self._rows(best), call=_picked_call(best[1]), close=close
            )
        )

    def _rows(self, best: tuple[Derivation, Any]) -> tuple[str, ...]:
        """The projects a chosen tree found, for "which of those ..." next: a set's, those
        whose figures were said, or those a total was taken over ("and their budgets?")."""
        root, found = best
        return self._found_rows(root.sem, found)

    def _found_rows(self, sem: Any, found: Any) -> tuple[str, ...]:
        if isinstance(sem, tree.Several):  # "INNO-DROP's budget and EU grant": INNO-DROP
            parts = [self._found_rows(part, f) for part, f in zip(sem.parts, found, strict=False)]
            return tuple(dict.fromkeys(a for r in parts for a in r))
        if isinstance(sem, tree.Say) and isinstance(sem.value, tree.Of):
            return tuple(acronym for acronym, _ in found)
        if isinstance(sem, tree.Which | tree.Check) and found:
            return _weighed_rows(sem, found)  # "who got more, A or B?": the larger first
        counted = isinstance(sem, tree.HasCount)  # "... had 3 projects, right? which were they?"
        extreme = isinstance(sem, tree.Say) and isinstance(sem.value, tree.Agg)
        if extreme and sem.value.fn in ("max", "min"):  # "the biggest and smallest grants?"
            return holders(self.executor, sem.value)
        if counted or (isinstance(sem, tree.Say) and isinstance(sem.value, tree.Agg)):
            rows = self.executor.projects(sem.among if counted else sem.value.among)
            return tuple(p.acronym for p in rows or ())
        named = found and found[0] in ("Show", "Sorted", "CountOf", "Exists")
        return tuple(found[1]) if named else ()

    def _finds_else(self, best: tuple[Derivation, Any], d: Derivation) -> bool:
        """Whether ``d`` finds something other than the best derivation found."""
        found = self.found(d.sem)
        return found is not None and found != best[1]

    def found(self, root: Any) -> Any:
        """What a tree finds (its projects and figures), without saying it: two readings
        that find the same are not two answers. ``None`` when it does not execute."""
        try:
            return self.executor.found(root)
        except (ArithmeticError, TypeError, ValueError, KeyError) as exc:
            logger.debug("grammar: %s does not execute: %s", root, exc)
            return None

    def lower(self, root: Any) -> Query | None:
        """A flat tree as the readers' ``Query`` (``None``: it nests)."""
        return self.lowering.query(root)

    def answer(self, root: Any) -> str | None:
        try:
            return self.sayer.answer(root)
        except (ArithmeticError, TypeError, ValueError, KeyError) as exc:
            logger.debug("grammar: %s does not execute: %s", root, exc)
            return None
        except Exception:  # a tree the sayer cannot say is not an answer, never a crash
            logger.warning("grammar: %s could not be said", root, exc_info=True)
            return None


def _weighed_rows(sem: Any, found: Any) -> tuple[str, ...]:
    """The two projects whose figures were weighed, the one the answer picks first ("who got
    more, A or B?": the larger; "did A get more than B?": A), when each side is one's."""
    sides = [_one_acronym(v) for v in (sem.left, sem.right)]
    if None in sides or sides[0] == sides[1]:
        return ()
    _, left, right = found
    larger_first = not isinstance(sem, tree.Which) or (left.value >= right.value) == sem.descending
    return tuple(sides if larger_first else sides[::-1])  # type: ignore[arg-type]


def _one_acronym(node: Any) -> str | None:
    among = getattr(node, "among", None)
    return among.acronyms[0] if isinstance(among, tree.Named) and len(among.acronyms) == 1 else None


def _of_other_calls(frame: Frame, that: Any) -> list[Terminal]:
    """ "more than call 2?" after the 1st call's total EU contribution: a call named stands
    for the same figure of that call; "the call" after a project's figure, for its call."""
    if isinstance(that, tree.Of) and isinstance(that.among, tree.Named):
        # "what share of the call's EU money is that?" after a project's: its call
        return [
            Terminal(s.start, s.end, "$Set", tree.CallOf(that.among), "$Set:that_call")
            for s in frame.spans
            if (s.kind, s.value) == ("noun", "call")
        ]
    if not (isinstance(that, tree.Agg) and isinstance(that.among, tree.InCall)):
        return []
    return [
        Terminal(s.start, s.end, "$Value", that._replace(among=tree.InCall(n)), "$Value:that_call")
        for s in frame.spans
        if s.kind == "call" and (n := s.value.number) != that.among.number
    ] + [  # "which projects in that call are above that average?": the call of that figure
        Terminal(s.start, s.end, "$Set", that.among, "$Set:that_call")
        for s in frame.spans
        if (s.kind, s.value) == ("noun", "call")
    ]


def _uses(root: Any, value: Any) -> bool:
    """Whether the tree ``root`` holds ``value`` somewhere inside it."""
    return any(node == value for node in tree.nodes(root))


def _one_named(root: Any) -> bool:
    """ "is CECIL among the projects ...": whether one named project is in a set."""
    among = getattr(root, "among", None)
    named = getattr(among, "among", None)
    return (
        isinstance(root, tree.Exists) and isinstance(named, tree.Named) and len(named.acronyms) == 1
    )


def _same_verdict(a: Any, b: Any, first: str | None, second: str | None) -> bool:
    """Whether two readings of a yes/no question give the same yes or no (their first word:
    the answer templates open with it), so that asking which was meant would be idle."""
    if not (isinstance(a, YESNO) and isinstance(b, YESNO)) or not first or not second:
        return False
    return first.split(maxsplit=1)[0] == second.split(maxsplit=1)[0]


def _one_gap(a: Any, b: Any) -> bool:
    """Whether two readings weigh the same two figures against each other, one as "which is
    larger, by how much", the other as their difference: one answer said two ways."""
    pairs = [_weighed(x) for x in (a, b)]
    return None not in pairs and pairs[0] == pairs[1]


def _weighed(root: Any) -> frozenset[Any] | None:
    if isinstance(root, tree.Which):
        return frozenset((root.left, root.right))
    value = root.value if isinstance(root, tree.Say) else None
    if isinstance(value, tree.Calc) and value.op == "difference":
        return frozenset((value.left, value.right))
    return None


def _scoped_apart(sem: Any) -> bool:
    """ "the total budget and the EU total for call 1": two figures, one of every project and
    one of a call; the call may have been meant of both (never sure)."""
    if not isinstance(sem, tree.Several):
        return False
    amongs = [
        part.value.among
        for part in sem.parts
        if isinstance(part, tree.Say) and isinstance(part.value, tree.Agg)
    ]
    return len(amongs) == 2 and (tree.Every() in amongs) and len(set(amongs)) == 2


def _by_degree(sem: Any, far: Span | None) -> Any:
    if far is None or not isinstance(sem, tree.Check):
        return sem
    return sem._replace(degree=str(far.value))


def _asks_rows(frame: Frame, openers: frozenset[str]) -> bool:
    """Whether the question opens by asking for projects ("which projects ...")."""
    return (
        frame.words[:1] != []
        and frame.words[0] in openers
        and any((s.start, s.kind, s.value) == (0, "call_field", "projects") for s in frame.spans)
    )


def _miscounted(d: Derivation, total: int, narrowed: bool = False) -> bool:
    """Whether ``d`` reads "5 projects" as every project: only "the 12 projects" (or "one
    project") are all of them, unless a condition narrows them ("the five projects that
    started in November 2016")."""
    counted = d.feature == "counted-set" and d.parts and d.parts[0].sem not in (total, 1)
    if counted and not narrowed:
        return True
    narrows = isinstance(d.sem, tree.Filter | tree.Both)
    return any(_miscounted(part, total, narrows) for part in d.parts)


def _counted_field(found: list[Terminal], skip: list[bool]) -> bool:
    """ "how many different start dates are there?": a count of a field's values."""
    fields = [x.start for x in found if x.category == "$Field"]
    return any(
        x.category == "$Count" and any(x.end <= f and all(skip[x.end : f]) for f in fields)
        for x in found
    )


def _of_all(found: list[Terminal], skip: list[bool]) -> bool:
    """Whether a field is said of "all" the projects right after it ("the total budget of
    all the projects"), only passable words between."""
    fields = [x.end for x in found if x.category == "$Field"]
    return any(
        x.category == "$All" and any(end <= x.start and all(skip[end : x.start]) for end in fields)
        for x in found
    )


def _picked_call(found: Any) -> int | None:
    """The call a "which call ..." answer picked, when one call is above the rest (or is the
    only one that passes a test)."""
    if isinstance(found, tuple) and found and found[0] == "calls":
        return found[1][0] if len(found[1]) == 1 else None
    if not (isinstance(found, tuple) and found and found[0] == "best"):
        return None
    _, descending, figures = found
    ranked = sorted(figures, key=lambda cf: cf[1].value, reverse=descending)
    tied = len(ranked) > 1 and ranked[0][1].value == ranked[1][1].value
    return None if tied else int(ranked[0][0])


def _composes_alone(found: list[Terminal]) -> bool:
    """ "call 2 grants": a field named for each project, of a call's projects, which the
    readers would take for the call's total; "the programme's total budget": all of it."""
    kinds = {x.category for x in found}
    called = any(x.category == "$Set" and isinstance(x.sem, tree.InCall) for x in found)
    return (called and "$Fields" in kinds) or {"$Programme", "$Field"} <= kinds


def _parts(found: list[Terminal], skip: list[bool]) -> int:
    """How many parts a question has: the places its words that may not pass unread begin."""
    return len({x.start for x in found if not skip[x.start]})


def _covered(d: Derivation, telling: list[bool]) -> int:
    """How many of the question's telling words a derivation reads (the rest it passed
    over); a word that may pass unread ("got") is not worth reading for its own sake."""
    if not d.parts:
        return sum(telling[d.start : d.end])
    return sum(_covered(p, telling) for p in d.parts)


def _fullest_first(found: list[Derivation], telling: list[bool]) -> list[Derivation]:
    """Of derivations that score about as well as the best, those that read more of the
    question come first ("an EU figure that doesn't fit with their total budget" reads "EU")."""
    if not found:
        return found
    top = found[0].score
    close = [d for d in found if top - d.score < SAME_SCORE]
    close.sort(key=lambda d: (-_covered(d, telling), -d.score, d.size))
    return close + found[len(close) :]


__all__ = ["Choice", "Grammar", "intent", "load_weights"]
