"""Folding sync tools' conflict copies into the files they copy, and choosing between kept versions.

``merge_copies`` finds every conflict copy of a sponsordesk file in the data
folder (store/sync_names.py), merges each file with its copies entry by entry
(store/sync_merge.py), then, all or nothing: a backup of the whole folder,
every merged file written (several through the journal), and only then each
copy removed (if it is still what was read). A copy that cannot be merged
(it does not load, it is from a newer sponsordesk, ...) stays where it is,
with the reason, for the person to look at.

``merge_bytes`` is the same merge on bytes, for the git merge driver.
``kept`` lists the entries a merge kept two versions of; ``choose`` keeps
one of them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sponsordesk.model.limits import SCHEMA_VERSION
from sponsordesk.store import backup, journal, layout, lock, tomlio, writing
from sponsordesk.store.migrate import file_models
from sponsordesk.store.problems import KeptVersions, Problem, StoreError
from sponsordesk.store.sync_merge import (
    FileVersions,
    Key,
    Merged,
    MergeRefused,
    Version,
    merge_versions,
    ops_for,
    resolve,
    versions_of,
)
from sponsordesk.store.sync_names import SyncCopy, copy_of
from sponsordesk.store.sync_stamps import CONFLICT, REV, Stamp, counted, join, without_sync

if TYPE_CHECKING:
    from sponsordesk.store.store import Store
    from sponsordesk.store.sync_ledger import Entry, Scope


BEFORE_SYNC = "before-sync"
"""The reason in the name of the backup made before a merge (``…-before-sync.zip``)."""


# ------------------------------------------------------------------ one file and its copies, as bytes


@dataclass
class Side:
    """One version of a file in a sync merge: its bytes, as parsed, normalised, and its entries' versions."""

    data: bytes
    raw: dict[str, Any]
    normal: dict[str, Any]
    versions: FileVersions


def read_side(kind: str, data: bytes, where: str) -> Side:
    """One copy, parsed and checked as the store would load it; MergeRefused (with why) when it does not load."""
    if not data.strip():
        raise MergeRefused(f"{where} is empty")
    try:
        raw = tomlio.parse(data)
    except UnicodeDecodeError:
        raise MergeRefused(f"{where} is not UTF-8 text") from None
    except tomlio.TOMLDecodeError:
        raise MergeRefused(f"{where} is not valid TOML (`sponsordesk doctor` says where)") from None
    version = raw.get("schema_version", SCHEMA_VERSION)
    if version != SCHEMA_VERSION:
        raise MergeRefused(f"{where} has schema_version {version!r}; this sponsordesk merges files of "
                           f"version {SCHEMA_VERSION} only (open each machine's sponsordesk once to upgrade)")
    from pydantic import ValidationError  # a merge validates the files; nothing else here needs pydantic

    try:
        normal = file_models()[kind].model_validate(without_sync(raw)).to_toml_dict()
    except ValidationError:
        raise MergeRefused(f"{where} does not load (`sponsordesk doctor` says which field)") from None
    return Side(data, raw, normal, versions_of(kind, raw, where))


@dataclass
class FileMerge:
    """What merging one file with its copies gives."""

    payload: bytes | None
    """The merged file, or None when the file kept already holds everything."""
    how: str
    taken: int
    """Entries whose version (or deletion) came from a copy."""
    conflicts: list[Key]
    """Entries with more than one version kept."""
    new_conflicts: list[Key]
    """Of those, the ones the file kept did not list yet."""


def merge_sides(kind: str, kept: Side, others: list[Side], base: Side | None, shown: str) -> FileMerge:
    merged = merge_versions([kept.versions] + [o.versions for o in others], base.versions if base else None)
    ops = ops_for(kind, kept.raw, merged, writing.same)
    payload, how = None, ""
    if ops:
        payload, how = writing.render_file(kind, writing.Current(kept.data, kept.raw, kept.normal), ops, shown)
        check = read_side(kind, payload, shown)  # the merged file loads, and holds what the merge decided
        if _summary(check.versions) != _summary_of(merged):
            raise StoreError(f"merging {shown} did not give the file it should (a bug in sponsordesk); "
                             "nothing was written")
    before = {key: sorted(v.same for v in versions) for key, versions in kept.versions.entries.items()}
    taken = sum(1 for key, versions in merged.entries.items()
                if versions[0].same[0] not in {v.same[0] for v in kept.versions.entries.get(key, [])})
    new = [key for key in merged.conflicts if len(before.get(key, [])) < 2]
    return FileMerge(payload, how, taken, merged.conflicts, new)


def _summary(versions: FileVersions) -> dict[Key, list[tuple[str, str | None]]]:
    return {key: sorted(v.same for v in resolve(vs)) for key, vs in versions.entries.items()}


def _summary_of(merged: Merged) -> dict[Key, list[tuple[str, str | None]]]:
    return {key: sorted(v.same for v in vs) for key, vs in merged.entries.items()}


def merge_bytes(kind: str, base: bytes | None, ours: bytes, theirs: bytes, shown: str = "the file") -> FileMerge:
    """The git merge driver's merge: ``ours`` (kept, with its comments and layout) and ``theirs`` over ``base``.

    Raises MergeRefused when either side does not load; the caller falls back to a line merge.
    """
    kept = read_side(kind, ours, f"{shown} (ours)")
    other = read_side(kind, theirs, f"{shown} (theirs)")
    parent = None
    if base is not None and base.strip():
        try:
            parent = read_side(kind, base, f"{shown} (base)")
        except MergeRefused:
            parent = None  # an unreadable base only costs precision: stamps still decide
    return merge_sides(kind, kept, [other], parent, shown)


# ------------------------------------------------------------------ the data folder


def find_copies(root: Path) -> dict[Path, list[tuple[Path, SyncCopy]]]:
    """Each data file that has sync conflict copies beside it (the file itself may be missing), with them."""
    found: dict[Path, list[tuple[Path, SyncCopy]]] = {}
    sponsees = layout.sponsees_dir(root)
    try:
        folders = os.listdir(sponsees)
    except OSError:
        return found
    for folder_name in sorted(folders):
        if folder_name.startswith("."):
            continue
        folder = sponsees / folder_name
        for base, is_contacts in ((folder, False), (folder / layout.CONTACTS, True)):
            if base.is_symlink() or (is_contacts and folder.is_symlink()):
                continue  # links are never followed in the data folder: a linked folder is not ours to merge in
            try:
                names = os.listdir(base)
            except OSError:
                continue
            for name in sorted(names):
                copy = copy_of(name)
                if copy is None:
                    continue
                original = base / copy.original
                if (layout.year_of(original) is not None) != is_contacts or layout.kind_of(original) is None:
                    continue
                if (base / name).is_file() and not (base / name).is_symlink():
                    found.setdefault(original, []).append((base / name, copy))
    return found


@dataclass
class CopiesMerged:
    """One file's merge with its copies, as written."""

    path: Path
    copies: list[Path]
    tools: list[str]
    taken: int
    conflicts: list[Key]
    new_conflicts: list[Key]


@dataclass
class SyncResult:
    """What merging a folder's sync conflict copies did: what was merged, refused, backed up and left."""

    merged: list[CopiesMerged] = field(default_factory=list)
    refused: list[Problem] = field(default_factory=list)
    """Copies left where they are, each with why."""
    backup: Path | None = None
    left: list[Path] = field(default_factory=list)
    """Copies merged but not removed (changed while merging, or could not be deleted): merged again next time."""


@dataclass
class _Plan:
    """One file's merge with its conflict copies, worked out before anything is written."""

    path: Path
    kind: str
    copies: list[tuple[Path, bytes, SyncCopy]]
    before: bytes | None
    result: FileMerge


def _plan(root: Path, original: Path, copies: list[tuple[Path, SyncCopy]]) -> _Plan:
    kind = layout.kind_of(original)
    assert kind is not None
    rel = original.relative_to(root).as_posix()
    before = tomlio.read_bytes(original)
    read = [(path, path.read_bytes(), copy) for path, copy in copies]
    sides = [read_side(kind, data, path.relative_to(root).as_posix()) for path, data, _ in read]
    if before is not None:
        kept = read_side(kind, before, rel)
    else:  # the file itself is gone (deleted on one side): the first copy takes its place
        kept, sides = sides[0], sides[1:]
    if kind == "profile" and any(side.raw.get("id") != kept.raw.get("id") for side in sides):
        raise MergeRefused("it is the profile of another sponsee (its id differs)")
    result = merge_sides(kind, kept, sides, None, rel)
    if before is None:
        result.payload = result.payload or kept.data
    return _Plan(original, kind, read, before, result)


def merge_copies(store: "Store", now: datetime, keep: int) -> SyncResult:
    """Merge every sync conflict copy in the data folder into its file; the store must be writable.

    Raises StoreError when the backup or the writing fails: then nothing was changed and no copy removed.
    """
    root = store.root
    out = SyncResult()
    if store.read_only:
        return out
    # an interrupted save comes first: the merge must see the files it left, and a copy it keeps beside a
    # file changed since (journal.py) is merged here with the sync tools' copies
    store.finish_interrupted_save()
    found = find_copies(root)
    if not found:
        return out
    plans: list[_Plan] = []
    for original, copies in found.items():
        try:
            plans.append(_plan(root, original, copies))
        except (MergeRefused, StoreError, OSError) as error:
            why = getattr(error, "strerror", None) or str(error)
            for path, copy in copies:
                out.refused.append(Problem(path, f"a sync-conflict copy of {copy.original} (made by {copy.tool}) "
                                                 f"that could not be merged: {why}", severity="warning",
                                           hint=f"compare it with {copy.original} in an editor, keep what you "
                                                "need there, then delete the copy"))
    if not plans:
        return out
    try:
        out.backup = backup.make_backup(root, now, BEFORE_SYNC, keep)
    except OSError as error:
        raise StoreError(f"could not make a backup before merging sync copies ({error.strerror or error}); "
                         "nothing was merged. Free some space, then reload (ctrl+r) or run `sponsordesk sync`") from None
    with lock.SAVING:  # no save of this window lands between the check and the writing
        # a file that changed since it was read (a save, the sync tool still at work) waits for the next merge
        plans = [p for p in plans if tomlio.read_bytes(p.path) == p.before]
        _write(root, [writing.FilePlan(p.path, p.result.payload, p.before, p.result.how or "new")
                      for p in plans if p.result.payload is not None])
    for plan in plans:
        removed = []
        for path, data, _ in plan.copies:
            try:
                if path.read_bytes() == data:
                    path.unlink()
                    removed.append(path)
                    continue
            except OSError:
                pass
            out.left.append(path)
        tomlio.fsync_dir(plan.path.parent)
        out.merged.append(CopiesMerged(plan.path, removed, sorted({c.tool for _, _, c in plan.copies}),
                                       plan.result.taken, plan.result.conflicts, plan.result.new_conflicts))
    return out


def _write(root: Path, writes: list[writing.FilePlan]) -> None:
    try:
        writing.write_plans(root, writes)
    except journal.Unfinished as unfinished:
        raise StoreError(f"could not finish merging sync copies ({unfinished}): the merge is recorded and "
                         "finished the next time sponsordesk opens this folder; the copies were kept") from None
    except OSError as error:
        raise StoreError(f"could not write the merged files ({error.strerror or error}); nothing was changed "
                         "and the copies were kept") from None


# ------------------------------------------------------------------ versions kept, and choosing one


@dataclass(frozen=True)
class Kept:
    """An entry of one file with more than one version kept by a merge."""

    path: Path
    kind: str
    key: Key
    versions: tuple[Version, ...]
    """The version in the entry's place first."""


def kept_in(path: Path, kind: str, raw: dict[str, Any]) -> list[Kept]:
    """The entries of a parsed file that hold ``[[conflict]]`` records (empty for a file without any)."""
    if not raw.get(CONFLICT):
        return []
    try:
        versions = versions_of(kind, raw, path.name)
    except MergeRefused:
        return []
    keys = [key for key, vs in versions.entries.items() if len(vs) > 1]
    return [Kept(path, kind, key, tuple(resolve(versions.entries[key]))) for key in keys]


def kept_problems(path: Path, raw: dict[str, Any]) -> list[Problem]:
    """One warning per entry with versions kept (for the store's problems, so `doctor` and the app list them)."""
    kind = layout.kind_of(path)
    if kind is None or not raw.get(CONFLICT):
        return []
    return [KeptVersions(path, f"{describe(kept.key)} was changed on two machines; {len(kept.versions)} versions are "
                          "kept in this file", severity="warning",
                    hint="choose one in the app, which shows them side by side, or delete the [[conflict]] "
                         "record you do not want in an editor")
            for kept in kept_in(path, kind, raw)]


def describe(key: Key) -> str:
    """'contact c-9f8e7d6c', 'step 4', 'assignment a-1 of step 4', 'the profile' (ids only, never words)."""
    if key[0] == "profile":
        return "the profile"
    if key[0] == "assignment":
        return f"assignment {key[2]} of step {key[1]}"
    return f"{key[0]} {key[1]}"


def read_kept(store: "Store", path: Path) -> list[Kept]:
    kind = layout.kind_of(path)
    data = tomlio.read_bytes(path)
    if kind is None or data is None:
        return []
    try:
        return kept_in(path, kind, tomlio.parse(data))
    except (ValueError, UnicodeDecodeError):
        return []


def _ledger_entry(scope: "Scope | None", key: Key) -> "Entry | None":
    """The entry a kept version's key names, as ``stamp_ops`` names it in the ledger."""
    if scope is None:
        return None
    if key[0] == "profile":
        return scope.entry(None, None)
    if key[0] == "assignment":
        return scope.entry("assignment", key[2], key[1])
    return scope.entry(key[0], key[1])


@lock.one_at_a_time
def choose(store: "Store", kept: Kept, index: int, machine: str, today: date) -> Path:
    """Keep ``kept.versions[index]`` of the entry, as a new save on ``machine``: it counts every version's saves,
    so the choice wins everywhere it meets them. Refused (StoreError) when the file changed since ``kept`` was read.
    """
    from sponsordesk.store.problems import ReadOnlyError

    if store.read_only:
        raise ReadOnlyError(store.read_only_reason)
    current = store._current(kept.path, kept.kind)
    now = versions_of(kept.kind, current.raw, kept.path.name).entries.get(kept.key, [])
    if [v.same for v in resolve(now)] != [v.same for v in kept.versions]:
        raise StoreError(f"{store._rel(kept.path)} changed since its versions were shown (another sync?); "
                         "nothing was saved. Look at them again")
    chosen = kept.versions[index]
    known = join([v.stamp for v in kept.versions if v.stamp is not None], None)
    scope = store._ledger_scope(kept.path)
    # counts every version's saves, and one more of this machine's (under an id of its own if one of its
    # versions went elsewhere: the choice has not seen that one)
    counts = counted(known.vector, machine, [], _ledger_entry(scope, kept.key))
    if scope is not None:
        scope.write()
    # unstamped versions it was chosen over are named, so they never come back either
    origins = set(known.origins) | {v.fp for v in kept.versions if not v.deleted and not v.valid}
    record = {k: v for k, v in chosen.record.items() if k != REV}
    if chosen.deleted:
        record["on"] = today
    record[REV] = Stamp(tuple(sorted(counts.items())), None if chosen.deleted else chosen.fp,
                        tuple(sorted(origins))).text()
    version = Version(kept.key, chosen.content, Stamp.parse(record[REV]), record, chosen.fp)
    ops = ops_for(kept.kind, current.raw, Merged({kept.key: [version]}), writing.same)
    plan = writing.plan(kept.path, kept.kind, current, ops, store._rel(kept.path))
    writing.write_plans(store.root, [plan])
    store._fingerprints[kept.path] = tomlio.digest(plan.payload)
    return kept.path
