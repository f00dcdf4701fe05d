"""Friendly, blame-free wording for days: 'today', 'yesterday', '3 days ago'."""

from __future__ import annotations

from datetime import date, datetime


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
    return day.isoformat()


def days_until(day: date | None, today: date) -> str:
    if day is None:
        return "—"
    days = (day - today).days
    if days < -1:
        return f"{-days} days over"
    if days == -1:
        return "since yesterday"
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days < 7:
        return day.strftime("%A")
    return f"in {days} days"


def time_of_day(at: datetime, time_format: str = "24h") -> str:
    """'19:30', or '7:30 PM' with the 12h setting."""
    if time_format == "12h":
        return f"{at:%I:%M %p}".lstrip("0")
    return f"{at:%H:%M}"
