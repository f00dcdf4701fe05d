"""The footer every screen uses: tighter on narrow terminals, so help and quit fit at 80 columns."""

from __future__ import annotations

from textual.events import Resize
from textual.widgets import Footer

COMPACT_BELOW = 120
"""Below this width keys sit one space apart and ctrl+p (also in help) leaves the footer."""


class DeskFooter(Footer):
    """Textual's footer, compact below ``COMPACT_BELOW`` columns."""

    def __init__(self) -> None:
        narrow = self.app.size.width < COMPACT_BELOW
        # Fitted to the terminal from the first frame: waiting for the first resize showed
        # ctrl+p on 80 columns for as long as the notebook took to open.
        super().__init__(compact=narrow, show_command_palette=not narrow)

    def on_resize(self, event: Resize) -> None:
        narrow = event.size.width < COMPACT_BELOW
        if narrow != self.compact:
            self.compact = narrow
            self.show_command_palette = not narrow
            self.call_after_refresh(self.recompose)
