"""Logging that never shows a secret: a redacting filter on every root handler.

The Telegram token leaks three ways when nothing stops it: httpx logs each request URL
(``…/bot<TOKEN>/getUpdates``) at INFO, PTB logs ``Set Bot API URL: …/bot<TOKEN>`` at DEBUG,
and PTB's ``InvalidToken`` message quotes the token. The filter rewrites the message, its
arguments and any traceback before a handler formats them, whatever the level.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

REDACTED = "[REDACTED]"
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


_INSTALLED: list[RedactingFilter] = []


def url_password(url: str | None) -> str | None:
    """The password written in a URL (``https://user:secret@host/``), if any."""
    if not url:
        return None
    try:
        from urllib.parse import urlsplit  # only for a URL that is set

        return urlsplit(url).password
    except ValueError:
        return None


def add_secrets(*secrets: str | None) -> None:
    """Redact these too, from now on, in every log handler set up by ``configure_logging``
    (for a secret made at run time, such as a generated webhook secret)."""
    for redactor in _INSTALLED:
        redactor.add(*secrets)


class RedactingFilter(logging.Filter):
    """Replaces each secret (and a token's part after the colon) with ``[REDACTED]``."""

    def __init__(self, secrets: Iterable[str | None]) -> None:
        super().__init__()
        self.secrets: list[str] = []
        self.add(*secrets)

    def add(self, *secrets: str | None) -> None:
        found = set(self.secrets)
        for secret in secrets:
            if secret and len(secret) >= 4:
                found.add(secret)
                _, _, tail = secret.partition(":")
                if len(tail) >= 8:  # a bot token's secret half, in case the id is split off
                    found.add(tail)
        self.secrets = sorted(found, key=len, reverse=True)

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        message = record.getMessage()
        clean = self.redact(message)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def configure_logging(level: str, secrets: Iterable[str | None] = ()) -> RedactingFilter:
    """Log to stderr at ``level``, every handler redacting ``secrets``; httpx at WARNING."""
    logging.basicConfig(level=level, format=LOG_FORMAT)
    redactor = RedactingFilter(secrets)
    _INSTALLED.append(redactor)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redactor)
    # httpx logs every request URL, token included, at INFO: keep it to real trouble.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    return redactor
