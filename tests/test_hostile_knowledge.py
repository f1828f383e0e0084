"""Broken or hostile knowledge files: refused quickly, in one line naming file, line and
field, while the bot keeps answering from the last good knowledge."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.engine import Engine
from bot.frontends.telegram import build_application, running
from bot.knowledge import load_knowledge
from conftest import bot_settings, edit, run_bot
from fake_telegram import FakeTelegram, visible_text

ADMIN = 4242
LAUGHS = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [
        f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]"
        for a, b in zip("abcdefgh", "bcdefghi", strict=True)
    ]
)


def check(folder: Path) -> subprocess.CompletedProcess[str]:
    return run_bot("check-knowledge", "--knowledge", str(folder))


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("zz.yaml", LAUGHS, "zz.yaml:1: its aliases (*name) repeat anchors too many times"),
        ("zz.yaml", "x: !!int abc\n", "zz.yaml:1: x: 'abc' is not a valid value"),
        ("zz.yaml", "x: !!python/object:os.system ls\n", "zz.yaml:1: x:"),
        ("zz.yml", "bad: [unclosed\n", "zz.yml:1: not valid YAML: a [ list opened here"),
    ],
)
def test_a_hostile_file_is_one_line_with_file_and_line(
    knowledge_copy: Path, name: str, content: str, expected: str
) -> None:
    (knowledge_copy / name).write_text(content, encoding="utf-8")
    started = time.perf_counter()
    result = check(knowledge_copy)
    assert time.perf_counter() - started < 5
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert expected in result.stderr, result.stderr


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "start: 2016-01-01",
            "start: 2017-13-31",
            "projects[0].start: '2017-13-31' is an impossible date: there is no month 13",
        ),
        ("acronym: ECRI", "acronym: \u0415CRI", "mixes letters of CYRILLIC and LATIN"),
        ("acronym: TCE", "acronym: T\u200bCE", "invisible character (U+200B)"),
    ],
)
def test_bad_values_and_lookalike_names_are_refused(
    knowledge_copy: Path, old: str, new: str, expected: str
) -> None:
    edit(knowledge_copy / "projects.yaml", old, new)
    result = check(knowledge_copy)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "projects.yaml:" in result.stderr and expected in result.stderr, result.stderr


def test_invalid_utf8_is_located(knowledge_copy: Path) -> None:
    (knowledge_copy / "zz.yaml").write_bytes(b"# ok\nx: caf\xe9\n")
    result = check(knowledge_copy)
    assert "zz.yaml:2: not valid UTF-8 (byte 0xe9)" in result.stderr


def test_a_projects_file_cut_short_is_refused(knowledge_copy: Path) -> None:
    projects = knowledge_copy / "projects.yaml"
    text = projects.read_text(encoding="utf-8")
    projects.write_text(text[: text.index("  - acronym: CLUSTEM")], encoding="utf-8")
    result = check(knowledge_copy)
    assert result.returncode == 2
    assert "calls[0].selected_projects: says 6 but projects.yaml lists 4" in result.stderr


def test_a_fifo_is_not_opened(knowledge_copy: Path) -> None:
    os.mkfifo(knowledge_copy / "zz.yaml")
    result = check(knowledge_copy)  # would block for ever if the FIFO were read
    assert "zz.yaml:1: not a regular file" in result.stderr


def test_the_billion_laughs_take_little_memory(knowledge_copy: Path) -> None:
    (knowledge_copy / "zz.yaml").write_text(LAUGHS, encoding="utf-8")
    # the probe's own peak: /proc's VmHWM where there is one (ru_maxrss after an exec also
    # counts the memory of the process that started it, here the whole test session)
    probe = (
        "import json, pathlib, resource, sys\n"
        "from bot.knowledge import load_knowledge, KnowledgeError\n"
        "try:\n    load_knowledge(sys.argv[1])\nexcept KnowledgeError as e:\n"
        "    print(json.dumps([str(i) for i in e.issues]))\n"
        "status = pathlib.Path('/proc/self/status')\n"
        "peak = [l.split()[1] for l in status.read_text().splitlines() if l.startswith('VmHWM')]"
        " if status.exists() else []\n"
        "print(peak[0] if peak else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", probe, str(knowledge_copy)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    issues_line, rss_kb = result.stdout.strip().splitlines()
    assert time.perf_counter() - started < 2
    assert int(rss_kb) < 200_000
    assert "repeat anchors" in json.loads(issues_line)[0]


async def test_a_hostile_reload_is_refused_while_other_chats_are_answered(
    tg: FakeTelegram, knowledge_copy: Path
) -> None:
    settings = bot_settings(tg, knowledge_path=knowledge_copy, admin_ids=frozenset({ADMIN}))
    engine = Engine(load_knowledge(knowledge_copy))
    async with running(build_application(engine, settings)):
        (knowledge_copy / "zz.yaml").write_text(LAUGHS, encoding="utf-8")
        tg.message("/reload", chat_id=ADMIN)
        tg.message("what did CLUSGRID get from the EU", chat_id=7)
        (answer,) = await tg.wait_for("sendMessage", where=lambda c: c.chat_id == 7, timeout=2)
        assert "€201,545" in answer.text
        (refusal,) = await tg.wait_for("sendMessage", where=lambda c: c.chat_id == ADMIN)
        text = visible_text(refusal)
        assert text.startswith("Knowledge NOT reloaded") and "zz.yaml:1:" in text
