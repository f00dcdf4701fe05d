"""The app and a second machine: versions a merge kept, side by side to choose from, and "open elsewhere"."""

from __future__ import annotations

import shutil
from datetime import datetime, timezone

import pytest
from textual.widgets import Header
from sponsordesk.tui.widgets.plain_table import PlainTable

from sponsordesk.desk import Desk
from sponsordesk.desk.context import Context
from sponsordesk.model import Contact, Sponsee
from sponsordesk.rules.followthrough import LogEntry, NewSuggestion
from sponsordesk.store.lock import DataLock
from sponsordesk.tui.app import SponsorDeskApp
from sponsordesk.tui.dialogs.sync_conflicts import KeptVersionsScreen

from tests.conftest import TODAY
from tests.tui.notices import listen
from tests.tui.settle import opened, settled

SUGGESTIONS = "sponsees/sam-r/suggestions.toml"


@pytest.fixture
def two_versions(data_dir, config_dir, tmp_path):
    """This machine's data folder with the other machine's suggestions.toml beside it as a Syncthing copy:
    both resolved "Read p. 58", differently. The other machine's window is still open."""
    here = Desk.open(Context.build(data_dir=data_dir, today=TODAY, config_dir=config_dir))
    here.add_sponsee(Sponsee(id="sam-r", name="Sam Rivera"))
    here.log("sam-r", LogEntry(Contact(id="c-1", at=datetime(2026, 11, 20, 19, tzinfo=timezone.utc), summary="Hi"),
                               suggestions=[NewSuggestion("Read p. 58")]))
    here.close()
    shutil.copytree(data_dir, tmp_path / "other")
    other = Desk.open(Context.build(data_dir=tmp_path / "other", today=TODAY, config_dir=config_dir,
                                    cache_dir=tmp_path / "other-cache"))
    other.resolve("sam-r", other.record("sam-r").suggestions[0], "not_followed", "ran out of time")
    other.mark_open()
    here = Desk.open(Context.build(data_dir=data_dir, today=TODAY, config_dir=config_dir))
    here.resolve("sam-r", here.record("sam-r").suggestions[0], "followed", "read it twice")
    here.close()
    target = data_dir / SUGGESTIONS
    shutil.copy(tmp_path / "other" / SUGGESTIONS, target.with_name("suggestions.sync-conflict-20261121-101010-"
                                                                   "7QK2M1A.toml"))
    shutil.copytree(tmp_path / "other" / ".sponsordesk-machines", data_dir / ".sponsordesk-machines",
                    dirs_exist_ok=True)  # the other machine's marker, as the sync tool brings it
    yield other
    other.close()


def shown(app) -> str:
    return "\n".join(str(static.render()) for static in app.screen.query(".kept-version"))


async def test_both_versions_are_shown_at_start_and_the_one_chosen_stays(data_dir, config_dir, two_versions):
    app = SponsorDeskApp(data_dir=data_dir, config_dir=config_dir, today=TODAY)
    told = listen(app)
    async with opened(app, (100, 40)) as pilot:
        assert isinstance(app.screen, KeptVersionsScreen)
        text = shown(app)
        assert "read it twice" in text and "ran out of time" in text, "never decided silently: both are shown"
        assert "Version 1: changed on" in text and "Version 2: changed on" in text
        # the window says it all; a "Worth a look" toast repeating it covered the window's buttons at 80x24,
        # and so did the merge's own news, which waits until the window closes
        assert "versions are kept in this file" not in told.text
        assert "Merged 1 copy that Syncthing made" not in told.text
        choice = 1 if "ran out of time" in text.split("Version 2")[1] else 0
        await pilot.press(str(choice + 1))
        await settled(pilot)
        assert not isinstance(app.screen, KeptVersionsScreen) and app.screen.query_one(PlainTable)
        assert "Kept version" in told.text
        assert "Merged 1 copy that Syncthing made" in told.text
    suggestion = (data_dir / SUGGESTIONS).read_text()
    assert "[[conflict]]" not in suggestion and 'outcome = "ran out of time"' in suggestion


async def test_later_leaves_both_versions_and_ctrl_r_shows_them_again(data_dir, config_dir, two_versions):
    app = SponsorDeskApp(data_dir=data_dir, config_dir=config_dir, today=TODAY)
    told = listen(app)
    async with opened(app, (100, 40)) as pilot:
        await pilot.press("escape")
        await settled(pilot)
        assert app.screen.query_one(PlainTable)
        assert "[[conflict]]" in (data_dir / SUGGESTIONS).read_text()
        await pilot.press("ctrl+r")
        await settled(pilot)
        assert isinstance(app.screen, KeptVersionsScreen)


async def test_hidden_names_and_notes_stay_hidden_in_the_versions(data_dir, config_dir, two_versions):
    app = SponsorDeskApp(data_dir=data_dir, config_dir=config_dir, today=TODAY)
    told = listen(app)
    async with opened(app, (100, 40)) as pilot:
        await pilot.press("f4")
        await settled(pilot)
        text = shown(app)
        assert "read it twice" not in text and "ran out of time" not in text and "••• hidden •••" in text
        assert "Sam Rivera" not in str(app.screen.query_one("#kept-title").render())
        intro = str(app.screen.query_one("#kept-intro").render())
        assert "sponsees/…/suggestions.toml" in intro and "sam-r" not in intro, "the folder is made from his name"


async def test_a_read_only_window_shows_the_versions_but_keeps_none(data_dir, config_dir, two_versions):
    first = SponsorDeskApp(data_dir=data_dir, config_dir=config_dir, today=TODAY)
    async with opened(first, (100, 40)) as pilot:  # merges the copy, then leaves both versions
        await pilot.press("escape")
        await settled(pilot)
    lock = DataLock(data_dir)
    assert lock.acquire()
    try:
        app = SponsorDeskApp(data_dir=data_dir, config_dir=config_dir, today=TODAY)
        told = listen(app)
        async with opened(app, (100, 40)) as pilot:
            assert isinstance(app.screen, KeptVersionsScreen)
            await pilot.press("1")
            await settled(pilot)
            assert "needs a window that can save" in told.text
    finally:
        lock.release()
    assert "[[conflict]]" in (data_dir / SUGGESTIONS).read_text()


async def test_the_notebook_open_on_another_computer_is_said_at_start_and_in_the_header(data_dir, config_dir,
                                                                                       two_versions):
    app = SponsorDeskApp(data_dir=data_dir, config_dir=config_dir, today=TODAY)
    told = listen(app)
    async with opened(app, (100, 40)) as pilot:
        [there] = app.desk.open_elsewhere()
        name = there.name
        assert f"This notebook is also open on {name}" in told.text
        assert app.sub_title.endswith(f"also open on {name}")
        await pilot.press("escape")  # "Later" on the versions kept
        await settled(pilot)
        for keys in (("i",), ("escape", "b"), ("enter",)):  # the card, the board, a step: their header says it too
            await pilot.press(*keys)
            await settled(pilot)
            header = app.screen.query_one(Header)
            assert header.screen_sub_title.endswith(f"also open on {name}"), app.screen
            assert "Sam R." in header.screen_title
        await pilot.press("escape", "escape")
        await settled(pilot)
        two_versions.close()  # the other window closes; its marker says so once synced
        shutil.copytree(two_versions.ctx.data_dir / ".sponsordesk-machines", data_dir / ".sponsordesk-machines",
                        dirs_exist_ok=True)
        await pilot.press("escape", "ctrl+r")
        await settled(pilot)
        assert "also open on" not in app.sub_title


async def test_versions_found_while_another_window_is_up_are_shown_at_the_next_reading(data_dir, config_dir,
                                                                                       two_versions):
    app = SponsorDeskApp(data_dir=data_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (70, 20)) as pilot:  # too small: the notice is up when the merge keeps both
        assert not isinstance(app.screen, KeptVersionsScreen)
        await pilot.resize_terminal(100, 40)
        await settled(pilot)
        app.reload_data(quiet=True)  # back in focus
        await settled(pilot)
        assert isinstance(app.screen, KeptVersionsScreen), "not taken as seen while it could not be shown"


async def test_the_open_here_marker_is_kept_fresh_off_the_ui_thread_and_the_header_follows(data_dir, config_dir,
                                                                                             two_versions):
    import threading

    from sponsordesk.tui import sync_notice

    app = SponsorDeskApp(data_dir=data_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (100, 40)) as pilot:
        [there] = app.desk.open_elsewhere()
        assert app.sub_title == f"{app.SUB_TITLE} · also open on {there.name}"
        app.now_writable()  # what a window does when the other closes: the header had one owner too many
        assert app.sub_title == f"{app.SUB_TITLE} · also open on {there.name}"
        two_versions.close()  # the other window closes; its marker says so once synced
        shutil.copytree(two_versions.ctx.data_dir / ".sponsordesk-machines", data_dir / ".sponsordesk-machines",
                        dirs_exist_ok=True)
        threads = []
        real = app.desk.mark_open
        app.desk.mark_open = lambda: (threads.append(threading.current_thread()), real())
        sync_notice._tick(app)  # what the timer does every few minutes
        await settled(pilot)
        assert threads and threads[0] is not threading.main_thread(), "written from a worker's thread"
        assert app.sub_title == app.SUB_TITLE, "the header no longer names the other computer"
