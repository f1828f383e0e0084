"""The start-up cache: a built engine and validated settings, kept between runs, never stale,
never shared between folders, never trusted when damaged or someone else's."""

from __future__ import annotations

import os
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


def same_length_edit(path: Path, old: str, new: str) -> None:
    """``old`` replaced by ``new`` (as long) with the file's timestamps put back, as a build
    with fixed timestamps or ``touch -r`` leaves it: only the content tells."""
    assert len(old) == len(new)
    before = path.stat()
    edit(path, old, new)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def test_an_edit_of_the_same_length_with_the_old_timestamps_is_seen(
    cache_home: Path, knowledge_copy: Path
) -> None:
    assert builds(knowledge_copy) == 1
    same_length_edit(
        knowledge_copy / "projects.yaml", "contribution: 201545", "contribution: 201546"
    )
    assert builds(knowledge_copy) == 1
    assert "€201,546" in cache.engine_for(knowledge_copy, built).answer(QUESTION).text


def refusals(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if "not using the cache" in r.getMessage()]


def test_a_symbolic_link_is_never_loaded(
    cache_home: Path, knowledge_copy: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    builds(knowledge_copy)
    path = cache.cache_file(knowledge_copy)
    elsewhere = tmp_path / "elsewhere.pickle"
    path.rename(elsewhere)  # a good cache file, the bot's own: but reached through a link
    path.symlink_to(elsewhere)
    assert builds(knowledge_copy) == 1
    assert len(refusals(caplog)) == 1 and "not a file of its own" in refusals(caplog)[0]
    assert not path.is_symlink()  # the link replaced by a file of its own
    assert builds(knowledge_copy) == 0


def test_a_folder_that_is_a_link_or_others_may_write_is_never_used(
    cache_home: Path, knowledge_copy: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    builds(knowledge_copy)
    cache_home.chmod(0o777)  # anyone could swap a file in: its owner proves nothing then
    assert builds(knowledge_copy) == 1 and builds(knowledge_copy) == 1  # nor written there
    assert len(refusals(caplog)) == 1  # said once, not at every read and write
    assert "others may write to the folder (mode 0777)" in refusals(caplog)[0]
    cache_home.chmod(0o700)
    assert builds(knowledge_copy) == 0
    real = tmp_path / "real-cache"
    cache_home.rename(real)
    cache_home.symlink_to(real)
    assert builds(knowledge_copy) == 1
    assert "not a folder of its own" in refusals(caplog)[-1]


def test_what_was_unpickled_must_be_an_engine(
    cache_home: Path, knowledge_copy: Path, caplog: pytest.LogCaptureFixture
) -> None:
    builds(knowledge_copy)
    path = cache.cache_file(knowledge_copy)
    cache.write_atomically(path, cache.cache_key(knowledge_copy), {"not": "an engine"})
    assert builds(knowledge_copy) == 1  # read from the YAML instead
    assert len(refusals(caplog)) == 1 and "it holds a dict, not an engine" in refusals(caplog)[0]
    assert builds(knowledge_copy) == 0


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_a_file_someone_else_owns_is_never_loaded(cache_home: Path, knowledge_copy: Path) -> None:
    builds(knowledge_copy)
    os.chown(cache.cache_file(knowledge_copy), 54321, 54321)
    assert builds(knowledge_copy) == 1


def test_without_a_home_folder_the_cache_is_a_private_temporary_one(
    knowledge_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # HOME unset and no passwd entry (in this process: a user id without one is simulated;
    # tests/test_cache_process.py starts the bot as such a user when run as root)
    import pwd
    import tempfile

    def no_entry(uid: int) -> pwd.struct_passwd:
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    for name in ("HOME", "XDG_CACHE_HOME", "TELEGRAM_BOT_TOKEN", "WEBHOOK_SECRET"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(pwd, "getpwuid", no_entry)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", None)
    monkeypatch.chdir(tmp_path)
    startup.load_settings(None)
    assert builds(knowledge_copy) == 1 and builds(knowledge_copy) == 0
    folder = tmp_path / f"cluster-bot-{os.getuid()}"
    assert cache.cache_dir() == folder and folder.stat().st_mode & 0o077 == 0
