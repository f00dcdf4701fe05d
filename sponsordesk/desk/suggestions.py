"""Suggestion operations: mark one followed through, not followed or dropped (or open again)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sponsordesk.model import SponseeRecord
from sponsordesk.store.changes import suggestion_change
from sponsordesk.wording.labels import status_label

if TYPE_CHECKING:
    from sponsordesk.model import Suggestion, SuggestionStatus
    from sponsordesk.desk.desk import Desk, Saved


class SuggestionDesk:
    """Mixed into Desk."""

    def open_suggestions(self: "Desk") -> list[tuple[SponseeRecord, Suggestion]]:
        """Every open suggestion of sponsees not ended, soonest due first."""
        # the suggestions' rules: with the suggestions shown or saved, not at start (desk/contacts.py)
        from sponsordesk.rules.followthrough import open_suggestions

        self.read_in_full(ended=False)  # those named from the index hold only their suggestions' due dates
        return open_suggestions(self.records)

    def resolve(self: "Desk", sponsee_id: str, shown: Suggestion, status: SuggestionStatus | str,
                note: str = "") -> "Saved":
        """Resolve a suggestion as shown, today; the Saved's undo opens it again."""
        from sponsordesk.model import SuggestionStatus
        from sponsordesk.rules.followthrough import resolved

        status = SuggestionStatus(status)
        after = resolved(shown, status, note, self.today)
        return self.save(sponsee_id, [suggestion_change(sponsee_id, shown, after)],
                         undo=f"Marked {status_label(status)}: {shown.text}")
