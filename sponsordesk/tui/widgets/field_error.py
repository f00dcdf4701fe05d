"""The message shown next to a form field; hidden while there is none."""

from __future__ import annotations

from rich.markup import escape
from textual.widgets import Static


class FieldError(Static):
    """Give it the id ``<field>-error``; ``show("")`` hides it again."""

    DEFAULT_CLASSES = "field-error"

    def on_mount(self) -> None:
        self.display = bool(str(self.content))

    def show(self, message: str) -> None:
        self.update(escape(message))
        self.display = bool(message)
