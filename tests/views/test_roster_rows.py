"""What the roster table says per sponsee, and how it sorts and filters."""

from __future__ import annotations

from datetime import date, timedelta

from sponsordesk.model import Status
from sponsordesk.views.roster import (
    SORT_KEYS, build_row, clean_time_short, column_widths, columns, left_out, marker, next_call_text,
    next_sort_column, sort_rows, visible_rows, width_needed,
)

from tests.rules.test_agenda import DAY, contact, found, person


def row(record, name=None):
    return build_row(found(record), name or record.sponsee.shown_name)


def test_markers_have_a_symbol_and_words_as_well_as_a_colour():
    assert marker(found(person(contacts=[contact(DAY - timedelta(days=5))]))) == ("overdue", "!! overdue")
    assert marker(found(person(contacts=[contact(DAY - timedelta(days=3))]))) == ("due", "● due")
    assert marker(found(person(contacts=[contact(DAY)]))) == ("fine", "✓ fine")
    assert marker(found(person(contacts=[contact(DAY, "text", relapse=True)]))) == ("relapse", "!! reach out")
    assert marker(found(person(clean=DAY - timedelta(days=30), contacts=[contact(DAY)]))) == ("milestone", "★ milestone")
    assert marker(found(person(snoozed_until=DAY + timedelta(days=1)))) == ("snoozed", "z snoozed")


def test_cells_read_like_a_person_would_say_them():
    cells = row(person(clean=date(2020, 10, 1), contacts=[contact(DAY - timedelta(days=3))])).cells
    assert cells["last"] == "3 days ago" and cells["next"] == "today"
    assert cells["clean"] == "6 yrs 1 mo" and cells["step"] == "not started" and cells["open"] == "–"
    assert row(person(contacts=[contact(DAY - timedelta(days=5))])).cells["next"] == "since Thu"
    assert row(person(contacts=[contact(DAY - timedelta(days=1))])).cells["next"] == "Monday"
    paused = person(status=Status(state="paused", until=date(2026, 12, 3)))
    assert next_call_text(found(paused)) == "back Dec 3"


def test_clean_time_fits_the_column():
    assert clean_time_short(DAY - timedelta(days=23), DAY) == "23 days"
    assert clean_time_short(date(2025, 11, 21), DAY) == "1 yr"
    assert clean_time_short(None, DAY) == "no date yet"
    # a date after today, from a file typed by hand: the card says which
    assert clean_time_short(date(2999, 10, 22), DAY) == "not yet" == clean_time_short(DAY + timedelta(days=1), DAY)
    assert row(person(clean=date(2999, 10, 22))).cells["clean"] == "not yet"


def test_ended_hidden_unless_asked_and_filter_matches_shown_text():
    rows = [row(person("Ann Lee")), row(person("Bo Day", status=Status(state="ended", ended=DAY, reason="moved")))]
    assert [r.cells["name"] for r in visible_rows(rows, False, "")] == ["Ann L."]
    assert len(visible_rows(rows, True, "")) == 2
    assert [r.cells["name"] for r in visible_rows(rows, True, "bo")] == ["Bo D."]
    assert [r.cells["name"] for r in visible_rows(rows, True, "ENDED")] == ["Bo D."]


def test_sort_by_status_puts_the_agenda_first_then_fine_then_paused():
    rows = [
        row(person("Pat Paused", status=Status(state="paused", until=DAY + timedelta(days=3)))),
        row(person("Fin Fine", contacts=[contact(DAY)])),
        row(person("Ova Late", contacts=[contact(DAY - timedelta(days=8))])),
    ]
    assert [r.cells["name"] for r in sort_rows(rows, "status")] == ["Ova L.", "Fin F.", "Pat P."]
    assert [r.cells["name"] for r in sort_rows(rows, "name", reverse=True)] == ["Pat P.", "Ova L.", "Fin F."]
    assert [r.cells["name"] for r in sort_rows(rows, "last")] == ["Fin F.", "Ova L.", "Pat P."]


def test_sort_cycles_through_every_column():
    column, seen = SORT_KEYS[0], []
    for _ in SORT_KEYS:
        seen.append(column)
        column = next_sort_column(column)
    assert seen == SORT_KEYS and column == SORT_KEYS[0]


def test_sort_skips_columns_that_are_not_shown():
    shown = [key for key, _ in columns(left_out=("rhythm",))]
    assert "rhythm" not in shown and next_sort_column("last", shown) == "next"


def test_rhythm_cell_shows_twelve_weeks_of_contact_and_sorts_the_quietest_first():
    busy = row(person("Bo Busy", contacts=[contact(DAY - timedelta(days=d)) for d in (0, 2, 9, 30)]))
    quiet = row(person("Qi Quiet", contacts=[contact(DAY - timedelta(days=40))]))
    assert len(busy.cells["rhythm"]) == 12 and busy.cells["rhythm"].endswith("█")
    assert quiet.cells["rhythm"].count("·") == 11
    assert [r.cells["name"] for r in sort_rows([busy, quiet], "rhythm")] == ["Qi Q.", "Bo B."]


def test_contacts_that_cannot_be_read_are_said_not_shown_as_a_first_call():
    record = person(contacts=[])
    record.unreadable_years = [2026]
    cells = row(record).cells
    assert (cells["status"], cells["last"], cells["next"]) == ("? can't read", "can't read", "?")
    assert marker(found(record)) != ("due", "● first call")


def test_width_needed_is_the_widest_cell_or_header_of_each_column_plus_its_padding():
    rows = [row(person("Hiroshi Tanaka", contacts=[contact(DAY - timedelta(days=11))])), row(person("Bo Day"))]
    shown = [("name", "Name"), ("last", "Last talk")]
    widths = column_widths(rows)
    assert width_needed(widths, shown, per_cell=2) == len("Hiroshi T.") + 2 + len("11 days ago") + 2 + 1, "and the arrow"
    assert width_needed(column_widths([]), shown, per_cell=1) == len("Name") + 1 + len("Last talk") + 1 + 1


def test_columns_give_way_in_order_until_the_rest_fit():
    widths = {key: 11 for key, _ in columns()} | {"rhythm": 12, "open": 4}
    everything = width_needed(widths, columns(), per_cell=1)
    assert left_out(widths, everything, per_cell=1) == ()
    assert left_out(widths, everything - 1, per_cell=1) == ("rhythm",)
    assert left_out(widths, everything - 13, per_cell=1) == ("rhythm",), "the rhythm took 12 cells and a space"
    assert left_out(widths, everything - 14, per_cell=1) == ("rhythm", "clean")
    assert left_out(widths, everything - 26, per_cell=1) == ("rhythm", "clean", "program")
    assert left_out(widths, 10, per_cell=1) == ("rhythm", "clean", "program"), "who needs a call never goes"
    assert left_out(widths, everything, per_cell=1, rhythm=False) == ("rhythm",), "a table too narrow for a chart"


def test_sorting_by_a_column_that_gave_way_moves_to_the_next_one_shown():
    shown = [key for key, _ in columns(left_out=("rhythm",))]
    assert next_sort_column("rhythm", shown) == "next"
    assert next_sort_column("rhythm") == "next" and next_sort_column("open", shown) == "status"


def test_a_date_in_another_year_says_the_year():
    from sponsordesk.model import SponseeState

    record = person("Kofi Boateng")
    record.sponsee.status = Status(state=SponseeState.ENDED, ended=date(2017, 1, 3))
    assert next_call_text(found(record)) == "ended Jan 3, 2017"
    record.sponsee.status = Status(state=SponseeState.ENDED, ended=DAY - timedelta(days=3))
    assert next_call_text(found(record)) == f"ended {DAY - timedelta(days=3):%b} {(DAY - timedelta(days=3)).day}"
