"""A small form for a step's dates (started, done on, revisiting since)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from sponsordesk.forms.steps import read_step_dates
from sponsordesk.forms.values import InputError
from sponsordesk.rules import steps as stepwork
from sponsordesk.tui.screens.base import DeskModal, Keep
from sponsordesk.tui.widgets.fields import TextField

if TYPE_CHECKING:
    from sponsordesk.model import Step


class StepDatesScreen(DeskModal[dict | None]):
    """Saves the checked dates ({field: date}) through ``keep`` and dismisses with them once saved, or with None."""

    HELP_TITLE = "A step's dates"
    HELP = ("When the step was started, done and revisited, as YYYY-MM-DD; today by default and never after "
            "today.")

    CSS_PATH = "step_forms.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="dates.save"),
        Binding("escape", "cancel", "Cancel", id="dates.cancel"),
    ]

    def __init__(self, step: Step, today: date, keep: Keep) -> None:
        super().__init__()
        self.original = step
        self.today = today
        self.keep = keep
        self.fields = stepwork.date_fields(step)

    def compose(self) -> ComposeResult:
        with Vertical(classes="step-form"):
            yield Static(f"Dates for step {self.original.number}", classes="form-title")
            for field in self.fields:
                value: date | None = getattr(self.original, field)
                yield Label(stepwork.DATE_FIELDS[field], classes="form-label")
                yield TextField((value or self.today).isoformat(), placeholder="YYYY-MM-DD", id=f"date-{field}")
                yield Static("", id=f"error-{field}", classes="form-error")
            yield Static("Dates are YYYY-MM-DD and default to today.", classes="form-hint")
            with Horizontal(classes="form-buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        texts = {f: self.query_one(f"#date-{f}", Input).value for f in self.fields}
        for field in self.fields:
            self.query_one(f"#error-{field}", Static).remove_class("-shown")
        try:
            days = read_step_dates(texts)
            # the rules' own check, on a copy: a message by the field now, not after the form has closed
            stepwork.set_dates(self.original.model_copy(deep=True), days, self.today)
        except (InputError, stepwork.StepWorkError) as error:
            if not error.field:
                self.notify(str(error), severity="warning")
                return
            message = self.query_one(f"#error-{error.field}", Static)
            message.update(str(error))
            message.add_class("-shown")
            self.query_one(f"#date-{error.field}", Input).focus()
            return
        self.keep(days, lambda _saved: self.dismiss(days))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
