"""What happens once a sponsordesk becomes the data folder's one writer.

An interrupted save of several files is finished, leftover temp files go,
older files are migrated (after a backup), the day's backup is made, and
loose permissions are found. Nothing here may stop the
app from opening: a failure becomes a problem to show.

The app leaves the permission check to a moment after the notebook is read
(``loose_permissions``, with the listing the chores made): it stats every
file and folder (about 40 ms at a thousand sponsees), only reads, and
nothing the reading shows depends on it. The temp files are still removed
here, before anything else of this process writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sponsordesk.store import backup, journal, migrate
from sponsordesk.store.problems import Problem, StoreError
from sponsordesk.store.lock import SAVING
from sponsordesk.store.store import Store, private_dir_problems, tree_paths
from sponsordesk.wording.numbers import plural


RESTORE_HINT = ("its folders (.restore-…, .replaced-…) hold your data: do not delete them; run "
                "`sponsordesk doctor --fix` with the app closed, or copy the data back from them by hand")


@dataclass(eq=False, repr=False)  # never compared or printed; Python 3.11 compiles each method at import, every start
class StartResult:
    """What the start-up chores did and found, to tell the person."""

    notices: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    wrote: bool = False
    """A chore wrote, moved or removed something in the data folder (or may have, before it failed): an
    interrupted save finished, temp files removed, a restore finished, files upgraded, the day's backup
    made. The app's first reading then checks every folder itself, not taking the glance's check made
    before the chores for its own (``Desk.read``)."""
    tree: list[str] | None = None
    """The data folder as the chores last listed it (``tree_paths``), for a permission check left for later;
    None when a chore changed it since (or never listed it)."""


def start_writing(store: Store, now: datetime, keep: int, check_permissions: bool = True,
                  listed: frozenset[str] = frozenset()) -> StartResult:
    """Run the start-up chores; the caller holds the lock. No save of this process runs meanwhile.

    ``check_permissions``: False leaves that to ``loose_permissions`` (``StartResult.tree``: the listing).
    ``listed``: sponsee folders (paths) found name for name as the index signed them since this process took
    the lock (the glance), so holding no temp file of a save (one would have been a name the index does not
    know): the search for them does not enter those, and the permission check lists the folder itself."""
    with SAVING:
        return _chores(store, now, keep, check_permissions, listed)


def loose_permissions(root: Path, tree: list[str] | None = None) -> list[Problem]:
    """One warning for every file and folder here that other users can read, if any (``tree``: the folder's
    ``tree_paths``, listed again when None). Only reads: safe on any thread, beside saves."""
    loose = private_dir_problems(root, tree)
    if not loose:
        return []
    are = "is" if len(loose) == 1 else "are"
    return [Problem(root, f"{plural(len(loose), 'file or folder', 'files or folders')} here {are} "
                    "readable by other users", severity="warning",
                    hint="run `sponsordesk doctor --fix` to make them private to you")]


def _chores(store: Store, now: datetime, keep: int, check_permissions: bool = True,
            listed: frozenset[str] = frozenset()) -> StartResult:
    result = StartResult()
    root = store.root
    tree: list[str] | None = None  # the folder listed once, for the temp files and the permission check
    try:
        # first: a save of several files that was interrupted is finished, so its temp files are not removed
        pending = journal.pending(root)
        recovery = store.recover()
    except StoreError as error:
        result.wrote = True  # it may have renamed some of the files before it failed
        result.problems.append(Problem(journal.journal_path(root), str(error), hint="sponsordesk keeps the files "
                                       "it names; run `sponsordesk doctor` to see them"))
    else:
        result.wrote = pending  # the journal is gone, and files perhaps renamed
        if recovery.finished:
            result.notices.append(f"Finished a save that was interrupted ({recovery.finished} "
                                  f"file{'s' * (recovery.finished != 1)}).")
        result.problems += recovery.problems()
        # Not the folders the glance found as signed: listing a thousand sponsees' folders again (8,500
        # entries) was about 25 ms of a start's processor time. The permission check then lists for itself,
        # half a second after the keys work (tui/loading.py), as it does after any chore that wrote.
        tree = tree_paths(root, skip=listed)
        if store.cleanup_temp_files(tree):  # the removed ones are skipped by the permission check
            result.wrote = True
        if listed:
            tree = None  # not all of it
    try:
        if backup.finish_restore(root, now):
            tree, result.wrote = None, True  # folders moved: list them again
            result.notices.append("Finished a restore that was interrupted; the data as it was before is in "
                                  "backups/ (…-before-restore).")
    except OSError as error:
        tree, result.wrote = None, True  # it may have moved folders before it failed
        result.problems.append(Problem(root, f"a restore was interrupted and could not be finished "
                                       f"({error.strerror or error})", hint=RESTORE_HINT))
    try:
        migrated = migrate.migrate_folder(root, now, keep)
    except (OSError, StoreError) as error:
        tree, result.wrote = None, True  # it may have written files before it failed
        result.problems.append(Problem(root, f"could not upgrade older files: {getattr(error, 'strerror', None) or error}",
                                       hint="nothing was changed; run `sponsordesk doctor` to see which files"))
    else:
        result.problems += migrated.problems
        if migrated.backup is not None or migrated.migrated:
            tree, result.wrote = None, True  # a backup made, files perhaps upgraded: list them again
        if migrated.migrated:
            n = len(migrated.migrated)
            result.notices.append(f"Upgraded {n} file{'s' * (n != 1)} to the current format; "
                                  f"the data as it was is in backups/{migrated.backup.name}.")
    try:
        # Counted as a write, though it writes only under backups/, which no reading looks at: it reads every
        # file (1.5 s at a thousand sponsees), and an edit made meanwhile is then seen by the first reading, not
        # only by one after it (ctrl+r, or the focus back after leaving the window). Once a day, the folders
        # checked again cost about 35 ms more there.
        if backup.daily_backup(root, now, keep) is not None:
            tree, result.wrote = None, True  # a new file: the check sees everything there is, as before
    except OSError as error:
        result.wrote = True
        result.problems.append(Problem(backup.backups_dir(root), f"could not make today's backup ({error.strerror})",
                                       severity="warning", hint="free some space, then run `sponsordesk backup`"))
    if check_permissions:
        result.problems += loose_permissions(root, tree)
    else:
        result.tree = tree
    return result
