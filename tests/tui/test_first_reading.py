"""The first reading starts before the first frame (tui/loading.py ``open_desk``): every kind of start.

The roster is the app's first screen (``get_default_screen``), put together while the app goes on with its
own start, and the reading starts before it. A reading done before the roster has mounted is kept
(``DeskLoading._early``) and applied right after the roster's on_mount, before its first paint: never to an
unmounted roster (the last test pins that). These tests force that order (a Today panel slow to mount, as
on a busy machine) and look at every kind of start.
"""

from __future__ import annotations

import asyncio

import pytest
from sponsordesk.tui.widgets.plain_table import PlainTable

from sponsordesk.store.lock import DataLock
from sponsordesk.tui.app import SponsorDeskApp
from sponsordesk.tui.dialogs.sync_conflicts import KeptVersionsScreen
from sponsordesk.tui.loading import DeskLoading
from sponsordesk.tui.screens.roster import RosterScreen
from sponsordesk.tui.widgets.today_panel import TodayPanel

from tests.conftest import TODAY
from tests.tui.footer import enabled_labels
from tests.tui.dialogs.test_sync_conflicts import two_versions  # noqa: F401 - a fixture
from tests.tui.notices import listen
from tests.tui.settle import TIMEOUT, opened, settled


@pytest.fixture
def read_before_the_roster_mounts(monkeypatch):
    """The roster's Today panel finishes mounting only once the first reading's thread is done; records whether
    the roster was mounted when the app applied the first reading (``_opened`` follows ``Desk.apply`` in the
    same call)."""
    seen: list[bool] = []
    real_opened = DeskLoading._opened

    def opened_(self, elsewhere, redraw):
        roster = next((s for s in self.screen_stack if isinstance(s, RosterScreen)), None)
        seen.append(roster is not None and roster.is_mounted)
        return real_opened(self, elsewhere, redraw)

    async def on_mount(self) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + TIMEOUT
        reading = self.app._reading  # started in get_default_screen, before this screen was put together
        assert reading is not None
        while reading.state.name not in ("SUCCESS", "ERROR", "CANCELLED"):
            assert loop.time() < deadline, "the first reading never finished"
            await asyncio.sleep(0.002)
        while self.app._early is None:  # its result handled by the app, and kept until this mount is done
            assert loop.time() < deadline, "the app did not keep the reading for after the roster's mount"
            await asyncio.sleep(0.002)

    monkeypatch.setattr(DeskLoading, "_opened", opened_)
    monkeypatch.setattr(TodayPanel, "on_mount", on_mount, raising=False)
    return seen


def app_for(data_dir, config_dir) -> SponsorDeskApp:
    return SponsorDeskApp(data_dir=data_dir, config_dir=config_dir, today=TODAY, cursor_blink=False)


def roster_of(app) -> RosterScreen:
    return next(s for s in app.screen_stack if isinstance(s, RosterScreen))


async def test_demo_data_read_before_the_roster_mounts_is_shown_and_its_keys_work(
        demo_dir, config_dir, read_before_the_roster_mounts):
    app = app_for(demo_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        assert read_before_the_roster_mounts[:1] == [True], "applied once the roster had mounted"
        roster = roster_of(app)
        assert not roster.query_one("#opening").display and roster.query_one("#main").display
        assert roster.query_one(PlainTable).row_count == 6
        assert app.focused is roster.query_one(PlainTable)
        assert roster.check_action("quick_log", ()) is True


async def test_an_empty_folder_read_before_the_roster_mounts_shows_the_welcome(
        data_dir, config_dir, read_before_the_roster_mounts):
    app = app_for(data_dir, config_dir)
    async with opened(app, (120, 30)) as pilot:
        assert read_before_the_roster_mounts[:1] == [True]
        roster = roster_of(app)
        assert roster.query_one("#welcome").display and not roster.query_one("#opening").display
        labels = enabled_labels(roster)
        assert labels[:2] == ["Add a sponsee", "Demo data"], labels


async def test_kept_versions_found_before_the_roster_mounts_are_shown_over_a_drawn_roster(
        data_dir, config_dir, two_versions, read_before_the_roster_mounts):  # noqa: F811
    app = app_for(data_dir, config_dir)
    told = listen(app)
    async with opened(app, (100, 40)) as pilot:
        assert read_before_the_roster_mounts[:1] == [True]
        assert isinstance(app.screen, KeptVersionsScreen)
        roster = roster_of(app)
        assert roster.query_one(PlainTable).row_count == 1
        assert "Open on another computer" in [title for _, title, _ in told.items]
        await pilot.press("escape")
        await settled(pilot)
        assert app.screen is roster and app.focused is roster.query_one(PlainTable)


async def test_a_second_window_read_before_the_roster_mounts_is_read_only_with_its_banner(
        demo_dir, config_dir, read_before_the_roster_mounts):
    other = DataLock(demo_dir)
    assert other.acquire()
    try:
        app = app_for(demo_dir, config_dir)
        told = listen(app)
        async with opened(app, (80, 24)) as pilot:
            await settled(pilot)
            roster = roster_of(app)
            assert roster.query("#read-only-banner") and app.sub_title == "read-only"
            assert told.titled("Read-only")
    finally:
        other.release()


async def test_the_app_applies_no_reading_until_the_roster_has_mounted(demo_dir, config_dir, monkeypatch):
    """Why refresh_all's ``is_mounted`` never matters at start: a roster whose mount waits (a second here) for
    the reading to be applied never sees it applied meanwhile, though the worker is long done."""
    waited: dict[str, object] = {}

    async def on_mount(self) -> None:
        reading = self.app._reading
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 1.0
        while loop.time() < deadline and not self.app.desk.loaded:
            await asyncio.sleep(0.005)
        waited.update(worker=reading.state.name, applied=self.app.desk.loaded)

    monkeypatch.setattr(TodayPanel, "on_mount", on_mount, raising=False)
    app = app_for(demo_dir, config_dir)
    async with opened(app, (80, 24)):
        assert waited == {"worker": "SUCCESS", "applied": False}, waited
        assert roster_of(app).query_one(PlainTable).row_count == 6
