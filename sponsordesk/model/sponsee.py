"""The sponsee: a person the sponsor guides."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from anyascii import anyascii
from pydantic import Field, field_validator, model_validator

from sponsordesk.model.base import SCHEMA_VERSION, Day, Record
from sponsordesk.model.limits import CADENCE_DAYS
from sponsordesk.model.plain import SponseeNaming, SponseeState, active_on, short_name

__all__ = ["SobrietyDate", "Sponsee", "SponseeState", "Status", "short_name", "slug"]


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


class Sponsee(SponseeNaming, Record):
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
    def sobriety_date(self) -> date | None:
        return self.sobriety[0].date if self.sobriety else None

    @property
    def state(self) -> SponseeState:
        state = self.status.state  # the model made it one already; the enum's call costs 4 us, 1,400 a redraw
        return state if type(state) is SponseeState else SponseeState(state)

    def is_active_on(self, day: date) -> bool:
        """Active, or paused with the pause over by ``day``."""
        return active_on(self.state, self.status.until, day)


def slug(name: str) -> str:
    """A folder-safe id from a name in any script: 'Sam Rivera' -> 'sam-r', 'Дмитрий' -> 'dmitrii'.

    Letters are transliterated (anyascii), not dropped: dropping them made
    'Hal Østby' 'hal' and every Cyrillic or Chinese name 'sponsee', 'sponsee-2'.
    """
    text = anyascii(unicodedata.normalize("NFC", short_name(name)))
    text = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return text[:48] or "sponsee"
