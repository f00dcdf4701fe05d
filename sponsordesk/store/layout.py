"""The data folder's layout: one folder per sponsee, small sync-friendly files.

    <data>/sponsees/<id>/profile.toml       the sponsee
    <data>/sponsees/<id>/steps.toml         the step board
    <data>/sponsees/<id>/suggestions.toml   suggestions and their follow-through
    <data>/sponsees/<id>/contacts/2026.toml one file per year of contacts
    <data>/backups/                         snapshots of the data folder
"""

from __future__ import annotations

import re
from pathlib import Path

SPONSEES = "sponsees"
PROFILE = "profile.toml"
STEPS = "steps.toml"
SUGGESTIONS = "suggestions.toml"
CONTACTS = "contacts"
BACKUPS = "backups"
LOCK = ".sponsordesk.lock"

_YEAR_FILE = re.compile(r"^(\d{4})\.toml$")

# Copies made by sync tools and editors: never data, always reported.
_CONFLICT = re.compile(
    r"(\.sync-conflict-|conflicted copy|\(conflict\)|\.orig$|~$|\.swp$|\.swo$|^\.#|^#.*#$|\.bak$)",
    re.IGNORECASE,
)


def sponsees_dir(root: Path) -> Path:
    return root / SPONSEES


def sponsee_dir(root: Path, sponsee_id: str) -> Path:
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
    return bool(_CONFLICT.search(path.name))
