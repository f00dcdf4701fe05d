"""A yes/no question before anything is removed or ended."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.content import Content
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from sponsordesk.tui.screens.base import DeskModal


Question = str | Content


class ConfirmScreen(DeskModal[bool]):
    """Dismisses with True (confirmed) or False; escape and n say no."""

    HELP_TITLE = "A question first"
    HELP = ("sponsordesk asks before anything is removed, ended or corrected: y answers yes; n or escape, no.")

    CSS_PATH = "confirm.tcss"
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: Question | Callable[[], Question], yes: str = "Yes", no: str = "Cancel") -> None:
        """``question``: a callable when it names someone or quotes a note, so F4 pressed while it is open
        masks it at once (it is asked again on every redraw)."""
        super().__init__()
        self._asked, self.yes, self.no = question, yes, no

    @property
    def question(self) -> Question:
        """The question as it reads now (names as initials while hidden)."""
        return self._asked() if callable(self._asked) else self._asked

    def _shown(self) -> Content:
        # plain text, never markup: a note or a name typed with brackets ("slipped [after the wedding]") shows
        # as typed, and one with "[/]" cannot stop the app
        question = self.question
        return Content(question) if isinstance(question, str) else question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static(self._shown(), id="question")
            with Horizontal(id="buttons"):
                yield Button(f"{self.yes} (y)", id="yes", variant="error")
                yield Button(f"{self.no} (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def refresh_data(self) -> None:
        if callable(self._asked):
            self.query_one("#question", Static).update(self._shown())
        super().refresh_data()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
