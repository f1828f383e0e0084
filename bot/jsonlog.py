"""Log lines as JSON (``LOG_FORMAT=json``): one object a line, for a log collector.

    {"time": "2026-12-06T09:41:02.123Z", "level": "INFO", "logger": "bot.operations",
     "message": "answered intent=project_field confidence=1.00 ms=0.21 from=private"}

A traceback is in ``"exception"``. The redacting filter (``bot.logsafety``) runs on the
handler before this formats a record, so a secret is redacted here as in text lines.
"""

from __future__ import annotations

import json
import logging
import time


class JsonFormatter(logging.Formatter):
    """A record as one line of JSON: time (UTC), level, logger, message, exception."""

    def format(self, record: logging.LogRecord) -> str:
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
        entry: dict[str, str] = {
            "time": f"{stamp}.{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False)
