"""The command line as a user runs it: console, ask, the batch contract, check-knowledge."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import edit

ROOT = Path(__file__).resolve().parent.parent


def bot(
    *args: str, stdin: str = "", env: dict[str, str] | None = None, cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "KNOWLEDGE_PATH"}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        cwd=cwd,
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        check=False,
    )


def test_ask_one_question() -> None:
    result = bot("ask", "what did CLUSGRID get from the EU")
    assert result.returncode == 0
    assert "€201,545" in result.stdout


def test_piped_console_answers_each_line_without_prompts() -> None:
    result = bot("console", stdin="what did CLUSGRID get from the EU\nand ECRI?\n")
    assert result.returncode == 0
    assert "you>" not in result.stdout and "\x1b" not in result.stdout
    answers = [block for block in result.stdout.split("\n\n") if block.strip()]
    assert "€201,545" in answers[0]
    assert "€160,477" in answers[1]


def test_console_commands() -> None:
    result = bot("console", stdin="/help\n/source\n/nonsense\n/quit\nwhat did ECRI get\n")
    assert "Commands:" in result.stdout
    assert "Source: Cluster Excellence Programme" in result.stdout
    assert "I don't know the command /nonsense" in result.stdout
    assert "€160,477" not in result.stdout  # nothing is answered after /quit


def test_jsonl_keeps_context_per_chat_and_survives_bad_lines() -> None:
    lines = [
        json.dumps({"chat": "one", "text": "what did CLUSGRID get from the EU"}),
        json.dumps({"chat": "two", "text": "total budget of CECIL"}),
        "this is not json",
        json.dumps({"chat": "one", "text": "and ECRI?"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"chat": "two", "text": 42}),
        json.dumps({"chat": "two", "text": "and ECRI?"}),
    ]
    result = bot("ask", "--jsonl", stdin="\n".join(lines) + "\n")
    assert result.returncode == 1  # some lines could not be answered
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == len(lines)
    assert "€201,545" in out[0]["answer"] and out[0]["chat"] == "one"
    assert "error" in out[2] and "error" in out[4] and "error" in out[5]
    assert "€160,477" in out[3]["answer"]  # chat one: EU contribution
    assert "€228,949" in out[6]["answer"]  # chat two: total budget
    assert {"chat", "text", "answer", "intent", "confidence"} <= out[0].keys()


def test_check_knowledge_passes_and_fails(knowledge_copy: Path) -> None:
    assert bot("check-knowledge").returncode == 0
    edit(knowledge_copy / "projects.yaml", "eu_contribution: 308894", "eu_contribution: 308.894")
    result = bot("check-knowledge", "--knowledge", str(knowledge_copy))
    assert result.returncode != 0
    assert "projects.yaml:" in result.stderr
    assert "projects[0].eu_contribution: expected an integer" in result.stderr


def test_knowledge_path_from_the_environment(knowledge_copy: Path) -> None:
    edit(knowledge_copy / "projects.yaml", "eu_contribution: 160477", "eu_contribution: 160478")
    result = bot("ask", "EU contribution of ECRI", env={"KNOWLEDGE_PATH": str(knowledge_copy)})
    assert "€160,478" in result.stdout


def test_broken_knowledge_gives_a_clear_error_not_a_traceback(knowledge_copy: Path) -> None:
    edit(knowledge_copy / "calls.yaml", "    year: 2015", "    year: soon")
    result = bot("ask", "hi", "--knowledge", str(knowledge_copy))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "calls[1].year" in result.stderr


def test_console_mode_never_imports_telegram() -> None:
    code = (
        "import sys, io; from bot.__main__ import main; sys.stdin = io.StringIO('hi\\n'); "
        "main(['console']); assert not any(m.startswith('telegram') for m in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
