"""Read a YAML file into plain data while remembering the line of every value.

Validation errors must point at ``file:line``, but a valid file of 12,000 projects should
cost no more than its parse. So a file is read by ryaml (Rust, YAML 1.2: "no" and "on" stay
words; installed with ``.[fast]``) into data at once, and PyYAML composes it into nodes, which
carry the lines, only when an error needs a line (``SourceMap``). Without ryaml, and for a
file that ryaml refuses or that uses tags (``!!int``), PyYAML reads it (libyaml's parser, the
safe constructor, YAML 1.2 booleans, dates left as text), and says what is wrong in plain
words. A key written twice, or aliases that repeat anchors
too many times, are errors either way.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner


def _ryaml_loads() -> Callable[[str], Any] | None:
    """ryaml's reader: several times faster than PyYAML on a large file."""
    try:
        import ryaml
    except ImportError:  # pragma: no cover - PyYAML reads everything then
        return None
    loads: Callable[[str], Any] = ryaml.loads  # type: ignore[attr-defined]
    return loads


RYAML_LOADS = _ryaml_loads()


def parser_name() -> str:
    """Which parser reads a valid knowledge file here: ryaml when installed (``.[fast]``),
    else PyYAML, with libyaml's C parser or in pure Python."""
    if RYAML_LOADS is not None:
        return "ryaml"
    return "PyYAML (libyaml)" if CParser is not None else "PyYAML (pure Python)"


def _libyaml_parser() -> Any:
    """libyaml's scanner, parser and composer, several times faster; ``None`` without it."""
    try:
        from yaml import cyaml
    except ImportError:  # pragma: no cover - depends on how PyYAML was built
        return None
    return getattr(cyaml, "CParser", None)


CParser = _libyaml_parser()

PathKey = tuple[str | int, ...]
_BOOL_TAG = "tag:yaml.org,2002:bool"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
# A knowledge file larger than this is refused unread (12,000 projects take about 4 MB).
MAX_FILE_BYTES = 50_000_000
# Aliases ("*name") may repeat an anchor, but a file may not expand to more than this many
# times the values it writes, plus a little: a "billion laughs" is refused at once.
EXPANSION = 4
EXPANSION_SLACK = 1_000
MAX_DEPTH = 100  # levels of nesting located for error messages


@dataclass(frozen=True)
class Location:
    """Where a value was written: the file, its 1-based line, and the text as typed."""

    file: Path
    line: int
    raw: str | None = None


@dataclass
class SourceMap:
    """Locations of values by their path from the top of the merged knowledge, read from
    the files' nodes the first time one is asked for."""

    found: dict[PathKey, Location] = field(default_factory=dict)
    unread: list[tuple[Path, Node | str]] = field(default_factory=list)

    def add(self, file: Path, source: Node | str) -> None:
        """A file's nodes, or its text (composed when a location is first asked for)."""
        self.unread.append((file, source))

    @property
    def locations(self) -> dict[PathKey, Location]:
        while self.unread:
            file, source = self.unread.pop()
            root = _loader(source).get_single_node() if isinstance(source, str) else source
            if root is not None:
                _walk(root, file, self.found)
        return self.found

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
    """Parse ``file`` and record the location of each value in ``source_map``.

    Only a regular file is opened (a FIFO or a device would block for ever), at most
    ``MAX_FILE_BYTES`` of it; every problem is a ``YamlError`` with the file and line.
    """
    text = _read_text(file)
    if RYAML_LOADS is not None and not TAG.search(text):
        try:
            data = RYAML_LOADS(text)
        except Exception:  # PyYAML reads it again, and says what is wrong
            pass
        else:
            source_map.add(file, text)
            return data
    return _read_with_pyyaml(text, file, source_map)


def _read_with_pyyaml(text: str, file: Path, source_map: SourceMap) -> Any:
    loader = _loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        line, words = plain_words(exc, text)
        raise YamlError(Location(file, line), f"not valid YAML: {words}") from exc
    except yaml.YAMLError as exc:
        raise YamlError(Location(file, 1), f"not valid YAML: {exc}") from exc
    if root is None:
        return None
    allowed = _distinct(root) * EXPANSION + EXPANSION_SLACK
    if ALIAS.search(text) and _expanded(root, {}) > allowed:
        _build(root, (), file, SourceMap(), constructor=SafeConstructor(), budget=_Budget(allowed))
    try:
        data = loader.construct_document(root)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError, _TwiceError):
        # the same nodes built one at a time, with their paths: the error, located
        _build(root, (), file, SourceMap(), constructor=SafeConstructor(), budget=_Budget(allowed))
        raise  # pragma: no cover - _build raises a located YamlError first
    source_map.add(file, root)
    return data


# an alias ("*name") may stand after a space, a flow indicator or a "- "; a tag ("!!int")
# after a space, a flow indicator or a ": "
ALIAS = re.compile(r"(?:^|[\s\[{,])\*[^\s\]},]")
TAG = re.compile(r"(?:^|[\s\[{,])!")


class _TwiceError(Exception):
    """A mapping holds the same key twice (the slow path says where)."""


class _Resolver(Resolver):
    """YAML 1.2's booleans: only true and false; "no", "on", "yes" stay words. And no
    timestamps, as in YAML 1.2 (and ryaml): a date stays text for the schema to read, so
    "2016-02-30" is said as an impossible date whichever parser read the file."""


_Resolver.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_BOOL_TAG, _TIMESTAMP_TAG)]
    for first, resolvers in Resolver.yaml_implicit_resolvers.items()
}
_Resolver.add_implicit_resolver(
    _BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


class _Constructor(SafeConstructor):
    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        keys = [k.value for k, _ in node.value if isinstance(k, ScalarNode)]
        if len(set(keys)) != len(keys):
            raise _TwiceError
        return super().construct_mapping(node, deep)


def _loader(text: str) -> Any:
    """libyaml's parser and composer with the safe constructor and YAML 1.2 booleans."""
    if CParser is not None:

        class Fast(CParser, _Constructor, _Resolver):  # type: ignore[misc,valid-type]
            def __init__(self, stream: str) -> None:
                CParser.__init__(self, stream)
                _Constructor.__init__(self)
                _Resolver.__init__(self)

        return Fast(text)

    class Slow(Reader, Scanner, Parser, Composer, _Constructor, _Resolver):  # pragma: no cover
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)
            _Constructor.__init__(self)
            _Resolver.__init__(self)

    return Slow(text)


def _expanded(node: Node, sizes: dict[int, int]) -> int:
    """How many values ``node`` stands for once its aliases are written out."""
    known = sizes.get(id(node))
    if known is not None:
        return known
    sizes[id(node)] = 10**12  # a node inside itself (&a [*a]) is never written out
    size = 1
    if isinstance(node, MappingNode):
        size += sum(_expanded(k, sizes) + _expanded(v, sizes) for k, v in node.value)
    elif isinstance(node, SequenceNode):
        size += sum(_expanded(item, sizes) for item in node.value)
    sizes[id(node)] = size
    return size


def _walk(root: Node, file: Path, found: dict[PathKey, Location]) -> None:
    """Record where every value under ``root`` was written (a value on its key's line)."""
    constructor = SafeConstructor()
    stack: list[tuple[Node, PathKey, int]] = [(root, (), root.start_mark.line + 1)]
    while stack:
        node, path, line = stack.pop()
        if len(path) > MAX_DEPTH:
            continue  # a node inside itself: its first levels are located, that is enough
        raw = node.value if isinstance(node, ScalarNode) else None
        found[path] = Location(file, line, raw)
        if isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, ScalarNode):
                    key = constructor.construct_object(key_node)
                    where = key_node.start_mark.line + 1
                    stack.append((value_node, (*path, key), where))
        elif isinstance(node, SequenceNode):
            for index, item in enumerate(node.value):
                stack.append((item, (*path, index), item.start_mark.line + 1))


# PyYAML's problems in plain words: (part of its message, what to say, whether the line to
# point at is where the construct began rather than where the parser gave up)
PLAIN_WORDS: list[tuple[str, str, bool]] = [
    (
        "expected '-' indicator",
        "this line does not line up with the list above it: each item starts with '- ' at "
        "the same indentation, and an item's keys line up under its first key",
        False,
    ),
    (
        "mapping values are not allowed",
        "a key indented deeper than the key above it, or a second ': ' on one line (put a "
        "value that holds ': ' in quotes)",
        False,
    ),
    (
        "could not find expected ':'",
        "a line with no 'key: value' among keys: is the ':' missing, or does the text "
        "continue the value above (indent it further, or quote it)?",
        True,
    ),
    ("did not find expected key", "this line does not line up with the keys above it", False),
    ("expected ',' or ']'", "a [ list opened here is not closed with ], or lacks a comma", True),
    ("expected ',' or '}'", "a { mapping opened here is not closed with }, or lacks a comma", True),
    ("undefined alias", "'*name' refers to an anchor '&name' not defined above it", False),
    ("duplicate anchor", "the same anchor '&name' is defined twice", False),
]


def plain_words(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, str]:
    """The line to point at and what went wrong, said for a person editing the file."""
    problem = str(exc.problem or exc)
    at = exc.problem_mark or exc.context_mark
    began = exc.context_mark or at
    line = at.line + 1 if at else 1
    if "end of stream" in problem and "quoted" in str(exc.context):
        start = began.line + 1 if began else line
        return start, "a quote opened on this line is never closed"
    if "tab character" in problem:
        return line, "a tab character: YAML indents with spaces only"
    if "cannot start any token" in problem and at is not None:
        source = text.splitlines()[at.line] if at.line < len(text.splitlines()) else ""
        char = source[at.column] if at.column < len(source) else "?"
        if char == "\t":
            return line, "a tab character: YAML indents with spaces only"
        return line, f"a value cannot start with {char!r} unless it is in quotes"
    for needle, words, at_start in PLAIN_WORDS:
        if needle in problem:
            return (began.line + 1 if at_start and began else line), f"{words} ({problem})"
    return line, problem


def _distinct(root: Node) -> int:
    """How many different nodes the file wrote (an alias reuses a node, it does not add one)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, MappingNode):
            stack.extend(n for pair in node.value for n in pair)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return len(seen)


def _read_text(file: Path) -> str:
    try:
        info = file.stat()
    except OSError as exc:
        raise YamlError(Location(file, 1), f"cannot read it: {exc.strerror or exc}") from exc
    if not stat.S_ISREG(info.st_mode):
        raise YamlError(Location(file, 1), "not a regular file, so it is not read")
    if info.st_size > MAX_FILE_BYTES:
        raise YamlError(
            Location(file, 1), f"{info.st_size:,} bytes: larger than {MAX_FILE_BYTES:,}"
        )
    try:
        with file.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise YamlError(Location(file, 1), f"cannot read it: {exc.strerror or exc}") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise YamlError(
            Location(file, line), f"not valid UTF-8 (byte {data[exc.start]:#04x})"
        ) from exc


@dataclass
class _Budget:
    left: int

    def spend(self, node: Node, file: Path) -> None:
        self.left -= 1
        if self.left < 0:
            raise YamlError(
                Location(file, node.start_mark.line + 1),
                "its aliases (*name) repeat anchors too many times; write the values out",
            )


def _build(
    node: Node,
    path: PathKey,
    file: Path,
    source_map: SourceMap,
    *,
    constructor: SafeConstructor,
    budget: _Budget,
) -> Any:
    budget.spend(node, file)
    raw = node.value if isinstance(node, ScalarNode) else None
    source_map.locations[path] = Location(file, node.start_mark.line + 1, raw)
    if isinstance(node, MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node, file, constructor)
            if key in out:
                location = Location(file, key_node.start_mark.line + 1)
                raise YamlError(location, f"the key {key!r} appears twice")
            out[key] = _build(
                value_node, (*path, key), file, source_map, constructor=constructor, budget=budget
            )
            # a value is found on its key's line (a list or a folded text starts below it)
            raw_value = source_map.locations[(*path, key)].raw
            line = key_node.start_mark.line + 1
            source_map.locations[(*path, key)] = Location(file, line, raw_value)
        return out
    if isinstance(node, SequenceNode):
        return [
            _build(item, (*path, index), file, source_map, constructor=constructor, budget=budget)
            for index, item in enumerate(node.value)
        ]
    if node.tag == _BOOL_TAG and str(raw).lower() not in ("true", "false"):
        return raw  # YAML 1.1 reads "on", "no", "yes" as booleans; here they stay words
    return _scalar(node, file, constructor, path)


def _dotted(path: PathKey) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _scalar(node: Node, file: Path, constructor: SafeConstructor, path: PathKey = ()) -> Any:
    """A scalar (or a key) built by PyYAML's safe constructor, its errors located."""
    if not isinstance(node, ScalarNode):
        raise YamlError(Location(file, node.start_mark.line + 1), "a key must be plain text")
    try:
        return constructor.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
        problem = getattr(exc, "problem", None) or str(exc)
        where = f"{_dotted(path)}: " if path else ""
        raise YamlError(
            Location(file, node.start_mark.line + 1, node.value),
            f"{where}{node.value!r} is not a valid value: {problem}",
        ) from exc
