"""Knowledge edited while the bot runs: a good edit is served at once; a broken one is not
loaded (the last good knowledge keeps serving) and the admins hear file, line and field."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.engine import Engine
from bot.frontends.telegram import build_application, running
from bot.knowledge import Knowledge, load_knowledge
from bot.knowledge.watch import KnowledgeWatcher
from conftest import bot_settings, edit, run_python
from fake_telegram import FakeTelegram, visible_text

ADMIN = 4242
ASK = "what did CLUSGRID get from the EU"


async def test_a_broken_edit_is_refused_and_a_fixed_one_is_served(
    tg: FakeTelegram, knowledge_copy: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = bot_settings(
        tg,
        knowledge_path=knowledge_copy,
        knowledge_watch_seconds=0.05,
        admin_ids=frozenset({ADMIN}),
    )
    projects = knowledge_copy / "projects.yaml"
    engine = Engine(load_knowledge(knowledge_copy))
    async with running(build_application(engine, settings)):
        # 1. a broken edit: the amount written the page's way, as text
        edit(projects, "eu_contribution: 201545", "eu_contribution: 201.545.00")
        (alert,) = await tg.wait_for("sendMessage", where=lambda c: c.chat_id == ADMIN)
        text = visible_text(alert)
        assert text.startswith("Knowledge NOT reloaded")
        assert "projects.yaml:" in text and "eu_contribution" in text  # file:line: field
        tg.message(ASK, chat_id=5)
        (still,) = await tg.wait_for("sendMessage", where=lambda c: c.chat_id == 5)
        assert "€201,545" in still.text  # the last good knowledge keeps serving
        logged = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
        assert any("projects.yaml:" in m and "eu_contribution" in m for m in logged)

        # 2. the fix, with a new figure: served without a restart, and the admins told
        edit(projects, "eu_contribution: 201.545.00", "eu_contribution: 201546")
        await tg.wait_for("sendMessage", 2, where=lambda c: c.chat_id == ADMIN)
        tg.message(ASK, chat_id=5)
        _, fresh = await tg.wait_for("sendMessage", 2, where=lambda c: c.chat_id == 5)
        assert "€201,546" in fresh.text


async def test_reload_command_reloads_for_an_admin(tg: FakeTelegram, knowledge_copy: Path) -> None:
    settings = bot_settings(tg, knowledge_path=knowledge_copy, admin_ids=frozenset({ADMIN}))
    engine = Engine(load_knowledge(knowledge_copy))
    async with running(build_application(engine, settings)):
        edit(knowledge_copy / "projects.yaml", "eu_contribution: 201545", "eu_contribution: 7")
        tg.message("/reload", chat_id=ADMIN)
        (done,) = await tg.wait_for("sendMessage")
        assert visible_text(done).startswith("Knowledge reloaded from")
        tg.message(ASK, chat_id=ADMIN)
        _, answer = await tg.wait_for("sendMessage", 2)
    assert "€7 " in visible_text(answer)


def test_the_watcher_notices_edits_additions_and_removals(knowledge_copy: Path) -> None:
    watcher = KnowledgeWatcher(knowledge_copy)
    assert not watcher.changed()
    extra = knowledge_copy / "extra.yaml"
    extra.write_text("# nothing yet\n", encoding="utf-8")
    # an edit is reported once the files have stopped changing between two checks, and
    # until they are read
    assert not watcher.changed() and watcher.changed() and not watcher.changed()
    assert watcher.changed()
    watcher.reload()
    assert not watcher.changed() and not watcher.changed()
    extra.unlink()
    assert not watcher.changed() and watcher.changed()
    watcher.reload()
    other = knowledge_copy / "other.yml"  # .yml is watched like .yaml
    other.write_text("# nothing\n", encoding="utf-8")
    assert not watcher.changed() and watcher.changed()


def test_a_reload_frees_the_engine_it_replaces_when_the_engine_was_frozen(
    knowledge_copy: Path,
) -> None:
    # the Telegram bot freezes its engine out of the collector's sight; the engine a reload
    # replaces must still be freed, and the new one frozen (in a process of its own: freezing
    # here would freeze the test run)
    code = f"""
import gc, weakref
from pathlib import Path
from bot import collector
from bot.config import Settings
from bot.engine import Engine
from bot.knowledge import load_knowledge
from bot.operations import Operations
folder = Path({str(knowledge_copy)!r})
ops = Operations(Engine(load_knowledge(folder)), Settings(_env_file=None, knowledge_path=folder))
collector.settle()
old, frozen = weakref.ref(ops.engine), gc.get_freeze_count()
projects = folder / "projects.yaml"
projects.write_text(projects.read_text().replace("201545", "201546"))
assert ops.reload().ok
print(old() is None, gc.get_freeze_count() > 0, "201,546" in ops.engine.answer({ASK!r}).text)
"""
    result = run_python("-c", code)
    assert result.stdout.split() == ["True", "True", "True"], result.stderr


async def test_a_reload_abandoned_at_its_limit_is_never_put_in_service(
    knowledge_copy: Path,
) -> None:
    import asyncio
    import threading

    from bot.config import Settings
    from bot.operations import Operations

    folder = knowledge_copy
    ops = Operations(
        Engine(load_knowledge(folder)), Settings(_env_file=None, knowledge_path=folder)
    )
    release = threading.Event()

    read = threading.Semaphore(0)

    def slow(path: Path) -> Knowledge:  # a big (or hostile) file that takes long to read
        release.wait(20)
        try:
            return load_knowledge(path)
        finally:
            read.release()

    async def read_ended() -> None:
        assert await asyncio.to_thread(read.acquire, True, 20)
        await asyncio.sleep(0.3)  # time to be put in service, if it were

    ops.watcher.loader = slow
    edit(folder / "projects.yaml", "eu_contribution: 201545", "eu_contribution: 111111")
    try:
        first = await ops.reload_off_loop(limit=0.2)
        assert not first.ok and "took longer than 0.2 s" in first.message
    finally:
        release.set()
    await read_ended()  # the abandoned read ends...
    assert "€201,545" in ops.engine.answer(ASK).text  # ...and is not put in service
    assert ops.generation == 0
    # an admin's reload while a read runs waits its turn (one at a time); past its limit
    # it gives up without reading
    release.clear()
    edit(folder / "projects.yaml", "eu_contribution: 111111", "eu_contribution: 111112")
    try:
        first = await ops.reload_off_loop(limit=0.2)
        second = await ops.reload_off_loop(limit=0.2)
        assert not second.ok and "another reload" in second.message
    finally:
        release.set()
    await read_ended()
    assert ops.generation == 0
    # what the files say next is seen and served
    ops.watcher.loader = None
    edit(folder / "projects.yaml", "eu_contribution: 111112", "eu_contribution: 222222")
    assert ops.reload_if_changed(settle=False) is not None
    assert "€222,222" in ops.engine.answer(ASK).text and ops.generation == 1


def test_a_read_that_never_counted_leaves_the_change_reported(knowledge_copy: Path) -> None:
    watcher = KnowledgeWatcher(knowledge_copy)
    edit(knowledge_copy / "projects.yaml", "eu_contribution: 201545", "eu_contribution: 201546")
    assert watcher.changed(settle=False)
    result, read = watcher.read()  # read, but its caller never said it counted
    assert result.ok and watcher.changed(settle=False)
    watcher.remember(read)
    assert not watcher.changed(settle=False)


def test_the_watcher_sees_an_edit_of_the_same_length_with_the_old_timestamps(
    knowledge_copy: Path,
) -> None:
    import os

    watcher = KnowledgeWatcher(knowledge_copy)
    projects = knowledge_copy / "projects.yaml"
    before = projects.stat()
    edit(projects, "eu_contribution: 201545", "eu_contribution: 201546")
    os.utime(projects, ns=(before.st_atime_ns, before.st_mtime_ns))  # as `touch -r` leaves it
    assert (projects.stat().st_size, projects.stat().st_mtime_ns) == (
        before.st_size,
        before.st_mtime_ns,
    )
    assert watcher.changed(settle=False)
