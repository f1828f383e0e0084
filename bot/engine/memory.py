"""Conversations written down and read back (JSON), so that follow-ups survive a restart.

A context holds plain values and the last ``Query`` (a tree of small immutable values:
conditions, orders, dates with their grain). Each is written as JSON with a type tag,
without the fields left at their defaults (they read back as they were); only the engine's
own value types are read back, so a damaged or hostile file yields plain data or nothing,
never code.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from typing import Any

from bot.engine.context import Context, Conversations
from bot.engine.frame import Duration, Share, When
from bot.engine.query import Condition, Operand, Order, Query

TYPES: dict[str, type[Any]] = {
    cls.__name__: cls for cls in (Query, Condition, Order, Operand, When, Duration, Share)
}
SAVED = (
    *("projects", "fields", "listed", "listed_from", "call", "intent", "last", "before"),
    *("pending", "composed", "asked", "shown"),
)


def _fields(cls: type[Any]) -> tuple[str, ...]:
    """The names a value type is made from: a ``NamedTuple``'s fields, a ``Value``'s slots."""
    return getattr(cls, "_fields", None) or cls.__slots__  # type: ignore[no-any-return]


def encode(value: Any) -> Any:
    if TYPES.get(type(value).__name__) is type(value):  # before tuples: some of them are
        defaults = getattr(value, "_field_defaults", {})  # left out: read back as they are
        fields = {
            name: encode(getattr(value, name))
            for name in _fields(type(value))
            if name not in defaults or getattr(value, name) != defaults[name]
        }
        return {"__t": type(value).__name__, **fields}
    if isinstance(value, dt.date):
        return {"__t": "date", "v": value.isoformat()}
    if isinstance(value, tuple):
        return {"__t": "tuple", "v": [encode(v) for v in value]}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    return value


def decode(value: Any) -> Any:
    if isinstance(value, list):
        return [decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    tag = value.get("__t")
    if tag == "date":
        return dt.date.fromisoformat(value["v"])
    if tag == "tuple":
        return tuple(decode(v) for v in value["v"])
    if tag in TYPES:
        cls = TYPES[tag]
        names = set(_fields(cls))
        return cls(**{k: decode(v) for k, v in value.items() if k in names})
    return {k: decode(v) for k, v in value.items()}


def dump_one(context: Context) -> str:
    """One conversation as JSON text."""
    return json.dumps({name: encode(getattr(context, name)) for name in SAVED}, ensure_ascii=False)


def load_one(text: str) -> Context | None:
    """A conversation from ``dump_one``'s text, or ``None`` if the text is damaged."""
    try:
        saved = json.loads(text)
        values = {name: decode(saved[name]) for name in SAVED if name in saved}
        return Context(**values, touched=time.monotonic())
    except (TypeError, ValueError, KeyError, AttributeError):
        return None


def dump(conversations: Conversations) -> str:
    """Every live conversation as one JSON text."""
    chats = {chat: dump_one(context) for chat, context in conversations.items()}
    return json.dumps(chats, ensure_ascii=False)


def load(text: str, conversations: Conversations) -> int:
    """Restore conversations from ``dump``'s text; returns how many. Damage is skipped."""
    try:
        chats = json.loads(text)
    except ValueError:
        return 0
    restored = 0
    for chat, saved in chats.items() if isinstance(chats, dict) else ():
        context = load_one(saved) if isinstance(saved, str) else None
        if context is not None:
            conversations.put(str(chat), context)
            restored += 1
    return restored
