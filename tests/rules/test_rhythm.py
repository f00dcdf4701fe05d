from datetime import date, datetime, timedelta

from sponsordesk.model import Contact, Suggestion, SuggestionStatus
from sponsordesk.rules.rhythm import (
    NO_CONTACT,
    compact_rhythm,
    is_ninety_in_ninety,
    meeting_totals,
    ninety_progress,
    rhythm_summary,
    sparkline,
    weekly_counts,
)

TODAY = date(2026, 11, 21)


def contact(days_ago: int, kind="call", meetings=None) -> Contact:
    at = datetime.combine(TODAY - timedelta(days=days_ago), datetime.min.time()).astimezone()
    return Contact(id=f"c-{days_ago}-{kind}", at=at, kind=kind, meetings=meetings)


def test_weekly_counts_put_this_week_last_and_skip_attempts():
    contacts = [contact(0), contact(6), contact(7), contact(83), contact(84), contact(1, "attempt")]
    counts = weekly_counts(contacts, TODAY)
    assert len(counts) == 12
    assert counts[-1] == 2  # today and 6 days ago
    assert counts[-2] == 1
    assert counts[0] == 1  # 83 days ago is in the oldest week; 84 is out


def test_sparkline_shows_empty_weeks_as_dots_and_peak_as_full_bar():
    assert sparkline([0, 1, 4]) == f"{NO_CONTACT}▃█"
    assert sparkline([0, 0]) == NO_CONTACT * 2
    assert len(compact_rhythm([contact(1)], TODAY)) == 12


def test_summary_notices_a_sponsee_drifting_away():
    assert "reconnect" in rhythm_summary([0] * 12)
    assert "quieter" in rhythm_summary([3] * 8 + [0, 0, 1, 0])
    assert "quieter" not in rhythm_summary([2] * 12)


def test_meeting_totals_count_reported_meetings_by_window():
    contacts = [contact(0, meetings=2), contact(6, meetings=3), contact(7, meetings=5), contact(89, meetings=1),
                contact(90, meetings=100)]
    totals = meeting_totals(contacts, TODAY)
    assert (totals.last_7, totals.last_30, totals.last_90) == (5, 10, 11)
    assert totals.text() == "5 in 7 days · 10 in 30 · 11 in 90"


def test_ninety_in_ninety_progress_only_while_open():
    assert is_ninety_in_ninety("90 meetings in 90 days") and is_ninety_in_ninety("ninety in ninety")
    assert not is_ninety_in_ninety("read pages 90-92")
    given = TODAY - timedelta(days=9)
    suggestion = Suggestion(id="s-1", text="90 meetings in 90 days", given=given)
    contacts = [contact(0, meetings=4), contact(5, meetings=6), contact(20, meetings=50)]
    progress = ninety_progress([suggestion], contacts, TODAY)
    assert progress.meetings == 10 and progress.day == 10
    assert progress.text() == "90 in 90: 10 meetings by day 10"
    suggestion.status = SuggestionStatus.FOLLOWED
    assert ninety_progress([suggestion], contacts, TODAY) is None


def test_weeks_follow_the_first_day_of_the_week_setting():
    saturday = date(2026, 11, 21)

    def on(day):
        return Contact(id=f"c-{day}", at=datetime.combine(day, datetime.min.time()).astimezone())

    # Monday Nov 16 and Sunday Nov 15: one calendar week apart when weeks start on Monday
    contacts = [on(date(2026, 11, 16)), on(date(2026, 11, 15))]
    assert weekly_counts(contacts, saturday, weeks=2, week_starts="monday") == [1, 1]
    # ...but the same week when weeks start on Sunday
    assert weekly_counts(contacts, saturday, weeks=2, week_starts="sunday") == [0, 2]
    # without the setting the last week is the last seven days
    assert weekly_counts(contacts, saturday, weeks=2) == [0, 2]
    assert weekly_counts([on(saturday + timedelta(days=1))], saturday, week_starts="monday") == [0] * 12

