"""Follow-through: logging a contact with its suggestions, resolving open ones,
and recording a relapse without losing history. No Textual.

Writes go through the store only. A log entry can touch three files (the
year's contacts, suggestions.toml, profile.toml); the contact is written
first so a failure later never leaves suggestions pointing at nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sponsordesk.model import Contact, ContactKind, SobrietyDate, Sponsee, SponseeState, Suggestion, SuggestionStatus
from sponsordesk.store import SponseeRecord, Store, new_id

RELAPSE_NOTE = "new date after a relapse"


@dataclass(frozen=True)
class NewSuggestion:
    text: str
    due: date | None = None
    id: str | None = None
    """An existing suggestion of this contact being edited; None adds one."""


@dataclass(frozen=True)
class Resolution:
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


def resolve(suggestions: list[Suggestion], suggestion_id: str, status: SuggestionStatus, note: str,
            day: date) -> list[Suggestion]:
    """A copy of ``suggestions`` with one marked followed / not followed / dropped (or reopened)."""
    out = []
    for suggestion in suggestions:
        if suggestion.id == suggestion_id:
            suggestion = suggestion.model_copy(deep=True)
            suggestion.status = status
            suggestion.resolved = None if status == SuggestionStatus.OPEN else day
            suggestion.outcome = note
        out.append(suggestion)
    return out


def apply_entry(suggestions: list[Suggestion], entry: LogEntry) -> list[Suggestion]:
    """Suggestions after this entry: resolutions applied, new ones given, edited ones changed."""
    day = entry.contact.day
    out = [s.model_copy(deep=True) for s in suggestions]
    for resolution in entry.resolutions:
        out = resolve(out, resolution.suggestion_id, resolution.status, resolution.note, day)
    by_id = {s.id: s for s in out}
    for item in entry.suggestions:
        if item.id and item.id in by_id:
            by_id[item.id].text, by_id[item.id].due = item.text, item.due
            by_id[item.id].given = day
        else:
            out.append(Suggestion(id=new_id("s"), text=item.text, given=day, contact=entry.contact.id, due=item.due))
    return out


def with_new_sobriety(sponsee: Sponsee, day: date, note: str = RELAPSE_NOTE) -> Sponsee:
    """The sponsee with ``day`` as the current sobriety date; earlier dates stay in the list."""
    updated = sponsee.model_copy(deep=True)
    updated.sobriety = [SobrietyDate(date=day, note=note), *sponsee.sobriety]
    return updated


def save_entry(store: Store, record: SponseeRecord, entry: LogEntry, *, old_year: int | None = None,
               done: set[str] | None = None) -> None:
    """Write a new (``old_year`` None) or edited contact and what came with it; raises StoreError.

    ``done`` collects the files already written ("contact", "suggestions",
    "profile"); passing the same set to a retry after a failed save skips
    them, so a retry never logs the contact twice.
    """
    done = set() if done is None else done
    sponsee_id = record.id
    if "contact" not in done:
        if old_year is None:
            store.add_contact(sponsee_id, entry.contact)
        else:
            store.update_contact(sponsee_id, entry.contact, old_year)
        done.add("contact")
    if (entry.suggestions or entry.resolutions) and "suggestions" not in done:
        store.save_suggestions(sponsee_id, apply_entry(record.suggestions, entry))
        done.add("suggestions")
    if entry.new_sobriety is not None and "profile" not in done:
        store.save_sponsee(with_new_sobriety(record.sponsee, entry.new_sobriety))
        done.add("profile")


def suggestions_of(contact_id: str, suggestions: list[Suggestion]) -> list[Suggestion]:
    """The suggestions given in one contact, in the order they were given."""
    return [s for s in suggestions if s.contact == contact_id]


@dataclass
class Undo:
    """One step that can be taken back right after, e.g. a deleted contact."""

    description: str
    restore: Callable[[], None]
    sponsee_id: str = ""
    """Whose data the undo touches, so only that sponsee is reloaded."""


def delete_contact(store: Store, sponsee_id: str, contact: Contact) -> Undo:
    """Delete a contact (its suggestions stay); the returned Undo puts it back as it was."""
    removed = store.delete_contact(sponsee_id, contact.id, contact.at.year)
    what = f"the {removed.at:%b} {removed.at.day} {ContactKind(removed.kind).label}"
    return Undo(f"Deleted {what}", lambda: store.add_contact(sponsee_id, removed), sponsee_id)


def resolve_and_save(store: Store, record: SponseeRecord, suggestion_id: str, status: SuggestionStatus,
                     note: str, day: date) -> Undo:
    """Resolve one suggestion straight away (Open suggestions view); the Undo reopens it."""
    before = [s.model_copy(deep=True) for s in record.suggestions]
    store.save_suggestions(record.id, resolve(record.suggestions, suggestion_id, status, note, day))
    text = next((s.text for s in before if s.id == suggestion_id), "suggestion")
    return Undo(f"Marked {status_label(status)}: {text}", lambda: store.save_suggestions(record.id, before), record.id)


def status_label(status: SuggestionStatus | str) -> str:
    return SuggestionStatus(status).label


def open_suggestions(records: list[SponseeRecord], today: date) -> list[tuple[SponseeRecord, Suggestion]]:
    """Every open suggestion of sponsees not ended: soonest due first, undated last, then oldest given."""
    found = [(r, s) for r in records if r.sponsee.state != SponseeState.ENDED for s in r.open_suggestions]
    return sorted(found, key=lambda pair: (pair[1].due is None, pair[1].due or today, pair[1].given,
                                           pair[0].sponsee.shown_name.lower()))
