"""Single typed values: a date, a whole number, a cadence. Every form and command reads them here.

Messages say what was typed and what to type instead, and start with the
field's label when one is given ("Due date: 'soon' is not a date; ...").
"""

from __future__ import annotations

from datetime import date

from sponsordesk.model.limits import CADENCE_DAYS, MAX_MEETINGS, MAX_MINUTES, YEARS

EXAMPLE_DAY = "2026-11-21"

TODAY_WORDS = {"t", "today"}
"""Typed into a date field, these mean today (forms fill in the date at once)."""


class InputError(ValueError):
    """What was typed cannot be used; ``field`` names the form field (empty: the form as a whole)."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


def _labelled(label: str, message: str) -> str:
    return f"{label}: {message}" if label else message


def parse_day(text: str, label: str = "", field: str = "") -> date:
    """YYYY-MM-DD, or InputError with a message that says what was expected."""
    try:
        value = date.fromisoformat(text.strip())
    except ValueError:
        shown = text.strip()
        raise InputError(_labelled(label, f"{shown!r} is not a date; use YYYY-MM-DD, e.g. {EXAMPLE_DAY}"),
                         field) from None
    first, last = YEARS
    if not first <= value.year <= last:
        raise InputError(_labelled(label, f"the year {value.year} is not between {first} and {last}; "
                                          "check the date"), field)
    return value


def optional_day(text: str, label: str = "", field: str = "") -> date | None:
    """A date, or None for an empty field."""
    return parse_day(text, label, field) if text.strip() else None


def expand_today(text: str, today: date) -> str:
    """'t' or 'today' becomes today's date as YYYY-MM-DD; anything else is left alone."""
    return today.isoformat() if text.strip().casefold() in TODAY_WORDS else text


def whole_number(text: str, label: str, most: int, field: str = "", least: int = 0) -> int | None:
    """A whole number from ``least`` to ``most``, or None for an empty field."""
    text = text.strip()
    if not text:
        return None
    try:
        value = int(text)
    except ValueError:
        raise InputError(_labelled(label, f"{text!r} is not a whole number"), field) from None
    if value < least:
        raise InputError(f"{label} cannot be negative" if least == 0 else f"{label}: at least {least}", field)
    if value > most:
        raise InputError(_labelled(label, f"at most {most}"), field)
    return value


def minutes(text: str, field: str = "minutes") -> int | None:
    """How long a contact took, up to a day."""
    return whole_number(text, "Minutes", MAX_MINUTES, field)


def meetings(text: str, field: str = "meetings") -> int | None:
    return whole_number(text, "Meetings", MAX_MEETINGS, field)


def cadence(text: str, field: str = "cadence", label: str = "") -> int | None:
    """Days between calls: '3', '7 days'; None (empty) means the default for their clean time."""
    words = text.strip().casefold().removesuffix("days").removesuffix("day").removesuffix("d").strip()
    low, high = CADENCE_DAYS
    try:
        return whole_number(words, "Call every", high, field, least=low)
    except InputError:
        raise InputError(_labelled(label, f"days between calls: a whole number from {low} to {high}, "
                                          "or empty for the default"), field) from None
