"""Where the bot keeps its files when no setting says: the platform's places (platformdirs),
tried with a temporary HOME; the settings still override them."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from bot import cache, places
from bot.config import Settings


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh HOME, with no XDG variable set (the test run's own are put back after)."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    for name in ("XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "STATE_PATH"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    return folder


def test_the_defaults_are_the_platforms_places(home: Path) -> None:
    state = platformdirs.user_state_path("cluster-bot", appauthor=False)
    assert Settings(_env_file=None).state_path == state / "bot-state.sqlite3"
    assert places.history_file() == state / "console-history"
    assert cache.cache_dir() == platformdirs.user_cache_path("cluster-bot", appauthor=False)
    if sys.platform.startswith("linux"):
        assert state == home / ".local" / "state" / "cluster-bot"
        assert cache.cache_dir() == home / ".cache" / "cluster-bot"


def test_the_xdg_variables_move_them_as_platformdirs_says(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert places.state_file() == tmp_path / "state" / "cluster-bot" / "bot-state.sqlite3"
    assert cache.cache_dir() == tmp_path / "cache" / "cluster-bot"
    assert cache.cache_dir() == platformdirs.user_cache_path("cluster-bot", appauthor=False)


def test_the_settings_override_the_default(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STATE_PATH", "/srv/bot/journal.sqlite3")
    assert Settings(_env_file=None).state_path == Path("/srv/bot/journal.sqlite3")
    monkeypatch.setenv("STATE_PATH", "off")
    assert Settings(_env_file=None).state_path is None


def test_nothing_is_kept_in_the_working_folder(home: Path, tmp_path: Path) -> None:
    for path in (Settings(_env_file=None).state_path, places.history_file(), cache.cache_dir()):
        assert path is not None and path.is_absolute()
        assert tmp_path / "home" in path.parents  # under HOME, not the working folder
    assert not places.state_folder().exists()  # asking where does not make it


def test_without_a_home_folder_the_journal_goes_to_a_temporary_folder_and_no_history_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pwd
    import tempfile

    def no_entry(uid: int) -> pwd.struct_passwd:
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    for name in ("HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(pwd, "getpwuid", no_entry)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", None)
    assert places.state_file() == places.temporary_folder() / "bot-state.sqlite3"
    assert places.temporary_folder().parent == tmp_path
    assert places.history_file() is None


def test_without_a_home_an_xdg_variable_still_names_the_state_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pwd

    def no_entry(uid: int) -> pwd.struct_passwd:
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.setattr(pwd, "getpwuid", no_entry)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))  # a container's volume
    assert places.state_file() == tmp_path / "state" / "cluster-bot" / "bot-state.sqlite3"


def test_the_default_state_folder_is_made_private_and_an_old_journal_is_named(
    home: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from bot.frontends.telegram.app import prepare_state_folder

    (tmp_path / "bot-state.sqlite3").write_bytes(b"")  # where older versions kept it
    prepare_state_folder(places.state_file())
    assert oct(places.state_folder().stat().st_mode & 0o777) == oct(0o700)
    [said] = [r.getMessage() for r in caplog.records if "older versions" in r.getMessage()]
    assert f"set STATE_PATH={tmp_path / 'bot-state.sqlite3'} to keep using it" in said


def test_the_history_an_older_version_kept_is_read_the_first_time(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    readline = pytest.importorskip("readline")
    from bot.frontends import console

    (home / ".cluster_bot_history").write_text("what did ECRI get\n", encoding="utf-8")
    monkeypatch.setattr(console, "HISTORY", None)
    readline.clear_history()
    try:
        assert console._readline(places.history_file()) is readline
        last = readline.get_history_item(readline.get_current_history_length())
        assert last == "what did ECRI get"
    finally:
        readline.clear_history()


@pytest.mark.slow  # starts the bot as a process
def test_a_cached_ask_does_not_import_platformdirs() -> None:
    # platformdirs costs ~9 ms to import (tempfile with it): not on the way to an answer
    from conftest import run_python

    run_python("-m", "bot", "ask", "what did ECRI get")  # the cache made
    timed = run_python("-X", "importtime", "-m", "bot", "ask", "what did ECRI get")
    assert timed.returncode == 0 and "€160,477" in timed.stdout
    assert "platformdirs" not in timed.stderr


def test_a_state_folder_others_may_write_is_refused(home: Path) -> None:
    from bot.frontends.telegram.app import prepare_state_folder
    from bot.frontends.telegram.sqlitefile import StateFileError

    folder = places.state_folder()
    folder.mkdir(parents=True)
    folder.chmod(0o777)  # as another user's folder under /tmp might be
    with pytest.raises(StateFileError, match="may be written by others"):
        prepare_state_folder(places.state_file())
    folder.chmod(0o700)
    prepare_state_folder(places.state_file())  # the bot's own: used
