"""The desk: the loaded data, and the one door every change goes through.

No Textual here. Screens and commands read what they show from the desk
and change data only by calling its operations (desk/profiles.py,
desk/steps.py, desk/contacts.py, desk/suggestions.py); each operation is one
all-or-nothing ``Store.commit`` of entry changes, merged into the files as
they are on disk. Records are replaced after every save or failed save,
never changed in place, so a screen can keep the record it showed as the
"before" of its next change.

Opening and reloading come in parts so the app can do the slow ones off
its UI thread: ``take_lock`` (quick, on the thread that will release it),
``start_chores`` and ``read`` (slow, any thread: they change nothing on the
desk), then ``note_start`` and ``apply`` back on the desk's own thread.
``Desk.open`` and ``reload`` do all of it in one call, for the commands.
"""

from __future__ import annotations

import os
import threading
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from sponsordesk.desk.context import Context
from sponsordesk.desk.glance import HIDDEN_NOTE, Glance, names_told_apart, shown_message, shown_name, shown_note
from sponsordesk.desk.contacts import ContactDesk
from sponsordesk.desk.profiles import ProfileDesk
from sponsordesk.desk.steps import StepDesk
from sponsordesk.desk.suggestions import SuggestionDesk
from sponsordesk.desk.syncing import SyncDesk
from sponsordesk.model import Program, SponseeRecord
from sponsordesk.model.plain import EndedName, SponseeState, initials_of
from sponsordesk.rules.agenda import Assessment, agenda_of, assess
from sponsordesk.store import ConflictError, Problem, Store, StoreError, backup, layout
from sponsordesk.store.changes import Change, keep_mine, keep_mine_moved, keep_theirs, keep_theirs_moved, moved_to
from sponsordesk.store.facts import recent_since, recent_start
from sponsordesk.store.index import quick_of
from sponsordesk.store.problems import Conflict
from sponsordesk.store.lock import DataLock
from sponsordesk.store.quick import QuickRecord
from sponsordesk.store.startup import StartResult, loose_permissions, start_writing
from sponsordesk.store.store import Commit

if TYPE_CHECKING:
    from sponsordesk.desk.undo import Undo  # imported by the first save, not at start (desk/contacts.py)
    from sponsordesk.model import Sponsee


LOCKED = ("Read-only: another sponsordesk window has this data folder open. "
          "Close it, then press ctrl+r here to make changes.")



@dataclass
class Saved:
    """What a desk operation wrote, in words a screen can show."""

    sponsee_id: str
    undo: Undo | None = None
    kept_outside: list[str] = field(default_factory=list)
    """Files (relative to the data folder) whose outside edits were kept in this save."""
    rewritten: list[str] = field(default_factory=list)
    """Files whose layout could not be kept (written whole: the data is right, comments are gone)."""
    wrote: bool = True
    """False when nothing was written (after a conflict, the file's version kept of all that changed)."""

    @property
    def note(self) -> str:
        """A sentence for the notification when outside edits were merged in or a layout was lost, else ''."""
        said = []
        if self.kept_outside:
            said.append(f"Changes made outside sponsordesk to {', '.join(self.kept_outside)} were kept too.")
        if self.rewritten:
            said.append(f"{', '.join(self.rewritten)} had a layout sponsordesk could not keep, so it was written "
                        "afresh: every value is there, but its comments are not.")
        return " ".join(said)


@dataclass(frozen=True)
class Applied:
    """What applying a reading changed: the records (an ended sponsorship read in full for the first time is
    no change unless its name or state changed), the problems (such a reading may find a file that does not
    load)."""

    records: bool
    problems: bool

    def __bool__(self) -> bool:
        return self.records or self.problems


@dataclass(frozen=True)
class Reading:
    """The data folder as ``Desk.read`` found it, to ``apply`` on the desk's own thread."""

    store: Store
    records: list[SponseeRecord]
    generation: int
    """The desk's generation when the reading began: a save since makes it stale."""
    synced: object = None
    """What merging the sync tools' conflict copies it found did (syncing.py), or None."""


@dataclass(eq=False, repr=False)  # never compared or printed; Python 3.11 compiles each method at import, every start
class Desk(ProfileDesk, StepDesk, ContactDesk, SuggestionDesk, SyncDesk):
    """The one door for every change: the notebook as read, and every operation a screen or command may do on it."""

    ctx: Context
    store: Store
    records: list[SponseeRecord] = field(default_factory=list)
    hidden: bool = False
    """Privacy screen: names show as initials and notes are masked."""
    lock: DataLock | None = None
    """Held while this desk may write: one writer per data folder."""
    read_only_reason: str = ""
    """Why this desk cannot save (empty when it can); the app shows it in a banner."""
    lock_error: str = ""
    """Why the lock could not be taken when that was not another sponsordesk (a read-only disk, a lock file
    that cannot be opened): a command says this rather than "the app has it open"."""
    notices: list[str] = field(default_factory=list)
    """One-off news for the user (a migration, the other window closing)."""
    startup_problems: list[Problem] = field(default_factory=list)
    """Found while opening: loose permissions, a backup or migration that failed."""

    loaded: bool = False
    """False until the data folder has been read once (the app shows "Opening your notebook…")."""
    generation: int = 0
    """Counts changes to ``records`` made here (saves, reloads), so a reading begun before one is known stale."""
    _glanced_at: int = field(default=-1, repr=False, compare=False)
    """``generation`` when the glance was taken (``_glance_stands``)."""
    _glanced_writing: bool = False
    """The glance was taken holding the folder's lock: no other sponsordesk could save into it since."""
    ended_later: bool = False
    """Read ended sponsorships' step boards, suggestions and contacts only when they are shown (the app, and
    ``today``): in a notebook kept for years most sponsees are ended, and they were most of a start's reading."""
    active_later: bool = False
    """With ``ended_later``, sponsorships not ended whose files still match the index are not read either
    (the app): their records are the index's (``QuickRecord``, ``partial``), which is all the roster and the
    agenda read; ``record`` reads a sponsee's files when a screen shows or changes more."""
    found_in_files: Callable[[bool], None] | None = field(default=None, repr=False, compare=False)
    """Told when reading a sponsee the roster showed from the index (``record``, ``read_in_full``) found what it
    shows changed in their files (True: a file of theirs no longer loads): the app redraws every screen and
    says so, so the Today panel never names another phone number than the card beside it."""
    _apart: tuple[list | None, Counter | None, dict[str, str]] = field(default=(None, None, {}), repr=False,
                                                                       compare=False)
    """The records the look-alike names were worked out for, what of them they depend on, and those names
    (``name``)."""
    _named: dict[str, Sponsee] = field(default_factory=dict, repr=False, compare=False)
    """Each sponsee last named here, by id: a dialog whose sponsee a reload took away still names them."""
    _moved_back: dict[tuple[str, int], list[Undo]] = field(default_factory=dict, repr=False, compare=False)
    """The moves back made here, by sponsee and step, newest last: a move forward takes the last one back,
    with the dates it cleared (desk/steps.py)."""
    marker_lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    """Guards the "open here" marker's state below: it is written from worker threads (syncing.py)."""
    marker_writing: int = 0
    marker_closed: bool = False
    _marked: bool = False
    makes_index: bool = False
    """A whole read leaves the data folder's index (store/index.py) for the next `sponsordesk today` and the
    app's next start. `today` always asks; the app when its own index did not answer, another id's did (its
    cache folder emptied: store/index.py ``readable``), or after its first reading (30 ms and 6 MB at 1,000
    sponsees: not for a start its own index has just answered)."""
    _saved: set[str] = field(default_factory=set, repr=False, compare=False)
    """Folders saved to by this desk: their index entries are made again on ``close``."""
    glance: Glance | None = None
    """The roster and the agenda from the index while the files are read (``take_glance``); None once read."""

    @classmethod
    def open(cls, ctx: Context, read_only: bool = False, ended_later: bool = False,
             makes_index: bool = False, active_later: bool = False) -> "Desk":
        """Open the data folder: writable if this is the only sponsordesk on it."""
        desk = cls.unopened(ctx, ended_later, active_later)
        desk.makes_index = makes_index
        if not read_only and desk.take_lock():
            desk.note_start(desk.start_chores())
        desk.apply(desk.read())
        return desk

    @classmethod
    def unopened(cls, ctx: Context, ended_later: bool = False, active_later: bool = False) -> "Desk":
        """A desk with nothing read yet and no lock: read-only until ``take_lock``."""
        return cls(ctx, ctx.store(read_only=True), hidden=ctx.settings.hide_names, ended_later=ended_later,
                   active_later=active_later)

    def take_glance(self) -> bool:
        """Before the first reading: the sponsorships not ended, from the data folder's index, when every
        file still matches it (store/index.py); True if so. The roster and the agenda are shown from it
        until ``apply``; nothing can be changed from it (``loaded`` stays False, and no record is there)."""
        ctx = self.ctx
        if self.loaded or ctx.problems:
            return False
        try:
            self.glance = Glance.open(self.today, ctx.data_dir, ctx.config_dir, ctx.cache_dir)
        except Exception:  # noqa: BLE001 - an index from elsewhere: the files answer, as for `today`
            self.glance = None
        self._glanced_at = self.generation
        self._glanced_writing = self.lock is not None
        return self.glance is not None

    @property
    def glancing(self) -> bool:
        """Shown from the index, the files not read yet (``take_glance``)."""
        return self.glance is not None and not self.loaded

    def load_saving(self) -> None:
        """Import what a save needs, where a worker calls it: a start does not (store/store.py)."""
        from sponsordesk.store.store import load_saving

        load_saving()

    def take_lock(self) -> bool:
        """Become the folder's one writer if no other window is; True if so (then run ``start_chores``).

        Call it on the thread that will ``close`` the desk: the lock belongs to that thread.
        """
        lock = DataLock(self.ctx.data_dir)
        try:
            acquired = lock.acquire()
        except OSError as error:
            self.lock_error = error.strerror or type(error).__name__
            self.read_only_reason = (f"Read-only: could not open {self.ctx.data_dir} for writing "
                                     f"({self.lock_error}). Check the folder, then press ctrl+r.")
            self.store.read_only_reason = f"this window is read-only: {self.ctx.data_dir} could not be opened"
            return False
        if not acquired:
            self.read_only_reason = LOCKED
            self.store.read_only_reason = (f"this window is read-only because another sponsordesk has "
                                           f"{self.ctx.data_dir} open; nothing was saved. Close the other "
                                           "window, then press ctrl+r here")
            return False
        self.lock, self.read_only_reason = lock, ""
        self.store.read_only = False
        with self.marker_lock:
            self.marker_closed = False  # the writer again (a test, or `close` then open): markers may be written
        return True

    def start_chores(self, check_permissions: bool = True) -> StartResult:
        """Temp files, migrations, the day's backup, the permission check: slow, safe on any thread.

        Only for the writer (after ``take_lock``); changes files, never the desk: ``note_start`` the result.
        ``check_permissions``: False leaves that to ``loose_permissions`` (the app's first opening).
        """
        return start_writing(self.ctx.store(), self.ctx.clock.now(), self.ctx.settings.backups_keep,
                             check_permissions, self._listed_by_glance())

    def _listed_by_glance(self) -> frozenset[str]:
        """The sponsee folders the glance found name for name as the index signed them, as paths the chores
        list (``start_writing``): only while nothing of this desk's changed since, and only the writer's
        (the lock was taken before the glance, so no other sponsordesk saved into them since)."""
        glance = self.glance
        vouched = glance.quick.vouched if glance is not None and self.glancing else None
        if (vouched is None or not vouched.checked or self.generation != self._glanced_at
                or not self._glanced_writing or self.lock is None):
            return frozenset()
        base = os.path.join(self.store.root, layout.SPONSEES)
        return frozenset(os.path.join(base, folder_id) for folder_id in vouched.entries)

    def loose_permissions(self, tree: list[str] | None = None) -> list[Problem]:
        """Files and folders other users can read, as one warning (``tree``: the chores' listing, from their
        ``StartResult``; None lists the folder again). Only reads: safe on any thread, beside a save."""
        return loose_permissions(self.store.root, tree)

    def note_start(self, result: StartResult) -> None:
        """Keep what the start-up chores found, to show."""
        self.notices += result.notices
        self.startup_problems = result.problems

    def note_permissions(self, found: list[Problem]) -> None:
        """Keep what ``loose_permissions`` found, with the start-up chores' problems (once: chores that
        checked too, a window's that became the writer, may have found the same)."""
        self.startup_problems = [p for p in self.startup_problems if p not in found] + found

    def retake_lock(self) -> bool:
        """A window read-only because another had the folder tries again; True if it just became the writer."""
        was = self.read_only_reason
        if not was or self.lock is not None or not self.take_lock():
            return False
        self.notices.append("The other sponsordesk window closed; this one can save changes now."
                            if was == LOCKED else "This window can save changes now.")
        return True

    def close(self) -> None:
        """Let another sponsordesk write (the OS also does this if we die)."""
        if self.lock is not None:
            self._keep_index_fresh()
            self.mark_closed()  # other machines stop saying the notebook is open here
            self.lock.release()
            self.lock = None
        self.store.read_only = True

    def _keep_index_fresh(self) -> None:
        """The index's entries of the sponsees saved here, made again from their files, so the next start
        (and `sponsordesk today`) answers from it instead of reading every file: a few milliseconds each."""
        saved, self._saved = sorted(self._saved), set()
        maker = self.ctx.index_maker() if saved and self.loaded else None
        if maker is None:
            return
        try:
            maker.update(self.ctx.store(read_only=True), saved, self.today)
        except Exception:  # noqa: BLE001 - the index only saves the next start time; quitting must not fail
            pass

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    @property
    def today(self) -> date:
        return self.ctx.clock.today()

    def reload(self) -> bool:
        """Re-read the data folder (outside edits, syncs); True if anything changed.

        A window that was read-only because another one had the folder open
        becomes writable here once that one has closed.
        """
        if self.retake_lock():
            self.note_start(self.start_chores())
        return bool(self.apply(self.read()))

    def read(self, unchanged_since_glance: bool = False) -> Reading:
        """Every sponsee as the files are now, read with a store of its own: safe on any thread.

        ``unchanged_since_glance``: the caller knows nothing was written to the data folder since the glance
        (the start-up chores, if they ran, wrote nothing: ``StartResult.wrote``). The first reading on the
        glance's day then takes the glance's check of each folder for its own (``_glance_stands``).
        """
        store = self._reading_store(glance_stands=unchanged_since_glance and self._glance_stands())
        generation = self.generation
        # ended sponsorships already shown stay read in full: a reload must not take them back
        shown = frozenset(r.id for r in self.records if not r.partial)
        records = store.load(self.today, ended_in_full=not self.ended_later, in_full=shown,
                             active_later=self.active_later)
        synced = self.merge_found(store)  # sync tools' conflict copies it found, merged (files only): read again
        if synced is not None and synced.merged:
            store = self._reading_store()
            # an ended sponsorship whose file now keeps two versions is read in full, as an active one is: the
            # notice says they are kept for you to choose, and the window offering the choice needs them read
            kept = {m.path.relative_to(self.ctx.data_dir).parts[1] for m in synced.merged if m.new_conflicts}
            records = store.load(self.today, ended_in_full=not self.ended_later, in_full=shown | kept,
                                 active_later=self.active_later)
        return Reading(store, records, generation, synced)

    def _glance_stands(self) -> bool:
        """Whether the glance's check of every folder (``take_glance``) may stand for the reading now begun,
        when nothing was written to the folder since: it is the first reading, on the glance's day.

        Why that is safe. The check found every file as the index signed it (names, stat, hashes), moments
        before; an edit made since is the same staleness as one made just after any reading, and is seen
        by the next (back in focus, ctrl+r), which checks every folder again. Nothing is shown or changed
        from the index's record beyond the roster's cells: a card, a screen, a quick log, every save first
        reads that sponsee's files in full (``record``), and says so when they differ from the roster
        (``found_in_files``); a save merges into each file as it is on disk then (``Store.commit``). And
        when the chores or a sync merge wrote anything, or the day turned, every folder is checked again. (No
        save can land meanwhile: while glancing the desk holds no record to save from.)
        """
        # and nothing of this desk's changed since (no save can land while glancing, but a reading read again
        # because one did would otherwise take a check from before it)
        return self.glancing and self.glance.today == self.today and self.generation == self._glanced_at

    def _reading_store(self, glance_stands: bool = False) -> Store:
        """A store of its own for one whole read; with the index maker when this desk makes the index."""
        store = self.ctx.store(read_only=True)
        store.index = self.ctx.index_maker() if self.makes_index else None
        # ended sponsorships left for later are named from the index while their files still match it (from
        # the glance's reading of it, on the first reading after one: each entry is checked again when used,
        # unless the glance's check of it stands)
        if self.ended_later:
            if self.glancing:
                vouched = self.glance.quick.vouched
                store.vouched = vouched if glance_stands else vouched.rechecked()
            else:
                store.vouched = self.ctx.vouched(self.today)
        return store

    def is_current(self, reading: Reading) -> bool:
        """False when the desk changed (a save) after ``reading`` began: read again rather than apply it."""
        return reading.generation == self.generation

    def apply(self, reading: Reading) -> "Applied":
        """Show what ``reading`` found from now on; what changed (true if anything did) since the records shown
        before, or, on the first reading after a glance, since what the glance showed. Only a current reading."""
        if not self.is_current(reading):
            raise ValueError("a save landed after this reading began; read again")
        # by id: a save puts its sponsee last, a reading has them in folder order; an ended sponsorship
        # read in full this time (E) is no change to speak of unless its name or state changed: that is all
        # a partial record held, maybe without its profile parsed (store.load, from the index)
        glance = self.glance if self.glancing else None
        partial = {r.id: isinstance(r, QuickRecord) for r in self.records if r.partial}
        since = recent_start(self.today)
        records, problems = _by_id(self.records, partial, since), list(self.store.problems)
        store = reading.store
        store.read_only, store.read_only_reason = self.store.read_only, self.store.read_only_reason
        self.note_sync(reading.synced)
        self.store, self.records, self.loaded, self.glance = store, reading.records, True, None
        self.generation += 1
        if glance is not None:  # the first reading, after the roster was shown from the index
            return Applied(not _as_glanced(glance, self.records, self.today), self.store.problems != problems)
        # read from the index before, and their files changed since (not only the index gone): changed, whatever
        # changed in them (a home group, a note: more than the index holds)
        now = _by_id(self.records, partial, since, changed=store.unvouched)
        return Applied(now != records, self.store.problems != problems)

    @property
    def ended_pending(self) -> bool:
        """Ended sponsorships are still left for later (only their names known)."""
        return any(r.partial and not isinstance(r, QuickRecord) for r in self.records)

    def for_reading(self) -> "Desk":
        """A read-only copy of the desk as it is now, with a store of its own: for another thread (a report)."""
        return Desk(self.ctx, self.ctx.store(read_only=True), records=self.records, hidden=self.hidden,
                    loaded=self.loaded)

    @property
    def problems(self) -> list[Problem]:
        return self.ctx.problems + self.startup_problems + self.with_sync_problems(self.store.problems)

    @property
    def empty(self) -> bool:
        """No sponsee at all: none loaded, and nothing under sponsees/ that did not load (the welcome screen,
        and its demo data, are for a notebook not yet begun, not for one whose files all failed to load)."""
        if self.records:
            return False
        if self.glancing:
            return not (self.glance.quick.records or self.glance.quick.ended)
        folder = layout.sponsees_dir(self.store.root)
        # a restore stopped halfway: the data waits in .replaced-…/.restore-… (every reading names them)
        return not any(p.path == folder or folder in p.path.parents
                       or p.path.name.startswith((backup.STAGING, backup.REPLACED)) for p in self.problems)

    def broken_files(self, sponsee_id: str | None = None) -> list[Problem]:
        """Files of this sponsee (of any sponsee, for None) that did not load (their problems), as last read:
        what may leave someone off the agenda, unlike a broken settings file."""
        folder = layout.sponsees_dir(self.store.root)
        folder = folder / sponsee_id if sponsee_id is not None else folder
        return [p for p in self.problems if p.severity == "error" and folder in p.path.parents]

    def record(self, sponsee_id: str) -> SponseeRecord | None:
        """One sponsee, read in full: one left for later (ended, or named from the index) is read now."""
        found = next((r for r in self.records if r.id == sponsee_id), None)
        if found is not None and found.partial:
            return self.refresh_record(sponsee_id)
        return found

    def from_index(self, sponsee_id: str) -> bool:
        """Whether ``sponsee_id``'s record is still the index's (a sponsorship not ended, files not read yet)."""
        return any(r.id == sponsee_id and isinstance(r, QuickRecord) for r in self.records)

    def read_ended(self) -> None:
        """Read in full every ended sponsorship left for later (the roster is about to show them)."""
        self.read_in_full(ended=True)

    def read_in_full(self, ended: bool) -> None:
        """Read in full every sponsorship left for later: the ended ones, or (``ended=False``) the others,
        whose records are the index's (a screen is about to show more of each than the roster does)."""
        later = [r.partial and isinstance(r, QuickRecord) != ended for r in self.records]
        if not any(later):
            return
        records, found = [], []
        for record, read in zip(self.records, later):
            if read:
                fresh = self.store.load_sponsee(record.id, self.today)  # None: its profile no longer loads
                found.append(self._found(record, fresh))
                record = fresh
            if record is not None:
                records.append(record)
        self.records = records  # a new list: another thread may be reading the old one
        self.generation += 1
        self._tell_found(found)

    def _record(self, sponsee_id: str) -> SponseeRecord:
        record = self.record(sponsee_id)
        if record is None:
            raise StoreError(f"sponsees/{sponsee_id}/ is no longer in the data folder (or did not load); "
                             "nothing was saved")
        return record

    def program(self, sponsee: Sponsee) -> Program:
        return self.ctx.program(sponsee.program)

    def refresh_record(self, sponsee_id: str) -> SponseeRecord | None:
        """Reload one sponsee after a change (cheap: no other sponsee is read)."""
        fresh = self.store.load_sponsee(sponsee_id, self.today)
        old = next((r for r in self.records if r.id == sponsee_id), None)
        records = [r for r in self.records if r.id != sponsee_id]
        if fresh is not None:
            records.append(fresh)
        self.records = records  # a new list: another thread may be reading the old one
        self.generation += 1
        self._tell_found([self._found(old, fresh)])
        return fresh

    def _found(self, old: object, fresh: SponseeRecord | None) -> bool | None:
        """What reading ``old`` in full found, when the roster showed it from the index: None when its files
        say what the index said, False when they say otherwise (or their folder went away), True when a file
        of theirs no longer loads."""
        if not isinstance(old, QuickRecord):
            return None
        if fresh is None:  # broken (a problem names a file of theirs), or their folder moved away: changed
            return bool(self.broken_files(old.id))
        since = recent_start(self.today)
        return None if quick_of(fresh, since) == _as_of(old, since) else False

    def _tell_found(self, found: list[bool | None]) -> None:
        if self.found_in_files is not None and any(f is not None for f in found):
            self.found_in_files(any(found))

    def _relative(self, path) -> str:
        try:
            return str(path.relative_to(self.store.root))
        except ValueError:
            return str(path)

    def tell_apart(self, records: list[SponseeRecord]) -> dict[str, str]:
        """The look-alike names among ``records`` (``names_told_apart``), kept for them. A reading calls it in its
        worker for the records it is about to give the screens, so the first name asked for after it (the log
        opened) does not work them out on the UI thread: about 10 ms at a thousand sponsees."""
        shown, named, apart = self._apart
        if records is not shown:  # a new list after every change (see refresh_record)
            # Worked out again only when a name changed: each save, and each sponsee read in full (a log opened),
            # makes a new list, and telling a thousand sponsees apart took about 10 ms, against 1 for this key
            # (in any order: a sponsee read again goes to the end of the list).
            names = Counter((r.sponsee.id, r.sponsee.name, r.sponsee.display_name, r.sponsee.program)
                            for r in records)
            if names != named:
                # ended ones too (the roster shows them with E); the index keeps their names for `today`
                apart = names_told_apart(r.sponsee for r in records)
            self._apart = (records, names, apart)  # one assignment: another thread may be reading it
        return apart

    def name(self, sponsee: Sponsee) -> str:
        """The name to show: initials while the privacy screen is on; told apart from a look-alike."""
        if self.glancing:
            return shown_name(sponsee, self.hidden, self.glance.apart)  # told apart as `today` tells them
        apart = self.tell_apart(self.records)
        self._named[sponsee.id] = sponsee
        return shown_name(sponsee, self.hidden, apart)

    def name_of(self, sponsee_id: str) -> str:
        """The name to show for ``sponsee_id``, as ``name`` does. A dialog whose sponsee left the desk meanwhile
        (their profile broken in an editor, the folder moved) names them as they were last shown; one never
        shown, by the id it was opened for (its initials while hidden: an id is made from the name)."""
        # as the roster names them: no reading of their files for a name (one from the index has it)
        record = next((r for r in self.records if r.id == sponsee_id), None)
        if record is not None:
            return self.name(record.sponsee)
        seen = self._named.get(sponsee_id)
        if seen is not None:
            return shown_name(seen, self.hidden)
        return initials_of(sponsee_id.replace("-", " ")) if self.hidden else sponsee_id

    def note(self, text: str) -> str:
        """Free text (notes, summaries, outcomes) to show: masked while hidden."""
        return shown_note(text, self.hidden)

    def message(self, text: str) -> str:
        """A message or a path to show that may name a sponsee's folder ("sponsees/sam-r/profile.toml does not
        load"; "claims id 'sam-r'"): the folder and the id masked while hidden, as ``name`` masks the name."""
        return shown_message(text, self.hidden)

    # ------------------------------------------------------------ saving: the one door

    def save(self, sponsee_id: str, changes: Sequence[Change], undo: str = "", undone: str = "") -> Saved:
        """Commit ``changes`` (all or none) and reload that sponsee, whatever happened.

        On any error (a conflict, a broken file, a full disk) the sponsee is
        reloaded too, so every screen shows the files as they are now and a
        later save cannot bring back what the screen never showed; the error
        goes to the caller, whose form keeps what was typed. ``undo`` names
        the change for an Undo that takes it back, ``undone`` says what taking it back does.
        """
        try:
            commit: Commit = self.store.commit(changes)
        except ConflictError as error:
            error.undo = (undo, undone) if undo else None  # the save after the person's choice can be undone too
            raise
        finally:
            self._saved.add(sponsee_id)  # even when refused: the files may differ from the index's (a conflict)
            self.refresh_record(sponsee_id)
        kept = [self._relative(path) for path in commit.kept_outside]
        whole = [self._relative(path) for path, how in commit.how.items() if how == "whole"]
        from sponsordesk.desk.undo import undoing

        # the undo from the changes as the store saved them: a contact's with the year file it went to, which its
        # id and date do not tell when one id sits in two year files (after a sync)
        # no undo for a save that wrote nothing (deleted in an editor already): it would bring the entry back
        taken_back = undoing(undo, sponsee_id, commit.changes, undone) if undo and commit.written else None
        return Saved(sponsee_id, taken_back, kept, whole, wrote=bool(commit.written))

    def keep_mine(self, error: ConflictError) -> Saved:
        """After a conflict: save again, this window's version winning in the fields in conflict only.

        Every other outside edit (other entries, other fields) is still kept.
        """
        return self._chosen(error, mine=True)

    def keep_theirs(self, error: ConflictError) -> Saved:
        """After a conflict: save the rest of the change, keeping the file's version of the fields in conflict."""
        return self._chosen(error, mine=False)

    def _chosen(self, error: ConflictError, mine: bool) -> Saved:
        # what the refused operation does once saved, done now (a step moved back remembers the move, so +
        # right after takes it back with its dates, not today's); its undo goes to that alone. No undo for the
        # screens: one built from the settled change would put back this window's view of fields the other
        # side changed too (a suggestion left "followed" with no date), and one of nothing written would say
        # a deletion happened that did not
        try:
            saved = self.save(error.changes[0].sponsee_id, self._settled(error, mine), *(error.undo or ()))
        except ConflictError as again:  # changed outside once more before the choice: the next one does it
            again.undo, again.after = error.undo, error.after
            raise
        if error.after is not None and saved.wrote:
            error.after(saved)
        return replace(saved, undo=None)

    def _settled(self, error: ConflictError, mine: bool) -> list[Change]:
        """The refused save's changes again, each in conflict settled one way. A contact moved to another
        year is two changes (gone from one file, added to another) and its conflict is on the first: both
        halves are settled together, or the move was lost (or the app stopped) at "keep mine"."""
        found = self._with_conflicts(error)
        moves = {id(change): moved_to(change, error.changes) for change, conflict in found if conflict is not None}
        paired = {id(added) for added in moves.values() if added is not None}
        out: list[Change] = []
        for change, conflict in found:
            if id(change) in paired:
                continue  # settled with the half it moved from
            added = moves.get(id(change))
            if conflict is None:
                out.append(change)
            elif added is not None:
                out += (keep_mine_moved if mine else keep_theirs_moved)(change, added, conflict)
            else:
                kept = keep_mine(change, conflict) if mine else keep_theirs(change, conflict)
                if kept is not None:
                    out.append(kept)
        return out

    def _with_conflicts(self, error: ConflictError) -> list[tuple[Change, Conflict | None]]:
        """Each change of a refused save with its conflict (None: that change met none)."""
        found = []
        for change in error.changes:
            shown = self._relative(change.path(self.store.root))
            found.append((change, next((c for c in error.conflicts if c.key == change.key and c.file == shown), None)))
        return found

    def undo(self, undo: Undo) -> Saved:
        """Take back one change, as long as nobody changed the same entries since."""
        return self.save(undo.sponsee_id, undo.changes)

    # ------------------------------------------------------------ agenda and status

    def assess(self, record: SponseeRecord, day: date | None = None) -> Assessment:
        """Where one sponsee stands today (or on ``day``): reasons, next call, left out."""
        return assess(record, day or self.today, self.ctx.settings, self.program(record.sponsee))

    def assessments(self, day: date | None = None, *, ended: bool = True) -> list[Assessment]:
        """Every sponsee's standing (ended ones only if ``ended``): the roster's rows."""
        if self.glancing:
            return self.glance.assessments()  # only the sponsorships not ended: E waits for the files
        if ended:
            self.read_ended()
        return [self.assess(r, day) for r in self.records if ended or r.sponsee.state != SponseeState.ENDED]

    def agenda(self, day: date | None = None) -> list[Assessment]:
        """Who needs a call today (or on ``day``), most urgent first."""
        return agenda_of(self.assessments(day, ended=False))


def _as_of(record: QuickRecord, since: date) -> QuickRecord:
    """An index's record as it stands for a day whose recent contacts start at ``since``: one made on an
    earlier day (a window open past midnight) holds older contacts that a reading of the files now leaves out."""
    return record._replace(partial=False, recent=recent_since(record.recent, since))


def _as_glanced(glance: Glance, records: list, day: date) -> bool:
    """Whether ``records`` say, on ``day``, all that the glance showed and no more: the roster's rows and the
    Today panel as drawn from the index stand for them (the roster shows only what the index holds).

    In the index's terms: of each sponsorship not ended its index record (one read from its files since, as
    the index would hold it), of an ended one its name. Records taken from the glance's own entries are the
    glance's records (``Vouched.made``), so this is mostly a comparison of the same objects: cheap.
    """
    if glance.today != day:
        return False  # drawn for the glance's day: past midnight every row may say another thing
    quick, since = glance.quick, recent_start(day)
    shown = {r.id: r for r in quick.records} | {n.id: (n, SponseeState.ENDED) for n in quick.ended}
    read: dict[str, object] = {}
    for record in records:
        if isinstance(record, QuickRecord):
            read[record.id] = record._replace(partial=False)
        elif record.sponsee.state == SponseeState.ENDED:
            read[record.id] = EndedName.of(record.sponsee), SponseeState.ENDED
        else:
            read[record.id] = quick_of(record, since)
    return read == shown


def _by_id(records: list, partial: dict[str, bool], since: date, changed: Collection[str] = ()) -> dict[str, object]:
    """Records by id, those in ``partial`` by what a partial record held of them: an ended one's name and
    state; one from the index (``partial[id]`` true) what the index holds, read in full or not since, unless
    its folder is in ``changed`` (then it differs from anything)."""
    def held(record) -> object:
        if record.id not in partial:
            return record
        if partial[record.id] and isinstance(record, QuickRecord):
            return _as_of(record, since)
        if partial[record.id] and record.id in changed:
            return object()
        if partial[record.id] and not record.partial:
            return quick_of(record, since)  # read from the index before, from its files now (the index gone)
        return EndedName.of(record.sponsee), record.sponsee.state
    return {r.id: held(r) for r in records}
