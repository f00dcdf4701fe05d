"""User text made safe to print: no terminal control characters.

A name or note may hold escape codes (pasted, or planted in a synced file):
printed raw they set the window title, clear the screen or hide text. Every
line the command line prints and every message that names a field passes
user text through ``printable``.
"""

from __future__ import annotations

import re

from rich.cells import cell_len, set_cell_size

_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 (tab and newline stay), DEL, C1 (CSI, OSC ... in one byte)
    "\u200e\u200f\u202a-\u202e\u2066-\u2069]"  # marks and overrides that reorder what a line shows
)


def printable(text: str) -> str:
    """``text`` without control characters (tab and newline are kept); carriage returns become newlines."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


_NOT_IN_A_CELL = re.compile(f"[\t\n\r]|{_CONTROL.pattern}")
_BREAKS = str.maketrans("\t\n", "  ")


def in_cell(text: str) -> str:
    """``printable`` in one table cell, spacing kept as typed: tabs and line breaks become spaces (a tab or
    a line break drawn raw would move the terminal's cursor out of the cell)."""
    return printable(text).translate(_BREAKS) if _NOT_IN_A_CELL.search(text) else text


def one_line(text: str) -> str:
    """``printable`` on one line: line breaks and tabs become spaces."""
    return " ".join(printable(text).split())


def pad(text: str, width: int) -> str:
    """``text`` filled with spaces to ``width`` terminal cells: a CJK character takes two, so ljust fell short."""
    return text + " " * max(width - cell_len(text), 0)


def clip(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` cells, with '…' when cut."""
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, max(width - 1, 1)).rstrip() + "…"
