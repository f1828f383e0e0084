"""Settings come from the environment and .env; logs never show the token."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from telegram.error import InvalidToken

from bot.config import DEFAULT_API_BASE_URL, Settings, SettingsError
from bot.logsafety import RedactingFilter

TOKEN = "123456789:AAsecretPartOfTheToken-0123456789"
NAMES = (
    "TELEGRAM_BOT_TOKEN",
    "TELEGRAM_API_BASE_URL",
    "WEBHOOK_URL",
    "WEBHOOK_SECRET",
    "PORT",
    "LOG_LEVEL",
    "KNOWLEDGE_PATH",
)


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    for name in NAMES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    return monkeypatch


def test_defaults_talk_to_telegram_by_long_polling(clean_env: pytest.MonkeyPatch) -> None:
    settings = Settings.load()
    assert settings.telegram_bot_token is None
    assert settings.telegram_api_base_url == DEFAULT_API_BASE_URL == "https://api.telegram.org/bot"
    assert settings.webhook_url is None
    assert settings.log_level == "WARNING"


def test_dotenv_fills_what_the_environment_leaves_out(
    clean_env: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / ".env").write_text(
        f"TELEGRAM_BOT_TOKEN={TOKEN}\nPORT=8081\nLOG_LEVEL=info\n", encoding="utf-8"
    )
    clean_env.setenv("PORT", "9000")  # the environment wins over .env
    settings = Settings.load()
    assert settings.telegram_bot_token == TOKEN
    assert settings.port == 9000
    assert settings.log_level == "INFO"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("PORT", "eighty", "PORT must be a whole number from 1 to 65535"),
        ("LOG_LEVEL", "LOUD", "LOG_LEVEL must be one of"),
        ("TELEGRAM_API_BASE_URL", "api.telegram.org/bot", "TELEGRAM_API_BASE_URL must be"),
        ("WEBHOOK_SECRET", "no spaces allowed", "WEBHOOK_SECRET may hold only"),
    ],
)
def test_a_bad_setting_is_named(
    clean_env: pytest.MonkeyPatch, name: str, value: str, message: str
) -> None:
    clean_env.setenv(name, value)
    with pytest.raises(SettingsError, match=message):
        Settings.load()


def logger_with(stream: io.StringIO) -> logging.Logger:
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactingFilter([TOKEN]))
    log = logging.getLogger("test.redaction")
    log.handlers = [handler]
    log.propagate = False
    log.setLevel(logging.DEBUG)
    return log


def test_the_token_is_redacted_from_messages_arguments_and_tracebacks() -> None:
    stream = io.StringIO()
    log = logger_with(stream)
    log.debug("Set Bot API URL: %s", f"https://api.telegram.org/bot{TOKEN}")
    log.info(f"HTTP Request: POST https://api.telegram.org/bot{TOKEN}/getMe")
    try:
        raise InvalidToken(f"The token `{TOKEN}` was rejected by the server.")
    except InvalidToken:
        log.exception("start-up failed")
    out = stream.getvalue()
    assert TOKEN not in out and TOKEN.split(":")[1] not in out
    assert out.count("[REDACTED]") == 3
    assert "InvalidToken" in out  # the traceback is still there, only cleaned


def test_every_setting_the_bot_reads_is_documented() -> None:
    import re

    import bot.config

    source = Path(bot.config.__file__).read_text(encoding="utf-8")
    names = set(re.findall(r'(?:env\.get|read\.number|read\.ids)\(\s*"([A-Z_]+)"', source))
    assert len(names) >= 18
    root = Path(bot.config.__file__).resolve().parents[1]
    example = (root / ".env.example").read_text(encoding="utf-8")
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert {n for n in names if n not in example} == set()
    assert {n for n in names if n not in readme} == set()
