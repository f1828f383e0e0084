"""What the command line needs before it can answer: the settings, and the engine.

Both come from the cache in ``bot.cache`` when they can, so that ``python -m bot ask`` costs
little more than starting Python: validating the settings means importing pydantic-settings
(~0.2 s), reading the knowledge means pydantic and the YAML. The settings model in
``bot.config`` stays the one truth; what is cached is its validated values, keyed on the
environment variables it reads, the ``.env`` file, ``--knowledge`` and the code. Settings
that hold a secret (a bot token, a webhook secret) are never written to disk: with one set,
the settings are validated at every start.
"""

from __future__ import annotations

import binascii
import contextlib
import os
import pickle
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from bot import places
from bot.cache import cache_dir, code_signature, key_line, open_own_file, read_key, write_atomically

if TYPE_CHECKING:
    from bot.config import Settings


class StartupError(Exception):
    """Settings the bot cannot use: the message names every bad variable."""


class CachedSettings:
    """Validated settings as plain values (the model's attributes), with no secret."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)

    @property
    def token(self) -> str | None:
        return None  # settings with a secret are never cached

    @property
    def webhook_secret_value(self) -> str | None:
        return None


def load_settings(knowledge: str | None) -> Settings:
    """The settings for this start, validated by the model or taken from the cache."""
    path = cache_dir() / "settings.pickle"
    cached = _cached(path, knowledge)
    if cached is not None:
        return cast("Settings", cached)
    from bot.config import SECRETS, Settings, SettingsError

    try:
        settings = Settings.load(knowledge)
    except SettingsError as exc:
        raise StartupError(str(exc)) from None
    if not any(getattr(settings, name) for name in SECRETS):
        names = sorted(name.upper() for name in Settings.model_fields)
        values = {name: getattr(settings, name) for name in Settings.model_fields}
        key = " ".join(names) + "\t" + _key(names, knowledge)  # ``ascii`` escapes tabs
        write_atomically(path, key, CachedSettings(values))
    return settings


def _cached(path: Path, knowledge: str | None) -> CachedSettings | None:
    with contextlib.suppress(Exception), open_own_file(path) as handle:  # damaged: rebuilt
        names, _, key = read_key(handle).partition("\t")
        if key != _key(names.split(" "), knowledge):
            return None
        found = pickle.load(handle)
        return found if isinstance(found, CachedSettings) else None
    return None


def _key(names: list[str], knowledge: str | None) -> str:
    """What the settings depend on: the variables the model reads (by any case), the
    ``.env`` in the working directory, ``--knowledge`` and the code."""
    wanted = {*names, *places.ENVIRONMENT}  # the default places depend on the home folder
    environment = sorted((k.upper(), v) for k, v in os.environ.items() if k.upper() in wanted)
    env_file = Path.cwd() / ".env"
    try:
        data = env_file.read_bytes()  # it may hold secrets: only its size and checksum
        dotenv: tuple[int, int] | None = (len(data), binascii.crc32(data))
    except OSError:
        dotenv = None
    uid = os.getuid() if hasattr(os, "getuid") else 0  # whose passwd entry gives the home
    return key_line([code_signature(), environment, dotenv, knowledge, str(Path.cwd()), uid])
