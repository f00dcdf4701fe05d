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


def test_a_past_day_reads_as_past_never_as_a_coming_weekday():
    from sponsordesk.wording.days import due_text

    saturday = date(2026, 11, 21)
    assert due_text(date(2026, 11, 15), saturday) == "was due 6 days ago"  # last Sunday, not "due Sunday"
    assert due_text(date(2026, 11, 20), saturday, many=True) == "were due yesterday"
    assert due_text(date(2026, 11, 22), saturday) == "due tomorrow" and due_text(date(2026, 11, 26), saturday) == "due Thursday"
    assert days_until(date(2026, 11, 15), saturday) == "6 days ago"


def test_counts_read_right_for_one():
    from sponsordesk.wording.numbers import all_done, plural

    assert all_done(1, "assignment") == "The assignment is done."
    assert all_done(2, "assignment") == "Both assignments are done."
    assert all_done(5, "assignment") == "All 5 assignments are done."
    assert plural(1, "meeting") == "1 meeting" and plural(3, "meeting") == "3 meetings"


def test_padding_and_clipping_go_by_display_width():
    from rich.cells import cell_len

    from sponsordesk.wording.text import clip, pad

    assert cell_len(pad("王小明", 10)) == 10 and cell_len(pad("Sam R.", 10)) == 10
    assert cell_len(clip("王小明王小明王小明", 7)) <= 7 and clip("王小明王小明王小明", 7).endswith("…")


def test_a_weekday_date_in_another_year_says_the_year():
    # the card's milestones read "2 years on Sun Jul 18 · 3 years on Tue Jul 18": two years, one date
    from sponsordesk.wording.dates import weekday_date
    from sponsordesk.wording.days import ahead_text

    assert ahead_text(date(2026, 11, 28), TODAY) == "on Sat Nov 28"
    assert ahead_text(date(2027, 7, 18), TODAY) == "on Sun Jul 18, 2027"
    assert ahead_text(date(2028, 7, 18), TODAY) == "on Tue Jul 18, 2028"
    assert weekday_date(date(2025, 11, 3), TODAY) == "Mon Nov 3, 2025" and weekday_date(date(2025, 11, 3)) == "Mon Nov 3"
