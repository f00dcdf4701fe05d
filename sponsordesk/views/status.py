"""The status column's symbol and tone for one sponsee: the roster's first column and the Today panel's.

Its own module so `sponsordesk today` prints it without loading the roster's columns and charts.
"""

from __future__ import annotations

from sponsordesk.rules.agenda import MILESTONE, UNREADABLE, URGENT, Assessment

_LEFT_OUT = {
    "snoozed": ("snoozed", "z snoozed"),
    "paused": ("paused", "‖ paused"),
    "ended": ("ended", "– ended"),
}


def marker(found: Assessment) -> tuple[str, str]:
    """(tone, text): the status column, e.g. ('overdue', '!! overdue')."""
    if found.left_out:
        return _LEFT_OUT[found.left_out]
    codes = set(found.codes)
    if codes & set(URGENT):
        return "relapse", "!! reach out"
    if UNREADABLE in codes:
        return "overdue", "? can't read"
    if "overdue" in codes:
        return "overdue", "!! overdue"
    if "never" in codes:
        return "due", "● first call"
    if "due_today" in codes:
        return "due", "● due"
    if codes & set(MILESTONE):
        return "milestone", "★ milestone"
    if found.on_agenda:
        return "due", "● follow up"
    return "fine", "✓ fine"
