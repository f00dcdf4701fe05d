"""Contact operations: log a contact with everything decided in it, edit, delete; read the log."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from itertools import islice
from typing import TYPE_CHECKING

from sponsordesk.rules.rhythm import ninety_began
from sponsordesk.store.changes import contact_changes, profile_change, suggestion_change
from sponsordesk.store.facts import recent_start
from sponsordesk.store.quick import QuickContact, QuickRecord, QuickSuggestion
from sponsordesk.wording.dates import short_date
from sponsordesk.wording.labels import kind_noun

if TYPE_CHECKING:
    # The log's reading (the pager, its filter, the plain reading) and the entry a form saves: imported when a
    # log is opened or an entry saved, not at every start (about 6 ms of one, with the sobriety fixes and the
    # undo: desk/profiles.py, desk/desk.py)
    from sponsordesk.desk.pager import LogPager
    from sponsordesk.model import Contact, Suggestion
    from sponsordesk.desk.desk import Desk, Saved
    from sponsordesk.rules.followthrough import LogEntry
    from sponsordesk.rules.logfilter import LogFilter


RETRY_WINDOW = timedelta(minutes=10)
"""How close in time the same contact must be to count as a retry of one already logged."""


class ContactDesk:
    """Mixed into Desk."""

    def log(self: "Desk", sponsee_id: str, entry: LogEntry, editing: Contact | None = None,
            shown_suggestions: list[Suggestion] | None = None) -> "Saved":
        """Save one log entry, all or nothing: the contact, the suggestions given or resolved in it,
        and a new sobriety date after a relapse.

        ``editing`` is the contact as the form showed it (None: a new one);
        ``shown_suggestions`` the suggestions the form listed (default: as the
        desk holds them now). Saving the same new entry twice (a retry after
        the first save landed) adds nothing the second time.
        """
        from sponsordesk.rules.followthrough import entry_suggestions, with_new_sobriety

        record = self._record(sponsee_id)
        shown = record.suggestions if shown_suggestions is None else shown_suggestions
        changes = contact_changes(sponsee_id, editing, entry.contact)
        changes += [suggestion_change(sponsee_id, before, after) for before, after in entry_suggestions(shown, entry)]
        if entry.new_sobriety is not None:
            changes.append(profile_change(record.sponsee, with_new_sobriety(record.sponsee, entry.new_sobriety)))
        return self.save(sponsee_id, changes)

    def add_contact(self: "Desk", sponsee_id: str, contact: Contact) -> "Saved":
        """Log one contact on its own (the quick log)."""
        from sponsordesk.rules.followthrough import LogEntry

        return self.log(sponsee_id, LogEntry(contact))

    def delete_contact(self: "Desk", sponsee_id: str, contact: Contact) -> "Saved":
        """Delete a contact as shown (its suggestions stay); the Saved's undo puts it back."""
        at = contact.at.astimezone()
        what = f"the {short_date(at.date(), self.today)} {kind_noun(contact.kind)}"
        return self.save(sponsee_id, contact_changes(sponsee_id, contact, None), undo=f"Deleted {what}",
                         undone=f"{what[0].upper()}{what[1:]} is back in the log.")

    def same_entry_logged(self: "Desk", sponsee_id: str, entry: LogEntry) -> Contact | None:
        """A contact logged within minutes of this one that says the same (for a retried `sponsordesk log`)."""
        from sponsordesk.rules.followthrough import suggestions_of

        new = entry.contact
        texts = sorted((s.text, s.due) for s in entry.suggestions)
        record = self._record(sponsee_id)
        for contact in self.store.contacts_in_year(sponsee_id, new.at.year):
            # a retry comes minutes later; two calls that went unanswered that evening are two attempts
            same = (abs(contact.at - new.at) <= RETRY_WINDOW and contact.kind == new.kind and contact.by == new.by
                    and contact.summary == new.summary and contact.minutes == new.minutes)
            given = sorted((s.text, s.due) for s in suggestions_of(contact.id, record.suggestions))
            if same and given == texts:
                return contact
        return None

    # ------------------------------------------------------------ reading the log

    def last_contacts(self: "Desk", sponsee_id: str, count: int) -> list[Contact]:
        """The newest ``count`` contacts with their words, read by a store of their own: safe on any thread
        (the card reads them in a worker, so a long log never holds up the roster's cursor)."""
        return list(islice(self.ctx.store(read_only=True).iter_contacts(sponsee_id), count))

    def contacts_in_year(self: "Desk", sponsee_id: str, year: int) -> list[Contact]:
        return self.store.contacts_in_year(sponsee_id, year)

    def iter_contacts(self: "Desk", sponsee_id: str) -> Iterator[Contact]:
        """Every contact with their words, newest first, one year file at a time."""
        return self.store.iter_contacts(sponsee_id)

    def pager(self: "Desk", sponsee_id: str, log_filter: LogFilter | None = None,
              extra_text: Mapping[str, str] | None = None) -> LogPager:
        """The contact log, a year file at a time, matching ``log_filter``."""
        from sponsordesk.desk.pager import LogPager
        from sponsordesk.rules.logfilter import LogFilter

        return LogPager(self.store, sponsee_id, log_filter or LogFilter(), extra_text or {})

    def read_plainly(self: "Desk", sponsee_id: str) -> tuple[QuickRecord, list[QuickSuggestion]] | None:
        """The sponsee's record as the index holds it and their suggestions read without pydantic
        (store/quick_log.py): the contact log's header and first page while the models are not built yet (the
        app builds them a moment after opening). None when they are built (the full reading is as quick
        then), the record is read in full already, an open "90 in 90" needs contacts older than the record
        holds, or the suggestions file needs the models."""
        from sponsordesk import model
        from sponsordesk.store import quick_log

        if model.all_loaded():
            return None
        record = next((r for r in self.records if r.id == sponsee_id and isinstance(r, QuickRecord)), None)
        if record is None:
            return None
        suggestions = quick_log.read_suggestions(self.store.root, sponsee_id)
        covered = recent_start(self.today)
        if suggestions is None or ninety_began(suggestions, covered) < covered:
            return None
        return record, suggestions

    def as_read(self: "Desk", sponsee_id: str, shown: Contact | QuickContact) -> Contact | None:
        """The entry ``shown`` as the models read it from its file now: itself when it is a model already; None
        when the file no longer holds it as it was shown (changed, moved or deleted since). For an entry of a
        page read plainly (``read_plainly``) that is about to be opened, edited or deleted: that one, no
        other."""
        if not isinstance(shown, QuickContact):
            return shown
        for contact in self.store.contacts_in_year(sponsee_id, shown.at.year):
            if contact.id == shown.id:
                same = all(getattr(contact, name) == value for name, value in zip(QuickContact._fields, shown))
                return contact if same else None
        return None

    def contacts_for_ninety(self: "Desk", sponsee_id: str) -> list:
        """Contacts back to the start of an open "90 meetings in 90 days" (the recent ones when it is newer)."""
        record = self._record(sponsee_id)
        covered = recent_start(self.today)
        begun = ninety_began(record.suggestions, covered)
        return record.recent if begun >= covered else self.store.recent_contacts(sponsee_id, begun)


