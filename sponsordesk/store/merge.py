"""Three-way merge of one entry: what the caller saw, what it wants, and what the file holds now.

Pure functions over plain data (a model's ``to_toml_dict()``), no files.
A field the caller changed is written only if the file still has the value
the caller saw (or already has the new one); otherwise it is a conflict and
the caller decides. Fields the caller did not change keep whatever the file
has now, so an outside edit to them survives the save. Fields that say one
thing together (a step's status and dates) are in conflict together.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sponsordesk.store.changes import TOGETHER, Entry
# merge.Conflict, what a merge refuses, lives with the errors that carry it (the desk names it without this)
from sponsordesk.store.problems import Conflict  # noqa: F401

Path_ = tuple[tuple[str, Any], ...]
"""Where an entry is in a document: () for the file's top level, (("contact", "c-1"),), (("step", 4), ("assignment", "a-1"))."""

_MISSING = object()


@dataclass(frozen=True)
class SetField:
    """Merge step: set one field of the entry at ``path``."""

    path: Path_
    key: str
    value: Any


@dataclass(frozen=True)
class DropField:
    """Merge step: remove one field of the entry at ``path``."""

    path: Path_
    key: str


@dataclass(frozen=True)
class AddEntry:
    """Merge step: add an entry to an array of the entry at ``parent``."""

    parent: Path_
    array: str
    entry: Entry


@dataclass(frozen=True)
class RemoveEntry:
    """Merge step: remove the entry at ``path``."""

    path: Path_


Op = SetField | DropField | AddEntry | RemoveEntry


@dataclass
class Merge:
    """One change merged into a file as it is now: the steps, and what clashed with an edit made there."""

    ops: list[Op] = field(default_factory=list)
    conflict_fields: list[str] = field(default_factory=list)
    gone: bool = False
    """The entry was deleted outside while the caller changed it."""
    exists: bool = False
    """The caller added an entry that the file already has, differently."""

    @property
    def clean(self) -> bool:
        return not (self.conflict_fields or self.gone or self.exists)


def merge_entry(path: Path_, base: Entry | None, mine: Entry | None, theirs: Entry | None,
                nested: dict[str, str] | None = None, parent: Path_ = (), array: str = "") -> Merge:
    """The ops that turn ``theirs`` into the merged entry, or the fields in conflict."""
    out = Merge()
    if base is None:  # an addition
        if theirs is None:
            out.ops.append(AddEntry(parent, array, mine or {}))
        elif theirs != mine:
            out.exists = True  # the same id twice: never overwrite, never add a second
        return out  # identical: a retry of a save that already landed
    if mine is None:  # a deletion
        if theirs is None:
            return out  # already gone
        changed = _changed_fields(base, theirs)
        if changed:
            out.conflict_fields = changed  # deleting would lose what was changed outside
        else:
            out.ops.append(RemoveEntry(path))
        return out
    if theirs is None:
        out.gone = True
        return out
    nested = nested or {}
    for key in _keys(base, mine):
        if key in nested:
            continue
        was, want, now = base.get(key, _MISSING), mine.get(key, _MISSING), theirs.get(key, _MISSING)
        if want == was or now == want:
            continue
        if now != was:
            out.conflict_fields.append(key)
        elif want is _MISSING:
            out.ops.append(DropField(path, key))
        else:
            out.ops.append(SetField(path, key, want))
    out.conflict_fields = _held_together(out.conflict_fields, path, mine, theirs)
    for key, ident in nested.items():
        _merge_nested(out, path, key, ident, base.get(key) or [], mine.get(key) or [], theirs.get(key) or [])
    return out


def _merge_nested(out: Merge, path: Path_, array: str, ident: str, base: list[Entry], mine: list[Entry],
                  theirs: list[Entry]) -> None:
    by_base = {item.get(ident): item for item in base}
    by_mine = {item.get(ident): item for item in mine}
    by_theirs = {item.get(ident): item for item in theirs}
    for key in [*by_base, *(k for k in by_mine if k not in by_base)]:
        b, m = by_base.get(key), by_mine.get(key)
        if b == m:
            continue
        inner = merge_entry((*path, (array, key)), b, m, by_theirs.get(key), parent=path, array=array)
        out.ops += inner.ops
        label = f"{array}.{key}"
        if inner.gone or inner.exists:
            out.conflict_fields.append(label)
        out.conflict_fields += [f"{label}.{name}" for name in inner.conflict_fields]


def _held_together(fields: list[str], path: Path_, mine: Entry, theirs: Entry) -> list[str]:
    """``fields`` in conflict, with the fields that go with them (changes.py ``TOGETHER``) where the two
    versions differ: choosing a version then takes all of them from that side, never a mix of both."""
    together = TOGETHER.get(path[-1][0] if path else "", ())
    if not set(fields) & set(together):
        return fields
    differ = [key for key in together if key in fields or mine.get(key, _MISSING) != theirs.get(key, _MISSING)]
    return [key for key in fields if key not in together] + differ


def _keys(*entries: Entry) -> list[str]:
    seen: dict[str, None] = {}
    for entry in entries:
        seen.update(dict.fromkeys(entry))
    return list(seen)


def _changed_fields(a: Entry, b: Entry) -> list[str]:
    return [key for key in _keys(a, b) if a.get(key, _MISSING) != b.get(key, _MISSING)]


# ------------------------------------------------------------------ applying ops to plain data


def entry_key(array: str) -> str:
    """The field that names an entry of ``array``: a step by its number, every other entry by its id."""
    return "number" if array == "step" else "id"


def entry_index(items: list[Any], array: str, ident: Any) -> int | None:
    """Where the entry named ``ident`` is in ``items`` (``array`` of a parsed document), or None."""
    key = entry_key(array)
    return next((n for n, item in enumerate(items) if isinstance(item, dict) and item.get(key) == ident), None)


def find(doc: dict[str, Any], path: Path_) -> dict[str, Any] | None:
    """The table at ``path`` in a parsed document, or None."""
    table: Any = doc
    for array, ident in path:
        items = table.get(array) if isinstance(table, dict) else None
        if not isinstance(items, list):
            return None
        index = entry_index(items, array, ident)
        if index is None:
            return None
        table = items[index]
    return table


def apply(doc: dict[str, Any], ops: list[Op]) -> dict[str, Any]:
    """``doc`` (a parsed file, changed in place and returned) with ``ops`` applied."""
    for op in ops:
        if isinstance(op, SetField):
            find(doc, op.path)[op.key] = op.value  # type: ignore[index]
        elif isinstance(op, DropField):
            find(doc, op.path).pop(op.key, None)  # type: ignore[union-attr]
        elif isinstance(op, AddEntry):
            parent = find(doc, op.parent)
            parent.setdefault(op.array, []).append(dict(op.entry))  # type: ignore[union-attr]
        elif isinstance(op, RemoveEntry):
            *outer, (array, ident) = op.path
            parent = find(doc, tuple(outer))
            key = entry_key(array)
            parent[array] = [item for item in parent[array] if item.get(key) != ident]  # type: ignore[index]
    return doc
