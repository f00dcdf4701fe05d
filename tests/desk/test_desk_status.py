"""Desk operations for the roster: snooze, pause, end and resume are saved; a failed save changes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest

from sponsordesk.desk.context import Context
from sponsordesk.desk import Desk
from sponsordesk.model import Sponsee
from sponsordesk.store import ReadOnlyError, Store

from tests.conftest import TODAY
from tests.seed import put_profile


@pytest.fixture
def desk(data_dir, config_dir) -> Desk:
    put_profile(Store(data_dir), Sponsee(id="sam-r", name="Sam Rivera"))
    return Desk.open(Context.build(data_dir=data_dir, config_dir=config_dir, today=TODAY))


def reloaded(data_dir) -> Sponsee:
    return Store(data_dir).load_sponsee("sam-r", TODAY).sponsee


def test_snooze_pause_end_resume_are_saved(desk, data_dir):
    tomorrow = TODAY + timedelta(days=1)
    desk.snooze("sam-r", tomorrow)
    assert reloaded(data_dir).snoozed_until == tomorrow and desk.agenda() == []
    assert [a.id for a in desk.agenda(tomorrow)] == ["sam-r"]
    desk.pause("sam-r", TODAY + timedelta(days=10), "travelling")
    assert reloaded(data_dir).status.state == "paused" and reloaded(data_dir).status.reason == "travelling"
    desk.end("sam-r", TODAY, "moved away")
    ended = reloaded(data_dir)
    assert (ended.status.state, ended.status.ended, ended.status.reason) == ("ended", TODAY, "moved away")
    desk.resume("sam-r")
    back = reloaded(data_dir)
    assert back.status.state == "active" and back.snoozed_until is None
    assert back.notes.endswith(f"Sponsorship ended {TODAY.isoformat()}: moved away; resumed {TODAY.isoformat()}.\n")
    assert [a.id for a in desk.agenda()] == ["sam-r"]


def test_a_failed_save_leaves_the_loaded_sponsee_as_it_was(desk):
    desk.store.read_only = True
    with pytest.raises(ReadOnlyError):
        desk.pause("sam-r", TODAY + timedelta(days=3))
    assert desk.record("sam-r").sponsee.status.state == "active"
