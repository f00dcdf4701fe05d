"""Quick log: note a contact for the selected sponsee without leaving the roster.

Kind, who reached out, minutes and one line; the full form (L) takes the rest.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalGroup
from textual.widgets import Button, Input, Select, Static

from sponsordesk.forms.quick_contact import KINDS, WHO, default_by, parse_quick_contact
from sponsordesk.tui.screens.base import PRIVACY_COVER, FormModal
from sponsordesk.model import ContactKind, new_id
from sponsordesk.tui.saving import save
from sponsordesk.tui.widgets.form_field import FormField
from sponsordesk.tui.widgets.fields import TextField

FIELDS = ("kind", "by", "minutes", "summary")


class QuickLogScreen(FormModal[str | None]):
    """Dismisses with the sponsee id once the contact is saved."""

    HELP_TITLE = "Quick log"
    HELP = ("A contact now, without leaving the roster: what it was, who reached out, minutes and one line about "
            "it. A try with no answer needs no line and counts as yours. ctrl+s saves from anywhere, and so does "
            "enter in Minutes or Summary or on Save; on Kind or Who, enter opens the list. L on the roster opens "
            "the full form.")

    CSS_PATH = "forms.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="quick_log.save"),
        Binding("escape", "cancel", "Cancel", id="quick_log.cancel"),
    ]

    def __init__(self, sponsee_id: str) -> None:
        super().__init__(classes="form-modal")
        self.sponsee_id = sponsee_id
        self._by_default = default_by("call")
        """What "Who reached out" was set to by the kind; once the person picks another, it is theirs."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Static(self.heading(), classes="form-title", markup=False)
            yield Static(PRIVACY_COVER, classes="privacy-cover")
            with VerticalGroup(classes="private-content"):  # covered while names are hidden (F4)
                yield FormField("Kind", Select(KINDS, value="call", allow_blank=False, id="kind", compact=True),
                                name="kind")
                yield FormField("Who reached out", Select(WHO, value="sponsee", allow_blank=False, id="by",
                                                          compact=True), name="by")
                yield FormField("Minutes", TextField(id="minutes", placeholder="optional", compact=True),
                                name="minutes")
                yield FormField("Summary", TextField(id="summary", placeholder="one line", compact=True),
                                name="summary")
            with Horizontal(classes="form-buttons"):
                # ctrl+s, not enter: on Kind and Who (the cursor starts on Kind) enter opens the list
                yield Button("Save (ctrl+s)", id="save", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def heading(self) -> str:
        return f"Log a contact with {self.desk.name_of(self.sponsee_id)} (now)"

    def on_mount(self) -> None:
        self.query_one("#kind", Select).focus()

    @on(Select.Changed, "#kind")
    def _kind_chosen(self, event: Select.Changed) -> None:
        by = self.query_one("#by", Select)
        if by.value == self._by_default:  # not changed by hand: follow the kind
            self._by_default = default_by(str(event.value))
            by.value = self._by_default
        # a try with no answer needs no words; everything else wants one line
        self.query_one("#summary", Input).placeholder = (
            "optional" if event.value == ContactKind.ATTEMPT.value else "one line")

    def action_save(self) -> None:
        desk = self.desk
        contact, errors = parse_quick_contact(
            str(self.query_one("#kind", Select).value), str(self.query_one("#by", Select).value),
            self.query_one("#minutes", Input).value, self.query_one("#summary", Input).value,
            desk.ctx.clock.now(), new_id("c"),
        )
        if not self.show_errors(errors, FIELDS) or contact is None:
            return
        said = "Logged. Attempts are kept but do not reset the clock." if not contact.connected else "Logged."
        save(self, lambda: desk.add_contact(self.sponsee_id, contact), said,
             lambda saved: self.dismiss(self.sponsee_id if saved is not None else None))
