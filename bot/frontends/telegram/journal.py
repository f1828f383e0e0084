"""No update lost when the process dies: every update is written down before Telegram is
told it arrived, and struck off once it has been answered.

Telegram forgets an update when the next ``getUpdates`` asks from a later offset, and PTB
asks again as soon as it has queued a batch, long before the batch is answered: a crash then
loses every queued update. Here the fetched updates are committed to a SQLite file (the
standard library's, one file) first, and the next offset is taken from that file; each
update is marked done when its handling ends. On start, what was written down and not
answered is answered first. At most the few updates in flight when the process was killed
are answered twice; after a clean stop, none.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from telegram import Update

from bot.frontends.telegram.sending import LeanBot

logger = logging.getLogger(__name__)

KEEP_DONE = 10_000  # handled update ids kept (to refuse a repeat); older ones are deleted


class Journal:
    def __init__(self, path: Path, keep: int = KEEP_DONE) -> None:
        self.path = path
        self.keep = keep
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")  # survives the process dying
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS updates ("
            " id INTEGER PRIMARY KEY, body TEXT NOT NULL, done INTEGER NOT NULL DEFAULT 0)"
        )
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS state (name TEXT PRIMARY KEY, value TEXT NOT NULL)"
        )
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS chats ("
            " chat TEXT PRIMARY KEY, at REAL NOT NULL, value TEXT NOT NULL)"
        )
        self._marked = 0

    def next_offset(self) -> int:
        """The first update id Telegram may still send: one past the last written down."""
        with self._lock:
            row = self._db.execute("SELECT MAX(id) FROM updates").fetchone()
        return int(row[0]) + 1 if row and row[0] is not None else 0

    def record(self, updates: Sequence[tuple[int, str]]) -> set[int]:
        """Write ``updates`` down, (update id, its JSON as Telegram sent it), in one
        transaction; returns the ids not seen before."""
        fresh: set[int] = set()
        with self._lock:
            self._db.execute("BEGIN")
            try:
                for update_id, body in updates:
                    cursor = self._db.execute(
                        "INSERT OR IGNORE INTO updates (id, body) VALUES (?, ?)",
                        (update_id, body),
                    )
                    if cursor.rowcount:
                        fresh.add(update_id)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return fresh

    def done(self, update_id: int) -> None:
        """Strike an update off: it has been handled."""
        with self._lock:
            self._db.execute("UPDATE updates SET done = 1 WHERE id = ?", (update_id,))
            self._marked += 1
            if self._marked % 1000 == 0:
                self._db.execute(
                    "DELETE FROM updates WHERE done = 1 AND id < (SELECT MAX(id) FROM updates) - ?",
                    (self.keep,),
                )

    def pending(self, bot: Any) -> list[Update]:
        """What was written down and not handled, oldest first, as updates for ``bot``."""
        with self._lock:
            rows = self._db.execute(
                "SELECT body FROM updates WHERE done = 0 ORDER BY id"
            ).fetchall()
        updates = []
        for (body,) in rows:
            update = Update.de_json(json.loads(body), bot)
            if update is not None:
                updates.append(update)
        return updates

    def save(self, name: str, value: str) -> None:
        """Keep one named piece of state (conversations, stats, button payloads)."""
        with self._lock:
            self._db.execute(
                "INSERT INTO state (name, value) VALUES (?, ?) "
                "ON CONFLICT(name) DO UPDATE SET value = excluded.value",
                (name, value),
            )

    def save_chats(self, chats: Sequence[tuple[str, str]], keep: int, now: float) -> None:
        """Write changed conversations down; keep only the ``keep`` most recent."""
        with self._lock:
            self._db.execute("BEGIN")
            self._db.executemany(
                "INSERT INTO chats (chat, at, value) VALUES (?, ?, ?) ON CONFLICT(chat) "
                "DO UPDATE SET at = excluded.at, value = excluded.value",
                [(chat, now, value) for chat, value in chats],
            )
            self._db.execute(
                "DELETE FROM chats WHERE chat NOT IN "
                "(SELECT chat FROM chats ORDER BY at DESC LIMIT ?)",
                (keep,),
            )
            self._db.execute("COMMIT")

    def load_chats(self, since: float) -> list[tuple[str, str]]:
        """Conversations written down after ``since`` (a time.time()), oldest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT chat, value FROM chats WHERE at >= ? ORDER BY at", (since,)
            ).fetchall()
        return [(str(chat), str(value)) for chat, value in rows]

    def load(self, name: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM state WHERE name = ?", (name,)).fetchone()
        return str(row[0]) if row else None

    def close(self) -> None:
        with self._lock:
            self._db.close()


class JournalBot(LeanBot):
    """The bot (PTB's, with ``send_text``), whose ``getUpdates`` asks from the journal's
    offset and writes the updates down before PTB queues them (and before the next call
    tells Telegram they arrived)."""

    def __init__(self, *args: Any, journal: Journal | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._journal = journal  # PTB freezes a bot's public attributes
        self._resumed = False
        self._fetched: list[dict[str, Any]] = []  # the last getUpdates' result, as sent

    async def _do_post(self, endpoint: str, data: Any, **kwargs: Any) -> Any:
        result = await super()._do_post(endpoint, data, **kwargs)
        if endpoint == "getUpdates" and isinstance(result, list):
            # kept as sent: serialising PTB's objects back (to_json) cost ~0.1 ms an update
            self._fetched = result
        return result

    async def get_updates(self, *args: Any, **kwargs: Any) -> tuple[Update, ...]:
        journal = self._journal
        if journal is not None and not self._resumed:
            # the first call of a run asks past what the last run wrote down (and confirms
            # it to Telegram); from then on PTB's own offset moves past each batch
            given = kwargs.get("offset") or 0
            kwargs["offset"] = max(given, journal.next_offset())
            self._resumed = True
        self._fetched = []
        updates = await super().get_updates(*args, **kwargs)
        if journal is None:
            return updates
        fresh = journal.record([(u["update_id"], json.dumps(u)) for u in self._fetched])
        return tuple(u for u in updates if u.update_id in fresh)
