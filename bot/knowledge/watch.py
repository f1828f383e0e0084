"""Knowledge that changes while the bot runs: notice an edit, load it, keep the last good.

``KnowledgeWatcher.changed()`` compares the folder's YAML files (names, sizes, modification
times and content hashes) with the files as they were last read; ``read()`` loads and
validates them. A folder that fails validation is not used: the engine built from the last
good knowledge keeps serving, and the error (file:line: field: message) is returned for
logging and for the admins. The caller (``Operations``) ``remember``s the files a read found
once that read has ended (put in service, refused, or abandoned at its time limit): until
then the change stays reported, so an edit is never taken as read by a read that never was.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from bot.knowledge.files import Signature, signature
from bot.knowledge.plain import Knowledge, KnowledgeError

logger = logging.getLogger(__name__)


class ReloadResult(NamedTuple):
    ok: bool
    message: str
    knowledge: Knowledge | None = None


class KnowledgeWatcher:
    def __init__(self, folder: Path, loader: Callable[[Path], Knowledge] | None = None) -> None:
        self.folder = folder
        self.loader = loader
        self.seen = signature(folder)  # the files as they were last read
        self.settling: Signature | None = None
        self._lock = threading.Lock()  # checks on the event loop, reads in worker threads

    def changed(self, settle: bool = True) -> bool:
        """Whether the folder changed since it was last read, and has stopped changing.

        With ``settle`` an edit is reported once two checks in a row see the same files: a
        save that is still being written (or several files saved one after another) is not
        loaded half done. Without it (the console checks before each question, long after
        the save) any change is reported at once. It stays reported until a read of it
        has ended and been remembered (``remember``).
        """
        now = signature(self.folder)
        with self._lock:
            if now == self.seen:
                self.settling = None
                return False
            if settle and now != self.settling:
                self.settling = now
                return False
            self.settling = None
            return True

    def remember(self, read: Signature) -> None:
        """The files as a read that counts (put in service, or refused) found them."""
        with self._lock:
            self.seen, self.settling = read, None

    def reload(self) -> ReloadResult:
        """Load and validate the folder, and remember it as read; on failure the caller
        keeps its knowledge."""
        result, read = self.read()
        self.remember(read)
        return result

    def read(self) -> tuple[ReloadResult, Signature]:
        """Load and validate the folder; with the files as they were before reading (an
        edit saved while they are read changes them again, so it is read next time)."""
        before = signature(self.folder)
        try:
            knowledge = (self.loader or _load)(self.folder)
        except KnowledgeError as exc:
            details = "\n".join(str(issue) for issue in exc.issues[:20])
            more = f"\n… and {len(exc.issues) - 20} more" if len(exc.issues) > 20 else ""
            message = (
                f"Knowledge NOT reloaded: {len(exc.issues)} error(s) in {self.folder}; "
                f"the last good knowledge keeps serving.\n{details}{more}"
            )
            return ReloadResult(False, message), before
        except OSError as exc:
            return ReloadResult(False, f"Knowledge NOT reloaded: {exc}"), before
        except Exception as exc:  # a failure of the loader itself: the last good one serves
            logger.exception("reading %s failed", self.folder)
            message = f"Knowledge NOT reloaded: reading {self.folder} failed ({exc!r})."
            return ReloadResult(False, message), before
        message = (
            f"Knowledge reloaded from {self.folder}: {len(knowledge.projects)} projects, "
            f"{len(knowledge.calls)} calls, {len(knowledge.warnings)} warning(s)."
        )
        message += "".join(f"\n{warning}" for warning in knowledge.warnings[:20])
        return ReloadResult(True, message, knowledge), before


def _load(folder: Path) -> Knowledge:
    from bot.knowledge.loader import load_knowledge  # pydantic: only when a reload happens

    return load_knowledge(folder)
