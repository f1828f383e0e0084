"""Running the bot, whatever the front end: the engine plus what maintainers operate it with.

``Operations`` answers a question and records it (a log line, ``/stats``, the unanswered
log), takes votes on answers (👍 / 👎, see ``bot.feedback``: a 👎 goes to the log as
disputed), reloads the knowledge (on request, or when a file changes) and says who is an
admin. Telegram, the console and ``ask`` all go through it, so each front end is thin glue
that turns its input into calls here and its replies into messages. It knows no front end.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING

from bot import collector
from bot.engine import Context, Engine, Reply
from bot.feedback import Ballots, Verdict, rated
from bot.knowledge.watch import KnowledgeWatcher, ReloadResult
from bot.stats import Stats

logger = logging.getLogger(__name__)

RELOAD_SECONDS = 20.0  # a reload that takes longer is abandoned; the last good knowledge serves
NO_LOG = "No unanswered log is kept: set UNANSWERED_LOG (see .env.example) to keep one."

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.unanswered import UnansweredLog

Notify = Callable[[str], Awaitable[None]]
COUNTED = frozenset({Verdict.HELPFUL, Verdict.DISPUTED, Verdict.RECONSIDERED})  # votes that count


class _Reload:
    """One request to reload: abandoned when its caller stops waiting, or its result."""

    def __init__(self, limit: float = 0.0, shown: bool = False) -> None:
        self.limit = limit
        self.shown = shown  # the caller shows the result to the person who asked
        self.started = False
        self.abandoned = False
        self.result: ReloadResult | None = None


_GAVE_UP = ReloadResult(False, "Knowledge NOT reloaded: the reload was abandoned.")


class Operations:
    """The engine in service: answers with their records, reloads, stats, admins."""

    def __init__(self, engine: Engine, settings: Settings) -> None:
        self.engine = engine
        self.settings = settings
        self.stats = Stats()
        self.ballots = Ballots()
        self.unanswered: UnansweredLog | None = None
        if settings.unanswered_log:  # imported only then: a cold ``ask`` does without it
            from bot.unanswered import UnansweredLog

            self.unanswered = UnansweredLog(settings.unanswered_log, settings.unanswered_max_bytes)
        self.watcher = KnowledgeWatcher(settings.knowledge_path)
        self.generation = 0  # how many times the knowledge was reloaded: caches compare it
        self._reloading = threading.Lock()  # one reload at a time
        self._deciding = threading.Lock()  # a read is put in service or abandoned, not both

    # -- answering ------------------------------------------------------------------------
    def answer(self, question: str, context: Context, chat: object, where: str) -> Reply:
        """The engine's answer to ``question``, recorded (``chat`` is hashed in the log)."""
        started = time.perf_counter()
        reply = self.engine.answer(question, context)
        self.record(question, reply, chat, where, started)
        return reply

    def project_named(self, name: str, context: Context, chat: object, where: str) -> Reply:
        """One project's card by its name (``/project NAME``), recorded like an answer."""
        started = time.perf_counter()
        reply = self.engine.project_named(name, context)
        self.record(name, reply, chat, where, started)
        return reply

    def record(self, question: str, reply: Reply, chat: object, where: str, started: float) -> None:
        """One grep-able log line per answer; stats; declines and ask-backs to the log."""
        logger.info(
            "answered intent=%s confidence=%.2f ms=%.2f from=%s",
            reply.intent,
            reply.confidence,
            (time.perf_counter() - started) * 1000,
            where,
        )
        self.stats.record(question, reply)
        if self.unanswered is not None:
            self.unanswered.record(question, reply, chat)

    # -- feedback on answers -------------------------------------------------------------
    def offer(self, question: str, reply: Reply, context: Context, reuse: str | None = None) -> str:
        """A ballot for ``reply`` (answered to ``question``; ``context``: the conversation just
        after it), so that it can be voted on; its key. ``reuse``: see ``Ballots.offer``."""
        return self.ballots.offer(rated(question, reply, context), reuse)

    def vote(self, key: str, helpful: bool, chat: object) -> Verdict:
        """A 👍 (``helpful``) or 👎 on the answer of ballot ``key``, from ``chat`` (hashed in
        the unanswered log): counted in ``/stats`` once, and a 👎 logged as disputed."""
        verdict, answer = self.ballots.vote(key, helpful)
        if verdict in COUNTED:
            self.stats.rated(helpful, taken_back=verdict is Verdict.RECONSIDERED)
        if verdict in COUNTED and answer is not None and not helpful:
            logger.info("an answer was disputed: intent=%s", answer.intent)
            if self.unanswered is not None:
                self.unanswered.dispute(answer, chat)
        return verdict

    def said(self, name: str) -> str:
        """The wording ``name`` from the answers' templates (``knowledge/answers.yaml``), for
        what front ends say around answers; empty (and logged) when the folder has none."""
        text = self.engine.knowledge.language.templates.get(name)
        if text is None:
            logger.warning("knowledge/answers.yaml has no template %r: nothing is said", name)
        return text or ""

    # -- maintainers ----------------------------------------------------------------------
    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.settings.admin_ids

    def stats_report(self) -> str:
        return self.stats.report()

    def unanswered_report(self) -> str:
        """What the unanswered log holds, most frequent first; or how to start keeping one."""
        if self.unanswered is None:
            return NO_LOG
        from bot.unanswered import summarise

        return summarise(self.unanswered.path)

    @property
    def knowledge_folder(self) -> Path:
        return self.watcher.folder

    # -- knowledge that changes -------------------------------------------------------------
    def reload(self, *, shown: bool = False) -> ReloadResult:
        """Load the knowledge folder again; on any error keep serving the last good one.
        A reload that worked is logged at INFO; one that failed at ERROR, unless ``shown``:
        the caller (the console) shows the result where the log would say it again."""
        return self._reload(_Reload(shown=shown))

    def _reload(self, attempt: _Reload) -> ReloadResult:
        """One reload at a time, so a later read is never put in service before an earlier
        one: what serves is what the files said when the last read began. A read whose
        caller gave up (``reload_off_loop``'s limit) is never put in service."""
        with self._reloading:
            if attempt.abandoned:  # given up while another reload ran: nothing was read
                return _GAVE_UP
            attempt.started = True
            logger.info("reading the knowledge in %s", self.watcher.folder)
            result, read = self.watcher.read()
            engine = None
            if result.knowledge is not None:
                try:
                    engine = Engine(result.knowledge).warm()
                except Exception as exc:  # a bug, not the files: said, the last good serves
                    logger.exception("building the engine failed")
                    result = ReloadResult(False, f"Knowledge NOT reloaded: {exc!r}")
            with self._deciding:
                self.watcher.remember(read)  # these files were tried: the next edit is news
                if attempt.abandoned:
                    logger.error(
                        "the reload abandoned after %g s ended; its result is not put in "
                        "service (the last good knowledge keeps serving)",
                        attempt.limit,
                    )
                    return _GAVE_UP
                if engine is not None:
                    self.engine = engine
                    self.generation += 1
                attempt.result = result
            if engine is not None:
                if collector.settled():  # the replaced engine frozen: free it, freeze this one
                    collector.settle()
                logger.info("%s", result.message)
            else:
                logger.log(logging.INFO if attempt.shown else logging.ERROR, "%s", result.message)
            return result

    def reload_if_changed(self, settle: bool = True, *, shown: bool = False) -> ReloadResult | None:
        """Reload when a knowledge file changed since the last load; ``None`` when none did.
        With ``settle`` an edit is taken only once two checks agree (see the watcher);
        ``shown`` as for ``reload``."""
        if not self.watcher.changed(settle):
            return None
        return self.reload(shown=shown)

    @property
    def reloading(self) -> bool:
        """Whether a reload is running (or an abandoned one is still reading)."""
        return self._reloading.locked()

    async def reload_off_loop(self, limit: float = RELOAD_SECONDS) -> ReloadResult:
        """``reload`` in a worker thread with a time limit, so that an event loop keeps
        answering other chats while a big (or hostile) knowledge file is read. Past the
        limit the reload is abandoned: whatever it reads later is never put in service."""
        import asyncio  # only front ends with an event loop come here; `ask` never does

        attempt = _Reload(limit)
        try:
            return await asyncio.wait_for(asyncio.to_thread(self._reload, attempt), limit)
        except TimeoutError:
            with self._deciding:
                if attempt.result is not None:  # it ended as the limit passed: in service
                    return attempt.result
                attempt.abandoned = True
            if attempt.started:
                message = (
                    f"Knowledge NOT reloaded: reading {self.watcher.folder} took longer than "
                    f"{limit:g} s; the last good knowledge keeps serving (what that read "
                    "finds is not put in service)."
                )
            else:
                message = (
                    f"Knowledge NOT reloaded: another reload of {self.watcher.folder} was "
                    f"still running after {limit:g} s; the last good knowledge keeps serving. "
                    "Reload again once it has ended."
                )
            logger.error("%s", message)
            return ReloadResult(False, message)

    async def watch(self, every: float, notify: Notify) -> None:
        """Reload whenever a knowledge file changes; ``notify`` the maintainers when a reload
        fails, and once more when it works again."""
        import asyncio

        failing = False
        while True:
            await asyncio.sleep(every)
            try:
                if self.reloading:  # check again once it has ended (it may be an admin's)
                    continue
                if not await asyncio.to_thread(self.watcher.changed):  # hashing: off the loop
                    continue
                result = await self.reload_off_loop()
                if not result.ok or failing:
                    await notify(result.message)
                failing = not result.ok
            except Exception:  # the watcher must outlive any one bad check
                logger.exception("knowledge watcher failed; it keeps watching")
