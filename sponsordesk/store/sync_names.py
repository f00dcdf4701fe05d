"""The names sync tools give the copies they make when two machines changed one file.

Each tool keeps the file it picked under its own name and puts the other
version beside it under a new name. ``copy_of`` says, for a file name,
whether it is such a copy of a sponsordesk file, which file, and which tool
made it. Editor backups (``~``, ``.swp``, ``.bak``, ``.orig``) are not copies
of this kind: they are older states of the same file, never merged (see
layout.py, which reports them).
"""

from __future__ import annotations

import re
from typing import NamedTuple

UNFINISHED = "conflict - unfinished save"
"""What sponsordesk puts in the name of a file's copy it keeps when an interrupted save meets a changed file."""


def unfinished_copy(stem: str, suffix: str, n: int = 1) -> str:
    """``profile (conflict - unfinished save).toml``, then ``… save 2)`` and on for more."""
    return f"{stem} ({UNFINISHED}{f' {n}' if n > 1 else ''}){suffix}"


_STEMS = r"(?P<stem>profile|steps|suggestions|\d{4})"
"""The files sponsordesk keeps in a sponsee folder: profile, steps, suggestions, contacts/<year>."""

_TOOLS: list[tuple[str, re.Pattern[str]]] = [
    # profile.sync-conflict-20261121-101010-7QK2M1A.toml
    ("Syncthing", re.compile(_STEMS + r"\.sync-conflict-\d{8}-\d{6}-[A-Z0-9]{7}\.toml$")),
    # profile (conflicted copy 2026-11-21 101010).toml (Nextcloud, ownCloud);
    # profile (Sam's conflicted copy 2026-11-21).toml, profile (conflicted copy 2026-11-21).toml (Dropbox)
    ("Nextcloud, ownCloud or Dropbox", re.compile(_STEMS + r" \([^()]*conflicted copy[^()]*\)\.toml$", re.I)),
    # profile_conflict-20261121-101010.toml (older ownCloud and Nextcloud clients)
    ("ownCloud or Nextcloud", re.compile(_STEMS + r"_conflict-\d{8}-\d{6}\.toml$")),
    # profile (conflict - unfinished save).toml: sponsordesk's own, from a save interrupted while the file changed
    # (journal.py names it with unfinished_copy; a dash, as Windows and most sync tools refuse a colon)
    ("an interrupted sponsordesk save", re.compile(_STEMS + r" \(" + re.escape(UNFINISHED) + r"(?: \d+)?\)\.toml$")),
    # profile.Conflict.toml, profile.Conflict (2).toml (Resilio Sync)
    ("Resilio Sync", re.compile(_STEMS + r"\.Conflict(?: \(\d+\))?\.toml$")),
    # profile (1).toml (Google Drive)
    ("Google Drive", re.compile(_STEMS + r" \(\d+\)\.toml$")),
    # profile-DESKTOP-7QK2M1.toml (OneDrive: the name, a dash, the computer's name). The computer's name
    # has a capital letter (Windows gives names in capitals; a Mac's is "Sams-MacBook"): a file a person
    # named steps-archive.toml or steps-old.toml is theirs, never merged into steps.toml and removed.
    ("OneDrive", re.compile(_STEMS + r"-(?=[A-Za-z0-9-]*[A-Z])[A-Za-z0-9][A-Za-z0-9-]{0,62}\.toml$")),
]


class SyncCopy(NamedTuple):
    """A conflict copy of one of sponsordesk's files: the copy's name, the original's, and the tool."""

    name: str
    original: str
    tool: str


def copy_of(name: str) -> SyncCopy | None:
    """The sync copy ``name`` is, if it is one of a sponsordesk file (``profile (1).toml`` -> ``profile.toml``)."""
    for tool, pattern in _TOOLS:
        match = pattern.match(name)
        if match:
            return SyncCopy(name, f"{match.group('stem')}.toml", tool)
    return None
