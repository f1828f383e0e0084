"""Where the bot keeps its files when no setting says: the platform's places, from
platformdirs.

    the journal of updates   user state folder / bot-state.sqlite3   (STATE_PATH overrides)
    the console's history    user state folder / console-history
    the start-up cache       user cache folder                       (XDG_CACHE_HOME moves it)

On Linux the state folder is ``$XDG_STATE_HOME/cluster-bot`` or ``~/.local/state/cluster-bot``
and the cache ``$XDG_CACHE_HOME/cluster-bot`` or ``~/.cache/cluster-bot``; macOS and Windows
have their own (``~/Library/...``, ``%LOCALAPPDATA%``). The history is kept with the state,
as the XDG specification says of histories. Nothing here depends on the working folder, so a
read-only one (systemd starts services in ``/``) stops nothing.

With no home folder at all (``HOME`` unset and no passwd entry: a container's user id, ``env
-i``) the files go to a folder of the bot's user's own under the temporary folder, which a
reboot may empty; what uses them says so.

platformdirs is imported only when a place is asked for (~9 ms, tempfile included), never on
the way to a cached ``ask``: the cache's folder on Linux is worked out here by platformdirs'
own rule (a test checks that both agree).
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

APP = "cluster-bot"
STATE_FILE = "bot-state.sqlite3"
HISTORY_FILE = "console-history"
LEGACY_HISTORY = ".cluster_bot_history"  # in the home folder, before platformdirs
# what the places depend on: a start-up cache of the settings is keyed on them too
ENVIRONMENT = ("HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "LOCALAPPDATA", "USERPROFILE")


def home_folder() -> Path | None:
    """The user's home folder: ``HOME``, else the passwd entry; ``None`` when neither
    gives one (a container's user id with no passwd entry, ``env -i``)."""
    home = os.environ.get("HOME", "")
    if os.path.isabs(home):
        return Path(home)
    try:
        import pwd

        home = pwd.getpwuid(os.getuid()).pw_dir
    except ImportError:  # pragma: no cover - Windows: no passwd
        with contextlib.suppress(RuntimeError):
            home = str(Path.home())
    except (KeyError, OSError):
        return None
    return Path(home) if os.path.isabs(home) else None


def temporary_folder() -> Path:
    """A folder of the bot's user under the temporary folder, for when there is no home."""
    import tempfile  # only without a home folder: it imports random, shutil and more

    uid = os.getuid() if hasattr(os, "getuid") else 0
    return Path(tempfile.gettempdir()) / f"{APP}-{uid}"


def state_folder() -> Path:
    """The platform's folder for the bot's state (not created here)."""
    return _platform("user_state_path") or temporary_folder()


def state_file() -> Path:
    """Where the journal of Telegram updates is kept when ``STATE_PATH`` is not set."""
    return state_folder() / STATE_FILE


def history_file() -> Path | None:
    """The console's history; ``None`` without a home folder (the lines typed are not
    worth keeping where a reboot may clear them or another user look)."""
    found = _platform("user_state_path")
    return found / HISTORY_FILE if found is not None else None


def legacy_history() -> Path | None:
    """Where versions before platformdirs kept the console's history."""
    home = home_folder()
    return home / LEGACY_HISTORY if home is not None else None


def cache_folder() -> Path | None:
    """The platform's folder for the start-up cache; ``None`` without a home folder."""
    if sys.platform.startswith("linux"):  # platformdirs' rule, without importing it
        base = os.environ.get("XDG_CACHE_HOME", "")
        if os.path.isabs(base):
            return Path(base) / APP
        home = home_folder()
        return home / ".cache" / APP if home is not None else None
    return _platform("user_cache_path")  # pragma: no cover - macOS, Windows


def make_private_folder(folder: Path) -> None:
    """``folder`` and the missing ones above it, created readable by the bot's user only
    (what exists is left as it is); ``OSError`` if it cannot be."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)


def not_private(folder: Path) -> str | None:
    """Why ``folder`` is not the bot's user's alone (a symbolic link, someone else's, or
    writable by others), or ``None``."""
    import stat

    try:
        info = folder.lstat()
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if not stat.S_ISDIR(info.st_mode):
        return "is not a folder (a symbolic link?)"
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return f"belongs to user {info.st_uid}, not to the bot's user {os.getuid()}"
    if info.st_mode & 0o022:
        return f"may be written by others (mode {stat.S_IMODE(info.st_mode):04o})"
    return None


def _platform(kind: str) -> Path | None:
    """platformdirs' ``kind`` folder for the bot, or ``None`` when it finds no home folder
    (and no XDG variable that names the place)."""
    import platformdirs

    try:
        found: Path = getattr(platformdirs, kind)(APP, appauthor=False)
    except RuntimeError:  # newer platformdirs: no home folder it can resolve
        return None
    return found if found.is_absolute() else None  # older ones: "~/..." with no home
