"""When a save meets an outside edit to the same entry: both versions side by side, and the choice.

Nothing was written when this opens. "Keep mine" saves again with this
window's version of the fields in conflict (every other outside edit is
still kept); "Keep the file's" leaves the file as it is; "Back" returns to
what was being edited, with everything typed still there.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from sponsordesk.desk.errors import Conflict, ConflictError
from sponsordesk.tui.screens.base import DeskModal
from sponsordesk.wording.conflicts import entry_title, field_label, shown_value


class ConflictScreen(DeskModal[str]):
    """Dismisses with 'mine', 'file' or 'back'."""

    HELP_TITLE = "Changed in two places"

    CSS_PATH = "conflict.tcss"
    HELP = ("This entry was changed outside sponsordesk (an editor, a sync) after this window showed it. "
            "Nothing has been saved. Compare the two versions: keep yours for the fields shown, keep the "
            "file's, or go back to what you were editing.")
    BINDINGS = [
        Binding("m", "choose('mine')", "Keep mine", id="conflict.mine"),
        Binding("f", "choose('file')", "Keep the file's", id="conflict.file"),
        Binding("escape,b", "choose('back')", "Back", id="conflict.back"),
    ]

    def __init__(self, error: ConflictError) -> None:
        super().__init__()
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical(id="conflict"):
            yield Static("Changed outside sponsordesk too", classes="form-title")
            yield Static("Nothing was saved yet. The same entry was changed in the file since this window "
                         "showed it. Which version should stay?", id="conflict-intro")
            with VerticalScroll(id="conflict-versions"):
                for conflict in self.error.conflicts:
                    yield Static(Text(entry_title(conflict), style="bold"), classes="conflict-entry")
                    yield from self._versions(conflict)
            with Horizontal(id="conflict-buttons"):
                yield Button("Keep mine (m)", id="mine", variant="primary")
                yield Button("Keep the file's (f)", id="file")
                yield Button("Back (esc)", id="back")

    def _versions(self, conflict: Conflict) -> ComposeResult:
        for name in conflict.fields or [""]:
            label = field_label(name) if name else "the whole entry"
            mine, theirs = self._values(conflict, name)
            with Horizontal(classes="conflict-field"):
                yield Static(Text(label, style="italic"), classes="conflict-label")
                yield Static(mine, classes="conflict-mine")
                yield Static(theirs, classes="conflict-theirs")

    def _values(self, conflict: Conflict, name: str) -> tuple[Text, Text]:
        """Both versions of one field, free text masked while names are hidden (F4)."""
        return (Text.assemble(("yours: ", "dim"), self._shown(conflict.mine, name)),
                Text.assemble(("in the file: ", "dim"), self._shown(conflict.theirs, name)))

    def _shown(self, entry: dict[str, Any] | None, name: str) -> str:
        """One version of a field; an entry (or an assignment) that version does not have reads as deleted,
        not as "(empty)": a step deleted in an editor is not a step with nothing in it."""
        if _gone(entry, name):
            return "(deleted)"
        return shown_value(_value(entry, name), self.desk.note, name)

    def refresh_data(self) -> None:
        """F4 pressed with this open: the versions are masked (or shown again) at once, as everywhere."""
        fields = [(conflict, name) for conflict in self.error.conflicts for name in conflict.fields or [""]]
        for (conflict, name), mine, theirs in zip(fields, self.query(".conflict-mine").results(Static),
                                                  self.query(".conflict-theirs").results(Static)):
            shown_mine, shown_theirs = self._values(conflict, name)
            mine.update(shown_mine)
            theirs.update(shown_theirs)
        super().refresh_data()

    def on_mount(self) -> None:
        self.query_one("#back", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "back")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


def _value(entry: dict[str, Any] | None, name: str) -> Any:
    """The value of a field ("summary", "assignment.a-1.text") in an entry; the entry itself for ''."""
    if entry is None:
        return None
    if not name:
        return entry
    parts = name.split(".")
    if len(parts) == 1:
        return entry.get(parts[0])
    array, ident, *rest = parts
    item = next((i for i in entry.get(array, []) if str(i.get("id", i.get("number"))) == ident), None)
    if item is None or not rest:
        return item
    return item.get(rest[0])


def _gone(entry: dict[str, Any] | None, name: str) -> bool:
    """The entry, or the assignment the field ("assignment.a-1.text") belongs to, is not in this version."""
    parts = name.split(".")
    return entry is None or (len(parts) > 1 and _value(entry, ".".join(parts[:2])) is None)
