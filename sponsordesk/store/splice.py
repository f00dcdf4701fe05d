"""Style-preserving saves: only the lines of what changed are rewritten, the rest stays byte for byte.

A person may keep comments, blank lines, their own key order and quoting,
a BOM or CRLF line endings in a data file; a save must not take them away.
``splice`` compares the file's data before and after a save and edits the
text where they differ:

- a changed key: its statement's lines are rewritten (what was written
  before the value and a comment after it on the same line are kept);
- a new key goes on the line after its table's last key; a dropped key's
  lines go (comment lines around it stay);
- a new entry is a new ``[[contact]]``, ``[[suggestion]]``, ``[[step]]`` or
  ``[[step.assignment]]`` block, set apart by a blank line, at the place the
  data gives it (writing.ORDER: contacts in time order, steps by number, the
  rest at the end of their array), right after the entry before it;
- a removed entry's lines go: the comment lines directly above its header
  (no blank line between) and everything down to its last key or sub-table
  and comment lines directly below that, with one blank line that set it
  apart. A comment written right above or inside an entry is about that
  entry, so it goes with it; a comment set apart by blank lines stays.
  Adding an entry and removing it again gives back the same bytes.

The caller parses the result and compares it with the data it expects, so
an edit in the wrong place is never written (writing.render_file).
"""

from __future__ import annotations

import re
from typing import Any, Callable

from sponsordesk.store import render
from sponsordesk.store.tomlscan import Stmt, Table, Unscannable, scan, tree

_MISSING = object()
_INDENT = re.compile(r"[ \t]*")

KEY, BLOCK, CUT = 0, 1, 2
"""Edit order at one offset: new keys of a table, then new blocks after it, then removed or rewritten lines."""


def splice(text: str, old: dict[str, Any], new: dict[str, Any], origin: dict[int, int],
           same: Callable[[Any, Any], bool]) -> str:
    """``text`` (which parses to ``old``) edited to parse to ``new``.

    ``origin`` maps the id of each entry in ``new`` that was already in the
    file to its index in its array; the others are new. ``same`` says whether
    two values are equal, types included. Raises Unscannable when the file's
    shape is not one this can edit.
    """
    return _Splice(text, origin, same).run(old, new)


class _Splice:
    def __init__(self, text: str, origin: dict[int, int], same: Callable[[Any, Any], bool]) -> None:
        self.text, self.origin, self.same = text, origin, same
        self.stmts: list[Stmt] = scan(text)
        self.root = tree(self.stmts)
        first_end = text.find("\n")
        self.eol = "\r\n" if first_end > 0 and text[first_end - 1] == "\r" else "\n"
        self.multiline = self.eol == "\n"
        self.nested_tables = _nested_style(self.root)
        self.edits: list[tuple[int, int, int, int, str]] = []
        self.removed: list[Table] = []
        self.later: list[Callable[[], None]] = []
        """Insertions, placed once every removed entry is known (they go next to what stays)."""

    # ------------------------------------------------------------ comparing

    def run(self, old: dict[str, Any], new: dict[str, Any]) -> str:
        self._table(self.root, old, new)
        self.removed_first = {entry.first: entry for entry in self.removed}
        self.removed_last = {entry.last: entry for entry in self.removed}
        for entry in self.removed:
            self._cut_entry(entry)
        for insert in self.later:
            insert()
        return self._apply()

    def _table(self, table: Table, old: dict[str, Any], new: dict[str, Any]) -> None:
        if old is new:
            return  # an entry the save did not touch: the very dict the file parsed to (writing.expected)
        for name in [*old, *(k for k in new if k not in old)]:
            was, now = old.get(name, _MISSING), new.get(name, _MISSING)
            if name in table.arrays:
                self._array(table, name, table.arrays[name], was, now)
            elif name in table.subtables:
                sub = table.subtables[name]
                if not (isinstance(was, dict) and isinstance(now, dict)):
                    raise Unscannable("a table replaced by a value")
                self._table(sub, was, now)
            elif name in table.keys:
                stmt = self.stmts[table.keys[name]]
                if now is _MISSING:
                    self._edit(stmt.start, stmt.end, CUT, "")
                elif not table.path and name in render.ENTRY_ARRAYS and was == [] and now:
                    # "contact = []" (as an older sponsordesk wrote an empty file) becomes [[contact]] blocks
                    self._edit(stmt.start, stmt.end, CUT, "")
                    self._array(table, name, [], [], now)
                elif not self.same(was, now):
                    self._check_inline(table, name, stmt, was)
                    self._rewrite(stmt, now)
            elif now is not _MISSING:
                if was is not _MISSING:
                    raise Unscannable("a key the scanner did not find")
                self._new_key(table, name, now)

    def _array(self, table: Table, name: str, blocks: list[Table], was: Any, now: Any) -> None:
        if not isinstance(was, list) or len(was) != len(blocks):
            raise Unscannable("an array of tables that does not match the data")
        now = [] if now is _MISSING else now
        if not isinstance(now, list) or not all(isinstance(item, dict) for item in now):
            raise Unscannable("an array of tables replaced by a value")
        kept: dict[int, Any] = {}
        places: list[int | None] = []
        """For each item of ``now``: the index of the block it was, or None (a new block)."""
        last = -1
        for item in now:
            index = self.origin.get(id(item))
            if index is None and name not in render.ENTRY_ARRAYS:
                # an array set whole (sobriety dates): an item equal to one there keeps its block
                index = next((k for k in range(last + 1, len(was)) if self.same(was[k], item)), None)
            if index is not None:
                if index <= last:
                    raise Unscannable("entries out of their order")
                kept[index], last = item, index
            places.append(index)
        for index, block in enumerate(blocks):
            if index in kept:
                self._table(block, was[index], kept[index])
            else:
                self.removed.append(block)
        if len(kept) < len(now):
            self.later.append(lambda: self._place(table, table.path + (name,), blocks, now, places))

    def _check_inline(self, table: Table, name: str, stmt: Stmt, was: Any) -> None:
        """Refuse to rewrite a hand-laid-out inline array of tables: tomlkit keeps its other items as written."""
        if not (isinstance(was, list) and any(isinstance(item, dict) for item in was)):
            return
        if not table.path and name in render.ENTRY_ARRAYS and was:
            raise Unscannable("entries written as an inline array")
        written = self.text[stmt.value_start:stmt.value_end]
        if written.replace("\r\n", "\n") != render.literal(was, self.multiline):
            raise Unscannable("an inline array of tables not in the store's layout")

    def _new_key(self, table: Table, name: str, value: Any) -> None:
        if table.implicit:
            raise Unscannable("a key in a table that has no header")
        nested = render.NESTED_TABLES.get(table.path)
        if isinstance(value, dict):
            if table.path:
                raise Unscannable("a new table inside an entry")
            self.later.append(lambda: self._edit(self._content_end(0, len(self.stmts)), -1, BLOCK,
                                                 "\n" + render.table((name,), value, self.multiline)))
        elif (((not table.path and name in render.ENTRY_ARRAYS) or (name == nested and self.nested_tables))
              and isinstance(value, list) and all(isinstance(v, dict) for v in value)):
            if value:
                self.later.append(lambda: self._place(table, table.path + (name,), [], value, [None] * len(value)))
        else:
            self._edit(self._key_end(table), -1, KEY,
                       self._indent(table) + render.keyval(name, value, self.multiline))

    # ------------------------------------------------------------ where lines go

    def _key_end(self, table: Table) -> int:
        """Where a new key of ``table`` goes: after its last key (or its header)."""
        if table.last_key >= 0:
            return self.stmts[table.last_key].end
        # the root with no keys yet: above the first table, and its comments
        first = next((i for i, s in enumerate(self.stmts) if s.kind == "header"), None)
        if first is None:
            return len(self.text)
        while first > 0 and self.stmts[first - 1].kind == "comment":
            first -= 1
        return self.stmts[first].start

    def _indent(self, table: Table) -> str:
        """New keys line up with the table's last key."""
        if table.last_key < 0 or self.stmts[table.last_key].kind != "keyval":
            return ""
        stmt = self.stmts[table.last_key]
        return _INDENT.match(self.text, stmt.start).group()  # type: ignore[union-attr]

    def _content_end(self, low: int, high: int) -> int:
        """The end of the last statement in [low, high) that is neither blank nor in a removed entry."""
        index = high - 1
        while index >= low:
            entry = self.removed_last.get(index)
            if entry is not None:
                index = entry.first - 1
            elif self.stmts[index].kind == "blank":
                index -= 1
            else:
                return self.stmts[index].end
        return self.stmts[low].start if low < len(self.stmts) else 0

    def _place(self, parent: Table, path: tuple[str, ...], blocks: list[Table], items: list[Any],
               kept: list[int | None]) -> None:
        """Insert each new entry of ``items`` after the kept entry before it, or else before the one after it.

        ``kept`` holds, for each item, the index of the block it keeps (None: a new entry).
        """
        following: list[int | None] = [None] * len(items)  # the next kept block after each item (one pass)
        nearest = None
        for position in range(len(items) - 1, -1, -1):
            following[position] = nearest
            nearest = kept[position] if kept[position] is not None else nearest
        before = None
        for position, item in enumerate(items):
            if kept[position] is not None:
                before = kept[position]
                continue
            block = render.entry(path, item, self.multiline, self.nested_tables)
            after = following[position]
            if before is not None:  # right after the entry before it, ahead of any comment set apart below that
                prior = blocks[before]  # (less any of its own entries being removed)
                self._edit(self._content_end(prior.header, prior.last + 1), -1, BLOCK, "\n" + block)
            elif after is not None:
                self._edit(self.stmts[blocks[after].first].start, -1, BLOCK, block + "\n")
            elif parent.path:
                self._edit(self._content_end(parent.header, parent.last + 1), -1, BLOCK, "\n" + block)
            else:
                end = self._content_end(0, len(self.stmts))
                self._edit(end, -1, BLOCK, ("\n" if end else "") + block)

    def _cut_entry(self, entry: Table) -> None:
        """Remove an entry's own lines and the blank lines that set it apart from what follows (or precedes)."""
        start, end = self.stmts[entry.first].start, self.stmts[entry.last].end
        index = entry.last + 1
        follows = False
        while index < len(self.stmts):
            if self.stmts[index].kind == "blank":
                index += 1
            elif index in self.removed_first:
                index = self.removed_first[index].last + 1
            else:
                follows = True
                break
        if follows:
            after = entry.last + 1
            while after < len(self.stmts) and self.stmts[after].kind == "blank":
                after += 1
            end = self.stmts[after].start if after < len(self.stmts) else len(self.text)
        else:
            before = entry.first
            while before > 0 and self.stmts[before - 1].kind == "blank":
                before -= 1
            start = self.stmts[before].start
        self._edit(start, end, CUT, "")

    # ------------------------------------------------------------ editing

    def _rewrite(self, stmt: Stmt, value: Any) -> None:
        written = render.literal(value, self.multiline)
        text = self.text
        self._edit(stmt.start, stmt.end, CUT,
                   text[stmt.start:stmt.value_start] + self._eol(written) + text[stmt.value_end:stmt.end])

    def _edit(self, start: int, end: int, order: int, replacement: str) -> None:
        """Replace [start, end) (an insertion when ``end`` is -1) with LF text made to fit the file's line endings."""
        if order != CUT:
            replacement = self._eol(replacement)
        self.edits.append((start, order, len(self.edits), end, replacement))

    def _eol(self, written: str) -> str:
        return written if self.eol == "\n" else written.replace("\n", self.eol)

    def _apply(self) -> str:
        text, out, at = self.text, [], 0
        unended = bool(text) and not text.endswith("\n")
        for start, _, _, end, replacement in sorted(self.edits):
            if start < at:
                raise Unscannable("edits that overlap")
            out.append(text[at:start])
            if replacement and start == len(text) and unended:
                out.append(self.eol)  # the last line had no line ending
                unended = False
            out.append(replacement)
            at = start if end < 0 else end
        out.append(text[at:])
        return "".join(out)


def _nested_style(root: Table) -> bool:
    """Whether steps keep their assignments as ``[[step.assignment]]`` tables (else inline arrays)."""
    steps = root.arrays.get("step", [])
    if any(step.arrays.get("assignment") for step in steps):
        return True
    return not any("assignment" in step.keys for step in steps)
