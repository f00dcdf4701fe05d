"""Days relative to today, warm and free of blame: 'today', 'yesterday', '3 days ago', 'on Thursday'."""

from __future__ import annotations

from datetime import date

from sponsordesk.wording.dates import short_date, weekday, weekday_date
from sponsordesk.wording.numbers import plural


def days_ago(day: date | None, today: date) -> str:
    if day is None:
        return "never"
    days = (today - day).days
    if days < 0:
        return f"in {-days} days" if days < -1 else "tomorrow"
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    if days < 60:
        return f"{days // 7} weeks ago"
    return short_date(day, today)


def days_until(day: date | None, today: date) -> str:
    """When something is due, for a "Due" column: 'today', 'Thursday', 'in 9 days'; a past day reads as past."""
    if day is None:
        return "—"
    days = (day - today).days
    if days < 0:
        return days_ago(day, today)  # '6 days ago', never 'Sunday' for last Sunday
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days < 7:
        return weekday(day)
    return f"in {days} days"


def due_text(day: date, today: date, many: bool = False) -> str:
    """'due today', 'due Thursday', 'due Nov 28'; past: 'was due yesterday', 'was due 6 days ago'.

    A weekday alone always means the coming one: on a Saturday "due Sunday"
    is tomorrow's Sunday, so a day already gone says how long ago instead.
    ``many``: the subject is plural ('were due').
    """
    days = (day - today).days
    if days < 0:
        return f"{'were' if many else 'was'} due {days_ago(day, today)}"
    if days == 0:
        return "due today"
    if days == 1:
        return "due tomorrow"
    if days < 7:
        return f"due {weekday(day)}"
    return f"due {short_date(day, today)}"


def day_text(day: date, today: date) -> str:
    """'today', 'yesterday', 'Tuesday' within the last week, else 'Nov 3'."""
    days = (today - day).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if 1 < days < 7:
        return weekday(day)
    return short_date(day, today)


def ahead_text(day: date, today: date) -> str:
    """'today', 'tomorrow', 'on Thursday' within six days, else 'on Sat Nov 28' ('on Tue Jul 18, 2028' in another year)."""
    days = (day - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if 1 < days < 7:
        return f"on {weekday(day)}"
    return f"on {weekday_date(day, today)}"


def every_text(cadence: int) -> str:
    return {1: "every day", 7: "every week"}.get(cadence, f"every {cadence} days")


def days_text(n: int) -> str:
    return plural(n, "day")


def unreadable_text(years: list[int]) -> str:
    """'2026 contacts can't be read; run sponsordesk doctor' (the agenda's reason, the roster's and `today`'s)."""
    shown = " and ".join(str(y) for y in years) if len(years) < 3 else f"{years[0]}-{years[-1]}"
    return f"{shown} contacts can't be read; run sponsordesk doctor"
