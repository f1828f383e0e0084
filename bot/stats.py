"""What the bot has done since it started, for ``/stats``: answers by intent and outcome,
the questions it could not answer most often, and the answers people rated (👍 / 👎)."""

from __future__ import annotations

import time
from collections import Counter

from bot.engine import Reply
from bot.normalise import tokens

DECLINED = frozenset({"decline", "unknown_project", "empty", "partial", "unknowable"})
ASKED_BACK = frozenset({"clarify", "which_project"})
TOP_KEPT = 10_000  # distinct unanswered questions remembered (then the rarest go)


def same_question(text: str) -> str:
    """One spelling for questions that differ only in case, accents or punctuation."""
    return " ".join(tokens(text[:1000]))[:200]


def outcome(reply: Reply) -> str:
    if reply.intent in ASKED_BACK:
        return "asked back"
    if reply.intent in DECLINED:
        return "declined"
    return "answered"


class Stats:
    def __init__(self) -> None:
        self.started = time.time()
        self.outcomes: Counter[str] = Counter()
        self.intents: Counter[str] = Counter()
        self.unanswered: Counter[str] = Counter()
        self.feedback: Counter[str] = Counter()  # "helpful" (👍) and "disputed" (👎) answers

    def record(self, question: str, reply: Reply) -> None:
        result = outcome(reply)
        self.outcomes[result] += 1
        self.intents[reply.intent] += 1
        if result != "answered":
            self.unanswered[same_question(question)] += 1
            if len(self.unanswered) > TOP_KEPT:
                for text, _ in self.unanswered.most_common()[TOP_KEPT // 2 :]:
                    del self.unanswered[text]

    def rated(self, helpful: bool, taken_back: bool = False) -> None:
        """Count a vote on an answer; ``taken_back``: a 👎 that replaces the voter's 👍."""
        self.feedback["helpful" if helpful else "disputed"] += 1
        if taken_back and self.feedback["helpful"] > 0:
            self.feedback["helpful"] -= 1

    def dump(self) -> str:
        """The counts as JSON, to be kept across a restart."""
        import json  # only Telegram keeps them: a cold ``ask`` does without it

        return json.dumps(
            {
                "started": self.started,
                "outcomes": self.outcomes,
                "intents": self.intents,
                "unanswered": dict(self.unanswered.most_common(TOP_KEPT)),
                "feedback": self.feedback,
            },
            ensure_ascii=False,
        )

    def load(self, text: str) -> None:
        """Counts kept by ``dump``; damaged text is ignored."""
        import json

        try:
            saved = json.loads(text)
            self.started = float(saved["started"])
            for name in ("outcomes", "intents", "unanswered", "feedback"):
                kept = saved.get(name, {})  # "feedback": not in what older versions kept
                getattr(self, name).update({str(k): int(v) for k, v in kept.items()})
        except (ValueError, KeyError, TypeError, AttributeError):
            return

    def report(self, top: int = 5) -> str:
        hours = (time.time() - self.started) / 3600
        total = sum(self.outcomes.values())
        lines = [f"Since start ({hours:.1f} h): {total} questions."]
        lines += [
            f"• {name}: {self.outcomes[name]}" for name in ("answered", "declined", "asked back")
        ]
        helpful, disputed = self.feedback["helpful"], self.feedback["disputed"]
        lines.append(f"Answers rated: 👍 {helpful} helpful, 👎 {disputed} disputed.")
        if self.intents:
            by_intent = ", ".join(f"{i} {n}" for i, n in self.intents.most_common())
            lines.append(f"By intent: {by_intent}.")
        if self.unanswered:
            lines.append("Most frequent unanswered:")
            lines += [f"• “{q}” ×{n}" for q, n in self.unanswered.most_common(top)]
        return "\n".join(lines)
