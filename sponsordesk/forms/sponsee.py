"""The add/edit sponsee form's rules: each bad field gets its own message.

Pure (no Textual): the form shows the messages next to the fields, and
nothing is saved until ``parse_sponsee`` returns a sponsee.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import TYPE_CHECKING

from sponsordesk.forms import values
from sponsordesk.forms.values import InputError, parse_day
from sponsordesk.wording.program import SOBRIETY, TimeWords
from sponsordesk.wording.validation import plain_message

if TYPE_CHECKING:
    from sponsordesk.model import SobrietyDate, Sponsee


FIELDS = ("name", "program", "sobriety", "cadence", "phone", "reach", "home_group", "notes")
"""Form fields, in order; messages are keyed by these names."""

MODEL_FIELDS = {"name": ("name",), "program": ("program",), "sobriety": ("sobriety",), "cadence": ("cadence_days",),
                "phone": ("phone",), "reach": ("reach",), "home_group": ("home_group",), "notes": ("notes",)}
"""The profile fields each form field sets."""


def form_values(sponsee: Sponsee | None, default_program: str = "AA") -> dict[str, str]:
    """What the form starts with: the sponsee's values, or blanks for a new one."""
    if sponsee is None:
        return {key: "" for key in FIELDS} | {"program": default_program}
    return {
        "name": sponsee.name,
        "program": sponsee.program,
        "sobriety": sponsee.sobriety_date.isoformat() if sponsee.sobriety_date else "",
        "cadence": str(sponsee.cadence_days) if sponsee.cadence_days else "",
        "phone": sponsee.phone,
        "reach": sponsee.reach,
        "home_group": sponsee.home_group,
        "notes": sponsee.notes,
    }


def _sobriety(text: str, existing: Sponsee | None, today: date, errors: dict[str, str],
              words: TimeWords) -> list[SobrietyDate]:
    """The sobriety list after the edit: a later date is added on top, never replacing history."""
    from sponsordesk.model import SobrietyDate

    kept = list(existing.sobriety) if existing else []
    if not text.strip():
        if kept:
            errors["sobriety"] = "dates are kept for history; to correct one, open their card (i) and press h"
        return kept
    try:
        day = parse_day(text)
    except InputError as error:
        errors["sobriety"] = str(error)
        return kept
    if kept and day == kept[0].date:
        # as saved: a date after today from the file (typed by hand) must not stop an edit of the phone;
        # the card says it is after today, and h corrects it
        return kept
    if day > today:
        errors["sobriety"] = f"that date is in the future; use {words.first}"
    elif kept and day < kept[0].date:
        errors["sobriety"] = (f"earlier than the current date {kept[0].date}; to correct that one, "
                              "open their card (i) and press h")
    elif not kept or day > kept[0].date:
        return [SobrietyDate(date=day), *kept]
    return kept


def _cadence(text: str, errors: dict[str, str]) -> int | None:
    try:
        return values.cadence(text)
    except InputError as error:
        errors["cadence"] = str(error)
        return None


def parse_sponsee(values: Mapping[str, str], *, today: date, programs: list[str], existing: Sponsee | None,
                  new_id: Callable[[str], str], words: TimeWords = SOBRIETY) -> tuple[Sponsee | None, dict[str, str]]:
    """(sponsee, {}) when every field is good, else (None, {field: message}).

    ``words``: the chosen program's for the time a sponsee counts (Al-Anon's "their first meeting")."""
    from pydantic import ValidationError

    from sponsordesk.model import Sponsee

    errors: dict[str, str] = {}
    name = values.get("name", "").strip()
    if not name:
        errors["name"] = "a name is needed (first name and last initial is enough)"
    program = values.get("program", "").strip()
    if program not in programs:
        errors["program"] = f"choose one of {', '.join(programs)}"
    sobriety = _sobriety(values.get("sobriety", ""), existing, today, errors, words)
    cadence = _cadence(values.get("cadence", ""), errors)
    if errors:
        return None, errors
    fields = {
        "name": name, "program": program, "sobriety": sobriety, "cadence_days": cadence,
        "phone": values.get("phone", "").strip(), "reach": values.get("reach", "").strip(),
        "home_group": values.get("home_group", "").strip(), "notes": values.get("notes", ""),
    }
    try:
        if existing is None:
            return Sponsee(id=new_id(name), sponsored_since=today, **fields), {}
        changed = existing.model_copy(deep=True)
        for key, value in fields.items():
            was = getattr(existing, key)
            if isinstance(was, str) and isinstance(value, str) and was.strip() == value.strip():
                continue  # left as shown: kept exactly as written (spaces and all), so it is not a change
            setattr(changed, key, value)
        return changed, {}
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = str(first["loc"][0]) if first.get("loc") else "name"
        return None, {where if where in FIELDS else "name": plain_message(first)}
