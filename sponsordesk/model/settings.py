"""settings.toml: the sponsor's preferences. Every field is documented."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from sponsordesk.model.limits import CADENCE_DAYS, LOOKAHEAD_DAYS


class Strict(BaseModel):
    # Settings are small and typed by hand: an unknown key is a typo to report,
    # and numbers and true/false are strict so "yes" or "7" is reported, not guessed.
    # Field docstrings are documentation for people; use_attribute_docstrings would
    # re-read and parse this source on every start (about 12 ms) for descriptions nothing shows.
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class CadenceDefaults(Strict):
    """Days between contacts when a sponsee has no cadence of their own."""

    under_90_days: int = Field(default=1, ge=CADENCE_DAYS[0], le=CADENCE_DAYS[1], strict=True)
    """Clean time under 90 days: every day."""
    under_1_year: int = Field(default=3, ge=CADENCE_DAYS[0], le=CADENCE_DAYS[1], strict=True)
    """Clean time under a year: every 3 days."""
    otherwise: int = Field(default=7, ge=CADENCE_DAYS[0], le=CADENCE_DAYS[1], strict=True)
    """A year or more (or no sobriety date yet): weekly."""


class TimeFormat(StrEnum):
    H24 = "24h"
    H12 = "12h"


class Weekday(StrEnum):
    MONDAY = "monday"
    SUNDAY = "sunday"
    SATURDAY = "saturday"


DEFAULT_THEME = "sponsordesk-dark"


class Settings(Strict):
    theme: str = DEFAULT_THEME
    """Theme name: a shipped theme, one in the config folder's themes/, or a Textual theme such as "nord"."""
    cadence: CadenceDefaults = Field(default_factory=CadenceDefaults)
    """Default cadences by clean time."""
    milestone_lookahead_days: int = Field(default=7, ge=LOOKAHEAD_DAYS[0], le=LOOKAHEAD_DAYS[1], strict=True)
    """How many days ahead an upcoming milestone shows on the agenda."""
    hide_names: bool = Field(default=False, strict=True)
    """Start with names hidden (initials only) and notes masked."""
    time_format: TimeFormat = TimeFormat.H24
    """How times are shown: 24h or 12h."""
    first_day_of_week: Weekday = Weekday.MONDAY
    """Where weeks start in the contact rhythm chart."""
    backups_keep: int = Field(default=14, ge=1, le=365, strict=True)
    """How many daily backups to keep."""
    keymap: dict[str, str] = Field(default_factory=dict)
    """Key remapping: binding id -> keys, e.g. ``"app.privacy" = "ctrl+b"`` under ``[keymap]``;
    several keys are separated by commas. `?` and F1 show every id on the help screen."""
