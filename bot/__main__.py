"""Command line: ``python -m bot console | ask | telegram | check-knowledge | run``.

    python -m bot console                 interactive questions (or piped, one per line)
    python -m bot ask "QUESTION"          one answer, plain text
    python -m bot ask --jsonl             the batch contract (see bot.frontends.batch)
    python -m bot check-knowledge [PATH]  validate a knowledge folder
    python -m bot unanswered [LOG]        what the bot could not answer, most frequent first
    python -m bot telegram                the Telegram bot (needs TELEGRAM_BOT_TOKEN)
    python -m bot run                     Telegram when a token is set, else the console

Every command accepts --knowledge PATH (or KNOWLEDGE_PATH in the environment).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bot.config import Settings, SettingsError
from bot.knowledge import Knowledge, KnowledgeError, load_knowledge
from bot.logsafety import configure_logging, url_password

if TYPE_CHECKING:
    from bot.engine import Engine


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--knowledge", metavar="PATH", help="knowledge folder to answer from")
    parser = argparse.ArgumentParser(prog="cluster-bot", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("console", parents=[common], help="interactive console")
    ask = sub.add_parser("ask", parents=[common], help="answer one question or JSON lines")
    ask.add_argument("question", nargs="*", help="the question")
    ask.add_argument(
        "--jsonl",
        action="store_true",
        help='read {"chat": ..., "text": ...} lines from stdin; one JSON line out per line in; '
        "exit 1 if any line could not be answered",
    )
    check = sub.add_parser("check-knowledge", parents=[common], help="validate knowledge")
    check.add_argument("path", nargs="?", help="knowledge folder (default: the bot's)")
    sub.add_parser("telegram", parents=[common], help="the Telegram bot")
    unanswered = sub.add_parser("unanswered", parents=[common], help="summarise the log")
    unanswered.add_argument("log", nargs="?", help="the log (default: UNANSWERED_LOG)")
    sub.add_parser("run", parents=[common], help="Telegram if a token is set, else console")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    knowledge_arg = getattr(args, "path", None) or args.knowledge
    try:
        settings = Settings.load(knowledge_arg)
    except SettingsError as exc:
        print(f"Settings: {exc}", file=sys.stderr)
        return 2
    configure_logging(settings.log_level, settings_secrets(settings))
    if args.command == "unanswered":
        return _unanswered(args, settings)
    try:
        knowledge = load_knowledge(settings.knowledge_path)
    except KnowledgeError as exc:
        for issue in exc.issues:
            print(issue, file=sys.stderr)
        print(f"{len(exc.issues)} error(s) in {settings.knowledge_path}", file=sys.stderr)
        return 2
    if args.command == "check-knowledge":
        for warning in knowledge.warnings:
            print(warning)
        print(
            f"{settings.knowledge_path}: OK — {len(knowledge.projects)} projects, "
            f"{len(knowledge.calls)} calls, {len(knowledge.warnings)} warning(s)"
        )
        return 0
    return _serve(args, settings, knowledge)


def settings_secrets(settings: Settings) -> list[str | None]:
    """Everything in the settings that must never be logged."""
    return [
        settings.telegram_bot_token,
        settings.webhook_secret,
        url_password(settings.telegram_api_base_url),
        url_password(settings.webhook_url),
    ]


def _unanswered(args: argparse.Namespace, settings: Settings) -> int:
    from bot.unanswered import summarise

    log = args.log or settings.unanswered_log
    if log is None:
        print("No log given: pass its path, or set UNANSWERED_LOG.", file=sys.stderr)
        return 2
    print(summarise(Path(log)))
    return 0


def _ask(engine: Engine, args: argparse.Namespace) -> int:
    """One question, or the batch contract; UTF-8 out whatever the locale, and a closed pipe
    (``... | head -1``) ends quietly."""
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", errors="replace", newline="\n")
    try:
        if args.jsonl:
            from bot.frontends.batch import run_jsonl

            return 1 if run_jsonl(engine, sys.stdin.buffer, out) else 0
        question = " ".join(args.question) if args.question else sys.stdin.read()
        out.write(engine.answer(question).text + "\n")
        out.flush()
        return 0
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # Python would complain again at exit
        return 0


def _serve(args: argparse.Namespace, settings: Settings, knowledge: Knowledge) -> int:
    from bot.engine import Engine

    engine = Engine(knowledge)
    if args.command == "ask":
        return _ask(engine, args)

    if args.command == "telegram" or (args.command == "run" and settings.telegram_bot_token):
        from bot.frontends.telegram import run_telegram

        return run_telegram(engine, settings)

    from bot.frontends.console import run_console

    if args.command == "run":
        print(
            "Console mode. To start the Telegram bot instead, set TELEGRAM_BOT_TOKEN "
            "in .env (see .env.example) and run `make run` again.",
            file=sys.stderr,
        )
    return run_console(engine)


if __name__ == "__main__":
    sys.exit(main())
