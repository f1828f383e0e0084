"""Command line: python -m bot COMMAND (installed: cluster-bot COMMAND).

This module runs the commands; what they are, their help and their arguments are in
``bot.commandline`` (``python -m bot --help`` lists them). A plain ``ask QUESTION`` is read
here without argparse (see ``_plain_ask``).
"""

from __future__ import annotations

import io
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, cast

from bot import EXAMPLE_QUESTION, NO_TOKEN, PROG
from bot.knowledge import Knowledge, KnowledgeError
from bot.logsafety import configure_logging, url_password
from bot.startup import StartupError, load_settings

if TYPE_CHECKING:
    from argparse import Namespace

    from bot.config import Settings
    from bot.engine import Engine
    from bot.operations import Operations


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    args = _plain_ask(arguments)
    if args is None:
        from bot.commandline import parse

        args = parse(arguments)
    try:
        settings = load_settings(args.knowledge)
    except StartupError as exc:
        print(f"Settings: {exc}", file=sys.stderr)
        return 2
    configure_logging(settings.log_level, settings_secrets(settings), settings.log_format)
    if args.command == "unanswered":
        return _unanswered(args, settings)
    misuse = _ask_misuse(args) if args.command == "ask" else None
    if misuse:
        print(f"{PROG} ask: {misuse} (see {PROG} ask --help)", file=sys.stderr)
        return 2
    if args.command in ("check-knowledge", "schema"):  # always read and validated
        return _validate(args, settings)
    if args.command == "telegram" and not settings.token:
        print(f"Settings: {NO_TOKEN}", file=sys.stderr)
        return 2
    engine = _engine(settings)
    return 2 if engine is None else _serve(args, settings, engine)


def _validate(args: Namespace, settings: Settings) -> int:
    """``check-knowledge`` and ``schema``: the folder read and validated, never cached."""
    from bot.knowledge import load_knowledge

    try:
        knowledge = load_knowledge(settings.knowledge_path)
    except KnowledgeError as exc:
        return _knowledge_errors(exc, settings)
    if args.command == "schema":
        return _schema(knowledge, args.output)
    return _check(knowledge, settings)  # prints the warnings itself


def _engine(settings: Settings) -> Engine | None:
    """The engine, from the cache when it can; ``None`` (the errors said) if the knowledge
    folder is broken."""
    from bot.cache import engine_for

    try:
        engine = engine_for(settings.knowledge_path, _build)
    except KnowledgeError as exc:
        _knowledge_errors(exc, settings)
        return None
    for warning in engine.knowledge.warnings:
        logging.getLogger("bot.knowledge").warning("%s", warning)
    return engine


def _knowledge_errors(exc: KnowledgeError, settings: Settings) -> int:
    for issue in exc.issues:
        print(issue, file=sys.stderr)
    print(f"{len(exc.issues)} error(s) in {shown(settings.knowledge_path)}", file=sys.stderr)
    return 2


def _plain_ask(arguments: list[str]) -> Namespace | None:
    """``ask`` followed by words and no option, the most common call, read without argparse
    (importing it and building the parser would be a tenth of the answer's time); anything
    else goes to ``bot.commandline``, which says what is wrong with it."""
    if len(arguments) < 2 or arguments[0] != "ask" or any(a.startswith("-") for a in arguments):
        return None
    plain = SimpleNamespace(command="ask", knowledge=None, jsonl=False, question=arguments[1:])
    return cast("Namespace", plain)


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


def _ask_misuse(args: Namespace) -> str | None:
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
        f"{shown(settings.knowledge_path)}: OK — {len(knowledge.projects)} projects, "
        f"{len(knowledge.calls)} calls, {len(knowledge.warnings)} warning(s)"
    )
    return 0


def shown(path: Path) -> str:
    """``path`` as the errors show files: relative to the working folder when inside it
    (``knowledge``, from a clone), else as it is."""
    relative = os.path.relpath(path)
    return relative if not relative.startswith("..") else str(path)


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


def _unanswered(args: Namespace, settings: Settings) -> int:
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


def _ask(ops: Operations, args: Namespace) -> int:
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


def _serve(args: Namespace, settings: Settings, engine: Engine) -> int:
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
