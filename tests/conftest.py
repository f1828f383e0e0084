"""Fixtures: a ready engine, a chat that keeps context, and a copy of the knowledge to edit."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from bot.config import default_knowledge_path
from bot.engine import Context, Engine, Reply
from bot.knowledge import Knowledge, load_knowledge

KNOWLEDGE = default_knowledge_path()


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


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace ``old`` with ``new`` in a file; fails loudly when ``old`` is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
