"""Schema migrations: older files are upgraded one version at a time, after a backup.

Each migration takes a file's raw TOML table at version N and returns it at
N + 1; ``MIGRATIONS[N]`` holds it. The store upgrades in memory whenever it
reads an older file, and ``migrate_folder`` rewrites them on disk (the app
calls it on start, after taking the lock and making a backup).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sponsordesk.model.limits import SCHEMA_VERSION
from sponsordesk.store import backup, layout, tomlio
from sponsordesk.store.problems import Problem, StoreError

Migration = Callable[[dict[str, Any], str], dict[str, Any]]
"""(raw table at version N, file kind) -> raw table at version N + 1."""

MIGRATIONS: dict[int, Migration] = {}
"""Version 1 is the first; the next format change registers MIGRATIONS[1]."""

if TYPE_CHECKING:
    from sponsordesk.model import Record


@cache
def file_models() -> dict[str, type[Record]]:
    """File kind -> its model, imported when first asked (the app starts without pydantic when the index and the
    config files vouch for everything: store/config_check.py)."""
    from sponsordesk.model import ContactFile, Sponsee, StepBoard, SuggestionFile

    return {"profile": Sponsee, "steps": StepBoard, "suggestions": SuggestionFile, "contacts": ContactFile}


class MigrationError(StoreError):
    """A file is older than any version this sponsordesk can upgrade."""


def version_of(raw: dict[str, Any]) -> Any:
    """The file's schema_version; a hand-written file may leave it out (then: current)."""
    return raw.get("schema_version", SCHEMA_VERSION)


def upgrade(raw: dict[str, Any], kind: str) -> dict[str, Any]:
    """``raw`` brought up to SCHEMA_VERSION, one registered step at a time."""
    version = version_of(raw)
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise MigrationError(f"schema_version {version} is older than this sponsordesk can upgrade")
        raw = step(dict(raw), kind)
        version += 1
        raw["schema_version"] = version
    return raw


def data_files(root: Path) -> Iterator[Path]:
    """Every sponsee data file (not conflict copies, not backups)."""
    folder = layout.sponsees_dir(root)
    if not folder.is_dir():
        return
    # One scandir per folder instead of a stat per possible file: this runs on every start.
    with os.scandir(folder) as found:
        sponsees = sorted(e.name for e in found if e.is_dir(follow_symlinks=False)
                          and not layout.is_conflict_name(e.name))
    for name in sponsees:
        sponsee = folder / name
        try:
            with os.scandir(sponsee) as found:
                entries = {e.name: e for e in found}
        except OSError:
            continue
        for file_name in layout.DATA_FILES:
            entry = entries.get(file_name)
            if entry is not None and entry.is_file(follow_symlinks=False):
                yield sponsee / file_name
        entry = entries.get(layout.CONTACTS)
        if entry is not None and entry.is_dir(follow_symlinks=False):
            contacts = sponsee / layout.CONTACTS
            yield from sorted(p for p in contacts.iterdir() if layout.kind_of(p) == "contacts")


def _older(path: Path) -> dict[str, Any] | None:
    """The file's table if it is an older version; None if current, newer or unreadable."""
    try:
        data = tomlio.read_bytes(path)
        raw = tomlio.parse(data) if data is not None else {}
    except (OSError, ValueError):
        return None  # the store reports unreadable files
    version = version_of(raw)
    return raw if isinstance(version, int) and not isinstance(version, bool) and version < SCHEMA_VERSION else None


_FIRST_TABLE = re.compile(rb"^[ \t]*\[", re.MULTILINE)
_VERSION_LINE = re.compile(rb"[ \t]*schema_version[ \t]*=[ \t]*(0|[1-9][0-9]*)[ \t]*(?:#[^\r\n]*)?\r?")
HEAD_BYTES = 4096
"""Top-level keys come first: a file's first bytes nearly always hold them all."""


def _plain_version(head: bytes) -> int | None:
    """schema_version when the head is that one line and comments (what sponsordesk writes); else None."""
    version = None
    for line in head.split(b"\n"):
        text = line.strip()
        if not text or text.startswith(b"#"):
            continue
        found = _VERSION_LINE.fullmatch(line)
        if found is None or version is not None:
            return None  # anything else: let the TOML parser decide
        version = int(found.group(1))
    return version


def _is_older(path: Path) -> bool:
    """Whether the file needs an upgrade, reading only its top-level keys when it can.

    TOML puts top-level keys (schema_version among them) before the first
    table, so the text before the first line that opens one is enough: this
    runs on every start for every contacts file, and parsing all of them
    whole took seconds at 50,000 contacts. Only the first few kilobytes are
    read, and a head that is just comments and ``schema_version = N`` is read
    without a parser. When the cut falls inside a multi-line value the head
    does not parse, and the whole file is read.
    """
    try:
        with os.fdopen(tomlio.open_regular(path), "rb") as file:
            data = file.read(HEAD_BYTES)
            first = _FIRST_TABLE.search(data)
            if first is None and len(data) == HEAD_BYTES:
                data += file.read()
                first = _FIRST_TABLE.search(data)
    except OSError:
        return False  # the store reports unreadable files
    head = data[:first.start()] if first else data
    version = _plain_version(head)
    if version is None:
        try:
            version = version_of(tomlio.parse(head))
        except ValueError:
            return _older(path) is not None
    return isinstance(version, int) and not isinstance(version, bool) and version < SCHEMA_VERSION


def pending(root: Path) -> list[Path]:
    """Files that need a migration."""
    return [path for path in data_files(root) if _is_older(path)]


@dataclass
class MigrationResult:
    """What upgrading older files did: the backup made first, the files upgraded, what could not be."""

    backup: Path | None = None
    migrated: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def migrate_folder(root: Path, now: datetime, keep: int) -> MigrationResult:
    """Back up the data folder, then rewrite every older file in the current format.

    A file that cannot be upgraded is left as it is and reported.
    """
    result = MigrationResult()
    if not MIGRATIONS:
        # Nothing registered could upgrade a file, so none is looked for: looking opened every file in
        # the folder on every start (130 ms of it at 1,000 sponsees). A file of an older version is still
        # reported, with its field, whenever the store reads it, and left as it is.
        return result
    todo = pending(root)
    if not todo:
        return result
    result.backup = backup.make_backup(root, now, reason=backup.BEFORE_MIGRATION, keep=keep)
    for path in todo:
        raw = _older(path)
        kind = layout.kind_of(path)
        if raw is None or kind is None:
            continue
        from pydantic import ValidationError

        try:
            record = file_models()[kind].model_validate(upgrade(raw, kind))
        except (MigrationError, ValidationError) as error:
            reason = str(error) if isinstance(error, MigrationError) else "does not validate after the upgrade"
            result.problems.append(Problem(path, f"could not be upgraded: {reason}", field="schema_version",
                                           hint=f"it is left as it was; the backup {result.backup.name} has it too"))
            continue
        tomlio.write_atomic(path, tomlio.dumps(record.to_toml_dict(), layout.HEADERS[kind]))
        result.migrated.append(path)
    return result
