"""The unanswered-question log: every decline and ask-back as one JSON line, for maintainers
to see what the knowledge base is missing. No user names; chat ids are hashed. The file is
capped: past ``max_bytes`` it is rotated to ``<name>.1`` (one old file kept), so the log
never takes more than twice ``max_bytes`` of disk.

    python -m bot unanswered [PATH]      summarise it
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

from bot.engine import Reply
from bot.stats import outcome, same_question

logger = logging.getLogger(__name__)
QUESTION_CHARS = 500  # kept of each question


def hash_chat(chat: object) -> str:
    return hashlib.blake2b(str(chat).encode(), key=b"cluster-bot", digest_size=8).hexdigest()


class UnansweredLog:
    def __init__(self, path: Path, max_bytes: int = 5_000_000) -> None:
        self.path = path
        self.max_bytes = max_bytes
        self._lock = threading.Lock()

    def record(self, question: str, reply: Reply, chat: object) -> bool:
        """Append ``question`` if the reply declined or asked back; ``True`` if written."""
        result = outcome(reply)
        if result == "answered":
            return False
        entry: dict[str, Any] = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "question": question[:QUESTION_CHARS],
            "outcome": result,
            "intent": reply.intent,
            "candidates": reply.meta.get("candidates", []),
            "not_understood": reply.meta.get("not_understood", []),
            "chat": hash_chat(chat),
        }
        line = json.dumps(entry, ensure_ascii=False) + "\n"
        try:
            with self._lock:
                self._rotate_if_full(len(line.encode()))
                with self.path.open("a", encoding="utf-8") as out:
                    out.write(line)
        except OSError as exc:  # a full disk must not stop the answers
            logger.warning("could not write the unanswered log %s: %s", self.path, exc)
            return False
        return True

    def _rotate_if_full(self, adding: int) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.path.exists() and self.path.stat().st_size + adding > self.max_bytes:
            self.path.replace(self.path.with_name(self.path.name + ".1"))


def read_entries(path: Path) -> list[dict[str, Any]]:
    """Entries of the log and its rotated predecessor, oldest first; bad lines skipped."""
    entries: list[dict[str, Any]] = []
    for part in (path.with_name(path.name + ".1"), path):
        if not part.exists():
            continue
        for line in part.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                item = json.loads(line)
            except ValueError:
                continue
            if isinstance(item, dict) and isinstance(item.get("question"), str):
                entries.append(item)
    return entries


def summarise(path: Path, top: int = 15) -> str:
    entries = read_entries(path)
    if not entries:
        return f"{path}: no unanswered questions logged."
    outcomes = Counter(str(e.get("outcome")) for e in entries)
    questions = Counter(same_question(e["question"]) for e in entries)
    near: Counter[str] = Counter()
    for e in entries:
        for candidate in e.get("candidates") or []:
            if isinstance(candidate, list) and candidate:
                near[str(candidate[0])] += 1
    first, last = entries[0].get("time", "?"), entries[-1].get("time", "?")
    lines = [
        f"{path}: {len(entries)} unanswered questions from {first} to {last}",
        "  " + ", ".join(f"{name} {n}" for name, n in outcomes.most_common()),
        "",
        "Most frequent:",
    ]
    lines += [f"  {n:5d}  {q}" for q, n in questions.most_common(top)]
    if near:
        lines += ["", "Names they came closest to:"]
        lines += [f"  {n:5d}  {name}" for name, n in near.most_common(top)]
    return "\n".join(lines)
