"""The start-up cache: a built engine and validated settings, kept between runs, never stale,
never shared between folders, never trusted when damaged or someone else's."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import cache, startup
from bot.engine import Engine
from bot.knowledge import load_knowledge
from conftest import ROOT, edit, run_bot, run_python

QUESTION = "what did CLUSGRID get from the EU"


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home / "cluster-bot"


def built(folder: Path) -> Engine:
    built.calls += 1  # type: ignore[attr-defined]
    return Engine(load_knowledge(folder))


built.calls = 0  # type: ignore[attr-defined]


def builds(folder: Path) -> int:
    """How many times ``engine_for`` had to read the YAML to give an engine for ``folder``."""
    before = built.calls  # type: ignore[attr-defined]
    cache.engine_for(folder, built)
    return int(built.calls - before)  # type: ignore[attr-defined]


def test_the_second_start_takes_the_engine_from_the_cache(
    cache_home: Path, knowledge_copy: Path
) -> None:
    assert builds(knowledge_copy) == 1
    assert builds(knowledge_copy) == 0
    engine = cache.engine_for(knowledge_copy, built)
    assert "€201,545" in engine.answer(QUESTION).text
    [kept] = list(cache_home.iterdir())
    assert kept.stat().st_mode & 0o077 == 0  # the bot's user's only


def test_any_edit_of_a_knowledge_file_is_seen(cache_home: Path, knowledge_copy: Path) -> None:
    builds(knowledge_copy)
    edit(knowledge_copy / "projects.yaml", "eu_contribution: 201545", "eu_contribution: 201546")
    assert builds(knowledge_copy) == 1
    assert "€201,546" in cache.engine_for(knowledge_copy, built).answer(QUESTION).text
    (knowledge_copy / "extra.yaml").write_text("# to be filled in\n", encoding="utf-8")
    assert builds(knowledge_copy) == 1  # a file added


def test_a_change_of_the_code_is_seen(
    cache_home: Path, knowledge_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    builds(knowledge_copy)
    real = cache.code_signature
    monkeypatch.setattr(cache, "code_signature", lambda: (*real(), ["engine.py", 1, 2]))
    assert builds(knowledge_copy) == 1


def test_two_folders_never_share_an_engine(cache_home: Path, tmp_path: Path) -> None:
    first = tmp_path / "a"
    second = tmp_path / "b"
    for folder, amount in ((first, "201545"), (second, "999999")):
        import shutil

        shutil.copytree(ROOT / "knowledge", folder)
        edit(folder / "projects.yaml", "eu_contribution: 201545", f"eu_contribution: {amount}")
    assert "€201,545" in cache.engine_for(first, built).answer(QUESTION).text
    assert "€999,999" in cache.engine_for(second, built).answer(QUESTION).text
    assert "€201,545" in cache.engine_for(first, built).answer(QUESTION).text
    assert len(list(cache_home.glob("engine-*.pickle"))) == 2


@pytest.mark.parametrize(
    "damage",
    [
        b"",  # empty
        b"not json\n",  # no header
        b'{"key": "x"}\n',  # a stale key
        None,  # the right key, then a pickle cut short
    ],
)
def test_a_damaged_or_stale_file_is_ignored_and_rebuilt(
    cache_home: Path, knowledge_copy: Path, damage: bytes | None
) -> None:
    builds(knowledge_copy)
    path = cache.cache_file(knowledge_copy)
    if damage is None:
        data = path.read_bytes()
        damage = data[: len(data) // 2]
    path.write_bytes(damage)
    assert builds(knowledge_copy) == 1
    assert builds(knowledge_copy) == 0  # and it was written again


def test_a_file_others_may_write_is_never_loaded(cache_home: Path, knowledge_copy: Path) -> None:
    builds(knowledge_copy)
    path = cache.cache_file(knowledge_copy)
    path.chmod(0o666)  # anyone could have put a pickle there: it runs code when loaded
    assert builds(knowledge_copy) == 1


def test_settings_are_cached_without_secrets_and_follow_the_environment(
    cache_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("TELEGRAM_BOT_TOKEN", "WEBHOOK_SECRET", "LOG_LEVEL", "PORT"):
        monkeypatch.delenv(name, raising=False)
    first = startup.load_settings(None)
    assert type(first).__name__ == "Settings"  # validated by the model
    second = startup.load_settings(None)
    assert isinstance(second, startup.CachedSettings) and second.port == first.port
    monkeypatch.setenv("PORT", "8081")
    assert startup.load_settings(None).port == 8081  # a changed variable: validated again
    (tmp_path / ".env").write_text("LOG_LEVEL=info\n", encoding="utf-8")
    assert startup.load_settings(None).log_level == "INFO"
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123456:never-on-disk")
    with_token = startup.load_settings(None)
    assert with_token.token == "123456:never-on-disk"
    assert b"never-on-disk" not in (cache_home / "settings.pickle").read_bytes()
    assert type(startup.load_settings(None)).__name__ == "Settings"  # validated every time
    monkeypatch.setenv("PORT", "eighty")
    with pytest.raises(startup.StartupError, match="PORT"):
        startup.load_settings(None)


def test_a_cached_ask_imports_neither_pydantic_nor_yaml_nor_argparse(cache_home: Path) -> None:
    # blank counts as unset: settings holding a secret would not be cached
    env = {"XDG_CACHE_HOME": str(cache_home.parent), "TELEGRAM_BOT_TOKEN": "", "WEBHOOK_SECRET": ""}
    assert "€201,545" in run_bot("ask", QUESTION, env=env).stdout  # fills the cache
    # nor what the bare interpreter does without and a cold start would pay for
    heavy = ["pydantic", "yaml", "ryaml", "pydantic_settings", "telegram", "argparse"]
    heavy += ["dataclasses", "inspect", "hashlib", "json"]
    code = (
        "import sys; from bot.__main__ import main\n"
        f"main(['ask', {QUESTION!r}])\n"
        f"print('imported:', *sorted({{m.split('.')[0] for m in sys.modules}} & {set(heavy)!r}),"
        " file=sys.stderr)\n"
    )
    result = run_python("-c", code, env=env)
    assert result.stderr.strip().splitlines()[-1] == "imported:", result.stderr
