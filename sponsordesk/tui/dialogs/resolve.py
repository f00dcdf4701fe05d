"""Resolve one suggestion with a note on how it went."""

from __future__ import annotations

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalGroup
from textual.widgets import Button, Input, Select, Static

from sponsordesk.model import SuggestionStatus
from sponsordesk.tui.screens.base import PRIVACY_COVER, DeskModal, Keep
from sponsordesk.wording.labels import status_label
from sponsordesk.tui.widgets.fields import TextField

CHOICES = [(status_label(s), s.value) for s in
           (SuggestionStatus.FOLLOWED, SuggestionStatus.NOT_FOLLOWED, SuggestionStatus.DROPPED)]


class ResolveScreen(DeskModal[tuple[str, str] | None]):
    """Saves (status, note) through ``keep``, then dismisses with them; None when cancelled."""

    HELP_TITLE = "How a suggestion went"
    HELP = ("Choose how it went (followed through, not followed, dropped) and add a note if you like; it is dated "
            "today.")

    CSS_PATH = "resolve.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="suggestions.resolve.cancel"),
        Binding("ctrl+s", "save", "Save", id="suggestions.resolve.save", priority=True),
    ]

    def __init__(self, text: str, keep: Keep) -> None:
        super().__init__()
        self.text = text
        self.keep = keep

    def compose(self) -> ComposeResult:
        with Vertical(id="resolve"):
            yield Static(PRIVACY_COVER, classes="privacy-cover")
            with VerticalGroup(classes="private-content"):  # covered while names are hidden (F4)
                yield Static(f"[b]{escape(self.text)}[/b]\nHow did it go?")
                yield Select(CHOICES, value=SuggestionStatus.FOLLOWED.value, allow_blank=False, id="status")
                yield TextField(placeholder="a note (optional), enter saves", id="note")
            with Horizontal(id="resolve-buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#status", Select).focus()

    @on(Input.Submitted, "#note")
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        answer = (str(self.query_one("#status", Select).value), self.query_one("#note", Input).value.strip())
        self.keep(answer, lambda _saved: self.dismiss(answer))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
