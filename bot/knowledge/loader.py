"""Load the knowledge folder, validate it, and report problems as ``file:line: path: message``."""

from __future__ import annotations

import datetime as dt
import difflib
import string
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from bot import collector
from bot.knowledge.files import knowledge_files
from bot.knowledge.hints import amount_meant, impossible_date
from bot.knowledge.plain import (
    DERIVED_KINDS,
    NOT_PUBLISHED,
    FieldRecord,
    Issue,
    Knowledge,
    KnowledgeError,
    ProjectRecord,
    Record,
)
from bot.knowledge.schema import (
    EXPECTED,
    Call,
    FieldDef,
    Language,
    Programme,
    ProjectBase,
    project_model,
)
from bot.knowledge.yaml_source import PathKey, SourceMap, YamlError, read_yaml
from bot.normalise import key

REQUIRED = ("programme", "calls", "projects", "fields")
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


def load_knowledge(directory: Path | str) -> Knowledge:
    """Read every ``*.yaml`` in ``directory``; raise ``KnowledgeError`` listing all errors.
    The garbage collector waits meanwhile (see ``bot.collector``)."""
    with collector.paused():
        return _load(Path(directory))


def _load(directory: Path) -> Knowledge:
    if not directory.is_dir():
        raise KnowledgeError([Issue(directory, None, "", _not_a_folder(directory))])
    files = knowledge_files(directory)
    if not files:
        raise KnowledgeError([Issue(directory, None, "", "the folder holds no .yaml files")])

    source_map = SourceMap()
    merged: dict[str, Any] = {}
    issues: list[Issue] = []
    for file in files:
        try:
            data = read_yaml(file, source_map)
        except YamlError as exc:
            issues.append(Issue(exc.location.file, exc.location.line, "", exc.message))
            continue
        if data is None:
            continue
        if not isinstance(data, dict):
            issues.append(Issue(file, 1, "", "the file must be a mapping of top-level keys"))
            continue
        for top, value in data.items():
            if top in merged:
                issues.append(
                    Issue(file, _line(source_map, (top,)), str(top), "defined in two files")
                )
                continue
            merged[top] = value
    if issues:
        raise KnowledgeError(issues)
    return _validate(directory, merged, source_map)


def _not_a_folder(path: Path) -> str:
    """Why ``path`` cannot be read as a knowledge folder, said precisely."""
    if path.is_file():
        hint = f"; did you mean {path.parent}?" if path.suffix in (".yaml", ".yml") else ""
        return f"a file, not a folder: give the folder that holds the .yaml files{hint}"
    if path.exists():
        return "not a folder: give the folder that holds the .yaml files"
    return "no such knowledge folder"


def _validate(directory: Path, data: dict[str, Any], source_map: SourceMap) -> Knowledge:
    missing = [_undefined(directory, top, data, source_map) for top in REQUIRED if top not in data]
    if missing:
        raise KnowledgeError(missing)
    check = _Validator(data, source_map)
    fields = check(dict[str, FieldDef], ("fields",))
    if fields is None:
        raise KnowledgeError(check.issues)
    check.kinds = {name: f.kind for name, f in fields.items() if not f.derived}
    project_cls = project_model(fields)
    programme = check(Programme, ("programme",))
    calls = check(list[Call], ("calls",))
    projects = check(list[project_cls], ("projects",))  # type: ignore[valid-type]
    language = check(Language, ())
    issues = check.issues
    if programme is None or calls is None or projects is None or language is None:
        # a project pasted twice is worth saying even while other values are wrong
        raise KnowledgeError([*_twice_listed(data, source_map), *issues])

    warnings: list[Issue] = []
    for issue in _CrossCheck(fields, calls, projects, language, source_map, data=data).run():
        (warnings if issue.severity == "warning" else issues).append(issue)
    if issues:
        raise KnowledgeError(issues)
    return Knowledge(
        directory,
        freeze(programme),
        tuple(freeze(c) for c in calls),
        tuple(freeze(p) for p in projects),
        {name: freeze(f) for name, f in fields.items()},
        language=freeze(language),
        warnings=tuple(warnings),
    )


def _twice_listed(data: dict[str, Any], source_map: SourceMap) -> Iterator[Issue]:
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
    return (
        f"the acronym {acronym!r} is already projects[{owner}]'s: remove this copy if the "
        "project is listed twice, else give it an acronym of its own"
    )


def freeze(value: Any) -> Any:
    """Validated models as plain records (see ``bot.knowledge.plain``), all the way down."""
    if isinstance(value, BaseModel):
        kind = (
            ProjectRecord
            if isinstance(value, ProjectBase)
            else FieldRecord
            if isinstance(value, FieldDef)
            else Record
        )
        return kind(**{name: freeze(getattr(value, name)) for name in type(value).model_fields})
    if isinstance(value, list):
        return [freeze(v) for v in value]
    if isinstance(value, tuple):
        return tuple(freeze(v) for v in value)
    if isinstance(value, dict):
        return {k: freeze(v) for k, v in value.items()}
    return value


def _undefined(directory: Path, top: str, data: dict[str, Any], source_map: SourceMap) -> Issue:
    """A required top-level key that no file defines, and the key that may be it misspelt."""
    known = {*REQUIRED, *Language.model_fields}
    strays = [str(k) for k in data if k not in known]
    guess = difflib.get_close_matches(top, strays, n=1, cutoff=0.7)
    if not guess:
        return Issue(directory, None, top, "no file in the folder defines it")
    _, location = source_map.find((guess[0],))
    return Issue(
        location.file if location else directory,
        location.line if location else None,
        top,
        f"no file in the folder defines it; is {guess[0]!r} here a misspelling of {top!r}?",
    )


class _Validator:
    """Validate parts of the merged data with pydantic, collecting located issues."""

    def __init__(self, data: dict[str, Any], source_map: SourceMap) -> None:
        self.data = data
        self.source_map = source_map
        self.issues: list[Issue] = []
        self.kinds: dict[str, str] = {}

    def __call__(self, shape: Any, base: PathKey) -> Any:
        if base:
            value = self.data[str(base[0])]
        else:  # everything that is not one of the required parts: the language
            value = {k: v for k, v in self.data.items() if k not in REQUIRED}
        try:
            return TypeAdapter(shape).validate_python(value)
        except ValidationError as exc:
            found: dict[PathKey, Any] = {}
            for error in exc.errors():
                found.setdefault(_trim((*base, *error["loc"]), self.data), error)
            explained = self.explain(shape, base, found)
            self.issues.extend(sorted(explained, key=lambda i: (str(i.file), i.line or 0)))
            return None

    def explain(self, shape: Any, base: PathKey, found: dict[PathKey, Any]) -> Iterator[Issue]:
        """An issue per problem; an unknown key that is a missing one misspelt is one issue
        ("did you mean ...?"), and names the keys allowed where it stands."""
        misspelt: dict[PathKey, str] = {}
        hidden: set[PathKey] = set()  # missing keys already named as misspelt
        for path, error in found.items():
            if error["type"] != "extra_forbidden":
                continue
            allowed = _keys_at(shape, path[len(base) : -1])
            if not base and len(path) == 1:  # a top-level key: the required ones too
                allowed = [*REQUIRED, *allowed]
            guess = difflib.get_close_matches(str(path[-1]), allowed, n=1, cutoff=0.7)
            target = (*path[:-1], guess[0]) if guess else None
            is_missing = target is not None and found.get(target, {}).get("type") == "missing"
            if is_missing and target is not None:
                hidden.add(target)
            misspelt[path] = _unknown_key(str(path[-1]), guess, allowed, is_missing)
        for path, error in found.items():
            if path in misspelt:
                yield located(self.source_map, self.data, path, misspelt[path])
            elif path not in hidden:
                message = _message(path, error, self.source_map, self.kinds)
                yield located(self.source_map, self.data, path, message)


def located(
    source_map: SourceMap, data: Any, path: PathKey, message: str, severity: str = "error"
) -> Issue:
    """An issue about the value at ``path``: its file and line, and whose value it is."""
    _, location = source_map.find(path)
    return Issue(
        location.file if location else None,
        location.line if location else None,
        _format_path(path),
        message,
        severity,
        _whose(path, data),
    )


def _unknown_key(key: str, guess: list[str], allowed: list[str], is_missing: bool) -> str:
    if guess and is_missing:
        head = f'unknown key "{key}"; did you mean "{guess[0]}", which is missing?'
    elif guess:
        head = f'unknown key "{key}"; did you mean "{guess[0]}"?'
    else:
        head = f'unknown key "{key}"'
    return f"{head} Allowed keys here: {', '.join(allowed)}" if allowed else head


def _keys_at(shape: Any, path: PathKey) -> list[str]:
    """The keys a model accepts at ``path`` inside ``shape`` (lists, dicts, models, unions)."""
    for part in path:
        shape = _inner(shape, part)
        if shape is None:
            return []
    model = _model_in(shape)
    if model is None:
        return []
    return [info.alias or name for name, info in model.model_fields.items()]


def _inner(shape: Any, part: str | int) -> Any:
    model = _model_in(shape)
    if model is not None and isinstance(part, str):
        fields = {info.alias or name: info for name, info in model.model_fields.items()}
        return fields[part].annotation if part in fields else None
    args = [a for a in getattr(shape, "__args__", ()) if a is not type(None)]
    origin = getattr(shape, "__origin__", None)
    if origin is list and args:
        return args[0]
    if origin is dict and len(args) == 2:
        return args[1]
    return next((a for a in args if _model_in(a) is not None), None)  # a union


def _model_in(shape: Any) -> type[BaseModel] | None:
    if isinstance(shape, type) and issubclass(shape, BaseModel):
        return shape
    for arg in getattr(shape, "__args__", ()):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None


def _trim(loc: PathKey, data: Any) -> PathKey:
    """The part of a pydantic location that names places in the data (no union tags)."""
    out: list[str | int] = []
    node = data
    for part in loc:
        inside_list = isinstance(node, list) and isinstance(part, int) and part < len(node)
        if (isinstance(node, dict) and part in node) or inside_list:
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str):
            out.append(part)  # a missing or unknown key: name it, then stop
            break
        else:
            break
        out.append(part)
    return tuple(out)


def _message(path: PathKey, error: Any, source_map: SourceMap, kinds: dict[str, str]) -> str:
    """What pydantic found wrong with the value at ``path``, said for the person editing it."""
    _, location = source_map.find(path)
    kind = kinds.get(str(path[-1])) if len(path) == 3 and path[0] == "projects" else None
    raw = location.raw if location and location.line and path in source_map.locations else None
    got = f", got {raw!r}" if raw is not None else ""
    if error["type"] == "missing":
        message = "missing"
    elif error["type"] == "extra_forbidden":
        message = "unknown key"
    elif raw == "":
        message = f"empty; write '{NOT_PUBLISHED}' where the page gives nothing"
    elif kind == "date" and raw is not None and impossible_date(raw):
        message = f"{raw!r} is an impossible date: {impossible_date(raw)}"
    elif kind in EXPECTED:
        message = f"expected {EXPECTED[kind]} or '{NOT_PUBLISHED}'{got}"
        meant = amount_meant(raw) if kind == "money" and raw is not None else None
        if meant is not None:
            message += f"; did you mean {meant}?"
    elif error["type"].startswith("int"):
        message = f"expected an integer{got}"
    else:
        message = f"{error['msg'][0].lower()}{error['msg'][1:]}{got}"
    return message


def _format_path(path: PathKey) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _whose(path: PathKey, data: Any) -> str:
    """Whose value ``path`` is, when a project's or a call's: "project CLUSGRID"."""
    if len(path) < 2 or not isinstance(data, dict) or not isinstance(path[1], int):
        return ""
    items = data.get(str(path[0]))
    item = items[path[1]] if isinstance(items, list) and path[1] < len(items) else None
    if not isinstance(item, dict):
        return ""
    if path[0] == "projects" and isinstance(item.get("acronym"), str):
        return f"project {item['acronym']}"
    if path[0] == "calls" and isinstance(item.get("number"), int):
        return f"call {item['number']}"
    return ""


def _line(source_map: SourceMap, path: PathKey) -> int | None:
    _, location = source_map.find(path)
    return location.line if location else None


class _CrossCheck:
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
                if len(f.of) != 2 or any(p is None or p.kind != wanted for p in parts):
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
                if f.kind == "ratio":
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
