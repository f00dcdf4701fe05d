"""Stamps: what each entry records so that two machines' copies of a file can be merged without a base.

Every entry sponsordesk saves carries one line, ``rev``::

    rev = "k3f9qa:2 p0x7mz:1 #5e0c1a9b"

``k3f9qa:2`` says the machine sponsordesk calls ``k3f9qa`` saved this entry
twice, ``p0x7mz:1`` that ``p0x7mz`` saved it once (a version vector), and
``#5e0c1a9b`` is a fingerprint of what the entry held when it was saved.
When two copies of an entry meet, the one whose counts are all at least the
other's was made from it and wins; when neither is, both machines changed it
and both versions are kept (store/sync_merge.py). An entry edited in an editor
no longer matches its fingerprint, so the merge knows it changed since its
stamp. ``from #3ac0ff12`` is added when a save starts from a version without
a valid stamp (written by hand, or before stamps): that version's fingerprint.

A deletion leaves a tombstone, ``[[deleted]]`` with the entry's id, the day
and a stamp counting the deletion (with ``from`` and the fingerprint of what
was deleted when that had no valid stamp), so an older copy of the entry
elsewhere does not bring it back.

Pure functions over parsed TOML (plain dicts); no files.
"""

from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from sponsordesk.store import merge
    from sponsordesk.store.sync_ledger import Entry, Scope

REV = "rev"
DELETED = "deleted"
CONFLICT = "conflict"
FILE_KEYS = frozenset({"schema_version", REV, DELETED, CONFLICT})
"""Top-level keys that are about the file, not an entry's content (for a profile, the file is the entry)."""

ENTRIES = {"contacts": "contact", "suggestions": "suggestion", "steps": "step"}
"""The array of entries in each kind of file (a profile file is one entry)."""
NESTED = {"step": "assignment"}
"""Entries that hold entries: a step's assignments have stamps and tombstones of their own."""
IDENT = {"step": "number"}
"""The key that names an entry in its array (``id`` unless listed)."""


def ident_key(array: str) -> str:
    return IDENT.get(array, "id")


# ------------------------------------------------------------------ fingerprints


def _canon(value: Any) -> str:
    """A text for ``value`` that two machines always write alike (keys sorted, types kept, empty = absent)."""
    if isinstance(value, dict):
        items = sorted((k, v) for k, v in value.items() if not _empty(v))
        return "{" + ",".join(f"{json.dumps(str(k))}:{_canon(v)}" for k, v in items) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_canon(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f"f{value!r}"
    if isinstance(value, datetime):
        return f"T{value.isoformat()}"
    if isinstance(value, date):
        return f"D{value.isoformat()}"
    if isinstance(value, time):
        return f"t{value.isoformat()}"
    return json.dumps(str(value))


def _empty(value: Any) -> bool:
    # an absent array of entries and an empty one read the same (the splicer may leave out an emptied [[...]])
    return (isinstance(value, (list, dict))) and not value


def fingerprint(content: dict[str, Any]) -> str:
    """Eight hex digits that change whenever the entry's content does."""
    return hashlib.sha256(_canon(content).encode()).hexdigest()[:8]


def own(entry: dict[str, Any], array: str | None) -> dict[str, Any]:
    """An entry's own content: without its stamp and without entries it holds (a step's assignments)."""
    if array is None:  # the profile: the whole file
        return {k: v for k, v in entry.items() if k not in FILE_KEYS}
    nested = NESTED.get(array)
    return {k: v for k, v in entry.items() if k != REV and k != nested}


# ------------------------------------------------------------------ the stamp


@dataclass(frozen=True)
class Stamp:
    """An entry's save counts per computer, which tell a sync merge which version is newer."""

    counts: tuple[tuple[str, int], ...]
    """(machine, saves) pairs, sorted by machine."""
    mark: str | None = None
    """The fingerprint of the entry's content when it was stamped (a tombstone has none)."""
    origins: tuple[str, ...] = ()
    """Fingerprints of versions without a valid stamp this one was made from (for a tombstone: what it deleted)."""

    @classmethod
    def parse(cls, text: Any) -> "Stamp | None":
        """A ``rev`` value back; None for anything else (then the entry counts as unstamped)."""
        if not isinstance(text, str):
            return None
        counts: dict[str, int] = {}
        mark = None
        origins: list[str] = []
        words = text.split()
        if "from" in words:
            at = words.index("from")
            words, tail = words[:at], words[at + 1:]
            if not tail or not all(w.startswith("#") and len(w) > 1 for w in tail):
                return None
            origins = [w[1:] for w in tail]
        for word in words:
            if word.startswith("#") and mark is None and len(word) > 1:
                mark = word[1:]
                continue
            machine, _, count = word.rpartition(":")
            if not machine or not count.isdigit() or machine in counts:
                return None
            counts[machine] = int(count)
        if not counts:
            return None
        return cls(tuple(sorted(counts.items())), mark, tuple(sorted(set(origins))))

    def text(self) -> str:
        words = [f"{machine}:{count}" for machine, count in self.counts]
        if self.mark:
            words.append(f"#{self.mark}")
        if self.origins:
            words += ["from", *(f"#{o}" for o in self.origins)]
        return " ".join(words)

    @property
    def vector(self) -> dict[str, int]:
        return dict(self.counts)

    def covers(self, other: "Stamp") -> bool:
        """Every save ``other`` counts, this one counts too."""
        mine = self.vector
        return all(mine.get(machine, 0) >= count for machine, count in other.counts)


def join(stamps: list["Stamp"], mark: str | None) -> Stamp:
    """One stamp that knows everything ``stamps`` know (for one content, with fingerprint ``mark``)."""
    counts: dict[str, int] = {}
    origins: set[str] = set()
    for stamp in stamps:
        for machine, count in stamp.counts:
            counts[machine] = max(counts.get(machine, 0), count)
        origins.update(stamp.origins)
    return Stamp(tuple(sorted(counts.items())), mark, tuple(sorted(origins)))


def _valid(stamp: Stamp | None, content: dict[str, Any]) -> bool:
    return stamp is not None and stamp.mark == fingerprint(content)


def bumped(before: dict[str, Any] | None, before_own: dict[str, Any] | None, after_own: dict[str, Any],
           machine: str, also: list[Stamp] = (), kept: list[Stamp] = (), mine: "Entry | None" = None) -> Stamp:
    """The stamp of ``after_own`` saved on ``machine`` from ``before`` (None: a new entry).

    ``also``: stamps this version must count too (a tombstone it replaces, versions it was chosen over).
    ``kept``: the stamps of versions of this entry kept for the person to choose (``[[conflict]]``).
    ``mine``: the counts this machine gave the entry before (store/sync_ledger.py).
    """
    old = Stamp.parse(before.get(REV)) if before is not None else None
    base = join([s for s in [old, *also] if s is not None], None)
    origins = set(base.origins)
    if before_own is not None and not _valid(old, before_own):
        origins.add(fingerprint(before_own))  # edited by hand, or never stamped: say which version this came from
    counts = counted(base.vector, machine, kept, mine)
    return Stamp(tuple(sorted(counts.items())), fingerprint(after_own), tuple(sorted(origins)))


def counted(counts: dict[str, int], machine: str, kept: list[Stamp], mine: "Entry | None" = None) -> dict[str, int]:
    """``counts`` with one more save by this machine: under its id when that keeps every count true, else
    under an id of its own. ``mine``: the counts this machine gave the entry before (store/sync_ledger.py).

    A count says "this version has seen that machine's saves up to here", so
    it may go on only from the machine's latest save of the entry. A version
    kept in a ``[[conflict]]`` record was often saved on this very machine:
    one more save counted under its id would count that version too, and the
    next merge would retire it as superseded, unchosen (a relapse's new
    sobriety date, gone because the profile was snoozed). The same when the
    version in the entry's place came from another machine while this
    machine's newer one went elsewhere (kept for a choice, displaced by a
    sync tool): counting on from it would give a count already given, and a
    later merge or choice would drop one of the two. Such a save is counted
    under an id of its own instead (remembered, so its next saves count on
    under it), so it stays beside the others until a choice.
    """
    given = dict(mine.given) if mine is not None else {}
    for stamp in kept:  # this machine's count in a version kept here: given, even when nothing remembers it
        given[machine] = max(given.get(machine, 0), stamp.vector.get(machine, 0))
    for ident in [machine, *sorted(i for i in given if i != machine)]:
        if counts.get(ident, 0) < given.get(ident, 0):
            continue  # this version has not seen that id's latest save
        out = dict(counts)
        out[ident] = out.get(ident, 0) + 1
        probe = Stamp(tuple(sorted(out.items())), None, ())
        if any(probe.covers(k) for k in kept):
            continue
        if mine is not None:  # a first count too: a step or a contact put aside by a sync tool is added again
            mine.note(ident, out[ident])
        return out
    out = dict(counts)
    ident = _one_off_id(set(out) | set(given) | {m for k in kept for m, _ in k.counts})
    out[ident] = 1
    if mine is not None:
        mine.note(ident, 1)
    return out


def _one_off_id(taken: set[str]) -> str:
    import secrets

    alphabet = "abcdefghijkmnpqrstuvwxyz23456789"
    while True:
        ident = "".join(secrets.choice(alphabet) for _ in range(6))
        if ident not in taken:
            return ident


def kept_stamps(raw: dict[str, Any], array: str | None, ident: Any = None, step: Any = None) -> list[Stamp]:
    """The stamps of the versions of one entry kept in ``raw``'s ``[[conflict]]`` records.

    ``array`` None: the profile. ``step``: an assignment's step number.
    """
    records = raw.get(CONFLICT)
    out: list[Stamp] = []
    for record in records if isinstance(records, list) else ():
        if not isinstance(record, dict):
            continue
        if array is None:
            body = record.get("profile")
        else:
            own_step = record.get("step")
            if record.get("id") != ident or (None if isinstance(own_step, dict) else own_step) != step:
                continue
            body = next((v for k, v in record.items() if k != "id" and isinstance(v, dict)), None)
        stamp = Stamp.parse(body.get(REV)) if isinstance(body, dict) else None
        if stamp is not None:
            out.append(stamp)
    return out


def tombstone(entry: dict[str, Any], array: str, machine: str, today: date, step: Any = None,
              kept: list[Stamp] = (), mine: "Entry | None" = None) -> dict[str, Any]:
    """The ``[[deleted]]`` record of ``entry`` deleted on ``machine`` today (``kept``: as in ``bumped``)."""
    content = own(entry, array)
    old = Stamp.parse(entry.get(REV))
    counts = counted(dict(old.counts) if old else {}, machine, kept, mine)
    origins = set(old.origins if old else ())
    if not _valid(old, content):  # deleted after a hand edit, or never stamped: say which version went
        origins.add(fingerprint(content))
    record: dict[str, Any] = {"id": entry.get(ident_key(array))}
    if step is not None:
        record["step"] = step
    record["on"] = today
    record[REV] = Stamp(tuple(sorted(counts.items())), None, tuple(sorted(origins))).text()
    return record


# ------------------------------------------------------------------ reading: the models never see these


def without_sync(raw: dict[str, Any], in_place: bool = False) -> dict[str, Any]:
    """The file's data as the models know it: no stamps, no tombstones, no versions kept from a merge.

    ``raw`` is not changed unless ``in_place`` (a file just parsed for reading: no copies to make).
    """
    if in_place:
        for key in (REV, DELETED, CONFLICT):
            raw.pop(key, None)
        for key in ENTRIES.values():
            for item in raw.get(key) if isinstance(raw.get(key), list) else ():
                if isinstance(item, dict):
                    item.pop(REV, None)
                    inner = item.get(NESTED.get(key, ""))
                    for sub in inner if isinstance(inner, list) else ():
                        if isinstance(sub, dict):
                            sub.pop(REV, None)
        return raw
    out: dict[str, Any] | None = None
    for key, value in raw.items():
        if key in FILE_KEYS and key != "schema_version":
            out = out if out is not None else dict(raw)
            del out[key]
        elif key in ENTRIES.values() and isinstance(value, list):
            items = [_entry_without(item, key) for item in value]
            if any(a is not b for a, b in zip(items, value)):
                out = out if out is not None else dict(raw)
                out[key] = items
    return raw if out is None else out


def _entry_without(item: Any, array: str) -> Any:
    if not isinstance(item, dict):
        return item
    nested = NESTED.get(array)
    inner = item.get(nested) if nested else None
    if REV not in item and not (isinstance(inner, list) and any(isinstance(i, dict) and REV in i for i in inner)):
        return item
    out = {k: v for k, v in item.items() if k != REV}
    if isinstance(inner, list):
        out[nested] = [{k: v for k, v in i.items() if k != REV} if isinstance(i, dict) else i for i in inner]
    return out


# ------------------------------------------------------------------ saving: stamping a commit's ops


def stamp_ops(kind: str, raw: dict[str, Any], ops: list[merge.Op], machine: str, today: date,
              scope: "Scope | None" = None) -> list[merge.Op]:
    """``ops`` (one file's share of a save) plus the stamps and tombstones they call for.

    Each entry whose own content changes gets a new ``rev``; an entry
    removed leaves a ``[[deleted]]`` tombstone; an entry added again (an
    undone delete, a contact moved back to its year) replaces its tombstone
    and counts its saves. ``scope``: the file's entries in this machine's
    ledger of counts given (store/sync_ledger.py); the counts given here are
    added to it, for the caller to write before the file.
    """
    from sponsordesk.store import merge  # a save's: the reading's uses of this module (quick_log) never load it

    def mine(array: str | None, ident: Any, step: Any = None) -> "Entry | None":
        return scope.entry(array, ident, step) if scope is not None else None

    if not ops:
        return ops
    if kind == "profile":
        after = merge.apply(dict(raw), ops)
        before_own = own(raw, None) if raw else None
        after_own = own(after, None)
        if before_own == after_own:
            return ops
        return [*ops, merge.SetField((), REV, bumped(raw or None, before_own, after_own, machine,
                                                     kept=kept_stamps(raw or {}, None),
                                                     mine=mine(None, None)).text())]
    array = ENTRIES[kind]
    tombs = _tombstones(raw)
    out: list[merge.Op] = []
    extra: list[merge.Op] = []
    touched: dict[Any, list[merge.Op]] = {}
    for op in ops:
        if isinstance(op, merge.AddEntry) and op.parent == () and op.array == array:
            entry = dict(op.entry)
            ident = entry.get(ident_key(array))
            also = _reuse_tombstone(tombs, ident, None, extra)
            entry[REV] = bumped(None, None, own(entry, array), machine, also, kept_stamps(raw, array, ident),
                                mine(array, ident)).text()
            nested = NESTED.get(array)
            if nested and isinstance(entry.get(nested), list):
                entry[nested] = [_new_nested(item, tombs, ident, machine, extra, raw, mine)
                                 for item in entry[nested]]
            out.append(merge.AddEntry((), array, entry))
            continue
        if isinstance(op, merge.RemoveEntry) and len(op.path) == 1:
            old = merge.find(raw, op.path)
            if old is not None:
                ident = op.path[0][1]
                also = _reuse_tombstone(tombs, ident, None, extra)
                record = tombstone(old, array, machine, today, kept=kept_stamps(raw, array, ident),
                                   mine=mine(array, ident))
                if also:
                    record[REV] = _joined_tomb(record[REV], also)
                extra.append(merge.AddEntry((), DELETED, record))
            out.append(op)
            continue
        if isinstance(op, merge.AddEntry) and len(op.parent) == 1 and op.array == NESTED.get(array):
            out.append(merge.AddEntry(op.parent, op.array,
                                      _new_nested(op.entry, tombs, op.parent[0][1], machine, extra, raw, mine)))
        else:
            out.append(op)
        path = op.parent if isinstance(op, merge.AddEntry) else op.path
        if path:
            touched.setdefault(path[0], []).append(op)
    for head, group in touched.items():
        old = merge.find(raw, (head,))
        if old is None:
            continue
        new = merge.apply({array: [copy.deepcopy(old)]}, group)[array][0]
        old_own, new_own = own(old, array), own(new, array)
        if old_own != new_own:
            extra.append(merge.SetField((head,), REV, bumped(old, old_own, new_own, machine,
                                                             kept=kept_stamps(raw, array, head[1]),
                                                             mine=mine(array, head[1])).text()))
        nested = NESTED.get(array)
        if nested:
            extra += _nested_stamps(head, old.get(nested) or [], new.get(nested) or [], nested, machine, today,
                                    raw, mine)
    return out + extra


def _nested_stamps(head: tuple[str, Any], before: list[Any], after: list[Any], nested: str, machine: str,
                   today: date, raw: dict[str, Any], mine: Callable[..., "Entry | None"]) -> list[merge.Op]:
    from sponsordesk.store import merge

    ops: list[merge.Op] = []
    key = ident_key(nested)
    was = {i.get(key): i for i in before if isinstance(i, dict)}
    now = {i.get(key): i for i in after if isinstance(i, dict)}
    for ident, old in was.items():
        new = now.get(ident)
        kept = kept_stamps(raw, nested, ident, head[1])
        if new is None:
            ops.append(merge.AddEntry((), DELETED, tombstone(old, nested, machine, today, step=head[1], kept=kept,
                                                             mine=mine(nested, ident, head[1]))))
        elif own(old, nested) != own(new, nested):
            ops.append(merge.SetField((head, (nested, ident)), REV,
                                      bumped(old, own(old, nested), own(new, nested), machine, kept=kept,
                                             mine=mine(nested, ident, head[1])).text()))
    return ops


def _new_nested(item: dict[str, Any], tombs: dict[Any, dict[str, Any]], step: Any, machine: str,
                extra: list[merge.Op], raw: dict[str, Any], mine: Callable[..., "Entry | None"]) -> dict[str, Any]:
    array = NESTED["step"]
    entry = dict(item)
    ident = entry.get(ident_key(array))
    also = _reuse_tombstone(tombs, ident, step, extra)
    entry[REV] = bumped(None, None, own(entry, array), machine, also, kept_stamps(raw, array, ident, step),
                        mine(array, ident, step)).text()
    return entry


def _tombstones(raw: dict[str, Any]) -> dict[Any, dict[str, Any]]:
    items = raw.get(DELETED)
    return {i.get("id"): i for i in items if isinstance(i, dict)} if isinstance(items, list) else {}


def _reuse_tombstone(tombs: dict[Any, dict[str, Any]], ident: Any, step: Any,
                     extra: list[merge.Op]) -> list[Stamp]:
    """An entry back under an id it had (an undone delete): its tombstone goes, its saves are counted."""
    from sponsordesk.store import merge

    found = tombs.pop(ident, None)
    if found is None:
        return []
    extra.append(merge.RemoveEntry(((DELETED, ident),)))
    stamp = Stamp.parse(found.get(REV))
    return [stamp] if stamp else []


def _joined_tomb(text: str, also: list[Stamp]) -> str:
    stamp = Stamp.parse(text)
    assert stamp is not None
    return join([stamp, *also], None).text()
