"""Rules that span records of a validated knowledge base: names (none used twice, no
lookalike letters), references (calls, fields, templates), dates (a project within its
call's window), counts and the intents' examples. Root causes come first: a call's count
that disagrees with the projects is usually the result of a mistake in them.
"""

from __future__ import annotations

import datetime as dt
import string
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

from bot.knowledge.located import located
from bot.knowledge.plain import DERIVED_KINDS, NOT_PUBLISHED, Issue
from bot.knowledge.schema import Call, FieldDef, Language, ProjectBase
from bot.knowledge.yaml_source import PathKey, SourceMap
from bot.normalise import key

# a project starts in its call's year or within this many years after it (else a warning)
START_WITHIN_YEARS = 3
TEMPLATE_NAMES = {"acronym", "value"}


def lookalike(name: str) -> str | None:
    """Why a name could pass for another ("ЕCRI" with a Cyrillic Е), or ``None``."""
    if name.isascii() and name.isprintable():
        return None  # Latin letters, digits and punctuation only: nothing hidden
    hidden = [c for c in name if unicodedata.category(c) in ("Cf", "Cc", "Co", "Cs")]
    if hidden:
        return f"holds an invisible character (U+{ord(hidden[0]):04X})"
    scripts = {
        unicodedata.name(c, "UNKNOWN").split()[0] for c in name if unicodedata.category(c)[0] == "L"
    }
    if len(scripts) > 1:
        return f"mixes letters of {' and '.join(sorted(scripts))} (a lookalike of another name?)"
    return None


def twice_listed(data: dict[str, Any], source_map: SourceMap) -> Iterator[Issue]:
    """Projects whose acronym an earlier project already has, read from the raw data (for
    when the projects could not all be validated, so the cross-checks do not run)."""
    first: dict[str, int] = {}
    projects = data.get("projects")
    for i, item in enumerate(projects if isinstance(projects, list) else []):
        acronym = item.get("acronym") if isinstance(item, dict) else None
        if not isinstance(acronym, str) or not acronym.strip():
            continue
        owner = first.setdefault(key(acronym), i)
        if owner != i:
            yield located(source_map, data, ("projects", i, "acronym"), _twice(acronym, owner))


def _twice(acronym: str, owner: int) -> str:
    """The one error for a project whose acronym ``projects[owner]`` already has."""
    return (
        f"the acronym {acronym!r} is already projects[{owner}]'s: remove this copy if the "
        "project is listed twice, else give it an acronym of its own"
    )


class CrossCheck:
    """Rules that span records: names, references, dates, examples."""

    def __init__(
        self,
        fields: dict[str, FieldDef],
        calls: list[Call],
        projects: list[ProjectBase],
        language: Language,
        source_map: SourceMap,
        *,
        data: dict[str, Any],
    ) -> None:
        self.data = data
        self.fields = fields
        self.calls = calls
        self.projects = projects
        self.language = language
        self.source_map = source_map

    def issue(self, path: PathKey, message: str, severity: str = "error") -> Issue:
        return located(self.source_map, self.data, path, message, severity)

    def run(self) -> Iterator[Issue]:
        """Every issue, root causes first: a call's project count that disagrees with the
        projects is usually the result of a mistake in them, so it comes last."""
        yield from self.check_fields()
        yield from self.check_call_numbers()
        yield from self.check_projects()
        yield from self.check_intents()
        yield from self.check_counts()

    def check_fields(self) -> Iterator[Issue]:
        call_fields = [n for n, f in self.fields.items() if f.kind == "call"]
        if len(call_fields) > 1:
            yield self.issue(("fields", call_fields[1], "kind"), "only one field may be the call")
        for name, f in self.fields.items():
            if f.derived:
                wanted = DERIVED_KINDS[f.kind]
                parts = [self.fields.get(p) for p in f.of]
                # a share of an amount worked out itself ("own contribution of the budget")
                alike = {wanted, "difference"} if f.kind == "ratio" else {wanted}
                if len(f.of) != 2 or any(p is None or p.kind not in alike for p in parts):
                    yield self.issue(
                        ("fields", name, "of"), f"a {f.kind} needs two {wanted} fields, got {f.of}"
                    )
            for other in f.covers:
                if other not in self.fields:
                    yield self.issue(("fields", name, "covers"), f"unknown field {other!r}")
            for attr in ("answer", "unpublished", "filter"):
                yield from self.check_template(("fields", name, attr), getattr(f, attr))

    def check_template(self, path: PathKey, text: str | None) -> Iterable[Issue]:
        if not text:
            return
        allowed = TEMPLATE_NAMES | set(self.fields)
        try:
            names = {n for _, n, _, _ in string.Formatter().parse(text) if n}
        except ValueError as exc:
            yield self.issue(path, f"broken template: {exc}")
            return
        for unknown in sorted(names - allowed):
            yield self.issue(path, f"unknown placeholder {{{unknown}}}")

    def check_call_numbers(self) -> Iterator[Issue]:
        seen: set[int] = set()
        for i, call in enumerate(self.calls):
            if call.number in seen:
                yield self.issue(("calls", i, "number"), f"call {call.number} is listed twice")
            seen.add(call.number)

    @property
    def call_field(self) -> str | None:
        return next((n for n, f in self.fields.items() if f.kind == "call"), None)

    def check_counts(self) -> Iterator[Issue]:
        """Each call's count of selected projects against the projects that name it."""
        call_field = self.call_field
        if call_field is None:
            return
        for i, call in enumerate(self.calls):
            members = [p for p in self.projects if p.value(call_field) == call.number]
            if isinstance(call.selected_projects, int) and call.selected_projects != len(members):
                # an error, not a warning: a projects file cut short must not be served
                yield self.issue(
                    ("calls", i, "selected_projects"),
                    f"says {call.selected_projects} but projects.yaml lists {len(members)}: "
                    "fix the count, or the projects file if it lost projects",
                )
            if not members and not call.projects_elsewhere:
                yield self.issue(
                    ("calls", i), "no projects and no note saying where they are", "warning"
                )
            yield from self.check_unlisted(call, members, call_field)

    def check_unlisted(
        self, call: Call, members: list[ProjectBase], call_field: str
    ) -> Iterator[Issue]:
        """One warning for the projects put in a call whose projects the page does not
        list (its ``projects_elsewhere``), unless a caveat on their call explains them."""
        unexplained = [p for p in members if not any(call_field in c.fields for c in p.caveats)]
        if not call.projects_elsewhere or not unexplained:
            return
        first = unexplained[0]
        names = ", ".join(p.acronym for p in unexplained[:3])
        more = f" and {len(unexplained) - 3} more" if len(unexplained) > 3 else ""
        yield self.issue(
            ("projects", self.projects.index(first), call_field),
            f"call {call.number} ({call.year}) is a call whose projects the page does not "
            f"list (see projects_elsewhere in calls.yaml), yet {names}{more} "
            f"{'is' if len(unexplained) == 1 else 'are'} in it: is that right?",
            "warning",
        )

    def check_projects(self) -> Iterator[Issue]:
        numbers = {c.number for c in self.calls}
        owners: dict[str, int] = {}
        text_fields = [n for n, f in self.fields.items() if f.kind == "text"]
        for i, project in enumerate(self.projects):
            names = [("acronym", project.acronym)]
            names += [(f"aliases[{j}]", a) for j, a in enumerate(project.aliases)]
            names += [
                (n, project.value(n)) for n in text_fields if project.value(n) != NOT_PUBLISHED
            ]
            yield from self.check_names(i, names, owners)
            yield from self.check_call_of(i, project)
            for name, f in self.fields.items():
                value = None if f.derived else project.value(name)
                if f.kind == "call" and value not in numbers and value != NOT_PUBLISHED:
                    yield self.issue(
                        ("projects", i, name),
                        f"unknown call {value}; the calls are {sorted(numbers)}",
                    )
                if f.kind == "span":
                    first, last = (project.value(p) for p in f.of)
                    if NOT_PUBLISHED not in (first, last) and last < first:
                        yield self.issue(
                            ("projects", i, f.of[1]),
                            f"{f.of[1]} {last} is before {f.of[0]} {first}",
                        )
                stored = all(p in self.fields and not self.fields[p].derived for p in f.of)
                if f.kind == "ratio" and stored:
                    part, whole = (project.value(p) for p in f.of)
                    explained = any(set(f.of) & set(c.fields) for c in project.caveats)
                    if NOT_PUBLISHED not in (part, whole) and part > whole and not explained:
                        yield self.issue(
                            ("projects", i, f.of[0]),
                            f"{f.of[0]} is above {f.of[1]}: add a caveat",
                            "warning",
                        )
            for j, caveat in enumerate(project.caveats):
                for name in caveat.fields:
                    if name not in self.fields:
                        yield self.issue(
                            ("projects", i, "caveats", j, "fields"), f"unknown field {name!r}"
                        )
                yield from self.check_template(("projects", i, "caveats", j, "text"), caveat.text)

    def check_names(
        self, i: int, names: list[tuple[str, str]], owners: dict[str, int]
    ) -> Iterator[Issue]:
        """A project's names: no lookalike characters, none used by another project."""
        copy_of: int | None = None  # the project this one repeats, acronym and all
        for where, name in names:
            path = ("projects", i, where.split("[")[0])
            trick = lookalike(name)
            if trick:
                yield self.issue(path, f"{name!r}: {trick}")
            owner = owners.setdefault(key(name, self.language_numbers), i)
            if owner in (i, copy_of):
                continue  # its own name, or one more name of the copy already reported
            if where == "acronym" and key(name) == key(self.projects[owner].acronym):
                copy_of = owner
                yield self.issue(path, _twice(name, owner))
                continue
            first = self.projects[owner].acronym
            yield self.issue(
                path, f"the name {name!r} is already used by {first} (projects[{owner}])"
            )

    def check_call_of(self, i: int, project: ProjectBase) -> Iterator[Issue]:
        """A warning for a project that starts before its call's year or long after it,
        unless a caveat on its dates or its call explains it."""
        call_field = self.call_field
        if call_field is None:
            return
        call = next((c for c in self.calls if c.number == project.value(call_field)), None)
        starts = dict.fromkeys(f.of[0] for f in self.fields.values() if f.kind == "span")
        if call is None or any({*starts, call_field} & set(c.fields) for c in project.caveats):
            return  # no such call (an error said elsewhere), or a caveat explains it
        where = f"call {call.number} ({call.year})"
        for start_field in starts:
            start = project.value(start_field)
            if not isinstance(start, dt.date):
                continue
            if start.year < call.year:
                why = f"before its call, {where}"
            elif start.year > call.year + START_WITHIN_YEARS:
                why = f"{start.year - call.year} years after its call, {where}"
            else:
                continue
            yield self.issue(
                ("projects", i, start_field),
                f"{start_field} {start.isoformat()} is {why}: check the date and the call, "
                "or add a caveat that says why",
                "warning",
            )

    @property
    def language_numbers(self) -> dict[str, int]:
        return self.language.number_words

    def check_intents(self) -> Iterator[Issue]:
        names: set[str] = set()
        claimed: dict[str, str] = {}
        for i, intent in enumerate(self.language.intents):
            if intent.name in names:
                yield self.issue(("intents", i, "name"), f"intent {intent.name!r} is defined twice")
            names.add(intent.name)
            for j, example in enumerate(intent.examples):
                k = " ".join(example.text.lower().split())
                owner = claimed.setdefault(k, intent.name)
                if owner != intent.name:
                    yield self.issue(
                        ("intents", i, "examples", j),
                        f"the example {example.text!r} is also {owner!r}'s",
                        "warning",
                    )
