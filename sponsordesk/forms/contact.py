"""Reading the contact form: raw text in, a checked log entry or messages out.

The form screen only collects strings; every rule about what is acceptable
lives here so it can be tested without Textual. Messages name the field and
say what to type instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time

from sponsordesk.rules.followthrough import LogEntry, NewSuggestion, Resolution
from sponsordesk.model import Contact, ContactKind, Initiator, SuggestionStatus

_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")


@dataclass
class SuggestionRow:
    text: str = ""
    due: str = ""
    id: str | None = None
    """Set when the row edits a suggestion already given in this contact."""


@dataclass
class ResolutionRow:
    suggestion_id: str
    status: str = SuggestionStatus.OPEN.value
    note: str = ""


@dataclass
class ContactInput:
    """What the form holds, as typed."""

    day: str
    time: str
    kind: str = ContactKind.CALL.value
    by: str = Initiator.SPONSEE.value
    minutes: str = ""
    summary: str = ""
    relapse: bool = False
    crisis: bool = False
    meetings: str = ""
    meeting_notes: str = ""
    new_sobriety: str = ""
    """Only read when ``relapse`` is set; empty keeps the current date."""
    suggestions: list[SuggestionRow] = field(default_factory=list)
    resolutions: list[ResolutionRow] = field(default_factory=list)


def suggestion_field(index: int) -> str:
    return f"suggestion-{index}"


TODAY_WORDS = {"t", "today"}
"""Typed into a date field, these mean today (the form fills in the date at once)."""


def expand_today(text: str, today: date) -> str:
    """'t' or 'today' becomes today's date as YYYY-MM-DD; anything else is left alone."""
    return today.isoformat() if text.strip().casefold() in TODAY_WORDS else text


def _day(text: str, what: str, errors: dict[str, str], key: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        errors[key] = f"{what}: {text!r} is not a date; use YYYY-MM-DD, e.g. 2026-11-21"
        return None


def _time(text: str, errors: dict[str, str]) -> time | None:
    match = _TIME.match(text)
    if not text.strip():
        errors["time"] = "Time is needed, e.g. 19:30"
        return None
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        errors["time"] = f"Time: {text.strip()!r} is not a time; use HH:MM (24-hour), e.g. 19:30"
        return None
    return time(int(match.group(1)), int(match.group(2)))


def _count(text: str, what: str, limit: int, errors: dict[str, str], key: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    try:
        value = int(text)
    except ValueError:
        errors[key] = f"{what}: {text!r} is not a whole number"
        return None
    if value < 0:
        errors[key] = f"{what} cannot be negative"
    elif value > limit:
        errors[key] = f"{what}: at most {limit}"
    else:
        return value
    return None


def read_contact(
    form: ContactInput,
    *,
    today: date,
    contact_id: str,
    current_sobriety: date | None,
    was_relapse: bool = False,
) -> tuple[LogEntry | None, dict[str, str]]:
    """A log entry ready to save, or messages keyed by field (nothing to save)."""
    errors: dict[str, str] = {}
    if not form.day.strip():
        errors["date"] = "Date is needed, e.g. 2026-11-21"
    day = _day(form.day, "Date", errors, "date")
    if day is not None and day > today:
        errors["date"] = f"Date {day.isoformat()} is after today; log a contact once it has happened"
    at_time = _time(form.time, errors)
    minutes = _count(form.minutes, "Duration (minutes)", 24 * 60, errors, "minutes")
    meetings = _count(form.meetings, "Meetings", 500, errors, "meetings")
    kind = ContactKind(form.kind)
    if not form.summary.strip() and kind is not ContactKind.ATTEMPT:
        errors["summary"] = "Summary is needed: a line or two about what you talked about"

    new_sobriety = None
    if form.relapse and not was_relapse and form.new_sobriety.strip():
        new_sobriety = _day(expand_today(form.new_sobriety, today), "New sobriety date", errors, "sobriety")
        if new_sobriety is not None and new_sobriety > today:
            errors["sobriety"] = "New sobriety date is after today"
        elif new_sobriety is not None and current_sobriety is not None and new_sobriety <= current_sobriety:
            errors["sobriety"] = (f"New sobriety date must be after the current one ({current_sobriety.isoformat()}); "
                                  "leave it empty to keep it")

    suggestions: list[NewSuggestion] = []
    for index, row in enumerate(form.suggestions):
        key = suggestion_field(index)
        due = _day(row.due, "Due date", errors, key)
        if not row.text.strip():
            if row.id:
                errors[key] = "A suggestion needs its text; to take it back, mark it dropped in Open suggestions"
            elif row.due.strip():
                errors[key] = "Suggestion: type what you suggested, or clear the due date"
            continue
        if due is not None and day is not None and due < day:
            errors[key] = f"Due date {due.isoformat()} is before the day it was given"
        suggestions.append(NewSuggestion(row.text.strip(), due, row.id))

    if errors or day is None or at_time is None:
        return None, errors
    contact = Contact(
        id=contact_id, at=datetime.combine(day, at_time).astimezone(), kind=kind, by=Initiator(form.by),
        minutes=minutes, summary=form.summary.rstrip(), relapse=form.relapse, crisis=form.crisis,
        meetings=meetings, meeting_notes=form.meeting_notes.strip(),
    )
    resolutions = [
        Resolution(r.suggestion_id, SuggestionStatus(r.status), r.note.strip())
        for r in form.resolutions if r.status != SuggestionStatus.OPEN.value
    ]
    return LogEntry(contact, suggestions, resolutions, new_sobriety), {}
