"""The batch contract: JSON lines in, one JSON line out per input line, in order, flushed.

Input:  {"chat": "ID", "text": "QUESTION"}
Output: {"chat": ..., "text": ..., "answer": "<plain text>", "intent": ..., "confidence": ...}

Lines with the same ``chat`` share conversation context. Whatever a line holds (invalid
UTF-8, lone surrogates, NaN, numbers too large for a float or an int, values of the wrong
type, deep nesting, nothing at all) it gets exactly one output line, valid UTF-8 and strict
JSON; a line that cannot be answered gets an ``"error"`` field that says why (invalid UTF-8
as invalid UTF-8, not as bad JSON) and the run goes on.
``run_jsonl`` returns how many lines failed; ``python -m bot ask --jsonl`` exits 1 when any
did.
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections.abc import Iterable
from typing import IO, Any

from bot.engine import Conversations
from bot.operations import Operations

logger = logging.getLogger(__name__)

# Characters that some readers (str.splitlines, JavaScript) take as line ends: escaped, so
# one answer is always one line.
_LINE_BREAKS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"})
_SURROGATE = re.compile("[\ud800-\udfff]")
MAX_LINE = 1_000_000  # characters of one input line that are read


def json_line(item: dict[str, Any]) -> str:
    """One line of strict JSON (no NaN), valid UTF-8 (no lone surrogates)."""
    return (
        json.dumps(clean(item), ensure_ascii=False, allow_nan=False).translate(_LINE_BREAKS) + "\n"
    )


def _whole(number: str) -> int:
    """A JSON integer; one of more digits than Python converts is refused, plainly."""
    try:
        return int(number)
    except ValueError:
        raise ValueError(f"number too large: {len(number.lstrip('-')):,} digits") from None


def _finite(number: str) -> float:
    """A JSON number with a fraction or an exponent; one too large for a float (``1e999``)
    is refused rather than read as infinity, which strict JSON cannot write back."""
    value = float(number)
    if math.isinf(value):
        raise ValueError(f"number out of range: {number[:40]}")
    return value


def clean(value: Any) -> Any:
    """``value`` with lone surrogates replaced, so it can be written as UTF-8."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {clean(k): clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean(v) for v in value]
    return value


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def run_jsonl(ops: Operations, source: Iterable[str | bytes], sink: IO[str]) -> int:
    """Answer every line of ``source`` into ``sink``; returns the number of error lines.
    Declines and ask-backs go to the unanswered log, as from any front end."""
    conversations = Conversations()
    errors = 0
    for number, raw in enumerate(source, 1):
        try:
            line = _text(raw, number)
            out = (
                line
                if isinstance(line, dict)
                else _answer_line(ops, conversations, line.rstrip("\r\n")[:MAX_LINE], number)
            )
            written = json_line(out)
        except Exception as exc:  # whatever the line held, it gets one line and the run goes on
            logger.exception("failed to answer line %d", number)
            out = {"line": number, "error": f"internal error: {type(exc).__name__}"}
            written = json_line(out)
        errors += "error" in out
        sink.write(written)
        sink.flush()
    return errors


def _text(raw: str | bytes, number: int) -> str | dict[str, Any]:
    """The line as text, or its error line when its bytes are not UTF-8."""
    if isinstance(raw, str):
        return raw
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        byte = raw[exc.start : exc.start + 1].hex()
        return {"line": number, "error": f"not valid UTF-8: byte 0x{byte} at offset {exc.start}"}


def _parse(line: str, number: int) -> dict[str, Any]:
    if not line.strip():
        return {"line": number, "error": "empty line"}
    try:
        item = json.loads(line, parse_constant=_no_constants, parse_float=_finite, parse_int=_whole)
    except (ValueError, RecursionError) as exc:
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        return {"line": number, "error": f"not valid JSON: {reason}"}
    if not isinstance(item, dict):
        return {"line": number, "error": 'expected a JSON object with "chat" and "text"'}
    return clean(item)  # type: ignore[no-any-return]


def _answer_line(
    ops: Operations, conversations: Conversations, line: str, number: int
) -> dict[str, Any]:
    item = _parse(line, number)
    if "error" in item and "line" in item:
        return item
    chat, text = item.get("chat"), item.get("text")
    if not isinstance(text, str):
        return {"line": number, "chat": chat, "error": '"text" must be a string'}
    try:
        key = json.dumps(chat, sort_keys=True)
    except (ValueError, RecursionError):
        return {"line": number, "error": '"chat" must be a string or a number'}
    try:
        reply = ops.answer(text, conversations.get(key), key, "batch")
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
