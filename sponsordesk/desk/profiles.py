"""Profile operations: add a sponsee, edit the profile, snooze, pause, end, resume."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from sponsordesk.model import SponseeState
from sponsordesk.store import StoreError
from sponsordesk.store.changes import profile_change

if TYPE_CHECKING:
    from sponsordesk.model import Sponsee, Status
    from sponsordesk.rules.sobriety import Fix  # with the fix's form, not at start (desk/contacts.py)
    from sponsordesk.desk.desk import Desk, Saved


class ProfileDesk:
    """Mixed into Desk."""

    def new_sponsee_id(self: "Desk", name: str) -> str:
        """A folder name for someone new, e.g. 'sam-r' (or 'sam-r-2' when taken)."""
        return self.store.new_sponsee_id(name)

    def add_sponsee(self: "Desk", sponsee: Sponsee) -> "Saved":
        """A new sponsee: their folder and profile.toml."""
        self.store.ensure_root()
        return self.save(sponsee.id, [profile_change(None, sponsee)])

    def save_profile(self: "Desk", shown: Sponsee, changed: Sponsee) -> "Saved":
        """Save the fields that differ between the profile as it was shown and as edited.

        Fields changed only outside sponsordesk (in an editor, a sync) are kept.
        """
        return self.save(changed.id, [profile_change(shown, changed)])

    def correct_sobriety(self: "Desk", shown: Sponsee, fixes: Sequence[Fix]) -> "Saved":
        """Fix mistyped sobriety dates or notes, or remove one entered by mistake: one change to the profile.

        ``shown`` is the profile the correction was made against; only the
        entries the fixes name change, so no earlier date is dropped unless a
        fix removes exactly that one. If the dates were changed outside
        sponsordesk meanwhile it is a conflict (both versions are shown),
        never an overwrite. The Saved's undo puts the history back.
        """
        from sponsordesk.rules.sobriety import corrected

        changed = shown.model_copy(update={"sobriety": corrected(shown.sobriety, fixes)}, deep=True)
        return self.save(shown.id, [profile_change(shown, changed)], undo="Corrected the sobriety history",
                         undone="The sobriety history is back as it was.")

    def _change(self: "Desk", sponsee_id: str, shown: Sponsee | None = None, **changes: object) -> "Saved":
        """Save ``changes`` over the profile as shown (default: as the desk holds it now)."""
        shown = shown or self._record(sponsee_id).sponsee
        return self.save_profile(shown, shown.model_copy(update=changes, deep=True))

    def snooze(self: "Desk", sponsee_id: str, until: date | None, shown: Sponsee | None = None) -> "Saved":
        """Leave them off the agenda until ``until`` (None: back on it now)."""
        return self._change(sponsee_id, shown, snoozed_until=until)

    def pause(self: "Desk", sponsee_id: str, until: date, reason: str = "", shown: Sponsee | None = None) -> "Saved":
        from sponsordesk.model import Status

        return self._change(sponsee_id, shown, status=Status(state=SponseeState.PAUSED, until=until, reason=reason))

    def end(self: "Desk", sponsee_id: str, on: date, reason: str, shown: Sponsee | None = None) -> "Saved":
        """End the sponsorship; the sponsee and their history stay in the files."""
        from sponsordesk.model import Status

        return self._change(sponsee_id, shown, status=Status(state=SponseeState.ENDED, ended=on, reason=reason))

    def resume(self: "Desk", sponsee_id: str, shown: Sponsee | None = None) -> "Saved":
        """Active again after a pause or an end; any snooze is lifted too. What the status said (the end's
        date and reason, a pause's) goes to the end of the notes, so resuming never deletes it."""
        from sponsordesk.model import Status

        shown = shown or self._record(sponsee_id).sponsee
        notes, kept = shown.notes, self.resume_keeps(shown)
        if kept:
            notes = (notes.rstrip("\n") + "\n" if notes.strip() else "") + kept + "\n"
        return self._change(sponsee_id, shown, status=Status(), snoozed_until=None, notes=notes)

    def resume_keeps(self: "Desk", sponsee: Sponsee) -> str:
        """The line a resume adds to the notes ("" when the status holds nothing to keep)."""
        status, today = sponsee.status, self.today.isoformat()
        if status.state == SponseeState.ENDED:
            what = f"Sponsorship ended {status.ended.isoformat()}" if status.ended else "Sponsorship ended"
        elif status.state == SponseeState.PAUSED and (status.reason or status.until):
            what = f"Paused until {status.until.isoformat()}" if status.until else "Paused"
        else:
            return ""
        return f"{what}{': ' + status.reason.strip() if status.reason.strip() else ''}; resumed {today}."

    def write_demo(self: "Desk") -> list[str]:
        """The invented demo sponsees (an empty folder only); each sponsee is one all-or-nothing save."""
        from sponsordesk.desk.demo import write_demo
        from sponsordesk.store.backup import holds_sponsees

        if self.read_only:
            from sponsordesk.store import ReadOnlyError

            raise ReadOnlyError(self.store.read_only_reason)
        if holds_sponsees(self.store.root):
            # not beside sponsees whose files did not load, nor while a restore waits to be finished: the
            # folder only looked empty
            raise StoreError("Demo data goes into an empty folder, and this one holds sponsees already (their "
                             "files did not load, or a restore was interrupted: ctrl+r says which); nothing "
                             "was written")
        ids = write_demo(self.store, self.today)
        self.reload()
        return ids
