"""A long list's "Next" button: which list it continues, and from which page.

The engine offers the next page as a follow-up ("more"), which means whatever the chat
asked last. A button may be pressed much later, after other questions, or twice, so its
payload carries the query the page under it answered; pressing it makes that query the
chat's last again and asks the follow-up. An old button then pages its own list, and a
second press of the same button shows the same page again. The payload is kept by
``Callbacks`` (a short hash in the button, the query in the state file), so it survives
a restart.
"""

from __future__ import annotations

import json

from bot.engine import Context, memory
from bot.engine.query import Query


def payload(question: str, after: object) -> str:
    """What a "Next" button keeps: the follow-up to ask and the query it follows."""
    return json.dumps({"ask": question, "after": memory.encode(after)}, ensure_ascii=False)


def resume(kept: str, context: Context) -> str | None:
    """Make the list a "Next" button continues ``context``'s last answer again; the
    follow-up to ask then, or ``None`` when the payload is not one of ours."""
    try:
        saved = json.loads(kept)
        question, after = saved["ask"], memory.decode(saved["after"])
    except (TypeError, ValueError, KeyError, AttributeError):
        return None
    if not isinstance(question, str) or not question or not isinstance(after, Query):
        return None
    context.last = after
    return question
