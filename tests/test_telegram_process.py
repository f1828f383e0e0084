"""The Telegram bot as a user starts it: ``python -m bot telegram``, a real process, pointed
at the fake Bot API through TELEGRAM_API_BASE_URL, logging at DEBUG."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from pathlib import Path

from fake_telegram import TOKEN, FakeTelegram, visible_text

SECRET_HALF = TOKEN.split(":", 1)[1]


def bot_env(base_url: str, token: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK"))}
    env.update(
        TELEGRAM_BOT_TOKEN=token,
        TELEGRAM_API_BASE_URL=base_url,
        LOG_LEVEL="DEBUG",
        NO_PROXY="127.0.0.1,localhost",
        PYTHONUNBUFFERED="1",
        **extra,
    )
    return env


async def start_bot(
    tmp_path: Path, env: dict[str, str], command: str = "telegram"
) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        command,
        cwd=tmp_path,  # no .env there: the environment is the only source of settings
        env={
            **env,
            "XDG_STATE_HOME": str(tmp_path / "state"),  # the default journal: this test's own
            "PYTHONPATH": str(Path(__file__).resolve().parents[1]),
        },
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def test_the_real_process_answers_and_never_logs_the_token(
    tg: FakeTelegram, tmp_path: Path
) -> None:
    process = await start_bot(tmp_path, bot_env(tg.base_url, TOKEN), command="run")
    try:
        await tg.wait_for("setMyCommands", timeout=20)
        tg.message("what did CLUSGRID get from the EU", chat_id=5)
        (sent,) = await tg.wait_for("sendMessage", timeout=10)
        assert "CLUSGRID received €201,545" in visible_text(sent)
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = await asyncio.wait_for(process.communicate(), 20)
    log = out.decode() + err.decode()
    assert process.returncode == 0, log
    assert "DEBUG" in log and "getUpdates" in log  # the debug log really was on
    assert "is running (long polling)" in log
    assert TOKEN not in log and SECRET_HALF not in log
    assert "[REDACTED]" in log  # PTB's "Set Bot API URL: …/bot<TOKEN>" was caught


async def test_json_log_lines_keep_the_token_out(tg: FakeTelegram, tmp_path: Path) -> None:
    process = await start_bot(tmp_path, bot_env(tg.base_url, TOKEN, LOG_FORMAT="json"))
    try:
        await tg.wait_for("setMyCommands", timeout=20)
        tg.message("what did CLUSGRID get from the EU", chat_id=5)
        await tg.wait_for("sendMessage", timeout=10)
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(process.communicate(), 20)
    assert process.returncode == 0
    log = err.decode()
    entries = [json.loads(line) for line in log.splitlines() if line.startswith("{")]
    assert len(entries) > 10 and all(
        {"time", "level", "logger", "message"} <= entry.keys() for entry in entries
    )
    assert any(e["message"].startswith("answered intent=") for e in entries)
    assert TOKEN not in log and SECRET_HALF not in log
    assert any("[REDACTED]" in e["message"] for e in entries)  # DEBUG's URL, redacted


async def test_a_rejected_token_is_one_clear_line(tg: FakeTelegram, tmp_path: Path) -> None:
    wrong = "987654321:AAWrongTokenThatTelegramDoesNotKnow-xyz"
    process = await start_bot(tmp_path, bot_env(tg.base_url, wrong))
    out, err = await asyncio.wait_for(process.communicate(), 20)
    log = out.decode() + err.decode()
    assert process.returncode == 1
    last = err.decode().strip().splitlines()[-1]
    assert last.startswith("Telegram rejected the token")
    assert "Traceback" not in log
    assert wrong not in log and wrong.split(":")[1] not in log


async def test_an_unreachable_api_is_one_clear_line(tmp_path: Path) -> None:
    env = bot_env("http://127.0.0.1:9/bot", TOKEN)  # port 9: nothing listens
    process = await start_bot(tmp_path, env)
    out, err = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 1
    last = err.decode().strip().splitlines()[-1]
    assert last.startswith("Cannot reach the Telegram Bot API at http://127.0.0.1:9/bot")
    assert TOKEN not in out.decode() + err.decode()


async def test_without_a_token_run_starts_the_console_and_says_how(tmp_path: Path) -> None:
    env = bot_env("http://127.0.0.1:9/bot", "")
    process = await start_bot(tmp_path, env, "run")
    _, err = await asyncio.wait_for(process.communicate(), 20)
    assert process.returncode == 0
    notes = err.decode().strip().splitlines()
    assert len(notes) == 1 and "TELEGRAM_BOT_TOKEN" in notes[0]
    assert "Telegram" in notes[0]


async def test_telegram_without_a_token_is_a_bad_setting_exit_2(tmp_path: Path) -> None:
    process = await start_bot(tmp_path, bot_env("http://127.0.0.1:9/bot", ""))
    _, err = await asyncio.wait_for(process.communicate(), 20)
    assert process.returncode == 2  # like every other bad setting
    assert err.decode().strip().startswith("Settings: TELEGRAM_BOT_TOKEN is not set")


async def test_a_token_revoked_while_running_ends_the_process_with_one_line(
    tg: FakeTelegram, tmp_path: Path
) -> None:
    env = bot_env(tg.base_url, TOKEN, TELEGRAM_POLL_TIMEOUT="1")
    process = await start_bot(tmp_path, env)
    await tg.wait_for("setMyCommands", timeout=20)
    tg.fail("getUpdates", times=1000, status=401, description="Unauthorized")
    out, err = await asyncio.wait_for(process.communicate(), 20)  # it must not sit there deaf
    log = out.decode() + err.decode()
    assert process.returncode == 3, log[-2000:]
    last = err.decode().strip().splitlines()[-1]
    assert last.startswith("Telegram rejected the token while the bot was running")
    assert TOKEN not in log and SECRET_HALF not in log


async def test_no_secret_reaches_the_debug_log(tg: FakeTelegram, tmp_path: Path) -> None:
    """The webhook secret and a password in the API's URL are redacted at every level."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    password = "pa55-word-Zq9"
    secret = "hook-secret-Xy7-abc"
    base_url = tg.base_url.replace("http://", f"http://maint:{password}@")
    env = bot_env(
        base_url,
        TOKEN,
        WEBHOOK_URL=f"http://127.0.0.1:{port}/hook",
        WEBHOOK_SECRET=secret,
        WEBHOOK_LISTEN="127.0.0.1",
        PORT=str(port),
    )
    process = await start_bot(tmp_path, env)
    try:
        await tg.wait_for("setWebhook", timeout=20)
        await asyncio.sleep(0.3)
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = await asyncio.wait_for(process.communicate(), 20)
    log = out.decode() + err.decode()
    assert "DEBUG" in log and "setWebhook" in log  # the debug log really was on
    for leak in (secret, password, TOKEN, SECRET_HALF):
        assert leak not in log


async def test_an_unreachable_api_with_a_password_is_one_clear_line(tmp_path: Path) -> None:
    env = bot_env("http://maint:pa55-word-Zq9@127.0.0.1:9/bot", TOKEN)
    process = await start_bot(tmp_path, env)
    out, err = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 1
    assert "pa55-word-Zq9" not in out.decode() + err.decode()
    assert "Cannot reach the Telegram Bot API at http://maint:[REDACTED]@127.0.0.1:9/bot" in (
        err.decode()
    )


async def test_a_single_404_on_one_message_does_not_stop_the_bot(
    tg: FakeTelegram, tmp_path: Path
) -> None:
    process = await start_bot(tmp_path, bot_env(tg.base_url, TOKEN, TELEGRAM_POLL_TIMEOUT="1"))
    try:
        await tg.wait_for("setMyCommands", timeout=20)
        tg.fail("sendMessage", times=1, status=404, description="Not Found")
        tg.message("what did CLUSGRID get from the EU", chat_id=5)
        await tg.wait_for("sendMessage", timeout=10)  # the one that failed
        await asyncio.sleep(1.5)  # time enough for a bot that thinks its token revoked to stop
        tg.message("when did ECRI end?", chat_id=6)
        (answer,) = await tg.wait_for("sendMessage", where=lambda c: c.chat_id == 6, timeout=10)
        assert "15 November 2018" in visible_text(answer)
        assert process.returncode is None  # still running
    finally:
        process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(process.communicate(), 20)


async def test_short_secrets_and_a_password_in_the_webhook_url_are_never_printed(
    tg: FakeTelegram, tmp_path: Path
) -> None:
    """However short, at any level: the start-up line, PTB's debug log of setWebhook."""
    import socket

    hook_password, api_password, secret = "Q!x", "Z!", "_Q-"
    for level in ("WARNING", "DEBUG"):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        env = bot_env(
            tg.base_url.replace("http://", f"http://maint:{api_password}@"),
            TOKEN,
            WEBHOOK_URL=f"http://hook:{hook_password}@127.0.0.1:{port}/hook",
            WEBHOOK_SECRET=secret,
            WEBHOOK_LISTEN="127.0.0.1",
            PORT=str(port),
        )
        env["LOG_LEVEL"] = level
        process = await start_bot(tmp_path, env)
        try:
            await tg.wait_for("setWebhook", count=1 if level == "WARNING" else 2, timeout=20)
            await asyncio.sleep(0.5)
        finally:
            process.send_signal(signal.SIGTERM)
            out, err = await asyncio.wait_for(process.communicate(), 20)
        log = out.decode() + err.decode()
        assert "is running (webhook http://hook:[REDACTED]@127.0.0.1" in log, log[-2000:]
        for leak in (hook_password, api_password, secret, TOKEN, SECRET_HALF):
            assert leak not in log, (level, leak, log[-3000:])
