"""The journal in the process: what an update is, what a failing file does, which bot a file
belongs to, one process per file, damage, deletion, modes. The same through the real process
is in ``test_telegram_state_file``; here a full disk is SQLite's own "database or disk is
full" (``PRAGMA max_page_count``), so it runs wherever the tests run."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.engine import Engine
from bot.frontends.telegram import build_application, running, statefile
from bot.frontends.telegram.journal import Journal, update_key
from bot.frontends.telegram.sqlitefile import StateFileError
from conftest import bot_settings
from fake_telegram import FakeTelegram


def update(update_id: int, text: str = "hello", chat: int = 1) -> dict[str, Any]:
    message = {"message_id": update_id, "date": 1_700_000_000, "text": text}
    message["chat"] = {"id": chat, "type": "private", "first_name": "Ann"}
    return {"update_id": update_id, "message": message}


@pytest.fixture
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    """Short waits and pauses, so that failures cost little test time."""
    monkeypatch.setattr(statefile, "LOCK_WAIT", 0.2)
    monkeypatch.setattr(statefile, "RETRY_WAIT", 0.05)
    monkeypatch.setattr(statefile, "RETRY_FIRST", 0.1)
    monkeypatch.setattr(statefile, "STEADY", 0.0)
    monkeypatch.setattr(statefile, "CHECK_EVERY", 0.0)


@contextlib.contextmanager
def opened(path: Path, **options: Any) -> Iterator[Journal]:
    kept = Journal(path, **options)
    try:
        yield kept
    finally:
        kept.close()


def count(path: Path, query: str = "SELECT COUNT(*) FROM updates") -> int:
    with contextlib.closing(sqlite3.connect(path)) as db:
        return int(db.execute(query).fetchone()[0])


def test_an_update_is_known_by_what_it_is_not_by_its_id(tmp_path: Path) -> None:
    with opened(tmp_path / "state.sqlite3") as kept:
        assert kept.record([update(1), update(2)]) == {1, 2}
        assert kept.record([update(2)]) == set()  # Telegram sent it again
        assert kept.record([update(1, "another question")]) == {1}  # the id, counted anew
        kept.done(1)
        kept.done(1)
    assert count(tmp_path / "state.sqlite3", "SELECT COUNT(*) FROM updates WHERE done") == 2
    assert update_key({"a": 1, "b": 2}) == update_key({"b": 2, "a": 1})


def test_another_bots_file_is_started_afresh(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "state.sqlite3"
    with opened(path, bot_id=111) as kept:
        kept.record([update(1)])
        kept.keep_state([("1:1", "{}")], 10, time.time(), {"stats": "{}"})
    with opened(path, bot_id=111) as kept:
        assert len(kept.pending(None)) == 1  # its own: answered
    with opened(path, bot_id=222) as kept:
        assert kept.pending(None) == [] and kept.load_chats(0) == [] and kept.load("stats") is None
    assert "belongs to another bot (id 111; this one is 222)" in caplog.text


def test_a_second_journal_on_the_same_file_is_refused(tmp_path: Path) -> None:
    with opened(tmp_path / "state.sqlite3"), pytest.raises(StateFileError) as refused:
        Journal(tmp_path / "state.sqlite3")
    assert str(refused.value).startswith("STATE_PATH: in use by another running bot (pid ")
    with opened(tmp_path / "state.sqlite3"):  # and free again once it is closed
        pass


def test_a_folder_is_refused_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "state.sqlite3").mkdir()
    with pytest.raises(StateFileError) as refused:
        Journal(tmp_path / "state.sqlite3")
    assert str(refused.value).startswith("STATE_PATH: cannot use it: Is a directory")
    assert "\n" not in str(refused.value)


def test_a_damaged_file_is_moved_aside(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "state.sqlite3"
    path.write_bytes(b"not a database at all, " * 1000)
    with opened(path) as kept:
        assert kept.record([update(1)]) == {1}
    (aside,) = tmp_path.glob("state.sqlite3.damaged-*")
    assert aside.read_bytes().startswith(b"not a database")
    assert caplog.text.count("was damaged") == 1


def test_the_first_layout_is_brought_up_to_date(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as db:
        db.execute("CREATE TABLE updates (id INTEGER PRIMARY KEY, body TEXT, done INTEGER)")
        for i, done in ((5, 1), (6, 0), (7, 0)):
            db.execute("INSERT INTO updates VALUES (?, ?, ?)", (i, json.dumps(update(i)), done))
    with opened(path) as kept:
        assert [u.update_id for u in kept.pending(None)] == [6, 7]
        assert kept.record([update(6)]) == set()  # still known


def test_retention_is_enforced_at_start(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    with opened(path, keep=10) as kept:
        kept.record([update(i) for i in range(1, 31)])
        for i in range(1, 30):
            kept.done(i)
    assert count(path) == 30  # fewer than 1,000 answered in that run
    with opened(path, keep=10):
        pass
    assert count(path) == 10  # the last ten (the one not answered among them)


def test_a_lock_is_waited_on_then_the_bot_goes_on_without_the_file(
    tmp_path: Path, quick: None, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "state.sqlite3"
    with opened(path) as kept:
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        started = time.perf_counter()
        assert kept.record([update(1)]) == {1}  # waited 0.2 s, then answered all the same
        waited = time.perf_counter() - started
        assert 0.15 < waited < 1 and kept.failing
        started = time.perf_counter()
        for i in range(2, 100):  # no spinning on the lock: a try now and then
            assert kept.record([update(i)]) == {i}
        assert time.perf_counter() - started < 0.5
        assert not kept._file._db.in_transaction  # type: ignore[union-attr]  # rolled back
        other.execute("ROLLBACK")
        other.close()
        time.sleep(0.4)
        for i in range(100, 103):
            assert kept.record([update(i)]) == {i}
        assert not kept.failing
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 2, warnings
    assert "locked by another process" in warnings[0] and "can be written again" in warnings[1]
    assert count(path) >= 2  # written down again


def test_a_file_deleted_while_open_is_noticed_and_started_afresh(
    tmp_path: Path, quick: None, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "state.sqlite3"
    with opened(path) as kept:
        kept.record([update(1)])
        path.unlink()
        kept.record([update(2)])
        kept.record([update(3)])
        assert path.exists()
    assert count(path) == 2
    assert caplog.text.count("was deleted while the bot ran") == 1


def test_the_files_are_0600_whatever_the_umask(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    before = os.umask(0)
    try:
        with opened(path) as kept:
            kept.record([update(1)])
            modes = {p.name: p.stat().st_mode & 0o777 for p in tmp_path.iterdir() if p.is_file()}
    finally:
        os.umask(before)
    assert modes == {
        "state.sqlite3": 0o600,
        "state.sqlite3-wal": 0o600,
        "state.sqlite3-shm": 0o600,
        "state.sqlite3.lock": 0o600,
    }


async def test_a_full_disk_answers_every_question(
    tg: FakeTelegram, engine: Engine, tmp_path: Path, quick: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite's "database or disk is full", from a size cap: every question answered, and
    the file tried again only now and then, not once per update."""
    settings = bot_settings(tg, state_path=tmp_path / "state.sqlite3")
    app = build_application(engine, settings)
    kept: Journal = app.bot_data["journal"]
    failures = 0
    write = kept._file._transaction

    def counted(*args: Any) -> Any:
        nonlocal failures
        try:
            return write(*args)
        except sqlite3.Error:
            failures += 1
            raise

    kept._file._transaction = counted  # type: ignore[method-assign]
    monkeypatch.setattr(statefile, "STEADY", 1.0)  # a small write fits now and then
    async with running(app):
        await tg.wait_for("setMyCommands")
        db = kept._file._db
        assert db is not None
        with kept._file._lock:
            (pages,) = db.execute("PRAGMA page_count").fetchone()
            db.execute(f"PRAGMA max_page_count = {pages}")
        started = time.monotonic()
        long = "what did CLUSGRID get from the EU " + "and " * 2000  # needs new pages
        for chat in range(1, 41):
            tg.message(long, chat_id=chat)
        await tg.wait_for("sendMessage", 40, timeout=10)
        assert kept.failing
        assert failures <= 1 + (time.monotonic() - started) / 0.1  # pauses: 0.1 s, doubling
        with kept._file._lock:
            db.execute("PRAGMA max_page_count = 1000000")
        for chat in range(100, 150):  # space again: the journal resumes at its next try
            tg.message("what did CLUSGRID get from the EU", chat_id=chat)
            await tg.wait_for("sendMessage", where=lambda c, chat=chat: c.chat_id == chat)
            if not kept.failing:
                break
            await asyncio.sleep(0.05)
        assert not kept.failing
    assert {c.chat_id for c in tg.delivered()} >= set(range(1, 41))
    assert count(tmp_path / "state.sqlite3") >= 1  # written down again


def test_the_journal_thread_does_not_outlive_close(tmp_path: Path) -> None:
    with opened(tmp_path / "state.sqlite3") as kept:
        kept.done(1)
    assert not [t for t in threading.enumerate() if t.name.startswith("journal")]
