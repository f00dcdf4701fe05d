"""Reading the contact form: raw text in, a checked log entry or messages out.

The form screen only collects strings; every rule about what is acceptable
lives here so it can be tested without Textual. Messages name the field and
say what to type instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from sponsordesk.forms import values
from sponsordesk.forms.values import InputError, expand_today, optional_day
from sponsordesk.rules.followthrough import LogEntry, NewSuggestion, Resolution
from sponsordesk.model import ContactKind, Initiator, SuggestionStatus

if TYPE_CHECKING:
    from sponsordesk.model import Contact


_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")


@dataclass
class SuggestionRow:
    """One suggestion line of the contact form, as typed."""

    text: str = ""
    due: str = ""
    id: str | None = None
    """Set when the row edits a suggestion already given in this contact."""


@dataclass
class ResolutionRow:
    """How the contact form marks one open suggestion: followed through, not followed, dropped, or still open."""

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
    """The key of a problem with a suggestion row's text (its due date's is ``suggestion_due_field``)."""
    return f"suggestion-{index}"


def suggestion_due_field(index: int) -> str:
    """The key of a problem with a suggestion row's due date: the form puts the cursor there, not in the text."""
    return f"suggestion-{index}-due"


def _day(text: str, what: str, errors: dict[str, str], key: str) -> date | None:
    try:
        return optional_day(text, what, key)
    except InputError as error:
        errors[key] = str(error)
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


def _count(read, text: str, errors: dict[str, str]) -> int | None:
    try:
        return read(text)
    except InputError as error:
        errors[error.field] = str(error)
        return None


def _typed_changes(shown: Contact, fields: dict) -> dict:
    """The fields that differ from ``shown`` as a person reads them (to the minute, without edge spaces)."""
    at = shown.at.astimezone()
    same = {
        "at": (at.date(), at.hour, at.minute) == (fields["at"].date(), fields["at"].hour, fields["at"].minute),
        "summary": shown.summary.rstrip() == fields["summary"],
        "meeting_notes": shown.meeting_notes.strip() == fields["meeting_notes"],
    }
    return {key: value for key, value in fields.items()
            if not same.get(key, getattr(shown, key) == value)}


def read_contact(
    form: ContactInput,
    *,
    today: date,
    contact_id: str,
    current_sobriety: date | None,
    was_relapse: bool = False,
    shown: Contact | None = None,
) -> tuple[LogEntry | None, dict[str, str]]:
    """A log entry ready to save, or messages keyed by field (nothing to save).

    ``shown`` is the contact being edited, as the form showed it: a field left
    as shown keeps its exact value (seconds, a trailing line break, keys
    sponsordesk does not know), so the save changes only what was typed.
    """
    from sponsordesk.model import Contact

    errors: dict[str, str] = {}
    if not form.day.strip():
        errors["date"] = "Date is needed, e.g. 2026-11-21"
    day = _day(form.day, "Date", errors, "date")
    if day is not None and day > today:
        errors["date"] = f"Date {day.isoformat()} is after today; log a contact once it has happened"
    at_time = _time(form.time, errors)
    minutes = _count(values.minutes, form.minutes, errors)
    meetings = _count(values.meetings, form.meetings, errors)
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
        key, due_key = suggestion_field(index), suggestion_due_field(index)
        due = _day(row.due, "Due date", errors, due_key)
        if not row.text.strip():
            if row.id:
                errors[key] = "A suggestion needs its text; to take it back, mark it dropped in Open suggestions"
            elif row.due.strip():
                errors[key] = "Suggestion: type what you suggested, or clear the due date"
            continue
        if due is not None and day is not None and due < day:
            errors[due_key] = f"Due date {due.isoformat()} is before the day it was given"
        suggestions.append(NewSuggestion(row.text.strip(), due, row.id))

    if errors or day is None or at_time is None:
        return None, errors
    fields = dict(
        at=datetime.combine(day, at_time).astimezone(), kind=kind, by=Initiator(form.by),
        minutes=minutes, summary=form.summary.rstrip(), relapse=form.relapse, crisis=form.crisis,
        meetings=meetings, meeting_notes=form.meeting_notes.strip(),
    )
    if shown is None:
        contact = Contact(id=contact_id, **fields)
    else:
        contact = shown.model_copy(update=_typed_changes(shown, fields), deep=True)
    resolutions = [
        Resolution(r.suggestion_id, SuggestionStatus(r.status), r.note.strip())
        for r in form.resolutions if r.status != SuggestionStatus.OPEN.value
    ]
    return LogEntry(contact, suggestions, resolutions, new_sobriety), {}
