"""The roster from the data folder's index while the files are read (Desk.take_glance, tui/loading.py).

The first start reads the files and leaves the index; the next one shows the
roster and the Today panel from it at once, the keys waiting (greyed) until
the files are read. The reading is held back here on an event, so each test
looks at the screen in the state it is about, never after a sleep.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from contextlib import asynccontextmanager

import pytest
from textual.widgets import Static
from sponsordesk.tui.widgets.plain_table import PlainTable

from sponsordesk.desk.desk import Desk
from sponsordesk.store import Store
from sponsordesk.store.index import FOLDER
from sponsordesk.store.lock import DataLock
from sponsordesk.tui.app import SponsorDeskApp
from sponsordesk.tui.screens.roster import OPENING, RosterScreen
from sponsordesk.tui.widgets.card import CardText, SponseeCard
from sponsordesk.tui.widgets.today_panel import TodayPanel

from tests.conftest import TODAY
from tests.tui.footer import enabled_labels
from tests.seed import edit_keeping_size_and_mtime
from tests.tui.notices import listen
from tests.tui.settle import TIMEOUT, opened, settled, until


def app_for(data_dir, config_dir) -> SponsorDeskApp:
    app = SponsorDeskApp(data_dir=data_dir, config_dir=config_dir, today=TODAY)
    app.cursor_blink = False
    return app


def shown(app) -> tuple[list[list[str]], str]:
    """The roster's rows as text, and the Today panel's."""
    screen = next(s for s in app.screen_stack if isinstance(s, RosterScreen))
    table = screen.query_one("#roster", PlainTable)
    rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
    return rows, screen.query_one(TodayPanel).plain


@pytest.fixture
def held_reading(monkeypatch: pytest.MonkeyPatch):
    """Every reading of the files waits until the test lets it go (``gate.set()``)."""
    gate = threading.Event()
    real = Desk.read

    def read(self: Desk, *args, **kwargs):
        if not gate.wait(TIMEOUT):
            raise AssertionError("the test never let the reading go")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Desk, "read", read)
    yield gate
    gate.set()  # a failed test must not leave the worker waiting


@asynccontextmanager
async def started(app, gate: threading.Event, size=(160, 50)):
    """Run ``app`` (the card beside the table at this size); the reading let go before it stops, even when
    the test failed, so the app's worker ends."""
    async with app.run_test(size=size) as pilot:
        try:
            yield pilot
        finally:
            gate.set()


async def first_start(data_dir, config_dir, size=(160, 50)) -> tuple[list[list[str]], str]:
    async with opened(app_for(data_dir, config_dir), size) as pilot:
        await settled(pilot)
        return shown(pilot.app)


async def test_the_next_start_shows_the_roster_from_the_index_while_the_files_are_read(demo_dir, config_dir,
                                                                                        held_reading):
    held_reading.set()
    before = await first_start(demo_dir, config_dir)
    assert (demo_dir / FOLDER).is_dir(), "the first start read the files and left the index"
    held_reading.clear()
    app = app_for(demo_dir, config_dir)
    async with started(app, held_reading) as pilot:
        screen = pilot.app.screen
        await until(pilot, lambda: pilot.app.desk.glancing and screen.query_one("#roster", PlainTable).row_count,
                    "the roster from the index")
        assert not app.desk.loaded and app.reading_folder, "the files are still being read"
        assert shown(app) == before, "every cell and the Today panel as the files say"
        assert not screen.query_one("#opening", Static).display
        assert screen.query_one(SponseeCard).query_one(CardText).empty == OPENING
        # nothing to change yet: the keys wait, greyed, and pressing one opens nothing
        assert screen.check_action("quick_log", ()) is None and screen.check_action("board", ()) is None
        await pilot.press("l", "enter", "e")
        assert pilot.app.screen is screen
        await pilot.press("down")  # moving about the table works
        held_reading.set()
        await settled(pilot)
        assert app.desk.loaded and not app.desk.glancing
        assert shown(app) == before
        assert screen.check_action("quick_log", ()) is True
        assert screen.query_one("#roster", PlainTable).cursor_row == 1, "the row chosen meanwhile stays chosen"


async def test_a_file_changed_since_the_index_was_made_sends_the_start_to_the_files(demo_dir, config_dir,
                                                                                   held_reading):
    held_reading.set()
    await first_start(demo_dir, config_dir)
    profile = next((demo_dir / "sponsees").glob("*/profile.toml"))
    profile.write_text(profile.read_text("utf-8").replace("phone", "phone", 1) + "\n", "utf-8")
    held_reading.clear()
    app = app_for(demo_dir, config_dir)
    async with started(app, held_reading) as pilot:
        await until(pilot, lambda: app.reading_folder, "the reading to begin")
        screen = pilot.app.screen
        assert not app.desk.glancing and screen.query_one("#opening", Static).display
        assert screen.query_one("#roster", PlainTable).row_count == 0
        held_reading.set()
        await settled(pilot)
        assert app.desk.loaded and screen.query_one("#roster", PlainTable).row_count


async def test_names_hidden_in_settings_stay_hidden_in_the_roster_from_the_index(demo_dir, config_dir,
                                                                                 held_reading):
    config_dir.mkdir(parents=True, exist_ok=True)
    settings = config_dir / "settings.toml"
    settings.write_text("hide_names = true\n", "utf-8")
    # an hour ago: a file changed just now (within a coarse clock's tick) is never signed into an index
    os.utime(settings, (time.time() - 3600, time.time() - 3600))
    held_reading.set()
    before = await first_start(demo_dir, config_dir)
    held_reading.clear()
    app = app_for(demo_dir, config_dir)
    async with started(app, held_reading) as pilot:
        await until(pilot, lambda: app.desk.glancing and pilot.app.screen.query_one("#roster", PlainTable).row_count,
                    "the roster from the index")
        rows, today = shown(app)
        assert (rows, today) == before
        names = [row[1].strip() for row in rows]
        assert names and all(name.endswith(".") and len(name) <= 8 for name in names), names  # initials
        held_reading.set()
        await settled(pilot)


async def test_a_contact_logged_before_quitting_is_in_the_next_starts_roster_from_the_index(demo_dir, config_dir,
                                                                                           held_reading):
    """Saves change their sponsee's files; on quitting, their index entries are made again from the files,
    so the next start still answers from the index, and shows the change."""
    held_reading.set()
    async with opened(app_for(demo_dir, config_dir), (160, 50)) as pilot:
        await settled(pilot)
        before = shown(pilot.app)
        await pilot.press("l", "tab", "tab", "2", "0", "tab", "o", "k", "enter")  # a 20-minute call: "ok"
        await settled(pilot)
        after = shown(pilot.app)
    assert after != before and any(" today" in row for row in after[0]), "the call is on the roster"
    held_reading.clear()
    app = app_for(demo_dir, config_dir)
    async with started(app, held_reading) as pilot:
        await until(pilot, lambda: app.desk.glancing and pilot.app.screen.query_one("#roster", PlainTable).row_count,
                    "the roster from the index")
        assert shown(app) == after, "the contact logged is in the rows and the agenda"
        held_reading.set()
        await settled(pilot)
        assert shown(app) == after


async def test_enter_and_the_palette_while_glancing_say_the_notebook_is_still_opening(demo_dir, config_dir,
                                                                                      held_reading):
    """Found by a review: the table's own enter (and a click on a row) reached the board's key past the greyed
    footer and said "Choose a sponsee first"; the palette's open suggestions said there were none."""
    from tests.tui.notices import listen

    held_reading.set()
    await first_start(demo_dir, config_dir)
    held_reading.clear()
    app = app_for(demo_dir, config_dir)
    async with started(app, held_reading) as pilot:
        heard = listen(app)
        screen = pilot.app.screen
        await until(pilot, lambda: app.desk.glancing and screen.query_one("#roster", PlainTable).row_count,
                    "the roster from the index")
        await pilot.click("#roster", offset=(4, 2))
        await pilot.click("#roster", offset=(4, 2))
        await pilot.press("enter")
        app.open_suggestions()
        await pilot.pause()
        assert pilot.app.screen is screen, "nothing opened"
        said = heard.text
        assert "still opening" in said and "Choose a sponsee" not in said and "No open" not in said, said


# ------------------------------------------------------------ the first reading after the glance

ACTIVE = "luis-r"  # the demo's newcomer, on today's agenda
NAME, OTHER_NAME = b'"Luis Romero"', b'"Lois Romero"'
SHOWN, OTHER_SHOWN = "Luis R.", "Lois R."


@pytest.fixture
def redraws(monkeypatch) -> list[str]:
    """Each time the roster computes its rows and agenda again (``refresh_data``), from now on."""
    seen: list[str] = []
    real = RosterScreen.refresh_data

    def refresh_data(self):
        seen.append("refresh_data")
        return real(self)

    monkeypatch.setattr(RosterScreen, "refresh_data", refresh_data)
    return seen


@pytest.fixture
def listed(monkeypatch) -> list[str]:
    """Every sponsee folder a reading lists (to check it against the index, or to read it), from now on."""
    seen: list[str] = []
    real = Store._names_reporting_copies

    def listing(store, folder):
        seen.append(folder.name)
        return real(store, folder)

    monkeypatch.setattr(Store, "_names_reporting_copies", listing)
    return seen


def _rename_outside(demo_dir) -> None:
    """The active sponsee renamed in an editor, the file's size and mtime kept: only its hash tells."""
    edit_keeping_size_and_mtime(demo_dir / "sponsees" / ACTIVE / "profile.toml", NAME, OTHER_NAME)


async def _renamed_while_glancing(pilot, demo_dir) -> None:
    """The roster shown from the index, their name in it; then renamed outside (``_rename_outside``)."""
    await _glancing(pilot)
    assert SHOWN in str(shown(pilot.app))
    _rename_outside(demo_dir)


async def _glancing(pilot) -> RosterScreen:
    app = pilot.app
    screen = app.screen
    await until(pilot, lambda: app.desk.glancing and screen.query_one("#roster", PlainTable).row_count,
                "the roster from the index")
    return screen


def _enabled_keys(screen) -> list[str]:
    return enabled_labels(screen)


async def test_a_first_reading_that_finds_what_the_glance_showed_draws_only_the_card_and_the_keys(
        demo_dir, config_dir, held_reading, redraws):
    held_reading.set()
    before = await first_start(demo_dir, config_dir)  # the day's backup made: the next start's chores write nothing
    held_reading.clear()
    app = app_for(demo_dir, config_dir)
    async with started(app, held_reading) as pilot:
        screen = await _glancing(pilot)
        card = screen.query_one(SponseeCard)
        assert card.query_one(CardText).empty == OPENING and card.sponsee_id is None
        assert "Quick log" not in _enabled_keys(screen), "the keys wait, greyed"
        redraws.clear()
        held_reading.set()
        await settled(pilot)
        assert app.desk.loaded and redraws == [], "the rows and the agenda stand as the glance drew them"
        assert shown(app) == before
        first = next(iter(screen.query_one("#roster", PlainTable).rows))
        assert card.sponsee_id == first and "Phone" in card.plain, "the card, which waited for the files"
        assert screen.check_action("quick_log", ()) is True and "Quick log" in _enabled_keys(screen)


async def test_the_first_reading_after_a_glance_lists_no_folder_when_the_chores_wrote_nothing(
        demo_dir, config_dir, held_reading, listed):
    held_reading.set()
    await first_start(demo_dir, config_dir)
    listed.clear()
    app = app_for(demo_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        await settled(pilot)
        assert listed == [], "the glance checked every folder just before, and nothing was written since"
        await pilot.press("ctrl+r")
        await settled(pilot)
        assert sorted(set(listed)) == sorted(r.id for r in app.desk.records) and listed, "ctrl+r checks them all"


async def test_an_empty_notebook_opened_from_the_index_keeps_its_welcome_and_turns_its_two_keys_on(
        data_dir, config_dir, held_reading, redraws):
    held_reading.set()
    await first_start(data_dir, config_dir)
    assert (data_dir / FOLDER).is_dir(), "an index of nobody"
    held_reading.clear()
    app = app_for(data_dir, config_dir)
    async with started(app, held_reading, size=(120, 30)) as pilot:
        await until(pilot, lambda: app.desk.glancing and app.screen.query_one("#welcome").display,
                    "the welcome, from the index")
        roster = app.screen
        assert "Add a sponsee" not in _enabled_keys(roster)
        redraws.clear()
        held_reading.set()
        await settled(pilot)
        assert app.desk.loaded and redraws == []
        assert roster.query_one("#welcome").display and not roster.query_one("#main").display
        assert _enabled_keys(roster)[:2] == ["Add a sponsee", "Demo data"]


@asynccontextmanager
async def read_after_glance(data_dir, config_dir, held_reading, redraws):
    """A start shown from the index, then its reading let go and settled (the roster's redraws counted from
    the glance on); yields the pilot and what the app told."""
    held_reading.clear()
    app = app_for(data_dir, config_dir)
    told = listen(app)
    async with started(app, held_reading) as pilot:
        await _glancing(pilot)
        redraws.clear()
        held_reading.set()
        await settled(pilot)
        yield pilot, told


async def test_a_first_reading_with_something_to_report_draws_the_roster_again(
        demo_dir, config_dir, held_reading, redraws, monkeypatch):
    from sponsordesk.store import Problem

    held_reading.set()
    await first_start(demo_dir, config_dir)
    real = Desk.start_chores

    def chores_that_warn(self, *args, **kwargs):
        found = real(self, *args, **kwargs)
        found.problems.append(Problem(demo_dir / "backups", "could not make today's backup (No space left on "
                                      "device)", severity="warning"))  # what a full disk leaves the chores
        return found

    monkeypatch.setattr(Desk, "start_chores", chores_that_warn)
    async with read_after_glance(demo_dir, config_dir, held_reading, redraws) as (pilot, told):
        assert redraws == ["refresh_data"]
        # said with what the permission check finds, half a second later: one "Worth a look"
        await until(pilot, lambda: pilot.app.permissions_checked, "the permission check")
        assert told.titled("Worth a look")


async def test_the_permission_check_after_the_glance_says_what_it_found_without_drawing_the_roster_again(
        demo_dir, config_dir, held_reading, redraws):
    held_reading.set()
    await first_start(demo_dir, config_dir)
    for made in (demo_dir / "backups").iterdir():
        os.chmod(made, 0o644)  # not signed by the index: the glance stands; the check after the reading finds it
    async with read_after_glance(demo_dir, config_dir, held_reading, redraws) as (pilot, told):
        assert not told.titled("Worth a look") and redraws == [], "the files said what the glance showed"
        await until(pilot, lambda: pilot.app.permissions_checked, "the permission check")
        await settled(pilot)
        assert told.titled("Worth a look") and "readable by other users" in told.text
        assert redraws == [], "a file's permissions change nothing the roster shows"


async def test_a_second_window_opened_from_the_index_is_read_only_with_its_banner(
        demo_dir, config_dir, held_reading, redraws):
    """No chores (another window has the folder), nothing new: the roster is not drawn again, and yet the
    window says it is read-only and its keys and card are there."""
    held_reading.set()
    before = await first_start(demo_dir, config_dir)
    other = DataLock(demo_dir)
    assert other.acquire()
    try:
        held_reading.clear()
        app = app_for(demo_dir, config_dir)
        told = listen(app)
        async with started(app, held_reading) as pilot:
            roster = await _glancing(pilot)
            redraws.clear()
            held_reading.set()
            await settled(pilot)
            assert app.desk.loaded and redraws == []
            assert roster.query("#read-only-banner") and app.sub_title == "read-only" and told.titled("Read-only")
            assert shown(app) == before and roster.check_action("quick_log", ()) is True
            assert roster.query_one(SponseeCard).sponsee_id is not None
    finally:
        other.release()


async def test_a_file_changed_between_the_glance_and_the_reading_is_seen_when_a_chore_wrote(
        demo_dir, config_dir, held_reading):
    held_reading.set()
    await first_start(demo_dir, config_dir)
    shutil.rmtree(demo_dir / "backups")  # not signed by the index: this start's chores make the day's backup
    held_reading.clear()
    app = app_for(demo_dir, config_dir)
    async with started(app, held_reading, size=(120, 40)) as pilot:
        await _renamed_while_glancing(pilot, demo_dir)
        held_reading.set()
        await settled(pilot)
        assert (demo_dir / "backups").is_dir()
        assert OTHER_SHOWN in str(shown(app)) and SHOWN not in str(shown(app)), "in the rows and the agenda"


async def test_an_outside_edit_after_the_glance_is_seen_on_ctrl_r(demo_dir, config_dir, held_reading):
    held_reading.set()
    await first_start(demo_dir, config_dir)
    held_reading.clear()
    app = app_for(demo_dir, config_dir)
    told = listen(app)
    async with started(app, held_reading, size=(120, 40)) as pilot:
        await _glancing(pilot)
        _rename_outside(demo_dir)
        held_reading.set()
        await settled(pilot)
        # nothing written since the glance: its check stands for the first reading, as stale as an edit made
        # a moment after it (and nothing shows more of him, or changes him, without reading his files first)
        assert SHOWN in str(shown(app))
        await pilot.press("ctrl+r")
        await settled(pilot)
        assert OTHER_SHOWN in str(shown(app)) and SHOWN not in str(shown(app))
        assert "Reloaded from disk." in [message for message, _, _ in told.items]


# ------------------------------------------------------------ asked to read again while the notebook opens
# Review 40: ``reload_data`` drops ctrl+r and a return of focus while the first reading runs, "the first read is
# under way and reads everything anyway"; the first reading now takes the glance's check, made before them.


async def test_ctrl_r_while_the_notebook_opens_shows_an_edit_made_after_the_glance(
        demo_dir, config_dir, held_reading):
    held_reading.set()
    await first_start(demo_dir, config_dir)  # the index and the day's backup: this start's chores write nothing
    held_reading.clear()
    app = app_for(demo_dir, config_dir)
    async with started(app, held_reading, size=(120, 40)) as pilot:
        # renamed in an editor while the roster shows from the index; then ctrl+r, "read every file again"
        await _renamed_while_glancing(pilot, demo_dir)
        await pilot.press("ctrl+r")
        held_reading.set()
        await settled(pilot)
        assert app.desk.loaded
        assert OTHER_SHOWN in str(shown(app)) and SHOWN not in str(shown(app)), "the edit, asked for, is shown"


async def test_back_from_the_editor_while_the_notebook_opens_shows_the_edit_made_there(
        demo_dir, config_dir, held_reading):
    from textual import events

    held_reading.set()
    await first_start(demo_dir, config_dir)
    held_reading.clear()
    app = app_for(demo_dir, config_dir)
    async with started(app, held_reading, size=(120, 40)) as pilot:
        await _glancing(pilot)
        app.post_message(events.AppBlur())  # off to the editor while the notebook opens
        await pilot.pause()
        _rename_outside(demo_dir)
        app.post_message(events.AppFocus())  # back from the editor, the notebook still opening
        await pilot.pause()
        held_reading.set()
        await settled(pilot)
        assert app.desk.loaded
        assert OTHER_SHOWN in str(shown(app)) and SHOWN not in str(shown(app)), "the edit is picked up"
