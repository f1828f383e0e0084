"""Settings from the environment and ``.env``; where the knowledge base is."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlparse

PACKAGE = Path(__file__).resolve().parent
DEFAULT_API_BASE_URL = "https://api.telegram.org/bot"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")

T = TypeVar("T")


class SettingsError(ValueError):
    """A setting with a value the bot cannot use; the message names the setting."""


def default_knowledge_path() -> Path:
    """The knowledge shipped inside an installed package, else the repository's folder."""
    packaged = PACKAGE / "_knowledge"
    return packaged if packaged.is_dir() else PACKAGE.parent / "knowledge"


@dataclass(frozen=True)
class Settings:
    """Every setting the bot reads; ``.env.example`` documents each one."""

    knowledge_path: Path
    telegram_bot_token: str | None = None
    log_level: str = "WARNING"
    telegram_api_base_url: str = DEFAULT_API_BASE_URL
    webhook_url: str | None = None
    webhook_secret: str | None = None
    webhook_listen: str = "0.0.0.0"
    port: int = 8443
    # talking to the Bot API
    read_timeout: float = 10.0  # seconds to wait for a Bot API answer (not the long poll)
    poll_timeout: float = 10.0  # seconds a getUpdates long poll may wait for updates
    max_retries: int = 5  # tries of one reply after 429 / 5xx / network errors
    rate_per_second: float = 30.0  # messages out, all chats (Telegram: about 30/s)
    group_rate_per_minute: float = 20.0  # messages out, per group (Telegram: 20/min)
    # users and maintainers
    flood_per_minute: int = 20  # questions per user per minute before "please slow down"
    admin_ids: frozenset[int] = frozenset()
    unanswered_log: Path | None = None
    unanswered_max_bytes: int = 5_000_000
    knowledge_watch_seconds: float = 2.0  # how often the knowledge folder is checked; 0: never
    state_path: Path | None = None  # the journal of updates (SQLite); from the env: a default

    @classmethod
    def load(cls, knowledge: str | None = None) -> Settings:
        """Read the environment (and ``.env`` in the working directory, if there is one)."""
        env_file = Path.cwd() / ".env"
        if env_file.is_file():
            from dotenv import load_dotenv  # only paid for when there is a .env

            load_dotenv(env_file, override=False)
        return cls.from_env(os.environ, knowledge)

    @classmethod
    def from_env(cls, environ: Mapping[str, str], knowledge: str | None = None) -> Settings:
        env = {k: v.strip() for k, v in environ.items() if v.strip()}
        read = _Reader(env)
        path = knowledge or env.get("KNOWLEDGE_PATH") or default_knowledge_path()
        level = env.get("LOG_LEVEL", "WARNING").upper()
        if level not in LOG_LEVELS:
            raise SettingsError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, not {level!r}")
        base_url = env.get("TELEGRAM_API_BASE_URL", DEFAULT_API_BASE_URL)
        if urlparse(base_url).scheme not in ("http", "https"):
            raise SettingsError(
                f"TELEGRAM_API_BASE_URL must be an http(s) URL such as {DEFAULT_API_BASE_URL}"
            )
        webhook_url = env.get("WEBHOOK_URL")
        if webhook_url and urlparse(webhook_url).scheme not in ("http", "https"):
            raise SettingsError("WEBHOOK_URL must be the https URL Telegram should call")
        secret = env.get("WEBHOOK_SECRET")
        if secret and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret):
            raise SettingsError("WEBHOOK_SECRET may hold only A-Z, a-z, 0-9, _ and - (1-256)")
        log = env.get("UNANSWERED_LOG")
        return cls(
            knowledge_path=Path(path),
            telegram_bot_token=env.get("TELEGRAM_BOT_TOKEN"),
            log_level=level,
            telegram_api_base_url=base_url,
            webhook_url=webhook_url,
            webhook_secret=secret,
            webhook_listen=env.get("WEBHOOK_LISTEN", "0.0.0.0"),
            port=read.number("PORT", 8443, int, 1, 65535),
            read_timeout=read.number("TELEGRAM_READ_TIMEOUT", 10.0, float, 0.1, 600),
            poll_timeout=read.number("TELEGRAM_POLL_TIMEOUT", 10.0, float, 0, 50),
            max_retries=read.number("TELEGRAM_MAX_RETRIES", 5, int, 0, 100),
            rate_per_second=read.number("TELEGRAM_RATE_PER_SECOND", 30.0, float, 0.1, 1e6),
            group_rate_per_minute=read.number(
                "TELEGRAM_GROUP_RATE_PER_MINUTE", 20.0, float, 0.1, 1e6
            ),
            flood_per_minute=read.number("FLOOD_PER_MINUTE", 20, int, 0, 1_000_000),
            admin_ids=read.ids("ADMIN_IDS"),
            unanswered_log=Path(log) if log else None,
            unanswered_max_bytes=read.number("UNANSWERED_MAX_BYTES", 5_000_000, int, 1000, 10**12),
            knowledge_watch_seconds=read.number("KNOWLEDGE_WATCH_SECONDS", 2.0, float, 0, 86400),
            state_path=_state_path(env.get("STATE_PATH", DEFAULT_STATE_PATH)),
        )


DEFAULT_STATE_PATH = "bot-state.sqlite3"


def _state_path(raw: str) -> Path | None:
    """``STATE_PATH=off`` keeps no journal (updates fetched but unanswered at a crash are
    then lost); otherwise the file, made on first start."""
    return None if raw.lower() in ("off", "none", "no", "0") else Path(raw)


class _Reader:
    def __init__(self, env: dict[str, str]) -> None:
        self.env = env

    def number(self, name: str, default: T, kind: Callable[[str], T], low: float, high: float) -> T:
        raw = self.env.get(name)
        if raw is None:
            return default
        try:
            value = kind(raw)
        except ValueError:
            value = None
        if value is None or not low <= value <= high:  # type: ignore[operator]
            what = "a whole number" if kind is int else "a number"
            raise SettingsError(f"{name} must be {what} from {low:g} to {high:g}, not {raw!r}")
        return value

    def ids(self, name: str) -> frozenset[int]:
        raw = self.env.get(name, "")
        parts = [p for p in re.split(r"[\s,;]+", raw) if p]
        if not all(re.fullmatch(r"-?\d+", p) for p in parts):
            raise SettingsError(
                f"{name} must be Telegram user ids separated by commas, not {raw!r}"
            )
        return frozenset(int(p) for p in parts)
