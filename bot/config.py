"""Settings from the environment and ``.env``; where the knowledge base is."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

PACKAGE = Path(__file__).resolve().parent
DEFAULT_API_BASE_URL = "https://api.telegram.org/bot"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


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
    telegram_bot_token: str | None
    log_level: str = "WARNING"
    telegram_api_base_url: str = DEFAULT_API_BASE_URL
    webhook_url: str | None = None
    webhook_secret: str | None = None
    webhook_listen: str = "0.0.0.0"
    port: int = 8443

    @classmethod
    def load(cls, knowledge: str | None = None) -> Settings:
        """Read the environment (and ``.env`` in the working directory, if there is one)."""
        env_file = Path.cwd() / ".env"
        if env_file.is_file():
            from dotenv import load_dotenv  # only paid for when there is a .env

            load_dotenv(env_file, override=False)
        env = {k: v.strip() for k, v in os.environ.items() if v.strip()}
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
        port = env.get("PORT", "8443")
        if not port.isdigit() or not 0 < int(port) < 65536:
            raise SettingsError(f"PORT must be a port number (1-65535), not {port!r}")
        return cls(
            knowledge_path=Path(path),
            telegram_bot_token=env.get("TELEGRAM_BOT_TOKEN"),
            log_level=level,
            telegram_api_base_url=base_url,
            webhook_url=webhook_url,
            webhook_secret=secret,
            webhook_listen=env.get("WEBHOOK_LISTEN", "0.0.0.0"),
            port=int(port),
        )
