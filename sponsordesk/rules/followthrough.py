"""Follow-through: what one save of the contact form decides, and how suggestions change. No Textual, no files.

A log entry is a contact with the suggestions given in it, how earlier open
suggestions went, and perhaps a new sobriety date after a relapse. These
functions say what the suggestions and the profile become; the desk saves
them all in one all-or-nothing commit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from sponsordesk.model import SponseeRecord, SponseeState
from sponsordesk.model.ids import derived_id

if TYPE_CHECKING:
    from sponsordesk.model import SobrietyDate, Sponsee, Suggestion, SuggestionStatus
    from sponsordesk.model.contact import Contact


RELAPSE_NOTE = "new date after a relapse"


@dataclass(frozen=True)
class NewSuggestion:
    """A suggestion given in a contact, as the contact form hands it over."""

    text: str
    due: date | None = None
    id: str | None = None
    """An existing suggestion of this contact being edited; None adds one."""


@dataclass(frozen=True)
class Resolution:
    """A contact's word on an open suggestion: its new status (followed through, not, dropped) and a note."""

    suggestion_id: str
    status: SuggestionStatus
    note: str = ""


@dataclass
class LogEntry:
    """One save of the contact form: the contact and everything decided in it."""

    contact: Contact
    suggestions: list[NewSuggestion] = field(default_factory=list)
    resolutions: list[Resolution] = field(default_factory=list)
    new_sobriety: date | None = None


def resolved(suggestion: Suggestion, status: SuggestionStatus, note: str, day: date) -> Suggestion:
    """A copy marked followed / not followed / dropped on ``day`` (or reopened)."""
    from sponsordesk.model import SuggestionStatus

    changed = suggestion.model_copy(deep=True)
    changed.status = status
    changed.resolved = None if status == SuggestionStatus.OPEN else day
    changed.outcome = note
    return changed


def entry_suggestions(suggestions: list[Suggestion], entry: LogEntry) -> list[tuple[Suggestion | None, Suggestion]]:
    """(as it was, as it becomes) for each suggestion this entry adds, edits or resolves."""
    from sponsordesk.model import Suggestion

    day = entry.contact.day
    by_id = {s.id: s for s in suggestions}
    changed: dict[str, tuple[Suggestion | None, Suggestion]] = {}
    for resolution in entry.resolutions:
        if resolution.suggestion_id in by_id:
            before = by_id[resolution.suggestion_id]
            changed[before.id] = (before, resolved(before, resolution.status, resolution.note, day))
    seen: dict[str, int] = {}
    for item in entry.suggestions:
        if item.id and item.id in by_id:
            before = by_id[item.id]
            text = before.text if before.text.strip() == item.text else item.text  # as written, unless retyped
            after = before.model_copy(update={"text": text, "due": item.due, "given": day}, deep=True)
            if after != before:
                changed[before.id] = (before, after)
        else:
            # made from the contact and the words, so the same entry saved again (a retry after a save that
            # landed) gives the same id and adds nothing twice, while another suggestion never shares it
            words = " ".join(item.text.casefold().split())
            seen[words] = seen.get(words, 0) + 1
            ident = derived_id("s", entry.contact.id, words, seen[words])
            added = Suggestion(id=ident, text=item.text, given=day, contact=entry.contact.id, due=item.due)
            changed[added.id] = (None, added)
    return list(changed.values())


def with_new_sobriety(sponsee: Sponsee, day: date, note: str = RELAPSE_NOTE) -> Sponsee:
    """The sponsee with ``day`` as the current sobriety date; earlier dates stay in the list.

    Already the current date (the same save again): unchanged.
    """
    from sponsordesk.model import SobrietyDate

    updated = sponsee.model_copy(deep=True)
    if sponsee.sobriety_date == day:
        return updated
    updated.sobriety = [SobrietyDate(date=day, note=note), *sponsee.sobriety]
    return updated


def suggestions_of(contact_id: str, suggestions: list[Suggestion]) -> list[Suggestion]:
    """The suggestions given in one contact, in the order they were given."""
    return [s for s in suggestions if s.contact == contact_id]


def _due_order(suggestion: Suggestion) -> tuple:
    # soonest due first, undated last, then the oldest given
    return (suggestion.due is None, suggestion.due or date.max, suggestion.given)


def open_in_order(suggestions: list[Suggestion]) -> list[Suggestion]:
    """One sponsee's open suggestions in the order every list shows them."""
    return sorted((s for s in suggestions if s.is_open), key=_due_order)


def open_suggestions(records: list[SponseeRecord]) -> list[tuple[SponseeRecord, Suggestion]]:
    """Every open suggestion of sponsees not ended, in the same order, then by name."""
    found = [(r, s) for r in records if r.sponsee.state != SponseeState.ENDED for s in r.open_suggestions]
    return sorted(found, key=lambda pair: (*_due_order(pair[1]), pair[0].sponsee.shown_name.casefold()))
