"""The log's first page without pydantic: a year of contacts and the suggestions, read plainly.

Opened a moment after start, the contact log waited for the models (importing pydantic and building them
took about 200 ms of the 300 the log took at 100 sponsees, ``python -m bench``). These read the two files
the first page shows into stand-ins (store/quick.py) with the standard library, and only when every
entry is one the models would read to the same values: the keys the models know with values of exactly
the types they hold, in their ranges. Anything else (a key unknown or misspelt, a number written as text,
a date out of range, a time without a zone, versions kept by a sync, two entries with one id, an empty or
broken file, another schema) answers None, and the screen reads the file through the models as before,
which say what is wrong with it. Nothing here writes or reports: the models read the same files a moment
later (the app builds them in the background), and the page is drawn again from them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from sponsordesk.model.limits import MAX_MEETINGS, MAX_MINUTES, SCHEMA_VERSION, YEARS
from sponsordesk.model.plain import ContactKind, Initiator, SuggestionStatus
from sponsordesk.store import layout, tomlio
from sponsordesk.store.quick import QuickContact, QuickSuggestion
from sponsordesk.store.sync_stamps import DELETED, REV

_FILE_KEYS = frozenset({"schema_version", REV, DELETED})
"""A file's own keys the models never see (the sync's stamp and tombstones; its kept versions are not
here: the store reports those)."""

T = TypeVar("T", QuickContact, QuickSuggestion)

_KINDS = frozenset(kind.value for kind in ContactKind)
_BY = frozenset(by.value for by in Initiator)
_STATUSES = frozenset(status.value for status in SuggestionStatus)
_CONTACT_KEYS = frozenset(QuickContact._fields) | {REV}
_SUGGESTION_KEYS = frozenset(QuickSuggestion._fields) | {REV}


class _NotSure(Exception):
    """A value the plain reading might read otherwise than the models: they read the file."""


def read_year(root: Path, sponsee_id: str, year: int) -> list[QuickContact] | None:
    """One year file's contacts, in the file's order ([] when there is no such file); None when the models
    must read it."""
    contacts = _read(layout.contacts_path(root, sponsee_id, year), "contact", _contact)
    if contacts is None or any(contact.at.year != year for contact in contacts):
        return None  # the store reports a contact in another year's file
    return contacts


def read_suggestions(root: Path, sponsee_id: str) -> list[QuickSuggestion] | None:
    """The sponsee's suggestions in the file's order ([] when there is no file); None when the models must
    read it."""
    return _read(layout.suggestions_path(root, sponsee_id), "suggestion", _suggestion)


def _read(path: Path, array: str, make: Callable[[Any], T]) -> list[T] | None:
    """The entries of ``array`` in the file, each made by ``make``; None for anything it is not sure of, or
    two entries with one id (the store reports those)."""
    entries = _entries(path, array)
    if entries is None:
        return None
    try:
        made = [make(entry) for entry in entries]
    except _NotSure:
        return None
    return None if len({entry.id for entry in made}) != len(made) else made


def _entries(path: Path, array: str) -> list[Any] | None:
    try:
        data = tomlio.read_bytes(path)
    except OSError:  # not a plain file, or unreadable: the store says which
        return None
    if data is None:
        return []
    if not data.strip():
        return None
    try:
        raw = tomlio.parse(data)
    except Exception:  # not TOML, not UTF-8, nested too deep: the store's message names the line
        return None
    if not set(raw) <= _FILE_KEYS | {array}:
        return None
    version = raw.get("schema_version", SCHEMA_VERSION)
    if type(version) is not int or version != SCHEMA_VERSION:
        return None
    entries = raw.get(array, [])
    return entries if type(entries) is list else None


def _contact(entry: Any) -> QuickContact:
    if type(entry) is not dict or not set(entry) <= _CONTACT_KEYS:
        raise _NotSure
    at = entry.get("at")
    # as the models' AwareDatetime keeps it unchanged: a zone, and a year well inside the range
    if type(at) is not datetime or at.tzinfo is None or not YEARS[0] < at.year < YEARS[1]:
        raise _NotSure
    return QuickContact(
        id=_text(entry, "id", required=True), at=at,
        kind=_choice(entry, "kind", _KINDS, ContactKind.CALL.value),
        by=_choice(entry, "by", _BY, Initiator.SPONSEE.value),
        minutes=_count(entry, "minutes", MAX_MINUTES), summary=_text(entry, "summary"),
        relapse=_flag(entry, "relapse"), crisis=_flag(entry, "crisis"),
        meetings=_count(entry, "meetings", MAX_MEETINGS), meeting_notes=_text(entry, "meeting_notes"),
    )


def _suggestion(entry: Any) -> QuickSuggestion:
    if type(entry) is not dict or not set(entry) <= _SUGGESTION_KEYS:
        raise _NotSure
    text = _text(entry, "text", required=True)
    if not text:
        raise _NotSure  # the models ask for at least one character
    given = _day(entry, "given")
    if given is None:
        raise _NotSure
    contact = entry.get("contact")
    if contact is not None and type(contact) is not str:
        raise _NotSure
    return QuickSuggestion(
        id=_text(entry, "id", required=True), text=text, given=given, contact=contact, due=_day(entry, "due"),
        status=_choice(entry, "status", _STATUSES, SuggestionStatus.OPEN.value), resolved=_day(entry, "resolved"),
        outcome=_text(entry, "outcome"),
    )


def _text(entry: dict, key: str, required: bool = False) -> str:
    value = entry.get(key, None if required else "")
    if type(value) is not str:
        raise _NotSure
    return value


def _choice(entry: dict, key: str, allowed: frozenset[str], default: str) -> str:
    value = entry.get(key, default)
    if type(value) is not str or value not in allowed:
        raise _NotSure
    return value


def _count(entry: dict, key: str, most: int) -> int | None:
    value = entry.get(key)
    if value is None:
        return None
    if type(value) is not int or not 0 <= value <= most:  # a bool is not a count here
        raise _NotSure
    return value


def _flag(entry: dict, key: str) -> bool:
    value = entry.get(key, False)
    if type(value) is not bool:
        raise _NotSure
    return value


def _day(entry: dict, key: str) -> date | None:
    value = entry.get(key)
    if value is None:
        return None
    if type(value) is not date or not YEARS[0] <= value.year <= YEARS[1]:
        raise _NotSure
    return value
