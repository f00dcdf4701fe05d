"""Below 80x24 the app says so, and what size it needs, instead of cutting the footer to "f1 Hel".

A mixin so app.py stays about wiring. The notice is a screen over everything
else; whatever was open (a form half typed) is still there when the window
grows again.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static

MIN_WIDTH, MIN_HEIGHT = 80, 24


def too_small_text(width: int, height: int) -> str:
    return (f"This terminal is {width}x{height}.\n\nsponsordesk needs at least {MIN_WIDTH} columns and "
            f"{MIN_HEIGHT} lines: make the window larger, or the font smaller.\n\n"
            "Nothing is lost meanwhile. ctrl+q quits.")


class TooSmallScreen(ModalScreen[None]):
    """Covers the app while the terminal is below the size it needs (styled in app.tcss)."""

    HELP_TITLE = "A small terminal"
    HELP = "The terminal is smaller than sponsordesk needs; it comes back as it was once the window is larger."

    def compose(self) -> ComposeResult:
        yield Static(id="too-small")

    def show(self, width: int, height: int) -> None:
        self.query_one("#too-small", Static).update(too_small_text(width, height))


class SmallTerminal:
    """Mixed into SponsorDeskApp (a Textual App)."""

    def on_resize(self, event: events.Resize) -> None:
        small = event.size.width < MIN_WIDTH or event.size.height < MIN_HEIGHT
        screen = self.screen  # type: ignore[attr-defined]
        if small and not isinstance(screen, TooSmallScreen):
            notice = TooSmallScreen()
            self.push_screen(notice)  # type: ignore[attr-defined]
            self.call_after_refresh(notice.show, event.size.width, event.size.height)  # type: ignore[attr-defined]
        elif small:
            screen.show(event.size.width, event.size.height)
        elif isinstance(screen, TooSmallScreen):
            screen.dismiss()
