"""The knowledge base: load, validate and hold the programme, its calls and its projects.

``Knowledge`` and ``NOT_PUBLISHED`` cost nothing to import; the loader (pydantic, YAML) is
imported when it is first used, so a cached engine starts without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.knowledge.plain import NOT_PUBLISHED, Issue, Knowledge, KnowledgeError

if TYPE_CHECKING:
    from bot.knowledge.loader import load_knowledge

__all__ = ["NOT_PUBLISHED", "Issue", "Knowledge", "KnowledgeError", "load_knowledge"]


def __getattr__(name: str) -> Any:
    if name == "load_knowledge":
        from bot.knowledge import loader

        return getattr(loader, name)
    raise AttributeError(name)
