"""The shape of the knowledge base, as pydantic models.

Projects are not a fixed class: their facts are the fields declared in ``fields.yaml``,
so a maintainer can add a field there and in ``projects.yaml`` without touching Python.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    create_model,
    model_validator,
)

from bot.knowledge.plain import DERIVED_KINDS

NotPublished = Literal["not published"]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Phrases = list[Text]

Kind = Literal["money", "date", "text", "list", "call", "span", "ratio", "difference"]
STORED_KINDS: dict[str, Any] = {
    "money": Annotated[int, Field(strict=True, ge=0)],
    "date": dt.date,
    "text": Text,
    "list": list[Text],
    "call": Annotated[int, Field(strict=True, ge=1)],
}
EXPECTED = {
    "money": "an integer (whole euros, no separators)",
    "date": "a date written YYYY-MM-DD",
    "text": "a non-empty text",
    "list": "a list of names",
    "call": "a call number",
}


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Model):
    title: Text
    path: Text | None = None
    url: Text | None = None


class Programme(Model):
    name: Text
    aliases: Phrases = []
    description: Text
    funding_programme: Text
    funding_text: Text
    source: Source
    caveats: dict[str, Text] = {}


class Call(Model):
    number: Annotated[int, Field(strict=True, ge=1)]
    year: Annotated[int, Field(strict=True, ge=1950, le=2100)]
    aliases: Phrases = []
    focus_intro: Text
    focus: list[Text]
    selected_projects: Annotated[int, Field(strict=True, ge=0)] | NotPublished
    projects_elsewhere: Text | None = None


class Caveat(Model):
    fields: list[Text]
    text: Text


class ProjectBase(Model):
    """What every project has besides its declared fields."""

    acronym: Text
    aliases: Phrases = []
    keywords: Phrases = []
    caveats: list[Caveat] = []

    def value(self, field: str) -> Any:
        """The stored value of a declared field (or ``NOT_PUBLISHED``)."""
        return getattr(self, field)


class FieldDef(Model):
    label: Text
    kind: Kind
    phrases: Phrases = []
    weak: Phrases = []
    of: list[Text] = []
    covers: list[Text] = []
    answer: Text
    unpublished: Text | None = None
    filter: Text | None = None
    default_for: Literal["money"] | None = None
    # words that name this field only joined to another by an arithmetic word ("ECRI's total
    # minus EU": the total budget), not alone ("the total" is a sum)
    in_arithmetic: Phrases = []
    # the field named for each of several projects ("the budgets of the call 2 projects"):
    # said of a call's projects it is each project's figure, not the call's total
    each: Phrases = []

    @property
    def derived(self) -> bool:
        return self.kind in DERIVED_KINDS


class CallFieldDef(Model):
    phrases: Phrases


class Example(Model):
    text: Text
    help: bool = False


class Intent(Model):
    name: Text
    description: Text
    examples: list[Example] = []


class ConversationAct(Model):
    phrases: Phrases
    reply: Text


# operations are open: a new aggregate is a list of phrases here plus one function in
# ``bot/engine/evaluate.py``'s AGGREGATES (see the README, "Teaching the bot a new question")
OPERATIONS = Text
COMPARATORS = Literal[
    "gt",
    "ge",
    "lt",
    "le",
    "eq",
    "between",
    "inside",
    "closest",
    "before",
    "after",
    "by",
    "since",
    "during",
    "until",
    "throughout",
]
ARITHMETIC = Literal["difference", "sum", "ratio", "overlap"]


class Followups(Model):
    # "continue" is a keyword in Python, hence the alias
    continue_: Phrases = Field(alias="continue")
    pronoun: Phrases
    plural: Phrases
    more: Phrases = []  # the next page of a long list; the first is what its button asks
    one: Phrases = []  # one of the projects just shown: "which one", "the fourth one"
    # of a list just shown, the row before (after) the one last talked about: "the one
    # before it", "the next one"
    previous: Phrases = []
    following: Phrases = []
    # of a list just shown, the row (rows) in its middle: "the middle one", "the middle two"
    middle: Phrases = []
    # of the two projects just talked about, the one not asked about last: "the other one"
    other: Phrases = []
    # of the projects just listed, those the last answer did not pick: "the rest ended when?"
    rest: Phrases = []
    # "their combined budget": the rows just shown, when the question names no rows of its
    # own ("projects above their own budget" does)
    possessive: Phrases = []


class Nouns(Model):
    project: Phrases
    call: Phrases
    programme: Phrases


class ProgrammeTopics(Model):
    funding: Phrases
    description: Phrases
    source: Phrases


class Conversation(Model):
    greet: ConversationAct
    thanks: ConversationAct
    goodbye: ConversationAct
    confirm: ConversationAct
    help: ConversationAct
    apology: ConversationAct | None = None  # "my mistake", "never mind"
    acknowledge: ConversationAct | None = None  # "ok", "cool", "got it" after an answer


class GlossaryEntry(Model):
    """An abbreviation or term the page uses, and what it stands for."""

    term: Text
    aliases: Phrases = []
    meaning: Text
    note: Text | None = None
    abbreviation: bool = True  # "KETs stands for ..." rather than "ClusterXchange is ..."


class Passage(Model):
    """A piece of the page's prose; ``call`` when it belongs to one call's section."""

    section: Text
    text: Text
    call: Annotated[int, Field(strict=True, ge=1)] | None = None
    about: Phrases = []  # words people use when they ask about this passage


class GrammarWords(Model):
    """Words the grammar composes with (``bot/engine/grammar``): each a terminal category."""

    each: Phrases = []  # "for each call": a grouping
    by: Phrases = []  # "sorted by", "by call"
    share: Phrases = []  # "what share of", "what part of"
    times: Phrases = []  # "how many times"
    into: Phrases = []  # "fit into"
    percent: Phrases = []  # "90 percent"
    verb: Phrases = []  # words that only join the parts ("went to", "account for")
    member: Phrases = []  # "part of", "belong to": what a project is in
    single: Phrases = []  # "the single largest grant": one project's, not a call's total
    itself: Phrases = []  # "themselves": never skipped (no rule reads it yet)
    more: Phrases = []  # "bigger": a comparison ("a bigger budget than"), not "the biggest"
    less: Phrases = []
    some: Phrases = []  # "that put in some money of their own": a figure above zero
    negative: Phrases = []  # "a negative own contribution": a figure below zero
    all: Phrases = []  # "did every project ...": each of a set, asked yes or no
    far: Phrases = []  # "how far below X was Y": the gap between two figures
    elapsed: Phrases = []  # "how long ago did X end": the time from a date to today
    already: Phrases = []  # "already under way when X started": begun before that day
    multiples: dict[Text, Annotated[float, Field(gt=0)]] = {}  # "half of": 0.5


class Premises(Model):
    """Words that open a premise ("since ..., how ...") or join a question to one ("..., so
    how ..."), and the yes/no opening it is checked as."""

    opening: Phrases = []
    joining: Phrases = []
    asked_as: Text | None = None  # no opening: premises are not checked


class Languages(Model):
    """Which language a question is written in, told by its common words per language."""

    answers_in: Text  # the language of the bot's answers: one of ``words``
    words: dict[Text, Phrases]  # by language code

    @model_validator(mode="after")
    def _answers_in_a_listed_language(self) -> Languages:
        if self.answers_in not in self.words:
            raise ValueError(f"answers_in {self.answers_in!r} is not one of the listed languages")
        return self


class Language(Model):
    """Everything about words; validated from the merged top-level keys."""

    call_fields: dict[Literal["year", "focus", "projects"], CallFieldDef]
    not_on_page: Phrases = []
    operations: dict[OPERATIONS, Phrases]
    comparators: dict[COMPARATORS, Phrases]
    directions: dict[Literal["asc", "desc"], Phrases]
    limits: dict[Literal["top", "bottom"], Phrases]
    ordinals: dict[Text, Annotated[int, Field(strict=True, ge=1)]]
    arithmetic: dict[ARITHMETIC, Phrases]
    negation: Phrases
    # a negation said in two words around what it leaves out ("leaving call 2 out"): the
    # first word and the word that closes it
    split_negation: dict[Text, Text] = {}
    # negations that leave something out of what is asked ("other than ECRI, ..."), unlike
    # "no" or "none of"
    excluding: Phrases = []
    # what money went to, which the page does not say, asked around what was spent ("what
    # did CECIL spend its grant on?"): the first word and the last word of the question
    split_not_on_page: dict[Text, Text] = {}
    yesno: Phrases
    # yes/no words that ask whether there is any ("did any project ...?", "is there ...")
    existential: Phrases = []
    # plural pronouns also said of one ("who got the most? when did they start?"): after an
    # answer that named one project, that project
    singular_they: Phrases = []
    # a yes/no asked by a tag at the end ("5FOREXCELLENCE finished before 2018, right?")
    yesno_tags: Phrases = []
    # a yes/no asked negatively ("wasn't ECRI in the first call?", "ECRI didn't end in 2017,
    # did it?"): asked as the plain question, answered with the facts and no bare yes or no
    negative_yesno: Phrases = []
    roughly_before_amount: Phrases = []
    counted_before_number: Phrases = []
    # words that make the number after them a place in the list shown ("number 6 on that
    # list": the sixth), unless a field or a noun stands between ("call number 2")
    placed_before_number: Phrases = []
    # words that only a number spelt out has ("eighty", "hundred"): the question is read with
    # text2num then ("two hundred and eighty thousand" is 280000)
    spelled_numbers: Phrases = []
    # pronouns that point back at the last answer from a clause of their own ("the project
    # that ended last, how much did it get?")
    points_back: Phrases = []  # "about 249k": roughly, only before an amount
    negative_yesno_tags: Phrases = []  # "..., was it?" after a negation
    conjunctions: Phrases
    # words that offer a choice ("A or B"): a reading that chooses none of them is not sure
    alternatives: Phrases = []
    # words before a field that ask for the projects that publish it ("which projects have a
    # full title?", "how many come with a full name?")
    having: Phrases = []
    # "any other project under 200k?" after one project: the words for "other", and the
    # words that put the project it leaves out after the rows ("projects other than ECRI")
    others: Phrases = []
    other_than: str = ""
    # "did it have a smaller budget too?" after two projects compared: the word that puts the
    # other one after the comparison ("a smaller budget than CLUSGRID")
    than: str = ""
    # "in the same call?" after one project: the word that says what it is the same as
    # ("the same call as CLUSGRID")
    same_as: str = ""
    # "and of the whole programme's budget?" after a share: the word that opens another whole
    # for the same part
    whole_of: str = ""
    # words for "all" that mean each one apart ("the EU contribution of each project": each
    # figure, not their total)
    distributive: Phrases = []
    # how far apart a comparison asks two figures to be ("much bigger", "bigger by a lot":
    # ``large``; "only slightly less": ``small``), said just before the comparative word or
    # after "by"
    degrees: dict[Literal["large", "small"], Phrases] = {}
    # ... and the words that open a degree said after the comparison ("bigger by a lot")
    degree_after: Phrases = []
    # a run's verb with the word that opens a range, read as the run's own start and end
    # ("ran from November 2016 to November 2018"), not a day of it in the range ("running
    # from July to December 2017", "active between")
    run_from: Phrases = []
    # words that claim one project alone meets a test ("is CECIL the only first-call
    # project under 250k?"): never passed over, so never answered as if unsaid
    sole: Phrases = []
    # words that open a question keeping only some of the rows just shown ("only those that
    # ended in 2018", "with a budget above 282k", "now just the ones over 213k")
    narrowing: Phrases = []
    # words that open a correction of the last question ("no, I meant the total budget",
    # "sorry, 2018"): the rest is read as a follow-up of it
    corrections: Phrases = []
    # words that open a question: after a joining word, a second question starts ("..., and
    # which call had the higher total?")
    question_words: Phrases = []
    # symbols typed for words ("ECRI's budget + TCE's"): read as the word, when standing alone
    symbols: dict[Text, Text] = {}
    # symbols read as a word only where they open the question, before a figure or a name
    # ("x2", "/ 3", "- 10k", "x 1.1": a step on the figure just given; not "TRACE-KEI")
    opening_symbols: dict[Text, Text] = {}
    # words typed short or misspelt by habit ("wen", "hw", "u"): read as the word meant
    shorthand: dict[Text, Text] = {}
    # words that ask for a reason, which the page does not give ("why did ...")
    why: Phrases = []
    # a question that takes a statement for granted: the statement is checked first
    premises: Premises = Premises()
    # words that ask where the page's figures are inconsistent (the projects' caveats)
    inconsistent: Phrases = []
    fillers: Phrases = []
    unknowable: Phrases = []
    # "per month": a project's figure spread over its run, by the unit of time; other rates
    # ("per partner") need figures the page does not give
    per_unit: dict[Literal["days", "weeks", "months", "quarters", "years", "other"], Phrases] = {}
    same: Phrases = []
    now: Phrases = []
    precise: Phrases = []
    months: dict[Text, Annotated[int, Field(strict=True, ge=1, le=12)]]
    date_edges: dict[Literal["first", "last"], Phrases] = {}
    # "the first half of 2016": a part of a year, as its first month and how many months
    year_parts: dict[
        Text, tuple[Annotated[int, Field(ge=1, le=12)], Annotated[int, Field(ge=1, le=12)]]
    ] = {}
    ambiguous_months: dict[Text, Annotated[int, Field(strict=True, ge=1, le=12)]] = {}
    time_units: dict[Text, Literal["days", "weeks", "months", "years"]]
    whole_units: Phrases = []  # "two *full* years": between a number and its unit
    glossary: list[GlossaryEntry] = []
    passages: list[Passage] = []
    templates: dict[Text, Text] = {}
    followups: Followups
    nouns: Nouns
    programme_topics: ProgrammeTopics
    amount_units: dict[Text, Annotated[int, Field(strict=True, gt=0)]]
    currency_words: Phrases
    percent_words: Phrases = []
    number_words: dict[Text, Annotated[int, Field(strict=True, ge=0)]]
    conversation: Conversation
    stopwords: Phrases
    common_words: Phrases
    intents: list[Intent]
    grammar: GrammarWords = GrammarWords()
    languages: Languages | None = None  # without it, every question is taken as in one language


def project_model(fields: dict[str, FieldDef]) -> type[ProjectBase]:
    """A project class whose attributes are the stored fields declared in ``fields.yaml``."""
    attributes: dict[str, Any] = {
        name: (STORED_KINDS[f.kind] | NotPublished, ...)
        for name, f in fields.items()
        if not f.derived
    }
    model: type[ProjectBase] = create_model("Project", __base__=ProjectBase, **attributes)
    return model
