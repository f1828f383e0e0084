"""A built engine kept on disk, so that the next start answers without reading the YAML.

``engine_for(folder)`` returns the engine for a knowledge folder: from the cache when it was
built from exactly these files by exactly this code, else built (the YAML read and validated)
and written down for the next time. One file per folder, in the platform's cache
folder (``bot.places``: ``$XDG_CACHE_HOME/cluster-bot`` or ``~/.cache/cluster-bot`` on Linux),
named by the folder's path, so folders never share one. With no home folder at all (``HOME``
unset and no passwd entry) it is kept in a folder of the bot's user's own under the temporary
folder, and the log says so once.

The file starts with one line, its key: the code (every module's and data file's name,
size, modification time and content hash; the Python version), the folder's real path and
each knowledge file's name, size, modification time and content hash (``bot.knowledge
.files``). Any change of a knowledge file or of the code changes the key, even one of the
same length with the old timestamps put back, and a file whose key differs is rebuilt.

A pickle runs code when it is loaded, so a cache file is read only when it is a regular
file (not a symbolic link) that the bot's user owns and no one else may write, in a folder
(not a symbolic link) that is the user's own and no one else may write; and what it holds
must be an engine. Anything else is ignored and rebuilt (from the YAML), said once in the
log. Every failure only costs speed.
"""

from __future__ import annotations

import binascii
import contextlib
import functools
import logging
import os
import pickle
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from bot import collector, places
from bot.knowledge.files import file_key, signature

if TYPE_CHECKING:
    from bot.engine import Engine

logger = logging.getLogger(__name__)

FORMAT = 1  # raise when what is kept changes shape
PACKAGE = Path(__file__).resolve().parent


def cache_dir() -> Path:
    """The platform's cache folder for the bot (``$XDG_CACHE_HOME/cluster-bot``, else
    ``~/.cache/cluster-bot`` on Linux; see ``bot.places``), else a folder under the
    temporary folder, said once."""
    return places.cache_folder() or _temporary_cache()


def _temporary_cache() -> Path:
    folder = places.temporary_folder()
    if not _TOLD_NO_HOME:
        _TOLD_NO_HOME.append(folder)
        logger.warning(
            "no home folder (HOME is not set and user id %s has no passwd entry): the cache "
            "is kept in %s; set XDG_CACHE_HOME to choose where",
            os.getuid() if hasattr(os, "getuid") else 0,
            folder,
        )
    return folder


_TOLD_NO_HOME: list[Path] = []  # said once per process


@functools.cache
def code_signature() -> tuple[object, ...]:
    """What changes when the bot's code does: every module's path, size, mtime and content
    hash, and the data files that ship with it (the grammar's learned weights); read once
    per process (~2 ms): the code does not change under a running bot's feet."""
    found: list[object] = [FORMAT, sys.version]
    for path in sorted([*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.json")]):
        key = file_key(path)
        if key is not None:
            found.append([str(path.relative_to(PACKAGE)), *key])
    return tuple(found)


def cache_key(folder: Path) -> str:
    """The key itself (each file's hash in it), not a digest of it: comparing a few
    kilobytes costs less than hashing them again."""
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
    from bot.engine import Engine  # imported already by the time a cache is read

    path = cache_file(folder)
    try:
        with open_own_file(path) as handle:
            if read_key(handle) != cache_key(folder):
                return None  # stale: the knowledge or the code changed
            with collector.paused():  # millions of objects, none of them garbage
                engine = pickle.load(handle)
                collector.keep()
    except FileNotFoundError:
        return None
    except RefusedCache:  # said in the log
        return None
    except Exception as exc:  # a damaged file: rebuilt
        logger.info("ignoring the cache %s (%s)", path, exc)
        return None
    if not isinstance(engine, Engine):
        refuse(path, f"it holds a {type(engine).__name__}, not an engine")
        return None
    return engine


def save(folder: Path, engine: Engine) -> None:
    """Write ``engine`` down for ``folder``."""
    write_atomically(cache_file(folder), cache_key(folder), engine)


class RefusedCache(PermissionError):
    """A cache file (or its folder) that is not safe to load: a pickle runs code."""


_REFUSED: set[str] = set()


def refuse(path: Path, why: str) -> RefusedCache:
    """Say once per file, reason and process why it is not used; the error to raise."""
    if f"{path}\0{why}" not in _REFUSED:
        _REFUSED.add(f"{path}\0{why}")
        logger.warning("not using the cache %s: %s; the YAML is read instead", path, why)
    return RefusedCache(f"{path}: {why}")


NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
DIRECTORY = getattr(os, "O_DIRECTORY", 0)
PRIVATE = hasattr(os, "getuid") and os.open in os.supports_dir_fd and NOFOLLOW != 0


@contextlib.contextmanager
def open_folder(folder: Path) -> Iterator[int | None]:
    """A descriptor of the cache folder, when it is a folder (not a symbolic link) that
    the bot's user owns and no one else may write; else ``RefusedCache`` (said once), or
    ``FileNotFoundError``. ``None`` where descriptors of folders are not used (Windows)."""
    if not PRIVATE:  # pragma: no cover - Windows: the user's own profile
        yield None
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY | DIRECTORY | NOFOLLOW | os.O_CLOEXEC)
    except FileNotFoundError:
        raise
    except OSError as exc:  # ELOOP, ENOTDIR: a symbolic link or not a folder
        raise refuse(folder, f"not a folder of its own ({exc.strerror})") from None
    try:
        why = _unsafe(os.fstat(descriptor), stat.S_ISDIR, "folder")
        if why:
            raise refuse(folder, why)
        yield descriptor
    finally:
        os.close(descriptor)


@contextlib.contextmanager
def open_own_file(path: Path) -> Iterator[BinaryIO]:
    """``path`` opened for reading, if it and its folder are safe to load a pickle from
    (see the module's notes); else ``RefusedCache`` (said once) or ``FileNotFoundError``."""
    with open_folder(path.parent) as folder:
        flags = os.O_RDONLY | NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            descriptor = os.open(path.name if folder is not None else path, flags, dir_fd=folder)
        except FileNotFoundError:
            raise
        except OSError as exc:  # ELOOP: a symbolic link
            raise refuse(path, f"not a file of its own ({exc.strerror})") from None
        with os.fdopen(descriptor, "rb") as handle:
            why = _unsafe(os.fstat(descriptor), stat.S_ISREG, "regular file")
            if why:
                raise refuse(path, why)
            yield handle


def read_key(handle: BinaryIO) -> str:
    """The key line a cache file starts with (``write_atomically`` wrote it)."""
    return handle.readline().decode("ascii", "replace").rstrip("\n")


def write_atomically(path: Path, key: str, value: object) -> None:
    """A line with ``key``, then ``value`` pickled, written so that a reader never sees half a
    file; readable by the bot's user only, and only into a folder of its own. A failure (a
    read-only home, a full disk) only costs speed."""
    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with open_folder(path.parent) as folder:
            temporary = f".{path.name}.{os.getpid()}.{os.urandom(6).hex()}.tmp"
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
            name = temporary if folder is not None else str(path.parent / temporary)
            descriptor = os.open(name, flags, 0o600, dir_fd=folder)
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(key.encode("ascii") + b"\n")
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            target = path.name if folder is not None else str(path)
            os.replace(name, target, src_dir_fd=folder, dst_dir_fd=folder)
            temporary = None
    except RefusedCache:
        pass  # said in the log
    except Exception as exc:
        logger.info("could not keep %s: %s", path, exc)
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(path.parent / temporary)


def engine_for(folder: Path, build: Callable[[Path], Engine]) -> Engine:
    """The engine for ``folder``: cached, or built by ``build`` and kept for next time."""
    cached = load(folder)
    if cached is not None:
        return cached
    engine = build(folder)
    save(folder, engine)
    return engine


def _unsafe(info: os.stat_result, kind: Callable[[int], bool], what: str) -> str | None:
    """Why this file or folder is not safe to load a pickle from, or ``None``."""
    if not kind(info.st_mode):
        return f"not a {what}"
    if info.st_uid != os.getuid():
        return f"the {what} belongs to user {info.st_uid}, not to the bot's user {os.getuid()}"
    if info.st_mode & 0o022:
        return f"others may write to the {what} (mode {stat.S_IMODE(info.st_mode):04o})"
    return None
