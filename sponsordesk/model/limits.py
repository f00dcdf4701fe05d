"""Limits a value must keep, shared by the models, the forms and the commands that check them."""

SCHEMA_VERSION = 1
"""The format of every file sponsordesk writes (``schema_version``)."""

MAX_MINUTES = 24 * 60
"""A contact lasts at most a day."""

MAX_MEETINGS = 500
"""Meetings reported since the last talk."""

CADENCE_DAYS = (1, 365)
"""Days between contacts, the smallest and the largest: a sponsee's own, or a default in settings.toml."""

LOOKAHEAD_DAYS = (0, 60)
"""How many days ahead settings.toml may ask the agenda to show an upcoming milestone."""

RECENT_DAYS = 91
"""The roster needs contacts from about the last 13 weeks (rhythm chart, meetings)."""

YEARS = (1900, 2999)
"""Dates in the data fall in these years (inclusive): anything else is a typo, and counting days
near the calendar's ends (year 1, year 9999) would overflow."""
