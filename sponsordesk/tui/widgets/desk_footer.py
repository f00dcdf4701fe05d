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
from textual.widgets._footer import FooterKey  # not exported; its enabled look is switched in place

COMPACT_BELOW = 120
"""Below this width keys sit one space apart and ctrl+p (also in help) leaves the footer."""


class DeskFooter(Footer):
    """Textual's footer, compact below ``COMPACT_BELOW`` columns, rebuilt only when its keys change."""

    def __init__(self) -> None:
        narrow = self.app.size.width < COMPACT_BELOW
        # Fitted to the terminal from the first frame: waiting for the first resize showed
        # ctrl+p on 80 columns for as long as the notebook took to open.
        super().__init__(compact=narrow, show_command_palette=not narrow)
        self._composed: tuple[tuple[Any, ...], dict[str, bool]] | None = None
        """What the keys on show were built from (``_shown``), None before the first build."""

    def _shown(self) -> tuple[tuple[Any, ...], dict[str, bool]]:
        """What Footer.compose builds its keys from, as it reads it: the first binding shown for each
        action (a second key for the same action is not shown), and the palette's key. Apart: whether each
        key is enabled, by key."""
        app = self.app
        first: dict[str, tuple[Any, ...]] = {}
        enabled_by_key: dict[str, bool] = {}
        for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items():
            if not (binding.show or key == app.COMMAND_PALETTE_BINDING) or binding.action in first:
                continue
            first[binding.action] = (key, binding.key, app.get_key_display(binding), binding.description,
                                     binding.group, binding.show, binding.tooltip, tooltip)
            enabled_by_key[binding.key] = enabled
        shape = (self._bindings_ready, self.show_command_palette, self.compact, app.ENABLE_COMMAND_PALETTE,
                 tuple(first.items()))
        return shape, enabled_by_key

    def compose(self) -> ComposeResult:
        # Textual's footer waits for the screen's first word on its bindings, so the screen was laid out
        # and painted once without keys, then again with them. They are known now (the screen composes this
        # footer): built with the screen, the rebuild Textual asks for finds the same keys (recompose).
        if not self._bindings_ready and self.is_attached:
            self.set_reactive(Footer._bindings_ready, True)
        self._composed = self._shown()
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                # A key starts compact (FooterKey's default) and takes the footer's look when bound to it,
                # each change a new styling of the key: 17 at start on a wide terminal. Given its final look
                # from the start, neither changes anything. The palette's key is not bound to the footer and
                # stays compact, as Textual leaves it.
                compact = self.compact or widget.has_class("-command-palette")
                widget.set_reactive(FooterKey.compact, compact)
                widget.set_class(compact, "-compact", update=False)
            yield widget

    async def recompose(self) -> None:
        # Textual asks for a rebuild on every refresh of the bindings, most of which change nothing shown,
        # and the rest mostly only whether a key is enabled (the notebook opened, a row was chosen): that
        # is a class on the key, not a rebuild and a new layout of the whole screen (35 ms at 1,000 sponsees).
        if not self.is_attached or self._composed is None:
            await super().recompose()
            return
        shape, enabled = self._shown()
        if shape != self._composed[0]:
            await super().recompose()
        elif enabled != self._composed[1]:
            self._enable_in_place(enabled)
            self._composed = (shape, enabled)

    def _enable_in_place(self, enabled: dict[str, bool]) -> None:
        for footer_key in self.query(FooterKey):
            now = enabled.get(footer_key.key)
            if now is None:
                continue
            # FooterKey keeps it in _disabled (a click rings the bell) and shows it by this class
            footer_key._disabled = not now
            footer_key.set_class(not now, "-disabled")

    def on_resize(self, event: Resize) -> None:
        narrow = event.size.width < COMPACT_BELOW
        if narrow != self.compact:
            self.compact = narrow
            self.show_command_palette = not narrow
            self.call_after_refresh(self.recompose)
