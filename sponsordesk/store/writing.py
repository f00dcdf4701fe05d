"""Turning merged changes into file contents, and writing them.

``plan`` renders one file's new bytes from the file as it is now and the
ops the merge decided; ``write_plans`` writes a set of files, all or none.

A file is rendered the cheapest way that keeps what a person wrote: the
splicer (store/splice.py) edits only the changed lines; if it cannot map
the file's shape, tomlkit edits the document; if that fails too, the file is
written whole in the store's style (the data is right, comments are lost).
Every result is parsed again and compared with the data the save should
give, and only one that matches is ever written.
"""

from __future__ import annotations

import codecs
import math
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import Any

from sponsordesk.store import journal, merge, render, splice, tomlio, tomlkit_edit
from sponsordesk.store.problems import StoreError


@dataclass(frozen=True)
class Current:
    """A data file as it is on disk now: its bytes (None: absent), parsed as written, and checked by its model."""

    data: bytes | None
    raw: dict[str, Any]
    normal: dict[str, Any]


@dataclass(frozen=True)
class FilePlan:
    """One file a save will write: the new bytes and the bytes they were made from."""

    path: Path
    payload: bytes
    before: bytes | None = None
    """The file's bytes the plan was made from (None: a new file)."""
    how: str = "new"
    """new, splice, tomlkit or whole: how the bytes were made (whole loses comments)."""
    read_back: dict[str, Any] | None = field(default=None, compare=False, repr=False)
    """What ``payload`` parsed to when it was checked against the change: the store hands it to its next
    reading of the file, which would otherwise parse the bytes it has just written again (``Store._written``)."""


def _when(value: Any) -> datetime:
    # a hand-written time may have no offset: it is local time, as the model reads it
    # (datetime.max.astimezone() overflows east of UTC: the far end is written in UTC). One with an offset
    # compares by its instant as it is: astimezone() for every contact of the year was most of placing one
    if isinstance(value, datetime):
        return value if value.utcoffset() is not None else value.astimezone()
    return _FAR_END


_FAR_END = datetime.max.replace(tzinfo=timezone.utc)


def _number(value: Any) -> float:
    return value if isinstance(value, int) and not isinstance(value, bool) else math.inf


ORDER = {"contact": lambda c: _when(c.get("at")), "step": lambda s: _number(s.get("number"))}
"""Arrays kept in order: a new entry goes before the first one that sorts after it. Others grow at the end."""


@dataclass
class Expected:
    """What a file should parse to after a save, new entries in their place, and which entries were there."""

    data: dict[str, Any]
    origin: dict[int, int]
    """The id of every entry dict that was already in the file -> its index in its array (edited in place)."""
    keep: list[Any]
    """The entries copied to be changed, held so that no id is reused while ``origin`` is in use."""


def expected(raw: dict[str, Any], ops: list[merge.Op]) -> Expected:
    """``raw`` with ``ops`` applied, ``raw`` itself left as it is.

    Only the tables the ops change are copied, with the lists on the way to
    them: every other entry of ``data`` is the very dict ``raw`` holds, which
    tells the splicer (and ``same``) at once that it did not change. Copying
    every container of a year of contacts, and then comparing each copied
    entry with its original key by key, was about a tenth of a save.
    """
    origin: dict[int, int] = {}
    keep: list[Any] = []
    owned: set[int] = set()
    work = _own(raw, origin, keep, owned)
    for op in ops:
        if isinstance(op, merge.AddEntry):
            path = op.parent
        elif isinstance(op, merge.RemoveEntry):
            path = op.path[:-1]
        else:
            path = op.path
        _own_path(work, path, origin, keep, owned)
    merge.apply(work, ops)
    _place(work, origin, owned)
    return Expected(work, origin, keep)


def _own(table: dict[str, Any], origin: dict[int, int], keep: list[Any], owned: set[int]) -> dict[str, Any]:
    """A copy of ``table`` that ops may change, its lists copied too (their entries not): each entry of
    those lists is in ``origin`` with its index."""
    out = dict(table)
    for key, value in out.items():
        if isinstance(value, list):
            out[key] = items = list(value)
            for index, item in enumerate(items):
                if isinstance(item, dict):
                    origin[id(item)] = index
    keep.append(out)
    owned.add(id(out))
    return out


def _own_path(work: dict[str, Any], path: merge.Path_, origin: dict[int, int], keep: list[Any],
              owned: set[int]) -> None:
    """Replace each entry on ``path`` (as ``merge.find`` finds it) in ``work`` with a copy of its own."""
    table: Any = work
    for array, ident in path:
        items = table.get(array)
        if not isinstance(items, list):
            return
        position = merge.entry_index(items, array, ident)
        if position is None:
            return
        item = items[position]
        if id(item) in origin and id(item) not in owned:  # not copied yet: an entry raw holds
            index = origin.pop(id(item))
            items[position] = copied = _own(item, origin, keep, owned)
            origin[id(copied)] = index
        table = items[position]


def _place(table: dict[str, Any], origin: dict[int, int], owned: set[int]) -> None:
    for name, value in table.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            if name in render.ENTRY_ARRAYS:
                table[name] = _in_order(value, origin, ORDER.get(name))
            for item in value if name == "step" else ():
                # a step raw holds, unchanged, is in its order already (and is not this save's to change)
                if id(item) in owned or id(item) not in origin:
                    _place(item, origin, owned)


def _in_order(items: list[Any], origin: dict[int, int], order: Any) -> list[Any]:
    kept = [i for i in items if id(i) in origin]
    new = [i for i in items if id(i) not in origin]
    if order is None or not new or not kept:
        return kept + sorted(new, key=order) if order else kept + new
    new.sort(key=order)
    out: list[Any] = []
    taken = 0
    marks = [order(item) for item in new]
    for item in kept:
        if taken == len(new):
            out.append(item)
            continue
        mark = order(item)
        while taken < len(new) and marks[taken] < mark:
            out.append(new[taken])
            taken += 1
        out.append(item)
    return out + new[taken:]


def copy_data(value: Any) -> Any:
    """A copy of parsed data's dicts and lists (its values are immutable: strings, numbers, dates, times)."""
    kind = type(value)
    if kind is dict:
        return {k: copy_data(v) if type(v) in (dict, list) else v for k, v in value.items()}
    if kind is list:
        return [copy_data(v) if type(v) in (dict, list) else v for v in value]
    return value


def same(a: Any, b: Any) -> bool:
    """Equal as data, types included (1 is not true, a date is not a datetime).

    An absent array of entries and an empty one read the same: the models
    default them to [] and the splicer may leave out an emptied ``[[...]]``.
    """
    if a is b:  # the common case while comparing a copy: the same scalar objects
        return True
    kind = type(a)
    if kind is dict:
        if type(b) is not dict:
            return False
        if a.keys() != b.keys():
            keys_a = {k for k, v in a.items() if not (v == [] and k in render.ENTRY_ARRAYS)}
            if keys_a != {k for k, v in b.items() if not (v == [] and k in render.ENTRY_ARRAYS)}:
                return False
        else:
            keys_a = a.keys()
        for k in keys_a:
            if not same(a[k], b[k]):
                return False
        return True
    if kind is list:
        if type(b) is not list or len(a) != len(b):
            return False
        for x, y in zip(a, b):
            if not same(x, y):
                return False
        return True
    if kind is type(b) and kind in _PLAIN:
        return a == b
    if _sort(a) != _sort(b):
        return False
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    if isinstance(a, (datetime, time)):
        return a == b and a.utcoffset() == b.utcoffset()
    return a == b


_PLAIN = frozenset({str, int, bool, date})


def _sort(value: Any) -> type:
    for kind in (bool, int, float, str, datetime, date, time):
        if isinstance(value, kind):
            return kind
    return type(value)


def render_file(kind: str, current: Current, ops: list[merge.Op], shown: str) -> tuple[bytes, str]:
    """The file's new bytes and how they were made; raises StoreError if no way gives the right data."""
    payload, how, _ = _rendered(kind, current, ops, shown)
    return payload, how


def _rendered(kind: str, current: Current, ops: list[merge.Op], shown: str) -> tuple[bytes, str, dict[str, Any]]:
    """``render_file``, and what the new bytes parse to (checked to be the data the change asks for)."""
    if current.data is None:
        result = expected({"schema_version": 1}, ops)
        want = result.data
        tries = [("new", lambda: render.fresh(kind, want))]
        bom = b""
    else:
        result = expected(current.raw, ops)
        want, origin = result.data, result.origin
        bom = codecs.BOM_UTF8 if current.data.startswith(codecs.BOM_UTF8) else b""
        text = current.data[len(bom):].decode("utf-8")
        eol = "\r\n" if text.find("\n") > 0 and text[text.find("\n") - 1] == "\r" else "\n"
        tries = [("splice", lambda: splice.splice(text, current.raw, want, origin, same)),
                 ("tomlkit", lambda: tomlkit_edit.edit(text, current.raw, want, origin, same)),
                 ("whole", lambda: render.fresh(kind, want, eol))]
    for how, attempt in tries:
        try:
            payload = bom + attempt().encode("utf-8")
            read_back = tomlio.parse(payload)
            if same(read_back, want):
                return payload, how, read_back
        except Exception:  # noqa: BLE001 - any failure here means: try the next way; the data is checked
            continue
    raise StoreError(f"could not save {shown}: sponsordesk could not write the change so that the file still "
                     "reads the same (a bug in sponsordesk). Nothing was written and your change is still on "
                     "screen; please report it")


def plan(path: Path, kind: str, current: Current, ops: list[merge.Op], shown: str = "") -> FilePlan:
    """The file's new bytes with ``ops`` applied."""
    payload, how, read_back = _rendered(kind, current, ops, shown or path.name)
    return FilePlan(path, payload, current.data, how, read_back)


def write_plans(root: Path, plans: list[FilePlan]) -> None:
    """Write every planned file: one with an atomic replace, several all or none (store/journal.py)."""
    if len(plans) == 1:
        tomlio.write_atomic(plans[0].path, plans[0].payload)
    elif plans:
        journal.write_all(root, [(p.path, p.payload, p.before) for p in plans])

