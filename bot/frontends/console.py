"""Console mode: ask questions in a terminal, or pipe them in one per line.

The console is where maintainers try the bot before they deploy, so it can do all that an
admin can do in Telegram: ``/reload``, ``/stats``, ``/unanswered``; and it reloads by itself
when a knowledge file is saved (checked before each question). ``/wrong`` disputes the last
answer, as Telegram's 👎 button does. Declines and ask-backs go
to the unanswered log when UNANSWERED_LOG is set, as in Telegram.

In a terminal: line editing and history (readline; the history file, in the platform's
state folder (``bot.places``), holds the questions typed and is readable by the user only),
answers wrapped to the terminal's width, Ctrl-C clears the line and Ctrl-D leaves. With stdin
not a terminal it prints each answer, separated by a blank line, with no prompt, no wrapping
and no escape codes.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import textwrap
from pathlib import Path
from types import ModuleType
from typing import IO

from bot import places
from bot.engine import Context, Reply
from bot.feedback import Verdict, rateable
from bot.operations import Operations

PROMPT = "you> "
HISTORY: Path | None = None  # the history file; None: the platform's place (bot.places)
CHAT = "console"  # how the console's questions are counted (hashed) in the unanswered log
COMMANDS: list[tuple[str, str]] = [
    ("/help", "what you can ask, with examples, and these commands"),
    ("/source", "where the answers come from"),
    ("/reset", "forget the conversation so far"),
    ("/reload", "load the knowledge folder again (saved edits are also picked up by themselves)"),
    ("/stats", "questions since start: answered, declined, asked back; the most missed"),
    ("/unanswered", "the unanswered log (UNANSWERED_LOG), most frequent first"),
    ("/wrong", "the last answer is wrong: it goes to the unanswered log, as disputed"),
    ("/quit", "leave (Ctrl-D works too; Ctrl-C clears the line)"),
]
QUIT = frozenset({"/quit", "/exit", "/q"})
# what /wrong says when it counted nothing (else: thanks, and an offer to rephrase)
AFTER_WRONG = {Verdict.AGAIN: "feedback_again", Verdict.GONE: "feedback_gone"}


def command_list() -> str:
    width = max(len(name) for name, _ in COMMANDS)
    return "Commands:\n" + "\n".join(f"  {name:<{width}}  {text}" for name, text in COMMANDS)


def wrap(text: str, width: int | None) -> str:
    """``text`` wrapped to ``width`` columns, line by line; a bullet's or an indented
    line's continuation lines up under its text. ``None``: as it is."""
    if not width:
        return text
    lines: list[str] = []
    for line in text.split("\n"):
        stripped = line.lstrip(" ")
        indent = " " * (len(line) - len(stripped))
        bullet = next((b for b in ("• ", "- ", "* ") if stripped.startswith(b)), "")
        lines.append(
            textwrap.fill(
                line,
                width,
                subsequent_indent=indent + " " * len(bullet),
                break_long_words=False,
                break_on_hyphens=False,
            )
            if len(line) > width
            else line
        )
    return "\n".join(lines)


class Console:
    def __init__(
        self, operations: Operations, out: IO[str] = sys.stdout, width: int | None = None
    ) -> None:
        self.ops = operations
        self.out = out
        self.width = width
        self.context = Context()
        self.last: Reply | None = None
        self.ballot: str | None = None  # the last answer's, for /wrong

    def handle(self, line: str) -> bool:
        """Answer one line; ``False`` when the user asked to leave."""
        text = line.strip()
        if not text:
            return True
        if text.startswith("/"):
            return self.command(text.split()[0].lower())
        changed = self.ops.reload_if_changed(settle=False, shown=True)
        if changed is not None:  # a knowledge file was saved since the last question
            self.say(changed.message)
        self.last = self.ops.answer(text, self.context, CHAT, "console")
        rated = rateable(self.last)
        self.ballot = self.ops.offer(text, self.last, self.context) if rated else None
        self.say(self.last.text)
        return True

    def command(self, name: str) -> bool:
        if name in QUIT:
            return False
        if name == "/help":
            self.say(self.ops.engine.help(Context()).text + "\n\n" + command_list())
        elif name == "/source":
            self.say(f"Source: {self.ops.engine.knowledge.programme.source.title}")
        elif name == "/reset":
            self.context = Context()
            self.say("Conversation forgotten.")
        elif name == "/reload":
            self.say(self.ops.reload(shown=True).message)  # said here, not again in the log
        elif name == "/stats":
            self.say(self.ops.stats_report())
        elif name == "/unanswered":
            self.say(self.ops.unanswered_report())
        elif name == "/wrong":
            self.say(self.wrong())
        else:
            self.say(f"I don't know the command {name}.\n{command_list()}")
        return True

    def wrong(self) -> str:
        """``/wrong``: the last answer disputed, once; what to say back."""
        if self.ballot is None:
            return self.ops.said("feedback_nothing")
        verdict = self.ops.vote(self.ballot, helpful=False, chat=CHAT)
        return self.ops.said(AFTER_WRONG.get(verdict, "feedback_rephrase"))

    def say(self, text: str) -> None:
        self.out.write(wrap(text, self.width) + "\n\n")
        self.out.flush()

    def run_piped(self, source: IO[str]) -> int:
        for line in source:
            if not self.handle(line):
                break
        return 0

    def run_interactive(self) -> int:
        history = HISTORY or places.history_file()  # none without a home folder
        readline = _readline(history)
        self.say("Cluster Excellence Programme bot. Ask a question, or /help. /quit to leave.")
        try:
            while self.handle(self.read_line()):
                pass
        except EOFError:  # Ctrl-D
            self.out.write("\n")
        finally:
            if readline is not None and history is not None:
                save_history(readline, history)
        self.out.write("Goodbye!\n")
        return 0

    def read_line(self) -> str:
        """The next line typed; Ctrl-C throws away what was typed and asks again."""
        while True:
            try:
                return input(PROMPT)
            except KeyboardInterrupt:
                self.out.write("\n")


def save_history(readline: ModuleType, path: Path) -> None:
    """Write the history to ``path``, readable by the user only whatever the umask and
    whichever readline writes it (libedit creates the file with the umask's mode)."""
    with contextlib.suppress(OSError):
        places.make_private_folder(path.parent)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            os.fchmod(descriptor, 0o600)  # a file an older version left readable
        finally:
            os.close(descriptor)
        readline.write_history_file(str(path))
        os.chmod(path, 0o600)  # a readline that wrote a new file in its place


def _readline(history: Path | None) -> ModuleType | None:
    """readline with ``history`` read (or, the first time, the file older versions kept in
    the home folder), or ``None`` where there is no readline."""
    try:
        import readline
    except ImportError:  # pragma: no cover - Windows without pyreadline
        return None
    if history is not None:
        legacy = places.legacy_history() if HISTORY is None else None
        source = legacy if not history.exists() and legacy and legacy.is_file() else history
        with contextlib.suppress(OSError):
            readline.read_history_file(str(source))
    readline.set_history_length(1000)
    return readline


def run_console(operations: Operations, source: IO[str] = sys.stdin) -> int:
    if source.isatty():
        width = shutil.get_terminal_size((100, 24)).columns - 1
        return Console(operations, width=max(width, 40)).run_interactive()
    return Console(operations).run_piped(source)
