"""The footer every screen uses: tighter on narrow terminals, so help and quit fit at 80 columns.

It is also rebuilt only when what it shows changes. Textual's footer rebuilds
its keys (a dozen widgets, 5-12 ms each time) whenever the screen's bindings
are refreshed, and at start-up that happened six times for the same keys:
about 50 ms of the roster's first second at 100 sponsees.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.events import Resize
from textual.widgets import Footer

COMPACT_BELOW = 120
"""Below this width keys sit one space apart and ctrl+p (also in help) leaves the footer."""


class DeskFooter(Footer):
    """Textual's footer, compact below ``COMPACT_BELOW`` columns, rebuilt only when its keys change."""

    def __init__(self) -> None:
        narrow = self.app.size.width < COMPACT_BELOW
        # Fitted to the terminal from the first frame: waiting for the first resize showed
        # ctrl+p on 80 columns for as long as the notebook took to open.
        super().__init__(compact=narrow, show_command_palette=not narrow)
        self._composed: tuple[Any, ...] | None = None
        """What the keys on show were built from (``_shown``), None before the first build."""

    def _shown(self) -> tuple[Any, ...]:
        """Everything Footer.compose reads, so equal values build the same keys."""
        app = self.app
        keys = tuple(
            (key, binding.key, app.get_key_display(binding), binding.description, binding.action, binding.group,
             binding.show, binding.tooltip, enabled, tooltip)
            for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == app.COMMAND_PALETTE_BINDING
        )
        return (self._bindings_ready, self.show_command_palette, self.compact, app.ENABLE_COMMAND_PALETTE, keys)

    def compose(self) -> ComposeResult:
        self._composed = self._shown()
        yield from super().compose()

    async def recompose(self) -> None:
        # Textual asks for a rebuild on every refresh of the bindings, most of which change nothing shown.
        if self.is_attached and self._composed is not None and self._shown() == self._composed:
            return
        await super().recompose()

    def on_resize(self, event: Resize) -> None:
        narrow = event.size.width < COMPACT_BELOW
        if narrow != self.compact:
            self.compact = narrow
            self.show_command_palette = not narrow
            self.call_after_refresh(self.recompose)
