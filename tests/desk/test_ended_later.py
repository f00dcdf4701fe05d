"""Ended sponsorships are read when they are shown, not at every start (the app and `today`)."""

from pathlib import Path

import pytest

from sponsordesk.desk import Desk
from sponsordesk.desk.context import Context
from sponsordesk.store import Store, layout

from tests.conftest import TODAY
from tests.seed import edit_keeping_size_and_mtime

ENDED = "jordan-k"  # the demo's ended sponsorship


def _opened(demo_dir, config_dir, read: list[Path], active_later: bool = False, today=TODAY) -> Desk:
    """The app's desk (ended sponsorships later; with ``active_later`` the others too, while the index vouches
    for them, as the app does), noting every file its stores parse."""
    ctx = Context.build(data_dir=demo_dir, config_dir=config_dir, today=today)
    made = ctx.store

    def store(*args, **kwargs) -> Store:
        found = made(*args, **kwargs)
        parse = found._read
        found._read = lambda path, model: (read.append(path), parse(path, model))[1]
        return found

    ctx.store = store
    return Desk.open(ctx, ended_later=True, active_later=active_later)


@pytest.fixture
def read() -> list[Path]:
    return []


@pytest.fixture
def desk(demo_dir, config_dir, read):
    desk = _opened(demo_dir, config_dir, read)
    yield desk
    desk.close()


def test_only_the_profile_of_an_ended_sponsorship_is_read_at_start(desk, read):
    root = desk.ctx.data_dir
    assert layout.profile_path(root, ENDED) in read, "its name and status are on the roster's ended view"
    ended_files = [p for p in read if ENDED in p.parts and p.name != layout.PROFILE]
    assert ended_files == []
    assert layout.steps_path(root, "luis-r") in read, "active sponsees are read in full"
    held = next(r for r in desk.records if r.id == ENDED)
    assert held.partial and held.suggestions == []


def test_showing_an_ended_sponsorship_reads_it_in_full(desk, demo_dir):
    full = Store(demo_dir).load_sponsee(ENDED, TODAY)
    assert full.steps.step and full.suggestions, "the demo's ended sponsee has a board and suggestions"
    shown = desk.record(ENDED)
    assert not shown.partial
    assert (shown.steps, shown.suggestions, shown.recent) == (full.steps, full.suggestions, full.recent)


def test_the_ended_view_reads_every_ended_sponsorship_and_a_reload_keeps_them_read(desk, read):
    rows = {found.record.id: found for found in desk.assessments(ended=True)}
    assert not rows[ENDED].record.partial
    read.clear()
    desk.reload()
    assert not desk.record(ENDED).partial
    assert layout.steps_path(desk.ctx.data_dir, ENDED) in read, "read again, as it is shown"


def test_a_change_to_an_ended_sponsorship_starts_from_the_files_whole(desk, demo_dir):
    before = Store(demo_dir).load_sponsee(ENDED, TODAY)
    desk.resume(ENDED)
    after = Store(demo_dir).load_sponsee(ENDED, TODAY)
    assert (after.steps, after.suggestions) == (before.steps, before.suggestions)
    assert after.sponsee.state != "ended" and not desk.record(ENDED).partial


def test_versions_kept_by_a_sync_merge_are_announced_for_ended_sponsorships_too(demo_dir, config_dir, read):
    path = layout.suggestions_path(demo_dir, ENDED)
    path.write_text(path.read_text() + "\n[[conflict]]\nid = \"s-x\"\n")
    desk = _opened(demo_dir, config_dir, read)
    try:
        assert path in read and not next(r for r in desk.records if r.id == ENDED).partial
    finally:
        desk.close()


def test_the_commands_still_read_everything(demo_dir, config_dir):
    desk = Desk.open(Context.build(data_dir=demo_dir, config_dir=config_dir, today=TODAY))
    try:
        assert not any(r.partial for r in desk.records)
    finally:
        desk.close()


def test_leaving_ended_sponsorships_for_later_keeps_their_facts_cache_entries(demo_dir, config_dir, read):
    """A start that skips them must not drop them from the cache (and rewrite it), nor a full read add them again."""
    full = Desk.open(Context.build(data_dir=demo_dir, config_dir=config_dir, today=TODAY))
    full.close()
    path = full.store.facts_cache.path
    before = path.read_bytes()
    desk = _opened(demo_dir, config_dir, read)
    desk.close()
    assert path.read_bytes() == before, "the cache was not rewritten"


# ------------------------------------------------------------ named from the index, profile not parsed

PROFILE = "profile.toml"


def _indexed(demo_dir, config_dir) -> None:
    """A reading that leaves this machine's index, as `today` or the app's first start without one does."""
    Desk.open(Context.build(data_dir=demo_dir, config_dir=config_dir, today=TODAY), read_only=True,
              ended_later=True, makes_index=True).close()


def _index_file(demo_dir) -> Path:
    found = list((demo_dir / ".sponsordesk-index").iterdir())
    assert len(found) == 1, found
    return found[0]


def _replaced_keeping_size_and_mtime(path: Path, old: bytes, new: bytes) -> None:
    """Written to another file and renamed over it, size and mtime kept: another inode."""
    import os

    st = path.stat()
    other = path.with_name("swap.tmp-by-an-editor")
    other.write_bytes(path.read_bytes().replace(old, new, 1))
    os.utime(other, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.replace(other, path)


def test_with_the_index_an_ended_sponsorships_profile_is_not_parsed_at_start(demo_dir, config_dir, read):
    _indexed(demo_dir, config_dir)
    desk = _opened(demo_dir, config_dir, read)
    try:
        assert layout.profile_path(demo_dir, ENDED) not in read, "named from the index: every file still matches"
        assert layout.profile_path(demo_dir, "luis-r") in read, "sponsorships not ended are read in full"
        held = next(r for r in desk.records if r.id == ENDED)
        assert held.partial and (held.sponsee.name, held.sponsee.program, held.sponsee.state) == (
            "Jordan Kim", "NA", "ended")
        assert desk.name(held.sponsee) == "Jordan K." and desk.problems == []
        assert not hasattr(held.sponsee, "phone"), "a partial record holds the name, nothing that could be shown"
    finally:
        desk.close()


EDITS = {
    "an edit keeping size and mtime": lambda path: edit_keeping_size_and_mtime(path, b"Jordan Kim", b"Jordyn Kim"),
    "a file replaced, same size and mtime": lambda path: _replaced_keeping_size_and_mtime(path, b"Jordan Kim",
                                                                                         b"Jordyn Kim"),
}


@pytest.mark.parametrize("edit", list(EDITS))
def test_an_ended_profile_changed_behind_the_index_back_is_read_and_seen(demo_dir, config_dir, read, edit):
    _indexed(demo_dir, config_dir)
    profile = layout.profile_path(demo_dir, ENDED)
    desk = _opened(demo_dir, config_dir, read)
    desk.close()
    assert profile not in read, "the index vouched for it before the change"
    EDITS[edit](profile)
    read.clear()
    desk = _opened(demo_dir, config_dir, read)
    try:
        assert profile in read, edit
        held = next(r for r in desk.records if r.id == ENDED)
        assert held.partial and held.sponsee.name == "Jordyn Kim", "the file's name, not the index's"
        assert desk.name(held.sponsee) == "Jordyn K."
    finally:
        desk.close()


def test_an_index_made_by_a_reading_that_named_them_from_the_last_one_still_signs_every_file(
        demo_dir, config_dir, read):
    """The index a reading makes again keeps, for each ended sponsorship named from the old one, that one's
    signatures: never a file known by its name alone, so the next change is still seen."""
    import json

    _indexed(demo_dir, config_dir)
    before = json.loads(_index_file(demo_dir).read_bytes())["sponsees"][ENDED]
    _index_file(demo_dir).unlink()
    _indexed(demo_dir, config_dir)  # made afresh, by a reading that parsed the profile
    made = json.loads(_index_file(demo_dir).read_bytes())["sponsees"][ENDED]
    ctx = Context.build(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    desk = Desk.open(ctx, read_only=True, ended_later=True, makes_index=True)  # names them from it, makes it again
    desk.close()
    again = json.loads(_index_file(demo_dir).read_bytes())["sponsees"][ENDED]
    assert again == made and again["files"] == before["files"] and again["files"][PROFILE] is not None
    edit_keeping_size_and_mtime(layout.profile_path(demo_dir, ENDED), b"Jordan Kim", b"Jordyn Kim")
    desk = _opened(demo_dir, config_dir, read)
    try:
        assert layout.profile_path(demo_dir, ENDED) in read
        assert next(r for r in desk.records if r.id == ENDED).sponsee.name == "Jordyn Kim"
    finally:
        desk.close()


def test_the_index_is_disposable_deleting_it_means_the_profiles_are_read(demo_dir, config_dir, read):
    _indexed(demo_dir, config_dir)
    vouched = _opened(demo_dir, config_dir, read)
    vouched.close()
    assert layout.profile_path(demo_dir, ENDED) not in read
    _index_file(demo_dir).unlink()
    read.clear()
    desk = _opened(demo_dir, config_dir, read)
    try:
        assert layout.profile_path(demo_dir, ENDED) in read
        assert [(r.id, r.partial, tuple(r.sponsee)) for r in desk.records if r.partial] == \
            [(r.id, r.partial, tuple(r.sponsee)) for r in vouched.records if r.partial], "the same either way"
    finally:
        desk.close()


@pytest.mark.parametrize("forged", ["profile known by its name only", "another version", "another id",
                                    "a digest of other bytes", "a damaged entry"])
def test_an_index_entry_that_does_not_hold_up_is_passed_over(demo_dir, config_dir, read, forged):
    import json

    _indexed(demo_dir, config_dir)
    path = _index_file(demo_dir)
    raw = json.loads(path.read_bytes())
    entry = raw["sponsees"][ENDED]
    if forged == "profile known by its name only":
        entry["files"][PROFILE] = None
    elif forged == "another version":
        raw["version"] = "0.0.1"
    elif forged == "another id":
        entry["ended"]["id"] = "luis-r"
    elif forged == "a digest of other bytes":
        entry["digests"][PROFILE] = "0" * 64  # as if the file had changed within the racy window
    else:
        entry["files"] = [entry["files"]]
    path.write_text(json.dumps(raw))
    desk = _opened(demo_dir, config_dir, read)
    try:
        assert layout.profile_path(demo_dir, ENDED) in read
        assert next(r for r in desk.records if r.id == ENDED).sponsee.name == "Jordan Kim"
        assert desk.problems == []
    finally:
        desk.close()


def test_a_racy_file_without_a_digest_makes_no_index(demo_dir, config_dir, read):
    """A file signed long enough before the index was made needs no digest; one that now looks changed just
    now (a clock set back) has nothing a digest could stand for: no index is made from that reading."""
    import json
    import os
    import time

    profile = layout.profile_path(demo_dir, ENDED)
    soon = time.time_ns() + 60 * 10**9
    os.utime(profile, ns=(soon, soon))  # "changed" in a minute: racy when the index is made, and after
    _indexed(demo_dir, config_dir)
    path = _index_file(demo_dir)
    raw = json.loads(path.read_bytes())
    assert PROFILE in raw["sponsees"][ENDED]["digests"]
    del raw["sponsees"][ENDED]["digests"][PROFILE]
    path.write_text(json.dumps(raw))
    ctx = Context.build(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    Desk.open(ctx, read_only=True, ended_later=True, makes_index=True).close()
    assert not path.exists(), "deleted, as after any reading that could not vouch for every file"


def test_e_reads_them_in_full_and_names_them_as_the_files_do(demo_dir, config_dir, read):
    _indexed(demo_dir, config_dir)
    desk = _opened(demo_dir, config_dir, read)
    try:
        assert layout.profile_path(demo_dir, ENDED) not in read
        rows = {found.record.id: found for found in desk.assessments(ended=True)}
        shown = rows[ENDED].record
        full = Store(demo_dir).load_sponsee(ENDED, TODAY)
        assert not shown.partial and shown.sponsee == full.sponsee
        assert (shown.steps, shown.suggestions, shown.recent) == (full.steps, full.suggestions, full.recent)
        assert desk.name(shown.sponsee) == "Jordan K." and shown.sponsee.phone == "555-0101"
    finally:
        desk.close()


def test_reading_them_in_full_after_naming_them_from_the_index_is_no_outside_change(demo_dir, config_dir, read):
    """The app's E: a reading in full after a start that named them from the index; what a partial record
    held (the name and the state) is all that is compared, so no "Picked up changes" is said."""
    _indexed(demo_dir, config_dir)
    desk = _opened(demo_dir, config_dir, read)
    try:
        desk.ended_later = False
        changed = desk.apply(desk.read())
        assert not changed and not desk.ended_pending
    finally:
        desk.close()


def test_an_ended_profile_broken_after_the_start_is_reported_when_it_is_read(demo_dir, config_dir, read):
    _indexed(demo_dir, config_dir)
    profile = layout.profile_path(demo_dir, ENDED)
    desk = _opened(demo_dir, config_dir, read)
    try:
        assert profile not in read and desk.problems == []
        profile.write_text(profile.read_text().replace('program = "NA"', 'program = "NA'))
        assert desk.record(ENDED) is None, "opened (its card, from the palette): read, and it does not load"
        said = [p for p in desk.problems if p.path == profile]
        # as a start that reads the broken file says it
        at_start = Store(demo_dir)
        at_start.load(TODAY)
        assert said and said == [p for p in at_start.problems if p.path == profile] and said[0].line == 5
    finally:
        desk.close()


def test_an_ended_profile_broken_after_the_start_is_reported_by_e(demo_dir, config_dir, read):
    _indexed(demo_dir, config_dir)
    profile = layout.profile_path(demo_dir, ENDED)
    desk = _opened(demo_dir, config_dir, read)
    try:
        assert profile not in read
        profile.write_text(profile.read_text().replace('program = "NA"', 'program = "NA'))
        desk.ended_later = False  # E
        changed = desk.apply(desk.read())
        assert changed.problems and [p.line for p in desk.problems if p.path == profile] == [5]
        assert ENDED not in {r.id for r in desk.records}
    finally:
        desk.close()


def test_an_ended_profile_broken_before_the_start_is_reported_at_start(demo_dir, config_dir, read):
    _indexed(demo_dir, config_dir)
    profile = layout.profile_path(demo_dir, ENDED)
    edit_keeping_size_and_mtime(profile, b'program = "NA"', b"program = \"NA'")
    desk = _opened(demo_dir, config_dir, read)
    try:
        assert profile in read and [p.line for p in desk.problems if p.path == profile] == [5]
    finally:
        desk.close()
