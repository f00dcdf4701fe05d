"""Contacts (calls, texts, meetings, attempts) and the suggestions given."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from pydantic import Field

from sponsordesk.model.base import SCHEMA_VERSION, AwareDatetime, Day, Record
from sponsordesk.model.limits import MAX_MEETINGS, MAX_MINUTES


class ContactKind(StrEnum):
    CALL = "call"
    TEXT = "text"
    IN_PERSON = "in_person"
    MEETING = "meeting"
    STEP_WORK = "step_work"
    ATTEMPT = "attempt"

    @property
    def connected(self) -> bool:
        """An attempt that did not connect does not reset the cadence clock."""
        return self is not ContactKind.ATTEMPT


class Initiator(StrEnum):
    SPONSEE = "sponsee"
    SPONSOR = "sponsor"


class ContactTiming:
    """What a contact and its facts both answer: did it connect, and on which day."""

    # No annotations here: pydantic would take them for fields of Contact.
    __slots__ = ()

    @property
    def connected(self) -> bool:
        return ContactKind(self.kind).connected

    @property
    def day(self) -> date:
        """The date on this machine's clock, as the agenda counts days (a call
        logged at 23:30 in another offset still falls on the sponsor's evening)."""
        return self.at.astimezone().date()


class Contact(ContactTiming, Record):
    id: str
    at: AwareDatetime
    kind: ContactKind = ContactKind.CALL
    by: Initiator = Initiator.SPONSEE
    """Who reached out."""
    minutes: int | None = Field(default=None, ge=0, le=MAX_MINUTES)
    summary: str = ""
    relapse: bool = False
    """A relapse was mentioned."""
    crisis: bool = False
    meetings: int | None = Field(default=None, ge=0, le=MAX_MEETINGS)
    """Meetings the sponsee reports since the last talk."""
    meeting_notes: str = ""
    """Which kinds or groups, e.g. "home group, step study"."""


@dataclass(frozen=True, slots=True)
class ContactFacts(ContactTiming):
    """A contact without the words: what the roster, agenda and rhythm need.

    No summary, no meeting notes, no unknown keys: nothing the sponsor typed.
    This is what ``SponseeRecord.recent`` holds (and what the disposable
    facts cache keeps outside the data folder), so no screen can show or
    save a summary from it by accident: a summary is read from the store.
    """

    id: str
    at: datetime
    kind: str = ContactKind.CALL.value
    by: str = Initiator.SPONSEE.value
    minutes: int | None = None
    relapse: bool = False
    crisis: bool = False
    meetings: int | None = None

    @classmethod
    def of(cls, contact: Contact) -> "ContactFacts":
        return cls(contact.id, contact.at, str(contact.kind), str(contact.by), contact.minutes,
                   contact.relapse, contact.crisis, contact.meetings)


class ContactFile(Record):
    """One year of a sponsee's contacts: contacts/2026.toml."""

    schema_version: int = SCHEMA_VERSION
    contact: list[Contact] = Field(default_factory=list)


class SuggestionStatus(StrEnum):
    OPEN = "open"
    FOLLOWED = "followed"
    NOT_FOLLOWED = "not_followed"
    DROPPED = "dropped"


class Suggestion(Record):
    """Something the sponsor suggested, and whether it was followed through."""

    id: str
    text: str = Field(min_length=1)
    given: Day
    contact: str | None = None
    """Id of the contact it was given in."""
    due: Day | None = None
    status: SuggestionStatus = SuggestionStatus.OPEN
    resolved: Day | None = None
    outcome: str = ""

    @property
    def is_open(self) -> bool:
        return self.status == SuggestionStatus.OPEN


class SuggestionFile(Record):
    """All of a sponsee's suggestions: suggestions.toml.

    Kept apart from contacts so resolving one never rewrites old history.
    """

    schema_version: int = SCHEMA_VERSION
    suggestion: list[Suggestion] = Field(default_factory=list)
