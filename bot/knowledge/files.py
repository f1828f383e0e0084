"""Which files make a knowledge folder, and what changes when one of them is edited."""

from __future__ import annotations

from pathlib import Path

Signature = tuple[tuple[str, int, int], ...]


def knowledge_files(folder: Path) -> list[Path]:
    """The folder's YAML files, in the order they are read."""
    return sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])


def signature(folder: Path) -> Signature:
    """What changes when any YAML file in ``folder`` is edited, added or removed: each
    file's name, modification time (ns) and size."""
    found: list[tuple[str, int, int]] = []
    for path in knowledge_files(folder):
        try:
            stat = path.stat()
        except OSError:  # removed between glob and stat
            continue
        found.append((path.name, stat.st_mtime_ns, stat.st_size))
    return tuple(found)
