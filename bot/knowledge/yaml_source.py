"""Read a YAML file into plain data while remembering the line of every value.

Validation errors must point at ``file:line``; PyYAML's node tree carries the marks,
so the file is composed into nodes and turned into data here, one node at a time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

try:  # libyaml when available: several times faster than the pure-Python loader
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

PathKey = tuple[str | int, ...]
_BOOL_TAG = "tag:yaml.org,2002:bool"


@dataclass(frozen=True)
class Location:
    """Where a value was written: the file, its 1-based line, and the text as typed."""

    file: Path
    line: int
    raw: str | None = None


@dataclass
class SourceMap:
    """Locations of values by their path from the top of the merged knowledge."""

    locations: dict[PathKey, Location] = field(default_factory=dict)

    def find(self, path: PathKey) -> tuple[PathKey, Location | None]:
        """The location of ``path`` or of its nearest recorded ancestor."""
        for end in range(len(path), 0, -1):
            prefix = path[:end]
            if prefix in self.locations:
                return prefix, self.locations[prefix]
        return (), None


class YamlError(Exception):
    """A file that is not valid YAML, or holds the same key twice."""

    def __init__(self, location: Location, message: str) -> None:
        super().__init__(message)
        self.location = location
        self.message = message


def read_yaml(file: Path, source_map: SourceMap) -> Any:
    """Parse ``file`` and record the location of each value in ``source_map``."""
    text = file.read_text(encoding="utf-8")
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise YamlError(Location(file, line), f"not valid YAML: {exc.problem or exc}") from exc
    if root is None:
        return None
    return _build(root, (), file, source_map, SafeConstructor())


def _build(
    node: Node, path: PathKey, file: Path, source_map: SourceMap, constructor: SafeConstructor
) -> Any:
    raw = node.value if isinstance(node, ScalarNode) else None
    source_map.locations[path] = Location(file, node.start_mark.line + 1, raw)
    if isinstance(node, MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = constructor.construct_object(key_node, deep=True)
            if key in out:
                location = Location(file, key_node.start_mark.line + 1)
                raise YamlError(location, f"the key {key!r} appears twice")
            out[key] = _build(value_node, (*path, key), file, source_map, constructor)
        return out
    if isinstance(node, SequenceNode):
        return [
            _build(item, (*path, index), file, source_map, constructor)
            for index, item in enumerate(node.value)
        ]
    if node.tag == _BOOL_TAG and str(raw).lower() not in ("true", "false"):
        return raw  # YAML 1.1 reads "on", "no", "yes" as booleans; here they stay words
    return constructor.construct_object(node, deep=True)
