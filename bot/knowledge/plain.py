"""The knowledge as the engine holds it: plain Python objects, no pydantic.

The loader validates every file with pydantic, then keeps the values as ``Record``s with the
same attributes (``project.total_budget``, ``call.number``, ``language.ordinals``). They
cost nothing to import, little memory, and can be pickled: a cached engine starts without
pydantic. Type checkers see the pydantic models (``bot.knowledge.schema``); at run time the
values are these records.
"""

from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from bot.knowledge.schema import Call, FieldDef, Language, Programme, ProjectBase

# the months in English (not calendar.month_name: that one speaks the locale's language)
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

NOT_PUBLISHED = "not published"
# derived kinds, and the kind of the two fields each is computed from
DERIVED_KINDS = {"span": "date", "ratio": "money", "difference": "money"}
# kinds whose values can be ranked, summed or compared
ORDERED_KINDS = ("money", "date", "span", "ratio", "difference")


class Record:
    """A validated model's values as attributes."""

    def __init__(self, **values: Any) -> None:
        self.__dict__.update(values)

    def model_dump(self) -> dict[str, Any]:
        """The values as a dict (records inside as dicts too), as pydantic's would be."""
        return {name: _dump(value) for name, value in self.__dict__.items()}

    def __repr__(self) -> str:
        inside = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"{type(self).__name__}({inside})"


class ProjectRecord(Record):
    def value(self, field: str) -> Any:
        """The stored value of a declared field (or ``NOT_PUBLISHED``)."""
        return getattr(self, field)


class FieldRecord(Record):
    kind: str

    @property
    def derived(self) -> bool:
        return self.kind in DERIVED_KINDS


def _dump(value: Any) -> Any:
    if isinstance(value, Record):
        return value.model_dump()
    if isinstance(value, list | tuple):
        return [_dump(v) for v in value]
    if isinstance(value, dict):
        return {k: _dump(v) for k, v in value.items()}
    return value


class Issue(NamedTuple):
    """One problem found in the knowledge base."""

    file: Path | None
    line: int | None
    path: str
    message: str
    severity: str = "error"
    subject: str = ""  # whose value it is, for a person: "project CLUSGRID", "call 2"

    def __str__(self) -> str:
        where = _display(self.file) if self.file else "knowledge"
        if self.line:
            where = f"{where}:{self.line}"
        subject = f" [{self.subject}]" if self.subject else ""
        path = f" {self.path}:" if self.path else ""
        label = "warning: " if self.severity == "warning" else ""
        return f"{where}:{subject}{path} {label}{self.message}"


class KnowledgeError(Exception):
    """The knowledge base could not be loaded; ``issues`` says where and why."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        super().__init__("\n".join(str(i) for i in issues))


def _display(path: Path) -> str:
    relative = os.path.relpath(path)
    return relative if not relative.startswith("..") else str(path)


class Knowledge:
    """Validated, read-only knowledge: what the engine answers from."""

    def __init__(
        self,
        directory: Path,
        programme: Programme,
        calls: tuple[Call, ...],
        projects: tuple[ProjectBase, ...],
        fields: dict[str, FieldDef],
        *,
        language: Language,
        warnings: tuple[Issue, ...] = (),
    ) -> None:
        self.directory = directory
        self.programme = programme
        self.calls = calls
        self.projects = projects
        self.fields = fields
        self.language = language
        self.warnings = warnings

    def __repr__(self) -> str:
        return f"Knowledge({self.directory}, {len(self.projects)} projects)"

    @cached_property
    def calls_by_number(self) -> dict[int, Call]:
        return {c.number: c for c in self.calls}

    @cached_property
    def call_field(self) -> str | None:
        """The project field that says which call a project belongs to."""
        return next((n for n, f in self.fields.items() if f.kind == "call"), None)

    @cached_property
    def default_money_field(self) -> str | None:
        """The field assumed when a question names no field ("which project got the most?")."""
        marked = [n for n, f in self.fields.items() if f.default_for == "money"]
        return marked[0] if marked else next(iter(self.fields_of_kind("money")), None)

    def call_of(self, project: ProjectBase) -> Call | None:
        if self.call_field is None:
            return None
        return self.calls_by_number.get(project.value(self.call_field))

    def projects_in(self, call: Call) -> list[ProjectBase]:
        return list(self.members.get(call.number, ()))

    @cached_property
    def members(self) -> dict[int, tuple[ProjectBase, ...]]:
        """Each call's projects, in the page's order (made once: thousands of projects)."""
        found: dict[int, list[ProjectBase]] = {c.number: [] for c in self.calls}
        for project in self.projects:
            call = self.call_of(project)
            if call is not None:
                found[call.number].append(project)
        return {number: tuple(projects) for number, projects in found.items()}

    def fields_of_kind(self, *kinds: str) -> list[str]:
        return [n for n, f in self.fields.items() if f.kind in kinds]
