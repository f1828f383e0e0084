"""The batch contract against the real process, as an attacker would feed it.

Whatever a line holds, it gets exactly one output line, valid UTF-8 and strict JSON, in
order; a closed pipe ends quietly; the exit code says whether any line failed.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys

import pytest

HOSTILE = [
    b"",
    b"   ",
    b'{"chat": NaN, "text": "hi"}',
    b'{"chat": Infinity, "text": "hi"}',
    b'{"chat": "a", "text": "\\ud800 budget of ECRI"}',
    b'{"chat": "\\udc00", "text": "hi"}',
    b"[" * 100_000,
    b'{"chat": ' + b"[" * 50_000 + b"]" * 50_000 + b', "text": "hi"}',
    b"\xff\xfe\xfd not utf-8",
    b'{"chat": 1, "text": "\xc3\x28 invalid byte inside"}',
    b'{"chat": 1, "text": "line\\u2028separator\\u2029and\\u0085next"}',
    b'{"chat": {"nested": [1, 2]}, "text": "hi"}',
    b'{"text": "no chat"}',
    b'{"chat": 1}',
    b"null",
    b'"just a string"',
    b'{"chat": 1, "text": "' + b"x" * 200_000 + b'"}',
    # numbers no float or int holds, and values of the wrong type
    b'{"chat": 1e999, "text": "ECRI budget"}',
    b'{"chat": -1e999}',
    b'{"chat": 1, "text": 1e999}',
    b'{"chat": {"deep": [1e400]}, "text": "hi"}',
    b'{"chat": ' + b"9" * 5000 + b', "text": "hi"}',
    b'{"chat": ' + b"9" * 4000 + b', "text": "ECRI budget"}',
    b'{"chat": true, "text": ["a list"]}',
    b'{"chat": null, "text": {"a": 1}}',
]


def run(stdin: bytes, encoding: str | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONIOENCODING"}
    if encoding:
        env["PYTHONIOENCODING"] = encoding
    return subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--jsonl"],
        input=stdin,
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )


def no_constant(name: str) -> None:
    pytest.fail(f"{name} in the output is not strict JSON")


def strict_lines(stdout: bytes) -> list[dict[str, object]]:
    text = stdout.decode("utf-8")  # raises on invalid UTF-8
    return [json.loads(line, parse_constant=no_constant) for line in text.split("\n")[:-1]]


@pytest.mark.parametrize("encoding", [None, "utf-8:strict", "ascii:strict", "latin-1"])
def test_every_hostile_line_gets_one_valid_line(encoding: str | None) -> None:
    good = b'{"chat": "ok", "text": "what did CLUSGRID get from the EU"}'
    lines = [good, *HOSTILE, good]
    result = run(b"\n".join(lines) + b"\n", encoding)
    out = strict_lines(result.stdout)
    assert len(out) == len(lines), result.stderr[-2000:]
    assert "€201,545" in str(out[0]["answer"]) and "€201,545" in str(out[-1]["answer"])
    assert b"Traceback" not in result.stderr
    assert result.returncode == 1  # some lines failed, and the exit code says so


def test_three_thousand_random_lines_one_valid_line_each() -> None:
    rng = random.Random(10)
    pieces = [
        *HOSTILE[:6],
        b'{"chat": 1, "text": "and ECRI?"}',
        b"{",
        b"}",
        b'"',
        b"\\",
        b"\xe2\x80",
    ]
    lines = [b"".join(rng.choice(pieces) for _ in range(rng.randint(0, 3))) for _ in range(3000)]
    lines = [line.replace(b"\n", b" ") for line in lines]
    for encoding in (None, "utf-8:strict"):
        result = run(b"\n".join(lines) + b"\n", encoding)
        assert len(strict_lines(result.stdout)) == len(lines)
        assert b"Traceback" not in result.stderr


def test_every_line_answered_exits_zero_and_a_closed_pipe_is_quiet() -> None:
    ok = b'{"chat": 1, "text": "list all projects"}\n'
    assert run(ok * 3).returncode == 0
    bot = f"{sys.executable} -m bot ask --jsonl"
    shell = f"yes '{ok.decode().strip()}' | head -n 500 | {bot} | head -n 1"
    result = subprocess.run(shell, shell=True, capture_output=True, timeout=120, check=False)
    assert len(result.stdout.splitlines()) == 1
    assert b"Traceback" not in result.stderr and b"BrokenPipe" not in result.stderr


def test_a_number_too_large_is_an_error_line_and_every_later_line_is_answered() -> None:
    lines = [
        b'{"chat": 1e999, "text": "ECRI budget"}',
        b'{"chat": 1e999}',
        b'{"chat": ' + b"1" * 5000 + b', "text": "ECRI budget"}',
        b'{"chat": 1, "text": "ECRI budget"}',
        b'{"chat": 2, "text": "ECRI budget"}',
    ]
    result = run(b"\n".join(lines) + b"\n")
    out = strict_lines(result.stdout)
    assert len(out) == len(lines), result.stderr[-2000:]
    assert [item["line"] for item in out[:3]] == [1, 2, 3]
    assert "out of range" in str(out[0]["error"]) and "too large" in str(out[2]["error"])
    assert all("228,949" in str(item["answer"]) for item in out[3:])
    assert b"Traceback" not in result.stderr and result.returncode == 1
