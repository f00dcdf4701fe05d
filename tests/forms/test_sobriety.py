"""Reading the sobriety-history correction: only what was changed, in order, nothing dropped unasked."""

from __future__ import annotations

from datetime import date

import pytest

from sponsordesk.forms.sobriety import HistoryRow, read_fixes
from sponsordesk.model import SobrietyDate
from sponsordesk.rules.sobriety import Fix, HistoryChanged, corrected

TODAY = date(2026, 11, 21)
HISTORY = [SobrietyDate(date=date(2026, 11, 1), note="after a relapse"),
           SobrietyDate(date=date(2025, 3, 4), note="first came in")]


def rows(*changes: dict) -> list[HistoryRow]:
    base = [HistoryRow(e.date.isoformat(), e.note) for e in HISTORY]
    return [HistoryRow(**{**r.__dict__, **c}) for r, c in zip(base, changes)]


def test_rows_left_alone_ask_for_nothing():
    assert read_fixes(HISTORY, rows({}, {}), TODAY) == ([], {})


def test_a_typo_fixed_and_a_note_changed_name_only_their_entries():
    fixes, errors = read_fixes(HISTORY, rows({"date": "2026-11-02"}, {"note": "  first came in, 2025  "}), TODAY)
    assert errors == {}
    assert [(f.old.date, f.new.date, f.new.note) for f in fixes] == [
        (date(2026, 11, 1), date(2026, 11, 2), "after a relapse"), (date(2025, 3, 4), date(2025, 3, 4), "first came in, 2025")]
    assert [e.date for e in corrected(HISTORY, fixes)] == [date(2026, 11, 2), date(2025, 3, 4)]


def test_removing_is_asked_for_by_name_and_keeps_the_rest():
    fixes, _ = read_fixes(HISTORY, rows({}, {"remove": True}), TODAY)
    assert fixes == [Fix(HISTORY[1], None)]
    assert corrected(HISTORY, fixes) == [HISTORY[0]]


@pytest.mark.parametrize(("change", "key", "words"), [
    ({"date": "2026-13-01"}, "date-0", "not a date"),
    ({"date": "2026-12-01"}, "date-0", "after today"),
    ({"date": "2025-01-01"}, "date-0", "must stay after the date below it (Mar 4, 2025)"),
    ({"date": "2025-03-04"}, "date-1", "in the history twice"),
])
def test_bad_rows_are_refused_with_a_message_by_the_field(change, key, words):
    fixes, errors = read_fixes(HISTORY, rows(change, {}), TODAY)
    assert fixes == [] and words in errors[key]


def test_a_fix_for_an_entry_no_longer_there_changes_nothing():
    with pytest.raises(HistoryChanged):
        corrected(HISTORY[:1], [Fix(HISTORY[1], None)])
