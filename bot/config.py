"""Settings from the environment and ``.env``, validated by one pydantic-settings model.

Each field's environment variable is its name in capitals (``port`` is ``PORT``); its
description is what ``.env.example`` and the README say of it (a test keeps the three in
step). The environment wins over ``.env``; an empty value counts as unset. Every bad
variable is named in one ``SettingsError``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlparse

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.logsafety import redact_url

PACKAGE = Path(__file__).resolve().parent
DEFAULT_API_BASE_URL = "https://api.telegram.org/bot"
LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]
OFF = frozenset({"off", "none", "no", "0"})
SECRETS = frozenset({"telegram_bot_token", "webhook_secret"})  # their values are never echoed


class SettingsError(ValueError):
    """Settings the bot cannot use; the message names every bad variable."""


def default_knowledge_path() -> Path:
    """The knowledge shipped inside an installed package, else the repository's folder."""
    packaged = PACKAGE / "_knowledge"
    return packaged if packaged.is_dir() else PACKAGE.parent / "knowledge"


def default_state_path() -> Path:
    """The platform's state folder (``bot.places``), never the working folder."""
    from bot import places

    return places.state_file()


def _http_url(value: str | None, what: str) -> str | None:
    if value is not None and urlparse(value).scheme not in ("http", "https"):
        raise ValueError(f"must be {what}")
    return value


class Settings(BaseSettings):
    """Every setting the bot reads."""

    model_config = SettingsConfigDict(
        frozen=True, extra="ignore", str_strip_whitespace=True, validate_default=True
    )

    # -- Telegram -----------------------------------------------------------------------
    telegram_bot_token: SecretStr | None = Field(
        None,
        description="Telegram bot token from @BotFather. Without it, `make run` starts "
        "the console.",
    )
    telegram_api_base_url: str = Field(
        DEFAULT_API_BASE_URL,
        description="Bot API server; the token is appended (…/bot<TOKEN>/getMe). Change it "
        "for a self-hosted Bot API server, e.g. http://127.0.0.1:8081/bot",
    )
    webhook_url: str | None = Field(
        None,
        description="Webhook mode instead of long polling: the public https URL "
        "Telegram should call.",
    )
    webhook_secret: SecretStr | None = Field(
        None,
        description="Secret Telegram sends with each webhook request (A-Z a-z 0-9 _ -); "
        "random per start if unset.",
    )
    webhook_listen: str = Field(
        "0.0.0.0", description="Where the webhook server listens (behind your TLS proxy)."
    )
    port: int = Field(8443, ge=1, le=65535, description="The webhook server's port.")
    # -- the knowledge and the logs -----------------------------------------------------
    knowledge_path: Path = Field(
        default_factory=default_knowledge_path,
        description="Folder of the YAML knowledge base. Default: the bot's own knowledge/.",
    )
    log_level: LogLevel = Field(
        "WARNING",
        description="Log level: DEBUG, INFO, WARNING, ERROR or CRITICAL. Secrets "
        "are redacted at every level.",
    )
    log_format: Literal["text", "json"] = Field(
        "text",
        description='Log lines as "text", or "json": one JSON object a line (time, level, '
        "logger, message), for a log collector. Secrets are redacted either way.",
    )
    # -- operating the bot --------------------------------------------------------------
    admin_ids: Annotated[frozenset[int], NoDecode] = Field(
        frozenset(),
        description="Telegram user ids allowed /reload, /stats and /unanswered, "
        "comma-separated. Find yours with @userinfobot.",
    )
    flood_per_minute: int = Field(
        20,
        ge=0,
        le=1_000_000,
        description="Questions per person per minute before one "
        '"please slow down" (0 turns the limit off).',
    )
    unanswered_log: Path | None = Field(
        None,
        description='Log every decline and "Did you mean …?" here, from every front '
        "end (JSON lines, chat ids hashed); rotated at UNANSWERED_MAX_BYTES.",
    )
    unanswered_max_bytes: int = Field(
        5_000_000,
        ge=1000,
        le=10**12,
        description="Size at which the unanswered log is rotated (one old file is kept).",
    )
    state_path: Path | None = Field(
        default_factory=default_state_path,
        description="The journal of Telegram updates (SQLite, one file): "
        "an update is written here before Telegram is told it arrived, so none is lost if "
        "the process dies; conversations and /stats survive a restart. Default: "
        "bot-state.sqlite3 in the platform's state folder (~/.local/state/cluster-bot on "
        'Linux). "off": no journal.',
    )
    knowledge_watch_seconds: float = Field(
        2.0,
        ge=0,
        le=86400,
        description="Seconds between checks of the knowledge folder for "
        "edits (0: never; /reload still works).",
    )
    # -- talking to the Bot API ---------------------------------------------------------
    telegram_read_timeout: float = Field(
        10.0, ge=0.1, le=600, description="Seconds to wait for a Bot API answer."
    )
    telegram_poll_timeout: float = Field(
        10.0, ge=0, le=50, description="Seconds a getUpdates long poll may wait."
    )
    telegram_max_retries: int = Field(
        5, ge=0, le=100, description="Tries of one reply after 429 / 5xx / timeouts."
    )
    telegram_rate_per_second: float = Field(
        30.0, gt=0, le=1e6, description="Messages out per second, all chats (Telegram: ~30)."
    )
    telegram_group_rate_per_minute: float = Field(
        20.0, gt=0, le=1e6, description="Messages out per minute to one group (Telegram: 20)."
    )

    @classmethod
    def load(cls, knowledge: str | None = None) -> Settings:
        """The environment, then ``.env`` in the working directory for what it leaves out;
        ``knowledge`` (``--knowledge``) wins over both."""
        env_file = Path.cwd() / ".env"
        init: dict[str, Any] = {"knowledge_path": knowledge} if knowledge else {}
        try:
            return cls(_env_file=env_file if env_file.is_file() else None, **init)
        except ValidationError as exc:
            raise SettingsError(describe(exc)) from None

    @property
    def token(self) -> str | None:
        return self.telegram_bot_token.get_secret_value() if self.telegram_bot_token else None

    @property
    def webhook_secret_value(self) -> str | None:
        return self.webhook_secret.get_secret_value() if self.webhook_secret else None

    @model_validator(mode="before")
    @classmethod
    def _blank_is_unset(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if not (isinstance(v, str) and not v.strip())}
        return data

    @field_validator("log_level", mode="before")
    @classmethod
    def _any_case(cls, value: Any) -> Any:
        return value.upper() if isinstance(value, str) else value

    @field_validator("log_format", mode="before")
    @classmethod
    def _lower_case(cls, value: Any) -> Any:
        return value.lower() if isinstance(value, str) else value

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _id_list(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        parts = [p for p in re.split(r"[\s,;]+", value) if p]
        if not all(re.fullmatch(r"-?\d+", p) for p in parts):
            raise ValueError("must be Telegram user ids separated by commas")
        return frozenset(int(p) for p in parts)

    @field_validator("state_path", mode="before")
    @classmethod
    def _off(cls, value: Any) -> Any:
        return None if isinstance(value, str) and value.lower() in OFF else value

    @field_validator("telegram_api_base_url")
    @classmethod
    def _api_url(cls, value: str) -> str | None:
        return _http_url(value, f"an http(s) URL such as {DEFAULT_API_BASE_URL}")

    @field_validator("webhook_url")
    @classmethod
    def _webhook_url(cls, value: str | None) -> str | None:
        return _http_url(value, "the https URL Telegram should call")

    @field_validator("webhook_secret")
    @classmethod
    def _secret_chars(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not re.fullmatch(
            r"[A-Za-z0-9_-]{1,256}", value.get_secret_value()
        ):
            raise ValueError("may hold only A-Z, a-z, 0-9, _ and - (1 to 256 of them)")
        return value


PLAIN = {
    "int_parsing": "should be a whole number",
    "int_from_float": "should be a whole number",
    "float_parsing": "should be a number",
}


def describe(exc: ValidationError) -> str:
    """Every bad variable in one message: its name, what it must be, what it was."""
    problems: list[str] = []
    for error in exc.errors():
        field = str(error["loc"][0]) if error["loc"] else "?"
        message = PLAIN.get(error["type"]) or str(error["msg"])
        message = message.removeprefix("Value error, ").removeprefix("Input ")
        given = error.get("input")
        if field.endswith("_url") and isinstance(given, str):
            given = redact_url(given)  # a password in it is a secret too
        given = "" if field in SECRETS else f" (got {given!r})"
        problems.append(f"{field.upper()}: {message}{given}")
    count = f"{len(problems)} bad settings: " if len(problems) > 1 else ""
    return count + "; ".join(problems)
