from datetime import date, datetime

from sponsordesk.wording.dates import time_of_day
from sponsordesk.wording.days import days_ago, days_until

TODAY = date(2026, 11, 21)


def test_time_of_day_follows_the_time_format_setting():
    at = datetime(2026, 11, 20, 19, 5)
    assert time_of_day(at) == "19:05" and time_of_day(at, "12h") == "7:05 PM"
    assert time_of_day(datetime(2026, 11, 20, 0, 30), "12h") == "12:30 AM"


def test_days_ago_and_until_are_warm_words():
    assert days_ago(TODAY, TODAY) == "today" and days_ago(date(2026, 11, 20), TODAY) == "yesterday"
    assert days_ago(None, TODAY) == "never" and days_ago(date(2026, 11, 18), TODAY) == "3 days ago"
    assert days_until(date(2026, 11, 22), TODAY) == "tomorrow" and days_until(TODAY, TODAY) == "today"
