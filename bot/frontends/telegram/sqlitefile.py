"""The SQLite state file on disk: created readable by the bot's user only, opened and
checked, set aside when damaged, held by one process; and what an error from it means.

SQLite gives the ``-wal`` and ``-shm`` files the mode of the database file, so creating that
file 0600 before SQLite opens it keeps all three private whatever the umask. One process per
file: an exclusive ``flock`` on ``<file>.lock``, held while the bot runs (the kernel lets it
go when the process dies, however it dies).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import sqlite3
import stat
import time
from pathlib import Path

PRIVATE = 0o600
SIDE_FILES = ("-wal", "-shm")

# SQLite's primary result codes, by what they mean for the bot
BUSY = frozenset({5, 6})  # SQLITE_BUSY, SQLITE_LOCKED: another process holds the file
FULL = frozenset({13})  # SQLITE_FULL
DAMAGED = frozenset({11, 26})  # SQLITE_CORRUPT, SQLITE_NOTADB
UNUSABLE = frozenset({3, 8, 14, 23})  # SQLITE_PERM, SQLITE_READONLY, SQLITE_CANTOPEN, AUTH


class StateFileError(Exception):
    """The state file cannot be used; the message is one line that names ``STATE_PATH``."""

    def __init__(self, path: Path, why: str) -> None:
        super().__init__(
            f"STATE_PATH: {why} (got {str(path)!r}): name a file in a folder the bot may "
            "write, or set STATE_PATH=off"
        )


class Damaged(sqlite3.DatabaseError):
    """``PRAGMA quick_check`` found the file damaged."""


def kind(exc: BaseException) -> str:
    """What a failure means: "busy", "full", "damaged", "unusable" or "other"."""
    if isinstance(exc, Damaged):
        return "damaged"
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return "unusable" if isinstance(exc, OSError) else "other"
    for name, codes in (("busy", BUSY), ("full", FULL), ("damaged", DAMAGED)):
        if code & 0xFF in codes:
            return name
    return "unusable" if code & 0xFF in UNUSABLE else "other"


def reason(exc: BaseException) -> str:
    """A failure in a few words, for a log line."""
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    what = kind(exc)
    if what == "busy":
        return "locked by another process (a backup, a sqlite3 shell, a VACUUM?)"
    if what == "full":
        return "the disk is full"
    return str(exc)


def private_file(path: Path) -> tuple[int, int]:
    """Create ``path`` 0600 if it is missing, else tighten it (and its -wal and -shm) to
    0600; returns its (device, inode). ``OSError`` if it cannot be opened for writing."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE)
    try:
        found = os.fstat(fd)
        if not stat.S_ISREG(found.st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        if found.st_mode & 0o777 != PRIVATE:
            with contextlib.suppress(OSError):  # another user's file: SQLite will say
                os.fchmod(fd, PRIVATE)
    finally:
        os.close(fd)
    for suffix in SIDE_FILES:
        with contextlib.suppress(OSError):
            side = path.with_name(path.name + suffix)
            if side.stat().st_mode & 0o777 != PRIVATE:
                side.chmod(PRIVATE)
    return found.st_dev, found.st_ino


def identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the file at ``path`` now; ``None`` if there is none."""
    try:
        found = path.stat()
    except FileNotFoundError:
        return None
    return found.st_dev, found.st_ino


def connect(path: Path) -> sqlite3.Connection:
    """The file opened (created 0600 if missing) in WAL mode and checked; ``OSError`` or
    ``sqlite3.Error`` (``Damaged``) if it cannot be."""
    private_file(path)
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=0)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")  # survives the process dying
        (verdict,) = db.execute("PRAGMA quick_check(1)").fetchone()
        if verdict != "ok":
            raise Damaged(str(verdict))
    except BaseException:
        db.close()
        raise
    return db


def remove_side_files(path: Path) -> None:
    """The -wal and -shm of a file that is gone: left beside a new file they would be read
    into it."""
    for suffix in SIDE_FILES:
        with contextlib.suppress(FileNotFoundError):
            path.with_name(path.name + suffix).unlink()


def move_aside(path: Path) -> Path:
    """Rename a damaged file (and its -wal and -shm) to ``<file>.damaged-<time>``."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    os.replace(path, aside)
    for suffix in SIDE_FILES:
        with contextlib.suppress(FileNotFoundError):
            os.replace(path.with_name(path.name + suffix), aside.with_name(aside.name + suffix))
    return aside


class OneProcess:
    """An exclusive lock on ``<file>.lock`` for as long as the bot runs: a second bot on the
    same state file refuses to start (``StateFileError``)."""

    def __init__(self, path: Path) -> None:
        self.state = path
        self.path = path.with_name(path.name + ".lock")
        self.fd = self._take()

    def _take(self) -> int:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, PRIVATE)
        except OSError as exc:
            folder = self.path.parent
            raise StateFileError(
                self.state, f"cannot write in {folder}: {exc.strerror or exc}"
            ) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = os.read(fd, 32).decode(errors="replace").strip() or "?"
            os.close(fd)
            raise StateFileError(
                self.state, f"in use by another running bot (pid {holder}); one process per file"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        return fd

    def renew(self) -> None:
        """Lock the lock file anew if it was deleted (with the state file, say)."""
        try:
            same = os.fstat(self.fd)[1:3] == os.stat(self.path)[1:3]
        except OSError:
            same = False
        if not same:
            old, self.fd = self.fd, self._take()
            os.close(old)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self.fd)
