"""Benchmark of the Telegram path: updates answered per second, and latency from the moment
``getUpdates`` hands an update to the bot until its ``sendMessage`` reaches the server.

    python tests/bench_telegram.py [--updates N] [--rate R] [--projects N] [--no-echo]
                                   [--rounds N] [--journal]

The bot runs as deployed (``python -m bot telegram``, real PTB, its own process) against the
fake Bot API server of the tests in this process (so aiohttp, from the dev extra, is needed),
over real HTTP on 127.0.0.1. Beside it runs a bare echo bot (``tests/echo_bot.py``: same
PTB, same HTTP pools, rate limiter and settings, its own fake server), and the two take
turns on the same updates:

* burst, once per round: N updates queued at once, so getUpdates hands out up to 100 at a
  time; this gives the throughput. Each round asks a new set of N questions, so a burst is
  their first asking. Latency here includes waiting behind the rest of the batch.
* paced, once: updates pushed one by one at R per second, as users would send them; this
  gives the latency of one answer when the bot is not saturated.
* load, once per round: 10,000 updates from 500 chats, a fifth of them groups.

The bot's throughput over the echo bot's, round by round, is what our own work costs; the
median over the rounds is the figure (turns seconds apart: this machine's speed drifts by a
third within minutes). ``--projects N`` answers from a generated knowledge base of N
projects (``bot.synthetic``). ``--journal`` runs the bot as deployed by default, writing
each update down (``STATE_PATH``); without it the journal is off. With two CPUs or more,
this process (the servers) keeps one and the bots the other.

A benchmark, not a test: it prints figures. Goals: the bot at least 0.85 of the echo bot's
throughput with 12 projects and 0.7 with 12,000, in the burst and under the load run;
paced p99 < 20 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bot.bench import questions
from bot.config import default_knowledge_path
from bot.knowledge import load_knowledge
from bot.synthetic import generate
from fake_telegram import BOT_USERNAME, TOKEN, FakeTelegram

FIRST_CHAT = 1_000_000
BOT = os.environ.get("BENCH_BOT", f"{sys.executable} -m bot telegram")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def latencies_ms(tg: FakeTelegram, update_ids: dict[int, int]) -> list[float]:
    """Per update: getUpdates delivery -> the first sendMessage to its (unique) chat."""
    first_send: dict[int, float] = {}
    for call in tg.of("sendMessage"):
        first_send.setdefault(call.chat_id, call.at)
    return [
        (first_send[chat] - tg.delivered_at[update]) * 1000
        for chat, update in update_ids.items()
        if chat in first_send and update in tg.delivered_at
    ]


async def burst(tg: FakeTelegram, texts: list[str], first_chat: int) -> tuple[float, list[float]]:
    ids = {first_chat + i: tg.message(text, chat_id=first_chat + i) for i, text in enumerate(texts)}
    await tg.wait_for("sendMessage", len(texts), timeout=120, where=lambda c: c.chat_id in ids)
    first = min(tg.delivered_at[u] for u in ids.values())
    last = max(c.at for c in tg.of("sendMessage") if c.chat_id in ids)
    return len(texts) / (last - first), latencies_ms(tg, ids)


async def paced(tg: FakeTelegram, texts: list[str], rate: float, first_chat: int) -> list[float]:
    ids: dict[int, int] = {}
    start = time.perf_counter()
    for i, text in enumerate(texts):
        await asyncio.sleep(max(0.0, start + i / rate - time.perf_counter()))
        ids[first_chat + i] = tg.message(text, chat_id=first_chat + i)
    await tg.wait_for("sendMessage", len(texts), timeout=120, where=lambda c: c.chat_id in ids)
    return latencies_ms(tg, ids)


async def load(
    tg: FakeTelegram, texts: list[str], chats: int, first_chat: int, groups: int | None = None
) -> float:
    """``len(texts)`` updates spread over ``chats`` chats, a fifth of them groups (the bot
    @mentioned) unless ``groups`` says how many, pushed all at once; then the throughput,
    latency and the bot's memory."""
    groups = chats // 5 if groups is None else groups
    pushed: list[int] = []
    ids: list[int] = []
    started = time.perf_counter()
    for i, text in enumerate(texts):
        slot = i % chats
        if slot < groups:
            chat = -(first_chat + slot)
            user = first_chat * 10 + slot * 2 + i % 2  # two people in each group
            ids.append(
                tg.message(f"@{BOT_USERNAME} {text}", chat_id=chat, user_id=user, chat_type="group")
            )
        else:
            chat = first_chat + slot
            ids.append(tg.message(text, chat_id=chat))
        pushed.append(chat)
    wanted = set(pushed)
    await tg.wait_for("sendMessage", len(texts), timeout=300, where=lambda c: c.chat_id in wanted)
    elapsed = time.perf_counter() - started
    print(
        f"load: {len(texts)} updates from {chats} chats ({groups} groups) answered in "
        f"{elapsed:.1f} s: {len(texts) / elapsed:,.0f} updates/s"
    )
    # a chat's answers come in the order of its updates: pair them up for the latency
    delivered: dict[int, list[float]] = {}
    for call in tg.of("sendMessage"):
        if call.chat_id in wanted:
            delivered.setdefault(call.chat_id, []).append(call.at)
    received: dict[int, list[float]] = {}
    for update_id, chat in zip(ids, pushed, strict=True):
        received.setdefault(chat, []).append(tg.delivered_at[update_id])
    latency = [
        (sent - got) * 1000
        for chat, times in received.items()
        for got, sent in zip(times, delivered[chat], strict=True)
    ]
    report("load latency (includes queueing behind the batch)", latency)
    return len(texts) / elapsed


def rss_mb(pid: int) -> float:
    """Resident memory of a process (Linux), in MB; 0 where /proc is not there."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    kb = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS")), 0)
    return kb / 1024


ECHO = f"{sys.executable} {Path(__file__).resolve().parent / 'echo_bot.py'}"


class Running:
    """One bot in its own process (``python -m bot telegram`` as deployed, or the echo bot)
    and the fake server it polls, in this process: the server's work is not charged to it."""

    def __init__(self, name: str, command: str, knowledge: Path, state: str = "off") -> None:
        self.name, self.command, self.knowledge, self.state = name, command, knowledge, state
        self.stack = contextlib.AsyncExitStack()
        self.next_chat = FIRST_CHAT

    def chats(self, count: int) -> int:
        """The first of ``count`` chats never used before: no conversation carries over."""
        first, self.next_chat = self.next_chat, self.next_chat + count
        return first

    async def __aenter__(self) -> Running:
        self.tg = await self.stack.enter_async_context(FakeTelegram())
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_BASE_URL": self.tg.base_url,
            "LOG_LEVEL": "WARNING",
            # Telegram allows about 30 messages/s; the fake server has no such limit, and
            # the benchmark measures the bot, so the rate limiter is opened wide.
            "TELEGRAM_RATE_PER_SECOND": "100000",
            "TELEGRAM_GROUP_RATE_PER_MINUTE": "1000000",
            # 20 questions a minute from one chat is a flood for a person, not for a benchmark
            "FLOOD_PER_MINUTE": "0",
            "NO_PROXY": "127.0.0.1,localhost",
            "KNOWLEDGE_PATH": str(self.knowledge),
            "KNOWLEDGE_WATCH_SECONDS": "0",
            "STATE_PATH": self.state,
            "PYTHONPATH": str(Path(__file__).resolve().parent.parent),
        }
        self.process = await asyncio.create_subprocess_exec(
            *self.command.split(), env=env, stderr=asyncio.subprocess.DEVNULL
        )
        pin(self.process.pid, 1)  # both bots share one CPU: only one works at a time
        await self.tg.wait_for("setMyCommands", timeout=60)
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.process.terminate()
        await self.process.wait()
        await self.stack.aclose()


async def compare(args: argparse.Namespace, folder: Path, tmp: Path) -> dict[str, list[float]]:
    """The bot and the echo bot, both started, take turns on the same updates: a burst per
    round (a new set of questions each round: their first asking), paced updates once, then
    a load run per round. Turns seconds apart, the machine's drift (its speed moves by a
    third within minutes here) touches both alike. Returns the ratios per round."""
    knowledge = load_knowledge(folder)
    state = str(tmp / "state.sqlite3") if args.journal else "off"
    rates: dict[str, dict[str, list[float]]] = {}
    async with contextlib.AsyncExitStack() as stack:
        bots = [await stack.enter_async_context(Running("bot", BOT, folder, state))]
        if not args.no_echo:
            bots.append(await stack.enter_async_context(Running("echo bot", ECHO, folder)))
        rates = {b.name: {"burst": [], "load": []} for b in bots}
        sets = [questions(knowledge, args.updates, seed=7 + r) for r in range(args.rounds)]
        for r, texts in enumerate(sets):
            for b in bots if r % 2 == 0 else bots[::-1]:
                per_second, latency = await burst(b.tg, texts, b.chats(len(texts)))
                rates[b.name]["burst"].append(per_second)
                print(f"burst {r + 1}, {b.name}: {len(texts)} updates at {per_second:,.0f}/s")
                if r == 0:
                    report(f"{b.name} burst latency (queueing behind the batch)", latency)
        for b in bots:
            count = min(args.updates, int(args.rate * 5))
            latency = await paced(b.tg, sets[0][:count], args.rate, b.chats(count))
            report(f"{b.name} paced latency at {args.rate:.0f} updates/s", latency)
        for r, texts in enumerate(sets):
            many = (texts * (10_000 // len(texts) + 1))[:10_000]
            for b in bots if r % 2 == 0 else bots[::-1]:
                before = rss_mb(b.process.pid)
                print(f"load {r + 1}, {b.name}:", end=" ")
                rates[b.name]["load"].append(await load(b.tg, many, 500, b.chats(500)))
                if b.name == "bot":
                    print(f"bot memory: {before:.0f} MB before, {rss_mb(b.process.pid):.0f} after")
    if args.no_echo:
        return {}
    ours, echo = rates["bot"], rates["echo bot"]
    return {part: [a / b for a, b in zip(ours[part], echo[part], strict=True)] for part in ours}


def report(name: str, values: list[float]) -> None:
    print(
        f"{name}: p50 {statistics.median(values):.1f} ms, p90 {percentile(values, 0.9):.1f} ms, "
        f"p99 {percentile(values, 0.99):.1f} ms, max {max(values):.1f} ms ({len(values)} updates)"
    )


CPUS = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []


def pin(pid: int, cpu: int) -> None:
    """Keep a process (0: this one, the fake server) on a CPU of its own, where there are two
    or more: otherwise the server and the bot share and swap cores."""
    if len(CPUS) >= 2:
        os.sched_setaffinity(pid, {CPUS[cpu]})


def knowledge_folder(projects: int, tmp: Path) -> Path:
    """The bot's own knowledge for 12 projects; a generated folder in ``tmp`` for others."""
    return default_knowledge_path() if projects == 12 else generate(projects, tmp / "knowledge")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--updates", type=int, default=2000)
    parser.add_argument("--rate", type=float, default=200.0, help="paced updates per second")
    parser.add_argument("--projects", type=int, default=12, help="knowledge of N projects")
    parser.add_argument("--no-echo", action="store_true", help="skip the echo bot baseline")
    parser.add_argument("--journal", action="store_true", help="the bot writes updates down")
    parser.add_argument(
        "--rounds", type=int, default=5, help="the bot and the echo bot take N turns"
    )
    args = parser.parse_args()
    pin(0, 0)
    os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")
    with tempfile.TemporaryDirectory() as tmp:
        folder = knowledge_folder(args.projects, Path(tmp))
        print(f"{args.projects:,} projects, {args.rounds} round(s), journal {args.journal}")
        ratios = asyncio.run(compare(args, folder, Path(tmp)))
    goal = 0.85 if args.projects <= 12 else 0.7
    for part, found in ratios.items():
        listed = ", ".join(f"{x:.2f}" for x in found)
        print(
            f"{part} ratio over {len(found)} round(s): median {statistics.median(found):.2f}, "
            f"range {min(found):.2f}–{max(found):.2f} ({listed}; goal ≥ {goal})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
