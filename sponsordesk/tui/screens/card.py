"""One sponsee's card on a screen of its own: everything before a call, a key to copy the phone."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header

from sponsordesk.desk.undo import Undo
from sponsordesk.tui.screens.base import UndoScreen
from sponsordesk.tui.widgets.card import SponseeCard
from sponsordesk.tui.widgets.desk_footer import DeskFooter


class CardScreen(UndoScreen):
    """The card of one sponsee: phone, home group, cadence, clean time, steps, suggestions, contacts, history."""

    HELP_TITLE = "The sponsee's card"

    HELP = ("What you need before a call. Their phone and the best way to reach them, "
            "home group, how often you mean to talk and why, clean time and the next milestones, the steps "
            "being worked, open suggestions, the last few contacts, your notes and the history of their "
            "dates. y copies the phone number; h corrects a mistyped date or note in the history.")
    BINDINGS = [
        Binding("escape", "back", "Back", id="card.back"),
        Binding("y", "copy_phone", "Copy phone", id="card.copy_phone"),
        Binding("h", "history", "Correct dates", id="card.history"),
        Binding("u,ctrl+z", "undo", "Undo", id="card.undo", show=False),
        # in help, not the footer: help, quit and the privacy key must fit at 80 columns
        Binding("e", "edit", "Edit", id="card.edit", show=False),
        Binding("l", "quick_log", "Quick log", id="card.quick_log", show=False),
        Binding("b", "board", "Steps", id="card.board", show=False),
        Binding("c", "contacts", "Contacts", id="card.contacts", show=False),
    ]

    def __init__(self, sponsee_id: str) -> None:
        super().__init__()
        self.sponsee_id = sponsee_id
        self.undo: Undo | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield SponseeCard(id="card")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.refresh_data()
        self.query_one(SponseeCard).focus()

    def refresh_data(self) -> None:
        record = self.desk.record(self.sponsee_id)
        # the title, not the sub-title: that one is the app's (version, read-only, "also open on laptop")
        self.title = f"Card · {self.desk.name(record.sponsee)}" if record else "Card"  # follows F4 too
        self.query_one(SponseeCard).show(self.desk, self.sponsee_id,
                                         "This sponsee is no longer in the data folder.")

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_copy_phone(self) -> None:
        self.sd_app.copy_phone(self.sponsee_id)

    def action_history(self) -> None:
        from sponsordesk.tui.dialogs.sobriety_fix import SobrietyFixScreen

        if self.desk.record(self.sponsee_id) is None or not self.writable("Correcting the history"):
            return

        def done(undo: Undo | None) -> None:
            if undo is not None:
                self.undo = undo

        self.app.push_screen(SobrietyFixScreen(self.sponsee_id), done)

    def undone(self, undo: Undo) -> None:
        self.notify(undo.undone or "Undone.")

    def action_edit(self) -> None:
        from sponsordesk.tui.dialogs.sponsee_form import SponseeFormScreen

        if self.desk.record(self.sponsee_id) and self.writable("Editing a sponsee"):
            self.app.push_screen(SponseeFormScreen(self.sponsee_id))  # a save redraws every screen (saving.py)

    def action_quick_log(self) -> None:
        from sponsordesk.tui.dialogs.quick_log import QuickLogScreen

        if self.desk.record(self.sponsee_id) and self.writable("Logging a contact"):
            self.app.push_screen(QuickLogScreen(self.sponsee_id))

    def action_board(self) -> None:
        self.sd_app.open_board(self.sponsee_id)

    def action_contacts(self) -> None:
        self.sd_app.open_log(self.sponsee_id)
