"""Searching and paging one sponsee's contact log, a year file at a time. No Textual.

A log with thousands of entries opens instantly because nothing reads past
the year files the user has scrolled to; years outside a date filter are
never opened at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from sponsordesk.model import Contact, ContactKind
from sponsordesk.store import Store

PAGE_ROWS = 60
"""Load year files until at least this many rows match (or the log ends)."""


@dataclass(frozen=True)
class LogFilter:
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
        haystack = " ".join([contact.summary, contact.meeting_notes, ContactKind(contact.kind).label, extra_text])
        return all(word in haystack.lower() for word in needle.split())

    def describe(self) -> str:
        parts = []
        if self.text.strip():
            parts.append(f"“{self.text.strip()}”")
        if self.kind:
            parts.append(ContactKind(self.kind).label)
        if self.since or self.until:
            parts.append(f"{self.since or '…'} to {self.until or '…'}")
        return ", ".join(parts)


def parse_range(since: str, until: str) -> tuple[date | None, date | None, dict[str, str]]:
    """Dates for a filter; messages keyed 'since' / 'until' for what did not parse."""
    errors: dict[str, str] = {}
    out: list[date | None] = []
    for key, text, label in (("since", since, "From"), ("until", until, "To")):
        text = text.strip()
        try:
            out.append(date.fromisoformat(text) if text else None)
        except ValueError:
            errors[key] = f"{label}: {text!r} is not a date; use YYYY-MM-DD"
            out.append(None)
    first, last = out
    if first and last and first > last:
        errors["until"] = "To is before From"
    return first, last, errors


@dataclass
class LogPager:
    """Hands out matching contacts, newest first, one year file per step."""

    store: Store
    sponsee_id: str
    filter: LogFilter = field(default_factory=LogFilter)
    extra_text: Mapping[str, str] = field(default_factory=dict)
    """Contact id -> text searched along with it (its suggestions)."""
    years_read: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._years = [y for y in self.store.contact_years(self.sponsee_id) if self.filter.wants_year(y)]

    @property
    def done(self) -> bool:
        return not self._years

    @property
    def next_year(self) -> int | None:
        return self._years[0] if self._years else None

    def read_year(self) -> list[Contact]:
        """The next year file's matching contacts ([] when done)."""
        if not self._years:
            return []
        year = self._years.pop(0)
        self.years_read.append(year)
        contacts = self.store.contacts_in_year(self.sponsee_id, year)
        # entries logged for the same minute: the one logged last shows first
        ordered = [c for _, c in sorted(enumerate(contacts), key=lambda p: (p[1].at, p[0]), reverse=True)]
        return [c for c in ordered if self.filter.matches(c, self.extra_text.get(c.id, ""))]

    def next_page(self, rows: int = PAGE_ROWS) -> list[Contact]:
        """Whole year files until at least ``rows`` matches or the log ends."""
        out: list[Contact] = []
        while not self.done and len(out) < rows:
            out.extend(self.read_year())
        return out
