"""Small helpers for screen tests."""

import io

from rich.console import Console
from textual.widgets import Static


def static_text(widget: Static) -> str:
    """What a Static shows, as plain text (works for Rich tables too)."""
    console = Console(width=100, record=True, file=io.StringIO())
    console.print(widget.content)
    return console.export_text()
