"""Decide what a question asks, from its ``Frame`` and the conversation so far.

The parser yields scored names and cues; this step picks one intent and its subjects,
asks back when two names are close, or declines when nothing fits. Thresholds live in
``thresholds``; this module holds the order in which readings are tried.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from bot.engine import thresholds
from bot.engine.context import Context
from bot.engine.frame import Frame
from bot.engine.matcher import Match
from bot.knowledge import Knowledge
from bot.knowledge.schema import Call, ProjectBase

logger = logging.getLogger(__name__)

TABLE_OPS = ("max", "min", "sum", "average")


@dataclass(frozen=True)
class Filter:
    """Keep projects whose ``field`` is ``cmp`` ("more", "less", "in") ``value``."""

    field: str
    cmp: str
    value: int
    unit: str  # "year" or "amount"


@dataclass
class Query:
    intent: str
    confidence: float
    projects: list[ProjectBase] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)
    scope: list[ProjectBase] | None = None
    scope_call: Call | None = None
    scope_context: bool = False
    filters: list[Filter] = field(default_factory=list)
    op: str | None = None
    cmp: str | None = None
    limit: int | None = None
    options: list[str] = field(default_factory=list)
    retry: list[str] = field(default_factory=list)  # per option: the question, name corrected
    words: list[str] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)


class Decider:
    def __init__(self, knowledge: Knowledge) -> None:
        self.k = knowledge
        self.by_acronym = {p.acronym: p for p in knowledge.projects}
        self.default_money = knowledge.default_money_field
        self.span = next(iter(knowledge.fields_of_kind("span")), None)

    # -- helpers ----------------------------------------------------------------------------
    def fields(self, frame: Frame) -> list[str]:
        """The fields asked for: strong cues first, covered fields dropped."""
        weights = frame.values("field")
        if not weights:
            return []
        strong = [n for n, w in weights.items() if w >= 2]
        chosen = strong or [max(weights, key=lambda n: weights[n])]
        covered = {c for n in chosen for c in self.k.fields[n].covers}
        chosen = [n for n in chosen if n not in covered]
        return [n for n in self.k.fields if n in chosen]

    def context_projects(self, context: Context) -> list[ProjectBase]:
        return [self.by_acronym[a] for a in context.projects if a in self.by_acronym]

    def filters(self, frame: Frame, fields: list[str]) -> list[Filter]:
        out: list[Filter] = []
        cmp = next(iter(frame.values("cmp")), None)
        kinds = {n: self.k.fields[n].kind for n in fields}
        if frame.years:
            dated = [n for n in fields if kinds[n] in ("date", "span")] or (
                [self.span] if self.span else []
            )
            for name in dated[:1]:
                for year in frame.years:
                    out.append(Filter(name, cmp or "in", year, "year"))
        money_named = any(kinds[n] == "money" for n in fields)
        if frame.amounts and (cmp or money_named):
            money = [n for n in fields if kinds[n] == "money"] or (
                [self.default_money] if self.default_money else []
            )
            for name in money[:1]:
                for amount in frame.amounts:
                    out.append(Filter(name, cmp or "more", amount, "amount"))
        return out

    def clarify(self, frame: Frame, matches: list[Match]) -> Query:
        """Ask back; each option carries the question as it would read with that name."""
        words = frame.words
        retry = [" ".join([*words[: m.start], m.entity.name, *words[m.end :]]) for m in matches]
        return Query(
            "clarify",
            matches[0].score / 100,
            options=[m.entity.name for m in matches],
            retry=retry,
        )

    def name_confidence(self, frame: Frame) -> float:
        return min((m.score for m in frame.names), default=100.0) / 100

    # -- the decision -----------------------------------------------------------------------
    def decide(self, frame: Frame, context: Context) -> Query:
        query = self._decide(frame, context)
        logger.debug(
            "decided %s (%.2f) for %r: names=%s fields=%s tags=%s",
            query.intent,
            query.confidence,
            frame.text,
            [(m.entity.name, round(m.score, 1)) for m in frame.names],
            query.fields,
            dict(frame.tags),
        )
        return query

    def _decide(self, frame: Frame, context: Context) -> Query:
        k = self.k
        conf = self.name_confidence(frame)
        projects = [m.entity.ref for m in frame.of_kind("project")]
        calls = [m.entity.ref for m in frame.of_kind("call")]
        programme = bool(frame.of_kind("programme"))
        fields = self.fields(frame)
        ops = frame.values("op")
        table_op = next((op for op in TABLE_OPS if op in ops), None)
        follow = frame.values("follow")
        cmp = next(iter(frame.values("cmp")), None)
        limit = next((n for n in frame.small_numbers if 1 < n <= len(k.projects)), None)

        if frame.ambiguous:
            return self.clarify(frame, frame.ambiguous[0])

        conversation = frame.values("conversation")
        asks_something = (
            projects
            or calls
            or programme
            or fields
            or table_op
            or frame.has("noun")
            or frame.years
            or frame.amounts
            or "count" in ops
            or "list" in ops
        )
        if conversation and not asks_something:
            act = max(conversation, key=lambda a: (a == "help", conversation[a]))
            return Query(act, 1.0)

        # one or more projects named
        if len(projects) >= 2:
            return Query("compare", conf, projects=projects, fields=fields, cmp=cmp)
        if projects:
            project = projects[0]
            previous = self.context_projects(context)
            if (
                previous
                and previous[0] is not project
                and not fields
                and ("compare" in ops or cmp)
                and ("pronoun" in follow or "continue" in follow)
            ):
                return Query(
                    "compare",
                    conf * 0.9,
                    projects=[previous[0], project],
                    fields=context.fields,
                    cmp=cmp,
                )
            if frame.has("not_on_page") and not fields:
                return Query(
                    "not_on_page", conf, projects=[project], words=list(frame.values("not_on_page"))
                )
            if fields:
                return Query("project_field", conf, projects=[project], fields=fields)
            if (
                "continue" in follow
                and context.fields
                and context.intent in ("project_field", "compare")
            ):
                return Query(
                    "project_field", conf * 0.95, projects=[project], fields=list(context.fields)
                )
            return Query("project_card", conf, projects=[project])

        if frame.doubtful and not calls and not programme:
            return self.clarify(frame, frame.doubtful[:3])

        projectish = fields or "card" in ops or frame.has("noun", "project")
        if (
            frame.unknown
            and projectish
            and not calls
            and not programme
            and not (table_op or "count" in ops or frame.years or frame.amounts)
        ):
            names = [w for w in frame.unknown if len(w) > 1]
            if names and not frame.topics:
                return Query("unknown_project", 0.9, words=names)

        lone_names = [w for w in frame.unknown if len(w) > 2 and w.isupper()]
        if lone_names and len(frame.unknown) == frame.meaningful and not frame.topics:
            return Query("unknown_project", 0.8, words=lone_names)

        filters = self.filters(frame, fields)
        call = calls[0] if calls else None
        scope: list[ProjectBase] | None = None
        scope_context = False
        if "plural" in follow and context.listed:
            scope = [self.by_acronym[a] for a in context.listed if a in self.by_acronym]
            scope_context = True
        elif call is not None:
            scope = k.projects_in(call)
        table: dict[str, Any] = {
            "scope": scope,
            "scope_call": call,
            "scope_context": scope_context,
            "filters": filters,
            "fields": fields,
            "limit": limit,
        }

        if call is not None and not (table_op or "count" in ops):
            call_parts = [p for p in frame.values("call_field") if p != "projects"]
            money = [f for f in fields if k.fields[f].kind == "money"]
            if money and not call_parts:
                return Query("aggregate", 0.9, op="sum", **table)
            wants_list = (
                frame.has("noun", "project")
                or "list" in ops
                or filters
                or frame.has("call_field", "projects")
            )
            if wants_list and not call_parts:
                return Query("project_list", 0.9, **table)
            return Query("call_info", 0.9, calls=calls, parts=call_parts)

        if "count" in ops:
            counted = (
                "call"
                if frame.has("noun", "call") and not frame.has("noun", "project")
                else "project"
            )
            return Query("count", 0.9, parts=[counted], **table)
        if table_op in ("max", "min"):
            return Query("ranking", 0.9, op=table_op, **table)
        if table_op in ("sum", "average"):
            return Query("aggregate", 0.9, op=table_op, **table)
        # A bare year among words the bot does not know ("who won the 2018 world cup") is not
        # a question about projects; with a field, a noun, "list" or a comparison it is.
        strong_field = any(w >= 2 for w in frame.values("field").values())
        about_projects = strong_field or frame.has("noun") or "list" in ops or cmp
        if filters and (about_projects or len(frame.unknown) < 2):
            return Query("project_list", 0.9, **table)
        if (
            "quantity" in ops
            and scope is None
            and not frame.has("pronoun")
            and (frame.has("noun", "project") or frame.has("noun", "call"))
            and fields
        ):
            return Query("aggregate", 0.85, op="sum", **table)

        topic_asked = "topic" in ops or frame.has("noun", "project")
        best_topic = max(frame.topics.values(), default=0.0)
        if topic_asked and best_topic >= thresholds.TOPIC_MIN and not fields:
            return Query("topic", min(1.0, best_topic / 3), words=frame.unknown)

        if (
            programme
            or frame.has("programme", "funding")
            or (frame.has("noun", "programme") and frame.has("programme"))
        ):
            parts = list(frame.values("programme")) or ["description"]
            return Query("programme", 0.9, parts=parts)

        if scope_context and fields:
            return Query("project_list", 0.8, **table)
        if frame.has("noun", "project") and ("list" in ops or frame.meaningful <= 3):
            return Query("project_list", 0.85, **table)
        if frame.has("noun", "call") and not fields:
            return Query("call_info", 0.85, calls=list(k.calls), parts=[])

        previous = self.context_projects(context)
        if previous and (fields or frame.has("not_on_page")) and not frame.unknown:
            if frame.has("not_on_page") and not fields:
                return Query(
                    "not_on_page",
                    0.8,
                    projects=previous[:1],
                    words=list(frame.values("not_on_page")),
                )
            if len(previous) > 1:
                return Query("compare", 0.8, projects=previous, fields=fields, cmp=cmp)
            return Query("project_field", 0.85, projects=previous, fields=fields)
        if fields and not frame.unknown:
            return Query("which_project", 0.5, fields=fields)
        if best_topic >= thresholds.TOPIC_MIN and frame.meaningful <= 3:
            return Query("topic", min(1.0, best_topic / 3), words=frame.unknown)
        if conversation:
            return Query(max(conversation, key=lambda a: conversation[a]), 0.6)
        return Query("decline", 0.0, words=frame.unknown)
