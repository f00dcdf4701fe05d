"""Opening and reloading in parts, for the app's workers: a reading never undoes a save made meanwhile."""

import threading

import pytest

from sponsordesk.desk import Desk
from sponsordesk.desk.context import Context
from sponsordesk.store import layout
from sponsordesk.store.lock import DataLock

from tests.conftest import TODAY
from tests.desk.test_desk_safety import edit_elsewhere


@pytest.fixture
def ctx(demo_dir, config_dir):
    return Context.build(data_dir=demo_dir, config_dir=config_dir, today=TODAY)


def on_a_thread(work):
    """Run ``work`` on another thread, as the app's worker does, and return what it returned."""
    out = []
    thread = threading.Thread(target=lambda: out.append(work()))
    thread.start()
    thread.join()
    return out[0]


def test_an_unopened_desk_shows_nothing_holds_no_lock_and_saves_nothing(ctx):
    desk = Desk.unopened(ctx)
    assert not desk.loaded and desk.records == [] and desk.read_only
    assert DataLock(ctx.data_dir).acquire(), "nobody holds the folder yet"


def test_opening_in_parts_finds_what_open_finds(ctx):
    whole = Desk.open(ctx, read_only=True)
    desk = Desk.unopened(ctx)
    assert desk.take_lock()
    started = on_a_thread(desk.start_chores)
    desk.note_start(started)
    reading = on_a_thread(desk.read)
    assert desk.is_current(reading) and desk.apply(reading)
    assert desk.loaded and not desk.read_only
    assert [r.id for r in desk.records] == [r.id for r in whole.records]
    assert (ctx.data_dir / "backups").is_dir(), "the day's backup was made by the chores"
    desk.close()


def test_a_save_while_reading_makes_the_reading_stale(ctx):
    desk = Desk.open(ctx)
    shown = desk.records[0].sponsee
    reading = desk.read()  # begun before the save, as a reload in a worker would be
    desk.save_profile(shown, shown.model_copy(update={"phone": "555-0100"}))
    assert not desk.is_current(reading)
    with pytest.raises(ValueError):
        desk.apply(reading)
    assert desk.record(shown.id).sponsee.phone == "555-0100", "the save is still what the desk shows"
    assert not desk.apply(desk.read()), "read again: the save is on disk, nothing else changed"
    desk.close()


def test_a_reading_picks_up_outside_edits_and_keeps_the_window_writable(ctx):
    desk = Desk.open(ctx)
    sid = desk.records[0].id
    edit_elsewhere(layout.profile_path(ctx.data_dir, sid), phone="555-0199")
    assert desk.apply(on_a_thread(desk.read))
    assert desk.record(sid).sponsee.phone == "555-0199" and not desk.read_only
    desk.close()


def test_a_copy_for_reading_has_a_store_of_its_own_and_cannot_save(ctx):
    desk = Desk.open(ctx)
    copy = desk.for_reading()
    assert copy.store is not desk.store and copy.read_only and copy.records == desk.records
    assert copy.lock is None and not desk.read_only
    desk.close()
