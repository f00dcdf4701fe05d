"""An iCalendar file: upcoming milestones and the next call due, per sponsee.

UIDs are derived from the sponsee id and what the event is ("1 year", "next
call"), never from a date, so importing a newer export moves an event
instead of adding a second one (also after a relapse resets the date).

Calendar apps keep an event that is simply left out of a newer file, so the
events of a sponsee who was paused or whose sponsorship ended (within the
last year) are written again with STATUS:CANCELLED: importing the file takes
them off the calendar. SEQUENCE is the export's time in seconds since 2020,
so it grows with every export (RFC 5545 asks it to grow when an event
changes; Outlook keeps the old event otherwise), with no state to keep.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from icalendar import Calendar, Event

from sponsordesk import __version__
from sponsordesk.rules.cadence import cadence_for
from sponsordesk.rules.cleantime import milestones
from sponsordesk.desk import Desk
from sponsordesk.model import SponseeRecord, SponseeState
from sponsordesk.wording.text import one_line
from sponsordesk.wording.program import time_words

HORIZON_DAYS = 366
"""Milestones up to a year ahead (366 so a leap day's anniversary is in)."""

_SEQUENCE_EPOCH = datetime(2020, 1, 1, tzinfo=timezone.utc)

CANCEL_DAYS = 366
"""An ended sponsorship's events are sent as cancelled for a year after it ended; by then any calendar has them."""


@dataclass(frozen=True)
class CalendarEntry:
    """One event of the calendar export: a milestone or the next call due."""

    uid: str
    day: date
    summary: str
    description: str
    cancelled: bool = False
    """The sponsee is paused that day or the sponsorship ended: the event is sent cancelled, to take it off."""


def label_key(label: str) -> str:
    """'1 year' -> '1y', '30 days' -> '30d', '24 hours' -> '24h' (for UIDs)."""
    match = re.match(r"(\d+) (\w)", label)
    return f"{match.group(1)}{match.group(2)}" if match else re.sub(r"\W+", "-", label)


def call_due_day(record: SponseeRecord, today: date, desk: Desk) -> date:
    """When the next call is due: last connected contact + cadence, never before today."""
    sponsee = record.sponsee
    last = record.last_connected
    due = today if last is None else last.day + timedelta(days=cadence_for(sponsee, today, desk.ctx.settings.cadence))
    if sponsee.snoozed_until and sponsee.snoozed_until > due:
        due = sponsee.snoozed_until
    if sponsee.status.until and not sponsee.is_active_on(due):
        due = sponsee.status.until
    return max(due, today)


def _private(desk: Desk, detail: str) -> str:
    # A calendar shows on lock screens: with names hidden, leave out the
    # fellowship and dates as well, not just the name.
    return "" if desk.hidden else detail


def _uid_name(desk: Desk, sponsee_id: str) -> str:
    """What names a sponsee in an event's UID: the folder id, made from the name, so with names hidden a
    digest of it instead (as stable, so a calendar that re-imports still updates its events)."""
    if not desk.hidden:
        return sponsee_id
    import hashlib

    return "s" + hashlib.sha256(f"sponsordesk calendar {sponsee_id}".encode()).hexdigest()[:16]


def entries(desk: Desk) -> list[CalendarEntry]:
    """Every event the calendar holds, by day then summary."""
    today = desk.today
    until = today + timedelta(days=HORIZON_DAYS)
    out: list[CalendarEntry] = []
    for record in desk.records:
        sponsee = record.sponsee
        ended = sponsee.status.ended if sponsee.state == SponseeState.ENDED else None
        if ended is not None and (today - ended).days > CANCEL_DAYS:
            continue  # cancelled long ago: calendars have let go of these events
        name = one_line(desk.name(sponsee))
        who = _uid_name(desk, sponsee.id)
        since = sponsee.sobriety_date
        if since is not None:
            program = desk.program(sponsee)
            for milestone in milestones(since, program, until):
                if milestone.day < today:
                    continue
                after = time_words(program.counts_sobriety).after  # "clean"; "in the program" for Al-Anon
                detail = f"{milestone.label} {after} ({program.key}), counted from {since.isoformat()}. "
                out.append(CalendarEntry(
                    uid=f"milestone-{label_key(milestone.label)}-{who}@sponsordesk",
                    day=milestone.day, summary=f"{name} - {milestone.label}",
                    description=_private(desk, detail) + "A day worth a call.",
                    cancelled=not sponsee.is_active_on(milestone.day)))
        due = call_due_day(record, today, desk)
        every = cadence_for(sponsee, today, desk.ctx.settings.cadence)
        last = record.last_connected
        talked = f"Last talked {last.day.isoformat()}. " if last else "No contact logged yet. "
        rhythm = "every day" if every == 1 else f"every {every} days"
        out.append(CalendarEntry(
            uid=f"next-call-{who}@sponsordesk", day=due, summary=f"{name} - call due",
            description=_private(desk, talked) + f"Time to reconnect (you meant to talk {rhythm}).",
            cancelled=not sponsee.is_active_on(due)))
    return sorted(out, key=lambda e: (e.day, e.summary))


def build_calendar(desk: Desk, now: datetime) -> Calendar:
    cal = Calendar()
    cal.add("prodid", f"-//sponsordesk//sponsordesk {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "sponsordesk")
    # calendar apps that subscribe to the file re-read it twice a day
    cal.add("refresh-interval", timedelta(hours=12), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT12H")
    stamp = now.astimezone(timezone.utc).replace(microsecond=0)
    # Some apps (Outlook) only replace an imported event when SEQUENCE grows: the export's second always
    # grows (days did not: two exports on one day carried the same number though the event had moved).
    sequence = max(int((stamp - _SEQUENCE_EPOCH).total_seconds()), 0)
    for entry in entries(desk):
        event = Event()
        event.add("uid", entry.uid)
        event.add("summary", entry.summary)
        event.add("description", entry.description)
        event.add("dtstart", entry.day)
        event.add("dtend", entry.day + timedelta(days=1))
        event.add("dtstamp", stamp)
        event.add("sequence", sequence)
        event.add("transp", "TRANSPARENT")  # all-day reminders never block time
        event.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
        cal.add_component(event)
    return cal


def calendar_text(desk: Desk, now: datetime) -> str:
    return build_calendar(desk, now).to_ical().decode("utf-8")
