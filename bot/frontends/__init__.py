"""Thin adapters between people and ``bot.operations``: the console, the batch contract
(``ask --jsonl``) and Telegram (``frontends/telegram``). Each turns its input into calls on
``Operations`` and its replies into text, JSON lines or messages."""
