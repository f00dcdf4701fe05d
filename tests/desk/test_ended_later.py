"""Ended sponsorships are read when they are shown, not at every start (the app and `today`)."""

from pathlib import Path

import pytest

from sponsordesk.desk import Desk
from sponsordesk.desk.context import Context
from sponsordesk.store import Store, layout

from tests.conftest import TODAY

ENDED = "jordan-k"  # the demo's ended sponsorship


def _opened(demo_dir, config_dir, read: list[Path]) -> Desk:
    """The app's desk (ended sponsorships later), noting every file its stores parse."""
    ctx = Context.build(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    made = ctx.store

    def store(*args, **kwargs) -> Store:
        found = made(*args, **kwargs)
        parse = found._read
        found._read = lambda path, model: (read.append(path), parse(path, model))[1]
        return found

    ctx.store = store
    return Desk.open(ctx, ended_later=True)


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
