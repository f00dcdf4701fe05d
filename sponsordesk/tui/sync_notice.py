"""The app's side of syncing: "open elsewhere" at start and in the header, and the versions a merge kept.

``after_reading`` is called by the app each time the desk has read the data
folder (at start, on ctrl+r and on focus), after the desk merged any sync
tool's conflict copies. It never blocks: the notice is a notification and a
few words in the header; kept versions open a dialog that "Later" closes.
The marker files are written and listed in threads (the reading worker, then
a worker every few minutes), never on the UI thread.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from textual.screen import ModalScreen

from sponsordesk.desk.syncing import MARK_EVERY_SECONDS
from sponsordesk.wording.sync import open_elsewhere_notice

if TYPE_CHECKING:
    from sponsordesk.tui.app import SponsorDeskApp


MARKER_GROUP = "sync-marker"

KEPT_VERSIONS_DIALOG = "sponsordesk.tui.dialogs.sync_conflicts"


def showing_kept_versions(app: "SponsorDeskApp") -> bool:
    """Whether the kept versions' window is the current screen. Asked at every start (notices, problems): the
    dialog's module is imported only when it is shown, so while it is not loaded the screen cannot be the
    dialog, and importing it just to ask was 1-3 ms of a start."""
    dialog = sys.modules.get(KEPT_VERSIONS_DIALOG)
    return dialog is not None and isinstance(app.screen, dialog.KeptVersionsScreen)


def after_reading(app: "SponsorDeskApp", elsewhere: list, *, start: bool = False, asked: bool = False) -> None:
    """Say where else the notebook is open (``elsewhere``: the markers the reading worker found), and show
    versions kept by a merge (new ones, or when ``asked``)."""
    desk = app.desk
    if start:
        app.set_interval(MARK_EVERY_SECONDS, lambda: _tick(app), name="sync-marker")
    show_elsewhere(app, elsewhere, announce=start)
    kept = desk.kept_versions()
    seen: set = getattr(app, "_kept_shown", set())
    keys = {(k.file, k.kept.key) for k in kept}
    if not kept:
        app._kept_shown = keys  # type: ignore[attr-defined]
    elif (start or asked or not keys <= seen) and not isinstance(app.screen, ModalScreen):
        from sponsordesk.tui.dialogs.sync_conflicts import KeptVersionsScreen

        # seen only once shown: with a form (or the too-small notice) up, the window waits for the next reading
        app._kept_shown = keys  # type: ignore[attr-defined]
        app.push_screen(KeptVersionsScreen(kept), lambda _: app.report_notices())  # the merge's news, after


def _tick(app: "SponsorDeskApp") -> None:
    # In a thread: the marker lives in the data folder, which a sync tool or a network disk may hold up.
    desk = app.desk

    def refresh_marker() -> list:
        desk.mark_open()  # still open here, for the other machines
        return desk.open_elsewhere()

    app.run_worker(refresh_marker, thread=True, group=MARKER_GROUP, exclusive=True, name="the open-here marker")


def show_elsewhere(app: "SponsorDeskApp", markers: list, announce: bool) -> None:
    """The header says which other computers have the notebook open; a notification when one is new."""
    names = tuple(m.name for m in markers)
    before = tuple(m.name for m in app.elsewhere)
    app.elsewhere = markers
    app.show_sub_title()
    if markers and (announce or set(names) - set(before)):
        app.notify(open_elsewhere_notice(markers, app.desk.today), title="Open on another computer",
                   severity="warning", timeout=15, markup=False)
