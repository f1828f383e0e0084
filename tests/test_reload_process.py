"""Reloads in the real process (``python -m bot telegram`` against the fake Bot API): two
that overlap end with the last file served, and the watcher still sees what comes after."""

from __future__ import annotations

import asyncio
import contextlib
import random
import signal
import time
from pathlib import Path

from bot.synthetic import full_names, project_yaml
from fake_telegram import TOKEN, FakeTelegram, visible_text
from test_telegram_process import bot_env, start_bot

ADMIN = 4242
ASK = "what did CLUSGRID get from the EU"
AMOUNT = "eu_contribution: 201545"


def padded(text: str, projects: int) -> str:
    """``text`` (projects.yaml) with ``projects`` more projects in call 3 (whose number of
    selected projects is not published, so calls.yaml stays as it is): seconds to read."""
    rng = random.Random(1)
    names = full_names(rng)
    extra = (project_yaml(rng, f"PAD{n:05d}", next(names), 3, 2018) for n in range(projects))
    return text.rstrip("\n") + "\n" + "".join(extra)


class Log:
    """The process's stderr, read as it comes (so a full pipe never blocks the bot)."""

    def __init__(self, stream: asyncio.StreamReader) -> None:
        self.lines: list[str] = []
        self.task = asyncio.create_task(self._read(stream))

    async def _read(self, stream: asyncio.StreamReader) -> None:
        while line := await stream.readline():
            self.lines.append(line.decode(errors="replace"))

    async def wait_for(self, text: str, count: int = 1, timeout: float = 60) -> list[str]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [line for line in self.lines if text in line]
            if len(found) >= count:
                return found
            await asyncio.sleep(0.05)
        raise AssertionError(f"{count} x {text!r} not in the log:\n{''.join(self.lines)[-3000:]}")


async def ask(tg: FakeTelegram, chat: int) -> str:
    tg.message(ASK, chat_id=chat)
    (answer,) = await tg.wait_for("sendMessage", where=lambda c: c.chat_id == chat, timeout=20)
    return visible_text(answer)


async def test_an_admins_reload_during_the_watchers_serves_the_last_file(
    tg: FakeTelegram, tmp_path: Path, knowledge_copy: Path
) -> None:
    projects = knowledge_copy / "projects.yaml"
    original = projects.read_text(encoding="utf-8")
    slow = padded(original.replace(AMOUNT, "eu_contribution: 111111"), 12_000)  # ~4 s to read
    last = original.replace(AMOUNT, "eu_contribution: 222222")  # read in a fraction of that
    env = bot_env(
        tg.base_url,
        TOKEN,
        KNOWLEDGE_PATH=str(knowledge_copy),
        KNOWLEDGE_WATCH_SECONDS="0.2",
        ADMIN_IDS=str(ADMIN),
    )
    env["LOG_LEVEL"] = "INFO"  # when a read begins, and a reload's result
    process = await start_bot(tmp_path, env)
    assert process.stderr is not None
    log = Log(process.stderr)
    try:
        await tg.wait_for("setMyCommands", timeout=30)
        projects.write_text(slow, encoding="utf-8")
        with contextlib.suppress(AssertionError):  # (a bot that does not say so: 1.5 s)
            await log.wait_for("reading the knowledge in", timeout=1.5)  # the watcher's read
        await asyncio.sleep(0.5)  # has read the files, and is validating them (~4 s)
        projects.write_text(last, encoding="utf-8")
        tg.message("/reload", chat_id=ADMIN)  # the admin's reload, while the watcher's runs
        (done,) = await tg.wait_for("sendMessage", where=lambda c: c.chat_id == ADMIN, timeout=60)
        assert visible_text(done).startswith("Knowledge reloaded from"), visible_text(done)
        both = await log.wait_for("Knowledge reloaded from", 2)  # the watcher's ended too
        await asyncio.sleep(0.5)
        assert "€222,222" in await ask(tg, 5)  # what the file says, not the older read
        assert "12012 projects" in both[0]  # the overlap really happened: the slow read first
        assert ": 12 projects" in both[1]  # and the last file read last

        # the watcher still sees a later edit, of the same length
        projects.write_text(original.replace(AMOUNT, "eu_contribution: 333333"), encoding="utf-8")
        await log.wait_for("Knowledge reloaded from", 3, timeout=30)
        assert "€333,333" in await ask(tg, 6)
    finally:
        process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(process.wait(), 30)
        await log.task
    assert process.returncode == 0, "".join(log.lines)[-3000:]
