"""The app's side of data safety: read-only banner, reloads, crash reports without data.

A mixin so app.py stays about wiring screens; ``SponsorDeskApp`` declares the
``app.reload`` binding (ctrl+r) and calls ``watch_data_safety`` on mount.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from textual import events
from textual.screen import ModalScreen, Screen

from sponsordesk.crash import safe_traceback
from sponsordesk.tui.sync_notice import after_reading
from sponsordesk.tui.widgets.read_only_banner import ReadOnlyBanner

if TYPE_CHECKING:
    from sponsordesk.desk import Desk


class DataSafety:
    """Mixed into SponsorDeskApp (a Textual App with ``desk`` and ``refresh_all``)."""

    desk: "Desk"

    def watch_data_safety(self) -> None:
        """Start showing the read-only banner on every screen, if this window is read-only."""
        self.screen_change_signal.subscribe(self, self._on_screen_change)
        if self.desk.read_only_reason:
            self.sub_title = "read-only"
            self.notify(self.desk.read_only_reason, title="Read-only", severity="warning", timeout=20, markup=False)

    def writable(self, doing: str) -> bool:
        """True if this window may save; else say so (read-only) and change nothing.

        Write keys ask first, so nobody fills in a form or sees a change on
        screen that a read-only window could never save. ``doing``: "Adding a sponsee".
        """
        if not self.desk.read_only:
            return True
        reason = self.desk.read_only_reason or "Read-only: this window cannot save changes."
        self.notify(f"{doing} needs a window that can save; nothing was changed.\n{reason}",
                    title="Read-only window", severity="warning", timeout=10, markup=False)
        return False

    def on_unmount(self) -> None:
        self.desk.close()  # let the next window write

    def _on_screen_change(self, screen: Screen) -> None:
        if self.desk.read_only_reason and not isinstance(screen, ModalScreen):
            self.call_after_refresh(ReadOnlyBanner.show_on, screen, self.desk.read_only_reason)

    def _on_writable(self) -> None:
        self.sub_title = self.SUB_TITLE
        self.clear_notifications()  # the "read-only" one no longer holds
        for screen in self.screen_stack:
            for banner in screen.query(ReadOnlyBanner):
                banner.remove()

    def reload_data(self, quiet: bool = False) -> None:
        """Pick up outside changes: re-read the folder and redraw every screen."""
        was_read_only = bool(self.desk.read_only_reason)
        changed = self.desk.reload()
        if was_read_only and not self.desk.read_only_reason:
            self._on_writable()
        self.refresh_all()
        self.report_notices()
        after_reading(self, asked=not quiet)  # sync: open elsewhere, versions a merge kept
        if changed:
            self.report_problems()
        if changed and quiet:
            self.notify("Picked up changes made outside sponsordesk.", timeout=4)
        elif not quiet:
            self.notify("Reloaded from disk." if changed else "Reloaded: nothing changed on disk.", timeout=3)

    def action_reload(self) -> None:
        self.reload_data()

    def on_app_focus(self, event: events.AppFocus) -> None:
        # Back from an editor, a sync or another window: show what is on disk now.
        self.reload_data(quiet=True)

    def report_notices(self) -> None:
        for notice in self.desk.notices:
            self.notify(notice, timeout=10, markup=False)
        self.desk.notices.clear()

    def _fatal_error(self) -> None:
        # Textual's own crash report prints local variables, which would put
        # a sponsee's name or notes on the terminal; ours shows code lines only.
        self.bell()
        self._exit_renderables.append(safe_traceback(*sys.exc_info()))
        self._close_messages_no_wait()

