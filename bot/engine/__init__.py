"""The question-answering core. It knows no front end and never imports ``telegram``."""

from __future__ import annotations

from bot.engine.context import Context, Conversations
from bot.engine.engine import Engine
from bot.engine.reply import MenuItem, MenuSection, NextPage, Reply, Suggestion

__all__ = [
    "Context",
    "Conversations",
    "Engine",
    "MenuItem",
    "MenuSection",
    "NextPage",
    "Reply",
    "Suggestion",
]
