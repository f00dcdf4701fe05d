"""A labelled form control with its own message line, so errors sit next to the field."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Label, Static


class FormField(Vertical):
    """Label and control on one line; the field's message (if any) under them.

    Styled by the form's .tcss (classes ``field``, ``field-label``, ``field-error``).
    """

    def __init__(self, label: str, control: Widget, *, name: str, hint: str = "") -> None:
        super().__init__(id=f"field-{name}", classes="field")
        self.label_text, self.control, self.hint = label, control, hint

    def compose(self) -> ComposeResult:
        with Horizontal(classes="field-row"):
            yield Label(self.label_text, classes="field-label")
            yield self.control
        yield Static(self.hint, classes="field-hint", markup=False)
        yield Static("", classes="field-error", markup=False)

    def on_mount(self) -> None:
        self.query_one(".field-hint").display = bool(self.hint)
        self.query_one(".field-error").display = False

    # A class set here rather than CSS :focus-within, which left the label of a field tabbed out of lit.
    def on_descendant_focus(self) -> None:
        self.add_class("-focused")

    def on_descendant_blur(self) -> None:
        self.remove_class("-focused")

    def set_error(self, message: str | None) -> None:
        error = self.query_one(".field-error", Static)
        error.update(message or "")
        error.display = bool(message)
        self.set_class(bool(message), "-invalid")

    @property
    def error(self) -> str:
        error = self.query_one(".field-error", Static)
        return str(error.content) if error.display else ""
