"""A crash report that is safe to show: code locations, never data.

Python's and Textual's tracebacks print the exception message and (Textual)
local variables, which can hold a sponsee's name or notes. This one names
the exception type and the lines of code only.
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text


def safe_lines(exc_type: type[BaseException] | None, tb: TracebackType | None) -> list[str]:
    # imported here: every command imports this module for its excepthook, and `traceback` (with linecache and
    # tokenize) was 3-7 ms of `sponsordesk --version`, which almost never crashes
    import traceback

    name = exc_type.__name__ if exc_type else "an unknown error"
    frames = traceback.extract_tb(tb) if tb else []
    lines = [
        f"sponsordesk stopped because of a bug ({name}).",
        "Your saved data is safe: every save is written completely or not at all.",
        "Where it happened (names and notes are left out on purpose):",
    ]
    lines += [f"  {frame.filename}:{frame.lineno} in {frame.name}" for frame in frames[-12:]]
    lines.append("Please report it with the lines above.")
    return lines


def safe_traceback(exc_type: type[BaseException] | None, exc: BaseException | None,
                   tb: TracebackType | None) -> "Text":
    from rich.text import Text  # the app's crash report only; the command line prints plain lines

    return Text("\n".join(safe_lines(exc_type, tb)), style="red")


def excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """sys.excepthook for the command line: the same safe report instead of Python's."""
    if issubclass(exc_type, KeyboardInterrupt):
        print("sponsordesk: interrupted; every save is complete or not made at all.", file=sys.stderr)
        return
    print("\n".join(safe_lines(exc_type, tb)), file=sys.stderr)
