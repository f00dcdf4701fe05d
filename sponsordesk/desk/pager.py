"""Paging one sponsee's contact log, a year file at a time. No Textual.

A log with thousands of entries opens instantly because nothing reads past
the year files the user has scrolled to; years outside a date filter are
never opened at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from sponsordesk.rules.logfilter import LogFilter
from sponsordesk.store import Store, quick_log
from sponsordesk.store.quick import QuickContact

if TYPE_CHECKING:
    from sponsordesk.model import Contact


PAGE_ROWS = 60
"""Load year files until at least this many rows match (or the log ends)."""


@dataclass(eq=False, repr=False)  # never compared or printed; Python 3.11 compiles each method at import, every start
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
        return self._matching(self.store.contacts_in_year(self.sponsee_id, year))

    def read_year_plainly(self) -> list[QuickContact] | None:
        """The next year file's matching contacts read without pydantic (store/quick_log.py), as
        ``read_year`` orders them; None, with the year still to read, when the models must read it."""
        if not self._years:
            return []
        contacts = quick_log.read_year(self.store.root, self.sponsee_id, self._years[0])
        if contacts is None:
            return None
        self.years_read.append(self._years.pop(0))
        return self._matching(contacts)

    def _matching(self, contacts: list) -> list:
        """``contacts`` (one year file's, in its order or the store's, which keeps it among contacts of the
        same minute) that match, newest first, those logged for the same minute with the one logged last
        first."""
        ordered = [c for _, c in sorted(enumerate(contacts), key=lambda p: (p[1].at, p[0]), reverse=True)]
        return [c for c in ordered if self.filter.matches(c, self.extra_text.get(c.id, ""))]

    def next_page(self, rows: int = PAGE_ROWS) -> list[Contact]:
        """Whole year files until at least ``rows`` matches or the log ends."""
        out: list[Contact] = []
        while not self.done and len(out) < rows:
            out.extend(self.read_year())
        return out
