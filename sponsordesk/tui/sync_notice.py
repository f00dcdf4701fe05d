"""The app's side of syncing: "open elsewhere" at start and in the header, and the versions a merge kept.

``after_reading`` is called by the app each time the desk has read the data
folder (at start, on ctrl+r and on focus), after the desk merged any sync
tool's conflict copies. It never blocks: the notice is a notification and a
few words in the header; kept versions open a dialog that "Later" closes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import ModalScreen

from sponsordesk.desk.syncing import MARK_EVERY_SECONDS
from sponsordesk.wording.sync import open_elsewhere_notice, open_elsewhere_title

if TYPE_CHECKING:
    from sponsordesk.tui.app import SponsorDeskApp


def after_reading(app: "SponsorDeskApp", *, start: bool = False, asked: bool = False) -> None:
    """Say where else the notebook is open, and show versions kept by a merge (new ones, or when ``asked``)."""
    desk = app.desk
    if start:
        desk.mark_open()
        app.set_interval(MARK_EVERY_SECONDS, lambda: _tick(app), name="sync-marker")
    _elsewhere(app, announce=start)
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
    app.desk.mark_open()  # still open here, for the other machines
    _elsewhere(app, announce=False)


def _elsewhere(app: "SponsorDeskApp", announce: bool) -> None:
    desk = app.desk
    markers = desk.open_elsewhere()
    names = tuple(m.name for m in markers)
    before = getattr(app, "_elsewhere", ())
    app._elsewhere = names  # type: ignore[attr-defined]
    base = "read-only" if desk.read_only_reason else app.SUB_TITLE
    title = open_elsewhere_title(markers)
    app.sub_title = f"{base} · {title}" if title else base
    if markers and (announce or set(names) - set(before)):
        app.notify(open_elsewhere_notice(markers, desk.today), title="Open on another computer",
                   severity="warning", timeout=15, markup=False)
