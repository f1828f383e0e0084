"""Honest answers: what the page cannot say, what the bot did not understand, the glossary.

A decline or a partial answer says what was understood and quotes what was not, and the
words not understood travel in ``Reply.meta["not_understood"]`` to the unanswered log.
"""

from __future__ import annotations

from functools import cached_property

from rapidfuzz import fuzz, process

from bot.engine import formatting as fmt
from bot.engine import thresholds
from bot.engine.context import Context
from bot.engine.frame import Frame, Span
from bot.engine.interpret import Reading
from bot.engine.interpret.readers.prose import camel_case, looks_like_a_name
from bot.engine.memo import Memo
from bot.engine.pagetext import PageText
from bot.engine.query import Query
from bot.engine.render import Renderer
from bot.engine.reply import Reply, bold
from bot.knowledge import NOT_PUBLISHED, Knowledge

ACT_WORDS = {
    "lookup": "a question about {projects}",
    "card": "a question about {projects}",
    "check": "a yes/no question about {projects}",
    "compare": "a comparison of {projects}",
    "list": "a list of projects",
    "count": "a count of projects",
    "aggregate": "a figure over several projects",
    "rank": "a ranking of projects",
    "arithmetic": "a calculation",
    "calls": "a question about the calls for proposals",
}


class Explainer:
    def __init__(self, knowledge: Knowledge, renderer: Renderer, page: PageText) -> None:
        self.k = knowledge
        self.r = renderer
        self.page = page
        self.source = knowledge.programme.source.title
        self._acronyms: list[str] | None = None  # lower-cased, made at the first decline
        self.nearest_names: Memo[tuple[str, int], list[str]] = Memo(thresholds.WORDINGS_CACHE)

    def reply(
        self,
        text: str,
        act: str,
        confidence: float = 0.9,
        missing: list[str] | None = None,
        hints: list[str] | None = None,
    ) -> Reply:
        reply = Reply.build(text, act, confidence, hints or [], self.source)
        if missing:
            reply.meta["not_understood"] = missing
        return reply

    def years(self) -> str:
        return fmt.join([str(c.year) for c in self.k.calls])

    # -- the page's prose -------------------------------------------------------------------
    def explain(self, query: Query, frame: Frame, context: Context) -> Reply:
        glossary = self.k.language.glossary
        entries = [glossary[int(i)] for i in dict.fromkeys(query.parts)]
        named = [self.k.fields[str(s.value)] for s in frame.find("field")]
        labels = dict.fromkeys(f.label for f in named if f.kind != "text")  # not "stands for"
        lines = []
        if labels:  # "the total budget of COSME": a figure the page gives only for projects
            lines.append(
                self.r.t(
                    "glossary_no_figure",
                    labels=fmt.join(list(labels)),
                    terms=fmt.join([e.term for e in entries]),
                    projects=len(self.k.projects),
                )
            )
        for entry in entries:
            lines.append(
                self.r.t(
                    "glossary" if entry.abbreviation else "glossary_term",
                    term=bold(entry.term),
                    meaning=entry.meaning,
                    note=entry.note or "",
                ).strip()
            )
        return self.reply("\n".join(lines), "explain")

    def passage(self, frame: Frame, call: int | None = None) -> Reply | None:
        found = self.page.search(frame.words, call)
        if found is None:
            return None
        text = self.r.t("passage", section=found.section, text=found.text)
        return self.reply(text, "explain", min(1.0, found.score / 6))

    def passage_answer(self, query: Query, frame: Frame, context: Context) -> Reply:
        section, text = query.words
        if query.parts:  # a yes/no about a call's prose
            found, number = query.parts
            call = fmt.call_name(self.k.calls_by_number[int(number)])
            name = "passage_yes" if found == "in" else "passage_no"
            return self.reply(self.r.t(name, call=call, section=section, text=text), "explain")
        return self.reply(self.r.t("passage", section=section, text=text), "explain")

    def unknowable(self, query: Query, frame: Frame, context: Context) -> Reply:
        text = self.r.t(
            "unknowable",
            words=fmt.join([f"“{w}”" for w in query.words]),
            calls=len(self.k.calls),
            years=self.years(),
        )
        return self.reply(text, "unknowable")

    def no_such_call(self, query: Query, frame: Frame, context: Context) -> Reply:
        text = self.r.t("no_such_call", calls=len(self.k.calls), years=self.years())
        return self.reply(text, "unknowable")

    # -- what was not understood ------------------------------------------------------------
    def described(self, reading: Reading) -> str:
        query = reading.query
        template = ACT_WORDS.get(query.act, "a question about the programme")
        projects = fmt.join(list(query.projects)) or "a project"
        text = template.format(projects=projects)
        conditions = [self.r.condition_text(c) for c in query.conditions]
        if conditions:
            text += " " + ", ".join(conditions)
        return text

    def partial(
        self, frame: Frame, reading: Reading, missed: list[Span], context: Context
    ) -> Reply:
        words = [frame.typed(s.start, s.end) for s in missed]
        said = " … ".join(dict.fromkeys(words))
        by_period = self._by_period(reading.query, missed, said)
        if by_period is not None:  # "ECRI's EU contribution in 2017": not split by year
            context.projects = list(reading.query.projects)  # "and its partners?" next
            context.last = reading.query
            return self.reply(by_period, "partial", thresholds.UNSURE, words)
        text = self.r.t("partial", understood=self.described(reading), words=said)
        return self.reply(text, "partial", 0.3, words)

    def _by_period(self, query: Query, missed: list[Span], period: str) -> str | None:
        """A project's money asked for a year or a month: the page gives it for the whole
        run only, so the whole figure is said as such, and that it is not split."""
        money = [f for f in query.fields if self.k.fields[f].kind == "money"]
        dated = any(s.kind == "date" for s in missed)
        if query.act != "lookup" or not query.projects or not money or not dated:
            return None
        if any(s.kind not in ("date", "cmp") for s in missed):
            return None
        by = {p.acronym: p for p in self.k.projects if p.acronym in query.projects}
        figures = [
            self.r.t(
                "money_whole_run",
                acronym=acronym,
                label=self.k.fields[f].label,
                value=bold(fmt.value_text(self.k, by[acronym], f)),
            )
            for acronym in query.projects
            if acronym in by
            for f in money
        ]
        return self.r.t("money_by_period", period=period, figures=" ".join(figures))

    def unknown_names(self, frame: Frame, reading: Reading, beside: bool = False) -> list[str]:
        """Words typed like a name ("HYDROCLUST") in a question about a project, or (only
        those when ``beside``) unknown words said as a project's name: "the HYDRO project",
        "the project Foobar"."""
        if (
            reading.query.act
            not in ("lookup", "card", "list", "rank", "aggregate", "count", "not_on_page")
            or reading.query.projects
        ):
            return []
        beside_noun = _beside_noun(frame)
        if beside:
            return beside_noun
        named = [w for w in frame.unknown if looks_like_a_name(w)]
        return beside_noun or named

    def unknown_project(self, words: list[str], context: Context) -> Reply:
        name = " ".join(words)
        count = len(self.k.projects)
        near: list[str] = []
        if count <= thresholds.NAMES_SHOWN:  # a few: name them all
            template, names = "unknown_project_all", [p.acronym for p in self.k.projects]
        else:  # many: only the closest few, never the whole list
            near = names = self.nearest(name, 3)
            template = "unknown_project_closest" if near else "unknown_project"
        text = self.r.t(template, project=name, count=f"{count:,}", names=fmt.join(names))
        hints = [f"tell me about {n}" for n in near] or ["list all projects"]
        return self.reply(text, "unknown_project", 0.9, list(words), hints)

    def nearest(self, name: str, limit: int) -> list[str]:
        """The acronyms closest to ``name`` (one batch call over all of them, not a loop)."""
        key = (name.lower(), limit)
        return self.nearest_names.get_or_make(key, lambda: self._nearest(*key))

    def _nearest(self, name: str, limit: int) -> list[str]:
        if self._acronyms is None:
            self._acronyms = [p.acronym.lower() for p in self.k.projects]
        found = process.extract(
            name, self._acronyms, scorer=fuzz.ratio, score_cutoff=50, limit=limit
        )
        return [self.k.projects[i].acronym for _, _, i in found]

    def topics(self, frame: Frame) -> list[str]:
        """The projects a question's subject words point to, best first."""
        if not frame.topics or max(frame.topics.values()) < thresholds.TOPIC_MIN:
            return []
        ranked = sorted(frame.topics.items(), key=lambda kv: -kv[1])
        return [a for a, w in ranked if w >= ranked[0][1] * thresholds.TOPIC_SHARE]

    def topic(self, acronyms: list[str], context: Context) -> Reply:
        shown = acronyms[: thresholds.PAGE_SIZE]
        lines = [self.r.row_line(self.r.ev.by_acronym[a], None) for a in shown]
        if len(acronyms) > len(shown):
            lines.append(self.r.t("topic_more", count=f"{len(acronyms) - len(shown):,}"))
        context.listed = list(acronyms[: thresholds.LISTED_MAX])
        context.projects = list(acronyms[:1])
        if len(acronyms) == 1:
            text = self.r.t("topic_one", project=lines[0][2:])
        else:
            text = "\n".join([self.r.t("topic_many"), *lines])
        return self.reply(text, "topic", 0.8, hints=[f"tell me about {acronyms[0]}"])

    @cached_property
    def given(self) -> str:
        """What the page gives for its projects: the fields published for any of them."""
        return fmt.join(
            [
                f.label
                for name, f in self.k.fields.items()
                if not f.derived
                and any(fmt.raw_value(self.k, p, name) != NOT_PUBLISHED for p in self.k.projects)
            ]
        )

    def which_project(self, frame: Frame, every: bool = False) -> Reply:
        """ "when did it start?" with no project before: which one; a sum of money asked of
        none ("what is the total budget?", ``every``) is given for all of them too."""
        named = dict.fromkeys(self.k.fields[str(s.value)].label for s in frame.find("field"))
        labels = fmt.join(list(named)[:2])  # "how long did it run": one field, said once
        text = (
            f"Which project do you mean? Tell me its name and I'll give you its {labels}, "
            f"for example “{labels} of {self.k.projects[0].acronym}”."
        )
        if every and len(named) == 1:  # "what is the total budget?": every project's too
            text = f"{self._all_together(str(frame.find('field')[0].value))}{text}"
        return self.reply(text, "which_project", 0.5, [], [p.acronym for p in self.k.projects[:3]])

    def _all_together(self, name: str) -> str:
        """ "The page gives a total budget for each project; all 12 together: €3,347,790." """
        if self.k.fields[name].kind != "money":
            return ""
        values = [fmt.raw_value(self.k, p, name) for p in self.k.projects]
        given = [v for v in values if v != NOT_PUBLISHED]
        if not given:
            return ""
        label = self.k.fields[name].label
        total = bold(fmt.money(sum(given)))
        return self.r.t("which_project_total", label=label, count=len(given), value=total) + "\n"

    def fallback(self, frame: Frame, best: Reading | None, context: Context) -> Reply:
        """No reading explains enough of the question: a subject, a passage, or a decline."""
        if not frame.find("field"):
            topics = self.topics(frame)
            if topics:
                return self.topic(topics, context)
        # words typed as names only ("HYDROCLUST", "ClusterBoost"; not "x12" or "top3"), or
        # one said as a project's ("the project Foobar")
        names = [w for w in frame.unknown if len(w) > 2 and (w.isupper() or camel_case(w))]
        names = names if len(names) == len(frame.unknown) else []
        names = names or _named_after_noun(frame)
        if names:
            return self.unknown_project(names, context)
        unknown = frame.unknown or [
            frame.typed(s.start, s.end) for s in frame.spans if s.kind in ("neg", "op")
        ]
        text = self.r.t(
            "decline_words" if unknown else "decline",
            words=" ".join(unknown[:6]),
            programme=self.k.programme.name,
            calls=len(self.k.calls),
            projects=len(self.k.projects),
            labels=self.given,
            example=self.r.example(),
        )
        return self.reply(text, "decline", 0.0, unknown or [frame.text[:80]], self.r.examples[:3])


def _named_after_noun(frame: Frame) -> list[str]:
    """ "the project Foobar": a word typed as a name right after the noun."""
    nouns = {s.end for s in _project_nouns(frame)}
    shown = _shown(frame)
    return [shown[i] for i in frame.unknown_at if i in nouns and shown[i][:1].isupper()]


def _beside_noun(frame: Frame) -> list[str]:
    """Unknown words said as a project's name: "the HYDRO project", "the project Foobar"
    (after the noun, only a word typed as a name is: "which project contributes most?")."""
    nouns = [s.start for s in _project_nouns(frame)]
    shown = _shown(frame)
    before = [shown[i] for i in frame.unknown_at if any(0 < n - i <= 3 for n in nouns)]
    return before + [w for w in _named_after_noun(frame) if w not in before]


def _project_nouns(frame: Frame) -> list[Span]:
    """The noun "project" said of one ("the project X", not "the projects")."""
    return [s for s in frame.find("noun", "project") if frame.words[s.start][-1] != "s"]


def _shown(frame: Frame) -> list[str]:
    return frame.shown if len(frame.shown) == len(frame.words) else frame.words
