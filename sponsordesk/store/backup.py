"""Backups: zip snapshots of the data folder in ``<data>/backups/``.

A snapshot is one private (0600) zip named ``YYYY-MM-DD-HHMMSS-<reason>.zip``,
so names sort by time. It holds everything in the data folder except the
backups themselves, the lock file, leftover temp files and hidden top-level
entries (``.git``, ``.stfolder``: they belong to the tools that made them).
"""

from __future__ import annotations

import os
import re
import shutil
import secrets
import stat
import zlib
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sponsordesk.store import layout, tomlio
from sponsordesk.store.problems import LINKED_FOLDER, StoreError

if TYPE_CHECKING:
    import zipfile  # imported where a zip is made or read: a start that makes none never loads it

DAILY = "daily"
MANUAL = "manual"
BEFORE_MIGRATION = "before-migration"
BEFORE_RESTORE = "before-restore"
FROM_BACKUP = "from-backup"
WRITTEN_SINCE = "written-since"
AROUND_RESTORE = (BEFORE_RESTORE, FROM_BACKUP, WRITTEN_SINCE)
"""Snapshots taken when a restore is finished or settled: counted apart from the others when pruning."""

_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-(\d{6})-([a-z-]+?)(?:-(\d+))?\.zip$")


@dataclass(frozen=True)
class BackupInfo:
    """One backup archive: where it is, when it was made and why."""

    path: Path
    made: datetime
    reason: str

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def day(self) -> date:
        return self.made.date()


def backups_dir(root: Path) -> Path:
    return root / layout.BACKUPS


def _included(root: Path, only: Collection[str] | None = None) -> list[Path]:
    """The files a snapshot holds, relative to ``root``: plain files only (under the top-level names
    ``only``, when given).

    Links are never followed (one could lead to any file on the machine, and
    put its content in the zip), and FIFOs or devices are never read.
    """
    found = []
    for top in sorted(root.iterdir()) if root.is_dir() else []:
        if top.name.startswith(".") or top.name == layout.BACKUPS:
            continue
        if top.is_symlink() or (only is not None and top.name not in only):
            continue
        if not top.is_dir():
            candidates = [str(top)]
        else:
            candidates = [os.path.join(folder, name) for folder, _, names in os.walk(top) for name in names]
        for name in sorted(candidates):
            path = Path(name)
            if stat.S_ISREG(os.lstat(path).st_mode) and not layout.is_temp_file(path):
                found.append(path.relative_to(root))
    return found


def list_backups(root: Path) -> list[BackupInfo]:
    """Every snapshot, newest first."""
    folder = backups_dir(root)
    out = []
    for path in folder.glob("*.zip") if folder.is_dir() else []:
        match = _NAME.match(path.name)
        if match:
            clock = match.group(2)
            try:
                # not strptime: importing it took 3 ms of every start (the daily backup lists these)
                made = datetime.fromisoformat(f"{match.group(1)}T{clock[:2]}:{clock[2:4]}:{clock[4:]}")
            except ValueError:
                continue  # named like a snapshot, on a day that does not exist (2026-02-30): not one of ours
            out.append(BackupInfo(path, made, match.group(3)))
    return sorted(out, key=lambda b: b.name, reverse=True)


def _new_path(root: Path, now: datetime, reason: str) -> Path:
    stem = f"{now:%Y-%m-%d-%H%M%S}-{reason}"
    path, n = backups_dir(root) / f"{stem}.zip", 2
    while path.exists():
        path, n = backups_dir(root) / f"{stem}-{n}.zip", n + 1
    return path


def make_backup(root: Path, now: datetime, reason: str = MANUAL, keep: int | None = None,
                source: Path | None = None, only: Collection[str] | None = None) -> Path:
    """Write a snapshot now and return its path; keep only the newest ``keep``. ``source``: a folder to
    snapshot instead of the data (what a restore set aside), into the data folder's backups; ``only``:
    just these of its top-level entries."""
    import zipfile

    if source is None:
        _refuse_linked_sponsees(root, "backed up")
    tomlio.ensure_dir(backups_dir(root))
    target = _new_path(root, now, reason)
    tmp = tomlio.temp_name(target)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, tomlio.FILE_MODE)
    source = root if source is None else source
    try:
        with os.fdopen(fd, "wb") as handle:
            with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                for rel in _included(source, only):
                    archive.write(source / rel, rel.as_posix())
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if keep is not None:
        prune(root, keep)
    return target


def _refuse_linked_sponsees(root: Path, done: str) -> None:
    """A sponsees/ that is a link: every sponsee is elsewhere, so a backup of it would be empty (links are
    never followed) and a restore would take the link away; both are refused, saying why."""
    folder = layout.sponsees_dir(root)
    if folder.is_symlink():
        raise StoreError(f"{folder.name}/ is a link to another place, so the data folder was not {done}: "
                         f"sponsordesk does not follow links in its data folder. {LINKED_FOLDER}")


def prune(root: Path, keep: int, protect: frozenset[Path] = frozenset()) -> list[Path]:
    """Delete all but the newest ``keep`` snapshots; returns what was deleted.

    Snapshots taken before a restore are counted apart (the newest ``keep`` of
    them stay too): with backups_keep = 3, restoring the oldest of three once
    made its own before-restore snapshot the fourth, and deleted the one just
    restored. ``protect`` is never deleted.
    """
    removed = []
    found = list_backups(root)
    for group in ([b for b in found if b.reason in AROUND_RESTORE], [b for b in found if b.reason not in AROUND_RESTORE]):
        for info in group[max(keep, 1):]:
            if info.path in protect:
                continue
            info.path.unlink(missing_ok=True)
            removed.append(info.path)
    return removed


def has_data(root: Path) -> bool:
    folder = layout.sponsees_dir(root)
    return folder.is_dir() and not folder.is_symlink() and any(folder.iterdir())


def holds_sponsees(root: Path) -> bool:
    """Whether anything here may be a sponsee's: a folder with anything in it (or a link) under sponsees/,
    or a restore stopped halfway (the data then waits in its folders). A .DS_Store, a dot-folder, a stray
    file or an empty folder are not; demo data may go beside them."""
    if interrupted_restores(root):
        return True
    try:
        entries = list(layout.sponsees_dir(root).iterdir())
    except FileNotFoundError:
        return False
    except OSError:
        return True  # cannot look: take it for data
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_symlink() or (entry.is_dir() and any(entry.iterdir())):
                return True
        except OSError:
            return True
    return False


def daily_backup(root: Path, now: datetime, keep: int) -> Path | None:
    """The once-a-day snapshot on start: only if there is data and none was made today."""
    if not has_data(root) or any(b.day == now.date() for b in list_backups(root)):
        return None
    return make_backup(root, now, DAILY, keep)


def find(root: Path, name: str) -> BackupInfo:
    """A snapshot by name (the ``.zip`` may be left off)."""
    wanted = name if name.endswith(".zip") else f"{name}.zip"
    for info in list_backups(root):
        if info.name == wanted:
            return info
    raise StoreError(f"there is no backup named {name!r} in {backups_dir(root)}; "
                     "run `sponsordesk restore` to list them")


def _damaged() -> tuple[type[Exception], ...]:
    """What reading a damaged zip raises: a bad header, a broken compressed stream ("error"), a short file..."""
    import zipfile

    return (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError)


def damage(path: Path) -> str | None:
    """Why the backup at ``path`` cannot be restored (damaged, truncated, not a zip); None when it reads whole."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            bad = archive.testzip()  # reads every member and checks its CRC
    except (*_damaged(), OSError) as error:
        return "not a readable zip" if isinstance(error, zipfile.BadZipFile) else "damaged: it cannot be read whole"
    return None if bad is None else "damaged: a file in it fails its checksum"


def _safe_members(archive: zipfile.ZipFile, source: Path) -> list[zipfile.ZipInfo]:
    members = archive.infolist()
    for info in members:
        parts = Path(info.filename).parts
        if info.filename.startswith("/") or ".." in parts or (parts and parts[0] == layout.BACKUPS):
            raise StoreError(f"{source.name} holds an unexpected path, so it was not restored; "
                             "choose another backup")
    bad = archive.testzip()
    if bad is not None:
        raise StoreError(f"{source.name} is damaged (a file in it fails its checksum), so it was not restored; "
                         "choose another backup")
    return members


def _extract(source: Path, staging: Path) -> None:
    try:
        _extract_all(source, staging)
    except StoreError:
        raise
    except _damaged():
        raise StoreError(f"{source.name} is damaged (it cannot be read whole), so nothing was restored and your "
                         "data is as it was; choose another backup (`sponsordesk restore` lists them)") from None


def _extract_all(source: Path, staging: Path) -> None:
    import zipfile

    try:
        with zipfile.ZipFile(source) as archive:
            for info in _safe_members(archive, source):
                target = staging / info.filename
                if info.is_dir():
                    tomlio.ensure_dir(target)
                    continue
                tomlio.ensure_dir(target.parent)
                fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, tomlio.FILE_MODE)
                with os.fdopen(fd, "wb") as handle:
                    handle.write(archive.read(info))
                    os.fsync(handle.fileno())
    except zipfile.BadZipFile:
        raise StoreError(f"{source.name} is not a readable zip, so it was not restored; choose another backup") from None


def restore_backup(root: Path, name: str, now: datetime, keep: int) -> tuple[BackupInfo, Path]:
    """Replace the data folder's contents with a snapshot, after snapshotting the current state.

    Returns (the restored snapshot, the snapshot of what was there before).
    The caller must hold the data folder's lock.
    """
    chosen = find(root, name)
    _refuse_linked_sponsees(root, "restored")
    token = secrets.token_hex(4)
    staging, old = root / f".restore-{token}", root / f".replaced-{token}"
    tomlio.ensure_dir(staging)
    try:
        _extract(chosen.path, staging)  # a damaged backup stops here, before anything changes
        safety = make_backup(root, now, BEFORE_RESTORE)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    tomlio.ensure_dir(old)
    current = [p for p in root.iterdir() if not p.name.startswith(".") and p.name != layout.BACKUPS]
    moved: list[Path] = []
    placed: list[Path] = []
    try:
        for path in current:
            os.replace(path, old / path.name)
            moved.append(path)
        for path in list(staging.iterdir()):
            os.replace(path, root / path.name)
            placed.append(root / path.name)
    except OSError:
        # Put back what was there; the pre-restore snapshot covers anything this misses.
        for path in placed:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
        for path in moved:
            os.replace(old / path.name, path)
        shutil.rmtree(old, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    shutil.rmtree(old, ignore_errors=True)
    prune(root, keep, protect=frozenset({chosen.path}))
    return chosen, safety


STAGING, REPLACED, ASIDE = ".restore-", ".replaced-", ".set-aside-"
BEFORE, BACKUP, SINCE = "before", "backup", "since"
"""The three versions a restore that cannot be finished holds, as `sponsordesk restore --keep` names them."""


def interrupted_restores(root: Path) -> list[Path]:
    """What a restore that was stopped halfway left in the data folder (its staging and replaced folders)."""
    try:
        return sorted(p for p in root.iterdir() if p.name.startswith((STAGING, REPLACED)) and p.is_dir())
    except OSError:
        return []


def restore_blocked_by(root: Path, left: Path) -> list[str]:
    """What keeps the stopped restore ``left`` (its .restore-… or .replaced-… folder) from being finished:
    the names written meanwhile where its data goes back, which ``finish_restore`` will not overwrite."""
    suffix = left.name.removeprefix(REPLACED).removeprefix(STAGING)
    staging, replaced = root / (STAGING + suffix), root / (REPLACED + suffix)
    try:
        return sorted(entry.name for entry in staging.iterdir()
                      if (root / entry.name).exists() and (replaced / entry.name).exists())
    except OSError:
        return []


def blocked_restore_text(root: Path, left: Path) -> tuple[str, str] | None:
    """The message and hint for a stopped restore's folder that cannot be finished (every reading and
    doctor give them), or None when the next writer can finish it."""
    blocked = restore_blocked_by(root, left)
    if not blocked:
        return None
    suffix = left.name.removeprefix(REPLACED).removeprefix(STAGING)
    names = ", ".join(f"{name}/" for name in blocked)
    return (f"a restore was interrupted here and cannot be finished: {names} was written while it waited",
            f"sponsordesk will not choose for you: {REPLACED}{suffix}/ holds the data from before the restore, "
            f"{STAGING}{suffix}/ the backup's, and {names} what was written since. With the app closed, keep "
            f"one with `sponsordesk restore --keep {BEFORE}`, `--keep {BACKUP}` or `--keep {SINCE}`; the other "
            "two are zipped into backups/ first")


def finish_restore(root: Path, now: datetime | None = None) -> int:
    """Finish restores that were stopped halfway; returns how many. The caller holds the lock.

    A restore first unpacks the backup into ``.restore-X``, snapshots the data
    (``…-before-restore.zip``), moves what is there into ``.replaced-X``, then
    moves the backup's entries in. Stopped between the moves, the folder looked
    empty (the welcome screen offered demo data). With ``.replaced-X`` present
    the unpacking was complete, so the restore is finished as it would have
    been; without it nothing had moved yet, so the unpacked copy is removed.
    """
    finished = 0
    for replaced in [p for p in interrupted_restores(root) if p.name.startswith(REPLACED)]:
        staging = root / (STAGING + replaced.name.removeprefix(REPLACED))
        left = False
        for entry in sorted(staging.iterdir()) if staging.is_dir() else []:
            target = root / entry.name
            if target.exists() or target.is_symlink():
                if (replaced / entry.name).exists():
                    left = True  # both sides still there: not this restore's doing, leave it
                    continue
                os.replace(target, replaced / entry.name)
            os.replace(entry, target)
        for entry in sorted(replaced.iterdir()):
            # what the backup does not have stays as it was (the original restore would have dropped it,
            # but the before-restore snapshot is the only other copy: keep the data in place)
            if not (root / entry.name).exists():
                os.replace(entry, root / entry.name)
        if left:
            # Something was written where the data goes back meanwhile (a sponsees/ with demo data or a new
            # sponsee): the data is still in .replaced-…, so both folders stay and every reading keeps
            # saying a restore was interrupted. Removing them deleted the data.
            continue
        if any(replaced.iterdir()):
            # What the restore set aside, as it is now: the before-restore snapshot was made when the
            # restore began, and a save since (in a window opened while it could not be finished) or data
            # copied back by hand would otherwise go with the folder.
            make_backup(root, now or datetime.now().astimezone(), BEFORE_RESTORE, source=replaced)
        shutil.rmtree(replaced)
        shutil.rmtree(staging, ignore_errors=True)
        finished += 1
    for staging in [p for p in interrupted_restores(root) if p.name.startswith(STAGING)]:
        if not (root / (REPLACED + staging.name.removeprefix(STAGING))).exists():
            shutil.rmtree(staging, ignore_errors=True)  # unpacked only: nothing had moved
    for aside in _set_aside(root):
        shutil.rmtree(aside, ignore_errors=True)  # settle_restore zipped what is in it before moving it here
    return finished


def _set_aside(root: Path) -> list[Path]:
    try:
        return [p for p in root.iterdir() if p.name.startswith(ASIDE) and p.is_dir() and not p.is_symlink()]
    except OSError:
        return []


def settle_restore(root: Path, keep: str, now: datetime) -> tuple[list[str], list[Path]]:
    """Settle every stopped restore that ``finish_restore`` cannot finish by keeping one version of what
    was written on both sides of it: ``BEFORE`` (the data from before the restore), ``BACKUP`` (the
    backup's) or ``SINCE`` (what was written while it waited). Returns the names it settled (``sponsees``)
    and the snapshots it made, oldest first. The caller holds the lock.

    Nothing is removed that has no snapshot: each version not kept is zipped into backups/ before it is
    moved (the one from before the restore by ``finish_restore``, as a before-restore snapshot). A version
    is moved whole, by one rename, into a ``.set-aside-…`` folder, so a stop halfway never leaves half a
    folder where the data goes; ``finish_restore`` removes that folder (all of it is zipped) and puts the
    kept version in place. Stopped between two renames, the next writer finishes with what was written
    since, or the backup's, in place, and every other version in a snapshot.
    """
    if keep not in (BEFORE, BACKUP, SINCE):
        raise ValueError(f"keep must be {BEFORE}, {BACKUP} or {SINCE}, not {keep!r}")
    before = {b.path for b in list_backups(root)}
    finish_restore(root, now)  # what can be finished is, as any writer would
    settled: set[str] = set()
    for replaced in [p for p in interrupted_restores(root) if p.name.startswith(REPLACED)]:
        suffix = replaced.name.removeprefix(REPLACED)
        staging, aside = root / (STAGING + suffix), root / (ASIDE + suffix)
        blocked = restore_blocked_by(root, replaced)
        if not blocked:
            continue
        settled.update(blocked)
        if keep != BACKUP:
            make_backup(root, now, FROM_BACKUP, source=staging, only=blocked)
            tomlio.ensure_dir(aside / BACKUP)
            for name in blocked:
                os.replace(staging / name, aside / BACKUP / name)
        if keep != SINCE:
            make_backup(root, now, WRITTEN_SINCE, only=blocked)
            tomlio.ensure_dir(aside / SINCE)
            for name in blocked:
                os.replace(root / name, aside / SINCE / name)
    finish_restore(root, now)  # nothing stands in the way now: the kept version goes in place, the rest zipped
    made = sorted((b.path for b in list_backups(root) if b.path not in before), key=lambda p: p.name)
    return sorted(settled), made
