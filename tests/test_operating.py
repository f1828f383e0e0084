"""Operating the bot from any front end: the console can do all an admin does in Telegram,
every front end writes the unanswered log, and the command line says misuse in one line."""

from __future__ import annotations

import builtins
import io
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from bot.config import Settings
from bot.engine import Engine
from bot.frontends.console import Console, wrap
from bot.knowledge import load_knowledge
from bot.operations import Operations
from conftest import edit

ROOT = Path(__file__).resolve().parent.parent


class Transcript:
    """A console session on a knowledge folder: ``say`` a line, get what was printed."""

    def __init__(self, folder: Path, log: Path | None = None) -> None:
        settings = Settings(_env_file=None, knowledge_path=folder, unanswered_log=log)
        self.ops = Operations(Engine(load_knowledge(folder)), settings)
        self.out = io.StringIO()
        self.console = Console(self.ops, self.out)

    def say(self, line: str) -> str:
        start = len(self.out.getvalue())
        assert self.console.handle(line)
        return self.out.getvalue()[start:].strip()


def test_the_console_does_what_an_admin_does_in_telegram(knowledge_copy: Path) -> None:
    log = knowledge_copy.parent / "unanswered.jsonl"
    you = Transcript(knowledge_copy, log)
    assert you.say("/stats").startswith("Since start (0.0 h): 0 questions.")
    assert "No unanswered log is kept" not in you.say("/unanswered")
    assert "€201,545" in you.say("what did CLUSGRID get from the EU")
    assert "€201,545" not in you.say("weather in Brussels?")
    stats = you.say("/stats")
    assert "2 questions" in stats and "• answered: 1" in stats and "• declined: 1" in stats
    assert "“weather in brussels” ×1" in stats
    summary = you.say("/unanswered")
    assert "1 unanswered questions" in summary and "1  weather in brussels" in summary

    # a saved edit is picked up before the next question, and said so
    projects = knowledge_copy / "projects.yaml"
    edit(projects, "eu_contribution: 201545", "eu_contribution: 201546")
    answer = you.say("what did CLUSGRID get from the EU")
    assert answer.startswith("Knowledge reloaded from") and "€201,546" in answer

    # a broken edit is refused with file, line and project; the last good knowledge serves
    edit(projects, "eu_contribution: 201546", "eu_contribution: 201.546")
    refused = you.say("/reload")
    assert refused.startswith("Knowledge NOT reloaded: 1 error(s)")
    assert "projects.yaml:" in refused and "[project CLUSGRID]" in refused
    assert "€201,546" in you.say("what did CLUSGRID get from the EU")
    edit(projects, "eu_contribution: 201.546", "eu_contribution: 201547")
    assert you.say("/reload").startswith("Knowledge reloaded from")
    assert "€201,547" in you.say("what did CLUSGRID get from the EU")


def test_a_reload_is_said_once_in_the_console_and_logged_at_info(
    knowledge_copy: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot.operations")
    you = Transcript(knowledge_copy)
    projects = knowledge_copy / "projects.yaml"
    edit(projects, "eu_contribution: 201545", "eu_contribution: 201546")
    assert you.say("what did CLUSGRID get from the EU").startswith("Knowledge reloaded from")
    edit(projects, "eu_contribution: 201546", "eu_contribution: 201.546")
    assert you.say("/reload").startswith("Knowledge NOT reloaded")
    said = [r for r in caplog.records if r.getMessage().startswith("Knowledge ")]
    assert [r.levelname for r in said] == ["INFO", "INFO"]  # below the default WARNING
    assert you.out.getvalue().count("Knowledge reloaded from") == 1


def test_a_reload_that_fails_elsewhere_is_logged_as_an_error(
    knowledge_copy: Path, caplog: pytest.LogCaptureFixture
) -> None:
    you = Transcript(knowledge_copy)
    edit(knowledge_copy / "projects.yaml", "eu_contribution: 201545", "eu_contribution: x")
    assert not you.ops.reload().ok  # the Telegram watcher's or an admin's: no one else says it
    [failed] = [r for r in caplog.records if r.getMessage().startswith("Knowledge NOT")]
    assert failed.levelname == "ERROR"


def test_console_help_lists_every_command_and_unknown_ones_are_named(knowledge_copy: Path) -> None:
    you = Transcript(knowledge_copy)
    help_text = you.say("/help")
    for command in ("/help", "/source", "/reset", "/reload", "/stats", "/unanswered", "/quit"):
        assert command in help_text
    assert you.say("/unanswered").startswith("No unanswered log is kept: set UNANSWERED_LOG")
    assert you.say("/frobnicate").startswith("I don't know the command /frobnicate.")


def test_console_wraps_long_answers_to_the_terminal_width() -> None:
    text = "• " + "word " * 40 + "\nshort line\n  indented " + "more " * 30
    wrapped = wrap(text, 40)
    assert all(len(line) <= 40 for line in wrapped.splitlines())
    assert wrapped.split() == text.split()  # nothing lost, nothing added
    assert wrapped.splitlines()[1].startswith("  word")  # under the bullet's text
    assert "\nshort line\n" in wrapped
    assert wrap(text, None) == text


def test_ctrl_c_clears_the_line_and_ctrl_d_leaves(
    knowledge_copy: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("bot.frontends.console.HISTORY", tmp_path / "history")
    lines: Iterator[str | type[BaseException]] = iter(
        ["what did CLUSGRID get", KeyboardInterrupt, "and ECRI?", EOFError]
    )

    def typed(prompt: str = "") -> str:
        line = next(lines)
        if isinstance(line, str):
            return line
        raise line()

    monkeypatch.setattr(builtins, "input", typed)
    you = Transcript(knowledge_copy)
    assert you.console.run_interactive() == 0
    out = you.out.getvalue()
    assert "€201,545" in out and "€160,477" in out  # the session went on after Ctrl-C
    assert out.endswith("Goodbye!\n")


class LibeditLike:
    """A readline that writes its history as libedit does: in place, a new file with the
    umask's mode (GNU readline happens to make it 0600; the console must not rely on it)."""

    typed: ClassVar[list[str]] = []

    @classmethod
    def write_history_file(cls, path: str) -> None:
        Path(path).write_text("\n".join(cls.typed) + "\n", encoding="utf-8")


@pytest.mark.parametrize("left_by_an_older_version", [False, True])
def test_the_console_history_is_the_users_alone_whatever_the_umask(
    knowledge_copy: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    left_by_an_older_version: bool,
) -> None:
    history = tmp_path / "history"
    if left_by_an_older_version:
        history.write_text("an old question\n", encoding="utf-8")
        history.chmod(0o644)
    monkeypatch.setattr("bot.frontends.console.HISTORY", history)
    monkeypatch.setattr("bot.frontends.console._readline", lambda history: LibeditLike)
    lines = iter(["what did my secret project get", EOFError])

    def typed(prompt: str = "") -> str:
        line = next(lines)
        if isinstance(line, str):
            LibeditLike.typed.append(line)
            return line
        raise line()

    monkeypatch.setattr(builtins, "input", typed)
    umask = os.umask(0)
    try:
        assert Transcript(knowledge_copy).console.run_interactive() == 0
    finally:
        os.umask(umask)
    assert "my secret project" in history.read_text(encoding="utf-8")
    assert oct(history.stat().st_mode & 0o777) == oct(0o600)


def test_telegram_handlers_hold_no_reload_stats_or_log_logic() -> None:
    source = (ROOT / "bot/frontends/telegram/handlers.py").read_text(encoding="utf-8")
    for name in ("KnowledgeWatcher", "UnansweredLog", "Stats(", "Engine(", "load_knowledge"):
        assert name not in source
