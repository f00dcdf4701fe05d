"""Where sponsordesk keeps things; `sponsordesk locate` prints these.

Environment variables override each folder so tests and demos never touch
the user's real folders.
"""

from __future__ import annotations

import os
from pathlib import Path

APP = "sponsordesk"


def _platform(kind: str, *args: object, **kwargs: object) -> Path:
    # platformdirs is loaded only for a folder neither an option nor the environment names (about 6 ms of
    # `sponsordesk today`'s 60 ms budget)
    import platformdirs

    return Path(getattr(platformdirs, f"user_{kind}_dir")(*args, **kwargs))


def _from_env(name: str) -> Path | None:
    value = os.environ.get(name)
    return Path(value).expanduser() if value else None


def data_dir(override: Path | None = None) -> Path:
    """The data folder: sponsees, contacts, backups."""
    return override or _from_env("SPONSORDESK_DATA_DIR") or _platform("data", APP, appauthor=False)


def config_dir(override: Path | None = None) -> Path:
    """The config folder: settings.toml, programs/, themes/."""
    return override or _from_env("SPONSORDESK_CONFIG_DIR") or _platform("config", APP, appauthor=False)


def cache_dir(override: Path | None = None) -> Path:
    """The cache folder: disposable facts (no words), safe to delete."""
    return override or _from_env("SPONSORDESK_CACHE_DIR") or _platform("cache", APP, appauthor=False)


def reports_dir(override: Path | None = None) -> Path:
    """Where R on the step board or the log writes a report: Documents/sponsordesk-reports.

    Not the current folder (the app may have been started anywhere) and not
    the data folder (it may be synced, and holds only what the store writes):
    Documents is where people look for a file to read or print. Without a
    Documents folder, the home folder.
    """
    if override or (override := _from_env("SPONSORDESK_REPORTS_DIR")):
        return override
    documents = _platform("documents")
    return (documents if documents.is_dir() else Path.home()) / "sponsordesk-reports"


def settings_file(config: Path | None = None) -> Path:
    return config_dir(config) / "settings.toml"


def user_programs_dir(config: Path | None = None) -> Path:
    return config_dir(config) / "programs"


def user_themes_dir(config: Path | None = None) -> Path:
    return config_dir(config) / "themes"
