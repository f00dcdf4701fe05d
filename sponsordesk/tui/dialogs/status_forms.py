"""Pause a sponsee until a date, or end the sponsorship with a date and a reason.

Nothing is deleted: an ended sponsee stays in the files, E shows them and r resumes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalGroup
from textual.widgets import Button, Input, Static

from sponsordesk.tui.screens.base import PRIVACY_COVER, FormModal
from sponsordesk.tui.dialogs.confirm import ConfirmScreen
from sponsordesk.forms.status import parse_end, parse_pause
from sponsordesk.desk.desk import Saved
from sponsordesk.tui.saving import save
from sponsordesk.tui.widgets.form_field import FormField
from sponsordesk.wording.dates import weekday_date
from sponsordesk.tui.widgets.fields import TextField


class StatusForm(FormModal[str | None]):
    """Two fields (a date and a reason) and Save/Cancel; subclasses say what saving means."""

    CSS_PATH = "forms.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="status_form.save"),
        Binding("escape", "cancel", "Cancel", id="status_form.cancel"),
    ]
    TITLE_TEXT = ""
    DATE_FIELD = ("until", "Until", "")
    SAVE_LABEL = "Save"

    def __init__(self, sponsee_id: str) -> None:
        super().__init__(classes="form-modal")
        self.sponsee_id = sponsee_id
        self.shown = None
        """The profile as the form opened on it: what its save is measured against (set in compose)."""

    @property
    def shown_name(self) -> str:
        return self.desk.name_of(self.sponsee_id)

    def default_date(self) -> date:
        return self.desk.today

    def compose(self) -> ComposeResult:
        record = self.desk.record(self.sponsee_id)
        self.shown = record.sponsee if record else None
        key, label, hint = self.DATE_FIELD
        with Vertical(classes="form"):
            yield Static(self.heading(), classes="form-title", markup=False)
            yield Static(PRIVACY_COVER, classes="privacy-cover")
            with VerticalGroup(classes="private-content"):  # covered while names are hidden (F4)
                yield FormField(label, TextField(self.default_date().isoformat(), id=key, compact=True), name=key,
                                hint=hint)
                yield FormField("Reason", TextField(id="reason", compact=True), name="reason")
            with Horizontal(classes="form-buttons"):
                yield Button(f"{self.SAVE_LABEL} (ctrl+s)", id="save", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def heading(self) -> str:
        return self.TITLE_TEXT.format(name=self.shown_name)

    def on_mount(self) -> None:
        self.query_one(f"#{self.DATE_FIELD[0]}", Input).focus()


    def field(self, key: str) -> str:
        return self.query_one(f"#{key}", Input).value

    def apply(self, operation: Callable[[], Saved], done: str) -> None:
        """Save through the desk; a failed save keeps the form open and says why."""
        save(self, operation, done, lambda saved: self.dismiss(self.sponsee_id if saved is not None else None))



class PauseScreen(StatusForm):
    """Off the agenda until a date; back on it that day by itself."""

    HELP_TITLE = "Pausing a sponsorship"
    HELP = ("A pause until a day: off the agenda until then and back on it that day by themselves. The reason is "
            "optional and stays in their profile; r on the roster resumes them sooner.")

    TITLE_TEXT = "Pause {name}"
    DATE_FIELD = ("until", "Back on", "YYYY-MM-DD: the day they are back on the agenda")
    SAVE_LABEL = "Pause"

    def default_date(self) -> date:
        return self.desk.today + timedelta(days=14)

    def action_save(self) -> None:
        until, errors = parse_pause(self.field("until"), self.desk.today)
        if self.show_errors(errors, (self.DATE_FIELD[0], "reason")) and until is not None:
            name = self.shown_name
            self.apply(lambda: self.desk.pause(self.sponsee_id, until, self.field("reason").strip(), self.shown),
                       f"{name} is paused until {weekday_date(until, self.desk.today)}.")


class EndScreen(StatusForm):
    """End the sponsorship (after a confirmation); the history is kept."""

    HELP_TITLE = "Ending a sponsorship"
    HELP = ("The sponsorship ends on a day, for a reason, after you confirm. Nothing is deleted: they and their "
            "history stay in your files, E on the roster shows ended sponsorships and r resumes one.")

    TITLE_TEXT = "End sponsoring {name}"
    DATE_FIELD = ("ended", "Ended on", "YYYY-MM-DD; they and their history stay in your files")
    SAVE_LABEL = "End"

    def action_save(self) -> None:
        reason = self.field("reason").strip()
        on, errors = parse_end(self.field("ended"), reason, self.desk.today)
        if not self.show_errors(errors, (self.DATE_FIELD[0], "reason")) or on is None:
            return
        name = self.shown_name

        def answered(yes: bool | None) -> None:
            if yes:
                self.apply(lambda: self.desk.end(self.sponsee_id, on, reason, self.shown),
                           # no stop straight after the name: "Tom B.." read as a typo
                           f"Ended sponsoring {name}; E shows ended sponsorships and r resumes.")

        def question() -> str:  # asked again when F4 is pressed with the question open
            return (f"End sponsoring {self.shown_name} on {weekday_date(on, self.desk.today)}?\n"
                    "Nothing is deleted: they stay in your files, E shows them and r resumes.")

        self.app.push_screen(ConfirmScreen(question, yes="End sponsorship"), answered)
