"""Saves that span several files, all or nothing: a small journal of renames in the data folder.

A contact with its suggestions, or a move to another year, changes several
files; a crash between two renames must not leave one changed and not the
other. So every new file is first written in full beside its target as a
temp file and flushed to disk; then the journal, naming each temp file and
its target, is written (atomically, flushed): from that moment the save has
happened. Then the temp files are renamed over their targets, the folders
flushed, and the journal deleted.

After a crash, ``recover`` (run by the next writer before it removes
leftover temp files) finishes a journal's renames whose temp file is still
there; without a journal, temp files are leftovers of a save that never
happened and are removed. Either way every file is the old one or the new
one, and a save's files are all old or all new.

The journal is a dot file (never loaded as data, left out of backups) and
names files only, never what they hold.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import tomli_w

from sponsordesk.store import tomlio
from sponsordesk.store.problems import Problem, StoreError
from sponsordesk.store.sync_names import unfinished_copy

JOURNAL = ".sponsordesk-journal.toml"

_HEADER = ("# sponsordesk: a save of several files is in progress or was interrupted. The next sponsordesk\n"
           "# to open this folder finishes it. Do not edit or delete this file or the temp files it names.\n")


class JournalError(StoreError):
    """A pending journal could not be read or finished; temp files are kept, so nothing is lost."""


class Unfinished(StoreError):
    """The save was recorded (the journal is on disk) but a rename failed: the next recover finishes it."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error.strerror or str(error))
        self.error = error


Rename = tuple[Path, Path, str, str]
"""(temp file, target, the target's hash before the save or 'absent', the hash of what it becomes)."""


def journal_path(root: Path) -> Path:
    return Path(root) / JOURNAL


def pending(root: Path) -> bool:
    return os.path.lexists(journal_path(root))


def write_all(root: Path, files: list[tuple[Path, bytes, bytes | None]]) -> None:
    """Write every (path, new bytes, bytes it replaces or None), all or none.

    An error before the journal is written leaves every file as it was and
    is raised as is; one after it raises Unfinished (see ``recover``).
    """
    root = Path(root)
    renames: list[tuple[Path, Path]] = []
    folders: dict[Path, None] = {}
    try:
        for path, payload, _ in files:
            folders.update(dict.fromkeys(_ensure_dir(path.parent)))
            renames.append((tomlio.write_temp(path, payload), path))
        for folder in folders:  # the temp files' names are on disk before the journal names them
            tomlio.fsync_dir(folder)
        entries = _write_journal(root, [(temp, path, before, payload)
                                        for (temp, path), (_, payload, before) in zip(renames, files)])
    except BaseException:
        if not pending(root):  # not recorded: nothing happened (if it was, the temp files are the save)
            for temp, _ in renames:
                try:
                    temp.unlink()
                except OSError:
                    pass  # removed on the next start, as an uncommitted temp file
        raise
    try:
        _finish(root, entries, check=False)  # the merge checked each file moments ago, as a one-file save does
    except OSError as error:
        try:  # the save has happened; one more go at the renames before leaving them to the next start
            recover(root)
        except (OSError, StoreError):
            raise Unfinished(error) from error


def _ensure_dir(folder: Path) -> list[Path]:
    """Create ``folder`` if needed; returns the folders to flush so the temp file's name is on disk."""
    missing = []
    probe = folder
    while not probe.is_dir() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    tomlio.ensure_dir(folder)
    return [folder] + [created.parent for created in missing]


def _write_journal(root: Path, renames: list[tuple[Path, Path, bytes | None, bytes]]) -> list[Rename]:
    # ``before``: the target's hash when the save began, so recovery never overwrites a file changed since;
    # ``after``: what the target holds once renamed, so a temp file that is gone is never taken for one renamed
    items = [{"temp": temp.relative_to(root).as_posix(), "target": target.relative_to(root).as_posix(),
              "before": "absent" if before is None else tomlio.digest(before), "after": tomlio.digest(payload)}
             for temp, target, before, payload in renames]
    text = _HEADER + tomli_w.dumps({"schema_version": 1, "rename": items})
    tomlio.write_atomic(journal_path(root), text.encode("utf-8"))
    return [(temp, target, item["before"], item["after"]) for (temp, target, _, _), item in zip(renames, items)]


def _finish(root: Path, renames: list[Rename], check: bool = True) -> list[Path]:
    """Do the renames still to do; returns temp files kept as conflict copies (their target changed since).

    Raises JournalError (the journal kept) when a temp file is gone but its target does not hold what the
    save wrote: that part of the save is lost, and saying it landed would be a lie.
    """
    kept = []
    for temp, target, before, after in renames:
        if not os.path.lexists(temp):
            now = tomlio.read_bytes(target)
            if after and (now is None or tomlio.digest(now) != after):
                raise JournalError(f"{JOURNAL}: the new version of {target.relative_to(root).as_posix()} is "
                                   "missing, so this save did not finish; the file is as it was before it")
            continue  # renamed before the interruption
        now = tomlio.read_bytes(target) if check else None
        if check and before != ("absent" if now is None else tomlio.digest(now)):
            # changed outside sponsordesk since the save began (a sync, an editor): keep both, as a sync tool does
            copy, n = target.with_name(unfinished_copy(target.stem, target.suffix)), 2
            while os.path.lexists(copy):  # never over an earlier copy
                copy, n = target.with_name(unfinished_copy(target.stem, target.suffix, n)), n + 1
            os.replace(temp, copy)
            kept.append(copy)
            continue
        os.replace(temp, target)
    for folder in dict.fromkeys(target.parent for _, target, _, _ in renames):
        tomlio.fsync_dir(folder)
    journal_path(root).unlink()
    tomlio.fsync_dir(root)
    return kept


def read(root: Path) -> list[Rename] | None:
    """The (temp, target, before) renames of a pending journal; None if there is none.

    Raises JournalError if it cannot be read or names files sponsordesk would not have written.
    """
    data = tomlio.read_bytes(journal_path(root))
    if data is None:
        return None
    try:
        items = tomlio.parse(data)["rename"]
        renames = [(_inside(root, item["temp"]), _inside(root, item["target"]), str(item["before"]),
                    str(item.get("after", ""))) for item in items]
    except (ValueError, KeyError, TypeError):
        raise JournalError(f"{JOURNAL} (an interrupted save) could not be read, so it was not finished; "
                           "its temp files are kept. Run `sponsordesk doctor` and compare them with the "
                           "files they name") from None
    for temp, target, _, _ in renames:
        # only a temp file of this very target is ever renamed: a journal cannot move other files
        if temp.parent != target.parent or not (temp.name.startswith(f".{target.name}.")
                                                and temp.name.endswith(tomlio.TEMP_SUFFIX)):
            raise JournalError(f"{JOURNAL} (an interrupted save) names files sponsordesk did not write, so it "
                               "was not finished. Run `sponsordesk doctor`")
    return renames


def _inside(root: Path, rel: object) -> Path:
    if not isinstance(rel, str):
        raise TypeError(rel)
    parts = PurePosixPath(rel).parts
    if not parts or PurePosixPath(rel).is_absolute() or any(p in ("..", ".") for p in parts):
        raise ValueError(rel)
    return Path(root, *parts)


@dataclass(eq=False, repr=False)  # never compared or printed; Python 3.11 compiles each method at import, every start
class Recovery:
    """What finishing an interrupted save did."""

    finished: int = 0
    """Files a pending save still had to rename, now renamed (or kept as conflict copies)."""
    conflicts: list[Path] = field(default_factory=list)
    """Its new files whose target had changed since: kept beside it as conflict copies, to compare."""

    def problems(self) -> list[Problem]:
        """The conflict copies it kept, as warnings (the app's start, a save, a sync and doctor say the same)."""
        return [Problem(copy, "an interrupted save's version of a file that was changed since; kept beside it "
                              "and merged into it when the folder is next read (the app, `sponsordesk sync`)",
                        severity="warning", hint="entries changed in both are shown to choose from; a copy that "
                                                 "cannot be merged is left there, and sponsordesk says why")
                for copy in self.conflicts]


def recover(root: Path) -> Recovery:
    """Finish a pending journal's renames (idempotent)."""
    renames = read(root)
    if renames is None:
        return Recovery()
    done = sum(os.path.lexists(temp) for temp, _, _, _ in renames)
    return Recovery(done, _finish(Path(root), renames))


def named_temps(root: Path) -> set[Path] | None:
    """Temp files a pending journal still needs (empty: no journal); None if it cannot be read (keep them all)."""
    try:
        renames = read(root)
    except JournalError:
        return None
    return {temp for temp, _, _, _ in renames or []}
