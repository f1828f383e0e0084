"""The start-up cache as the real process meets it: no home folder at all, and an edit that
only its content tells from the last one."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT, edit, run_bot

ASK = "what did CLUSGRID get from the EU"
NO_HOME = "no home folder"


def test_an_edit_of_the_same_length_with_the_old_timestamps_is_answered(
    knowledge_copy: Path, tmp_path: Path
) -> None:
    env = {"KNOWLEDGE_PATH": str(knowledge_copy), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    assert "€201,545" in run_bot("ask", ASK, env=env).stdout  # and kept in the cache
    projects = knowledge_copy / "projects.yaml"
    before = projects.stat()
    edit(projects, "eu_contribution: 201545", "eu_contribution: 201546")
    os.utime(projects, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert projects.stat().st_mtime_ns == before.st_mtime_ns
    assert projects.stat().st_size == before.st_size
    assert "€201,546" in run_bot("ask", ASK, env=env).stdout


def uid_without_passwd_entry() -> int:
    uid = 54321
    while True:
        try:
            pwd.getpwuid(uid)
        except KeyError:
            return uid
        uid += 1


@pytest.fixture(params=["a user id with no passwd entry", "no passwd entry, simulated"])
def homeless(request: pytest.FixtureRequest) -> Iterator[tuple[list[str], dict[str, object]]]:
    """How to start ``python -m bot`` with no HOME (the environment ``env -i`` leaves,
    plus where the code is) and no passwd entry: as such a user (needs root), or as this
    user with the passwd lookup failing (pwd.getpwuid raising, as it does for such a user).
    Yields the command's start and ``subprocess.run`` options."""
    real = request.param.startswith("a user id")
    uid = uid_without_passwd_entry() if real else os.getuid()
    if real and (not hasattr(os, "geteuid") or os.geteuid() != 0):
        pytest.skip("switching to another user needs root (the simulated case still runs)")
    temporary = tempfile.mkdtemp(prefix="homeless-")  # the bot's TMPDIR: that user's own
    options: dict[str, object] = {}
    python = [sys.executable]
    if real:
        os.chown(temporary, uid, uid)
        if shutil.which("setpriv"):  # util-linux; in some sandboxes the only way that works
            python = ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", *python]
        else:
            options = {"user": uid, "group": uid, "extra_groups": []}
    env = {"PYTHONPATH": str(ROOT), "TMPDIR": temporary, "LC_ALL": "C.UTF-8"}
    options.update(env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    start = [*python, "-m", "bot"]
    if not real:
        start = [
            *python,
            "-c",
            "import pwd, runpy, sys\n"
            "def missing(uid): raise KeyError(f'getpwuid(): uid not found: {uid}')\n"
            "pwd.getpwuid = missing\n"
            "sys.argv[0] = 'bot'\n"
            "runpy.run_module('bot', run_name='__main__', alter_sys=True)\n",
        ]
    try:
        probe = subprocess.run([*python, "-c", "import bot"], check=False, **options)  # type: ignore[call-overload]
        problem = probe.stderr[-300:] if probe.returncode else None
    except OSError as exc:
        problem = str(exc)
    if problem is not None:
        shutil.rmtree(temporary, ignore_errors=True)
        pytest.skip(f"that user cannot run {sys.executable}: {problem}")
    yield start, options
    shutil.rmtree(temporary, ignore_errors=True)


@pytest.mark.parametrize(
    ("arguments", "stdin", "code", "expected"),
    [
        (["ask", ASK], "", 0, "€201,545"),
        (["ask", "--jsonl"], '{"chat": 1, "text": "ECRI budget"}\n', 0, "228,949"),
        (["run"], "ECRI budget\n", 0, "228,949"),  # the console, piped
        (["check-knowledge"], "", 0, "OK"),
        (["telegram"], "", 2, "TELEGRAM_BOT_TOKEN is not set"),
    ],
)
def test_every_command_starts_with_no_home_and_no_passwd_entry(
    homeless: tuple[list[str], dict[str, object]],
    arguments: list[str],
    stdin: str,
    code: int,
    expected: str,
) -> None:
    start, options = homeless
    for attempt in ("cold", "cached"):  # the second start reads what the first kept
        result = subprocess.run([*start, *arguments], input=stdin, check=False, **options)  # type: ignore[call-overload]
        output = result.stdout + result.stderr
        assert result.returncode == code, (attempt, output[-2000:])
        assert expected in output and "Traceback" not in output, (attempt, output[-2000:])
        assert output.count(NO_HOME) == 1  # where the cache went, said once
    env = options["env"]
    assert isinstance(env, dict)
    kept = next(Path(env["TMPDIR"]).glob("cluster-bot-*"))
    assert sorted(p.name for p in kept.iterdir()) != []  # the cache only costs speed: kept
    assert kept.stat().st_mode & 0o077 == 0
