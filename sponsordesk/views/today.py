"""Today's agenda as lines to show: the Today panel and `sponsordesk today` print the same ones."""

# no `from __future__ import annotations`: TodayLine is a named tuple (see store/quick.py)
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from sponsordesk.rules.agenda import Assessment
from sponsordesk.views.status import marker
from sponsordesk.wording.dates import long_date, weekday_date
from sponsordesk.wording.numbers import plural

if TYPE_CHECKING:
    from sponsordesk.desk import Desk

NOBODY = "Nobody is due today. ✓"


def nobody(unread: int) -> str:
    """What the panel says with nobody on the agenda: no tick while files did not load (someone in them
    may be due)."""
    if not unread:
        return NOBODY
    them = "it" if unread == 1 else "them"
    return (f"Nobody is due among the sponsees that loaded. {plural(unread, 'file')} did not load (ctrl+r "
            f"lists {them}); someone in {them} may be due.")


class TodayLine(NamedTuple):
    id: str
    name: str
    """As the desk shows it (initials while names are hidden)."""
    marker: str
    """'!!', '●' or '★': the status column's symbol."""
    tone: str
    """A theme colour name: overdue, due, milestone, relapse, fine."""
    reasons: list[str]
    phone: str = ""
    """Their number, for the panel where there is room ('' when none; masked while names are hidden)."""


def today_lines(desk: "Desk", agenda: list[Assessment]) -> list[TodayLine]:
    """One line per sponsee on the agenda, most urgent first (the agenda's own order)."""
    out = []
    for found in agenda:
        tone, text = marker(found)
        sponsee = found.record.sponsee
        out.append(TodayLine(found.id, desk.name(sponsee), text.split()[0], tone,
                             [reason.text for reason in found.reasons], desk.note(sponsee.phone.strip())))
    return out


def panel_heading(day: date, count: int, unread: int = 0) -> str:
    """'Today · Sat Nov 21 · 2 to reach out to', and ' · 1 file did not load' while one does not (someone
    may be missing from the agenda: it stays said after the notification has gone)."""
    heading = f"Today · {weekday_date(day)} · {count} to reach out to"
    if unread:
        heading += f" · {plural(unread, 'file')} did not load"
    return heading


def command_heading(day: date, count: int) -> str:
    """'Saturday 21 November 2026: 2 people to reach out to'."""
    who = plural(count, "person", "people")
    return f"{long_date(day)}: {who} to reach out to" if count else f"{long_date(day)}: nobody is due today."
