"""The unanswered-question log: every decline and ask-back as one JSON line, for maintainers
to see what the knowledge base is missing. No user names; chat ids are hashed. The file is
capped: past ``max_bytes`` it is rotated to ``<name>.1`` (one old file kept, by the standard
library's ``RotatingFileHandler``), so the log never takes more than twice ``max_bytes`` of
disk. It holds what people wrote, so the log,
its rotation and its key are readable by the bot's user only (0600), whatever the umask.

    python -m bot unanswered [PATH]      summarise it
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import sys
import time
from collections import Counter
from io import TextIOWrapper
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Any

from bot.engine import Reply
from bot.feedback import Rated
from bot.stats import outcome, same_question

logger = logging.getLogger(__name__)
QUESTION_CHARS = 500  # kept of each question
PRIVATE = 0o600  # the mode of every file the log is made of
_SURROGATE = re.compile("[\ud800-\udfff]")  # a lone one cannot be written as UTF-8
DISPUTED = "disputed"  # the outcome of an answer someone said is wrong


def hash_chat(chat: object, key: bytes) -> str:
    """A chat id no one can recover without ``key`` (keyed BLAKE2b, 64 bits)."""
    return hashlib.blake2b(str(chat).encode(), key=key, digest_size=8).hexdigest()


def log_key(path: Path) -> bytes:
    """The secret that hashes chat ids in the log at ``path``: ``<path>.key`` beside it,
    made on first use (random, readable by the bot's user only) and kept, so that one chat
    keeps one hash. Without the key a hashed id cannot be tried against known ids."""
    key_file = path.with_name(path.name + ".key")
    try:
        key = key_file.read_bytes()
        if len(key) >= 16:
            return key[:64]
    except OSError:
        pass
    key = os.urandom(32)
    try:
        descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE)
        with os.fdopen(descriptor, "wb") as out:
            out.write(key)
    except OSError as exc:  # the log still works; hashes then change at each start
        logger.warning("could not keep the unanswered log's key in %s: %s", key_file, exc)
    return key


class PrivateRotatingFile(RotatingFileHandler):
    """A ``RotatingFileHandler`` whose file is created readable by the bot's user only
    (0600, whatever the umask; its rotation keeps the mode), and that keeps the error of
    its last write instead of printing a traceback, for the caller to say once."""

    def __init__(self, path: Path, max_bytes: int) -> None:
        super().__init__(path, maxBytes=max_bytes, backupCount=1, encoding="utf-8", delay=True)
        self.failed: Exception | None = None

    def _open(self) -> TextIOWrapper:
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)
        descriptor = os.open(self.baseFilename, flags, PRIVATE)
        return open(descriptor, "a", encoding=self.encoding, errors=self.errors)

    def handleError(self, record: logging.LogRecord) -> None:
        error = sys.exc_info()[1]
        self.failed = error if isinstance(error, Exception) else RuntimeError(str(error))


class UnansweredLog:
    def __init__(self, path: Path, max_bytes: int = 5_000_000) -> None:
        self.path = path
        self.max_bytes = max_bytes
        self.key = log_key(path)
        for part in (path, _rotated(path), path.with_name(path.name + ".key")):
            _make_private(part)  # files an older version left readable to others
        with contextlib.suppress(OSError):  # else said at the first write
            path.parent.mkdir(parents=True, exist_ok=True)
        self._file = PrivateRotatingFile(path, max_bytes)

    def record(self, question: str, reply: Reply, chat: object) -> bool:
        """Append ``question`` if the reply declined or asked back; ``True`` if written."""
        result = outcome(reply)
        if result == "answered":
            return False
        return self._write(
            {
                "question": question,
                "outcome": result,
                "intent": reply.intent,
                "candidates": reply.meta.get("candidates", []),
                "not_understood": reply.meta.get("not_understood", []),
            },
            chat,
        )

    def dispute(self, answer: Rated, chat: object) -> bool:
        """Append an answer someone said is wrong (👎, ``/wrong``): the question, the answer
        and the reading the bot used, as ``disputed``; ``True`` if written."""
        entry = {
            "question": answer.question,
            "outcome": DISPUTED,
            "intent": answer.intent,
            "answer": _SURROGATE.sub("\ufffd", answer.answer),
            "reading": answer.reading,
        }
        return self._write(entry, chat)

    def _write(self, entry: dict[str, Any], chat: object) -> bool:
        """One line: the time first, the question cut short, the chat hashed."""
        question = _SURROGATE.sub("\ufffd", str(entry["question"])[:QUESTION_CHARS])
        line = json.dumps(
            {
                "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                **entry,
                "question": question,
                "chat": hash_chat(chat, self.key),
            },
            ensure_ascii=False,
        )
        with self._file.lock or contextlib.nullcontext():  # the check and the write, together
            self._file.failed = None
            self._file.emit(logging.makeLogRecord({"msg": line, "levelno": logging.INFO}))
            failed = self._file.failed
        if failed is not None:  # a full disk must not stop the answers
            logger.warning("could not write the unanswered log %s: %s", self.path, failed)
            return False
        return True

    def close(self) -> None:
        self._file.close()


def _rotated(path: Path) -> Path:
    return path.with_name(path.name + ".1")


def _make_private(path: Path) -> None:
    """Readable by the bot's user only, if it exists (and is the bot's to change)."""
    try:
        if path.stat().st_mode & 0o077:
            path.chmod(PRIVATE)
    except OSError:
        pass


def read_entries(path: Path) -> list[dict[str, Any]]:
    """Entries of the log and its rotated predecessor, oldest first; bad lines skipped."""
    entries: list[dict[str, Any]] = []
    for part in (_rotated(path), path):
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
    """The log in short: disputed answers first (what people said is wrong), then the
    questions not answered, most frequent first, and the names they came closest to."""
    entries = read_entries(path)
    if not entries:
        return f"{path}: no unanswered questions logged."
    disputed = [e for e in entries if e.get("outcome") == DISPUTED]
    unanswered = [e for e in entries if e.get("outcome") != DISPUTED]
    outcomes = Counter(str(e.get("outcome")) for e in entries)
    near: Counter[str] = Counter()
    for e in unanswered:
        for candidate in e.get("candidates") or []:
            if isinstance(candidate, list) and candidate:
                near[str(candidate[0])] += 1
    first, last = entries[0].get("time", "?"), entries[-1].get("time", "?")
    also = f" and {len(disputed)} disputed answers" if disputed else ""
    lines = [
        f"{path}: {len(unanswered)} unanswered questions{also} from {first} to {last}",
        "  " + ", ".join(f"{name} {n}" for name, n in outcomes.most_common()),
    ]
    if disputed:
        said = Counter(
            (same_question(e["question"]), _first_line(e.get("answer"))) for e in disputed
        )
        lines += ["", "Disputed answers (👎), most frequent first:"]
        lines += [f"  {n:5d}  {q} → {answer}" for (q, answer), n in said.most_common(top)]
    if unanswered:
        questions = Counter(same_question(e["question"]) for e in unanswered)
        lines += ["", "Most frequent:"]
        lines += [f"  {n:5d}  {q}" for q, n in questions.most_common(top)]
    if near:
        lines += ["", "Names they came closest to:"]
        lines += [f"  {n:5d}  {name}" for name, n in near.most_common(top)]
    return "\n".join(lines)


def _first_line(answer: object, limit: int = 120) -> str:
    line = str(answer or "").strip().split("\n", 1)[0]
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
