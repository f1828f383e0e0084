"""Settings from the environment and ``.env``; where the knowledge base is."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def default_knowledge_path() -> Path:
    """The knowledge shipped inside an installed package, else the repository's folder."""
    packaged = PACKAGE / "_knowledge"
    return packaged if packaged.is_dir() else PACKAGE.parent / "knowledge"


@dataclass(frozen=True)
class Settings:
    """Every setting the bot reads; ``.env.example`` documents each one."""

    knowledge_path: Path
    telegram_bot_token: str | None
    log_level: str

    @classmethod
    def load(cls, knowledge: str | None = None) -> Settings:
        """Read the environment (and ``.env`` in the working directory, if there is one)."""
        env_file = Path.cwd() / ".env"
        if env_file.is_file():
            from dotenv import load_dotenv  # only paid for when there is a .env

            load_dotenv(env_file, override=False)
        path = knowledge or os.environ.get("KNOWLEDGE_PATH") or default_knowledge_path()
        return cls(
            knowledge_path=Path(path),
            telegram_bot_token=os.environ.get("TELEGRAM_BOT_TOKEN") or None,
            log_level=os.environ.get("LOG_LEVEL", "WARNING").upper(),
        )
