"""A small TOML line scanner: where each statement's lines are, and which table each block of lines is.

The splicer (store/splice.py) edits a file a person may have written by hand
at the byte level, so it needs to know where each key's lines and each
``[[contact]]`` block start and end. A parser that keeps formatting
(tomlkit) takes longer than a whole save may, and only statements and table
headers matter here, so this reads a file a line at a time and looks inside
a line only where a value may run past it (multi-line strings, arrays,
inline tables). The file has already parsed with tomli, so this does not
validate; whatever it does not understand (dotted keys, a table extended in
two places) raises ``Unscannable`` and the caller uses a slower way. The
caller checks its result by parsing it again, so a mistake here cannot reach
the disk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sponsordesk.store import tomlio


class Unscannable(Exception):
    """The file uses TOML this scanner does not map (the splice falls back to tomlkit)."""


@dataclass(slots=True)
class Stmt:
    """One statement: a blank line, a comment line, a table header or a key = value (maybe many lines)."""

    kind: str
    """blank, comment, header or keyval."""
    start: int
    end: int
    """Offsets in the text; ``end`` is after the last line's line ending."""
    key: str = ""
    value_start: int = 0
    value_end: int = 0
    """A keyval's value, without the spaces and comment after it."""
    path: tuple[str, ...] = ()
    aot: bool = False
    """A header's key path, and whether it is ``[[...]]`` (an entry of an array of tables)."""


@dataclass(eq=False)
class Table:
    """A table as written: its keys' statements, the tables under it, and for an entry its lines.

    An entry of an array of tables (``[[contact]]``) owns the comment lines
    directly above its header, its header, and everything down to its last
    statement plus comment lines directly below that; comments set apart by
    a blank line belong to no entry.
    """

    path: tuple[str, ...]
    header: int = -1
    """The index of its header statement (-1: the root, or a table only implied by a sub-table's header)."""
    keys: dict[str, int] = field(default_factory=dict)
    """Key -> index of its keyval statement."""
    last_key: int = -1
    """Index of the last keyval statement (or the header, when it has none)."""
    subtables: dict[str, "Table"] = field(default_factory=dict)
    arrays: dict[str, list["Table"]] = field(default_factory=dict)
    first: int = -1
    last: int = -1
    """For an entry: the first and last statement it owns."""

    @property
    def implicit(self) -> bool:
        return self.header < 0 and bool(self.path)


_INDENT = re.compile(r"[ \t]*")
_WS = re.compile(r"[ \t]*")
_KEY_PART = re.compile(r"""[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'""")
_BASIC = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_LITERAL = re.compile(r"'[^'\n]*'")
_BRACKET_STOP = re.compile(r"""[\[\]{}"'#]""")
_TAIL = re.compile(r"[ \t]*(?:#[^\n]*)?\n?")
# Most lines of a data file are one bare key and a one-line value, a blank line, a comment or a header of
# bare keys ("[[contact]]"): each is read with one match of this pattern, which names what it found by the
# group that matched. Anything else (a value over lines, a quoted key, a dotted key, spaces inside a header's
# brackets) goes the long way, a line at a time; both ways give the same statements (tests/store/test_tomlscan.py).
_LINE = re.compile(
    r"""[ \t]*(?:"""
    # 1, 2: a bare key, then a one-line basic string, a boolean, or a number, date or time (its last character
    # not a space: the spaces before a comment or the line end are not the value's)
    r"""([A-Za-z0-9_-]+)[ \t]*=[ \t]*("[^"\\\n]*(?:\\.[^"\\\n]*)*"(?!")|true|false"""
    r"""|[-+0-9](?:[^\r\n#"'\[\]{}=]*[^\r\n#"'\[\]{}= \t])?)[ \t]*(?:#[^\n]*)?\r?\n"""
    r"""|(\r?\n)"""  # 3: a blank line
    # 4, 5: a header of bare keys, "[[" or "[" (then 4 is None)
    r"""|(?:(\[\[)|\[(?!\[))([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)(?(4)\]\]|\])[ \t]*(?:#[^\n]*)?\r?\n"""
    r"""|(#)[^\n]*\n?)""")  # 6: a comment line
_KEYVAL, _BLANK, _HEADER, _COMMENT = 2, 3, 5, 6
"""``lastindex`` of a match of ``_LINE``: the last group it matched says which kind of line it is."""


def scan(text: str) -> list[Stmt]:
    """Every statement of ``text`` in order; together they cover it exactly."""
    stmts: list[Stmt] = []
    n, pos = len(text), 0
    line = _LINE.match
    append = stmts.append
    while pos < n:
        match = line(text, pos)
        if match is not None:
            end = match.end()
            kind = match.lastindex
            if kind == _KEYVAL:
                append(Stmt("keyval", pos, end, match.group(1), match.start(2), match.end(2)))
            elif kind == _BLANK:
                append(Stmt("blank", pos, end))
            elif kind == _HEADER:
                append(Stmt("header", pos, end, "", 0, 0, tuple(match.group(5).split(".")), match.start(4) >= 0))
            else:
                append(Stmt("comment", pos, end))
            pos = end
            continue
        nl = text.find("\n", pos)
        line_end = n if nl < 0 else nl + 1
        i = _INDENT.match(text, pos).end()  # type: ignore[union-attr]
        c = text[i] if i < n else "\n"
        if c == "\n" or text.startswith("\r\n", i) or i == line_end:
            append(Stmt("blank", pos, line_end))
        elif c == "#":
            append(Stmt("comment", pos, line_end))
        elif c == "[":
            append(_header(text, pos, i, line_end))
        else:
            stmt = _keyval(text, pos, i)
            append(stmt)
            line_end = stmt.end
        pos = line_end
    return stmts


def _key_path(text: str, i: int) -> tuple[list[str], int]:
    parts = []
    while True:
        i = _WS.match(text, i).end()  # type: ignore[union-attr]
        match = _KEY_PART.match(text, i)
        if match is None:
            raise Unscannable("a key it cannot read")
        parts.append(_key_text(match.group()))
        i = _WS.match(text, match.end()).end()  # type: ignore[union-attr]
        if not text.startswith(".", i):
            return parts, i
        i += 1


def _key_text(written: str) -> str:
    if written[0] == "'":
        return written[1:-1]
    if written[0] == '"':
        if "\\" not in written:
            return written[1:-1]
        return next(iter(tomlio.parse(f"{written} = 0".encode())))  # escapes, decoded as TOML does
    return written


def _line_tail(text: str, i: int) -> int:
    """The end of the line that holds offset ``i``, after checking only spaces and a comment are left on it."""
    nl = text.find("\n", i)
    end = len(text) if nl < 0 else nl + 1
    tail = text[i:end].replace("\r\n", "\n")
    if _TAIL.fullmatch(tail) is None:
        raise Unscannable("something after a value")
    return end


def _header(text: str, pos: int, i: int, line_end: int) -> Stmt:
    aot = text.startswith("[[", i)
    parts, j = _key_path(text, i + (2 if aot else 1))
    close = "]]" if aot else "]"
    if not text.startswith(close, j):
        raise Unscannable("a table header it cannot read")
    return Stmt("header", pos, _line_tail(text, j + len(close)), path=tuple(parts), aot=aot)


def _keyval(text: str, pos: int, i: int) -> Stmt:
    parts, j = _key_path(text, i)
    if len(parts) != 1:
        raise Unscannable("a dotted key")
    if not text.startswith("=", j):
        raise Unscannable("a key without =")
    start = _WS.match(text, j + 1).end()  # type: ignore[union-attr]
    end = value_end(text, start)
    return Stmt("keyval", pos, _line_tail(text, end), key=parts[0], value_start=start, value_end=end)


def value_end(text: str, i: int) -> int:
    """The offset just after the value that starts at ``i``."""
    c = text[i:i + 1]
    if c == '"':
        if text.startswith('"""', i):
            return _multiline_end(text, i, '"')
        match = _BASIC.match(text, i)
        if match is None:
            raise Unscannable("a string it cannot read")
        return match.end()
    if c == "'":
        if text.startswith("'''", i):
            return _multiline_end(text, i, "'")
        match = _LITERAL.match(text, i)
        if match is None:
            raise Unscannable("a string it cannot read")
        return match.end()
    if c in ("[", "{"):
        return _bracket_end(text, i)
    # a number, boolean, date or time: never holds "#" (a datetime may hold a space)
    nl = text.find("\n", i)
    line = text[i:len(text) if nl < 0 else nl]
    hash_at = line.find("#")
    if hash_at >= 0:
        line = line[:hash_at]
    if not line.strip():
        raise Unscannable("a key without a value")
    return i + len(line.rstrip())


def _multiline_end(text: str, i: int, quote: str) -> int:
    delimiter, j = quote * 3, i + 3
    while True:
        k = text.find(delimiter, j)
        if k < 0:
            raise Unscannable("an unclosed multi-line string")
        if quote == '"':
            slashes = 0
            while text[k - 1 - slashes] == "\\":
                slashes += 1
            if slashes % 2:  # an escaped quote, not the end
                j = k + 1
                continue
        end = k + 3
        # up to two more quotes belong to the string: """a "quoted" word"""""
        for _ in range(2):
            if text.startswith(quote, end):
                end += 1
        return end


def _bracket_end(text: str, i: int) -> int:
    depth, j = 0, i
    while True:
        match = _BRACKET_STOP.search(text, j)
        if match is None:
            raise Unscannable("an unclosed array or inline table")
        k, c = match.start(), match.group()
        if c in "[{":
            depth, j = depth + 1, k + 1
        elif c in "]}":
            depth, j = depth - 1, k + 1
            if depth == 0:
                return j
        elif c == "#":
            nl = text.find("\n", k)
            if nl < 0:
                raise Unscannable("an unclosed array")
            j = nl + 1
        else:
            j = value_end(text, k)


def tree(stmts: list[Stmt]) -> Table:
    """The tables of a scanned file, each entry of an array of tables with the lines it owns."""
    root = Table(())
    current = root
    entries: list[tuple[Table, int]] = []
    headers: list[int] = []
    for index, stmt in enumerate(stmts):
        if stmt.kind == "keyval":
            if stmt.key in current.keys or stmt.key in current.subtables or stmt.key in current.arrays:
                raise Unscannable("a key written twice")
            current.keys[stmt.key] = index
            current.last_key = index
        elif stmt.kind == "header":
            parent = root
            for part in stmt.path[:-1]:
                if part in parent.arrays:
                    parent = parent.arrays[part][-1]
                elif part in parent.subtables:
                    parent = parent.subtables[part]
                elif part in parent.keys:
                    raise Unscannable("a table extending a key's value")
                else:
                    parent.subtables[part] = parent = Table(parent.path + (part,))
            name = stmt.path[-1]
            if name in parent.keys:
                raise Unscannable("a table header for a key's value")
            if stmt.aot:
                if name in parent.subtables:
                    raise Unscannable("an array of tables under a table's name")
                current = Table(stmt.path, header=index, last_key=index)
                parent.arrays.setdefault(name, []).append(current)
                entries.append((current, len(headers)))
            else:
                known = parent.subtables.get(name)
                if name in parent.arrays or (known is not None and not known.implicit):
                    raise Unscannable("a table written twice")
                current = known or Table(stmt.path)
                current.header = current.last_key = index
                parent.subtables[name] = current
            headers.append(index)
    for entry, position in entries:
        _own_lines(entry, stmts, headers, position)
    return root


def _own_lines(entry: Table, stmts: list[Stmt], headers: list[int], position: int) -> None:
    """Set ``entry.first`` and ``entry.last``: the statements the entry owns (see ``Table``)."""
    size = len(entry.path)
    boundary = len(stmts)
    for index in headers[position + 1:]:
        path = stmts[index].path
        if not (len(path) > size and path[:size] == entry.path):  # not one of its own sub-tables
            boundary = index
            break
    first = entry.header
    while first > 0 and stmts[first - 1].kind == "comment":
        first -= 1
    stop = boundary
    if boundary < len(stmts):
        while stop - 1 > entry.header and stmts[stop - 1].kind == "comment":
            stop -= 1  # comments directly above the next header are that entry's
    last = entry.header
    for index in range(stop - 1, entry.header, -1):
        if stmts[index].kind in ("keyval", "header"):
            last = index
            break
    while last + 1 < stop and stmts[last + 1].kind == "comment":
        last += 1
    entry.first, entry.last = first, last
