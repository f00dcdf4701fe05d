"""Correct the sobriety history from the card: fix a mistyped date or note, or remove a date entered by mistake.

Nothing is saved before a confirmation that says what changes and where
clean time will count from. A relapse is never recorded here: that is a new
date, logged with the contact where it came up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Label, Static

from sponsordesk.forms.sobriety import HistoryRow, read_fixes, row_values
from sponsordesk.tui.dialogs.confirm import ConfirmScreen
from sponsordesk.tui.saving import save
from sponsordesk.tui.screens.base import PRIVACY_COVER, FormModal, cover_for_privacy, focus_field
from sponsordesk.tui.widgets.field_error import FieldError
from sponsordesk.tui.widgets.fields import TextField, Tick
from sponsordesk.views.sobriety import describe_fixes
from sponsordesk.wording.program import time_words

if TYPE_CHECKING:
    from sponsordesk.model import Sponsee
    from sponsordesk.desk.undo import Undo


ABOUT = ("Fix a date or a note typed wrong, or remove a date entered by mistake. A relapse is not a "
         "correction: log the contact where it came up (L) and give the new date there.")


class SobrietyFixScreen(FormModal["Undo | None"]):
    """Dismisses with the Undo of the correction once it is saved, or None."""

    HELP_TITLE = "Correcting the sobriety history"

    CSS_PATH = "forms.tcss"
    HELP = ("Correct the history of sobriety dates: each date with its note, newest first. Change a date or "
            "a note, or tick remove for a date entered by mistake; ctrl+s asks before anything is saved and "
            "says where clean time will count from. Every date you do not touch stays as it is.")
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="sobriety_fix.save"),
        Binding("escape", "cancel", "Cancel", id="sobriety_fix.cancel"),
    ]

    def __init__(self, sponsee_id: str) -> None:
        super().__init__(classes="form-modal")
        self.sponsee_id = sponsee_id
        self.shown: Sponsee | None = None
        """The profile as this form shows it: the "before" of the correction (set in compose)."""

    def heading(self) -> str | None:
        record = self.desk.record(self.sponsee_id)
        name = self.desk.name_of(self.sponsee_id)
        words = time_words(self.desk.program(record.sponsee).counts_sobriety) if record else None
        return f"Correct {name}'s {words.history if words else 'sobriety history'}"

    def compose(self) -> ComposeResult:
        record = self.desk.record(self.sponsee_id)
        self.shown = record.sponsee if record else None
        history = self.shown.sobriety if self.shown else []
        with Vertical(classes="form"):
            yield Static(self.heading() or "", classes="form-title", markup=False)
            yield Static(PRIVACY_COVER, classes="privacy-cover")
            with VerticalScroll(classes="form-body private-content"):
                yield Static(ABOUT, classes="form-about", markup=False)
                for index, entry in enumerate(history):
                    row = row_values(entry)
                    with Horizontal(classes="history-row"):
                        yield Label("current" if index == 0 else "earlier", classes="history-when")
                        yield TextField(row.date, id=f"date-{index}", classes="history-date", compact=True)
                        yield TextField(row.note, id=f"note-{index}", classes="history-note", compact=True,
                                        placeholder="a note (optional)")
                        yield Tick("remove", id=f"remove-{index}", compact=True)
                    yield FieldError(id=f"row-{index}-error")
                if not history:
                    yield Static("There are no dates to correct; e on the roster sets the first one.")
            with Horizontal(classes="form-buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.refresh_data()
        if self.shown and self.shown.sobriety:
            focus_field(self, self.query_one("#date-0", TextField))

    def refresh_data(self) -> None:
        super().refresh_data()
        cover_for_privacy(self, self.desk.hidden)

    def rows(self) -> list[HistoryRow]:
        count = len(self.shown.sobriety) if self.shown else 0
        return [HistoryRow(self.query_one(f"#date-{i}", TextField).value, self.query_one(f"#note-{i}", TextField).value,
                           self.query_one(f"#remove-{i}", Checkbox).value) for i in range(count)]

    def action_save(self) -> None:
        shown, desk = self.shown, self.desk
        if shown is None:
            self.dismiss(None)
            return
        fixes, errors = read_fixes(shown.sobriety, self.rows(), desk.today)
        first = None
        for index in range(len(shown.sobriety)):
            message = " ".join(errors[k] for k in (f"date-{index}", f"note-{index}") if k in errors)
            self.query_one(f"#row-{index}-error", FieldError).show(message)
            if message and first is None:
                first = next(k for k in (f"date-{index}", f"note-{index}") if k in errors)
        if first is not None:
            self.query_one(f"#{first}", TextField).focus()
            return
        if not fixes:
            self.notify("Nothing to correct: every date and note is as it was.")
            return
        words = time_words(desk.program(shown).counts_sobriety)
        def question() -> str:  # asked again when F4 is pressed with the question open
            return describe_fixes(desk.name(shown), shown.sobriety, fixes, desk.today, words, desk.note)

        def answered(yes: bool | None) -> None:
            if yes:
                save(self, lambda: desk.correct_sobriety(shown, fixes),
                     f"Corrected {desk.name(shown)}'s {words.history}; u on the card undoes it.",
                     lambda saved: self.dismiss(saved.undo if saved is not None else None))

        self.app.push_screen(ConfirmScreen(question, yes="Correct it", no="Keep editing"), answered)
