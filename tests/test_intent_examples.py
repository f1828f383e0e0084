"""The example phrasings in intents.yaml are tests: each is understood as its own intent."""

from __future__ import annotations

import pytest

from bot.config import default_knowledge_path
from bot.knowledge import load_knowledge

EXAMPLES = [
    (intent.name, example.text)
    for intent in load_knowledge(default_knowledge_path()).language.intents
    for example in intent.examples
]


@pytest.mark.parametrize(("intent", "text"), EXAMPLES, ids=[t for _, t in EXAMPLES])
def test_example_routes_to_its_intent(engine, chat, intent: str, text: str) -> None:
    if text.startswith("which of them"):
        chat.say("which projects were in the first call")  # "them" needs a list first
    assert chat.say(text).intent == intent


def test_every_help_example_is_answered(engine) -> None:
    from bot.engine import Context

    for intent, text in EXAMPLES:
        reply = engine.answer(text, Context())
        assert reply.intent not in ("decline", "clarify"), (intent, text)
