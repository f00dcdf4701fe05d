from datetime import date

from sponsordesk.forms.contact import ContactInput, ResolutionRow, SuggestionRow, expand_today, read_contact

TODAY = date(2026, 11, 21)


def read(current=date(2026, 6, 1), **fields):
    form = ContactInput(**{"day": "2026-11-20", "time": "19:30", "summary": "Talked.", **fields})
    return read_contact(form, today=TODAY, contact_id="c-1", current_sobriety=current)


def test_a_good_form_becomes_an_entry():
    entry, errors = read(minutes="20", meetings="3", meeting_notes=" home group ",
                         suggestions=[SuggestionRow("Read p. 58", "2026-11-25"), SuggestionRow("", "")],
                         resolutions=[ResolutionRow("s-1", "followed", " did it "), ResolutionRow("s-2", "open")])
    assert errors == {}
    assert entry.contact.at.hour == 19 and entry.contact.minutes == 20 and entry.contact.meetings == 3
    assert entry.contact.meeting_notes == "home group"
    assert [(s.text, s.due) for s in entry.suggestions] == [("Read p. 58", date(2026, 11, 25))]
    assert [(r.suggestion_id, r.note) for r in entry.resolutions] == [("s-1", "did it")]


def test_each_bad_field_gets_its_own_message():
    entry, errors = read(day="2026-11-22", time="25:00", minutes="-5", summary="  ", meetings="lots")
    assert entry is None
    assert "after today" in errors["date"]
    assert "HH:MM" in errors["time"]
    assert errors["minutes"] == "Minutes cannot be negative"
    assert errors["summary"].startswith("Summary is needed")
    assert "not a whole number" in errors["meetings"]


def test_bad_and_empty_dates_are_named():
    assert "not a date" in read(day="yesterday")[1]["date"]
    assert read(day="")[1]["date"] == "Date is needed, e.g. 2026-11-21"
    assert read(time="")[1]["time"] == "Time is needed, e.g. 19:30"


def test_an_attempt_needs_no_summary():
    assert read(kind="attempt", summary="")[1] == {}


def test_suggestion_rows_are_checked():
    _, errors = read(suggestions=[SuggestionRow("", "2026-11-30"), SuggestionRow("Read", "soon"),
                                  SuggestionRow("Read", "2026-11-01")])
    assert "type what you suggested" in errors["suggestion-0"]
    assert "not a date" in errors["suggestion-1-due"]
    assert "before the day it was given" in errors["suggestion-2-due"]


def test_new_sobriety_date_only_with_relapse_and_after_the_current_one():
    entry, _ = read(relapse=True, new_sobriety="2026-11-20")
    assert entry.new_sobriety == date(2026, 11, 20) and entry.contact.relapse
    entry, _ = read(relapse=False, new_sobriety="2026-11-20")
    assert entry.new_sobriety is None
    assert "after the current one" in read(relapse=True, new_sobriety="2026-05-01")[1]["sobriety"]
    assert "after today" in read(relapse=True, new_sobriety="2026-12-01")[1]["sobriety"]
    entry, _ = read(relapse=True, new_sobriety="")
    assert entry.new_sobriety is None


def test_t_or_today_in_the_new_sobriety_date_means_today():
    assert expand_today("t", TODAY) == expand_today(" Today ", TODAY) == TODAY.isoformat()
    assert expand_today("2026-11-02", TODAY) == "2026-11-02"
    entry, _ = read(relapse=True, new_sobriety="t")
    assert entry.new_sobriety == TODAY
