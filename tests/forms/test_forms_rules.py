"""Form rules: each bad field gets a message naming the problem; good input builds the record."""

from __future__ import annotations

from datetime import date, datetime, timezone

from sponsordesk.model import SobrietyDate, Sponsee
from sponsordesk.forms.quick_contact import parse_quick_contact
from sponsordesk.forms.sponsee import form_values, parse_sponsee
from sponsordesk.forms.status import parse_end, parse_pause, parse_snooze

TODAY = date(2026, 11, 21)
PROGRAMS = ["AA", "NA"]


def parse(existing=None, **values):
    return parse_sponsee(form_values(existing) | values, today=TODAY, programs=PROGRAMS, existing=existing,
                         new_id=lambda name: "sam-r")


def test_new_sponsee_needs_a_name_and_good_dates():
    sponsee, errors = parse(name=" ", sobriety="2026-13-01", cadence="0")
    assert sponsee is None
    assert "name is needed" in errors["name"]
    assert "not a date" in errors["sobriety"] and "YYYY-MM-DD" in errors["sobriety"]
    assert "1 to 365" in errors["cadence"]
    assert "future" in parse(name="Sam", sobriety="2026-12-01")[1]["sobriety"]


def test_new_sponsee_built_when_valid():
    sponsee, errors = parse(name="Sam Rivera", program="NA", sobriety="2026-10-01", cadence="2", phone=" 555 ")
    assert errors == {} and sponsee.id == "sam-r" and sponsee.program == "NA"
    assert sponsee.sobriety_date == date(2026, 10, 1) and sponsee.cadence_days == 2 and sponsee.phone == "555"
    assert sponsee.sponsored_since == TODAY


def test_edit_keeps_sobriety_history_and_unknown_keys():
    existing = Sponsee(id="sam-r", name="Sam Rivera", sobriety=[SobrietyDate(date=date(2025, 1, 1), note="first")],
                       favourite_colour="green")
    changed, errors = parse(existing, sobriety="2026-11-01")
    assert errors == {} and [s.date for s in changed.sobriety] == [date(2026, 11, 1), date(2025, 1, 1)]
    assert changed.model_extra == {"favourite_colour": "green"}
    assert "earlier than" in parse(existing, sobriety="2024-01-01")[1]["sobriety"]
    assert "kept for history" in parse(existing, sobriety="")[1]["sobriety"]
    assert existing.sobriety_date == date(2025, 1, 1), "the loaded sponsee is untouched"


def test_no_sobriety_date_after_today_is_taken_but_one_from_the_file_does_not_stop_an_edit():
    for typed in ("2026-11-22", "2027-03-03", "2999-10-22"):  # tomorrow, a planned day, a year typed wrong
        assert "in the future" in parse(name="Sam", sobriety=typed)[1]["sobriety"], typed
    assert "between 1900 and 2999" in parse(name="Sam", sobriety="3000-01-01")[1]["sobriety"]
    typed_by_hand = Sponsee(id="sam-r", name="Sam Rivera", sobriety=[SobrietyDate(date=date(2999, 10, 22))])
    changed, errors = parse(typed_by_hand, phone="555-0100")  # the date left as the file has it
    assert errors == {} and changed.phone == "555-0100" and changed.sobriety == typed_by_hand.sobriety
    assert "in the future" in parse(typed_by_hand, sobriety="2999-10-23")[1]["sobriety"]


def test_pause_end_and_snooze_dates():
    assert parse_pause("2026-12-01", TODAY) == (date(2026, 12, 1), {})
    assert "after today" in parse_pause("2026-11-21", TODAY)[1]["until"]
    assert parse_end("2026-11-21", "moved away", TODAY) == (date(2026, 11, 21), {})
    _, errors = parse_end("2026-12-21", " ", TODAY)
    assert "future" in errors["ended"] and errors["reason"].startswith("needed: ")
    assert parse_snooze("tomorrow", TODAY) == (date(2026, 11, 22), {})
    assert "after today" in parse_snooze("2026-11-20", TODAY)[1]["until"]
    assert "not a date" in parse_snooze("next week", TODAY)[1]["until"]


def test_quick_contact():
    now = datetime(2026, 11, 21, 9, 30, tzinfo=timezone.utc)
    contact, errors = parse_quick_contact("call", "sponsor", "20", " Talked about the weekend ", now, "c-1")
    assert errors == {} and contact.minutes == 20 and contact.by == "sponsor" and contact.summary == "Talked about the weekend"
    assert "whole number" in parse_quick_contact("call", "sponsee", "ten", "", now, "c-2")[1]["minutes"]
    assert parse_quick_contact("attempt", "sponsor", "", "", now, "c-3")[0].connected is False
