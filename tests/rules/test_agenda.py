"""Who is due, and why: every reason, the ordering, pauses, snoozes and tricky dates."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from sponsordesk.rules.agenda import assess, build_agenda
from sponsordesk.model import (
    Assignment, Contact, Program, Settings, SobrietyDate, Sponsee, Status, StepBoard, Suggestion,
)
from sponsordesk.store import SponseeRecord

TZ = ZoneInfo("America/New_York")
DAY = date(2026, 11, 21)  # a Saturday
AA = Program(key="AA", name="Alcoholics Anonymous")


def at(day: date, hour: int = 12) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=TZ)


def contact(day: date, kind: str = "call", hour: int = 12, **flags) -> Contact:
    return Contact(id=f"c-{day}-{hour}-{kind}", at=at(day, hour), kind=kind, **flags)


def person(name: str = "Sam Rivera", *, clean: date | None = date(2020, 1, 10), cadence: int | None = 3,
           contacts: list[Contact] = (), suggestions: list[Suggestion] = (), board: StepBoard | None = None,
           **profile) -> SponseeRecord:
    sponsee = Sponsee(id=name.lower().replace(" ", "-")[:10], name=name, cadence_days=cadence,
                      sobriety=[SobrietyDate(date=clean)] if clean else [], **profile)
    recent = sorted(contacts, key=lambda c: c.at, reverse=True)
    return SponseeRecord(sponsee, board or StepBoard(), list(suggestions), recent)


def found(record: SponseeRecord, day: date = DAY, **settings):
    return assess(record, day, Settings(**settings), AA, TZ)


def codes(record: SponseeRecord, day: date = DAY, **settings) -> list[str]:
    return found(record, day, **settings).codes


def agenda(*records: SponseeRecord, day: date = DAY) -> list[str]:
    return [a.record.sponsee.name for a in build_agenda(records, day, Settings(), lambda key: AA, TZ)]


# ------------------------------------------------------------ every reason

def test_fine_when_talked_within_cadence():
    record = person(contacts=[contact(DAY - timedelta(days=2))])
    assert codes(record) == [] and not found(record).on_agenda
    assert found(record).next_due == DAY + timedelta(days=1)


def test_due_today_when_cadence_runs_out_today():
    record = person(contacts=[contact(DAY - timedelta(days=3))])
    assert found(record).reasons[0].code == "due_today"
    assert found(record).reasons[0].text == "call due today (every 3 days)"


def test_overdue_says_how_long_since_you_talked():
    record = person(contacts=[contact(DAY - timedelta(days=5))])
    reason = found(record).reasons[0]
    assert (reason.code, reason.text) == ("overdue", "5 days since you talked; every 3 days")
    assert found(record).days_past_due == 2 and found(record).days_since == 5


def test_never_contacted():
    reason = found(person()).reasons[0]
    assert (reason.code, reason.text) == ("never", "no contact logged yet; reach out")
    assert found(person()).days_since is None


def test_attempts_are_shown_but_do_not_reset_the_clock():
    tuesday = date(2026, 11, 17)
    record = person(contacts=[contact(DAY - timedelta(days=6)), contact(tuesday, "attempt"),
                              contact(DAY - timedelta(days=1), "attempt")])
    result = found(record)
    assert result.codes == ["overdue", "attempted"]
    assert result.reasons[1].text == "tried twice since Tuesday"
    assert result.days_since == 6


def test_an_attempt_alone_does_not_put_someone_on_the_agenda():
    record = person(contacts=[contact(DAY - timedelta(days=1)), contact(DAY, "attempt")])
    assert codes(record) == ["attempted"] and not found(record).on_agenda


@pytest.mark.parametrize("flag", ["relapse", "crisis"])
def test_relapse_or_crisis_stays_until_something_connects(flag):
    flagged = contact(DAY - timedelta(days=1), **{flag: True})
    record = person(contacts=[flagged, contact(DAY, "attempt")])
    result = found(record)
    assert result.codes[0] == flag and result.reasons[0].text == f"a {flag} came up when you talked yesterday; check in"
    talked = person(contacts=[flagged, contact(DAY, "text")])
    assert flag not in codes(talked)


@pytest.mark.parametrize("kind", ["call", "in_person", "meeting", "step_work"])
def test_a_relapse_talked_through_today_is_a_check_in_from_tomorrow(kind):
    # right after the call it was "!! reach out": the sponsor had just heard it
    record = person(cadence=7, contacts=[contact(DAY, kind, relapse=True)])
    assert "relapse" not in codes(record) and not found(record).on_agenda
    tomorrow = found(record, DAY + timedelta(days=1))
    assert tomorrow.codes[0] == "relapse" and tomorrow.sort_key()[0] == 0
    assert tomorrow.reasons[0].text == "a relapse came up when you talked yesterday; check in"
    later = found(record, DAY + timedelta(days=3))
    assert later.reasons[0].text == "a relapse came up when you talked on Saturday; check in"


@pytest.mark.parametrize("flag", ["relapse", "crisis"])
def test_one_that_came_up_in_a_text_or_an_attempt_is_urgent_today(flag):
    texted = found(person(contacts=[contact(DAY - timedelta(days=2)), contact(DAY, "text", **{flag: True})]))
    assert texted.codes[0] == flag and texted.reasons[0].text == f"a {flag} came up in a text today; reach out"
    heard = found(person(contacts=[contact(DAY - timedelta(days=2)), contact(DAY, "attempt", **{flag: True})]))
    assert heard.codes[0] == flag
    assert heard.reasons[0].text == f"a {flag} came up today, and you have not talked since; reach out"


def test_milestone_today_and_soon_with_weekday():
    assert "milestone_today" in codes(person(clean=DAY - timedelta(days=90)))
    soon = found(person(clean=date(2026, 8, 28)))  # 90 days on Thursday Nov 26
    reason = next(r for r in soon.reasons if r.code == "milestone_soon")
    assert reason.text == "90 days on Thursday"


def test_milestone_lookahead_comes_from_settings():
    record = person(clean=date(2026, 8, 28))  # 5 days ahead
    assert "milestone_soon" not in codes(record, milestone_lookahead_days=3)
    assert "milestone_soon" in codes(record, milestone_lookahead_days=5)


def test_suggestion_due_today_or_overdue_and_open_only():
    due = Suggestion(id="s-1", text="Call before the party", given=DAY - timedelta(days=5), due=DAY)
    late = Suggestion(id="s-2", text="Read pages 58-60", given=DAY - timedelta(days=9), due=DAY - timedelta(days=2))
    later = Suggestion(id="s-3", text="Later", given=DAY, due=DAY + timedelta(days=1))
    followed = Suggestion(id="s-4", text="Done", given=DAY, due=DAY, status="followed")
    result = found(person(contacts=[contact(DAY)], suggestions=[due, late, later, followed]))
    assert [(r.code, r.text) for r in result.reasons] == [("suggestion_due", "2 suggestions due, the first 2 days ago")]


def test_assignment_due_and_not_done():
    board = StepBoard()
    board.get(4).assignment = [Assignment(id="a-1", text="Write the inventory", due=DAY),
                               Assignment(id="a-2", text="Done already", due=DAY, done=True)]
    result = found(person(contacts=[contact(DAY)], board=board))
    assert [(r.code, r.text) for r in result.reasons] == [("assignment_due", "step 4 assignment due today")]


def test_a_day_gone_by_reads_as_past_never_as_a_coming_weekday():
    # Saturday Nov 21: last Sunday was six days ago; "due Sunday" read as tomorrow
    sunday = Suggestion(id="s-1", text="Call first", given=DAY - timedelta(days=9), due=date(2026, 11, 15))
    result = found(person(contacts=[contact(DAY)], suggestions=[sunday]))
    assert [r.text for r in result.reasons] == ["a suggestion was due 6 days ago"]
    both = [sunday, sunday.model_copy(update={"id": "s-2"})]
    assert [r.text for r in found(person(contacts=[contact(DAY)], suggestions=both)).reasons] == [
        "2 suggestions were due 6 days ago"]
    # step 8's reading was due Saturday; on the Monday after
    board = StepBoard()
    board.get(8).assignment = [Assignment(id="a-1", text="Read", due=DAY)]
    monday = found(person(contacts=[contact(DAY)], board=board), DAY + timedelta(days=2))
    assert "step 8 assignment was due 2 days ago" in [r.text for r in monday.reasons]


def test_suggestion_text_never_appears_in_reasons():
    secret = Suggestion(id="s-1", text="Tell your wife about the debt", given=DAY, due=DAY)
    result = found(person(contacts=[contact(DAY)], suggestions=[secret]))
    assert all("wife" not in r.text for r in result.reasons)


# ------------------------------------------------------------ who is left out

def test_paused_left_out_until_the_pause_ends():
    record = person(status=Status(state="paused", until=DAY + timedelta(days=2)))
    assert found(record).left_out == "paused" and agenda(record) == []
    assert agenda(record, day=DAY + timedelta(days=2)) == ["Sam Rivera"]


def test_ended_left_out_for_good():
    record = person(status=Status(state="ended", ended=DAY - timedelta(days=3), reason="moved"))
    assert found(record).left_out == "ended" and agenda(record) == []
    assert agenda(record, day=DAY + timedelta(days=400)) == []


def test_snoozed_left_out_until_that_day():
    record = person(snoozed_until=DAY + timedelta(days=1))
    assert agenda(record) == [] and found(record).left_out == "snoozed"
    assert agenda(record, day=DAY + timedelta(days=1)) == ["Sam Rivera"]


def test_contacts_after_the_day_asked_about_do_not_count():
    record = person(contacts=[contact(DAY - timedelta(days=5)), contact(DAY + timedelta(days=1))])
    assert found(record).codes == ["overdue"]


# ------------------------------------------------------------ ordering

def test_ordering_crisis_relapse_cadence_milestone_follow_up():
    suggestion = Suggestion(id="s-1", text="x", given=DAY, due=DAY - timedelta(days=1))
    records = [
        person("Fay Follow", contacts=[contact(DAY)], suggestions=[suggestion]),
        person("Mia Milestone", clean=DAY - timedelta(days=30), cadence=7, contacts=[contact(DAY)]),
        person("Dee Due", contacts=[contact(DAY - timedelta(days=3))]),
        person("Otto Overdue", contacts=[contact(DAY - timedelta(days=9))]),
        person("Olga Overdue", contacts=[contact(DAY - timedelta(days=4))]),
        person("Nell Never"),
        person("Rae Relapse", contacts=[contact(DAY - timedelta(days=1), relapse=True)]),
        person("Cy Crisis", contacts=[contact(DAY, "text", crisis=True)]),
    ]
    assert agenda(*records) == ["Cy Crisis", "Rae Relapse", "Nell Never", "Otto Overdue", "Olga Overdue",
                                "Dee Due", "Mia Milestone", "Fay Follow"]


def test_milestones_sorted_by_how_soon():
    records = [person("Later One", clean=DAY - timedelta(days=25), cadence=30, contacts=[contact(DAY)]),
               person("Today One", clean=DAY - timedelta(days=60), cadence=30, contacts=[contact(DAY)])]
    assert agenda(*records) == ["Today One", "Later One"]


# ------------------------------------------------------------ calendar edges

def test_month_end_counts_calendar_days():
    record = person(contacts=[contact(date(2026, 1, 30))])
    assert found(record, date(2026, 2, 2)).codes == ["due_today"]
    assert found(record, date(2026, 2, 3)).reasons[0].text == "4 days since you talked; every 3 days"


def test_leap_day_contact_and_milestone():
    record = person(clean=date(2023, 2, 28), cadence=1, contacts=[contact(date(2024, 2, 28))])
    assert found(record, date(2024, 2, 29)).codes == ["due_today"]
    assert found(record, date(2024, 3, 1)).days_since == 2
    leapling = person(clean=date(2024, 2, 29), cadence=30, contacts=[contact(date(2025, 2, 27))])
    assert "milestone_today" in found(leapling, date(2025, 2, 28)).codes  # 1 year, clamped
    assert found(leapling, date(2025, 2, 28)).reasons[0].text == "1 year today"


def test_daylight_saving_change_counts_calendar_days_not_hours():
    # US clocks spring forward on 2026-03-08: Saturday 23:00 to Tuesday 08:00 is under 3 x 24 hours
    record = person(contacts=[contact(date(2026, 3, 7), hour=23)])
    assert found(record, date(2026, 3, 10)).codes == ["due_today"]
    assert found(record, date(2026, 3, 10)).days_since == 3
    # and fall back on 2026-11-01: a late call still counts on its own evening
    autumn = person(cadence=1, contacts=[contact(date(2026, 10, 31), hour=23)])
    assert found(autumn, date(2026, 11, 1)).codes == ["due_today"]


def test_contact_day_is_the_sponsors_local_date():
    # written with a UTC offset, it was still Friday evening in New York
    late = Contact(id="c-1", at=datetime(2026, 11, 21, 3, 30, tzinfo=ZoneInfo("UTC")))
    record = person(cadence=1, contacts=[late])
    assert found(record).last_day == date(2026, 11, 20)
    assert found(record).codes == ["due_today"]


def test_a_contacts_year_that_did_not_load_is_said_not_counted_as_never():
    record = person(contacts=[])
    record.unreadable_years = [2026]
    result = found(record)
    assert result.codes == ["unreadable"] and "never" not in result.codes
    assert result.reasons[0].text == "2026 contacts can't be read; run sponsordesk doctor"
    older = person(contacts=[contact(DAY - timedelta(days=10))])
    older.unreadable_years = [2019]  # long before the last talk: the count still holds
    assert found(older).codes == ["overdue"]
