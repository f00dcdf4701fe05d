"""The banner a read-only window shows on every screen, saying why."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Header, Static


class ReadOnlyBanner(Static):
    """Docked at the top, under the header; styled in app.tcss."""

    @classmethod
    def show_on(cls, screen: Screen, reason: str) -> None:
        if not screen.is_attached or screen.query(cls):
            return
        banner = cls(reason, id="read-only-banner", markup=False)
        banner.set_class(bool(screen.query(Header)), "-under-header")
        screen.mount(banner)
