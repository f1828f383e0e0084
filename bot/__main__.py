"""Command line: python -m bot COMMAND (installed: cluster-bot COMMAND).

    console           ask questions in the terminal (or piped, one per line)
    ask QUESTION      one answer, plain text; ask --jsonl: the batch contract
    check-knowledge   validate the knowledge folder
    unanswered        summarise the unanswered log
    schema            the JSON Schema of the knowledge files
    telegram          the Telegram bot (needs TELEGRAM_BOT_TOKEN)
    run               Telegram when a token is set, else the console

Every command takes --knowledge PATH (or KNOWLEDGE_PATH); see COMMAND --help.
Exit codes: 0 done, 1 the command failed (see its --help), 2 misuse, bad settings or
knowledge.
"""

from __future__ import annotations

import argparse
import io
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from bot.knowledge import Knowledge, KnowledgeError
from bot.logsafety import configure_logging, url_password
from bot.startup import StartupError, load_settings

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.engine import Engine
    from bot.operations import Operations

PROG = "cluster-bot"
EXAMPLE_QUESTION = "what did CLUSGRID get from the EU"

# (command, one line for the list, what it does and an example, for COMMAND --help)
COMMANDS: list[tuple[str, str, str]] = [
    (
        "console",
        "ask questions in the terminal",
        "Ask questions in the terminal, with follow-ups, /help and the maintainers' commands "
        "(/reload, /stats, /unanswered). Piped, it answers one question per line.\n\n"
        "examples:\n  python -m bot console\n"
        "  printf 'what did CLUSGRID get\\nand ECRI?\\n' | python -m bot console",
    ),
    (
        "ask",
        "answer one question, or JSON lines",
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
        "is no log there yet.\n\n"
        "examples:\n  python -m bot unanswered            # the log UNANSWERED_LOG names\n"
        "  python -m bot unanswered old-unanswered.jsonl",
    ),
    (
        "schema",
        "print the JSON Schema of the knowledge files",
        "Print the JSON Schema of the knowledge files, made from the bot's own models and "
        "the fields in fields.yaml. Each YAML file names it on its first line, so editors "
        "with the YAML language server check and complete the files as you type.\n\n"
        "examples:\n  python -m bot schema\n"
        "  python -m bot schema --output knowledge/knowledge.schema.json",
    ),
    (
        "telegram",
        "run the Telegram bot",
        "Run the Telegram bot (long polling, or a webhook when WEBHOOK_URL is set). Needs "
        "TELEGRAM_BOT_TOKEN in the environment or .env. Exit 1 if Telegram refuses to "
        "start it, 3 if it revokes the token while running.\n\n"
        "example:\n  TELEGRAM_BOT_TOKEN=123:abc python -m bot telegram",
    ),
    (
        "run",
        "Telegram if a token is set, else the console",
        "Start the Telegram bot when TELEGRAM_BOT_TOKEN is set (environment or .env), "
        "otherwise the console. This is what `make run` does.\n\nexample:\n  python -m bot run",
    ),
]


class Parser(argparse.ArgumentParser):
    """argparse with misuse said in one line, with where to read more."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


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
        prog=PROG, description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, summary, text in wanted:
        command = sub.add_parser(
            name,
            parents=[common],
            help=summary,
            description=text,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        for flag, options in ARGUMENTS.get(name, []):
            command.add_argument(flag, **options)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = _parser(arguments)
    args = parser.parse_args(arguments)
    try:
        settings = load_settings(args.knowledge)
    except StartupError as exc:
        print(f"Settings: {exc}", file=sys.stderr)
        return 2
    configure_logging(settings.log_level, settings_secrets(settings))
    if args.command == "unanswered":
        return _unanswered(args, settings)
    if args.command == "ask":
        misuse = _ask_misuse(args)
        if misuse:
            parser.exit(2, f"{PROG} ask: {misuse} (see {PROG} ask --help)\n")
    try:
        if args.command in ("check-knowledge", "schema"):  # always read and validated
            from bot.knowledge import load_knowledge

            knowledge = load_knowledge(settings.knowledge_path)
            if args.command == "schema":
                return _schema(knowledge, args.output)
            return _check(knowledge, settings)  # prints the warnings itself
        from bot.cache import engine_for

        engine = engine_for(settings.knowledge_path, _build)
    except KnowledgeError as exc:
        for issue in exc.issues:
            print(issue, file=sys.stderr)
        print(f"{len(exc.issues)} error(s) in {settings.knowledge_path}", file=sys.stderr)
        return 2
    for warning in engine.knowledge.warnings:
        logging.getLogger("bot.knowledge").warning("%s", warning)
    return _serve(args, settings, engine)


def _build(folder: Path) -> Engine:
    """The engine for ``folder``, its indexes built (it is kept in the cache as it is)."""
    from bot.engine import Engine
    from bot.knowledge import load_knowledge

    return Engine(load_knowledge(folder)).warm()


def settings_secrets(settings: Settings) -> list[str | None]:
    """Everything in the settings that must never be logged."""
    return [
        settings.token,
        settings.webhook_secret_value,
        url_password(settings.telegram_api_base_url),
        url_password(settings.webhook_url),
    ]


def _ask_misuse(args: argparse.Namespace) -> str | None:
    """Why ``ask`` cannot run as called, or ``None``. With no question and a terminal on
    stdin it would wait for ever; with both a question and --jsonl one would be ignored."""
    if args.jsonl and args.question:
        return "give either a question or --jsonl (JSON lines on stdin), not both"
    if not args.jsonl and not args.question and sys.stdin.isatty():
        return f'what is the question? For example: {PROG} ask "{EXAMPLE_QUESTION}"'
    return None


def _check(knowledge: Knowledge, settings: Settings) -> int:
    for warning in knowledge.warnings:
        print(warning)
    print(
        f"{settings.knowledge_path}: OK — {len(knowledge.projects)} projects, "
        f"{len(knowledge.calls)} calls, {len(knowledge.warnings)} warning(s)"
    )
    return 0


def _schema(knowledge: Knowledge, output: str | None) -> int:
    from bot.knowledge.json_schema import schema_text

    text = schema_text(knowledge)
    if output is None:
        sys.stdout.write(text)
        return 0
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"{PROG} schema: cannot write {output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"Wrote the knowledge schema to {output}", file=sys.stderr)
    return 0


def _unanswered(args: argparse.Namespace, settings: Settings) -> int:
    from bot.unanswered import summarise

    log = args.log or settings.unanswered_log
    if log is None:
        print(
            f"{PROG} unanswered: which log? Pass its path, or set UNANSWERED_LOG "
            "(see .env.example).",
            file=sys.stderr,
        )
        return 2
    path = Path(log)
    if not path.is_file() and not path.with_name(path.name + ".1").is_file():
        print(
            f"{PROG} unanswered: no log at {path} yet. The bot writes it when UNANSWERED_LOG "
            "names it and a question goes unanswered.",
            file=sys.stderr,
        )
        return 1
    print(summarise(path))
    return 0


def _ask(ops: Operations, args: argparse.Namespace) -> int:
    """One question, or the batch contract; UTF-8 out whatever the locale, and a closed pipe
    (``... | head -1``) ends quietly."""
    from bot.engine import Context

    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", errors="replace", newline="\n")
    try:
        if args.jsonl:
            from bot.frontends.batch import run_jsonl

            return 1 if run_jsonl(ops, sys.stdin.buffer, out) else 0
        question = " ".join(args.question) if args.question else sys.stdin.read()
        if not question.strip():
            print(f"{PROG} ask: the question is empty (see {PROG} ask --help)", file=sys.stderr)
            return 2
        out.write(ops.answer(question, Context(), "ask", "ask").text + "\n")
        out.flush()
        return 0
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # Python would complain again at exit
        return 0


def _serve(args: argparse.Namespace, settings: Settings, engine: Engine) -> int:
    from bot.operations import Operations

    ops = Operations(engine, settings)
    if args.command == "ask":
        return _ask(ops, args)

    if args.command == "telegram" or (args.command == "run" and settings.token):
        from bot.frontends.telegram import run_telegram

        return run_telegram(ops, settings)

    from bot.frontends.console import run_console

    if args.command == "run":
        print(
            "Console mode. To start the Telegram bot instead, set TELEGRAM_BOT_TOKEN "
            "in .env (see .env.example) and run `make run` again.",
            file=sys.stderr,
        )
    return run_console(ops)


if __name__ == "__main__":
    sys.exit(main())
