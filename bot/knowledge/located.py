"""Where a problem in the knowledge is: its file and line, its path, and whose value it is
("project CLUSGRID"), for every issue the loader and the cross-checks report."""

from __future__ import annotations

from typing import Any

from bot.knowledge.plain import Issue
from bot.knowledge.yaml_source import PathKey, SourceMap


def located(
    source_map: SourceMap, data: Any, path: PathKey, message: str, severity: str = "error"
) -> Issue:
    """An issue about the value at ``path``: its file and line, and whose value it is."""
    _, location = source_map.find(path)
    return Issue(
        location.file if location else None,
        location.line if location else None,
        format_path(path),
        message,
        severity,
        whose(path, data),
    )


def format_path(path: PathKey) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def whose(path: PathKey, data: Any) -> str:
    """Whose value ``path`` is, when a project's or a call's: "project CLUSGRID"."""
    if len(path) < 2 or not isinstance(data, dict) or not isinstance(path[1], int):
        return ""
    items = data.get(str(path[0]))
    item = items[path[1]] if isinstance(items, list) and path[1] < len(items) else None
    if not isinstance(item, dict):
        return ""
    if path[0] == "projects" and isinstance(item.get("acronym"), str):
        return f"project {item['acronym']}"
    if path[0] == "calls" and isinstance(item.get("number"), int):
        return f"call {item['number']}"
    return ""


def line_of(source_map: SourceMap, path: PathKey) -> int | None:
    _, location = source_map.find(path)
    return location.line if location else None
