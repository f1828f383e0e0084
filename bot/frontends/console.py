"""Console mode: ask questions in a terminal, or pipe them in one per line.

In a terminal there is line editing and history (readline), ``/help``, ``/source``,
``/reset`` and ``/quit``; Ctrl-D and Ctrl-C leave cleanly. With stdin not a terminal it
prints each answer, separated by a blank line, with no prompt and no escape codes.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from types import ModuleType
from typing import IO

from bot.engine import Context, Engine, Reply

PROMPT = "you> "
HISTORY = Path.home() / ".cluster_bot_history"
COMMANDS = """Commands:
  /help    what you can ask, with examples
  /source  where the answers come from
  /reset   forget the conversation so far
  /quit    leave (Ctrl-D works too)"""


class Console:
    def __init__(self, engine: Engine, out: IO[str] = sys.stdout) -> None:
        self.engine = engine
        self.out = out
        self.context = Context()
        self.last: Reply | None = None

    def handle(self, line: str) -> bool:
        """Answer one line; ``False`` when the user asked to leave."""
        text = line.strip()
        if not text:
            return True
        command = text.lower().split()[0]
        if command in ("/quit", "/exit", "/q"):
            return False
        if command == "/help":
            self.say(self.engine.answer("help", Context()).text + "\n\n" + COMMANDS)
        elif command == "/source":
            self.say(f"Source: {self.engine.knowledge.programme.source.title}")
        elif command == "/reset":
            self.context = Context()
            self.say("Conversation forgotten.")
        elif command.startswith("/"):
            self.say(f"Unknown command {command}.\n{COMMANDS}")
        else:
            self.last = self.engine.answer(text, self.context)
            self.say(self.last.text)
        return True

    def say(self, text: str) -> None:
        self.out.write(text + "\n\n")
        self.out.flush()

    def run_piped(self, source: IO[str]) -> int:
        for line in source:
            if not self.handle(line):
                break
        return 0

    def run_interactive(self) -> int:
        readline = _readline()
        self.say("Cluster Excellence Programme bot. Ask a question, or /help. /quit to leave.")
        try:
            while True:
                try:
                    line = input(PROMPT)
                except EOFError:
                    self.out.write("\n")
                    break
                if not self.handle(line):
                    break
        except KeyboardInterrupt:
            self.out.write("\n")
        finally:
            if readline is not None:
                with contextlib.suppress(OSError):
                    readline.write_history_file(HISTORY)
        self.out.write("Goodbye!\n")
        return 0


def _readline() -> ModuleType | None:
    try:
        import readline
    except ImportError:  # pragma: no cover - Windows without pyreadline
        return None
    with contextlib.suppress(OSError):
        readline.read_history_file(HISTORY)
    readline.set_history_length(1000)
    return readline


def run_console(engine: Engine, source: IO[str] = sys.stdin) -> int:
    console = Console(engine)
    if source.isatty():
        return console.run_interactive()
    return console.run_piped(source)
