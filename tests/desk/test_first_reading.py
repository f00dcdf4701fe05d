"""The app's first reading after a glance (``take_glance``, then ``start_chores`` and ``read``, as tui/loading.py
does them): with nothing written since the glance it takes the glance's check of every folder for its own
(``Vouched.checked``); after a chore that wrote, or on another day, it checks every folder again."""

from datetime import timedelta

import pytest

from sponsordesk.desk import Desk
from sponsordesk.desk.context import Context
from sponsordesk.rules.clock import Clock
from sponsordesk.store import Store, index, layout
from sponsordesk.store.quick import QuickRecord

from tests.conftest import TODAY
from tests.desk.test_ended_later import _indexed
from tests.seed import edit_keeping_size_and_mtime

ACTIVE = "luis-r"  # the demo's newcomer: on today's agenda, his phone in the Today panel
PHONE, OTHER_PHONE = b"555-0166", b"555-0199"


@pytest.fixture
def indexed(demo_dir, config_dir):
    """The index made, as a first start leaves it; the day's backup not made yet."""
    _indexed(demo_dir, config_dir)
    return demo_dir


@pytest.fixture
def quiet(indexed, config_dir):
    """The index made, and an earlier start today made the day's backup: a start's chores write nothing."""
    Desk.open(Context.build(data_dir=indexed, config_dir=config_dir, today=TODAY)).close()
    return indexed


@pytest.fixture
def looks(monkeypatch) -> dict[str, list[str]]:
    """Every sponsee folder a reading lists, and every folder it signs against the index, from now on."""
    seen: dict[str, list[str]] = {"listed": [], "signed": []}
    listed, signed = Store._names_reporting_copies, index.folder_matches

    def listing(store, folder):
        seen["listed"].append(folder.name)
        return listed(store, folder)

    def signing(root, folder_id, files, names=None):
        seen["signed"].append(folder_id)
        return signed(root, folder_id, files, names)

    monkeypatch.setattr(Store, "_names_reporting_copies", listing)
    monkeypatch.setattr(index, "folder_matches", signing)
    return seen


def _opening(data_dir, config_dir) -> Desk:
    """The app's desk at start, before it takes the lock or a glance (``SponsorDeskApp.__init__``)."""
    return Desk.unopened(Context.build(data_dir=data_dir, config_dir=config_dir, today=TODAY),
                         ended_later=True, active_later=True)


def _glancing(data_dir, config_dir) -> Desk:
    """The app's desk at start, its index answering: the folder's writer, the roster shown from the index."""
    desk = _opening(data_dir, config_dir)
    assert desk.take_lock() and desk.take_glance()
    return desk


def _first_reading(desk: Desk):
    """The chores, then the first reading, applied: what the app's worker and its handler do."""
    started = desk.start_chores()
    reading = desk.read(unchanged_since_glance=not started.wrote)
    desk.note_start(started)
    return desk.apply(reading)


def _held(desk: Desk, sponsee_id: str):
    return next(r for r in desk.records if r.id == sponsee_id)


def test_with_nothing_written_since_the_glance_no_folder_is_listed_or_signed_again(quiet, config_dir, looks,
                                                                                   monkeypatch):
    import os

    desk = _glancing(quiet, config_dir)
    try:
        shown = [r.id for r in desk.glance.quick.records]
        looks["listed"].clear(), looks["signed"].clear()  # the glance's own check of every folder
        started = desk.start_chores()
        profiles: list[str] = []
        real_stat = os.stat
        monkeypatch.setattr(os, "stat", lambda path, *a, **k: (
            profiles.append(str(path)) if str(path).endswith(layout.PROFILE) else None) or real_stat(path, *a, **k))
        reading = desk.read(unchanged_since_glance=not started.wrote)  # as _first_reading, the chores apart
        monkeypatch.setattr(os, "stat", real_stat)
        desk.note_start(started)
        changed = desk.apply(reading)
        assert looks == {"listed": [], "signed": []}, "the glance's check stands: nothing written since"
        assert profiles == [], "nor is each folder's profile looked for again"
        assert not changed, "the files say what the glance showed"
        assert isinstance(_held(desk, ACTIVE), QuickRecord) and desk.problems == []
        assert [a.id for a in desk.assessments(ended=False)] == shown
    finally:
        desk.close()


def test_a_file_changed_after_the_glance_is_seen_when_a_chore_wrote(indexed, config_dir, looks):
    """The day's backup is made (a write): the first reading checks every folder, and finds the edit."""
    desk = _glancing(indexed, config_dir)
    try:
        edit_keeping_size_and_mtime(layout.profile_path(indexed, ACTIVE), PHONE, OTHER_PHONE)
        looks["listed"].clear()
        changed = _first_reading(desk)
        assert ACTIVE in looks["listed"] and len(looks["listed"]) == len(desk.records)
        assert changed.records, "not what the glance showed"
        held = _held(desk, ACTIVE)
        assert not isinstance(held, QuickRecord) and held.sponsee.phone == OTHER_PHONE.decode()
    finally:
        desk.close()


def test_a_change_the_roster_does_not_show_is_no_change_to_what_the_glance_showed(indexed, config_dir):
    """Read from its files (a chore wrote), his home group changed: the rows and the agenda stand as drawn."""
    desk = _glancing(indexed, config_dir)
    try:
        edit_keeping_size_and_mtime(layout.profile_path(indexed, ACTIVE), b"Clean and Serene", b"Clean and Serenf")
        assert not _first_reading(desk)
        held = _held(desk, ACTIVE)
        assert not isinstance(held, QuickRecord) and held.sponsee.home_group == "Clean and Serenf"
    finally:
        desk.close()


def test_an_edit_after_the_glance_with_nothing_written_is_read_before_it_is_shown_and_by_the_next_reading(
        quiet, config_dir):
    """Why taking the glance's check is safe: its record is only the roster's cells; the card (and every
    screen, every change) reads the files first and says when they differ, and the next reading checks again."""
    desk = _glancing(quiet, config_dir)
    told: list[bool] = []
    desk.found_in_files = told.append
    try:
        edit_keeping_size_and_mtime(layout.profile_path(quiet, ACTIVE), PHONE, OTHER_PHONE)
        assert not _first_reading(desk), "as stale as an edit made just after the reading"
        assert _held(desk, ACTIVE).sponsee.phone == PHONE.decode()
        assert desk.record(ACTIVE).sponsee.phone == OTHER_PHONE.decode(), "the card reads the files first"
        assert told == [False], "and says the files changed"
    finally:
        desk.close()


def test_an_edit_after_the_glance_with_nothing_written_is_seen_by_the_next_reading(quiet, config_dir):
    desk = _glancing(quiet, config_dir)
    try:
        edit_keeping_size_and_mtime(layout.profile_path(quiet, ACTIVE), PHONE, OTHER_PHONE)
        _first_reading(desk)
        assert desk.apply(desk.read()).records, "ctrl+r, back in focus: every folder checked again"
        assert _held(desk, ACTIVE).sponsee.phone == OTHER_PHONE.decode()
    finally:
        desk.close()


def test_past_midnight_the_first_reading_checks_every_folder_and_is_no_longer_the_glances(
        quiet, config_dir, looks):
    desk = _glancing(quiet, config_dir)
    try:
        desk.ctx.clock = Clock(TODAY + timedelta(days=1))  # the glance was taken just before midnight
        looks["listed"].clear()
        changed = desk.apply(desk.read(unchanged_since_glance=True))
        assert ACTIVE in looks["listed"]
        assert changed.records, "the roster drawn for yesterday is drawn again"
    finally:
        desk.close()


def test_a_reading_begun_again_after_the_desk_changed_checks_every_folder(quiet, config_dir, looks):
    # no save can land while the index is shown, but a reading read again because the desk changed (as
    # loading.py does when a save landed meanwhile) must not take a check made before that change
    desk = _glancing(quiet, config_dir)
    looks["listed"].clear(), looks["signed"].clear()  # the glance's own check of every folder
    desk.generation += 1  # what a save does
    desk.read(unchanged_since_glance=True)
    assert ACTIVE in looks["signed"]


# ------------------------------------------------------------ the chores' search for a save's temp files


def _temp_beside(path):
    """A temp file as a save killed mid-write leaves it (tomlio.write_temp's name)."""
    from sponsordesk.store import tomlio

    temp = path.with_name(f".{path.name}.1234{tomlio.TEMP_SUFFIX}")
    temp.write_bytes(b"half a save")
    return temp


def test_the_chores_do_not_list_the_folders_the_glance_found_as_signed_but_still_clear_the_rest(
        quiet, config_dir, monkeypatch):
    from sponsordesk.store import startup

    entered: list[str] = []
    real = startup.tree_paths

    def listing(root, skip=frozenset()):
        found = real(root, skip)
        entered.extend(path for path in found if f"/{layout.SPONSEES}/" in path)
        return found

    monkeypatch.setattr(startup, "tree_paths", listing)
    # a temp file where the glance does not look: the index's own folder (its writes are atomic too)
    left = _temp_beside(quiet / index.FOLDER / "kept.json")
    desk = _glancing(quiet, config_dir)
    try:
        started = desk.start_chores(check_permissions=False)
        assert not left.exists(), "a temp file outside the sponsee folders is still found and removed"
        folders = {f"{quiet}/{layout.SPONSEES}/{folder}" for folder in desk.glance.quick.vouched.entries}
        assert folders and not [path for path in entered if path.rsplit("/", 1)[0] in folders], \
            "nothing inside a folder the glance found as signed was listed again"
        assert started.tree is None, "the permission check lists the whole folder itself, later"
        assert desk.loose_permissions(started.tree) == []
    finally:
        desk.close()


def _no_glance_and_the_chores_remove(left, data_dir, config_dir, why: str) -> None:
    """The app's start: the writer's glance fails (``why``), and its chores then find and remove ``left``."""
    desk = _opening(data_dir, config_dir)
    try:
        assert desk.take_lock()
        assert not desk.take_glance(), why
        desk.start_chores()
        assert not left.exists()
    finally:
        desk.close()


def test_a_temp_file_in_a_sponsee_folder_makes_the_glance_fail_and_the_chores_remove_it(quiet, config_dir):
    left = _temp_beside(layout.sponsee_dir(quiet, ACTIVE) / "profile.toml")
    _no_glance_and_the_chores_remove(left, quiet, config_dir, "a name the index does not know: the files answer")


def test_a_glance_taken_before_the_lock_does_not_spare_the_chores_the_search(quiet, config_dir):
    # another sponsordesk may have saved (and been killed mid-save) between that glance and the lock
    desk = _opening(quiet, config_dir)
    try:
        assert desk.take_glance()
        left = _temp_beside(layout.sponsee_dir(quiet, ACTIVE) / "profile.toml")
        assert desk.take_lock()
        desk.start_chores()
        assert not left.exists()
    finally:
        desk.close()


def test_a_temp_file_an_index_knows_by_name_is_still_found_and_removed(quiet, config_dir):
    # A save killed mid-write left it; then a reading without the chores (`today`, a read-only window) made
    # the index again, naming it among the folder's files. The glance must not vouch for that folder, or the
    # chores would leave it unsearched and a stale copy of a sponsee's file would stay (and sync, and back up).
    left = _temp_beside(layout.sponsee_dir(quiet, ACTIVE) / "profile.toml")
    _indexed(quiet, config_dir)
    assert left.name in (quiet / index.FOLDER).joinpath(next((quiet / index.FOLDER).iterdir())).read_text()
    _no_glance_and_the_chores_remove(left, quiet, config_dir,
                                     "a temp file is never vouched for, known by its name or not")
