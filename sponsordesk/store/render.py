"""Writing values, entries and whole files in the store's own style (tomli_w's, entry by entry).

Values are serialized by tomli_w, so a value reads the same in a line the
splicer rewrites as in a file written whole. What tomli_w decides by line
length is fixed here instead: an array of entries (``contact``,
``suggestion``, ``step``) is always written as ``[[...]]`` tables, never as
an inline array, and a value inside an entry is always written on its key's
line (a sobriety date as an inline table, say), so one changed key is one
changed statement.
"""

from __future__ import annotations

from typing import Any

import tomli_w

from sponsordesk.store import layout

ENTRY_ARRAYS = frozenset({"contact", "suggestion", "step", "assignment", "deleted", "conflict"})
"""Arrays of entries: written as ``[[...]]`` tables, and absent reads the same as empty.

``deleted`` and ``conflict`` are a sync merge's tombstones and kept versions (store/sync_stamps.py)."""

NESTED_TABLES = {("step",): "assignment"}
"""Entries that may hold an array of entries of their own: ``[[step.assignment]]``."""

_BARE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")


def has_cr(value: Any) -> bool:
    if isinstance(value, str):
        return "\r" in value
    if isinstance(value, dict):
        return any(has_cr(v) for v in value.values())
    if isinstance(value, list):
        return any(has_cr(v) for v in value)
    return False


def key(name: str) -> str:
    return name if name and _BARE.issuperset(name) else literal(name, multiline=False)


def literal(value: Any, multiline: bool, nest: int = 0) -> str:
    """``value`` as TOML, as tomli_w writes it; a table becomes an inline table (on one line)."""
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{key(k)} = {literal(v, False, nest)}" for k, v in value.items()) + " }"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        indent = "    " * (nest + 1)
        items = ",\n".join(indent + literal(item, multiline, nest + 1) for item in value)
        return f"[\n{items},\n{'    ' * nest}]"
    if value is True:
        return "true"
    if value is False:
        return "false"
    # Multi-line strings read best in an editor, but TOML readers turn CRLF
    # inside them into LF: a value holding a carriage return uses escapes.
    return tomli_w.dumps({"x": value}, multiline_strings=multiline and not has_cr(value))[4:-1]


def keyval(name: str, value: Any, multiline: bool) -> str:
    return f"{key(name)} = {literal(value, multiline)}\n"


def entry(path: tuple[str, ...], data: dict[str, Any], multiline: bool, nested_tables: bool = True) -> str:
    """An entry as a ``[[path]]`` block: its keys, then any tables under it (LF line endings)."""
    return _table("[[" + ".".join(map(key, path)) + "]]\n", path, data, multiline, nested_tables)


def table(path: tuple[str, ...], data: dict[str, Any], multiline: bool) -> str:
    """A ``[path]`` table with its keys, then any tables under it."""
    return _table("[" + ".".join(map(key, path)) + "]\n", path, data, multiline, True)


def _table(head: str, path: tuple[str, ...], data: dict[str, Any], multiline: bool, nested_tables: bool) -> str:
    nested = NESTED_TABLES.get(path) if nested_tables else None
    lines, below = [head], []
    for name, value in data.items():
        if isinstance(value, dict):
            below.append(table(path + (name,), value, multiline))
        elif name == nested and isinstance(value, list) and all(isinstance(v, dict) for v in value):
            below += [entry(path + (name,), item, multiline) for item in value]  # none: nothing written
        else:
            lines.append(keyval(name, value, multiline))
    return "".join(lines) + "".join("\n" + part for part in below)


def fresh(kind: str, data: dict[str, Any], eol: str = "\n", nested_tables: bool = True) -> str:
    """A whole file for ``data``, as a new file is written: the kind's header comment, keys, tables, entries."""
    lines, below = [layout.HEADERS.get(kind, "")], []
    for name, value in data.items():
        if isinstance(value, dict):
            below.append(table((name,), value, eol == "\n"))
        elif name in ENTRY_ARRAYS and isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            below += [entry((name,), item, eol == "\n", nested_tables) for item in value]
        else:
            lines.append(keyval(name, value, eol == "\n"))
    text = "".join(lines) + "".join("\n" + part for part in below)
    return text if eol == "\n" else text.replace("\n", eol)
