"""Clean time and milestones: pure date arithmetic, no Textual.

Month arithmetic clamps to the month's last day, so a sobriety date of
Jan 31 reaches "1 month" on Feb 28 (or 29), and Feb 29 reaches "1 year"
on Feb 28 in a common year.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from typing import TYPE_CHECKING, NamedTuple

from sponsordesk.model.plain import parse_milestone
from sponsordesk.wording.dates import short_date

if TYPE_CHECKING:
    from sponsordesk.model.program import Program


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def clean_days(since: date, today: date) -> int:
    """Whole days clean; the sobriety date itself is day 0."""
    return (today - since).days


def months_between(since: date, today: date) -> int:
    """Whole months from ``since`` to ``today`` under clamped month arithmetic."""
    months = (today.year - since.year) * 12 + (today.month - since.month)
    while months > 0 and add_months(since, months) > today:
        months -= 1
    return max(months, 0)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def clean_time_text(since: date | None, today: date) -> str:
    """'12 days', '7 months', '1 year 3 months'; up to 90 days counts days.

    A date after today (a file typed by hand, ``--today`` set back) 'starts Mar 3, 2027': a count of days
    to go read as clean time, and for a year typed wrong ran to six digits.
    """
    if since is None:
        return "no date yet"
    days = clean_days(since, today)
    if days < 0:
        return f"starts {short_date(since, today)}"
    if days <= 90:
        return _plural(days, "day")
    months = months_between(since, today)
    years, rest = divmod(months, 12)
    if years == 0:
        return _plural(rest, "month")
    return _plural(years, "year") + (f" {_plural(rest, 'month')}" if rest else "")


class Milestone(NamedTuple):
    day: date
    label: str
    """'30 days', '6 months', '1 year', '18 months'."""

    def days_from(self, today: date) -> int:
        return (self.day - today).days


def _label(count: int, unit: str) -> str:
    if unit == "d":
        return "24 hours" if count == 1 else _plural(count, "day")
    if unit == "m":
        return _plural(count, "month")
    return _plural(count, "year")


def _milestone_date(since: date, count: int, unit: str) -> date:
    if unit == "d":
        return since + timedelta(days=count)
    return add_months(since, count if unit == "m" else count * 12)


def milestones(since: date, program: Program, until: date, start: date | None = None) -> list[Milestone]:
    """Every milestone from ``since`` (or from ``start``, if given) up to and including ``until``, in order."""
    found: dict[date, Milestone] = {}
    listed_years = set()
    for spec in program.milestones:
        count, unit = parse_milestone(spec)
        if unit == "y":
            listed_years.add(count)
        day = _milestone_date(since, count, unit)
        if day <= until:
            found.setdefault(day, Milestone(day, _label(count, unit)))
    if program.yearly:
        # Anniversary n falls in year since.year + n: the years before ``start`` need no dates
        # (the agenda asks about one day for every sponsee, some twenty years clean).
        year = max(1, start.year - since.year - 1) if start else 1
        while (day := add_months(since, 12 * year)) <= until:
            # a listed "18m" and the yearly ones never coincide; keep the first label
            found.setdefault(day, Milestone(day, _label(year, "y")))
            year += 1
    return [found[d] for d in sorted(found) if start is None or d >= start]


def upcoming_milestones(since: date | None, program: Program, today: date) -> list[Milestone]:
    """The milestones from ``today`` on, in order, up to 400 days past the later of ``today`` and ``since``:
    the next one (none further off is looked for) and every one within the agenda's lookahead (60 days)."""
    if since is None:
        return []
    return milestones(since, program, max(today, since) + timedelta(days=400), start=today)


def next_milestone(since: date | None, program: Program, today: date) -> Milestone | None:
    """The first milestone on or after ``today``."""
    return next(iter(upcoming_milestones(since, program, today)), None)
