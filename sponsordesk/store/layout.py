"""The data folder's layout: one folder per sponsee, small sync-friendly files.

    <data>/sponsees/<id>/profile.toml       the sponsee
    <data>/sponsees/<id>/steps.toml         the step board
    <data>/sponsees/<id>/suggestions.toml   suggestions and their follow-through
    <data>/sponsees/<id>/contacts/2026.toml one file per year of contacts
    <data>/backups/                         snapshots of the data folder
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path


SPONSEES = "sponsees"
PROFILE = "profile.toml"
STEPS = "steps.toml"
SUGGESTIONS = "suggestions.toml"
CONTACTS = "contacts"
BACKUPS = "backups"
LOCK = ".sponsordesk.lock"
MACHINES = ".sponsordesk-machines"
"""Each computer's "open here" marker, for the other machines of a synced folder (store/sync_machine.py)."""
DATA_FILES = (PROFILE, STEPS, SUGGESTIONS)
_OWN_NAMES = frozenset((*DATA_FILES, CONTACTS))

HEADERS = {
    "profile": "# sponsordesk sponsee profile. Safe to edit by hand; see the README's data format.\n",
    "steps": "# sponsordesk step board: one [[step]] per step, assignments as [[step.assignment]].\n",
    "suggestions": "# sponsordesk suggestions: status is open, followed, not_followed or dropped.\n",
    "contacts": "# sponsordesk contacts for one year, oldest first.\n",
}

_YEAR_FILE = re.compile(r"^(\d{4})\.toml$")

# Copies made by sync tools and editors: never data, always reported.
# Syncthing: name.sync-conflict-DATE-TIME-DEVICE.toml and .syncthing.name.tmp;
# Dropbox/Nextcloud/ownCloud: "name (conflicted copy ...)" / "name (conflict ...)";
# Resilio: name.Conflict.toml; vim: .name.swp/.swo/.swx; emacs: .#name, #name#;
# many editors and tools: name~, name.bak, name.orig, name.tmp, name.part.
_CONFLICT = re.compile(
    r"(\.sync-conflict-|conflicted copy|\(conflict|\.conflict\b|^\.syncthing\.|^~syncthing~"
    r"|\.orig$|~$|\.sw[a-p]$|\.swx$|^\.#|^#.*#$|\.bak$|\.tmp$|\.part$)",
    re.IGNORECASE,
)


def sponsees_dir(root: Path) -> Path:
    return root / SPONSEES


@lru_cache(maxsize=4096)
def sponsee_dir(root: Path, sponsee_id: str) -> Path:
    # Kept: a start asks for each sponsee's folder about ten times, and a Path costs three joins to make
    # (20,000 joins at 1,000 sponsees). Paths never change, so a kept one is as good as a new one.
    return root / SPONSEES / sponsee_id


def profile_path(root: Path, sponsee_id: str) -> Path:
    return sponsee_dir(root, sponsee_id) / PROFILE


def steps_path(root: Path, sponsee_id: str) -> Path:
    return sponsee_dir(root, sponsee_id) / STEPS


def suggestions_path(root: Path, sponsee_id: str) -> Path:
    return sponsee_dir(root, sponsee_id) / SUGGESTIONS


def contacts_dir(root: Path, sponsee_id: str) -> Path:
    return sponsee_dir(root, sponsee_id) / CONTACTS


def contacts_path(root: Path, sponsee_id: str, year: int) -> Path:
    return contacts_dir(root, sponsee_id) / f"{year}.toml"


def year_of(path: Path) -> int | None:
    match = _YEAR_FILE.match(path.name)
    return int(match.group(1)) if match else None


def is_conflict_copy(path: Path) -> bool:
    return is_conflict_name(path.name)


def is_conflict_name(name: str) -> bool:
    """``is_conflict_copy`` on a bare file name (no Path to build, for scans of many files)."""
    # OneDrive (profile-DESKTOP-7QK2M1.toml), Google Drive (profile (1).toml) and older ownCloud
    # (profile_conflict-20261121-101010.toml) name copies in ways only sponsordesk's own file names tell apart
    if name in _OWN_NAMES or _YEAR_FILE.match(name):
        return False  # nearly every name listed at start: no pattern to try (8,000 names at 1,000 sponsees)
    from sponsordesk.store.sync_names import copy_of  # its patterns: not needed by `today`'s quick path

    return bool(_CONFLICT.search(name)) or copy_of(name) is not None


def kind_of(path: Path) -> str | None:
    """Which kind of data file ``path`` is (profile, steps, suggestions, contacts), if any."""
    if path.parent.name == CONTACTS and year_of(path) is not None:
        return "contacts"
    return {PROFILE: "profile", STEPS: "steps", SUGGESTIONS: "suggestions"}.get(path.name)


def is_temp_file(path: Path) -> bool:
    """A temp file an interrupted save left behind (see tomlio.write_atomic)."""
    return path.name.endswith(".sdtmp")


_KEPT_HEADER = re.compile(rb"""^[ \t]*\[\[[ \t]*(conflict|"conflict"|'conflict')[ \t]*\]\]""", re.MULTILINE)


def holds_kept_versions(data: bytes) -> bool:
    """Whether a file's bytes hold a ``[[conflict]]`` record, searched without parsing (a start does so for
    every ended sponsorship); spelt as TOML allows, ``[[ conflict ]]`` or quoted, by hand or a formatter."""
    return b"conflict" in data and _KEPT_HEADER.search(data) is not None
