"""The one clock: every "today" in the app comes from here.

The CLI's ``--today`` flag, ``SPONSORDESK_TODAY`` and tests fix the date by
building a :class:`Clock` with ``fixed``; nothing else calls ``date.today()``.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import NamedTuple


class Clock(NamedTuple):
    """Gives today's date and the current local time, optionally pinned."""

    fixed: date | datetime | None = None

    def today(self) -> date:
        if isinstance(self.fixed, datetime):
            return self.fixed.date()
        if isinstance(self.fixed, date):
            return self.fixed
        return date.today()

    def now(self) -> datetime:
        """Aware local datetime; a pinned date keeps the real time of day
        unless a whole datetime was pinned (snapshot tests pin both)."""
        if isinstance(self.fixed, datetime):
            fixed = self.fixed
            return fixed if fixed.tzinfo else fixed.astimezone()
        real = datetime.now().astimezone()
        if isinstance(self.fixed, date):
            return datetime.combine(self.fixed, real.time().replace(microsecond=0)).astimezone()
        return real.replace(microsecond=0)

    def at(self, day: date, hour: int = 12, minute: int = 0) -> datetime:
        """An aware local datetime on ``day`` (used by demo data and forms)."""
        return datetime.combine(day, time(hour, minute)).astimezone()

