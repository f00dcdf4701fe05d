"""Which contacts a log search shows: words, a kind, a date range. No Textual, no files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sponsordesk.model import ContactKind
from sponsordesk.wording.labels import kind_label

if TYPE_CHECKING:
    from sponsordesk.model import Contact


@dataclass(frozen=True)
class LogFilter:
    """What the contact log shows: words to find, one kind of contact, and a date range."""

    text: str = ""
    kind: str | None = None
    since: date | None = None
    until: date | None = None

    @property
    def active(self) -> bool:
        return bool(self.text.strip() or self.kind or self.since or self.until)

    def wants_year(self, year: int) -> bool:
        return not ((self.since and year < self.since.year) or (self.until and year > self.until.year))

    def matches(self, contact: Contact, extra_text: str = "") -> bool:
        """``extra_text``: other words that belong to the entry (its suggestions)."""
        if self.kind and contact.kind != self.kind:
            return False
        if (self.since and contact.day < self.since) or (self.until and contact.day > self.until):
            return False
        needle = self.text.strip().lower()
        if not needle:
            return True
        haystack = " ".join([contact.summary, contact.meeting_notes, kind_label(contact.kind), extra_text])
        return all(word in haystack.lower() for word in needle.split())

    def describe(self) -> str:
        parts = []
        if self.text.strip():
            parts.append(f"“{self.text.strip()}”")
        if self.kind:
            parts.append(kind_label(self.kind))
        if self.since or self.until:
            parts.append(f"{self.since or '…'} to {self.until or '…'}")
        return ", ".join(parts)
