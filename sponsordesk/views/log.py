"""How one contact reads as a row of the log table, as plain text (the screen styles it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sponsordesk.desk import Desk
from sponsordesk.rules.followthrough import suggestions_of
from sponsordesk.wording.dates import date_and_time
from sponsordesk.wording.labels import reached_out_short, short_kind
from sponsordesk.wording.text import clip

if TYPE_CHECKING:
    from sponsordesk.model import Contact, Suggestion


COLUMNS = [("when", "When"), ("kind", "Kind"), ("by", "By"), ("minutes", "Min"), ("summary", "Summary"),
           ("flags", "Flags"), ("suggestions", "Suggested")]
FLAGS = [key for key, _ in COLUMNS].index("flags")
"""The column the screen colours (relapse, crisis)."""

FIXED_WIDTH = 12 + 9 + 4 + 3 + 7 + 2 * len(COLUMNS) + 2
"""Every column but summary and suggestions, with cell padding and the scrollbar."""


def first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


class LogRows:
    """Turns contacts into table cells that fit the terminal's width."""

    def __init__(self, desk: Desk, suggestions: list[Suggestion], width: int) -> None:
        self.desk = desk
        self.suggestions = suggestions
        self.width = width
        self.today = desk.today
        wider_times = 3 if desk.ctx.settings.time_format == "12h" else 0  # "7:30 PM" against "19:30"
        free = max(width - FIXED_WIDTH - wider_times, 20)
        self.summary_width = free * 2 // 3
        self.suggestion_width = free - self.summary_width
        self._contacts: dict[str, Contact] = {}

    def remember(self, contact: Contact, key: str | None = None) -> None:
        """``key``: the row's, when it is not the contact's id (one id in two year files)."""
        self._contacts[key or contact.id] = contact

    def contact(self, key: str) -> Contact | None:
        return self._contacts.get(key)

    def at_width(self, width: int) -> LogRows:
        """The same rows for another width of terminal: every contact remembered, under the same key."""
        rows = LogRows(self.desk, self.suggestions, width)
        rows._contacts = dict(self._contacts)
        return rows

    def when(self, contact: Contact) -> str:
        return date_and_time(contact.at.astimezone(), self.today, self.desk.ctx.settings.time_format)

    def cells(self, contact: Contact) -> list[str]:
        """One row, a string per column of COLUMNS (the flags column holds 'relapse', 'crisis' or both)."""
        note = self.desk.note
        given = suggestions_of(contact.id, self.suggestions)
        suggested = ""
        if given:
            suggested = clip(note(given[0].text), self.suggestion_width - (3 if len(given) > 1 else 0))
            suggested += f" +{len(given) - 1}" if len(given) > 1 else ""
        flags = " ".join(f for f, on in (("relapse", contact.relapse), ("crisis", contact.crisis)) if on)
        return [
            self.when(contact), short_kind(contact.kind), reached_out_short(contact.by),
            "" if contact.minutes is None else str(contact.minutes),
            clip(note(first_line(contact.summary)), self.summary_width), flags, suggested,
        ]
