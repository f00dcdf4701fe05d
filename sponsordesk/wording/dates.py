"""Dates and times as the app prints them: one short form everywhere ("Nov 3"), ISO only in files and fields."""

from __future__ import annotations

from datetime import date, datetime


def short_date(day: date, today: date | None = None) -> str:
    """'Nov 3'; 'Nov 3, 2025' when ``today`` is in another year."""
    text = f"{day:%b} {day.day}"
    return text if today is None or day.year == today.year else f"{text}, {day.year}"


def weekday_date(day: date, today: date | None = None) -> str:
    """'Sat Nov 28'; 'Tue Jul 18, 2028' when ``today`` is in another year (a weekday does not say which year)."""
    return f"{day:%a} {short_date(day, today)}"


def weekday(day: date, short: bool = False) -> str:
    """'Tuesday', or 'Tue'."""
    return f"{day:%a}" if short else f"{day:%A}"


def dated(day: date) -> str:
    """'Nov 3, 2026': a date that may be in any year."""
    return f"{short_date(day)}, {day.year}"


def long_date(day: date) -> str:
    """'Saturday, November 21, 2026' (a heading: the day asked about, in full)."""
    return f"{day:%A}, {day:%B} {day.day}, {day.year}"


def time_of_day(at: datetime, time_format: str = "24h") -> str:
    """'19:30', or '7:30 PM' with the 12h setting."""
    if time_format == "12h":
        return f"{at:%I:%M %p}".lstrip("0")
    return f"{at:%H:%M}"


def date_and_time(at: datetime, today: date, time_format: str = "24h") -> str:
    """'Nov 3 19:30' this year; 'Nov 3, 2025' (no time) for an older year, where the day matters more."""
    if at.year != today.year:
        return short_date(at.date(), today)
    return f"{short_date(at.date())} {time_of_day(at, time_format)}"
