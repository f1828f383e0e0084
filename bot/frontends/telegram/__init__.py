"""The Telegram front end (python-telegram-bot v22). Only this package imports ``telegram``."""

from bot.frontends.telegram.app import build_application, run_telegram, running
from bot.frontends.telegram.handlers import TelegramFrontend, bot_commands

__all__ = ["TelegramFrontend", "bot_commands", "build_application", "run_telegram", "running"]
