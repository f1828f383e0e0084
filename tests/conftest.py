"""Fixtures: a ready engine, a chat that keeps context, a copy of the knowledge to edit,
and the Telegram bot running against a fake Bot API server."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings, default_knowledge_path
from bot.engine import Context, Engine, Reply
from bot.knowledge import Knowledge, load_knowledge
from fake_telegram import TOKEN, FakeTelegram

KNOWLEDGE = default_knowledge_path()
ROOT = Path(__file__).resolve().parent.parent

# Modules that start the bot as a process, kill it, or push thousands of updates through it:
# `make test` runs them, `make test-fast` (pytest -m "not slow", under 20 s) leaves them out.
SLOW_MODULES = frozenset(
    {
        "test_batch_contract",
        "test_cache_process",
        "test_cli",
        "test_hostile_knowledge",
        "test_load",
        "test_readme",
        "test_reload_process",
        "test_robustness",
        "test_scale",
        "test_telegram_crash",
        "test_telegram_fairness",
        "test_telegram_paging",
        "test_telegram_faults",
        "test_telegram_process",
        "test_telegram_state_file",
        "test_telegram_webhook",
    }
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.module is not None and item.module.__name__.rsplit(".", 1)[-1] in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The bot's cache (settings, built engines) and its default state folder (the journal,
    the console's history) in folders of this test run's own, for this process and every
    ``python -m bot`` a test starts: never the real home's."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    os.environ["XDG_STATE_HOME"] = str(tmp_path_factory.mktemp("state"))


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    return load_knowledge(KNOWLEDGE)


@pytest.fixture(scope="session")
def engine(knowledge: Knowledge) -> Engine:
    return Engine(knowledge)


@pytest.fixture
def ask(engine: Engine) -> Callable[[str], Reply]:
    """Ask one question in a fresh conversation."""
    return lambda text: engine.answer(text, Context())


class Chat:
    """A conversation: each ``say`` keeps the context of the ones before."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.context = Context()

    def say(self, text: str) -> Reply:
        return self.engine.answer(text, self.context)


@pytest.fixture
def chat(engine: Engine) -> Chat:
    return Chat(engine)


@pytest.fixture
def knowledge_copy(tmp_path: Path) -> Path:
    """A private copy of the knowledge folder that a test may change."""
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, target)
    return target


def run_python(
    *args: str, stdin: str | int = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python ARGS`` in the repository, as a user runs it: the environment without
    KNOWLEDGE_PATH and UNANSWERED_LOG unless ``env`` sets them; ``stdin`` is text, or a
    descriptor (a terminal)."""
    environment = {
        k: v for k, v in os.environ.items() if k not in ("KNOWLEDGE_PATH", "UNANSWERED_LOG")
    }
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, *args],
        input=stdin if isinstance(stdin, str) else None,
        stdin=stdin if isinstance(stdin, int) else None,
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        check=False,
    )


def run_bot(*args: str, **options: Any) -> subprocess.CompletedProcess[str]:
    """``python -m bot ARGS`` (see ``run_python``)."""
    return run_python("-m", "bot", *args, **options)


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace ``old`` with ``new`` in a file; fails loudly when ``old`` is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def set_selected_projects(folder: Path, call: int, count: int) -> None:
    """Give a call in ``folder``'s calls.yaml a new count of selected projects (a test that
    adds projects must keep the count in step, or the knowledge is refused)."""
    calls = folder / "calls.yaml"
    text = calls.read_text(encoding="utf-8")
    start = text.index(f"  - number: {call}")
    rest = re.sub(r"selected_projects: \d+", f"selected_projects: {count}", text[start:], count=1)
    calls.write_text(text[:start] + rest, encoding="utf-8")


# -- Telegram: the real PTB Application against a fake Bot API server on 127.0.0.1 ---------
@pytest.fixture
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """An HTTP_PROXY in the environment would route loopback traffic through it."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


def bot_settings(tg: FakeTelegram, **overrides: Any) -> Settings:
    """Settings for a bot talking to the fake server: no real rate limits, no watching."""
    values: dict[str, Any] = {
        "knowledge_path": KNOWLEDGE,
        "telegram_bot_token": TOKEN,
        "telegram_api_base_url": tg.base_url,
        "telegram_rate_per_second": 100_000.0,
        "telegram_group_rate_per_minute": 1_000_000.0,
        "knowledge_watch_seconds": 0.0,
        "flood_per_minute": 1000,
        "state_path": None,  # no journal unless a test asks for one
    }
    values.update(overrides)
    return Settings(**values)


@pytest.fixture
async def tg(no_proxy: None) -> AsyncIterator[FakeTelegram]:
    """The fake Telegram Bot API server, started."""
    async with FakeTelegram() as server:
        yield server


@pytest.fixture
async def telegram_bot(tg: FakeTelegram, engine: Engine) -> AsyncIterator[FakeTelegram]:
    """The bot running (getMe, setMyCommands, polling) against ``tg``; yields the server."""
    from bot.frontends.telegram import build_application, running

    app = build_application(engine, bot_settings(tg))
    async with running(app):
        yield tg
