"""Nothing about a project is written in Python: rename one in the YAML and ask about it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.engine import Context, Engine
from bot.knowledge import load_knowledge
from conftest import edit, run_bot


def rename_clusgrid(folder: Path) -> None:
    projects = folder / "projects.yaml"
    edit(projects, "acronym: CLUSGRID", "acronym: GRIDWISE")
    edit(projects, "name: Clusters for Smart Grid", "name: Wise Grids for Europe")
    edit(projects, "total_budget: 268727", "total_budget: 400000")
    edit(projects, "eu_contribution: 201545", "eu_contribution: 390000")


def test_renamed_project_is_answered_with_its_new_figures(knowledge_copy: Path) -> None:
    rename_clusgrid(knowledge_copy)
    engine = Engine(load_knowledge(knowledge_copy))
    context = Context()
    assert "€390,000" in engine.answer("what did GRIDWISE get from the EU", context).text
    assert "€400,000" in engine.answer("and its total budget?", context).text
    assert "97.5%" in engine.answer("co-financing rate of gridwize", Context()).text
    assert "GRIDWISE" in engine.answer("Wise Grids for Europe", Context()).text
    top = engine.answer("which project got the most from the EU?", Context()).text
    assert "GRIDWISE" in top and "€390,000" in top
    total = engine.answer("total EU contribution of the second call", Context()).text
    assert "€1,548,008" in total  # 1,359,553 - 201,545 + 390,000
    assert "CLUSGRID" not in engine.answer("list the projects of the 2nd call", Context()).text
    assert engine.answer("what did CLUSGRID get from the EU", Context()).intent in (
        "unknown_project",
        "clarify",
        "decline",
    )


@pytest.mark.slow  # starts the bot as a process
def test_renamed_project_through_the_command_line(knowledge_copy: Path) -> None:
    rename_clusgrid(knowledge_copy)
    lines = [{"chat": "a", "text": "budget of gridwise"}, {"chat": "a", "text": "and ECRI?"}]
    stdin = "\n".join(json.dumps(line) for line in lines)
    result = run_bot("ask", "--jsonl", "--knowledge", str(knowledge_copy), stdin=stdin)
    assert result.returncode == 0, result.stderr
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert "€400,000" in first["answer"]
    assert "€228,949" in second["answer"]


def test_a_new_field_needs_no_python(knowledge_copy: Path) -> None:
    edit(
        knowledge_copy / "fields.yaml",
        "# What people ask about a call,",
        "  website:\n    label: website\n    kind: text\n    phrases: [website, web site]\n"
        '    answer: "{acronym}\'s website is {value}."\n\n# What people ask about a call,',
    )
    projects = knowledge_copy / "projects.yaml"
    text = projects.read_text()
    text = text.replace(
        "    partners: not published\n", "    partners: not published\n    website: not published\n"
    )
    text = text.replace(
        "    partners: not published\n    website: not published\n    keywords: [regional",
        "    partners: not published\n    website: ecri.example.eu\n    keywords: [regional",
        1,
    )
    projects.write_text(text)
    engine = Engine(load_knowledge(knowledge_copy))
    assert "ecri.example.eu" in engine.answer("what is the website of ECRI", Context()).text
