"""Reading the step forms: an assignment's text and due date, a step's dates."""

from __future__ import annotations

from datetime import date

from sponsordesk.forms.values import InputError, optional_day
from sponsordesk.rules.steps import DATE_FIELDS


def read_assignment(text: str, due_text: str) -> tuple[str, date | None]:
    """The text and due date of an assignment; InputError naming 'text' or 'due'."""
    if not text.strip():
        raise InputError("Assignment: write what was suggested, e.g. 'Read pages 58-60'", "text")
    return text.strip(), optional_day(due_text, "Due", "due")


def read_step_dates(texts: dict[str, str]) -> dict[str, date | None]:
    """Each typed date field of a step (empty: none); InputError naming the field."""
    return {key: optional_day(text, DATE_FIELDS.get(key, key.capitalize()), key) for key, text in texts.items()}
