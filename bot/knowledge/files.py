"""Which files make a knowledge folder, and what changes when one of them is edited."""

from __future__ import annotations

import os
import stat
from pathlib import Path

try:  # the hash itself: hashlib would add ~9 ms (OpenSSL) to every cold start
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python without the built-in module
    from hashlib import blake2b

Signature = tuple[tuple[str, int, int, str], ...]

HASHED_BYTES = 50_000_000  # what the loader reads at most (yaml_source.MAX_FILE_BYTES)


def knowledge_files(folder: Path) -> list[Path]:
    """The folder's YAML files, in the order they are read."""
    return sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])


def signature(folder: Path) -> Signature:
    """What changes when any YAML file in ``folder`` is edited, added or removed: each
    file's name, modification time (ns), size and a hash of its content, so that an edit of
    the same length with the old timestamps put back (``touch -r``, builds with fixed
    timestamps) is seen too. Hashing the files costs ~1 ms per megabyte."""
    found: list[tuple[str, int, int, str]] = []
    for path in knowledge_files(folder):
        key = file_key(path)
        if key is not None:  # else removed between glob and now
            found.append((path.name, *key))
    return tuple(found)


def file_key(path: Path) -> tuple[int, int, str] | None:
    """A file's modification time (ns), size and a hash of its bytes (``""`` for what the
    loader refuses to read anyway: not a regular file, or larger than it reads; or what
    cannot be opened, which the loader says); ``None`` if it is gone."""
    try:  # O_NONBLOCK: a FIFO named like a knowledge file does not hang the check
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return None
    except OSError:
        try:
            info = path.stat()
        except OSError:
            return None
        return info.st_mtime_ns, info.st_size, ""
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_size > HASHED_BYTES:
            return info.st_mtime_ns, info.st_size, ""
        digest = blake2b(digest_size=16)
        left = HASHED_BYTES
        while left > 0 and (chunk := os.read(descriptor, min(left, 1 << 20))):
            digest.update(chunk)
            left -= len(chunk)
        return info.st_mtime_ns, info.st_size, digest.hexdigest()
    except OSError:
        return None
    finally:
        os.close(descriptor)
