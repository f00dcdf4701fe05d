"""Sponsorships not ended whose files still match the index are not parsed at start either (the app): the
roster and the agenda read the index's record, and a screen that shows or changes more reads the files."""

import json
from datetime import timedelta
from pathlib import Path

import pytest

from sponsordesk.desk import Desk
from sponsordesk.desk.context import Context
from sponsordesk.store import Store, layout
from sponsordesk.store.quick import QuickRecord

from tests.conftest import TODAY
from tests.desk.test_ended_later import _index_file, _indexed, _replaced_keeping_size_and_mtime
from tests.desk.test_ended_later import _opened as _opened_later
from tests.seed import edit_keeping_size_and_mtime

ACTIVE = "luis-r"  # the demo's newcomer: on today's agenda, a relapse, suggestions due
PHONE, OTHER_PHONE = b"555-0166", b"555-0199"


def _opened(demo_dir, config_dir, read: list[Path], active_later: bool = True, today=TODAY) -> Desk:
    """The app's desk: sponsorships not ended left for later too (``active_later``) while the index vouches."""
    return _opened_later(demo_dir, config_dir, read, active_later, today)


def _standing(desk: Desk) -> list[tuple]:
    """The roster's rows and the agenda, in what they show: names, reasons, dates, counts."""
    return [(a.id, desk.name(a.record.sponsee), a.record.sponsee.phone, a.cadence, a.last_day, a.next_due,
             repr(a.milestone), repr(a.reasons), a.left_out, a.follow_up_days, a.record.open_count,
             [str(s.status) for s in a.record.steps.step])
            for a in desk.assessments(ended=False)]


@pytest.fixture
def read() -> list[Path]:
    return []


@pytest.fixture
def indexed(demo_dir, config_dir):
    _indexed(demo_dir, config_dir)
    return demo_dir


def test_with_the_index_no_file_of_a_sponsee_not_ended_is_parsed_and_the_roster_is_the_same(
        indexed, config_dir, read):
    full = _opened(indexed, config_dir, [], active_later=False)
    rows = _standing(full)
    full.close()
    desk = _opened(indexed, config_dir, read)
    try:
        assert read == [], "every file still matches the index"
        held = next(r for r in desk.records if r.id == ACTIVE)
        assert isinstance(held, QuickRecord) and held.partial
        assert _standing(desk) == rows and len(rows) == 6
        assert [a.id for a in desk.agenda()] == [a.id for a in full.agenda()]
        assert desk.problems == []
    finally:
        desk.close()


def test_a_screen_that_shows_more_reads_that_sponsee_in_full(indexed, config_dir, read):
    desk = _opened(indexed, config_dir, read)
    try:
        shown = desk.record(ACTIVE)
        full = Store(indexed).load_sponsee(ACTIVE, TODAY)
        assert not shown.partial and shown.sponsee == full.sponsee
        assert (shown.steps, shown.suggestions, shown.recent) == (full.steps, full.suggestions, full.recent)
        assert layout.steps_path(indexed, ACTIVE) in read
        assert all(ACTIVE not in p.parts for p in read if p.parent.name != ACTIVE) and \
            {p.parent.name for p in read} == {ACTIVE}, "nobody else is read for it"
    finally:
        desk.close()


def test_a_change_starts_from_the_files_and_is_saved(indexed, config_dir, read):
    desk = _opened(indexed, config_dir, read)
    try:
        desk.snooze(ACTIVE, TODAY + timedelta(days=1))
        assert Store(indexed).load_sponsee(ACTIVE, TODAY).sponsee.snoozed_until == TODAY + timedelta(days=1)
        held = next(r for r in desk.records if r.id == ACTIVE)
        assert not held.partial and held.sponsee.snoozed_until == TODAY + timedelta(days=1)
        assert ACTIVE not in [a.id for a in desk.agenda()]
    finally:
        desk.close()


def test_every_open_suggestion_reads_them_in_full(indexed, config_dir, read):
    full = _opened(indexed, config_dir, [], active_later=False)
    expected = [(r.id, s.text) for r, s in full.open_suggestions()]
    full.close()
    desk = _opened(indexed, config_dir, read)
    try:
        assert [(r.id, s.text) for r, s in desk.open_suggestions()] == expected and expected
        assert not any(isinstance(r, QuickRecord) for r in desk.records)
    finally:
        desk.close()


EDITS = {
    "an edit keeping size and mtime": lambda path: edit_keeping_size_and_mtime(path, PHONE, OTHER_PHONE),
    "a file replaced, same size and mtime": lambda path: _replaced_keeping_size_and_mtime(path, PHONE, OTHER_PHONE),
}


@pytest.mark.parametrize("edit", list(EDITS))
def test_a_profile_changed_behind_the_index_back_is_read_and_seen(indexed, config_dir, read, edit):
    profile = layout.profile_path(indexed, ACTIVE)
    EDITS[edit](profile)
    desk = _opened(indexed, config_dir, read)
    try:
        assert profile in read, edit
        held = next(r for r in desk.records if r.id == ACTIVE)
        assert not held.partial and held.sponsee.phone == OTHER_PHONE.decode()
    finally:
        desk.close()


@pytest.mark.parametrize("edit", list(EDITS))
def test_a_reload_after_an_outside_change_says_so_and_shows_it(indexed, config_dir, read, edit):
    desk = _opened(indexed, config_dir, read)
    try:
        assert not desk.apply(desk.read()), "nothing changed: nothing to say"
        EDITS[edit](layout.profile_path(indexed, ACTIVE))
        changed = desk.apply(desk.read())
        assert changed.records, "Picked up changes made outside sponsordesk."
        assert next(r for r in desk.records if r.id == ACTIVE).sponsee.phone == OTHER_PHONE.decode()
    finally:
        desk.close()


def test_reading_them_in_full_after_taking_them_from_the_index_is_no_outside_change(indexed, config_dir, read):
    """The index gone between two readings (deleted, or made unusable by a problem elsewhere): the files are
    read in full and compared in the index's terms, so no "Picked up changes" is said for nothing."""
    desk = _opened(indexed, config_dir, read)
    try:
        assert any(isinstance(r, QuickRecord) for r in desk.records)
        _index_file(indexed).unlink()
        changed = desk.apply(desk.read())
        assert not changed.records and not any(r.partial for r in desk.records if r.sponsee.state != "ended")
    finally:
        desk.close()


def test_an_index_made_for_a_later_day_does_not_stand_in_for_them(indexed, config_dir, read):
    """Its recent contacts may not reach back to an earlier day's (`--today` set back): their files answer."""
    _index_file(indexed).unlink()
    Desk.open(Context.build(data_dir=indexed, config_dir=config_dir, today=TODAY + timedelta(days=3)),
              read_only=True, ended_later=True, makes_index=True).close()
    desk = _opened(indexed, config_dir, read)
    try:
        assert layout.steps_path(indexed, ACTIVE) in read
        assert not any(isinstance(r, QuickRecord) for r in desk.records)
    finally:
        desk.close()


def test_an_index_made_again_keeps_their_entries_so_the_next_start_still_reads_nothing(indexed, config_dir, read):
    before = json.loads(_index_file(indexed).read_bytes())["sponsees"][ACTIVE]
    ctx = Context.build(data_dir=indexed, config_dir=config_dir, today=TODAY)
    Desk.open(ctx, read_only=True, ended_later=True, makes_index=True, active_later=True).close()
    assert json.loads(_index_file(indexed).read_bytes())["sponsees"][ACTIVE] == before
    desk = _opened(indexed, config_dir, read)
    try:
        assert read == []
    finally:
        desk.close()
    edit_keeping_size_and_mtime(layout.profile_path(indexed, ACTIVE), PHONE, OTHER_PHONE)
    desk = _opened(indexed, config_dir, read)
    try:
        assert layout.profile_path(indexed, ACTIVE) in read, "still signed: the change is seen"
    finally:
        desk.close()


def test_leaving_them_for_later_keeps_their_facts_cache_entries(indexed, config_dir, read):
    from sponsordesk.store.facts_cache import cache_file

    ctx = Context.build(data_dir=indexed, config_dir=config_dir, today=TODAY)
    cached = cache_file(ctx.cache_dir, indexed)
    entries = json.loads(cached.read_bytes())["sponsees"]
    desk = _opened(indexed, config_dir, read)
    desk.close()
    assert json.loads(cached.read_bytes())["sponsees"] == entries and len(entries) >= 6


@pytest.mark.parametrize("later", [0, 1, 5, 40])
def test_reading_each_in_full_days_after_the_index_was_made_finds_what_it_said(indexed, config_dir, read, later):
    """The card reads the highlighted sponsee's files; finding them as the index said (in its terms), nothing
    is redrawn and nothing is said (the app says "Picked up changes" when they differ)."""
    desk = _opened(indexed, config_dir, read, today=TODAY + timedelta(days=later))
    told: list[bool] = []
    desk.found_in_files = told.append
    try:
        quick = [r.id for r in desk.records if isinstance(r, QuickRecord)]
        assert len(quick) >= 5
        for sponsee_id in quick:
            assert not desk.record(sponsee_id).partial
        assert told == []
    finally:
        desk.close()


def test_reading_one_whose_files_changed_since_tells_the_app(indexed, config_dir, read):
    desk = _opened(indexed, config_dir, read)
    told: list[bool] = []
    desk.found_in_files = told.append
    try:
        edit_keeping_size_and_mtime(layout.profile_path(indexed, ACTIVE), PHONE, OTHER_PHONE)
        assert desk.record(ACTIVE).sponsee.phone == OTHER_PHONE.decode()
        assert told == [False], "changed: redraw, and say so"
        other = next(r.id for r in desk.records if isinstance(r, QuickRecord))
        profile = layout.profile_path(indexed, other)
        profile.write_text(profile.read_text().replace('program = "', 'program = ', 1))
        assert desk.record(other) is None and told == [False, True], "broken: redraw, and say what does not load"
    finally:
        desk.close()
