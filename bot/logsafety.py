"""Logging that never shows a secret: a redacting filter on every root handler.

The Telegram token leaks three ways when nothing stops it: httpx logs each request URL
(``…/bot<TOKEN>/getUpdates``) at INFO, PTB logs ``Set Bot API URL: …/bot<TOKEN>`` at DEBUG,
and PTB's ``InvalidToken`` message quotes the token. The filter rewrites the message, its
arguments and any traceback before a handler formats them, whatever the level.

A secret is redacted however short: each known secret of 4 characters or more wherever it
appears, and any secret, known or not, where it stands in what is printed: the password of
a URL (``https://user:[REDACTED]@host/``), the value given for a webhook's secret token,
a bot token after ``/bot`` in a URL, and a known short secret quoted on its own. ``redact``
does the same for what is printed without logging (the start-up line, one-line errors).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

REDACTED = "[REDACTED]"
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


_INSTALLED: list[RedactingFilter] = []

# Where a secret stands, whatever it is: a URL's password (up to the authority's last "@"),
# the value of a webhook's secret token (a parameter or the header), a bot token in a path.
_URL_PASSWORD = re.compile(r"(://[^/?#\s:@]*:)[^/?#\s]*@")
_SECRET_TOKEN = re.compile(r"(secret[_-]token['\"]?\s*[:=]\s*['\"]?)[A-Za-z0-9_-]+", re.IGNORECASE)
_BOT_TOKEN = re.compile(r"(/bot)\d+:[A-Za-z0-9_-]+")


def url_password(url: str | None) -> str | None:
    """The password written in a URL (``https://user:secret@host/``), if any."""
    if not url:
        return None
    try:
        from urllib.parse import urlsplit  # only for a URL that is set

        return urlsplit(url).password
    except ValueError:
        return None


def redact_url(value: str) -> str:
    """A URL as it may be shown: whatever comes before its host's ``@`` (user, password)
    redacted, with a scheme or without one (a mistyped setting is quoted back)."""
    scheme, separator, rest = value.partition("://")
    if not separator:
        scheme, rest = "", value
    ends = [i for i in (rest.find("/"), rest.find("?"), rest.find("#")) if i >= 0]
    at = rest.rfind("@", 0, min(ends, default=len(rest)))
    return value if at < 0 else f"{scheme}{separator}{REDACTED}{rest[at:]}"


def redact_structures(text: str) -> str:
    """``text`` with every secret that its place gives away redacted (see the module)."""
    if "@" in text:
        text = _URL_PASSWORD.sub(rf"\g<1>{REDACTED}@", text)
    if "ecret" in text:
        text = _SECRET_TOKEN.sub(rf"\g<1>{REDACTED}", text)
    if "/bot" in text:
        text = _BOT_TOKEN.sub(rf"\g<1>{REDACTED}", text)
    return text


def redact(text: str, *secrets: str | None) -> str:
    """``text`` as the log would show it: the installed filters' secrets, ``secrets`` and
    every secret its place gives away, redacted."""
    text = RedactingFilter(secrets).redact(text)
    for redactor in _INSTALLED:
        text = redactor.redact(text)
    return text


def add_secrets(*secrets: str | None) -> None:
    """Redact these too, from now on, in every log handler set up by ``configure_logging``
    (for a secret made at run time, such as a generated webhook secret)."""
    for redactor in _INSTALLED:
        redactor.add(*secrets)


class RedactingFilter(logging.Filter):
    """Replaces each secret (and a token's part after the colon) with ``[REDACTED]``."""

    def __init__(self, secrets: Iterable[str | None]) -> None:
        super().__init__()
        self.secrets: list[str] = []  # replaced wherever they appear
        self.short: list[str] = []  # under 4 characters: replaced where they stand quoted
        self.add(*secrets)

    def add(self, *secrets: str | None) -> None:
        found, short = set(self.secrets), set(self.short)
        for secret in secrets:
            if secret and len(secret) >= 4:
                found.add(secret)
                _, _, tail = secret.partition(":")
                if len(tail) >= 8:  # a bot token's secret half, in case the id is split off
                    found.add(tail)
            elif secret:  # everywhere would garble the log: where it stands alone, quoted
                short.add(secret)
        self.secrets = sorted(found, key=len, reverse=True)
        self.short = sorted(short, key=len, reverse=True)
        self._quoted = [
            re.compile(rf"(['\"]|/bot){re.escape(s)}(?=['\"/\s]|$)") for s in self.short
        ]

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        for quoted in self._quoted:  # 'ab', "ab", /botab/ (a bot token that short)
            text = quoted.sub(rf"\g<1>{REDACTED}", text)
        return redact_structures(text)

    def filter(self, record: logging.LogRecord) -> bool:
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


def configure_logging(
    level: str, secrets: Iterable[str | None] = (), line_format: str = "text"
) -> RedactingFilter:
    """Log to stderr at ``level``, as text or (``line_format="json"``) JSON lines, every
    handler redacting ``secrets``; httpx at WARNING."""
    logging.basicConfig(level=level, format=LOG_FORMAT)
    redactor = RedactingFilter(secrets)
    _INSTALLED.append(redactor)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redactor)
        if line_format == "json":
            from bot.jsonlog import JsonFormatter

            handler.setFormatter(JsonFormatter())
    # httpx logs every request URL, token included, at INFO: keep it to real trouble.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    return redactor
