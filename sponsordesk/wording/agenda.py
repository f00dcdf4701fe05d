"""Warm, short wording for the agenda's days and counts: 'yesterday', 'on Thursday', 'twice'."""

from __future__ import annotations

from datetime import date


def count_text(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def day_text(day: date, today: date) -> str:
    """'today', 'yesterday', 'Tuesday' within the last week, else 'Nov 3'."""
    days = (today - day).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if 1 < days < 7:
        return day.strftime("%A")
    return f"{day:%b} {day.day}"


def ahead_text(day: date, today: date) -> str:
    """'today', 'tomorrow', 'on Thursday' within six days, else 'on Sat Nov 28'."""
    days = (day - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if 1 < days < 7:
        return f"on {day:%A}"
    return f"on {day:%a} {day:%b} {day.day}"


def every_text(cadence: int) -> str:
    return {1: "every day", 7: "every week"}.get(cadence, f"every {cadence} days")


def days_text(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"
