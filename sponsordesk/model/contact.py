"""Contacts (calls, texts, meetings, attempts) and the suggestions given."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field

from sponsordesk.model.base import SCHEMA_VERSION, AwareDatetime, Day, Record
from sponsordesk.model.limits import MAX_MEETINGS, MAX_MINUTES
from sponsordesk.model.plain import ContactFacts, ContactKind, ContactTiming, Initiator, SuggestionStatus

__all__ = ["Contact", "ContactFacts", "ContactFile", "ContactKind", "ContactTiming", "Initiator", "Suggestion",
           "SuggestionFile", "SuggestionStatus"]


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


class ContactFile(Record):
    """One year of a sponsee's contacts: contacts/2026.toml."""

    schema_version: int = SCHEMA_VERSION
    contact: list[Contact] = Field(default_factory=list)


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
