"""The "open here" marker is written from worker threads; closing the window meanwhile leaves none behind."""

from __future__ import annotations

import threading

from sponsordesk.desk import Desk
from sponsordesk.desk.context import Context
from sponsordesk.model import Sponsee
from sponsordesk.store import sync_machine

from tests.conftest import TODAY


def test_a_marker_write_in_flight_when_the_window_closes_leaves_no_open_here_marker(data_dir, config_dir, tmp_path,
                                                                                     monkeypatch):
    ctx = Context.build(data_dir=data_dir, config_dir=config_dir, today=TODAY, cache_dir=tmp_path / "cache")
    desk = Desk.open(ctx)
    desk.add_sponsee(Sponsee(id="sam-r", name="Sam Rivera"))
    assert desk._machine() is not None
    inside, go = threading.Event(), threading.Event()
    real = sync_machine.write_marker

    def slow(root, machine, now, open_, since):  # a synced / network folder holding the write up
        if open_:
            inside.set()
            go.wait(5)
        real(root, machine, now, open_, since)

    monkeypatch.setattr(sync_machine, "write_marker", slow)
    worker = threading.Thread(target=desk.mark_open)  # sync_notice._tick's / the reading worker's thread
    worker.start()
    assert inside.wait(5)
    desk.close()  # on_unmount on the UI thread: mark_closed, lock released
    go.set()
    worker.join(5)
    mine = [m for m in sync_machine.read_markers(data_dir) if m.machine == desk._machine()]
    assert not any(m.open for m in mine), "other machines are told the notebook is still open here"
