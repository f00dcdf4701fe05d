"""settings.toml: the sponsor's preferences. Every field is documented.

Plain dataclasses, so the app can start from settings already checked without
loading pydantic (store/config_check.py). The file is still validated by a
pydantic model, made from these very fields (store/config_models.py): each
field's ``metadata`` holds its constraints (``ge``, ``le``, ``strict``), the one
place they are written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from sponsordesk.model.limits import CADENCE_DAYS, LOOKAHEAD_DAYS

# Settings are small and typed by hand: an unknown key is a typo to report (the file's models forbid extra
# keys), and numbers and true/false are strict so "yes" or "7" is reported, not guessed.
_DAYS = {"ge": CADENCE_DAYS[0], "le": CADENCE_DAYS[1], "strict": True}


@dataclass
class CadenceDefaults:
    """Days between contacts when a sponsee has no cadence of their own."""

    under_90_days: int = field(default=1, metadata=_DAYS)
    """Clean time under 90 days: every day."""
    under_1_year: int = field(default=3, metadata=_DAYS)
    """Clean time under a year: every 3 days."""
    otherwise: int = field(default=7, metadata=_DAYS)
    """A year or more (or no sobriety date yet): weekly."""


class TimeFormat(StrEnum):
    H24 = "24h"
    H12 = "12h"


class Weekday(StrEnum):
    MONDAY = "monday"
    SUNDAY = "sunday"
    SATURDAY = "saturday"


DEFAULT_THEME = "sponsordesk-dark"


@dataclass
class Settings:
    """The person's choices from ``settings.toml``, each field with its default."""

    theme: str = DEFAULT_THEME
    """Theme name: a shipped theme, one in the config folder's themes/, or a Textual theme such as "nord"."""
    cadence: CadenceDefaults = field(default_factory=CadenceDefaults)
    """Default cadences by clean time."""
    milestone_lookahead_days: int = field(default=7, metadata={"ge": LOOKAHEAD_DAYS[0], "le": LOOKAHEAD_DAYS[1],
                                                                  "strict": True})
    """How many days ahead an upcoming milestone shows on the agenda."""
    hide_names: bool = field(default=False, metadata={"strict": True})
    """Start with names hidden (initials only) and notes masked."""
    time_format: TimeFormat = TimeFormat.H24
    """How times are shown: 24h or 12h."""
    first_day_of_week: Weekday = Weekday.MONDAY
    """Where weeks start in the contact rhythm chart."""
    backups_keep: int = field(default=14, metadata={"ge": 1, "le": 365, "strict": True})
    """How many daily backups to keep."""
    keymap: dict[str, str] = field(default_factory=dict)
    """Key remapping: binding id -> keys, e.g. ``"app.privacy" = "ctrl+b"`` under ``[keymap]``;
    several keys are separated by commas. `?` and F1 show every id on the help screen."""
