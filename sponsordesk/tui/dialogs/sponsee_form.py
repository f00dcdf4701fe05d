"""Add or edit a sponsee: a message next to each bad field, nothing saved until all are good."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from sponsordesk.tui.screens.base import PRIVACY_COVER, FormModal, cover_for_privacy, focus_field
from sponsordesk.forms.sponsee import FIELDS, MODEL_FIELDS, form_values, parse_sponsee
from sponsordesk.tui.saving import save
from sponsordesk.tui.widgets.form_field import FormField
from sponsordesk.tui.widgets.fields import TextField
from sponsordesk.wording.program import time_words

if TYPE_CHECKING:
    from sponsordesk.model import Sponsee


LABELS = {
    "name": "Name", "program": "Program", "sobriety": "Sobriety date", "cadence": "Call every",
    "phone": "Phone", "reach": "Best way", "home_group": "Home group", "notes": "Notes",
}
PLACEHOLDERS = {
    "sobriety": "YYYY-MM-DD: the first clean day",
    "cadence": "days between calls; empty: by clean time",
    "phone": "e.g. 555-0142",
    "reach": "e.g. text first, calls after 6pm",
}
EDIT_HINTS = {
    "sobriety": "later dates go on top; fix a typo on their card (i)",
}
"""Hints under the fields of someone already in the notebook (a new person's say it in the field)."""


class SponseeFormScreen(FormModal[str | None]):
    """Dismisses with the saved sponsee's id, or None when cancelled."""

    HELP_TITLE = "Adding or editing a sponsee"
    HELP = ("Name, program, sobriety date, how often to call (empty: by their clean time), phone, the best way to "
            "reach them, home group and notes. A later sobriety date goes on top and the earlier ones are kept; "
            "to correct a mistyped one, open their card (i) and press h. ctrl+s saves; each field that needs a "
            "change says why.")

    CSS_PATH = "forms.tcss"
    # Textual would focus the scrolling form first, and moving the focus on restyled every field twice
    FIRST_FIELD = "#name"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="sponsee_form.save"),
        Binding("escape", "cancel", "Cancel", id="sponsee_form.cancel"),
    ]

    def __init__(self, sponsee_id: str | None = None) -> None:
        super().__init__(classes="form-modal")
        self.sponsee_id = sponsee_id
        self.shown: Sponsee | None = None
        """The profile as this form shows it (the "before" of the save); set in compose,
        and moved on to the file's values of every field not typed into when the data reloads."""

    @property
    def existing(self) -> Sponsee | None:
        return self.shown

    def _programs(self) -> list[str]:
        keys = sorted((p.key for p in self.desk.ctx.programs.values()), key=str.casefold)
        existing = self.existing
        if existing and existing.program.casefold() not in {k.casefold() for k in keys}:
            keys.append(existing.program)  # a program without a file stays choosable
        return keys

    def compose(self) -> ComposeResult:
        record = self.desk.record(self.sponsee_id) if self.sponsee_id else None
        self.shown = record.sponsee if record else None
        existing = self.existing
        values = form_values(existing)
        title = f"Edit {self.desk.name(existing)}" if existing else "Add a sponsee"
        keys = self._programs()
        options = [(f"{key} · {self.desk.ctx.program(key).name}", key) for key in keys]
        program = next((k for k in keys if k.casefold() == values["program"].casefold()), keys[0])
        with Vertical(classes="form"):
            yield Static(title, classes="form-title", markup=False)
            yield Static(PRIVACY_COVER, classes="privacy-cover")
            with VerticalScroll(classes="form-body private-content"):
                for key in FIELDS:
                    if key == "program":
                        control = Select(options, value=program, allow_blank=False, id=key, compact=True)
                    elif key == "notes":
                        control = TextArea(values["notes"], id=key, compact=True)
                    else:
                        control = TextField(values[key], id=key, compact=True, placeholder=PLACEHOLDERS.get(key, ""))
                    yield FormField(LABELS[key], control, name=key, hint=EDIT_HINTS.get(key, "") if existing else "")
            with Horizontal(classes="form-buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self._fit_words(str(self.query_one("#program", Select).value))
        self.refresh_data()
        focus_field(self, self.query_one("#name", Input))

    @on(Select.Changed, "#program")
    def _program_chosen(self, event: Select.Changed) -> None:
        self._fit_words(str(event.value))

    def _fit_words(self, program: str) -> None:
        """The date's label in the program's words: Al-Anon members are not counting sobriety."""
        words = time_words(self.desk.ctx.program(program).counts_sobriety)
        self.query_one("#field-sobriety .field-label", Label).update(words.date.capitalize())
        self.query_one("#sobriety", Input).placeholder = f"YYYY-MM-DD: {words.first}"

    def refresh_data(self) -> None:
        """Keep what was typed; show the file's value of every other field; follow the privacy screen."""
        self._catch_up()
        existing = self.existing
        if existing:
            self.query_one(".form-title", Static).update(f"Edit {self.desk.name(existing)}")
        cover_for_privacy(self, self.desk.hidden)

    def _catch_up(self) -> None:
        """Fields not typed into take the file's current values (an outside edit, a reload)."""
        record = self.desk.record(self.sponsee_id) if self.sponsee_id else None
        if self.shown is None or record is None or record.sponsee == self.shown:
            return
        was, now, typed = form_values(self.shown), form_values(record.sponsee), self.values()
        untouched = [key for key in FIELDS if typed[key] == was[key]]
        for key in untouched:
            if now[key] != was[key]:
                self._set_value(key, now[key])
                if self._opened_with is not None:  # the file's change is not typing: escape need not ask
                    self._opened_with[key] = self._values()[key]
        # the new "before": the file as it is, except where the person has typed
        kept = {field: getattr(self.shown, field) for key in FIELDS if key not in untouched
                for field in MODEL_FIELDS[key]}
        self.shown = record.sponsee.model_copy(update=kept, deep=True)

    def _set_value(self, key: str, value: str) -> None:
        if key == "notes":
            self.query_one("#notes", TextArea).load_text(value)
        elif key == "program":
            self.query_one("#program", Select).value = value
        else:
            self.query_one(f"#{key}", Input).value = value

    def values(self) -> dict[str, str]:
        out = {key: self.query_one(f"#{key}", Input).value for key in FIELDS if key not in ("program", "notes")}
        out["program"] = str(self.query_one("#program", Select).value)
        out["notes"] = self.query_one("#notes", TextArea).text
        return out

    def action_save(self) -> None:
        desk = self.desk
        values = self.values()
        words = time_words(desk.ctx.program(values["program"]).counts_sobriety)
        sponsee, errors = parse_sponsee(values, today=desk.today, programs=self._programs(),
                                        existing=self.existing, new_id=desk.new_sponsee_id, words=words)
        if not self.show_errors(errors, FIELDS) or sponsee is None:
            return
        shown = self.shown
        operation = (lambda: desk.save_profile(shown, sponsee)) if shown else (lambda: desk.add_sponsee(sponsee))
        # named once saved: a new sponsee may look like someone already there ("Sam Ri.", not "Sam R.")
        save(self, operation, lambda _saved: f"{desk.name_of(sponsee.id)} saved.",
             lambda saved: self.dismiss(sponsee.id if saved is not None else None))
