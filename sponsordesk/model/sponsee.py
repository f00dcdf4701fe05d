"""The sponsee: a person the sponsor guides."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from enum import StrEnum

from anyascii import anyascii
from pydantic import Field, field_validator, model_validator

from sponsordesk.model.base import SCHEMA_VERSION, Day, Record
from sponsordesk.model.limits import CADENCE_DAYS


class SponseeState(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    ENDED = "ended"


class Status(Record):
    """Active, paused until a date, or ended with a date and a reason."""

    state: SponseeState = SponseeState.ACTIVE
    until: Day | None = None
    """Paused: the day the pause ends (the sponsee is back on the agenda that day)."""
    ended: Day | None = None
    """Ended: the day the sponsorship ended."""
    reason: str = ""

    @model_validator(mode="after")
    def _dates_fit_state(self) -> "Status":
        if self.state == SponseeState.ENDED and self.ended is None:
            raise ValueError("an ended sponsorship needs 'ended' (the date it ended)")
        return self


class SobrietyDate(Record):
    """One sobriety (clean) date; a relapse adds a newer one, never erases."""

    date: Day
    note: str = ""


class Sponsee(Record):
    schema_version: int = SCHEMA_VERSION
    id: str
    name: str = Field(min_length=1)
    """The name as the sponsor typed it."""
    display_name: str | None = None
    """How the name is shown; defaults to first name and last initial."""
    program: str = "AA"
    sobriety: list[SobrietyDate] = Field(default_factory=list)
    """Sobriety dates, current first."""
    cadence_days: int | None = Field(default=None, ge=CADENCE_DAYS[0], le=CADENCE_DAYS[1])
    """Days between contacts; unset means the default for their clean time."""
    phone: str = ""
    reach: str = ""
    """Preferred way to reach them, e.g. "text first, calls after 6pm"."""
    home_group: str = ""
    sponsored_since: Day | None = None
    status: Status = Field(default_factory=Status)
    snoozed_until: Day | None = None
    """Left off the agenda until this day."""
    notes: str = ""

    @field_validator("id")
    @classmethod
    def _id_is_a_folder_name(cls, value: str) -> str:
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,63}", value):
            raise ValueError("an id uses lowercase letters, digits and dashes, e.g. 'sam-r'")
        return value

    @field_validator("name")
    @classmethod
    def _name_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("a name is needed")
        return value

    @field_validator("sobriety")
    @classmethod
    def _newest_first(cls, value: list[SobrietyDate]) -> list[SobrietyDate]:
        return sorted(value, key=lambda s: s.date, reverse=True)

    @property
    def shown_name(self) -> str:
        return self.display_name or short_name(self.name)

    @property
    def initials(self) -> str:
        return "".join(_initial(p) + "." for p in _words(self.name)[:3]) or "?"

    @property
    def sobriety_date(self) -> date | None:
        return self.sobriety[0].date if self.sobriety else None

    @property
    def state(self) -> SponseeState:
        return SponseeState(self.status.state)

    def is_active_on(self, day: date) -> bool:
        """Active, or paused with the pause over by ``day``."""
        if self.state == SponseeState.ENDED:
            return False
        if self.state == SponseeState.PAUSED:
            return self.status.until is not None and self.status.until <= day
        return True


def _words(name: str) -> list[str]:
    """The words of a name that hold a letter or digit: an emoji or symbol typed beside it ("🌻", "-") is not a name."""
    return [p for p in re.split(r"\s+", name.strip()) if any(ch.isalnum() for ch in p)]


def _initial(word: str) -> str:
    # the first letter, past any bracket or quote typed before it
    return next(ch for ch in word if ch.isalnum()).upper()


def short_name(name: str) -> str:
    """'Samantha Rivera' -> 'Samantha R.'; a single name stays as it is; 'Siobhán O'Neil 🌻' -> 'Siobhán O.'."""
    parts = _words(name)
    if len(parts) < 2:
        return parts[0] if parts else name.strip()
    return f"{parts[0]} {_initial(parts[-1])}."


def slug(name: str) -> str:
    """A folder-safe id from a name in any script: 'Sam Rivera' -> 'sam-r', 'Дмитрий' -> 'dmitrii'.

    Letters are transliterated (anyascii), not dropped: dropping them made
    'Hal Østby' 'hal' and every Cyrillic or Chinese name 'sponsee', 'sponsee-2'.
    """
    text = anyascii(unicodedata.normalize("NFC", short_name(name)))
    text = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return text[:48] or "sponsee"
