"""The Telegram path of the bot beside the echo bot's, in one process, the network stubbed:
CPU time per update of each, rounds in turns. Steadier than the wall-clock benchmark
(``bench_telegram.py``), and profilable: ``--profile FILE`` writes cProfile stats of one
round of the bot.

    python tests/bench_telegram_inprocess.py [--projects N] [--rounds N] [--profile FILE]

Both are real PTB Applications (handlers, update processors, rate limiters, PTB objects);
only HTTP is replaced, by a stub that answers as the fake server does and whose own time is
not counted. The updates are those of the load run: 500 chats, a fifth of them groups.
A benchmark, not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import itertools
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent))

from telegram import Update
from telegram.ext import Application, ApplicationBuilder, MessageHandler, filters
from telegram.request import BaseRequest, RequestData

import bot.frontends.telegram.app as telegram_app
from bench_telegram import knowledge_folder
from bot import collector
from bot.bench import questions
from bot.config import Settings
from bot.engine import Engine
from bot.knowledge import load_knowledge
from echo_bot import echo
from fake_telegram import BOT_ID, BOT_USERNAME, TOKEN

ME = {"id": BOT_ID, "is_bot": True, "first_name": "Cluster", "username": BOT_USERNAME}
App = Application[Any, Any, Any, Any, Any, Any]


class StubRequest(BaseRequest):
    """Answers at once, as the fake server would; keeps count of its own CPU time."""

    def __init__(self) -> None:
        self.spent = 0.0
        self.sent = 0
        self.ids = itertools.count(1_000_000)

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    @property
    def read_timeout(self) -> float:
        return 5.0

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, **_: Any
    ) -> tuple[int, bytes]:
        started = time.process_time()
        endpoint = url.rsplit("/", 1)[-1]
        params = request_data.parameters if request_data else {}
        result: Any = True
        if endpoint == "getMe":
            result = ME
        elif endpoint == "sendMessage":
            self.sent += 1
            chat = int(str(params["chat_id"]))
            kind = "private" if chat > 0 else "group"
            result = {"message_id": next(self.ids), "date": 1, "chat": {"id": chat, "type": kind}}
            result |= {"from": ME, "text": params["text"]}
            if params.get("reply_markup"):
                markup = params["reply_markup"]
                result["reply_markup"] = json.loads(markup) if isinstance(markup, str) else markup
        body = json.dumps({"ok": True, "result": result}).encode()
        self.spent += time.process_time() - started
        await asyncio.sleep(0)
        return 200, body


def updates(texts: list[str], first: int) -> list[dict[str, Any]]:
    """The load run's updates: 500 chats, the first 100 of them groups (the bot mentioned)."""
    out = []
    for i, text in enumerate(texts):
        slot, number = i % 500, first + i
        if slot < 100:
            chat = {"id": -(10**6 + slot), "type": "group", "title": "Group"}
            user = {"id": 10**7 + slot * 2 + i % 2, "is_bot": False, "first_name": "Ann"}
            mention = {"type": "mention", "offset": 0, "length": len(BOT_USERNAME) + 1}
            body = {"text": f"@{BOT_USERNAME} {text}", "entities": [mention]}
        else:
            chat = {"id": 10**6 + slot, "type": "private", "first_name": "Ann"}
            user = {"id": 10**6 + slot, "is_bot": False, "first_name": "Ann"}
            body = {"text": text}
        message = {"message_id": number, "date": 1, "chat": chat, "from": user, **body}
        out.append({"update_id": number, "message": message})
    return out


async def cpu_per_update(app: App, stub: StubRequest, bodies: list[dict[str, Any]]) -> float:
    """Microseconds of CPU per update, from parsing it to its answer sent, the stub's own
    time left out."""
    sent, spent = stub.sent, stub.spent
    started = time.process_time()
    for body in bodies:
        await app.update_queue.put(Update.de_json(body, app.bot))
    while stub.sent - sent < len(bodies):
        await asyncio.sleep(0.001)
    return (time.process_time() - started - (stub.spent - spent)) / len(bodies) * 1e6


def echo_app(settings: Settings, stub: StubRequest) -> App:
    """The echo bot of ``echo_bot.py``, on the stub."""
    builder = ApplicationBuilder().token(TOKEN).request(stub).get_updates_request(StubRequest())
    builder = builder.rate_limiter(telegram_app.rate_limiter(settings))
    app = builder.concurrent_updates(telegram_app.CONCURRENT_UPDATES).build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    return app


async def compare(folder: Path, rounds: int, profile: str | None) -> None:
    settings = Settings(
        knowledge_path=folder,
        telegram_bot_token=TOKEN,
        telegram_rate_per_second=100_000.0,
        telegram_group_rate_per_minute=1_000_000.0,
        state_path=None,
    )
    knowledge = load_knowledge(folder)
    ours_stub, echo_stub = StubRequest(), StubRequest()
    with mock.patch.object(telegram_app, "WatchfulRequest", lambda *_, **__: ours_stub):
        ours = telegram_app.build_application(Engine(knowledge).warm(), settings)
    apps = {"bot": (ours, ours_stub), "echo bot": (echo_app(settings, echo_stub), echo_stub)}
    for app, _ in apps.values():
        await app.initialize()
        await app.start()
    collector.settle()
    texts = questions(knowledge, 2000)
    numbers = itertools.count(1, len(texts))
    found: dict[str, list[float]] = {name: [] for name in apps}
    for round_ in range(rounds + 1):  # the first round warms both up and is not counted
        for name, (app, stub) in apps.items() if round_ % 2 else reversed(apps.items()):
            micros = await cpu_per_update(app, stub, updates(texts, next(numbers)))
            if round_:
                found[name].append(micros)
    if profile:
        profiler = cProfile.Profile()
        profiler.enable()
        await cpu_per_update(ours, ours_stub, updates(texts, next(numbers)))
        profiler.disable()
        profiler.dump_stats(profile)
    for app, _ in apps.values():
        await app.stop()
        await app.shutdown()
    bot, echoed = statistics.median(found["bot"]), statistics.median(found["echo bot"])
    print(f"CPU per update, medians of {rounds} rounds in turns:")
    print(f"  the bot {bot:.0f} µs ({', '.join(f'{x:.0f}' for x in found['bot'])})")
    print(f"  the echo bot {echoed:.0f} µs ({', '.join(f'{x:.0f}' for x in found['echo bot'])})")
    print(f"  echo bot / bot: {echoed / bot:.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--projects", type=int, default=12, help="knowledge of N projects")
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--profile", help="write cProfile stats of one round of the bot here")
    args = parser.parse_args()
    os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")
    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(compare(knowledge_folder(args.projects, Path(tmp)), args.rounds, args.profile))
    return 0


if __name__ == "__main__":
    sys.exit(main())
