"""A sponsee shown from the index whose folder went away after the start (moved or deleted outside, a sync
tool): reading them for a card or a key finds nothing, and the app says so ("Picked up changes")."""

from __future__ import annotations

import shutil

import pytest

from sponsordesk.store import layout

from tests.tui.notices import listen
from tests.tui.screens.test_roster_from_index import WHO, _highlight, _roster, _second_start
from tests.tui.settle import opened, settled


@pytest.mark.parametrize("size, key", [((160, 50), "b"), ((80, 24), "i")], ids=["the card beside it", "i at 80"])
async def test_a_folder_moved_away_after_the_start_is_said(demo_dir, config_dir, tmp_path, size, key):
    app = await _second_start(demo_dir, config_dir, True)
    async with opened(app, size) as pilot:
        told = listen(app)
        shutil.move(layout.sponsee_dir(demo_dir, WHO), tmp_path / "moved-away")
        await _highlight(pilot, WHO)
        await pilot.press(key)
        await settled(pilot)
        assert WHO not in {r.id for r in app.desk.records}
        assert told.items, "their row went and the key did nothing, and nothing was said"
