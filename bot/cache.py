"""A built engine kept on disk, so that the next start answers without reading the YAML.

``engine_for(folder)`` returns the engine for a knowledge folder: from the cache when it was
built from exactly these files by exactly this code, else built (the YAML read and validated)
and written down for the next time. One file per folder, in ``$XDG_CACHE_HOME/cluster-bot``
(``~/.cache/cluster-bot``), named by the folder's path, so folders never share one.

The file starts with one line, its key: the code (every module's name, size and
modification time; the Python version), the folder's real path and each knowledge file's
name, size and modification time. Any change of a knowledge file or of the code changes the
key, and a file whose key differs is rebuilt. A damaged file is ignored and rebuilt; a file
that someone else owns or could write is never read (a pickle runs code when loaded).
"""

from __future__ import annotations

import binascii
import contextlib
import functools
import logging
import os
import pickle
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from bot import collector
from bot.knowledge.files import signature

if TYPE_CHECKING:
    from bot.engine import Engine

logger = logging.getLogger(__name__)

FORMAT = 1  # raise when what is kept changes shape
PACKAGE = Path(__file__).resolve().parent


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "cluster-bot"


@functools.cache
def code_signature() -> tuple[object, ...]:
    """What changes when the bot's code does: every module's path, size and mtime, and the
    data files that ship with it (the grammar's learned weights); read once per process:
    the code does not change under a running bot's feet."""
    found: list[object] = [FORMAT, sys.version]
    for path in sorted([*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.json")]):
        with contextlib.suppress(OSError):
            info = path.stat()
            found.append([str(path.relative_to(PACKAGE)), info.st_size, info.st_mtime_ns])
    return tuple(found)


def cache_key(folder: Path) -> str:
    """The key itself, not a digest of it: two states of the files never share a key
    (and hashlib would cost a cold start more than comparing a few kilobytes)."""
    real = folder.resolve()
    return key_line([code_signature(), str(real), signature(real)])


def key_line(parts: list[object]) -> str:
    """``parts`` (strings, numbers, tuples) as one line of ASCII: ``ascii`` escapes
    newlines, accents and undecodable file names alike."""
    return ascii(parts)


def cache_file(folder: Path) -> Path:
    """Named by a checksum of the folder's real path; two folders whose names collide
    take turns with one file (the key inside names the folder), never share an engine."""
    real = str(folder.resolve()).encode()
    return cache_dir() / f"engine-{binascii.crc32(real):08x}.pickle"


def load(folder: Path) -> Engine | None:
    """The cached engine for ``folder`` if its key is current, else ``None``."""
    path = cache_file(folder)
    try:
        with open_own_file(path) as handle:
            if read_key(handle) != cache_key(folder):
                return None  # stale: the knowledge or the code changed
            with collector.paused():  # millions of objects, none of them garbage
                engine: Engine = pickle.load(handle)
                collector.keep()
    except FileNotFoundError:
        return None
    except Exception as exc:  # a damaged (or someone else's) file: rebuilt
        logger.info("ignoring the cache %s (%s)", path, exc)
        return None
    return engine


def save(folder: Path, engine: Engine) -> None:
    """Write ``engine`` down for ``folder``."""
    write_atomically(cache_file(folder), cache_key(folder), engine)


@contextlib.contextmanager
def open_own_file(path: Path) -> Iterator[BinaryIO]:
    """``path`` opened for reading, if the bot's user owns it and no one else may write it
    (a pickle runs code when it is loaded); else ``PermissionError``."""
    with path.open("rb") as handle:
        if not _safe(handle.fileno()):
            raise PermissionError(f"{path} is not the bot's own, or others may write it")
        yield handle


def read_key(handle: BinaryIO) -> str:
    """The key line a cache file starts with (``write_atomically`` wrote it)."""
    return handle.readline().decode("ascii", "replace").rstrip("\n")


def write_atomically(path: Path, key: str, value: object) -> None:
    """A line with ``key``, then ``value`` pickled, written so that a reader never sees half a
    file; readable by the bot's user only. A failure (a read-only home, a full disk) only
    costs speed."""
    import tempfile  # only when writing: it imports random, shutil and more

    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(key.encode("ascii") + b"\n")
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except Exception as exc:
        logger.info("could not keep %s: %s", path, exc)
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def engine_for(folder: Path, build: Callable[[Path], Engine]) -> Engine:
    """The engine for ``folder``: cached, or built by ``build`` and kept for next time."""
    cached = load(folder)
    if cached is not None:
        return cached
    engine = build(folder)
    save(folder, engine)
    return engine


def _safe(descriptor: int) -> bool:
    """Whether the open cache file is ours and only ours to write."""
    if not hasattr(os, "getuid"):  # pragma: no cover - Windows: the user's own profile
        return True
    info = os.fstat(descriptor)
    return info.st_uid == os.getuid() and not info.st_mode & 0o022
