"""How often the sponsor means to be in touch: explicit, or by clean time."""

from __future__ import annotations

from datetime import date

from sponsordesk.rules.cleantime import clean_days
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the quick `today` (store/index.py) passes stand-ins of the same shape, without pydantic
    from sponsordesk.model.settings import CadenceDefaults
    from sponsordesk.model.sponsee import Sponsee


def default_cadence(since: date | None, today: date, defaults: CadenceDefaults) -> int:
    if since is None:
        return defaults.otherwise
    days = clean_days(since, today)
    if days < 90:
        return defaults.under_90_days
    if days < 365:
        return defaults.under_1_year
    return defaults.otherwise


def cadence_for(sponsee: Sponsee, today: date, defaults: CadenceDefaults) -> int:
    """The sponsee's own cadence if set, else the default for their clean time."""
    if sponsee.cadence_days:
        return sponsee.cadence_days
    return default_cadence(sponsee.sobriety_date, today, defaults)


def cadence_basis(sponsee: Sponsee, today: date) -> str:
    """Where the cadence comes from: 'set' (their own), 'under_90_days', 'under_1_year', 'otherwise' or 'no_date'."""
    if sponsee.cadence_days:
        return "set"
    since = sponsee.sobriety_date
    if since is None:
        return "no_date"
    days = clean_days(since, today)
    return "under_90_days" if days < 90 else "under_1_year" if days < 365 else "otherwise"
