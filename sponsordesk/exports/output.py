"""Writing an output file (calendar, report, spreadsheet) whole or not at all, readable by its owner only."""

from __future__ import annotations

from pathlib import Path

from sponsordesk.store.outfile import write_output


def write_text(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically (0600); raises StoreError with a message ready to show."""
    return write_output(path, text, encoding)
