"""The command line as a user runs it: console, ask, the batch contract, check-knowledge."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from bot.bench import parser as bench_parser
from bot.knowledge import load_knowledge
from bot.knowledge.json_schema import schema_text
from bot.unanswered import read_entries
from conftest import ROOT, edit, run_python
from conftest import run_bot as bot


def run_python_bytes(*args: str, stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    """``python ARGS`` in the repository with bytes in and out (invalid UTF-8 included)."""
    environment = {k: v for k, v in os.environ.items() if k != "UNANSWERED_LOG"}
    return subprocess.run(
        [sys.executable, *args],
        input=stdin,
        cwd=ROOT,
        capture_output=True,
        env=environment,
        timeout=60,
        check=False,
    )


COMMANDS = ("console", "ask", "check-knowledge", "unanswered", "schema", "telegram", "run")


def test_ask_one_question() -> None:
    result = bot("ask", "what did CLUSGRID get from the EU")
    assert result.returncode == 0
    assert "€201,545" in result.stdout


def test_a_plain_ask_and_one_with_options_answer_alike() -> None:
    # "ask WORDS" skips argparse; with an option it goes through it: the same answer
    plain = bot("ask", "which", "project", "got", "the", "most?")
    with_option = bot("ask", "--knowledge", str(ROOT / "knowledge"), "which project got the most?")
    assert plain.returncode == with_option.returncode == 0
    assert plain.stdout == with_option.stdout and "SmartSports4GoodLife" in plain.stdout
    empty = bot("ask", "   ")
    assert empty.returncode == 2 and "the question is empty" in empty.stderr


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
    result = run_python("-c", code)
    assert result.returncode == 0, result.stderr


# -- misuse, help and the unanswered log, as a user meets them --------------------------
def test_every_front_end_writes_the_unanswered_log(tmp_path: Path) -> None:
    log = tmp_path / "unanswered.jsonl"
    env = {"UNANSWERED_LOG": str(log)}
    bot("ask", "what is the capital of Atlantis", env=env)
    bot("console", stdin="what did CLUSGRID get\nwho won the 2018 world cup\n", env=env)
    line = json.dumps({"chat": "c1", "text": "what did clusgrem get from the EU"})
    bot("ask", "--jsonl", stdin=line + "\n", env=env)
    entries = read_entries(log)
    assert [e["question"] for e in entries] == [
        "what is the capital of Atlantis",
        "who won the 2018 world cup",
        "what did clusgrem get from the EU",
    ]
    assert [e["outcome"] for e in entries] == ["declined", "declined", "asked back"]


def test_the_unanswered_log_is_the_bot_users_alone_whatever_the_umask(tmp_path: Path) -> None:
    log = tmp_path / "unanswered.jsonl"
    env = {"UNANSWERED_LOG": str(log), "UNANSWERED_MAX_BYTES": "1000"}
    lines = [
        json.dumps({"chat": f"c{i}", "text": f"who won the world cup in {i}"}) for i in range(9)
    ]
    umask = os.umask(0)  # the most permissive: what a child process is started with here
    try:
        result = bot("ask", "--jsonl", stdin="\n".join(lines) + "\n", env=env)
    finally:
        os.umask(umask)
    assert result.returncode == 0, result.stderr
    rotated, key = log.with_name(log.name + ".1"), log.with_name(log.name + ".key")
    assert rotated.exists()  # the log was rotated at least once
    for part in (log, rotated, key):
        assert oct(part.stat().st_mode & 0o777) == oct(0o600), part


@pytest.mark.parametrize(
    ("args", "stdin", "said"),
    [
        (("ask",), "", "cluster-bot ask: the question is empty"),
        (("ask", "--jsonl", "what did ECRI get"), "", "give either a question or --jsonl"),
        (("frobnicate",), "", "cluster-bot: argument COMMAND: invalid choice: 'frobnicate'"),
        (("ask", "--colour", "x"), "", "unrecognized arguments: --colour"),
        (("check-knowledge", "some/folder"), "", "unrecognized arguments: some/folder"),
        ((), "", "the following arguments are required: COMMAND"),
    ],
)
def test_misuse_is_one_helpful_line_and_a_non_zero_exit(
    args: tuple[str, ...], stdin: str, said: str
) -> None:
    result = bot(*args, stdin=stdin)
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert said in line and "--help" in line
    assert result.stdout == ""


def test_ask_with_no_question_at_a_terminal_says_how_instead_of_waiting() -> None:
    leader, follower = pty.openpty()
    try:
        result = bot("ask", stdin=follower)
    finally:
        os.close(leader)
        os.close(follower)
    assert result.returncode == 2
    assert 'For example: cluster-bot ask "what did CLUSGRID get from the EU"' in result.stderr


def test_unanswered_without_a_log_is_an_error_not_an_empty_summary(tmp_path: Path) -> None:
    missing = bot("unanswered", str(tmp_path / "nowhere.jsonl"))
    assert missing.returncode == 1  # the command failed: no log there yet
    assert "no log at" in missing.stderr and "UNANSWERED_LOG" in missing.stderr
    unset = bot("unanswered")
    assert unset.returncode == 2 and "which log?" in unset.stderr  # misuse: no log named
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "`unanswered` exits 1 when the log it names does not exist yet and 2" in readme


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = bot(command, "--help")
    assert result.returncode == 0
    assert "example" in result.stdout and f"cluster-bot {command}" in result.stdout
    assert "``" not in result.stdout  # no reStructuredText leaking into a terminal


def test_the_top_level_help_lists_every_command_once() -> None:
    result = bot("--help")
    assert result.returncode == 0
    for command in COMMANDS:
        listed = [line for line in result.stdout.splitlines() if line.split()[:1] == [command]]
        assert len(listed) == 1, (command, listed)


def test_version_is_the_package_version() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    result = bot("--version")
    assert result.returncode == 0
    assert result.stdout == f"cluster-bot {project['version']}\n"
    written = [p for p in (ROOT / "bot").rglob("*.py") if project["version"] in p.read_text()]
    assert written == []  # the version is written in pyproject.toml only


def test_telegram_without_a_token_is_a_bad_setting() -> None:
    result = bot("telegram", env={"TELEGRAM_BOT_TOKEN": ""})
    assert result.returncode == 2
    assert result.stderr.startswith("Settings: TELEGRAM_BOT_TOKEN is not set")


def test_a_file_given_as_the_knowledge_folder_is_named_as_a_file() -> None:
    projects = ROOT / "knowledge" / "projects.yaml"
    result = bot("check-knowledge", "--knowledge", str(projects))
    assert result.returncode == 2
    assert "a file, not a folder" in result.stderr
    assert f"did you mean {ROOT / 'knowledge'}?" in result.stderr
    assert "no such knowledge folder" not in result.stderr


def test_invalid_utf8_in_jsonl_is_said_as_such_and_the_batch_goes_on() -> None:
    lines = [
        b"\xff\xfe not utf-8",
        b'{"chat": 1, "text": "\xc3\x28 budget of ECRI"}',
        b'{"chat": 1, "text": "total budget of ECRI"}',
    ]
    result = run_python_bytes("-m", "bot", "ask", "--jsonl", stdin=b"\n".join(lines) + b"\n")
    out = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert out[0] == {"line": 1, "error": "not valid UTF-8: byte 0xff at offset 0"}
    assert out[1] == {"line": 2, "error": "not valid UTF-8: byte 0xc3 at offset 21"}
    assert "€228,949" in out[2]["answer"]
    assert result.returncode == 1


def test_bench_help_is_whole_and_explains_every_option() -> None:
    result = run_python("-m", "bot.bench", "--help")
    assert result.returncode == 0
    assert "built, as the Telegram bot does." in result.stdout  # the whole description
    for action in bench_parser()._actions:
        assert action.help, action.option_strings


def test_python_m_bot_schema_writes_the_schema(tmp_path: Path) -> None:
    out = tmp_path / "schema.json"
    result = bot("schema", "--output", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8") == schema_text(load_knowledge(ROOT / "knowledge"))
    assert bot("schema", "--output", str(tmp_path / "no" / "such" / "dir.json")).returncode == 1


def test_a_knowledge_warning_is_said_once(knowledge_copy: Path) -> None:
    projects = knowledge_copy / "projects.yaml"
    text = projects.read_text(encoding="utf-8")
    at = text.index("acronym: CLUSGRID")
    rest = text[at:].replace("eu_contribution: 201545", "eu_contribution: 301545", 1)
    projects.write_text(text[:at] + rest, encoding="utf-8")
    warning = "[project CLUSGRID] projects[8].eu_contribution: warning: eu_contribution is above"
    checked = bot("check-knowledge", "--knowledge", str(knowledge_copy))
    assert checked.returncode == 0
    assert (checked.stdout + checked.stderr).count(warning) == 1
    asked = bot("ask", "what did CLUSGRID get", "--knowledge", str(knowledge_copy))
    assert "€301,545" in asked.stdout
    assert asked.stderr.count(warning) == 1  # logged once when the bot starts serving
