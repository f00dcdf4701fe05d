"""Reading the log search's date range as typed."""

from __future__ import annotations

from datetime import date

from sponsordesk.forms.values import InputError, optional_day


def parse_range(since: str, until: str) -> tuple[date | None, date | None, dict[str, str]]:
    """Dates for a filter; messages keyed 'since' / 'until' for what did not parse."""
    errors: dict[str, str] = {}
    out: list[date | None] = []
    for key, text, label in (("since", since, "From"), ("until", until, "To")):
        try:
            out.append(optional_day(text, label, key))
        except InputError as error:
            errors[key] = str(error)
            out.append(None)
    first, last = out
    if first and last and first > last:
        errors["until"] = "To is before From"
    return first, last, errors
