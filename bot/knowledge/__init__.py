"""The knowledge base: load, validate and hold the programme, its calls and its projects."""

from __future__ import annotations

from bot.knowledge.loader import Issue, Knowledge, KnowledgeError, load_knowledge
from bot.knowledge.schema import NOT_PUBLISHED

__all__ = ["NOT_PUBLISHED", "Issue", "Knowledge", "KnowledgeError", "load_knowledge"]
