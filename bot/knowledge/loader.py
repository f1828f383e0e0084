"""Load the knowledge folder, validate it, and report problems as ``file:line: path: message``."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from bot import collector
from bot.knowledge.crosscheck import CrossCheck, twice_listed
from bot.knowledge.files import knowledge_files
from bot.knowledge.hints import amount_meant, impossible_date
from bot.knowledge.located import line_of, located
from bot.knowledge.plain import (
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

REQUIRED = ("programme", "calls", "projects", "fields")


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
                    Issue(file, line_of(source_map, (top,)), str(top), "defined in two files")
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
        raise KnowledgeError([*twice_listed(data, source_map), *issues])

    warnings: list[Issue] = []
    for issue in CrossCheck(fields, calls, projects, language, source_map, data=data).run():
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
