"""The app's side of data safety: read-only banner, reload keys, crash reports without data.

A mixin so app.py stays about wiring screens; ``SponsorDeskApp`` declares the
``app.reload`` binding (ctrl+r). The reading itself happens off the UI
thread (loading.py).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from textual import events

from sponsordesk.crash import safe_traceback
from sponsordesk.tui.sync_notice import showing_kept_versions
from sponsordesk.wording.sync import open_elsewhere_title

if TYPE_CHECKING:
    from sponsordesk.desk import Desk


class DataSafety:
    """Mixed into SponsorDeskApp (a Textual App with ``desk`` and ``refresh_all``)."""

    desk: "Desk"

    elsewhere: list = []
    """The other computers' "open here" markers last found (sync_notice.py); the header names them."""

    def show_sub_title(self) -> None:
        """The header's sub-title, from one place: the version or "read-only", then where else it is open."""
        base = "read-only" if self.desk.read_only_reason else self.SUB_TITLE  # type: ignore[attr-defined]
        title = open_elsewhere_title(self.elsewhere)
        self.sub_title = f"{base} · {title}" if title else base  # type: ignore[attr-defined]

    def show_read_only(self) -> None:
        """Say once, and with a banner on every screen, that this window cannot save (when it cannot)."""
        reason = self.desk.read_only_reason
        if not reason:
            return
        self.show_sub_title()
        self.notify(reason, title="Read-only", severity="warning", timeout=20, markup=False)
        for screen in self.screen_stack:
            show = getattr(screen, "show_read_only", None)  # data screens; modals go without
            if show is not None:
                show()

    def still_opening(self, doing: str = "That") -> None:
        """Say that the notebook is still being read (its rows may already show, from the index)."""
        self.notify(f"{doing} can wait a moment: your notebook is still opening.", timeout=4)

    def writable(self, doing: str) -> bool:
        """True if this window may save; else say so (read-only) and change nothing.

        Write keys ask first, so nobody fills in a form or sees a change on
        screen that a read-only window could never save. ``doing``: "Adding a sponsee".
        """
        if not self.desk.loaded:
            self.still_opening(doing)
            return False
        if not self.desk.read_only:
            return True
        reason = self.desk.read_only_reason or "Read-only: this window cannot save changes."
        self.notify(f"{doing} needs a window that can save; nothing was changed.\n{reason}",
                    title="Read-only window", severity="warning", timeout=10, markup=False)
        return False

    def now_writable(self) -> None:
        """The other window closed and this one took the lock: the banners go."""
        self.show_sub_title()
        self.clear_notifications()  # the "read-only" one no longer holds
        for screen in self.screen_stack:
            # by its type's name: the banner's module is imported only by a window that shows one (about 1 ms
            # of every start otherwise)
            for banner in screen.query("ReadOnlyBanner"):
                banner.remove()

    def action_reload(self) -> None:
        self.reload_data()

    def on_app_focus(self, event: events.AppFocus) -> None:
        # Back from an editor, a sync or another window: show what is on disk now.
        self.reload_data(quiet=True)

    def report_notices(self) -> None:
        if showing_kept_versions(self):  # type: ignore[arg-type]
            return  # said when it closes: at 80x24 a toast covered its buttons (sync_notice.py)
        for notice in self.desk.notices:
            self.notify(notice, timeout=10, markup=False)
        self.desk.notices.clear()

    def _fatal_error(self) -> None:
        # Textual's own crash report prints local variables, which would put
        # a sponsee's name or notes on the terminal; ours shows code lines only.
        self.bell()
        self._exit_renderables.append(safe_traceback(*sys.exc_info()))
        self._close_messages_no_wait()

