"""Merging two or more machines' copies of one data file, entry by entry, without a common base.

Every entry (a contact, a suggestion, a step, an assignment, the profile) is
looked at on its own, with its stamp (store/sync_stamps.py):

- an entry in one copy only is kept (unless the other holds its tombstone);
- of two versions, the one that was made from the other wins: its stamp
  counts every save the other's counts and the other still matches its
  fingerprint, or it says it was made ``from`` the other's fingerprint;
- a tombstone is a version too: it wins over the version it deleted, and
  loses to one changed since (that is a conflict: deleted on one machine,
  changed on the other);
- versions with the same content are one version, counting both stamps;
- what is left when more than one version remains is a true conflict: the
  entry keeps one version in its place and every other version is kept in a
  ``[[conflict]]`` record in the same file, until the person chooses.

This is a multi-value register per entry: the result is the same whichever
copy is taken first, merging a copy twice changes nothing, and a merged
file merges with a third copy like any other. With git a common base is at
hand (``%O``): an entry one side left as it was in the base takes the other
side's version (stamped or not, deleted by hand or not) before the rules
above are asked.

Pure functions over parsed TOML; the result is a list of store ops against
the file kept (so comments and layout stay), see ``ops_for``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from sponsordesk.store import merge
from sponsordesk.store.sync_stamps import (
    CONFLICT,
    DELETED,
    ENTRIES,
    FILE_KEYS,
    NESTED,
    REV,
    Stamp,
    fingerprint,
    ident_key,
    join,
    own,
)

Key = tuple[Any, ...]
"""("contact", id), ("suggestion", id), ("step", number), ("assignment", step number, id) or ("profile",)."""

_GONE = ""
"""The content key of a deletion."""


class MergeRefused(ValueError):
    """The copies cannot be merged safely (the message says why); nothing is written and the copy stays."""


@dataclass(frozen=True)
class Version:
    """One version of one entry: its content (None: deleted), stamp, and the record written for it."""

    key: Key
    content: dict[str, Any] | None
    stamp: Stamp | None
    record: dict[str, Any]
    """The entry as written (own content and ``rev``), or the tombstone."""
    fp: str = ""

    @property
    def deleted(self) -> bool:
        return self.content is None

    @property
    def valid(self) -> bool:
        """Its stamp tells its history: present, and (for an entry) still matching what it holds."""
        return self.stamp is not None and (self.deleted or self.stamp.mark == self.fp)

    @property
    def same(self) -> tuple[str, str | None]:
        """Equal for versions that are one and the same (content and stamp)."""
        return (_GONE if self.deleted else self.fp, self.stamp.text() if self.stamp else None)


def _version(key: Key, content: dict[str, Any] | None, record: dict[str, Any]) -> Version:
    stamp = Stamp.parse(record.get(REV))
    return Version(key, content, stamp, record, "" if content is None else fingerprint(content))


def descends(newer: Version, older: Version) -> bool:
    """``newer`` was made from ``older`` (or from a version made from it): it holds its changes."""
    if newer.stamp is None:
        return False
    if older.valid and newer.stamp.covers(older.stamp):  # type: ignore[arg-type]
        return True
    return not older.deleted and older.fp in newer.stamp.origins


def _with_stamp(version: Version, stamp: Stamp) -> Version:
    if stamp == version.stamp:
        return version
    record = dict(version.record)
    record[REV] = stamp.text()
    return Version(version.key, version.content, stamp, record, version.fp)


def _joined(group: list[Version]) -> Version:
    """Versions with one content: one version whose stamp counts them all."""
    if len(group) == 1:
        return group[0]
    first = group[0]
    stamps = [v.stamp for v in group if v.stamp is not None]
    if not stamps:
        return first
    record = dict(first.record)
    if first.deleted:
        mark = None
        days = [v.record["on"] for v in group if "on" in v.record]
        if days:
            record["on"] = min(days)
    else:
        marks = sorted(s.mark for s in stamps if s.mark)
        mark = first.fp if any(v.valid for v in group) else (marks[0] if marks else None)
    joined = join(stamps, mark)
    record[REV] = joined.text()
    return Version(first.key, first.content, joined, record, first.fp)


def _order(version: Version) -> tuple[Any, ...]:
    # the version kept in the entry's place: a live one before a deletion, then the most saves, then a fixed order
    total = sum(count for _, count in version.stamp.counts) if version.stamp else 0
    return (version.deleted, -total, version.fp, version.stamp.text() if version.stamp else "")


def resolve(versions: Iterable[Version]) -> list[Version]:
    """The versions of one entry that are left after the rules; the first goes in the entry's place."""
    groups: dict[str, list[Version]] = {}
    for version in versions:
        groups.setdefault(_GONE if version.deleted else version.fp, []).append(version)
    joined = [_joined(sorted(group, key=_order)) for group in groups.values()]
    # "made from" is transitive: a version made from one that was made from a third holds the third's changes
    # too. Merging two copies first passes that on in the stamp (below), so merging three at once must see
    # it as well, or the order of the merges would change the result.
    n = len(joined)
    made_from = [[i != j and descends(joined[i], joined[j]) for j in range(n)] for i in range(n)]
    for k in range(n):
        for i in range(n):
            if made_from[i][k]:
                for j in range(n):
                    if made_from[k][j] and i != j:
                        made_from[i][j] = True
    kept = []
    for i, x in enumerate(joined):
        under = [y for j, y in enumerate(joined) if made_from[i][j] and not made_from[j][i]]
        if any(made_from[j][i] and not made_from[i][j] for j in range(n)):
            continue
        if under and x.stamp is not None:  # what it supersedes, it now knows (kept transitive across merges)
            x = _with_stamp(x, join([x.stamp, *(y.stamp for y in under if y.stamp)], x.stamp.mark))
        kept.append(x)
    return sorted(kept, key=_order)


# ------------------------------------------------------------------ a file's versions


@dataclass
class FileVersions:
    """Every version a file holds, by entry, and what it holds besides entries."""

    kind: str
    entries: dict[Key, list[Version]] = field(default_factory=dict)
    rest: dict[str, Any] = field(default_factory=dict)
    """Top-level keys that are not entries, stamps, tombstones or kept versions (must match to merge)."""

    def add(self, version: Version) -> None:
        self.entries.setdefault(version.key, []).append(version)


def _tomb_key(kind: str, record: dict[str, Any], where: str) -> Key:
    ident = record.get("id")
    if not isinstance(ident, str) or not ident:
        raise MergeRefused(f"{where}: a [[deleted]] record without an id")
    if kind == "steps":
        step = record.get("step")
        if not isinstance(step, int) or isinstance(step, bool):
            raise MergeRefused(f"{where}: a [[deleted]] assignment without its step number")
        return ("assignment", step, ident)
    if kind == "profile":
        raise MergeRefused(f"{where}: a profile cannot be deleted")
    return (ENTRIES[kind], ident)


def versions_of(kind: str, raw: dict[str, Any], where: str = "the file") -> FileVersions:
    """Every version ``raw`` (a parsed file of ``kind``) holds; MergeRefused for one that is ambiguous."""
    out = FileVersions(kind)
    if kind == "profile":
        content = own(raw, None)
        if content:
            out.add(_version(("profile",), content, {**content, **({REV: raw[REV]} if REV in raw else {})}))
    else:
        array = ENTRIES[kind]
        nested = NESTED.get(array)
        out.rest = {k: v for k, v in raw.items() if k not in FILE_KEYS and k != array}
        items = raw.get(array, [])
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise MergeRefused(f"{where}: its {array} entries are not written as [[{array}]] tables")
        seen: set[Key] = set()
        for item in items:
            ident = item.get(ident_key(array))
            if (array, ident) in seen:
                raise MergeRefused(f"{where} has two entries with the id {ident!r}; give one of them another id")
            seen.add((array, ident))
            out.add(_version((array, ident), own(item, array), {k: v for k, v in item.items() if k != nested}))
            inner = item.get(nested) if nested else None
            for sub in inner or []:
                if not isinstance(sub, dict):
                    raise MergeRefused(f"{where}: step {ident} has assignments that are not tables")
                key = (nested, ident, sub.get(ident_key(nested)))
                if key in seen:
                    raise MergeRefused(f"{where} has two assignments with the id {key[-1]!r} in step {ident}")
                seen.add(key)
                out.add(_version(key, own(sub, nested), dict(sub)))
    for record in _records(raw, DELETED, where):
        out.add(_version(_tomb_key(kind, record, where), None, dict(record)))
    for record in _records(raw, CONFLICT, where):
        out.add(_kept(kind, record, where))
    return out


def _records(raw: dict[str, Any], name: str, where: str) -> list[dict[str, Any]]:
    items = raw.get(name, [])
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise MergeRefused(f"{where}: [[{name}]] records that are not tables")
    return items


def _kept(kind: str, record: dict[str, Any], where: str) -> Version:
    """A version kept in a ``[[conflict]]`` record."""
    # "step" is an assignment's step number, or (a table) the kept version of a step
    names = [k for k in record if k != "id" and not (k == "step" and not isinstance(record[k], dict))]
    if len(names) != 1 or not isinstance(record[names[0]], dict):
        raise MergeRefused(f"{where}: a [[conflict]] record that does not hold one version")
    name = names[0]
    body = record[name]
    if name == DELETED:
        tomb = {"id": record.get("id"), **({"step": record["step"]} if "step" in record and name != "step" else {}),
                **body}
        version = _version(_tomb_key(kind, tomb, where), None, tomb)
    elif name == "profile" and kind == "profile":
        version = _version(("profile",), own(body, None), dict(body))
    elif name == "assignment" and kind == "steps":
        version = _version(("assignment", record.get("step"), record.get("id")), own(body, name), dict(body))
    elif name == ENTRIES.get(kind):
        version = _version((name, record.get("id")), own(body, name), dict(body))
    else:
        raise MergeRefused(f"{where}: a [[conflict]] record of a {name} in a {kind} file")
    return version


# ------------------------------------------------------------------ merging


@dataclass
class Merged:
    """The versions of every entry after merging two or more files."""

    entries: dict[Key, list[Version]]
    """Each entry's versions after the merge, the one in its place first."""

    @property
    def conflicts(self) -> list[Key]:
        return [key for key, versions in self.entries.items() if len(versions) > 1]


def merge_versions(sides: list[FileVersions], base: FileVersions | None = None) -> Merged:
    """The merge of every side (a git base, when given, for two sides)."""
    rests = [s.rest for s in sides]
    if any(r != rests[0] for r in rests):
        raise MergeRefused("the copies differ outside their entries (keys sponsordesk does not know); "
                           "compare them in an editor")
    keys: dict[Key, None] = {}
    for side in sides:
        keys.update(dict.fromkeys(side.entries))
    out: dict[Key, list[Version]] = {}
    for key in keys:
        versions = [side.entries.get(key, []) for side in sides]
        if base is not None and len(sides) == 2:
            then = sorted(v.same for v in base.entries.get(key, []))
            ours, theirs = (sorted(v.same for v in side) for side in versions)
            if ours == then:
                versions = [versions[1]]
            elif theirs == then:
                versions = [versions[0]]
        kept = resolve(v for side in versions for v in side)
        if kept:
            out[key] = kept
    return Merged(out)


# ------------------------------------------------------------------ back to the file: ops against one copy


def _field_ops(path: merge.Path_, current: dict[str, Any], target: dict[str, Any], skip: set[str],
               same: Any) -> list[merge.Op]:
    ops: list[merge.Op] = []
    for name in current:
        if name not in skip and name not in target:
            ops.append(merge.DropField(path, name))
    for name, value in target.items():
        if name not in skip and (name not in current or not same(current[name], value)):
            ops.append(merge.SetField(path, name, value))
    return ops


def _conflict_record(key: Key, version: Version) -> dict[str, Any]:
    record: dict[str, Any] = {"id": key[-1] if key[0] != "profile" else version.record.get("id")}
    if key[0] == "assignment":
        record["step"] = key[1]
    if version.deleted:
        body = {k: v for k, v in version.record.items() if k not in ("id", "step")}
        record[DELETED] = body
    else:
        record[key[0]] = dict(version.record)
    return record


def ops_for(kind: str, raw: dict[str, Any], merged: Merged, same: Any) -> list[merge.Op]:
    """The ops that turn ``raw`` (the copy kept) into the merged file."""
    ops: list[merge.Op] = []
    conflicts = _records(raw, CONFLICT, "the file")
    tombs = {(r.get("step"), r.get("id")): r for r in _records(raw, DELETED, "the file")}
    if kind == "profile":
        versions = merged.entries.get(("profile",), [])
        if versions:
            target = versions[0].record
            ops += _field_ops((), raw, target, set(FILE_KEYS - {REV}), same)
            ops += _conflict_ops(raw.get("id", target.get("id")), None, conflicts,
                                 [_conflict_record(("profile",), v) for v in versions[1:]])
        return ops
    array = ENTRIES[kind]
    nested = NESTED.get(array)
    live = {item.get(ident_key(array)): item for item in raw.get(array, [])}
    added_whole: set[Any] = set()
    for key, versions in merged.entries.items():
        if key[0] != array:
            continue
        ident, main = key[1], versions[0]
        path: merge.Path_ = ((array, ident),)
        if not main.deleted:
            if ident in live:
                ops += _field_ops(path, live[ident], main.record, {nested} if nested else set(), same)
            else:
                entry = dict(main.record)
                if nested:
                    entry[nested] = [v[0].record for k, v in merged.entries.items()
                                     if k[0] == nested and k[1] == ident and not v[0].deleted]
                    added_whole.add(ident)
                ops.append(merge.AddEntry((), array, entry))
        elif ident in live:
            ops.append(merge.RemoveEntry(path))
        ops += _tomb_ops(tombs.get((None, ident)), main, ident)
        ops += _conflict_ops(ident, None, conflicts, [_conflict_record(key, v) for v in versions[1:]])
    for key, versions in merged.entries.items():
        if key[0] != nested:
            continue
        step, ident, main = key[1], key[2], versions[0]
        if step not in added_whole:
            items = {i.get("id"): i for i in (live.get(step) or {}).get(nested) or []}
            path = ((array, step), (nested, ident))
            if step not in live and not main.deleted:
                raise MergeRefused(f"an assignment of step {step}, which neither copy holds")
            if not main.deleted:
                if ident in items:
                    ops += _field_ops(path, items[ident], main.record, set(), same)
                else:
                    ops.append(merge.AddEntry(((array, step),), nested, dict(main.record)))
            elif ident in items:
                ops.append(merge.RemoveEntry(path))
        ops += _tomb_ops(tombs.get((step, ident)), main, ident)
        ops += _conflict_ops(ident, step, conflicts, [_conflict_record(key, v) for v in versions[1:]])
    return ops


def _tomb_ops(current: dict[str, Any] | None, main: Version, ident: Any) -> list[merge.Op]:
    if main.deleted:
        if current is not None and current == main.record:
            return []
        drop = [merge.RemoveEntry(((DELETED, ident),))] if current is not None else []
        return drop + [merge.AddEntry((), DELETED, dict(main.record))]
    return [merge.RemoveEntry(((DELETED, ident),))] if current is not None else []


def _step_of(record: dict[str, Any]) -> Any:
    """The step number of an assignment's record; None for any other (a step's own kept version is a table)."""
    step = record.get("step")
    return None if isinstance(step, dict) else step


def _conflict_ops(ident: Any, step: Any, current: list[dict[str, Any]],
                  target: list[dict[str, Any]]) -> list[merge.Op]:
    mine = [r for r in current if r.get("id") == ident and _step_of(r) == step]
    if sorted(map(_canon_record, mine)) == sorted(map(_canon_record, target)):
        return []
    ops: list[merge.Op] = []
    others = [r for r in current if r.get("id") == ident and _step_of(r) != step]
    if mine:
        ops.append(merge.RemoveEntry(((CONFLICT, ident),)))
        ops += [merge.AddEntry((), CONFLICT, dict(r)) for r in others]  # same id, another step: put back
    ops += [merge.AddEntry((), CONFLICT, r) for r in target]
    return ops


def _canon_record(record: dict[str, Any]) -> str:
    return fingerprint(record) + repr(sorted(record))
