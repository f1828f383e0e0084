"""The bot's version, written once, in ``pyproject.toml``.

An installed bot (``pip install .``, ``make run``) reads it from its package metadata; a
copy run from its folder without installing reads it from the ``pyproject.toml`` beside it.
"""

from __future__ import annotations

from pathlib import Path

DISTRIBUTION = "cluster-excellence-bot"  # the name in pyproject.toml
PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def version() -> str:
    """The package's version, or "unknown" when neither source has it."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed(DISTRIBUTION)
    except PackageNotFoundError:
        pass
    try:
        import tomllib

        with PYPROJECT.open("rb") as file:
            found = tomllib.load(file)["project"]["version"]
    except (OSError, KeyError, ValueError):
        return "unknown"
    return str(found)
