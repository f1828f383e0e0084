"""No update lost when the process dies: every update is written down before Telegram is
told it arrived, and struck off once it has been answered.

Telegram forgets an update when the next ``getUpdates`` asks from a later offset, and PTB
asks again as soon as it has queued a batch, long before the batch is answered: a crash then
loses every queued update. Here the fetched updates are committed to a SQLite file (the
standard library's, one file) first; each update is marked done when its handling ends. On
start, what was written down and not answered is answered first. At most the few updates in
flight when the process was killed are answered twice; after a clean stop, none.

An update is known by what it is (a hash of its content, its id included), not by its id
alone: Telegram picks ids afresh after a quiet week, and a restored backup or another bot's
file holds ids that meant other updates. The next offset is one past the last update fetched,
repeats included, so a batch of repeats is confirmed rather than fetched for ever. The file
records which bot it belongs to; another bot's file is started afresh.

The file is crash safety, not a gate: when it cannot be written the bot answers without it
(``statefile.StateFile`` says so once and tries again now and then). Writes run on a thread
of their own, so a wait for another process's lock never holds the answers up.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import sqlite3
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from telegram import Update

from bot.frontends.telegram.sending import LeanBot
from bot.frontends.telegram.statefile import StateFile

logger = logging.getLogger(__name__)

KEEP_DONE = 10_000  # answered updates kept (to refuse a repeat); older ones are deleted
TRIM_EVERY = 1000  # answered updates between two deletions of old ones (and one at start)
MAX_MARKS = 100_000  # answered updates remembered while the file cannot be written

SCHEMA = (
    # seq: the order updates arrived in (their ids may go backwards); key: what an update is
    "CREATE TABLE IF NOT EXISTS updates (seq INTEGER PRIMARY KEY, id INTEGER NOT NULL,"
    " key TEXT NOT NULL UNIQUE, body TEXT NOT NULL, done INTEGER NOT NULL DEFAULT 0)",
    "CREATE INDEX IF NOT EXISTS updates_undone ON updates (id) WHERE done = 0",
    "CREATE TABLE IF NOT EXISTS state (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS chats ("
    " chat TEXT PRIMARY KEY, at REAL NOT NULL, value TEXT NOT NULL)",
)
BOT = "bot"  # the state row that names the bot the file belongs to


def update_key(update: dict[str, Any]) -> str:
    """What an update is: a hash of all it holds, whatever order its fields came in."""
    text = json.dumps(update, sort_keys=True, separators=(",", ":"))
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def bot_id_of(token: str | None) -> int | None:
    """The bot's id: the number before the colon of its token (getMe says the same)."""
    head = (token or "").partition(":")[0]
    return int(head) if head.isdigit() else None


class Journal:
    """The state file's contents: updates written down until answered, conversations and
    named state (``StateFileError`` if the file cannot be used at all)."""

    def __init__(self, path: Path, keep: int = KEEP_DONE, bot_id: int | None = None) -> None:
        self.path = path
        self.keep = keep
        self.bot_id = bot_id
        self._trimmed = 0  # answered since the last trim
        self._marks_lock = threading.Lock()
        self._marks: list[int] = []  # answered, not yet struck off in the file
        self._flush_queued = False
        self._worker = ThreadPoolExecutor(1, thread_name_prefix="journal")
        self._file = StateFile(path, self._prepare, self._queue_flush)

    @property
    def failing(self) -> bool:
        """Whether the file cannot be written now (the bot answers without it)."""
        return self._file.failing

    def _prepare(self, db: sqlite3.Connection) -> None:
        """Tables (an older layout brought up to date), this bot's, old updates trimmed."""
        columns = [row[1] for row in db.execute("PRAGMA table_info(updates)")]
        if columns and "key" not in columns:
            _migrate(db)
        for statement in SCHEMA:
            db.execute(statement)
        row = db.execute("SELECT value FROM state WHERE name = ?", (BOT,)).fetchone()
        mine = str(self.bot_id) if self.bot_id is not None else None
        if row and mine and row[0] != mine:
            logger.warning(
                "state file %s belongs to another bot (id %s; this one is %s): "
                "it is started afresh",
                self.path,
                row[0],
                mine,
            )
            for table in ("updates", "chats", "state"):
                db.execute(f"DELETE FROM {table}")
        if mine and (not row or row[0] != mine):
            db.execute("INSERT OR REPLACE INTO state (name, value) VALUES (?, ?)", (BOT, mine))
        self._trim(db)

    def _trim(self, db: sqlite3.Connection) -> None:
        """Forget answered updates but the last ``keep``."""
        db.execute(
            "DELETE FROM updates WHERE done = 1 AND seq <= (SELECT MAX(seq) FROM updates) - ?",
            (self.keep,),
        )
        self._trimmed = 0

    # -- updates ----------------------------------------------------------------------------
    def record(self, updates: Sequence[dict[str, Any]]) -> set[int]:
        """Write ``updates`` down (as Telegram sent them) in one transaction; returns the ids
        of those not seen before: all of them while the file cannot be written."""
        rows = [(u["update_id"], update_key(u), json.dumps(u)) for u in updates]

        def insert(db: sqlite3.Connection) -> set[int]:
            fresh: set[int] = set()
            for row in rows:
                cursor = db.execute(
                    "INSERT INTO updates (id, key, body) VALUES (?, ?, ?) "
                    "ON CONFLICT(key) DO NOTHING",
                    row,
                )
                if cursor.rowcount:
                    fresh.add(row[0])
            return fresh

        written = self._file.write(insert) if rows else set()
        return {row[0] for row in rows} if written is None else written

    async def record_async(self, updates: Sequence[dict[str, Any]]) -> set[int]:
        """``record`` on the journal's own thread: a wait for a lock holds nothing else up."""
        try:
            future = self._worker.submit(self.record, updates)
        except RuntimeError:  # closing
            return {u["update_id"] for u in updates}
        return await asyncio.wrap_future(future)

    def done(self, update_id: int) -> None:
        """Strike an update off: it has been handled (written on the journal's thread)."""
        with self._marks_lock:
            self._marks.append(update_id)
        self._queue_flush()

    def _queue_flush(self) -> None:
        with self._marks_lock:
            if self._flush_queued or not self._marks:
                return
            self._flush_queued = True
        try:
            self._worker.submit(self._flush_marks)
        except RuntimeError:  # closing: close() flushes what is left
            with self._marks_lock:
                self._flush_queued = False

    def _flush_marks(self) -> None:
        with self._marks_lock:
            marks, self._marks = self._marks, []
            self._flush_queued = False
        if not marks:
            return

        def mark(db: sqlite3.Connection) -> bool:
            for update_id in marks:  # an id may be there twice (ids restart): the oldest first
                db.execute(
                    "UPDATE updates SET done = 1 WHERE seq = "
                    "(SELECT MIN(seq) FROM updates WHERE id = ? AND done = 0)",
                    (update_id,),
                )
            self._trimmed += len(marks)
            if self._trimmed >= TRIM_EVERY:
                self._trim(db)
            return True

        if self._file.write(mark) is None:  # kept for when the file can be written again
            with self._marks_lock:
                self._marks[:0] = marks
                del self._marks[:-MAX_MARKS]

    def pending(self, bot: Any) -> list[Update]:
        """What was written down and not handled, in the order it came, as updates for ``bot``."""
        updates = []
        for (body,) in self._file.read("SELECT body FROM updates WHERE done = 0 ORDER BY seq"):
            update = Update.de_json(json.loads(body), bot)
            if update is not None:
                updates.append(update)
        return updates

    # -- conversations and named state ------------------------------------------------------
    def keep_state(
        self, chats: Sequence[tuple[str, str]], keep: int, now: float, named: dict[str, str]
    ) -> bool:
        """Write changed conversations (keeping the ``keep`` most recent) and named pieces of
        state (stats, button payloads) in one transaction; ``False`` if it could not."""

        def write(db: sqlite3.Connection) -> bool:
            db.executemany(
                "INSERT INTO chats (chat, at, value) VALUES (?, ?, ?) ON CONFLICT(chat) "
                "DO UPDATE SET at = excluded.at, value = excluded.value",
                [(chat, now, value) for chat, value in chats],
            )
            db.execute(
                "DELETE FROM chats WHERE chat NOT IN "
                "(SELECT chat FROM chats ORDER BY at DESC LIMIT ?)",
                (keep,),
            )
            db.executemany(
                "INSERT INTO state (name, value) VALUES (?, ?) "
                "ON CONFLICT(name) DO UPDATE SET value = excluded.value",
                list(named.items()),
            )
            return True

        return self._file.write(write) is not None

    async def keep_state_async(
        self, chats: Sequence[tuple[str, str]], keep: int, now: float, named: dict[str, str]
    ) -> bool:
        try:
            future = self._worker.submit(self.keep_state, chats, keep, now, named)
        except RuntimeError:  # closing: the last keep is written on the way out
            return False
        return await asyncio.wrap_future(future)

    def take_renewed(self) -> bool:
        """Whether the file is new (or writable again) since the last call: every
        conversation is written then, not only those changed."""
        renewed, self._file.renewed = self._file.renewed, False
        return renewed

    def load_chats(self, since: float) -> list[tuple[str, str]]:
        """Conversations written down after ``since`` (a time.time()), oldest first."""
        rows = self._file.read("SELECT chat, value FROM chats WHERE at >= ? ORDER BY at", (since,))
        return [(str(chat), str(value)) for chat, value in rows]

    def load(self, name: str) -> str | None:
        rows = self._file.read("SELECT value FROM state WHERE name = ?", (name,))
        return str(rows[0][0]) if rows else None

    def close(self) -> None:
        """Strike off what was answered, close the file and let another process have it."""
        self._worker.shutdown(wait=True)
        self._flush_marks()
        self._file.close()


def _migrate(db: sqlite3.Connection) -> None:
    """The first layout (updates known by id alone) into the present one."""
    db.execute("ALTER TABLE updates RENAME TO updates_by_id")
    db.execute(SCHEMA[0])
    rows = db.execute("SELECT id, body, done FROM updates_by_id ORDER BY id").fetchall()
    db.executemany(
        "INSERT OR IGNORE INTO updates (id, key, body, done) VALUES (?, ?, ?, ?)",
        [(i, update_key(json.loads(body)), body, done) for i, body, done in rows],
    )
    db.execute("DROP TABLE updates_by_id")


class JournalBot(LeanBot):
    """The bot (PTB's, with ``send_text``), whose ``getUpdates`` writes the updates down
    before PTB queues them (and before the next call tells Telegram they arrived), and asks
    from one past the last update fetched."""

    def __init__(self, *args: Any, journal: Journal | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._journal = journal  # PTB freezes a bot's public attributes
        self._offset: int | None = None  # one past the last update fetched
        self._fetched: list[dict[str, Any]] = []  # the last getUpdates' result, as sent

    async def _do_post(self, endpoint: str, data: Any, **kwargs: Any) -> Any:
        result = await super()._do_post(endpoint, data, **kwargs)
        if endpoint == "getUpdates" and isinstance(result, list):
            # kept as sent: serialising PTB's objects back (to_json) cost ~0.1 ms an update
            self._fetched = result
        return result

    async def get_updates(self, *args: Any, **kwargs: Any) -> tuple[Update, ...]:
        journal = self._journal
        if journal is None:
            return await super().get_updates(*args, **kwargs)
        if self._offset is not None:  # PTB's moves past what it was given, not what came
            kwargs["offset"] = self._offset
        self._fetched = []
        updates = await super().get_updates(*args, **kwargs)
        fetched = [u for u in self._fetched if isinstance(u, dict) and "update_id" in u]
        if not fetched:
            return updates
        first = fetched[0]["update_id"]
        if self._offset is not None and first < self._offset - 1:
            logger.info(
                "update ids went back (%d after %d): Telegram counts anew; new updates",
                first,
                self._offset - 1,
            )
        self._offset = int(fetched[-1]["update_id"]) + 1
        fresh = await journal.record_async(fetched)
        return tuple(u for u in updates if u.update_id in fresh)
