"""The knowledge base compiled for matching: names, phrases and vocabulary, built once."""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any, NamedTuple

from rapidfuzz import fuzz, process

from bot.engine import thresholds
from bot.knowledge import NOT_PUBLISHED, Knowledge
from bot.normalise import phrase, tokens

WEIGHT_STRONG = 2
WEIGHT_WEAK = 1
FOREIGN_MIN = 4  # letters an ordinary word needs to rule out a name ending with it


class Entity(NamedTuple):
    """Something a question can name: a project, a call or the programme. Equal by kind
    and name: ``ref`` (the project itself) is what it leads to, not what it is."""

    kind: str  # "project" | "call" | "programme"
    name: str
    ref: Any

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Entity) and self.kind == other.kind and self.name == other.name

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash((self.kind, self.name))


class Alias(NamedTuple):
    entity: Entity
    key: str  # its words joined, as windows of a question are
    words: int
    parts: tuple[str, ...] = ()  # the words themselves


class Tag(NamedTuple):
    """What a phrase means: a category ("field", "op", ...), a value and a weight."""

    category: str
    value: str
    weight: int = WEIGHT_STRONG


def stem(word: str) -> str:
    """A crude plural folding for topic words: "industries" -> "industry", "grids" -> "grid"."""
    if len(word) > 6 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


class Lexicon:
    """Everything the matcher looks up, derived from one ``Knowledge``."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        lang = knowledge.language
        self.numbers = dict(lang.number_words)
        self.entities: list[Entity] = []
        self.aliases: list[Alias] = []
        self.name_words: set[str] = set()  # every word of every name
        self.phrases: dict[tuple[str, ...], list[Tag]] = defaultdict(list)
        self._add_entities()
        self._add_phrases()
        # the lengths of the phrases each word starts, longest first: most words start none
        starts: dict[str, set[int]] = defaultdict(set)
        for words in self.phrases:
            starts[words[0]].add(len(words))
        self.phrase_sizes = {word: sorted(sizes, reverse=True) for word, sizes in starts.items()}
        self.stopwords = {w for s in lang.stopwords for w in tokens(s, self.numbers)}
        self.common = {w for s in lang.common_words for w in tokens(s, self.numbers)}
        phrase_words = {w for p in self.phrases for w in p}
        name_keys = {a.key for a in self.aliases}
        self.vocabulary = (self.stopwords | self.common | phrase_words) - name_keys
        # words that are never a misspelt name, though a question may leave them unexplained
        # ("in October" with no year): the vocabulary, and dates' and durations' words
        calendar = {*lang.months, *lang.ambiguous_months, *lang.time_units}
        calendar_words = {w for t in calendar for w in tokens(t, self.numbers)}
        self.ordinary = self.vocabulary | (calendar_words - name_keys)
        self.stands_for = self._name_words_near_ordinary_ones()
        # a short word may be a piece of a mistyped name ("agricore-u"): never ruled out
        foreign = {w for w in self.ordinary - set(self.stands_for) if len(w) >= FOREIGN_MIN}
        self.edges = self.stopwords | foreign
        # words only of things the page does not cover ("dollars"), not "project" of "project
        # officer": a misspelling is not read as one of them
        said_elsewhere = {
            w
            for p, tags in self.phrases.items()
            if any(t.category != "not_on_page" for t in tags)
            for w in p
        }
        off_page = {w for t in lang.not_on_page for w in tokens(t, self.numbers)}
        off_page -= self.common | said_elsewhere
        spelt = phrase_words | self.common | calendar_words  # "septmber" too
        self.spellable = sorted(w for w in spelt - off_page if len(w) >= 4)
        self.phrase_words = phrase_words
        self.exact: dict[str, list[Alias]] = defaultdict(list)
        for alias in self.aliases:
            self.exact[alias.key].append(alias)
        self.fuzzy = [a for a in self.aliases if len(a.key) > 4]
        self.fuzzy_keys = [a.key for a in self.fuzzy]
        self.max_alias_words = max(a.words for a in self.aliases)
        # single words that name a project ("project", "projet"), for "the aerospace project"
        self.project_nouns = {w for t in lang.nouns.project for w in tokens(t, self.numbers)}
        self._build_topics()

    # -- names ------------------------------------------------------------------------------
    def _add_entities(self) -> None:
        k = self.knowledge
        text_fields = k.fields_of_kind("text")
        for project in k.projects:
            entity = Entity("project", project.acronym, project)
            names = [project.acronym, *project.aliases]
            names += [project.value(f) for f in text_fields if project.value(f) != NOT_PUBLISHED]
            self._add_names(entity, names)
        for call in k.calls:
            self._add_names(Entity("call", f"call {call.number}", call), call.aliases)
        programme = k.programme
        self._add_names(
            Entity("programme", programme.name, programme), [programme.name, *programme.aliases]
        )

    def _add_names(self, entity: Entity, names: list[str]) -> None:
        self.entities.append(entity)
        seen: set[str] = set()
        for name in names:
            words = phrase(name, self.numbers)
            alias_key = "".join(words)
            if alias_key and alias_key not in seen:
                seen.add(alias_key)
                self.name_words.update(words)
                self.aliases.append(Alias(entity, alias_key, len(words), words))

    def _name_words_near_ordinary_ones(self) -> dict[str, tuple[str, ...]]:
        """For each ordinary word that is a word of a name ("eu" in CLUSVALUE-EU), or near
        one ("budget", "budgeta"), those name words. A misspelt name may start or end with
        such a word, as itself or as one of these; never with another ordinary word
        ("contribution"), nor with "the", "of" (``edges``). So "clusgrd eu contribution" is
        not compared as a whole with every name, and "… eu" only with the names with "eu"."""
        name_words = sorted(self.name_words)
        near = {}
        for word in self.ordinary - self.stopwords:
            found = process.extract(
                word, name_words, scorer=fuzz.ratio, score_cutoff=thresholds.SUGGEST, limit=None
            )
            if found:
                near[word] = tuple(hit[0] for hit in found)
        return near

    # -- phrases ----------------------------------------------------------------------------
    def _add(self, text: str, tag: Tag) -> None:
        words = phrase(text, self.numbers)
        if words and tag not in self.phrases[words]:
            self.phrases[words].append(tag)

    def _add_phrases(self) -> None:
        self._add_field_phrases()
        self._add_word_groups()
        self._add_values()

    def _add_field_phrases(self) -> None:
        k = self.knowledge
        lang = k.language
        for name, f in k.fields.items():
            for text in f.phrases:
                self._add(text, Tag("field", name, WEIGHT_STRONG))
            for text in f.weak:
                self._add(text, Tag("field", name, WEIGHT_WEAK))
        for name, cf in lang.call_fields.items():
            for text in cf.phrases:
                self._add(text, Tag("call_field", name))
        for text in lang.not_on_page:
            self._add(text, Tag("not_on_page", text))

    def _add_word_groups(self) -> None:
        lang = self.knowledge.language
        groups: list[tuple[str, dict[str, list[str]]]] = [
            ("op", {str(k): v for k, v in lang.operations.items()}),
            ("cmp", {str(k): v for k, v in lang.comparators.items()}),
            ("follow", lang.followups.model_dump()),
            ("noun", lang.nouns.model_dump()),
            ("programme", lang.programme_topics.model_dump()),
            ("dir", {str(k): v for k, v in lang.directions.items()}),
            ("limit", {str(k): v for k, v in lang.limits.items()}),
            ("arith", {str(k): v for k, v in lang.arithmetic.items()}),
            ("neg", {"not": lang.negation}),
            ("yesno", {"yes": lang.yesno, "tag": lang.yesno_tags}),
            ("conj", {"and": lang.conjunctions}),
            ("filler", {"filler": lang.fillers}),
            ("unknowable", {"future": lang.unknowable}),
            ("per", {str(unit): texts for unit, texts in lang.per_unit.items()}),
            ("same", {"same": lang.same}),
            ("degree", {str(k): v for k, v in lang.degrees.items()}),
            ("sole", {"sole": lang.sole}),
            ("now", {"now": lang.now}),
            ("precise", {"precise": lang.precise}),
            ("flag", {"inconsistent": lang.inconsistent}),
            ("why", {"why": lang.why}),
            ("gram", {k: v for k, v in lang.grammar.model_dump().items() if k != "multiples"}),
        ]
        for category, model in groups:
            for name, texts in model.items():
                for text in texts:
                    self._add(text, Tag(category, name.rstrip("_")))

    def _add_values(self) -> None:
        lang = self.knowledge.language
        for text, n in lang.ordinals.items():
            self._add(text, Tag("ordinal", str(n)))
        for text, times in lang.grammar.multiples.items():
            self._add(text, Tag("multiple", str(times)))
        for text, time_unit in lang.time_units.items():
            self._add(text, Tag("unit", time_unit))
        for i, entry in enumerate(lang.glossary):
            for text in [entry.term, *entry.aliases]:
                self._add(text, Tag("term", str(i)))
        for name, act in lang.conversation.model_dump().items():
            for text in act["phrases"] if act else ():
                self._add(text, Tag("conversation", name))
        for unit in lang.amount_units:
            self._add(unit, Tag("unit", unit))
        for word in lang.currency_words:
            self._add(word, Tag("currency", word))

    # -- topics -----------------------------------------------------------------------------
    def _build_topics(self) -> None:
        """Index projects by the words of their names and keywords, weighted by rarity."""
        text_fields = self.knowledge.fields_of_kind("text")
        words_of: dict[str, set[str]] = {}
        generic = {stem(w) for w in self.phrase_words}
        for project in self.knowledge.projects:
            texts = list(project.keywords)
            texts += [project.value(f) for f in text_fields if project.value(f) != NOT_PUBLISHED]
            words_of[project.acronym] = {
                stem(w)
                for t in texts
                for w in tokens(t)
                if w not in self.stopwords and stem(w) not in generic and len(w) > 2
            }
        count: dict[str, int] = defaultdict(int)
        for words in words_of.values():
            for w in words:
                count[w] += 1
        total = max(len(words_of), 1)
        self.topic_weight = {w: math.log(1 + total / c) for w, c in count.items()}
        # acronyms as the keys of a dict: a set, in the page's order (a set of strings is
        # in another order in every process, and so were the projects listed for a topic)
        self.topic_index: dict[str, dict[str, None]] = defaultdict(dict)
        for acronym, words in words_of.items():
            for w in words:
                self.topic_index[w][acronym] = None
        self.topic_phrases: dict[tuple[str, ...], dict[str, None]] = defaultdict(dict)
        for project in self.knowledge.projects:
            for keyword in project.keywords:
                stems = tuple(stem(w) for w in tokens(keyword))
                if len(stems) > 1:
                    self.topic_phrases[stems][project.acronym] = None
