"""Add or edit one assignment: what was suggested for the step, and when it is due."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalGroup
from textual.widgets import Button, Input, Label, Static

from sponsordesk.forms.steps import read_assignment
from sponsordesk.forms.values import InputError
from sponsordesk.tui.screens.base import PRIVACY_COVER, DeskModal, Keep
from sponsordesk.tui.widgets.fields import TextField

AssignmentDraft = tuple[str, date | None]
"""The text and due date, checked."""


class AssignmentFormScreen(DeskModal[AssignmentDraft | None]):
    """Saves through ``keep`` and dismisses with (text, due) once saved, or None."""

    HELP_TITLE = "An assignment"
    HELP = ("What you suggested for this step and, if you like, when it is due (YYYY-MM-DD). Once it is due it is "
            "on the board and on the agenda.")

    CSS_PATH = "step_forms.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="assignment.save"),
        Binding("escape", "cancel", "Cancel", id="assignment.cancel"),
    ]

    def __init__(self, title: str, today: date, keep: Keep, text: str = "", due: date | None = None) -> None:
        super().__init__()
        self.title_text, self.today, self.text, self.due = title, today, text, due
        self.keep = keep

    def compose(self) -> ComposeResult:
        with Vertical(classes="step-form"):
            yield Static(self.title_text, classes="form-title")
            yield Static(PRIVACY_COVER, classes="privacy-cover")
            with VerticalGroup(classes="private-content"):  # covered while names are hidden (F4)
                yield Label("Assignment", classes="form-label")
                yield TextField(self.text, placeholder="e.g. Read pages 58-60 and write what stood out", id="text")
                yield Static("", id="error-text", classes="form-error")
                yield Label("Due (optional)", classes="form-label")
                yield TextField(self.due.isoformat() if self.due else "",
                                placeholder=f"YYYY-MM-DD, e.g. {self.today}", id="due")
                yield Static("", id="error-due", classes="form-error")
            with Horizontal(classes="form-buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        for field in ("text", "due"):
            self.query_one(f"#error-{field}", Static).remove_class("-shown")
        try:
            draft = read_assignment(self.query_one("#text", Input).value, self.query_one("#due", Input).value)
        except InputError as error:
            message = self.query_one(f"#error-{error.field}", Static)
            message.update(str(error))
            message.add_class("-shown")
            self.query_one(f"#{error.field}", Input).focus()
            return
        self.keep(draft, lambda _saved: self.dismiss(draft))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
