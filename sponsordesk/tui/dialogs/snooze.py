"""Snooze: leave a sponsee off today's agenda until tomorrow or a chosen day."""

from __future__ import annotations

from datetime import timedelta

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from sponsordesk.tui.screens.base import FormModal
from sponsordesk.forms.status import parse_snooze
from sponsordesk.tui.saving import save
from sponsordesk.tui.widgets.form_field import FormField
from sponsordesk.wording.dates import weekday_date
from sponsordesk.tui.widgets.fields import TextField


class SnoozeScreen(FormModal[str | None]):
    """Dismisses with the sponsee id once the snooze is saved (or lifted)."""

    HELP_TITLE = "Snooze"
    HELP = ("Off the agenda until a day (tomorrow unless you type another); they are back on it that day by "
            "themselves. ctrl+t snoozes until tomorrow; Lift snooze puts them back now.")

    CSS_PATH = "forms.tcss"
    BINDINGS = [
        Binding("ctrl+t", "tomorrow", "Until tomorrow", id="snooze.tomorrow"),
        Binding("ctrl+s", "save", "Snooze", id="snooze.save"),
        Binding("escape", "cancel", "Cancel", id="snooze.cancel"),
    ]

    def __init__(self, sponsee_id: str) -> None:
        super().__init__(classes="form-modal")
        self.sponsee_id = sponsee_id
        self.shown = None
        """The profile as the form opened on it: what its save is measured against (set in compose)."""

    def compose(self) -> ComposeResult:
        record = self.desk.record(self.sponsee_id)
        self.shown = record.sponsee if record else None
        tomorrow = self.desk.today + timedelta(days=1)
        with Vertical(classes="form"):
            yield Static(self.heading(), classes="form-title", markup=False)
            yield FormField("Until", TextField(tomorrow.isoformat(), id="until", compact=True), name="until",
                            hint="YYYY-MM-DD or 'tomorrow'; they are back on the agenda that day")
            with Horizontal(classes="form-buttons"):
                if record and record.sponsee.snoozed_until:
                    yield Button("Lift snooze", id="lift", compact=True)
                yield Button("Tomorrow (ctrl+t)", id="tomorrow", compact=True)
                yield Button("Snooze (enter)", id="save", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def heading(self) -> str:
        return f"Snooze {self.desk.name_of(self.sponsee_id)}: off the agenda for a while"

    def on_mount(self) -> None:
        self.query_one("#until", Input).focus()

    def _save(self, text: str) -> None:
        until, errors = parse_snooze(text, self.desk.today)
        if self.show_errors(errors, ["until"]) and until is not None:
            self._store(until)

    def _store(self, until) -> None:
        said = f"Snoozed until {weekday_date(until, self.desk.today)}." if until else "Snooze lifted; back on the agenda."
        save(self, lambda: self.desk.snooze(self.sponsee_id, until, self.shown), said,
             lambda saved: self.dismiss(self.sponsee_id if saved is not None else None))

    def action_save(self) -> None:
        self._save(self.query_one("#until", Input).value)

    def action_tomorrow(self) -> None:
        self._save("tomorrow")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        actions = {"save": self.action_save, "tomorrow": self.action_tomorrow, "lift": lambda: self._store(None)}
        actions.get(event.button.id or "", self.action_cancel)()
