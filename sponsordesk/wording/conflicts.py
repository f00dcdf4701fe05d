"""How a conflict reads: which entry, which field, and each version's value."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sponsordesk.wording.dates import short_date
from sponsordesk.wording.labels import KINDS, REACHED_OUT, STEP_STATUS, SUGGESTION_STATUS

FIELDS = {
    "summary": "summary", "at": "date and time", "kind": "kind", "by": "who reached out", "minutes": "minutes",
    "relapse": "relapse", "crisis": "crisis", "meetings": "meetings", "meeting_notes": "meeting notes",
    "text": "text", "due": "due", "status": "status", "resolved": "resolved on", "outcome": "how it went",
    "given": "given on", "notes": "notes", "started": "started", "completed": "done on",
    "revisited": "revisiting since", "done": "done", "done_on": "done on", "name": "name", "phone": "phone",
    "reach": "best way", "home_group": "home group", "sobriety": "sobriety dates", "program": "program",
    "cadence_days": "call every", "snoozed_until": "snoozed until", "display_name": "shown as",
}

FREE_TEXT = {"summary", "meeting_notes", "text", "outcome", "notes", "reach"}
"""Fields that hold what the sponsor wrote: masked while names and notes are hidden."""


def field_label(name: str) -> str:
    """'summary', 'assignment · text' for a nested one."""
    parts = name.split(".")
    if len(parts) >= 3:
        return f"{parts[0]} · {FIELDS.get(parts[-1], parts[-1])}"
    if len(parts) == 2:
        return parts[0]
    return FIELDS.get(name, name.replace("_", " "))


def entry_title(conflict: Any) -> str:
    """'contacts/2026.toml: the contact of Nov 20', 'steps.toml: step 4', 'profile.toml'."""
    kind, ident = conflict.key
    where = conflict.file.split("/", 2)[-1] if conflict.file.startswith("sponsees/") else conflict.file
    entry = conflict.mine or conflict.theirs or {}
    if kind == "contact" and isinstance(entry.get("at"), datetime):
        what = f"the contact of {short_date(entry['at'].astimezone().date())}"
    elif kind == "step":
        what = f"step {ident}"
    elif kind == "suggestion":
        what = "a suggestion"
    else:
        what = "the profile"
    if conflict.reason == "deleted":
        return f"{where}: {what} was deleted in the file"
    if conflict.reason == "exists":
        return f"{where}: {what} is already in the file, written differently"
    return f"{where}: {what}"


WORDS = {
    **{("by", value): words for value, words in REACHED_OUT.items()},
    **{("kind", value): words for value, words in KINDS.items()},
    # a step's and a suggestion's statuses share no value ("done" is a step's, "followed" a suggestion's)
    **{("status", value): words for value, words in {**STEP_STATUS, **SUGGESTION_STATUS}.items()},
}
"""Stored values the screens say in words ("who reached out: you did", not "sponsor"; "status: not
started", not "not_started"), as the forms and tables say them (wording/labels.py)."""


def shown_value(value: Any, note: Callable[[str], str], field: str = "") -> str:
    """A value as a person reads it; free text goes through ``note`` (masked while hidden). ``field``: its
    name ("by", "steps.3.notes"), for values said in words."""
    said = WORDS.get((field.split(".")[-1], str(value))) if isinstance(value, str) else None
    if said is not None:
        return said
    if value is None:
        return "(empty)"
    if isinstance(value, datetime):
        return f"{short_date(value.astimezone().date())} {value.astimezone():%H:%M}"
    if isinstance(value, date):
        return short_date(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return "; ".join(f"{field_label(k)}: {shown_value(v, note, k)}" for k, v in value.items()
                         if k not in ("id", "number", "schema_version"))
    if isinstance(value, list):
        return "; ".join(shown_value(v, note) for v in value) or "(none)"
    text = str(value)
    return note(text) if text.strip() else "(empty)"
