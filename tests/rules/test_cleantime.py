from datetime import date

import pytest

from sponsordesk.rules.cleantime import add_months, clean_time_text, milestones, next_milestone
from sponsordesk.model import Program
from sponsordesk.store.programs import shipped_programs

AA = shipped_programs()["aa"]


@pytest.mark.parametrize(("start", "months", "expected"), [
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2024, 1, 31), 1, date(2024, 2, 29)),
    (date(2024, 2, 29), 12, date(2025, 2, 28)),
    (date(2024, 2, 29), 48, date(2028, 2, 29)),
    (date(2026, 8, 31), 6, date(2027, 2, 28)),
    (date(2026, 11, 30), -1, date(2026, 10, 30)),
])
def test_add_months_clamps_to_month_end(start, months, expected):
    assert add_months(start, months) == expected


@pytest.mark.parametrize(("since", "today", "text"), [
    (date(2026, 11, 21), date(2026, 11, 21), "0 days"),
    (date(2026, 11, 20), date(2026, 11, 21), "1 day"),
    (date(2026, 8, 23), date(2026, 11, 21), "90 days"),
    (date(2026, 4, 21), date(2026, 11, 21), "7 months"),
    (date(2025, 8, 21), date(2026, 11, 21), "1 year 3 months"),
    (date(2020, 11, 21), date(2026, 11, 21), "6 years"),
    (None, date(2026, 11, 21), "no date yet"),
    # after today (a file typed by hand, --today set back): the day, never "starts in 355421 days"
    (date(2026, 12, 10), date(2026, 11, 21), "starts Dec 10"),
    (date(2999, 10, 22), date(2026, 11, 21), "starts Oct 22, 2999"),
])
def test_clean_time_text(since, today, text):
    assert clean_time_text(since, today) == text


def test_milestones_follow_the_schedule_then_every_year():
    got = milestones(date(2026, 1, 1), AA, date(2029, 1, 1))
    labels = [m.label for m in got]
    assert labels == ["24 hours", "30 days", "60 days", "90 days", "6 months", "9 months", "1 year",
                      "18 months", "2 years", "3 years"]
    assert got[4].day == date(2026, 7, 1)


def test_feb_29_sobriety_date_reaches_its_year_on_feb_28():
    nxt = next_milestone(date(2024, 2, 29), AA, date(2025, 2, 1))
    assert (nxt.day, nxt.label) == (date(2025, 2, 28), "1 year")
    nxt = next_milestone(date(2024, 2, 29), AA, date(2028, 2, 1))
    assert (nxt.day, nxt.label) == (date(2028, 2, 29), "4 years")


def test_next_milestone_today_counts_and_days_until():
    nxt = next_milestone(date(2026, 8, 23), AA, date(2026, 11, 21))
    assert nxt.label == "90 days" and nxt.days_from(date(2026, 11, 21)) == 0


def test_program_without_yearly_stops_after_list():
    program = Program(key="X", name="X", milestones=["30d"], yearly=False)
    assert next_milestone(date(2026, 1, 1), program, date(2026, 3, 1)) is None


def test_milestones_from_a_start_day_are_the_full_list_from_that_day():
    # the agenda asks for milestones from today only; they must be the same ones, labels and all
    from datetime import timedelta

    program = shipped_programs()["aa"] if "aa" in shipped_programs() else next(iter(shipped_programs().values()))
    for since in (date(2000, 2, 29), date(2006, 1, 31), date(2026, 3, 1), date(2026, 11, 21)):
        for start in (since, date(2026, 2, 28), date(2026, 11, 21), date(2027, 3, 1)):
            until = start + timedelta(days=400)
            full = [m for m in milestones(since, program, until) if m.day >= start]
            assert milestones(since, program, until, start=start) == full
