"""Reading the data folder off the UI thread: the first opening, reloads on focus and ctrl+r.

The slow parts (start-up chores: temp files, migrations, the day's backup;
then every sponsee's files) run in a thread worker and change nothing on the
desk; what they found is applied here, on the UI thread, so no widget and no
desk field is touched from two threads. The permission check (a stat of every
file and folder) waits until a moment after the first reading
(``_check_permissions``): it only reads, and nothing the reading shows
depends on it.

One read at a time: a reload asked for while one runs is done after it, so
a worker is never cancelled halfway through its chores and no result is
dropped. A save that lands while a read is under way makes that reading
stale (``Desk.is_current``), and it is read again instead of applied: a
reload never brings back what a save has just replaced.

A mixin so app.py stays about wiring screens; ``SponsorDeskApp`` calls
``glance_first`` then ``open_desk`` before its first frame.
"""

from __future__ import annotations

import gc
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import work
from textual.worker import Worker, WorkerState

from sponsordesk import model
from sponsordesk.tui.sync_notice import MARKER_GROUP, after_reading, show_elsewhere

if TYPE_CHECKING:
    from sponsordesk.desk import Desk
    from sponsordesk.desk.desk import Applied, Reading
    from sponsordesk.desk.desk import StartResult
    from sponsordesk.desk.errors import Problem

OPEN, RELOAD, QUIET = "open", "reload", "quiet"
"""Why the folder is read: the first opening, ctrl+r (says what it found), back in focus (speaks only of changes)."""

GROUP = "data-folder"
PERMISSIONS_GROUP = "permissions"
MODELS_GROUP = "models"

WARM_UP_AFTER = 0.5
"""Seconds after the notebook opened before the models are built and the permissions checked in the
background (``_load_models``, ``_check_permissions``)."""


@dataclass(frozen=True)
class FolderRead:
    """What one worker did: the chores' findings (when it ran them) and the folder as read."""

    why: str
    started: "StartResult | None"
    reading: "Reading"
    elsewhere: list
    """Other computers' "open here" markers, listed after this one's was written (at the first opening)."""


class DeskLoading:
    """Mixed into SponsorDeskApp (a Textual App with ``desk``, ``refresh_all`` and the DataSafety mixin)."""

    desk: "Desk"

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._chores = threading.Lock()
        """Held while start-up chores change files: the lock is not let go under them on quit."""
        self._reading: Worker | None = None
        self._again: str | None = None
        """A reload asked for while a read was under way, done after it."""
        self._writer = False
        """This window took the folder's lock at start (``glance_first``)."""
        self._left = False
        """The window lost the focus while the notebook was opening (``on_app_blur``)."""
        self.permissions_checked = False
        """The opening's permission check is done (``_check_permissions``); tests wait for it."""
        self._listing: list[str] | None = None
        """The data folder as the opening's chores listed it, for the permission check a moment later."""
        self._early: Worker.StateChanged | None = None
        """The first reading, when it was done before the roster (the app's first screen, put together beside
        the app's own start) had mounted: applied once it has (``roster_mounted``)."""

    def glance_first(self) -> None:
        """Before the first frame: become the folder's writer if no other window is, and take the roster
        from the index if it still holds, so the first frame shows who needs a call (``open_desk`` then
        starts reading the files)."""
        # The lock is taken here, not in the worker: it belongs to the thread that
        # lets it go again on quit (filelock's locks, where the lock is filelock's, are per thread: store/lock.py).
        self._writer = self.desk.take_lock()
        # The index answers in a few milliseconds where reading the files took hundreds at a thousand
        # sponsees: who needs a call shows at once, and the keys wait (greyed) until the files are read.
        # No collection while it is parsed: a megabyte of JSON at a thousand sponsees is tens of
        # thousands of new objects, and collections walking them made the glance half as slow again.
        collecting = gc.isenabled()
        gc.disable()
        try:
            glanced = self.desk.take_glance()
        finally:
            if collecting:
                gc.enable()
        # made again by this reading; not paid for when this machine's just answered (another id's did: this
        # machine's cache folder was emptied, and its own is made now, so the next start finds it)
        self.desk.makes_index = not glanced or self.desk.glance.quick.adopted

    def open_desk(self) -> None:
        """Read everything in a worker, from now on; after the first frame, say so if this window cannot save.

        Started before the first frame, not after it: the worker's waits on the disk (listing folders,
        stat, reading files) go on while the UI thread lays out and paints the roster from the index (or
        "Opening your notebook…"), and a small notebook is often read before that frame, which then shows
        it as it is. Started after it, the two ran one after the other: about 35 ms more to a settled roster
        at 100 sponsees (timed in one process, idle; none at 1,000, where both are mostly the processor's)."""
        self._start_read(OPEN, chores=self._writer)
        if not self._writer:
            self.call_after_refresh(self.show_read_only)  # type: ignore[attr-defined]  # on the screen's banner

    def reload_data(self, quiet: bool = False) -> None:
        """Pick up outside changes: re-read the folder in a worker and redraw every screen."""
        why = QUIET if quiet else RELOAD
        if not self.desk.loaded:
            # The first reading is under way. After a glance it may take the glance's check of every folder,
            # made before this was asked (Desk._glance_stands): read again once it is applied. A focus only
            # after the window was left: a terminal may say it has the focus as the app starts.
            if self.desk.glancing and (why == RELOAD or self._left):
                self._again = RELOAD if RELOAD in (why, self._again) else QUIET
            return
        if self._reading is not None:
            self._again = RELOAD if RELOAD in (why, self._again) else QUIET
            return
        writer = self.desk.retake_lock()
        if writer:
            self.now_writable()  # type: ignore[attr-defined]
        self._start_read(why, chores=writer)

    def on_app_blur(self, event: object) -> None:
        if not self.desk.loaded:
            self._left = True  # to an editor, maybe: the focus coming back while opening asks for a reading

    @property
    def reading_folder(self) -> bool:
        """True while the data folder is being read (the first opening or a reload)."""
        return self._reading is not None

    def _start_read(self, why: str, chores: bool) -> None:
        self._reading = self._read_folder(why, chores)

    @work(thread=True, exclusive=True, group=GROUP, name="reading the data folder")
    def _read_folder(self, why: str, chores: bool) -> FolderRead:
        # The first reading makes tens of thousands of objects that all live on; the collector would walk
        # them again and again while they are built. Off while it reads, then everything start-up made is
        # set aside (frozen), so later collections skip it: the 5,000-entry log opened in 90 ms, not 150.
        quiet_collector = why == OPEN and gc.isenabled()
        if quiet_collector:
            gc.disable()
        try:
            started = None
            if chores:
                with self._chores:
                    # the first opening leaves the permission check to _check_permissions, after it
                    started = self.desk.start_chores(check_permissions=why != OPEN)
            # the first reading takes the glance's check of every folder for its own when the chores wrote
            # nothing since (the desk says why that is safe: Desk._glance_stands)
            unchanged = why == OPEN and (started is None or not started.wrote)
            reading = self.desk.read(unchanged_since_glance=unchanged)
            self.desk.tell_apart(reading.records)  # here, not on the UI thread when the first name is asked for
            if why == OPEN:
                self.desk.mark_open()  # for the other machines: open here (sync_notice.py keeps it fresh)
            return FolderRead(why, started, reading, self.desk.open_elsewhere())
        finally:
            if quiet_collector:
                gc.freeze()
                gc.enable()

    def found_in_files(self, broken: bool) -> None:
        """``Desk.found_in_files``: a sponsee shown from the index, read in full for a card or a screen, whose
        files say otherwise. Everything is drawn again after this message (it may come mid-draw), and said."""
        self.call_later(self._show_found, broken)  # type: ignore[attr-defined]

    def _show_found(self, broken: bool) -> None:
        self.refresh_all()  # type: ignore[attr-defined]
        if broken:
            self.report_problems()  # type: ignore[attr-defined]
        else:
            self.notify("Picked up changes made outside sponsordesk.", timeout=4)  # type: ignore[attr-defined]

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if not self.is_running:  # type: ignore[attr-defined]
            return  # quitting: the screens are being taken down (a reading may finish while the app closes)
        if event.worker.group == MARKER_GROUP and event.state == WorkerState.SUCCESS:
            show_elsewhere(self, event.worker.result, announce=False)  # type: ignore[arg-type]
        if event.worker.group == PERMISSIONS_GROUP and event.state in (WorkerState.SUCCESS, WorkerState.ERROR):
            found = event.worker.result if event.state == WorkerState.SUCCESS else None
            if found:
                self.desk.note_permissions(found)  # type: ignore[arg-type]
            # every warning of the opening, this check's with them: one "Worth a look", as before it waited
            self.report_problems(severities=("warning",))  # type: ignore[attr-defined]
            self.permissions_checked = True
        if event.worker.group == MODELS_GROUP and event.state == WorkerState.SUCCESS and model.all_loaded():
            self.models_built()
        if event.worker.group != GROUP or event.state != WorkerState.SUCCESS:
            return
        if not self.screen_stack[0].is_mounted:  # type: ignore[attr-defined]
            self._early = event  # no screen is drawn from a reading before it has mounted
            return
        found: FolderRead = event.worker.result  # type: ignore[assignment]
        if found.started is not None:
            self.desk.note_start(found.started)
            if found.why == OPEN:
                self._listing = found.started.tree
        if not self.desk.is_current(found.reading):
            self._start_read(found.why, chores=False)  # a save landed meanwhile: read the files as they are now
            return
        self._reading = None
        glanced = self.desk.glancing
        changed = self.desk.apply(found.reading)
        if not self.desk.ended_later and self.desk.ended_pending and self._again is None:
            self._again = QUIET  # E was pressed after this reading had passed the ended sponsorships by
        if found.why == OPEN:
            self._opened(found.elsewhere, redraw=not glanced or bool(changed) or self._to_say())
        else:
            self._reloaded(changed, found.elsewhere, quiet=found.why == QUIET)
        again, self._again = self._again, None
        if again is not None:
            self.reload_data(quiet=again == QUIET)

    def roster_mounted(self) -> None:
        """The roster has mounted: apply the first reading if it was done before."""
        event, self._early = self._early, None
        if event is not None:  # this class's handler only: ReportWriting's has already had the event
            DeskLoading.on_worker_state_changed(self, event)

    def _to_say(self) -> bool:
        """Whether the first reading left something to say (a problem, a notice: files the chores or a merge
        changed): the screens are drawn again for it, whatever the glance showed."""
        return bool(self.desk.problems or self.desk.notices)

    def _opened(self, elsewhere: list, redraw: bool) -> None:
        # Every later reading (ctrl+r, back in focus) makes the index again, off the UI thread: after this
        # window's saves and outside edits, it is what lets the next start show the roster at once.
        self.desk.makes_index = True
        if redraw:
            self.refresh_all()  # type: ignore[attr-defined]
        else:
            # The files say what the glance showed: the rows and the agenda stand as drawn (computing them
            # again was about 30 ms at 1,000 sponsees); what waited for the files is drawn (the card).
            self.show_opened()  # type: ignore[attr-defined]
        self.refresh_bindings()  # type: ignore[attr-defined]  # the keys, greyed while opening, now act
        after_reading(self, elsewhere, start=True)  # type: ignore[arg-type]  # sync: open elsewhere, versions a merge kept
        # after: the kept versions' window says those. The warnings wait for the permission check (half a
        # second, _check_permissions), to be said with what it finds, in one notification
        self.report_problems(severities=("error",) if self._writer else ("error", "warning"))  # type: ignore[attr-defined]
        self.report_notices()  # type: ignore[attr-defined]
        self.set_timer(WARM_UP_AFTER, self._warm_up)  # type: ignore[attr-defined]

    def _warm_up(self) -> None:
        if not self.is_running:  # type: ignore[attr-defined]
            return
        if self._writer:
            listing, self._listing = self._listing, None
            self._check_permissions(listing)
        # on the UI thread: a screen that opened meanwhile (and built them) is done by now
        if not model.all_loaded():
            self._load_models()
        else:
            self.models_built()

    @work(thread=True, group=PERMISSIONS_GROUP, name="checking who can read the data folder",
          exit_on_error=False)
    def _check_permissions(self, listing: list[str] | None) -> "list[Problem]":
        """Files and folders other users can read (``Desk.loose_permissions``), with the listing the opening's
        chores made: left out of those chores, where a stat of every entry was about 40 ms of a start at a
        thousand sponsees, before the keys worked. It only reads. A failure says nothing (the next start,
        and `sponsordesk doctor`, check again)."""
        return self.desk.loose_permissions(listing)

    @work(thread=True, group=MODELS_GROUP, name="building the models", exit_on_error=False)
    def _load_models(self) -> None:
        """Build the pydantic models while the sponsor reads the agenda. The start never needs them (the
        roster comes from the index and plain records), but the first card, board, log or form did, and
        waited for them: about 130 ms at large on a slow machine. A moment after opening, off the UI thread
        (keys are still handled meanwhile), a screen opened later finds them built; one opened sooner
        builds them as before, and this finds them there. A failure here is left to that screen to report."""
        try:
            model.load_all()
            if self._writer:
                self.desk.load_saving()  # and the save's modules: the first save does not wait for them either
        except Exception:  # noqa: BLE001 - nothing on screen waits for this; the screen that needs it reports it
            pass

    def models_built(self) -> None:
        """Each screen drawn from plain readings while the models were not built draws itself from them."""
        for screen in self.screen_stack:  # type: ignore[attr-defined]
            built = getattr(screen, "models_built", None)
            if built is not None:
                built()

    def _reloaded(self, changed: "Applied", elsewhere: list, quiet: bool) -> None:
        self.refresh_all()  # type: ignore[attr-defined]
        after_reading(self, elsewhere, asked=not quiet)  # type: ignore[arg-type]  # sync: open elsewhere, versions kept
        self.report_notices()  # type: ignore[attr-defined]  # after: held while the versions' window is open
        if changed or not quiet:  # ctrl+r asked: say again what does not load, even if it did before
            self.report_problems()  # type: ignore[attr-defined]
        if changed.records and quiet:  # not for an ended sponsorship's file found broken when first read (E)
            self.notify("Picked up changes made outside sponsordesk.", timeout=4)  # type: ignore[attr-defined]
        elif not quiet:
            self.notify("Reloaded from disk." if changed else "Reloaded: nothing changed on disk.",  # type: ignore[attr-defined]
                        timeout=3)

    def on_unmount(self) -> None:
        # Chores under way (a migration, the backup) finish before another window may write.
        with self._chores:
            self.desk.close()
