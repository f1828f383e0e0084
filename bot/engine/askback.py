"""Asking back: "Did you mean …?" when a name is close to several (or to one, doubtfully),
and the question it completes when the user answers with a "yes" or a lone name."""

from __future__ import annotations

from bot.engine import thresholds
from bot.engine.answers.programme import ProgrammeAnswers
from bot.engine.answers.request import Query as Request
from bot.engine.context import Context
from bot.engine.frame import Frame
from bot.engine.matcher import Match
from bot.engine.reply import Reply


class AskBack:
    """The "Did you mean …?" question, and what answers it."""

    def __init__(self, programme: ProgrammeAnswers) -> None:
        self.programme = programme

    def clarify(self, frame: Frame, matches: list[Match], context: Context) -> Reply:
        words = frame.words
        options = [m.entity.name for m in matches]
        retry = [" ".join([*words[: m.start], m.entity.name, *words[m.end :]]) for m in matches]
        sure = min(matches[0].score / 100, thresholds.ASK_BACK_CONFIDENCE)
        request = Request("clarify", sure, options=options, retry=retry)
        reply = self.programme.clarify(request, context)
        reply.meta["not_understood"] = [frame.typed(m.start, m.end) for m in matches[:1]]
        return reply

    @staticmethod
    def pending(frame: Frame, pending: dict[str, str]) -> str | None:
        """After "Did you mean …?", a "yes" or a lone name completes the question asked."""
        kinds = {"conversation", "project", "call", "programme"}
        spans = [s for s in frame.spans if (s.kind, s.value) != ("yesno", "tag")]  # "yes"
        if not pending or frame.unknown or any(s.kind not in kinds for s in spans):
            return None
        names = [s for s in spans if s.kind in kinds - {"conversation"}]
        if not names:
            yes = "confirm" in frame.values("conversation")
            return next(iter(pending.values())) if yes and len(pending) == 1 else None
        if len(names) != 1 or frame.values("conversation"):
            return None
        name = frame.names[0].entity.name if frame.names else ""
        if name in pending:
            return pending[name]
        offered, question = next(iter(pending.items()))
        return question.replace(offered, name, 1) if names[0].kind == "project" else None
