"""What a package user gets: a licence, metadata, one version, and a bot that answers with
PyYAML alone (ryaml is the optional ``.[fast]``), saying which parser it used."""

from __future__ import annotations

import tomllib

import pytest

from bot.knowledge import load_knowledge, yaml_source
from conftest import KNOWLEDGE, ROOT, run_python

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_the_licence_and_the_metadata_say_the_same() -> None:
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License")
    assert "Cluster Excellence bot contributors" in licence
    assert PROJECT["license"] == {"text": "MIT"}
    assert "License :: OSI Approved :: MIT License" in PROJECT["classifiers"]
    assert PROJECT["authors"] == [{"name": "Cluster Excellence bot contributors"}]
    assert PROJECT["keywords"]


def test_ryaml_is_the_optional_fast_extra_and_pyyaml_the_default() -> None:
    names = [d.split(">")[0].split("[")[0].strip().lower() for d in PROJECT["dependencies"]]
    assert "pyyaml" in names and "ryaml" not in names
    assert PROJECT["optional-dependencies"]["fast"] == ["ryaml>=0.5"]


def test_pyyaml_alone_reads_the_knowledge_as_ryaml_does(monkeypatch: pytest.MonkeyPatch) -> None:
    with_ryaml = load_knowledge(KNOWLEDGE)
    monkeypatch.setattr(yaml_source, "RYAML_LOADS", None)
    assert yaml_source.parser_name().startswith("PyYAML")
    alone = load_knowledge(KNOWLEDGE)
    assert [repr(p) for p in alone.projects] == [repr(p) for p in with_ryaml.projects]
    assert [repr(c) for c in alone.calls] == [repr(c) for c in with_ryaml.calls]
    assert repr(alone.language) == repr(with_ryaml.language)


@pytest.mark.slow  # starts the bot as a process
def test_without_ryaml_installed_the_bot_checks_and_answers() -> None:
    no_ryaml = "import sys; sys.modules['ryaml'] = None; from bot.__main__ import main; "
    checked = run_python("-c", no_ryaml + "sys.exit(main(['check-knowledge']))")
    assert checked.returncode == 0, checked.stderr
    assert "OK — 12 projects" in checked.stdout
    code = no_ryaml + "sys.exit(main(['ask', 'what did CLUSGRID get from the EU']))"
    asked = run_python("-c", code)
    assert asked.returncode == 0 and "€201,545" in asked.stdout


@pytest.mark.slow  # times cold starts of the bot
def test_the_benchmark_says_which_yaml_parser_it_used() -> None:
    result = run_python(
        "-m", "bot.bench", "--per-kind", "2", "--batch", "2", "--cold-runs", "1", "--loading"
    )
    assert result.returncode == 0, result.stderr[-2000:]
    expected = yaml_source.parser_name()
    assert f"YAML parser: {expected}" in result.stdout
    assert "loaded in" in result.stdout and f"({expected})" in result.stdout
