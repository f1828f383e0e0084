"""The bot's commands as Telegram shows them: the menu everyone sees (``setMyCommands``)
and the list at the end of ``/help`` (with the maintainers' commands for them only)."""

from __future__ import annotations

import html

from telegram import BotCommand

from bot.frontends.telegram.admin import ADMIN_COMMANDS

COMMANDS: list[tuple[str, str, str]] = [
    # (command, menu description, usage shown in /help)
    ("start", "What I know, with example questions", "/start"),
    ("help", "What you can ask", "/help"),
    ("ask", "Ask a question in plain words", "/ask <question>"),
    ("projects", "All projects, by call", "/projects"),
    ("calls", "The calls for proposals", "/calls"),
    ("project", "One project's card, by name", "/project <name>"),
]


def bot_commands() -> list[BotCommand]:
    """The command menu Telegram shows, registered with ``setMyCommands`` at start-up."""
    return [BotCommand(name, description) for name, description, _ in COMMANDS]


def usage_html(admin: bool) -> str:
    """The commands, as ``/help`` ends; the maintainers' too when ``admin``."""
    usage = "\n".join(
        f"{html.escape(use, quote=False)} — {html.escape(text, quote=False)}"
        for _, text, use in COMMANDS
    )
    text = f"\n\n<b>Commands</b>\n{usage}"
    if admin:
        lines = "\n".join(f"/{name} — {html.escape(text)}" for name, text in ADMIN_COMMANDS)
        text += f"\n\n<b>For maintainers</b>\n{lines}"
    return text
