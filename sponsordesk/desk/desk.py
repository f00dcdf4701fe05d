"""The desk: the loaded data and the operations screens and commands share.

No Textual here: screens call these methods and show what they return, so
the rules live in one place the CLI and tests use too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sponsordesk.rules.agenda import Assessment, assess, build_agenda
from sponsordesk.desk.context import Context
from sponsordesk.model import Contact, Program, Sponsee, SponseeState, Status, StepBoard
from sponsordesk.store import ConflictError, Problem, SponseeRecord, Store
from sponsordesk.store.lock import DataLock
from sponsordesk.store.startup import start_writing

LOCKED = ("Read-only: another sponsordesk window has this data folder open. "
          "Close it, then press ctrl+r here to make changes.")


HIDDEN_NOTE = "••• hidden •••"


@dataclass
class Desk:
    ctx: Context
    store: Store
    records: list[SponseeRecord] = field(default_factory=list)
    hidden: bool = False
    """Privacy screen: names show as initials and notes are masked."""
    lock: DataLock | None = None
    """Held while this desk may write: one writer per data folder."""
    read_only_reason: str = ""
    """Why this desk cannot save (empty when it can); the app shows it in a banner."""
    notices: list[str] = field(default_factory=list)
    """One-off news for the user (a migration, the other window closing)."""
    startup_problems: list[Problem] = field(default_factory=list)
    """Found while opening: loose permissions, a backup or migration that failed."""

    @classmethod
    def open(cls, ctx: Context, read_only: bool = False) -> "Desk":
        """Open the data folder: writable if this is the only sponsordesk on it."""
        desk = cls(ctx, ctx.store(read_only=True), hidden=ctx.settings.hide_names)
        if not read_only:
            desk._take_lock()
        desk.reload()
        return desk

    def _take_lock(self) -> bool:
        lock = DataLock(self.ctx.data_dir)
        try:
            acquired = lock.acquire()
        except OSError as error:
            self.read_only_reason = (f"Read-only: could not open {self.ctx.data_dir} for writing "
                                     f"({error.strerror or error}). Check the folder, then press ctrl+r.")
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
        result = start_writing(self.store, self.ctx.clock.now(), self.ctx.settings.backups_keep)
        self.notices += result.notices
        self.startup_problems = result.problems
        return True

    def close(self) -> None:
        """Let another sponsordesk write (the OS also does this if we die)."""
        if self.lock is not None:
            self.lock.release()
            self.lock = None
        self.store.read_only = True

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
        was = self.read_only_reason
        if was and self.lock is None and self._take_lock():
            self.notices.append("The other sponsordesk window closed; this one can save changes now."
                                if was == LOCKED else "This window can save changes now.")
        before = (self.records, list(self.store.problems))
        self.records = self.store.load(self.today)
        return (self.records, self.store.problems) != before

    @property
    def problems(self) -> list[Problem]:
        return self.ctx.problems + self.startup_problems + self.store.problems

    def record(self, sponsee_id: str) -> SponseeRecord | None:
        return next((r for r in self.records if r.id == sponsee_id), None)

    def program(self, sponsee: Sponsee) -> Program:
        return self.ctx.program(sponsee.program)

    def refresh_record(self, sponsee_id: str) -> SponseeRecord | None:
        """Reload one sponsee after a change (cheap: no other sponsee is read)."""
        fresh = self.store.load_sponsee(sponsee_id, self.today)
        self.records = [r for r in self.records if r.id != sponsee_id]
        if fresh is not None:
            self.records.append(fresh)
        return fresh

    def name(self, sponsee: Sponsee) -> str:
        """The name to show: initials while the privacy screen is on."""
        return sponsee.initials if self.hidden else sponsee.shown_name

    def note(self, text: str) -> str:
        """Free text (notes, summaries, outcomes) to show: masked while hidden."""
        return HIDDEN_NOTE if self.hidden and text.strip() else text

    def add_contact(self, sponsee_id: str, contact: Contact) -> SponseeRecord | None:
        """Log one contact; raises StoreError with a message to show."""
        try:
            self.store.add_contact(sponsee_id, contact)
        except ConflictError:
            self.refresh_record(sponsee_id)  # show the outside version; the form keeps the change
            raise
        return self.refresh_record(sponsee_id)

    def save_sponsee(self, sponsee: Sponsee) -> SponseeRecord | None:
        """Save a new or edited profile; raises StoreError with a message to show."""
        try:
            self.store.save_sponsee(sponsee)
        except ConflictError:
            self.refresh_record(sponsee.id)  # show the outside version; the form keeps the change
            raise
        return self.refresh_record(sponsee.id)

    def save_steps(self, sponsee_id: str, board: StepBoard) -> SponseeRecord | None:
        """Save a changed step board; raises StoreError with a message to show.

        Screens change a copy and call this; on an error the copy (the change
        on screen) is all that holds the edit, so they keep it until a save works.
        """
        self.store.save_steps(sponsee_id, board)
        return self.refresh_record(sponsee_id)

    # ------------------------------------------------------------ agenda and status

    def assess(self, record: SponseeRecord, day: date | None = None) -> Assessment:
        """Where one sponsee stands today (or on ``day``): reasons, next call, left out."""
        return assess(record, day or self.today, self.ctx.settings, self.program(record.sponsee))

    def agenda(self, day: date | None = None) -> list[Assessment]:
        """Who needs a call today (or on ``day``), most urgent first."""
        return build_agenda(self.records, day or self.today, self.ctx.settings, self.ctx.program)

    def _change(self, sponsee_id: str, **changes: object) -> SponseeRecord | None:
        """Save a copy with ``changes``: a failed save leaves the loaded sponsee as it was."""
        record = self.record(sponsee_id)
        if record is None:
            raise KeyError(sponsee_id)
        changed = record.sponsee.model_copy(deep=True)
        for key, value in changes.items():
            setattr(changed, key, value)
        return self.save_sponsee(changed)

    def snooze(self, sponsee_id: str, until: date | None) -> SponseeRecord | None:
        """Leave them off the agenda until ``until`` (None: back on it now)."""
        return self._change(sponsee_id, snoozed_until=until)

    def pause(self, sponsee_id: str, until: date, reason: str = "") -> SponseeRecord | None:
        return self._change(sponsee_id, status=Status(state=SponseeState.PAUSED, until=until, reason=reason))

    def end(self, sponsee_id: str, on: date, reason: str) -> SponseeRecord | None:
        """End the sponsorship; the sponsee and their history stay in the files."""
        return self._change(sponsee_id, status=Status(state=SponseeState.ENDED, ended=on, reason=reason))

    def resume(self, sponsee_id: str) -> SponseeRecord | None:
        """Active again after a pause or an end; any snooze is lifted too."""
        return self._change(sponsee_id, status=Status(), snoozed_until=None)
