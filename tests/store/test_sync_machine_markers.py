"""Open-here markers: a window keeps its own marker fresh and closes it, whatever the other machines left."""

from __future__ import annotations

import os
import threading
from datetime import datetime, timedelta, timezone

from sponsordesk.store import sync_machine

NOW = datetime(2026, 11, 21, 9, 0, tzinfo=timezone.utc)


def _others(root, count: int) -> None:
    for n in range(count):
        sync_machine.write_marker(root, f"other{n}", NOW, True, NOW - timedelta(hours=1))
    (root / sync_machine.MACHINES / "garbled.toml").write_bytes(b"open = [\n")  # a half-synced marker


def test_the_own_marker_is_written_refreshed_when_old_and_closed_among_many_others(tmp_path):
    _others(tmp_path, 12)
    path = sync_machine.marker_path(tmp_path, "mine")
    assert sync_machine.own_marker(tmp_path, "mine") is None
    sync_machine.keep_open(tmp_path, "mine", NOW)
    mine = sync_machine.own_marker(tmp_path, "mine")
    assert mine is not None and mine.open and mine.since == NOW and mine.seen == NOW
    written = path.read_bytes()
    sync_machine.keep_open(tmp_path, "mine", NOW + timedelta(minutes=1))  # fresh enough: left as it is
    assert path.read_bytes() == written
    later = NOW + sync_machine.REFRESH + timedelta(minutes=1)
    sync_machine.keep_open(tmp_path, "mine", later)
    mine = sync_machine.own_marker(tmp_path, "mine")
    assert mine.seen == later and mine.since == NOW, "refreshed, open since the first mark"
    elsewhere = {m.machine for m in sync_machine.open_elsewhere(tmp_path, "mine", later)}
    assert elsewhere == {f"other{n}" for n in range(12)}, "seen within ten minutes: open there"
    sync_machine.mark_closed(tmp_path, "mine", later)
    assert sync_machine.own_marker(tmp_path, "mine").open is False
    assert "mine" not in {m.machine for m in sync_machine.open_elsewhere(tmp_path, "other0", later)}
    assert len(sync_machine.read_markers(tmp_path)) == 13, "the garbled one is skipped, never an error"


def test_a_garbled_own_marker_is_written_anew(tmp_path):
    path = sync_machine.marker_path(tmp_path, "mine")
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00\xff not toml")
    assert sync_machine.own_marker(tmp_path, "mine") is None
    sync_machine.keep_open(tmp_path, "mine", NOW)
    mine = sync_machine.own_marker(tmp_path, "mine")
    assert mine is not None and mine.open and mine.since == NOW


def test_a_marker_that_is_a_fifo_or_a_link_is_passed_over_without_waiting(tmp_path):
    # a FIFO held the folder's first reading (and so the window) open for good; a link is never followed
    _others(tmp_path, 2)
    folder = tmp_path / sync_machine.MACHINES
    os.mkfifo(folder / "zzzz.toml")
    outside = tmp_path / "elsewhere.toml"
    outside.write_bytes((folder / "other0.toml").read_bytes())
    (folder / "link.toml").symlink_to(outside)
    found: list[set[str]] = []

    def look() -> None:
        sync_machine.keep_open(tmp_path, "mine", NOW)
        found.append({m.machine for m in sync_machine.open_elsewhere(tmp_path, "mine", NOW)})
        assert sync_machine.own_marker(tmp_path, "zzzz") is None and sync_machine.own_marker(tmp_path, "link") is None
        found.append(set())

    # in a thread of its own, so a read waiting on the FIFO fails this test instead of holding the suite
    looking = threading.Thread(target=look, daemon=True)
    looking.start()
    looking.join(timeout=20)
    assert not looking.is_alive(), "a marker that is a FIFO held the reading"
    assert found == [{"other0", "other1"}, set()]
