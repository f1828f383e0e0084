"""Maintainers' tools: admin-only commands, /stats, the unanswered log and flood control."""

from __future__ import annotations

import json
import re
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest

from bot.engine import Context, Engine
from bot.flood import FloodGate, Verdict
from bot.frontends.telegram import build_application, running
from bot.unanswered import UnansweredLog, hash_chat, read_entries, summarise
from conftest import bot_settings, run_bot
from fake_telegram import FakeTelegram, visible_text

ADMIN = 4242
GROUP = -100500600


async def test_stats_and_reload_are_refused_to_strangers(tg: FakeTelegram, engine: Engine) -> None:
    async with running(build_application(engine, bot_settings(tg, admin_ids=frozenset({ADMIN})))):
        tg.message("/stats", chat_id=7)
        tg.message("/reload", chat_id=7)
        first, second = await tg.wait_for("sendMessage", 2)
    for sent in (first, second):
        assert visible_text(sent) == "Sorry, that command is only for the bot's maintainers."


async def test_admins_see_and_use_their_commands_in_telegram_and_strangers_do_not(
    tg: FakeTelegram, engine: Engine, tmp_path: Path
) -> None:
    log = tmp_path / "unanswered.jsonl"
    settings = bot_settings(tg, admin_ids=frozenset({ADMIN}), unanswered_log=log)
    async with running(build_application(engine, settings)):
        tg.message("/help", chat_id=7)
        tg.message("/unanswered", chat_id=7)
        stranger_help, refused = await tg.wait_for("sendMessage", 2)
        tg.message("who won the 2018 world cup", chat_id=7)
        await tg.wait_for("sendMessage", 3)
        tg.message("/help", chat_id=ADMIN)
        tg.message("/unanswered", chat_id=ADMIN)
        *_, admin_help, summary = await tg.wait_for("sendMessage", 5)
    assert "For maintainers" not in visible_text(stranger_help)
    assert visible_text(refused) == "Sorry, that command is only for the bot's maintainers."
    assert "/reload" in visible_text(admin_help) and "/unanswered" in visible_text(admin_help)
    assert "1 unanswered questions" in visible_text(summary)
    assert "who won the 2018 world cup" in visible_text(summary)


async def test_reports_asked_for_in_a_group_go_to_the_admin_in_private(
    tg: FakeTelegram, engine: Engine, tmp_path: Path
) -> None:
    log = tmp_path / "unanswered.jsonl"
    settings = bot_settings(tg, admin_ids=frozenset({ADMIN}), unanswered_log=log)
    async with running(build_application(engine, settings)):
        tg.message("is my neighbour's divorce in the budget?", chat_id=7)  # someone's own words
        await tg.wait_for("sendMessage")
        for command in ("/unanswered", "/stats", "/reload"):
            tg.message(command, chat_id=GROUP, user_id=ADMIN, chat_type="supergroup")
        await tg.wait_for("sendMessage", 3, where=lambda c: c.chat_id == GROUP, timeout=20)
        sent = len(tg.of("sendMessage"))
        tg.fail("sendMessage", status=403, description="Forbidden: bot can't initiate conversation")
        tg.message("/stats", chat_id=GROUP, user_id=ADMIN, chat_type="supergroup")
        await tg.wait_for("sendMessage", sent + 2)  # the refused one, then the note
        await tg.quiet(0.2)
    to_group = [visible_text(c) for c in tg.delivered(GROUP)]
    to_admin = [visible_text(c) for c in tg.delivered(ADMIN)]
    assert to_group[:3] == ["I sent the report to you in our private chat."] * 3
    assert to_group[3].startswith("Reports go only to a private chat")  # the admin's is closed
    assert len(to_group) == 4
    for text in to_group:
        assert "divorce" not in text and str(tmp_path) not in text and "knowledge" not in text
    assert "divorce" in to_admin[0] and str(log) in to_admin[0]
    assert "1 questions" in to_admin[1] and "reloaded" in to_admin[2].lower()


async def test_stats_counts_answers_by_outcome_and_intent(tg: FakeTelegram, engine: Engine) -> None:
    async with running(build_application(engine, bot_settings(tg, admin_ids=frozenset({ADMIN})))):
        for text in ("what did CLUSGRID get from the EU", "weather in Brussels?", "clusgrem"):
            tg.message(text, chat_id=8)
        tg.message("weather in brussels", chat_id=9)
        await tg.wait_for("sendMessage", 4)
        tg.message("/stats", chat_id=ADMIN)
        *_, report = await tg.wait_for("sendMessage", 5)
    text = visible_text(report)
    assert "4 questions" in text
    assert "• answered: 1" in text and "• declined: 2" in text and "• asked back: 1" in text
    assert "“weather in brussels” ×2" in text  # the most frequent unanswered question


async def test_declines_and_ask_backs_go_to_the_unanswered_log(
    tg: FakeTelegram, engine: Engine, tmp_path: Path
) -> None:
    log = tmp_path / "unanswered.jsonl"
    async with running(build_application(engine, bot_settings(tg, unanswered_log=log))):
        tg.message("what did CLUSGRID get from the EU", chat_id=555, first_name="Secret Name")
        tg.message("what did clusgrem get from the EU", chat_id=555, first_name="Secret Name")
        tg.message("what is the capital of Atlantis", chat_id=555, first_name="Secret Name")
        await tg.wait_for("sendMessage", 3)
    entries = read_entries(log)
    assert [e["outcome"] for e in entries] == ["asked back", "declined"]
    assert entries[0]["candidates"][0][0] == "CLUSTEM"
    assert entries[0]["chat"] == hash_chat(555, (tmp_path / "unanswered.jsonl.key").read_bytes())
    assert (tmp_path / "unanswered.jsonl.key").stat().st_mode & 0o077 == 0  # the owner's only
    raw = log.read_text(encoding="utf-8")
    assert "Secret Name" not in raw and "555" not in raw


def test_the_log_is_rotated_so_it_cannot_fill_the_disk(engine: Engine, tmp_path: Path) -> None:
    log = UnansweredLog(tmp_path / "u.jsonl", max_bytes=2000)
    reply = engine.answer("what is the capital of Atlantis", Context())
    for i in range(200):
        log.record(f"question number {i} about the weather", reply, i)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["u.jsonl", "u.jsonl.1", "u.jsonl.key"]
    assert all(p.stat().st_size <= 2000 for p in tmp_path.glob("u.jsonl*"))
    assert read_entries(tmp_path / "u.jsonl")[-1]["question"].endswith("199 about the weather")


def test_the_log_rotates_with_the_standard_librarys_handler(engine: Engine, tmp_path: Path) -> None:
    log = UnansweredLog(tmp_path / "u.jsonl", max_bytes=1000)
    assert isinstance(log._file, RotatingFileHandler)
    reply = engine.answer("what is the capital of Atlantis", Context())
    for i in range(30):
        assert log.record(f"question number {i} about the weather", reply, "chat")
    lines = [*(tmp_path / "u.jsonl.1").read_text().splitlines(), *log.path.read_text().splitlines()]
    entries = [json.loads(line) for line in lines]  # one JSON object a line, across the two
    assert entries[-1]["question"] == "question number 29 about the weather"
    assert len({e["chat"] for e in entries}) == 1 and entries[0]["chat"] != "chat"  # hashed


def test_a_log_that_cannot_be_written_is_said_once_and_answering_goes_on(
    engine: Engine,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "not-a-folder").write_text("")
    log = UnansweredLog(tmp_path / "not-a-folder" / "u.jsonl")
    reply = engine.answer("what is the capital of Atlantis", Context())
    assert log.record("what is the capital of Atlantis", reply, 1) is False
    [said] = [r for r in caplog.records if "could not write the unanswered log" in r.getMessage()]
    assert said.levelname == "WARNING"
    assert "Traceback" not in capsys.readouterr().err  # the handler's own report is not printed


def test_a_log_an_older_version_left_readable_is_made_private(
    engine: Engine, tmp_path: Path
) -> None:
    for name in ("u.jsonl", "u.jsonl.1"):
        (tmp_path / name).write_text("", encoding="utf-8")
        (tmp_path / name).chmod(0o644)
    log = UnansweredLog(tmp_path / "u.jsonl")
    question = "what is the capital of Atlantis"
    log.record(question, engine.answer("capital of Atlantis?", Context()), 1)
    assert {p.name: oct(p.stat().st_mode & 0o777) for p in tmp_path.iterdir()} == {
        "u.jsonl": oct(0o600),
        "u.jsonl.1": oct(0o600),
        "u.jsonl.key": oct(0o600),
    }


@pytest.mark.slow  # starts the bot as a process
def test_the_unanswered_command_summarises_the_log(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "u.jsonl"
    log = UnansweredLog(path)
    for text in ["who won the 2018 world cup", "who won the 2018 world cup", "clusgrem"]:
        log.record(text, engine.answer(text, Context()), 1)
    path.open("a").write("not json\n")  # a damaged line is skipped, not fatal
    summary = summarise(path)
    assert "3 unanswered questions" in summary
    assert "2  who won the 2018 world cup" in summary
    assert "CLUSTEM" in summary
    result = run_bot("unanswered", str(path))
    assert result.returncode == 0, result.stderr
    assert "Most frequent:" in result.stdout


def test_the_flood_gate_warns_once_then_is_silent_until_the_window_passes() -> None:
    now = [0.0]
    gate = FloodGate(per_minute=3, clock=lambda: now[0])
    assert [gate.check("ann") for _ in range(3)] == [Verdict.ANSWER] * 3
    assert gate.check("ann") is Verdict.WARN
    assert gate.check("ann") is Verdict.DROP
    assert gate.check("bob") is Verdict.ANSWER  # per user
    now[0] = 61.0
    assert gate.check("ann") is Verdict.ANSWER


@pytest.mark.parametrize("limit", [0])
def test_a_zero_limit_turns_flood_control_off(limit: int) -> None:
    gate = FloodGate(per_minute=limit)
    assert all(gate.check("ann") is Verdict.ANSWER for _ in range(1000))


async def test_a_flooding_user_is_asked_to_slow_down_once(tg: FakeTelegram, engine: Engine) -> None:
    async with running(build_application(engine, bot_settings(tg, flood_per_minute=3))):
        for _ in range(6):
            tg.message("when did ECRI end?", chat_id=31)
        tg.message("when did ECRI end?", chat_id=32)  # someone else is not slowed down
        await tg.wait_for("sendMessage", 5)
        await tg.quiet(0.3)
    mine = [visible_text(c) for c in tg.delivered(31)]
    assert mine[:3] == ["ECRI ended on 15 November 2018."] * 3
    assert len(mine) == 4 and "please wait a minute" in mine[3]
    assert len(tg.delivered(32)) == 1


def test_stats_report_is_plain_and_short(engine: Engine) -> None:
    from bot.stats import Stats

    stats = Stats()
    stats.record("hello", engine.answer("hello", Context()))
    assert json.dumps(stats.report())  # text, no exotic objects
    assert "1 questions" in stats.report()


async def test_each_answer_is_one_greppable_log_line(
    telegram_bot: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    import logging

    with caplog.at_level(logging.INFO, logger="bot"):
        telegram_bot.message("what did CLUSGRID get from the EU")
        await telegram_bot.wait_for("sendMessage")
    lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith("answered ")]
    assert len(lines) == 1
    assert re.fullmatch(
        r"answered intent=project_field confidence=1\.00 ms=\d+\.\d\d from=private", lines[0]
    )
