"""The command line's grammar: every command, its help and its arguments (argparse).

``python -m bot ask QUESTION`` with no option is read without building any of this (see
``bot.__main__``): importing argparse and building a parser costs more than the answer.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any, NoReturn

from bot import EXAMPLE_QUESTION, PROG

# (command, one line for the list, what it does and an example, for COMMAND --help)
COMMANDS: list[tuple[str, str, str]] = [
    (
        "console",
        "ask questions in the terminal (or piped, one per line)",
        "Ask questions in the terminal, with follow-ups, /help and the maintainers' commands "
        "(/reload, /stats, /unanswered). Piped, it answers one question per line.\n\n"
        "examples:\n  python -m bot console\n"
        "  printf 'what did CLUSGRID get\\nand ECRI?\\n' | python -m bot console",
    ),
    (
        "ask",
        "one answer, plain text; ask --jsonl: the batch contract",
        "Answer one question (from the arguments, else from stdin) in plain text. With "
        '--jsonl, read {"chat": ..., "text": ...} lines from stdin and write one JSON line '
        "per line in; exit 1 if any line could not be answered.\n\n"
        f'examples:\n  python -m bot ask "{EXAMPLE_QUESTION}"\n'
        '  echo \'{"chat": "1", "text": "which call had the most projects?"}\' '
        "| python -m bot ask --jsonl",
    ),
    (
        "check-knowledge",
        "validate the knowledge folder",
        "Validate the knowledge folder: every error as file:line: where: what, warnings too. "
        "Exit 2 when it has errors.\n\n"
        "examples:\n  python -m bot check-knowledge\n"
        "  python -m bot check-knowledge --knowledge my-copy/knowledge",
    ),
    (
        "unanswered",
        "summarise the unanswered log",
        "Summarise the unanswered log (declines and ask-backs, most frequent first). The "
        "bot writes it from every front end when UNANSWERED_LOG is set. Exit 1 if there "
        "is no log there yet, 2 if no log is named (no LOG, no UNANSWERED_LOG).\n\n"
        "examples:\n  python -m bot unanswered            # the log UNANSWERED_LOG names\n"
        "  python -m bot unanswered old-unanswered.jsonl",
    ),
    (
        "schema",
        "the JSON Schema of the knowledge files",
        "Print the JSON Schema of the knowledge files, made from the bot's own models and "
        "the fields in fields.yaml. Each YAML file names it on its first line, so editors "
        "with the YAML language server check and complete the files as you type.\n\n"
        "examples:\n  python -m bot schema\n"
        "  python -m bot schema --output knowledge/knowledge.schema.json",
    ),
    (
        "telegram",
        "the Telegram bot (needs TELEGRAM_BOT_TOKEN)",
        "Run the Telegram bot (long polling, or a webhook when WEBHOOK_URL is set). Needs "
        "TELEGRAM_BOT_TOKEN in the environment or .env: without it, exit 2 like any bad "
        "setting. Exit 1 if Telegram refuses to start it, 3 if it revokes the token while "
        "running.\n\n"
        "example:\n  TELEGRAM_BOT_TOKEN=123:abc python -m bot telegram",
    ),
    (
        "run",
        "Telegram when a token is set, else the console",
        "Start the Telegram bot when TELEGRAM_BOT_TOKEN is set (environment or .env), "
        "otherwise the console. This is what `make run` does.\n\nexample:\n  python -m bot run",
    ),
]


# how each command is called, where its arguments say more than its name
USAGE = {"ask": "ask QUESTION", "unanswered": "unanswered [LOG]"}


def description() -> str:
    """The top-level help: every command once, with what it is for, and the exit codes."""
    width = max(len(USAGE.get(name, name)) for name, _, _ in COMMANDS) + 3
    listed = "\n".join(
        f"    {USAGE.get(name, name):<{width}}{summary}" for name, summary, _ in COMMANDS
    )
    return (
        f"Command line: python -m bot COMMAND (installed: {PROG} COMMAND).\n\n{listed}\n\n"
        "Every command takes --knowledge PATH (or KNOWLEDGE_PATH); see COMMAND --help.\n"
        "Exit codes: 0 done, 1 the command failed (see its --help), 2 misuse, bad settings "
        "or knowledge.\n"
    )


class Parser(argparse.ArgumentParser):
    """argparse with misuse said in one line, with where to read more."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


class Version(argparse.Action):
    """``--version``: the installed package's version, looked up only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> None:
        from bot.version import version

        print(f"{PROG} {version()}")
        parser.exit(0)


# each command's own arguments: (name or flag, keyword arguments of add_argument)
ARGUMENTS: dict[str, list[tuple[str, dict[str, Any]]]] = {
    "ask": [
        ("question", {"nargs": "*", "help": "the question (else read stdin)"}),
        ("--jsonl", {"action": "store_true", "help": "the batch contract: JSON lines in and out"}),
    ],
    "unanswered": [("log", {"nargs": "?", "help": "the log to read (default: UNANSWERED_LOG)"})],
    "schema": [
        ("--output", {"metavar": "FILE", "help": "write the schema here instead of printing it"})
    ],
}


def _parser(argv: Sequence[str] = ()) -> Parser:
    """The command line's parser. When ``argv`` names a command (and asks no help), only
    that command's parser is built: building all of them takes ~15 ms of a 0.1 s ``ask``,
    and the others are only needed to list them or to say that a command is unknown."""
    wanted = [c for c in COMMANDS if argv and c[0] == argv[0]]
    if not wanted or {"-h", "--help"} & set(argv):
        wanted = COMMANDS
    common = Parser(add_help=False)
    common.add_argument("--knowledge", metavar="PATH", help="knowledge folder to answer from")
    parser = Parser(
        prog=PROG,
        usage="%(prog)s [-h] [--version] COMMAND [--knowledge PATH] ...",
        description=description(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=Version, help="print the version and exit")
    # the description lists the commands: argparse's own list would say them again
    sub = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", help=argparse.SUPPRESS
    )
    for name, _, text in wanted:
        command = sub.add_parser(
            name,
            prog=f"{PROG} {name}",
            parents=[common],
            description=text,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        for flag, options in ARGUMENTS.get(name, []):
            command.add_argument(flag, **options)
    return parser


def parse(argv: Sequence[str]) -> argparse.Namespace:
    """``argv`` read by the parser (misuse, --help and unknown commands end the process)."""
    return _parser(argv).parse_args(argv)
