"""The state file on disk (``STATE_PATH``), usable whatever happens to it: one bot process per
file, readable by the bot's user only, a damaged file moved aside, an unusable one refused in
one line, and a write that fails never a reason to stop answering (how the file is kept on
disk is in ``sqlitefile``).

A write that fails (another process's lock, waited on for ``LOCK_WAIT`` seconds; a full disk;
a file made read-only) is rolled back and said once in the log; the file is tried again after
1 s, 2 s, 4 s ... (at most ``RETRY_CAP``), and once writes have worked again for ``STEADY``
seconds that is said too. A file deleted (or replaced) while the bot runs is noticed at the
next write (at most one look a second) and a fresh one is started.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from bot.frontends.telegram.sqlitefile import (
    OneProcess,
    StateFileError,
    connect,
    identity,
    kind,
    move_aside,
    reason,
    remove_side_files,
)

logger = logging.getLogger(__name__)

LOCK_WAIT = 2.0  # seconds a write waits for another process's lock before giving up
RETRY_WAIT = 0.1  # ... and while the file is failing (the bot answers without it meanwhile)
RETRY_FIRST, RETRY_CAP = 1.0, 15.0  # seconds before trying a failing file again, doubling
STEADY = 5.0  # seconds a failing file must keep taking writes before it is said to work
CHECK_EVERY = 1.0  # seconds between two looks at whether the file was deleted or replaced
TRANSIENT = frozenset({"busy", "full", "other"})  # at start, the rest is refused in one line

T = TypeVar("T")
Prepare = Callable[[sqlite3.Connection], None]


class StateFile:
    """One SQLite file, kept usable: ``write`` runs a transaction or, when the file cannot
    take it now, returns ``None`` (said once; tried again later); ``read`` returns rows, none
    while the file is not ready. ``prepare`` makes a newly opened file ready (tables, ...).

    ``StateFileError`` at start if the file cannot be used at all: a folder, read-only, in a
    folder the bot cannot write, held by another running bot.
    """

    def __init__(self, path: Path, prepare: Prepare, working: Callable[[], None]) -> None:
        self.path = path
        self.renewed = False  # a fresh file (or writes back) since the owner last looked
        self._prepare = prepare
        self._on_working = working  # told when writes succeed again
        self._lock = threading.RLock()  # the connection and the fields below
        self._db: sqlite3.Connection | None = None
        self._ready = False
        self._identity: tuple[int, int] | None = None
        self._failing: str | None = None  # why the file cannot be written, while it cannot
        self._working_since: float | None = None  # writes succeed again since (not yet said)
        self._pause = 0.0
        self._next_try = 0.0
        self._next_check = 0.0
        self._closed = False
        self._owner = OneProcess(path)
        try:
            self._open(starting=True)
        except StateFileError:
            self._close_db()
            self._owner.close()
            raise
        except (OSError, sqlite3.Error) as exc:  # busy or full: answer meanwhile, retry later
            self._failed(exc, time.monotonic())

    @property
    def failing(self) -> bool:
        """Whether the file cannot be written now (the bot answers without it)."""
        return self._failing is not None

    # -- opening ----------------------------------------------------------------------------
    def _open(self, starting: bool) -> None:
        """Open the file and make it ready; a damaged one is moved aside and a fresh one
        started. At start a file that cannot be used raises ``StateFileError``."""
        for attempt in (1, 2):
            try:
                if self._db is None:
                    self._db = connect(self.path)
                    self._identity = identity(self.path)
                self._transaction(self._prepare, RETRY_WAIT if self._failing else LOCK_WAIT)
                self._ready = True
                return
            except (OSError, sqlite3.Error) as exc:
                what = kind(exc)
                if what == "damaged" and attempt == 1:
                    self._close_db()
                    self._set_aside(exc, starting)
                    continue
                if starting and what not in TRANSIENT:
                    raise StateFileError(self.path, f"cannot use it: {reason(exc)}") from None
                raise

    def _set_aside(self, exc: BaseException, starting: bool) -> None:
        try:
            aside = move_aside(self.path)
        except OSError as error:
            if starting:
                why = f"damaged ({reason(exc)}) and cannot be moved aside: {reason(error)}"
                raise StateFileError(self.path, why) from None
            raise
        logger.warning(
            "state file %s was damaged (%s): moved aside to %s; a fresh one is started",
            self.path,
            reason(exc),
            aside.name,
        )
        self.renewed = True

    def _close_db(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        self._db = None
        self._ready = False

    def _notice_replaced(self, now: float) -> None:
        """A file deleted (or replaced) under the running bot: a fresh one is started."""
        if now < self._next_check or self._identity is None:
            return
        self._next_check = now + CHECK_EVERY
        found = identity(self.path)
        if found == self._identity:
            return
        logger.warning(
            "state file %s was %s while the bot ran: starting %s",
            self.path,
            "deleted" if found is None else "replaced",
            "a fresh one" if found is None else "on the file now there",
        )
        self._close_db()
        self._identity = None
        remove_side_files(self.path)  # the old file's: they would be read into the new one
        self.renewed = True
        try:
            self._owner.renew()
        except StateFileError as exc:  # another bot started on it meanwhile: leave it to it
            logger.warning("%s; this bot goes on without a state file", exc)
            self._closed = True

    # -- writing, and what happens when it fails -------------------------------------------
    def _transaction(self, op: Callable[[sqlite3.Connection], T], wait: float) -> T:
        """``op`` in one transaction, rolled back if anything in it fails."""
        db = self._db
        assert db is not None
        db.execute(f"PRAGMA busy_timeout = {int(wait * 1000)}")
        db.execute("BEGIN IMMEDIATE")
        try:
            result = op(db)
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                with contextlib.suppress(sqlite3.Error):  # never hide the real error
                    db.execute("ROLLBACK")
            raise
        return result

    def write(self, op: Callable[[sqlite3.Connection], T]) -> T | None:
        """``op`` in a transaction; ``None`` if the file cannot be written now."""
        with self._lock:
            now = time.monotonic()
            waiting = self._working_since is None and now < self._next_try
            if self._closed or (self._failing is not None and waiting):
                return None
            try:
                self._notice_replaced(now)
                if not self._ready:
                    self._open(starting=False)
                result = self._transaction(op, RETRY_WAIT if self._failing else LOCK_WAIT)
            except (OSError, sqlite3.Error, StateFileError) as exc:
                self._failed(exc, now)
                return None
            if self._failing is not None:
                self._working(now)
            return result

    def _failed(self, exc: BaseException, now: float) -> None:
        """Said once; tried again after a pause that doubles while the failure lasts."""
        self._pause = RETRY_FIRST if self._failing is None else min(RETRY_CAP, 2 * self._pause)
        self._next_try = now + self._pause
        self._working_since = None
        if kind(exc) in ("damaged", "unusable"):
            self._close_db()  # opened anew at the next try (a damaged file moved aside)
        if self._failing is None:
            self._failing = reason(exc)
            logger.warning(
                "state file %s cannot be written: %s. Answering without it meanwhile (a crash "
                "now would lose the updates in hand); trying it again every few seconds",
                self.path,
                self._failing,
            )
        else:
            logger.debug("state file %s: tried again, still failing: %s", self.path, reason(exc))

    def _working(self, now: float) -> None:
        """A write succeeded while the file was failing: said once it has kept working for
        ``STEADY`` seconds (a nearly full disk takes a small write now and then)."""
        self._on_working()
        if self._working_since is None:
            self._working_since = now
            self.renewed = True  # what changed meanwhile is written at the next keep
            return
        if now - self._working_since < STEADY:
            return
        logger.warning("state file %s can be written again: the journal resumes", self.path)
        self._failing = None
        self._working_since = None
        self._pause = 0.0

    # -- reading, closing -------------------------------------------------------------------
    def read(self, query: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Rows of ``query``; none while the file is not ready (it may be another bot's)."""
        with self._lock:
            if not self._ready or self._db is None:
                return []
            try:
                return list(self._db.execute(query, args).fetchall())
            except sqlite3.Error as exc:
                logger.warning("state file %s could not be read: %s", self.path, reason(exc))
                return []

    def close(self) -> None:
        """Close the file and let another process have it."""
        with self._lock:
            self._closed = True
            self._close_db()
        self._owner.close()
