"""Knowledge that changes while the bot runs: notice an edit, load it, keep the last good.

``KnowledgeWatcher.check()`` compares the folder's YAML files (names, sizes, modification
times) with what it saw last; ``reload()`` loads and validates them. A folder that fails
validation is not used: the engine built from the last good knowledge keeps serving, and
the error (file:line: field: message) is returned for logging and for the admins.
"""

from __future__ import annotations

import logging
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
        self.seen = signature(folder)
        self.settling: Signature | None = None

    def changed(self, settle: bool = True) -> bool:
        """Whether the folder changed since it was last loaded, and has stopped changing.

        With ``settle`` an edit is reported once two checks in a row see the same files: a
        save that is still being written (or several files saved one after another) is not
        loaded half done. Without it (the console checks before each question, long after
        the save) any change is reported at once.
        """
        now = signature(self.folder)
        if now == self.seen:
            self.settling = None
            return False
        if settle and now != self.settling:
            self.settling = now
            return False
        self.seen, self.settling = now, None
        return True

    def reload(self) -> ReloadResult:
        """Load and validate the folder; on failure the caller keeps its knowledge."""
        self.seen = signature(self.folder)
        try:
            knowledge = (self.loader or _load)(self.folder)
        except KnowledgeError as exc:
            details = "\n".join(str(issue) for issue in exc.issues[:20])
            more = f"\n… and {len(exc.issues) - 20} more" if len(exc.issues) > 20 else ""
            message = (
                f"Knowledge NOT reloaded: {len(exc.issues)} error(s) in {self.folder}; "
                f"the last good knowledge keeps serving.\n{details}{more}"
            )
            return ReloadResult(False, message)
        except OSError as exc:
            return ReloadResult(False, f"Knowledge NOT reloaded: {exc}")
        message = (
            f"Knowledge reloaded from {self.folder}: {len(knowledge.projects)} projects, "
            f"{len(knowledge.calls)} calls, {len(knowledge.warnings)} warning(s)."
        )
        message += "".join(f"\n{warning}" for warning in knowledge.warnings[:20])
        return ReloadResult(True, message, knowledge)


def _load(folder: Path) -> Knowledge:
    from bot.knowledge.loader import load_knowledge  # pydantic: only when a reload happens

    return load_knowledge(folder)
