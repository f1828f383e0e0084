"""The state file (STATE_PATH) against what Telegram and operators do, through the real
process: update ids that restart lower, another bot's file, a lock held by another process, a
full disk, a damaged or unusable file, a second bot on the same file, a file deleted while the
bot runs, old updates past KEEP_DONE, and file modes whatever the umask.

The full disk is a real one: a 1 MB tmpfs mounted in a mount namespace of the bot's own
(``unshare -rm``, no root needed where user namespaces are allowed; skipped where they are
not), filled through ``/proc/<pid>/root``. Read-only files and folders are read-only mounts
the same way, so the tests mean the same as root.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import pytest

from fake_telegram import TOKEN, FakeTelegram
from test_telegram_process import bot_env

ROOT = Path(__file__).resolve().parents[1]
ASK = "what did CLUSGRID get from the EU"
FIGURE = "€201,545"
OTHER_TOKEN = "987654321:AAOtherBotsTokenForTestsOnly-abcdefgh"


class Bot:
    """``python -m bot telegram`` as a process, its log in a file (read at any time)."""

    def __init__(self, process: asyncio.subprocess.Process, log: Path) -> None:
        self.process = process
        self.log_path = log

    @property
    def pid(self) -> int:
        return self.process.pid

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    async def exit_code(self, timeout: float = 30) -> int:
        return await asyncio.wait_for(self.process.wait(), timeout)

    async def stop(self, how: signal.Signals = signal.SIGTERM) -> int:
        if self.process.returncode is None:
            self.process.send_signal(how)
        return await self.exit_code()


async def start(
    tmp_path: Path,
    env: dict[str, str],
    *,
    name: str = "bot",
    prefix: Sequence[str] = (),
    umask: int | None = None,
    cwd: Path | None = None,
) -> Bot:
    log = tmp_path / f"{name}.log"
    with log.open("wb") as handle:
        process = await asyncio.create_subprocess_exec(
            *prefix,
            sys.executable,
            "-m",
            "bot",
            "telegram",
            cwd=cwd or tmp_path,
            env={**env, "XDG_STATE_HOME": str(tmp_path / "xdg-state"), "PYTHONPATH": str(ROOT)},
            stdin=asyncio.subprocess.DEVNULL,
            stdout=handle,
            stderr=asyncio.subprocess.STDOUT,
            preexec_fn=None if umask is None else (lambda: os.umask(umask)),
        )
    return Bot(process, log)


def environment(tg: FakeTelegram, state: Path | str, token: str = TOKEN, **extra: str) -> dict:
    level = extra.pop("LOG_LEVEL", "INFO")
    env = bot_env(tg.base_url, token, STATE_PATH=str(state), TELEGRAM_POLL_TIMEOUT="1", **extra)
    env["LOG_LEVEL"] = level
    return env


async def answered(tg: FakeTelegram, chats: Sequence[int], timeout: float = 20) -> list[int]:
    """The chats (of ``chats``) that got an answer within ``timeout``."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        got = {c.chat_id for c in tg.delivered()}
        if all(chat in got for chat in chats) or loop.time() > deadline:
            return [chat for chat in chats if chat in got]
        await asyncio.sleep(0.1)


def rows(path: Path, query: str) -> list[tuple]:
    with contextlib.closing(sqlite3.connect(path, timeout=10)) as db:
        return db.execute(query).fetchall()


@cache
def namespaces() -> bool:
    """Whether this machine lets us mount a tmpfs in a mount namespace of our own."""
    try:
        done = subprocess.run(
            ["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
            capture_output=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def in_namespace(script: str) -> list[str]:
    """A prefix that runs ``script`` (mounts) in a new mount namespace, then the command."""
    if not namespaces():
        pytest.skip("no user and mount namespaces here (unshare -rm)")
    return ["unshare", "-rm", "sh", "-c", f'{script} && exec "$@"', "sh"]


def fill(folder: Path, at_most: int = 4 << 20) -> Path:
    """Fill the (small) file system ``folder`` is on; refuses anything but a small one."""
    found = os.statvfs(folder)
    assert found.f_blocks * found.f_frsize <= at_most, "not the small tmpfs: not filling it"
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for _ in range(at_most // 4096):
            os.write(fd, b"\0" * 4096)
    except OSError as exc:
        assert exc.errno == 28  # ENOSPC: full
    finally:
        os.close(fd)
    return filler


# -- 1. Telegram's ids restart lower ---------------------------------------------------------
async def test_ids_that_restart_lower_after_a_restart_are_answered(
    tg: FakeTelegram, tmp_path: Path
) -> None:
    """A restored backup, or a token's ids counted anew: the ids the file holds come again,
    meaning other updates. 20 of 20 were confirmed and never answered."""
    state = tmp_path / "state.sqlite3"
    env = environment(tg, state)
    first = await start(tmp_path, env)
    for chat in range(1, 21):
        tg.message(ASK, chat_id=chat)
    assert await answered(tg, range(1, 21)) == list(range(1, 21))
    assert await first.stop() == 0
    tg.restart_ids(1)  # the same ids, other updates
    chats = list(range(101, 121))
    for chat in chats:
        tg.message(ASK, chat_id=chat)
    second = await start(tmp_path, env, name="second")
    try:
        got = await answered(tg, chats)
    finally:
        await second.stop()
    assert got == chats, f"{len(got)} of {len(chats)} answered"


async def test_ids_that_go_back_while_the_bot_runs_are_answered_without_spinning(
    tg: FakeTelegram, tmp_path: Path
) -> None:
    """After a quiet week Telegram picks the next id at random, possibly among ids the bot
    has seen: they are new updates, and the poll loop does not spin on them."""
    tg.restart_ids(500)
    bot = await start(tmp_path, environment(tg, tmp_path / "state.sqlite3"))
    try:
        for chat in range(1, 31):
            tg.message(ASK, chat_id=chat)  # ids 500..529
        assert len(await answered(tg, range(1, 31))) == 30
        tg.restart_ids(495)  # 495..514: 500..514 were other updates before
        chats = list(range(201, 221))
        for chat in chats:
            tg.message(ASK, chat_id=chat)
        got = await answered(tg, chats)
        polls = len(tg.of("getUpdates"))
        await asyncio.sleep(3)
        spin = len(tg.of("getUpdates")) - polls
        log = bot.log()
    finally:
        await bot.stop()
    assert got == chats, f"{len(got)} of {len(chats)} answered"
    assert spin <= 6, f"{spin} getUpdates in 3 s with nothing to fetch"
    assert "update ids went back" in log


async def test_another_bots_file_is_started_afresh(tg: FakeTelegram, tmp_path: Path) -> None:
    """The file records which bot it belongs to: another bot's updates are never answered
    by this one (to chats that wrote to the other bot)."""
    state = tmp_path / "state.sqlite3"
    async with FakeTelegram(token=OTHER_TOKEN) as other:
        other.fail("sendMessage", times=1000, status=200, delay=30)  # answers never finish
        for chat in range(301, 306):
            other.message(ASK, chat_id=chat)
        first = await start(tmp_path, environment(other, state, OTHER_TOKEN), name="other")
        await other.wait_for("sendMessage", timeout=20)
        await first.stop(signal.SIGKILL)  # its updates left unanswered in the file
    assert rows(state, "SELECT COUNT(*) FROM updates WHERE done = 0")[0][0] == 5
    bot = await start(tmp_path, environment(tg, state))
    try:
        tg.message(ASK, chat_id=7)
        assert await answered(tg, [7]) == [7]
        await asyncio.sleep(1)
        log = bot.log()
    finally:
        await bot.stop()
    assert not [c for c in tg.of("sendMessage") if c.chat_id in range(301, 306)]
    assert len(re.findall("belongs to another bot", log)) == 1, log


# -- 2. a lock held by another process -------------------------------------------------------
LOCKER = """
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
db.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
db.execute("ROLLBACK")
print("released", flush=True)
"""


async def test_a_lock_held_for_12_s_is_waited_on_reported_once_and_never_makes_it_deaf(
    tg: FakeTelegram, tmp_path: Path
) -> None:
    """A backup, a sqlite3 shell or a VACUUM holds the write lock for 12 s: every question is
    answered during the lock and after it, the log stays short, and the journal resumes."""
    state = tmp_path / "state.sqlite3"
    bot = await start(tmp_path, environment(tg, state))
    try:
        await tg.wait_for("setMyCommands", timeout=20)
        locker = await asyncio.create_subprocess_exec(
            sys.executable, "-c", LOCKER, str(state), "12", stdout=asyncio.subprocess.PIPE
        )
        assert locker.stdout is not None
        assert (await locker.stdout.readline()).strip() == b"locked"
        asked: dict[int, float] = {}
        for chat in range(401, 411):  # one a second, all while the lock is held
            tg.message(ASK, chat_id=chat)
            asked[chat] = time.perf_counter()
            await asyncio.sleep(1)
        during = await answered(tg, list(asked), timeout=10)
        await locker.wait()  # released
        later = list(range(411, 421))
        await asyncio.sleep(1)
        for chat in later:
            tg.message(ASK, chat_id=chat)
        after = await answered(tg, later, timeout=30)
        await asyncio.sleep(20)  # the journal resumes within its longest pause (15 s)
        tg.message(ASK, chat_id=421)
        await answered(tg, [421])
        await asyncio.sleep(0.5)
    finally:
        await bot.stop()
    log = bot.log()
    first = {c.chat_id: c.at for c in reversed(tg.delivered())}
    waits = [first[chat] - asked[chat] for chat in during]
    print(
        f"lock 12 s: {len(during)}/10 answered during it (longest wait {max(waits):.1f} s), "
        f"{len(after)}/10 after it; {len(log.splitlines())} log lines"
    )
    assert during == list(asked)
    assert after == later
    assert len(log.splitlines()) < 100, log[-3000:]
    assert "Traceback" not in log
    assert log.count("cannot be written") == 1
    assert log.count("can be written again") == 1
    kept = rows(state, "SELECT body, done FROM updates")
    assert [done for body, done in kept if json.loads(body)["message"]["chat"]["id"] == 421] == [1]


# -- 4. a full disk --------------------------------------------------------------------------
async def test_a_full_disk_answers_every_question_and_retries_slowly(
    tg: FakeTelegram, tmp_path: Path
) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    prefix = in_namespace(f"mount -t tmpfs -o size=1m tmpfs '{disk}'")
    env = environment(tg, disk / "state.sqlite3", LOG_LEVEL="DEBUG")
    bot = await start(tmp_path, env, prefix=prefix)
    try:
        await tg.wait_for("setMyCommands", timeout=20)
        seen = Path(f"/proc/{bot.pid}/root") / disk.relative_to("/")
        filler = fill(seen)
        started, polls = time.perf_counter(), len(tg.of("getUpdates"))
        chats = list(range(501, 521))
        for chat in chats:
            tg.message(ASK, chat_id=chat)
            await asyncio.sleep(0.5)
        got = await answered(tg, chats)
        await asyncio.sleep(5)
        seconds = time.perf_counter() - started
        full_log = bot.log()
        polled = len(tg.of("getUpdates")) - polls
        filler.unlink()  # space again: the journal resumes
        await asyncio.sleep(16)
        tg.message(ASK, chat_id=599)
        assert await answered(tg, [599]) == [599]
        await asyncio.sleep(1)
        copy = tmp_path / "copy"  # SQLite resolves /proc/<pid>/root: it would open ours
        copy.mkdir()
        for name in ("state.sqlite3", "state.sqlite3-wal"):
            shutil.copyfile(seen / name, copy / name)
        kept = rows(copy / "state.sqlite3", "SELECT body FROM updates")
    finally:
        await bot.stop()
    log = bot.log()
    retries = full_log.count("still failing") + full_log.count("cannot be written")
    print(
        f"full disk: {len(got)}/20 answered; {retries} tries of the file in {seconds:.0f} s; "
        f"{polled} getUpdates"
    )
    assert got == chats, f"{len(got)} of {len(chats)} answered"
    assert full_log.count("cannot be written") == 1  # said once
    assert retries / seconds < 1
    assert polled / seconds < 5  # long polls, not the same batch fetched again and again
    assert "Traceback" not in log and "CRITICAL" not in log
    assert "can be written again" in log
    assert any(json.loads(body)["message"]["chat"]["id"] == 599 for (body,) in kept)


# -- 3. a file that cannot be used -----------------------------------------------------------
def make_state(path: Path, updates: int, pending: int = 0) -> None:
    """A state file as the first release wrote it (updates known by their id alone)."""
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute(
            "CREATE TABLE updates (id INTEGER PRIMARY KEY, body TEXT NOT NULL,"
            " done INTEGER NOT NULL DEFAULT 0)"
        )
        db.execute("CREATE TABLE state (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.execute(
            "CREATE TABLE chats (chat TEXT PRIMARY KEY, at REAL NOT NULL, value TEXT NOT NULL)"
        )
        db.execute("BEGIN")
        for i in range(1, updates + 1):
            body = {
                "update_id": i,
                "message": {
                    "message_id": i,
                    "date": 1_700_000_000 + i,
                    "chat": {"id": 900_000 + i % 7, "type": "private", "first_name": "Ann"},
                    "from": {"id": 900_000 + i % 7, "is_bot": False, "first_name": "Ann"},
                    "text": f"old question {i}",
                },
            }
            done = 0 if i > updates - pending else 1
            db.execute("INSERT INTO updates VALUES (?, ?, ?)", (i, json.dumps(body), done))
        db.execute("COMMIT")


@pytest.mark.parametrize("damage", ["random bytes", "truncated copy"])
async def test_a_damaged_state_file_is_moved_aside_and_a_fresh_one_started(
    tg: FakeTelegram, tmp_path: Path, damage: str
) -> None:
    state = tmp_path / "state.sqlite3"
    if damage == "random bytes":
        state.write_bytes(os.urandom(20_000))
    else:
        make_state(tmp_path / "whole.sqlite3", 3000)
        data = (tmp_path / "whole.sqlite3").read_bytes()
        state.write_bytes(data[: len(data) // 2])
    bot = await start(tmp_path, environment(tg, state))
    try:
        tg.message(ASK, chat_id=8)
        assert await answered(tg, [8]) == [8], bot.log()
    finally:
        await bot.stop()
    log = bot.log()
    assert log.count("was damaged") == 1, log
    assert "Traceback" not in log
    assert list(tmp_path.glob("state.sqlite3.damaged-*"))
    assert rows(state, "SELECT COUNT(*) FROM updates")[0][0] == 1


def read_only(path: Path) -> list[str]:
    """A prefix that makes ``path`` (a file or a folder) read-only for the bot."""
    return in_namespace(f"mount --bind '{path}' '{path}' && mount -o remount,bind,ro '{path}'")


@pytest.mark.parametrize("case", ["a folder", "read-only", "default path, read-only state folder"])
async def test_an_unusable_state_file_is_one_line_and_exit_2(
    tg: FakeTelegram, tmp_path: Path, case: str
) -> None:
    state: Path | str = tmp_path / "state.sqlite3"
    prefix: list[str] = []
    if case == "a folder":
        Path(state).mkdir()
    elif case == "read-only":
        make_state(Path(state), 10)
        prefix = read_only(Path(state))
    else:  # the platform's state folder, where the default journal goes, cannot be written
        (tmp_path / "xdg-state").mkdir()
        prefix = read_only(tmp_path / "xdg-state")
    env = environment(tg, state)
    if case.startswith("default"):
        del env["STATE_PATH"]
    bot = await start(tmp_path, env, prefix=prefix)
    code = await bot.exit_code()
    lines = bot.log().strip().splitlines()
    assert code == 2, lines
    assert len(lines) == 1 and lines[0].startswith("Settings: STATE_PATH: "), lines
    assert "state.sqlite3" in lines[0]


async def test_a_read_only_working_folder_stops_nothing(tg: FakeTelegram, tmp_path: Path) -> None:
    # systemd starts services in /, which they may not write: the journal is not kept there
    service = tmp_path / "service"
    service.mkdir()
    env = environment(tg, "unused")
    del env["STATE_PATH"]
    bot = await start(tmp_path, env, prefix=read_only(service), cwd=service)
    try:
        await tg.wait_for("setMyCommands", timeout=30)
        tg.message(ASK, chat_id=5)
        assert await answered(tg, [5]) == [5]
    finally:
        assert await bot.stop() == 0, bot.log()
    folder = tmp_path / "xdg-state" / "cluster-bot"
    journal = folder / "bot-state.sqlite3"
    assert oct(folder.stat().st_mode & 0o777) == oct(0o700)
    assert oct(journal.stat().st_mode & 0o777) == oct(0o600)
    assert list(service.iterdir()) == []


# -- 10. one process per state file ----------------------------------------------------------
async def test_a_second_bot_on_the_same_file_refuses_to_start(
    tg: FakeTelegram, tmp_path: Path
) -> None:
    env = environment(tg, tmp_path / "state.sqlite3")
    first = await start(tmp_path, env)
    try:
        await tg.wait_for("setMyCommands", timeout=20)
        second = await start(tmp_path, env, name="second")
        try:
            code = await second.exit_code(timeout=20)
        finally:
            if second.process.returncode is None:
                second.process.kill()
                await second.process.wait()
        tg.message(ASK, chat_id=9)
        assert await answered(tg, [9]) == [9]
    finally:
        await first.stop()
    lines = second.log().strip().splitlines()
    assert code == 2
    assert len(lines) == 1 and "in use by another running bot" in lines[0], lines
    assert f"pid {first.pid}" in lines[0]


# -- 15. retention at start ------------------------------------------------------------------
async def test_old_updates_past_keep_done_are_deleted_at_start(
    tg: FakeTelegram, tmp_path: Path
) -> None:
    """A bot that restarts often never answers 1,000 updates in one run: the last 10,000 are
    kept all the same (12 runs of 990 kept 11,880)."""
    from bot.frontends.telegram.journal import KEEP_DONE

    state = tmp_path / "state.sqlite3"
    make_state(state, 12_000, pending=2)  # in the first layout: brought up to date as well
    bot = await start(tmp_path, environment(tg, state))
    try:
        await tg.wait_for("sendMessage", 2, timeout=20)  # the two left are answered
    finally:
        await bot.stop()
    (count,) = rows(state, "SELECT COUNT(*) FROM updates")[0]
    assert count <= KEEP_DONE
    assert len(tg.delivered()) == 2


# -- 17. the file deleted while the bot runs -------------------------------------------------
async def test_a_state_file_deleted_while_running_is_noticed_and_started_afresh(
    tg: FakeTelegram, tmp_path: Path
) -> None:
    state = tmp_path / "state.sqlite3"
    bot = await start(tmp_path, environment(tg, state))
    try:
        tg.message(ASK, chat_id=11)
        assert await answered(tg, [11]) == [11]
        state.unlink()
        await asyncio.sleep(1.5)
        tg.message(ASK, chat_id=12)
        assert await answered(tg, [12]) == [12]
        for _ in range(100):  # within the next keep (5 s) at the latest
            if state.exists():
                break
            await asyncio.sleep(0.1)
        tg.message(ASK, chat_id=13)
        assert await answered(tg, [13]) == [13]
        await asyncio.sleep(0.5)
        kept = rows(state, "SELECT body FROM updates") if state.exists() else []
        await asyncio.sleep(6)
        log = bot.log()
    finally:
        await bot.stop()
    assert state.exists(), "no fresh state file"
    assert log.count("was deleted") == 1, log
    assert 13 in {json.loads(body)["message"]["chat"]["id"] for (body,) in kept}


# -- 7. file modes ---------------------------------------------------------------------------
async def test_the_state_file_and_its_wal_and_shm_are_0600_whatever_the_umask(
    tg: FakeTelegram, tmp_path: Path
) -> None:
    state = tmp_path / "state.sqlite3"
    old = tmp_path / "old.sqlite3"
    make_state(old, 5)
    old.chmod(0o644)  # an older release's file is tightened
    modes: dict[str, int] = {}
    for chat, path in ((14, state), (15, old)):
        bot = await start(tmp_path, environment(tg, path), name=path.stem, umask=0)
        try:
            tg.message(ASK, chat_id=chat)
            assert await answered(tg, [chat]) == [chat]
            await asyncio.sleep(0.5)
            for suffix in ("", "-wal", "-shm", ".lock"):
                side = path.with_name(path.name + suffix)
                modes[side.name] = side.stat().st_mode & 0o777
        finally:
            await bot.stop()
    print("modes:", {name: oct(mode) for name, mode in modes.items()})
    assert modes == dict.fromkeys(modes, 0o600)
    assert len(modes) == 8
