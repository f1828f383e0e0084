"""Settings come from the environment and .env; logs never show the token."""

from __future__ import annotations

import io
import json
import logging
import re
from pathlib import Path

import pytest
from telegram.error import InvalidToken

from bot.config import DEFAULT_API_BASE_URL, Settings, SettingsError, default_state_path
from bot.jsonlog import JsonFormatter
from bot.logsafety import RedactingFilter
from conftest import ROOT, run_bot

TOKEN = "123456789:AAsecretPartOfTheToken-0123456789"
NAMES = tuple(name.upper() for name in Settings.model_fields)


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    for name in NAMES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    return monkeypatch


def test_defaults_talk_to_telegram_by_long_polling(clean_env: pytest.MonkeyPatch) -> None:
    settings = Settings.load()
    assert settings.token is None
    assert settings.telegram_api_base_url == DEFAULT_API_BASE_URL == "https://api.telegram.org/bot"
    assert settings.webhook_url is None
    assert settings.log_level == "WARNING"


def test_dotenv_fills_what_the_environment_leaves_out(
    clean_env: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / ".env").write_text(
        f"TELEGRAM_BOT_TOKEN={TOKEN}\nPORT=8081\nLOG_LEVEL=info\nADMIN_IDS=1, 2;3\n",
        encoding="utf-8",
    )
    clean_env.setenv("PORT", "9000")  # the environment wins over .env
    settings = Settings.load()
    assert settings.token == TOKEN
    assert TOKEN not in repr(settings) and TOKEN not in str(settings.model_dump())
    assert settings.port == 9000
    assert settings.log_level == "INFO"
    assert settings.admin_ids == frozenset({1, 2, 3})


def test_blank_values_count_as_unset_and_off_turns_the_journal_off(
    clean_env: pytest.MonkeyPatch,
) -> None:
    clean_env.setenv("TELEGRAM_BOT_TOKEN", "  ")
    clean_env.setenv("PORT", "")
    assert Settings.load().token is None and Settings.load().port == 8443
    assert Settings.load().state_path == default_state_path()
    clean_env.setenv("STATE_PATH", "off")
    assert Settings.load().state_path is None


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("PORT", "eighty", "PORT: should be a whole number (got 'eighty')"),
        ("PORT", "70000", "PORT: should be less than or equal to 65535"),
        ("LOG_LEVEL", "LOUD", "LOG_LEVEL: should be 'DEBUG', 'INFO'"),
        ("TELEGRAM_API_BASE_URL", "api.telegram.org/bot", "TELEGRAM_API_BASE_URL: must be"),
        ("WEBHOOK_SECRET", "no spaces allowed", "WEBHOOK_SECRET: may hold only"),
        ("ADMIN_IDS", "alice,bob", "ADMIN_IDS: must be Telegram user ids"),
        ("TELEGRAM_READ_TIMEOUT", "0", "TELEGRAM_READ_TIMEOUT: should be greater than"),
    ],
)
def test_a_bad_setting_is_named(
    clean_env: pytest.MonkeyPatch, name: str, value: str, message: str
) -> None:
    clean_env.setenv(name, value)
    with pytest.raises(SettingsError, match=re.escape(message)):
        Settings.load()


def test_every_bad_variable_is_named_in_one_error_and_secrets_are_not_echoed(
    clean_env: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    clean_env.setenv("PORT", "eighty")
    clean_env.setenv("FLOOD_PER_MINUTE", "-1")
    (tmp_path / ".env").write_text("WEBHOOK_SECRET=has spaces in it\n", encoding="utf-8")
    with pytest.raises(SettingsError) as caught:
        Settings.load()
    text = str(caught.value)
    assert text.startswith("3 bad settings: ")
    assert "PORT:" in text and "FLOOD_PER_MINUTE:" in text and "WEBHOOK_SECRET:" in text
    assert "has spaces" not in text


@pytest.mark.slow  # starts the bot as a process
def test_the_command_line_says_every_bad_variable_in_one_line(
    clean_env: pytest.MonkeyPatch,
) -> None:
    result = run_bot("ask", "hi", env={"PORT": "eighty", "LOG_LEVEL": "LOUD"})
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("Settings: 2 bad settings: ") and "PORT" in line and "LOG_LEVEL" in line


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


def test_a_secret_is_redacted_however_short_and_the_log_stays_readable() -> None:
    stream = io.StringIO()
    log = logger_with(stream)
    for handler in log.handlers:
        handler.filters[0].add("ab", "Z!")  # type: ignore[attr-defined]
    log.debug("Calling setWebhook with %s", {"url": "https://hook:ab@example.org/hook"})
    log.debug("parameters %s", {"secret_token": "ab", "other": "ab"})
    log.info("via http://maint:Z!@127.0.0.1:8081/bot: a cab is abc")
    log.info("a password nobody told us: https://user:unknown-one@host/path?mail=a@b")
    out = stream.getvalue()
    assert "hook:[REDACTED]@example.org" in out and "maint:[REDACTED]@127.0.0.1" in out
    assert "'secret_token': '[REDACTED]', 'other': '[REDACTED]'" in out
    assert "'ab'" not in out and ":ab@" not in out and "Z!" not in out
    assert "a cab is abc" in out  # a short secret inside other words is left alone
    assert "user:[REDACTED]@host/path?mail=a@b" in out


def test_a_mistyped_url_setting_is_quoted_back_without_its_password(
    clean_env: pytest.MonkeyPatch,
) -> None:
    clean_env.setenv("WEBHOOK_URL", "ftp://hook:pw@example.org/hook")
    clean_env.setenv("TELEGRAM_API_BASE_URL", "maint:s3@host/bot")  # no scheme
    with pytest.raises(SettingsError) as raised:
        Settings.load()
    message = str(raised.value)
    assert "pw" not in message and "s3" not in message
    assert "(got 'ftp://[REDACTED]@example.org/hook')" in message


def test_every_setting_is_documented_in_env_example_and_readme_with_its_default(
    clean_env: pytest.MonkeyPatch,
) -> None:
    """The settings model is the truth; .env.example and the README are tested against it."""
    names = {name.upper(): name for name in Settings.model_fields}
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"^#? ?([A-Z][A-Z_]+)=(.*)$", example, re.MULTILINE))
    assert set(listed) == set(names), "every setting once in .env.example, and nothing else"
    for env_name, field in names.items():
        assert env_name in readme, f"{env_name} is not in the README"
        default = getattr(Settings(_env_file=None), field)
        computed = Settings.model_fields[field].default_factory is not None
        if listed[env_name] and default is not None and not computed:  # shown: the default
            shown = Settings(_env_file=None, **{field: listed[env_name]})
            assert getattr(shown, field) == default, (
                f"{env_name}: .env.example shows another default"
            )


def test_json_log_lines_are_redacted_tracebacks_included() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactingFilter([TOKEN]))
    handler.setFormatter(JsonFormatter())
    log = logging.getLogger("test.jsonlog")
    log.addHandler(handler)
    log.propagate = False
    try:
        log.warning("calling https://api.telegram.org/bot%s/getMe", TOKEN)
        try:
            raise RuntimeError(f"refused {TOKEN}")
        except RuntimeError:
            log.exception("it failed")
    finally:
        log.removeHandler(handler)
    first, second = (json.loads(line) for line in stream.getvalue().splitlines())
    assert first["level"] == "WARNING" and first["logger"] == "test.jsonlog"
    assert first["message"] == "calling https://api.telegram.org/bot[REDACTED]/getMe"
    assert (
        second["message"] == "it failed"
        and "RuntimeError: refused [REDACTED]" in (second["exception"])
    )
    assert TOKEN not in stream.getvalue()
