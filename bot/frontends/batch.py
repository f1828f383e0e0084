"""The batch contract: JSON lines in, one JSON line out per input, in order, flushed.

Input:  {"chat": "ID", "text": "QUESTION"}
Output: {"chat": ..., "text": ..., "answer": "<plain text>", "intent": ..., "confidence": ...}
Lines with the same ``chat`` share conversation context. A malformed line gets an output
line with an ``"error"`` field and the run goes on.
"""

from __future__ import annotations

import json
import logging
from typing import IO, Any

from bot.engine import Conversations, Engine

logger = logging.getLogger(__name__)


# Characters that some readers (str.splitlines, JavaScript) take as line ends: escaped, so
# one answer is always one line.
_LINE_BREAKS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"})


def json_line(item: dict[str, Any]) -> str:
    return json.dumps(item, ensure_ascii=False).translate(_LINE_BREAKS) + "\n"


def run_jsonl(engine: Engine, source: IO[str], sink: IO[str]) -> int:
    """Answer every line of ``source`` into ``sink``; returns the number of error lines."""
    conversations = Conversations()
    errors = 0
    for number, line in enumerate(source, 1):
        if not line.strip():
            continue
        out = _answer_line(engine, conversations, line, number)
        errors += "error" in out
        sink.write(json_line(out))
        sink.flush()
    return errors


def _answer_line(
    engine: Engine, conversations: Conversations, line: str, number: int
) -> dict[str, Any]:
    try:
        item = json.loads(line)
    except ValueError as exc:
        return {"line": number, "error": f"not valid JSON: {exc}"}
    if not isinstance(item, dict):
        return {"line": number, "error": 'expected a JSON object with "chat" and "text"'}
    chat, text = item.get("chat"), item.get("text")
    if not isinstance(text, str):
        return {"line": number, "chat": chat, "error": '"text" must be a string'}
    try:
        reply = engine.answer(text, conversations.get(json.dumps(chat)))
    except Exception as exc:  # one bad question must not end the run
        logger.exception("failed to answer line %d", number)
        return {"line": number, "chat": chat, "text": text, "error": f"internal error: {exc}"}
    return {
        "chat": chat,
        "text": text,
        "answer": reply.text,
        "intent": reply.intent,
        "confidence": reply.confidence,
        "suggestions": [s.label for s in reply.suggestions],
    }
