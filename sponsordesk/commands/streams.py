"""What every command's output goes through: no control characters, and a closed pipe is no error.

Commands print names, notes and summaries the user (or a synced file) wrote;
escape codes in them would set the window title or clear the screen. The
command line's stdout and stderr are wrapped so no control character reaches
the terminal (tab, newline and the CRLF an iCalendar needs are kept). The app
itself (`sponsordesk open`) is not wrapped: Textual draws with escape codes.

``sponsordesk today | head -1`` closes the pipe early; that is the reader's
choice, not a failure, so it ends quietly with status 0.
"""

from __future__ import annotations

import os
import re
import sys
from typing import TextIO

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]|\r(?!\n)")


def printable_output(text: str) -> str:
    """What may reach a terminal: control characters removed, a lone carriage return too (not CRLF)."""
    return _CONTROL.sub("", text)


class PrintableStream:
    """A text stream that writes only ``printable_output`` to the one it wraps."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(printable_output(text))
        return len(text)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def guard() -> tuple[TextIO, TextIO]:
    """Wrap stdout and stderr; returns the streams as they were."""
    before = sys.stdout, sys.stderr
    if sys.stdout is not None and not isinstance(sys.stdout, PrintableStream):
        sys.stdout = PrintableStream(sys.stdout)
    if sys.stderr is not None and not isinstance(sys.stderr, PrintableStream):
        sys.stderr = PrintableStream(sys.stderr)
    return before


def pipe_closed() -> int:
    """After BrokenPipeError: point stdout at /dev/null so the flush at exit cannot fail again; status 0."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno())
        os.close(devnull)
    except (OSError, AttributeError, ValueError):
        pass
    return 0
