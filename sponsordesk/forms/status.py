"""Rules for pausing, ending and snoozing: dates and reasons, checked before saving.

Pure (no Textual); each parser returns the value or {field: message}.
"""

from __future__ import annotations

from datetime import date, timedelta

from sponsordesk.forms.values import InputError, parse_day


def _day(text: str, field: str, errors: dict[str, str]) -> date | None:
    try:
        return parse_day(text)
    except InputError as error:
        errors[field] = str(error)
        return None


def parse_pause(until_text: str, today: date) -> tuple[date | None, dict[str, str]]:
    """The day a pause ends: they are back on the agenda that day."""
    errors: dict[str, str] = {}
    until = _day(until_text, "until", errors)
    if until is not None and until <= today:
        errors["until"] = "the day they are back must be after today"
    return (None if errors else until), errors


def parse_end(on_text: str, reason: str, today: date) -> tuple[date | None, dict[str, str]]:
    """The day the sponsorship ended (today or earlier) and why, both needed."""
    errors: dict[str, str] = {}
    on = _day(on_text, "ended", errors)
    if on is not None and on > today:
        errors["ended"] = "an end date cannot be in the future"
    if not reason.strip():
        errors["reason"] = "needed: a few words on why it ended, kept in the profile (e.g. 'moved away')"
    return (None if errors else on), errors


def parse_snooze(text: str, today: date) -> tuple[date | None, dict[str, str]]:
    """The day they come back on the agenda; 'tomorrow' or a date after today."""
    errors: dict[str, str] = {}
    if text.strip().casefold() == "tomorrow":
        return today + timedelta(days=1), errors
    until = _day(text, "until", errors)
    if until is not None and until <= today:
        errors["until"] = "snooze until a day after today, e.g. tomorrow"
    return (None if errors else until), errors
