"""Limits a value must keep, shared by the models, the forms and the commands that check them."""

MAX_MINUTES = 24 * 60
"""A contact lasts at most a day."""

MAX_MEETINGS = 500
"""Meetings reported since the last talk."""

CADENCE_DAYS = (1, 365)
"""Days between contacts, the smallest and the largest."""

RECENT_DAYS = 91
"""The roster needs contacts from about the last 13 weeks (rhythm chart, meetings)."""
