"""Looking after the data folder as a whole: backups, restore, the doctor, demo data, the writer's lock.

For the commands (`backup`, `restore`, `doctor`, `demo`) and the app, which
reach the files only through the desk.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

from sponsordesk.desk.context import Context
from sponsordesk.store import backup
from sponsordesk.store.backup import BackupInfo
from sponsordesk.store.lock import writer

__all__ = ["BackupInfo", "KEEP", "backup_damage", "backups_dir", "check", "has_sponsees", "list_backups", "make_backup",
           "restore", "restore_waits", "settle_restore", "writing", "write_demo"]

KEEP = {
    backup.BEFORE: "the data from before the restore",
    backup.BACKUP: "the backup's data",
    backup.SINCE: "what was written while the restore waited",
}
"""The versions a restore that cannot be finished holds, by the name `sponsordesk restore --keep` takes."""


def has_sponsees(ctx: Context) -> bool:
    """Anything under sponsees/ that may be a sponsee's (as the app's welcome screen sees it)."""
    return backup.holds_sponsees(ctx.data_dir)


def restore_waits(ctx: Context) -> bool:
    """A restore was stopped halfway and is not finished: the data waits in its folders."""
    return bool(backup.interrupted_restores(ctx.data_dir))


def backups_dir(ctx: Context) -> Path:
    return backup.backups_dir(ctx.data_dir)


def make_backup(ctx: Context, now: datetime) -> Path:
    """A backup now; raises OSError when it cannot be written."""
    return backup.make_backup(ctx.data_dir, now, backup.MANUAL, keep=ctx.settings.backups_keep)


def list_backups(ctx: Context) -> list[BackupInfo]:
    return backup.list_backups(ctx.data_dir)


def backup_damage(info: BackupInfo) -> str | None:
    """Why a backup cannot be restored (damaged, not a zip), or None when it reads whole."""
    return backup.damage(info.path)


def restore(ctx: Context, name: str, now: datetime) -> tuple[BackupInfo, Path]:
    """Back up what is there, then restore ``name``; raises LockedError while an app has the folder open."""
    with writer(ctx.data_dir):
        _finish_interrupted_save(ctx)
        return backup.restore_backup(ctx.data_dir, name, now, ctx.settings.backups_keep)


def _finish_interrupted_save(ctx: Context) -> None:
    """A save stopped halfway is finished first, as every writer does: its new version waits in a temp file
    that no backup holds and a restore would delete, and its journal would then refuse every later save.
    Raises StoreError (nothing changed) when its journal cannot be read."""
    ctx.store().finish_interrupted_save()


def settle_restore(ctx: Context, keep: str, now: datetime) -> tuple[list[str], list[Path]]:
    """Keep one version (``KEEP``) of what a stopped restore could not put back; the others are zipped first.
    Returns the names it settled (``sponsees/``) and the snapshots it made. LockedError while the app is open."""
    with writer(ctx.data_dir):
        _finish_interrupted_save(ctx)
        return backup.settle_restore(ctx.data_dir, keep, now)


def check(ctx: Context, today: date, fix: bool = False):
    """Every file read and checked (`sponsordesk doctor`); returns the doctor's report."""
    from sponsordesk.store.doctor import check as doctor  # only for this command, not on every start

    return doctor(ctx.data_dir, ctx.config_dir, today, fix=fix)


@contextmanager
def writing(ctx: Context) -> Iterator[None]:
    """Hold the writer's lock for a command (LockedError while the app has the folder open)."""
    with writer(ctx.data_dir):
        yield


def write_demo(ctx: Context, today: date) -> list[str]:
    """The invented demo sponsees, through the store (the caller holds the lock)."""
    from sponsordesk.desk.demo import write_demo as demo

    return demo(ctx.store(), today)
