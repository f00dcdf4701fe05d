"""The rhythm of contact and meetings: pure counting over contacts, no Textual.

Everything here works on the contacts the store already loaded for the roster
(about the last 13 weeks), so no screen ever needs a whole log for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sponsordesk.model import Contact, Suggestion

WEEKS = 12
BARS = "▁▂▃▄▅▆▇█"
NO_CONTACT = "·"
"""A week with no contact at all: visibly different from a quiet week."""

NINETY = 90
_NINETY_IN_NINETY = re.compile(r"\b(90|ninety)\s+(meetings\s+)?in\s+(90|ninety)\b", re.IGNORECASE)


WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}


def weekly_counts(contacts: Iterable[Contact], today: date, weeks: int = WEEKS,
                  week_starts: str | None = None) -> list[int]:
    """Contacts that connected, per week, oldest week first.

    With ``week_starts`` ("monday", "sunday", ... from settings) the weeks are
    calendar weeks and the last one is this week so far; without it, the last
    seven days are the last week.
    """
    end = today
    if week_starts is not None:
        # the end of this calendar week, so every bucket is one whole week
        first = WEEKDAYS[week_starts]
        end = today - timedelta(days=(today.weekday() - first) % 7) + timedelta(days=6)
    counts = [0] * weeks
    for contact in contacts:
        if not contact.connected:
            continue
        day = contact.day  # a time-zone conversion: once per contact (the roster asks for every sponsee)
        if day > today:
            continue
        back = (end - day).days
        if 0 <= back < weeks * 7:
            counts[weeks - 1 - back // 7] += 1
    return counts


def sparkline(counts: list[int]) -> str:
    """One character per week: '·' for none, then eight heights up to the busiest week."""
    top = max(counts, default=0)
    if top == 0:
        return NO_CONTACT * len(counts)
    out = []
    for count in counts:
        if count == 0:
            out.append(NO_CONTACT)
        else:
            out.append(BARS[min(len(BARS) - 1, round((count / top) * (len(BARS) - 1)))])
    return "".join(out)


def compact_rhythm(contacts: Iterable[Contact], today: date, weeks: int = WEEKS) -> str:
    """A short sparkline of the last ``weeks`` weeks, e.g. for a roster column."""
    return sparkline(weekly_counts(contacts, today, weeks))


def rhythm_summary(counts: list[int]) -> str:
    """Warm words for the chart: how the last four weeks compare to the eight before."""
    if not any(counts):
        return "no contact in 12 weeks; a good time to reconnect"
    recent, earlier = sum(counts[-4:]) / 4, sum(counts[:-4]) / max(len(counts) - 4, 1)
    per_week = f"{sum(counts) / len(counts):.1f} a week"
    if earlier and recent < earlier / 2:
        return f"{per_week}; quieter lately, maybe reach out"
    return per_week


def meetings_since(contacts: Iterable[Contact], since: date, until: date) -> int:
    """Meetings reported in contacts dated ``since`` .. ``until`` (inclusive)."""
    return sum(c.meetings or 0 for c in contacts if since <= c.day <= until)


@dataclass(frozen=True)
class MeetingTotals:
    """Meetings the sponsee went to in the last 7, 30 and 90 days."""

    last_7: int
    last_30: int
    last_90: int

    def text(self) -> str:
        return f"{self.last_7} in 7 days · {self.last_30} in 30 · {self.last_90} in 90"


def meeting_totals(contacts: Iterable[Contact], today: date) -> MeetingTotals:
    """Meetings reported over the last 7, 30 and 90 days (today included)."""
    contacts = list(contacts)
    return MeetingTotals(*(meetings_since(contacts, today - timedelta(days=n - 1), today) for n in (7, 30, 90)))


def is_ninety_in_ninety(text: str) -> bool:
    return bool(_NINETY_IN_NINETY.search(text))


@dataclass(frozen=True)
class NinetyProgress:
    """How far a sponsee is into a suggested 90 meetings in 90 days."""

    suggestion: Suggestion
    meetings: int
    day: int
    """Day of the 90, counting the day it was given as day 1."""

    def text(self) -> str:
        if self.day > NINETY:
            return f"90 in 90: {self.meetings} meetings in {self.day} days"
        return f"90 in 90: {self.meetings} meetings by day {self.day}"

    @property
    def fraction(self) -> float:
        return min(self.meetings / NINETY, 1.0)


def ninety_began(suggestions: Iterable[Suggestion], default: date) -> date:
    """The day the earliest open "90 meetings in 90 days" was given (``default`` when none is open)."""
    return min((s.given for s in suggestions if s.is_open and is_ninety_in_ninety(s.text)), default=default)


def ninety_progress(suggestions: Iterable[Suggestion], contacts: Iterable[Contact], today: date) -> NinetyProgress | None:
    """Progress on an open "90 meetings in 90 days" suggestion, if there is one."""
    found = [s for s in suggestions if s.is_open and is_ninety_in_ninety(s.text)]
    if not found:
        return None
    suggestion = max(found, key=lambda s: s.given)
    meetings = meetings_since(contacts, suggestion.given, today)
    return NinetyProgress(suggestion, meetings, (today - suggestion.given).days + 1)
