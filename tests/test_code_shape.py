"""The engine's code keeps the shape issue 19 asks for: no class over ~300 lines, so each
step of the pipeline is small pieces that can be read (and tested) on their own."""

from __future__ import annotations

import ast
from pathlib import Path

ENGINE = Path(__file__).resolve().parent.parent / "bot" / "engine"
MAX_LINES = 300


def test_no_class_of_the_engine_is_over_300_lines() -> None:
    long = []
    for path in sorted(ENGINE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > MAX_LINES:
                    long.append(f"{path.relative_to(ENGINE)}: {node.name} ({lines} lines)")
    assert long == []
