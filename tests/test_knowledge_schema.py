"""The JSON Schema editors use to check the knowledge files as they are typed."""

from __future__ import annotations

import datetime as dt
import functools
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from bot.knowledge import Knowledge
from bot.knowledge.json_schema import SCHEMA_FILE, schema_text
from bot.knowledge.yaml_source import SourceMap, read_yaml
from conftest import KNOWLEDGE, edit

HEADER = f"# yaml-language-server: $schema={SCHEMA_FILE}"


def as_json(value: Any) -> Any:
    """YAML data as the YAML language server sees it: dates are text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value


@functools.cache
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((KNOWLEDGE / SCHEMA_FILE).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def problems(path: Path) -> list[str]:
    data = as_json(read_yaml(path, SourceMap()))  # YAML 1.2 words: "no" stays a word
    return [error.message for error in validator().iter_errors(data)]


def test_the_shipped_schema_is_what_the_models_make_today(knowledge: Knowledge) -> None:
    shipped = (KNOWLEDGE / SCHEMA_FILE).read_text(encoding="utf-8")
    assert shipped == schema_text(knowledge), "run: python -m bot schema --output " + str(
        KNOWLEDGE / SCHEMA_FILE
    )


@pytest.mark.parametrize("name", sorted(p.name for p in KNOWLEDGE.glob("*.yaml")))
def test_every_shipped_file_names_the_schema_and_passes_it(name: str) -> None:
    path = KNOWLEDGE / name
    assert path.read_text(encoding="utf-8").splitlines()[0] == HEADER
    assert problems(path) == []


@pytest.mark.parametrize(
    ("old", "new", "complaint"),
    [
        ("    total_budget: 268727\n", "    total_budgt: 268727\n", "'total_budgt' was unexpected"),
        ("eu_contribution: 308894", "eu_contribution: 308.894", "308.894 is not valid"),
        ("    call: 2\n", "    call: second\n", "'second' is not valid"),
        ("start: 2016-11-16", "start: 16/11/2016", "'16/11/2016' is not valid under any"),
    ],
)
def test_the_schema_rejects_a_broken_file(
    knowledge_copy: Path, old: str, new: str, complaint: str
) -> None:
    projects = knowledge_copy / "projects.yaml"
    edit(projects, old, new)
    found = problems(projects)
    assert found, "the schema let a broken file through"
    assert any(complaint in message for message in found), found
