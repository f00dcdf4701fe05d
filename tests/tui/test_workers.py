"""Slow reads happen in workers: the screen says what it is waiting for, keys wait, and no save is undone.

Each test holds a worker at a gate (a threading.Event) to look at the screen
while the work is under way, then lets it go: no sleeps, no timing.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime

from textual.widgets import Input, Static
from sponsordesk.tui.widgets.plain_table import PlainTable
from textual.worker import WorkerState

from sponsordesk.tui.widgets.plain_table import PlainTable
from sponsordesk import model
from sponsordesk.desk import Desk
from sponsordesk.desk.pager import LogPager
from sponsordesk.model import Contact
from sponsordesk.store import Store
from sponsordesk.tui.app import SponsorDeskApp
from sponsordesk.tui.screens.board import BoardScreen
from sponsordesk.tui.screens.log import LogScreen
from sponsordesk.tui.screens.roster import OPENING, RosterScreen

from tests.conftest import TODAY
from tests.seed import add_contact
from tests.tui.notices import listen
from tests.tui.screens.helpers_log import sam
from tests.tui.settle import TIMEOUT, opened, ready, settled, until


class Gate:
    """Holds a worker's thread at ``pass_through`` until the test opens it; says when one is waiting."""

    def __init__(self, open_: bool = False) -> None:
        self._open, self.waiting = threading.Event(), threading.Event()
        if open_:
            self._open.set()

    def pass_through(self) -> None:
        if threading.current_thread() is threading.main_thread():
            return  # the UI thread never waits here
        self.waiting.set()
        assert self._open.wait(TIMEOUT), "the test never opened the gate"

    def open(self) -> None:
        self._open.set()

    def close(self) -> None:
        self._open.clear()
        self.waiting.clear()


def gate_reads(monkeypatch, gate: Gate) -> None:
    """Every read of the data folder made off the UI thread waits at ``gate`` after reading."""
    real = Desk.read

    def read(desk, *args, **kwargs):
        reading = real(desk, *args, **kwargs)
        gate.pass_through()
        return reading

    monkeypatch.setattr(Desk, "read", read)


@asynccontextmanager
async def while_opening(app, size: tuple[int, int], monkeypatch) -> AsyncIterator[tuple[object, Gate]]:
    """The app running with its first read of the notebook held at a gate: (pilot, gate); open it to go on."""
    gate = Gate()
    gate_reads(monkeypatch, gate)
    async with app.run_test(size=size) as pilot:
        await until(pilot, gate.waiting.is_set, "the first read to start")
        yield pilot, gate


def shown(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def app_for(data_dir, config_dir) -> SponsorDeskApp:
    return SponsorDeskApp(data_dir=data_dir, config_dir=config_dir, today=TODAY, cursor_blink=False)


async def test_the_roster_says_it_is_opening_and_its_keys_wait_until_the_notebook_is_read(
        demo_dir, config_dir, monkeypatch):
    gate = Gate()
    gate_reads(monkeypatch, gate)
    app = app_for(demo_dir, config_dir)
    told = listen(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, gate.waiting.is_set, "the first read to start")
        roster = app.screen
        assert OPENING in shown(roster, "#opening") and roster.query_one("#opening").display
        assert not roster.query_one("#main").display and not roster.query_one("#welcome").display
        await pilot.press("d", "a", "l", "ctrl+r")  # demo data, add, quick log, reload: nothing to act on yet
        assert app.screen is roster and not told.items, "no form, no message: the keys waited"
        gate.open()
        await ready(pilot)
        assert not roster.query_one("#opening").display and roster.query_one("#main").display
        assert roster.query_one(PlainTable).row_count == 6 and app.focused is roster.query_one(PlainTable)


async def test_an_empty_folder_shows_the_welcome_once_opened(data_dir, config_dir):
    app = app_for(data_dir, config_dir)
    async with opened(app, (80, 24)):
        assert app.screen.query_one("#welcome").display and not app.screen.query_one("#opening").display


async def test_a_save_made_while_a_reload_reads_is_kept(demo_dir, config_dir, monkeypatch):
    gate = Gate(open_=True)
    gate_reads(monkeypatch, gate)
    app = app_for(demo_dir, config_dir)
    told = listen(app)
    async with opened(app, (80, 24)) as pilot:
        gate.close()
        await pilot.press("ctrl+r")  # the reload reads the folder as it is now, then waits
        await until(pilot, gate.waiting.is_set, "the reload to read")
        await pilot.press("s", "enter")  # snooze Luis, the first row, until tomorrow: a save
        await until(pilot, lambda: not app.screen.is_modal, "the snooze to be saved")
        assert app.desk.record("luis-r").sponsee.snoozed_until is not None
        gate.open()
        await settled(pilot)  # the stale reading is read again, not applied
        assert app.desk.record("luis-r").sponsee.snoozed_until is not None, "the reload undid the save"
        assert Store(demo_dir).load_sponsee("luis-r", TODAY).sponsee.snoozed_until is not None
        assert "Reloaded" in told.text


async def test_reloads_asked_for_while_one_reads_are_done_after_it(demo_dir, config_dir, monkeypatch):
    gate = Gate(open_=True)
    gate_reads(monkeypatch, gate)
    app = app_for(demo_dir, config_dir)
    told = listen(app)
    async with opened(app, (80, 24)) as pilot:
        gate.close()
        await pilot.press("ctrl+r")
        await until(pilot, gate.waiting.is_set, "the reload to read")
        path = demo_dir / "sponsees" / "luis-r" / "profile.toml"
        path.write_text(path.read_text().replace('name = "Luis Romero"', 'name = "Luis Edited"'))
        await pilot.press("ctrl+r")  # while the first one waits: after it, not instead of it
        assert app.reading_folder
        gate.open()
        await settled(pilot)
        assert app.desk.record("luis-r").sponsee.name == "Luis Edited"
        assert told.text.count("Reloaded") == 2 and "Reloaded from disk." in told.text


def big_log(data_dir) -> None:
    """Sam: 70 contacts this year (more than a page), 3 last year."""
    sam(data_dir)
    store = Store(data_dir)
    for n in range(70):
        add_contact(store, "sam-r", Contact(id=f"c-26-{n}", at=datetime(2026, 1 + n % 10, 1 + n % 28, 8).astimezone(),
                                            summary=f"this year {n}"))
    for n in range(3):
        add_contact(store, "sam-r", Contact(id=f"c-25-{n}", at=datetime(2025, 6, 1 + n, 8).astimezone(),
                                            summary=f"last year {n}"))


async def test_the_log_says_it_is_loading_older_years_while_a_worker_reads_one(data_dir, config_dir, monkeypatch):
    big_log(data_dir)
    gate = Gate()
    real = LogPager.read_year

    def read_year(pager):
        gate.pass_through()
        return real(pager)

    monkeypatch.setattr(LogPager, "read_year", read_year)
    app = app_for(data_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, LogScreen), "the log")
        log = app.screen
        assert log.query_one("#log", PlainTable).row_count == 70, "this year, read at once"
        assert "2025 and older load as you scroll" in shown(log, "#more")
        await pilot.press("ctrl+end")
        await until(pilot, gate.waiting.is_set, "the worker to read 2025")
        assert "70 entries · loading older years…" in shown(log, "#more")
        await pilot.press("up", "up")  # scrolling on while it reads: the screen keeps up
        assert log.query_one("#log", PlainTable).cursor_row == 67
        gate.open()
        await settled(pilot)
        assert log.query_one("#log", PlainTable).row_count == 73 and log.pager.years_read == [2026, 2025]
        assert "73 entries · that is the whole log" in shown(log, "#more")


async def test_with_the_blink_off_a_focused_field_holds_its_cursor_still(demo_dir, config_dir):
    app = app_for(demo_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        await pilot.press("slash")  # the roster's filter field
        await settled(pilot)
        field = app.screen.query_one("#filter", Input)
        assert app.focused is field and field.cursor_blink is False


def gate_model_build(monkeypatch, gate: Gate, fails: bool = False) -> list[bool]:
    """The app's background build of the models, made to run (as in a fresh process, where a start loads
    none) and held at ``gate``; returns, per build, whether it ran on the UI thread."""
    threads: list[bool] = []
    monkeypatch.setattr(model, "all_loaded", lambda: False)

    def load_all() -> None:
        threads.append(threading.current_thread() is threading.main_thread())
        gate.pass_through()
        if fails:
            raise RuntimeError("a broken install")

    monkeypatch.setattr(model, "load_all", load_all)
    return threads


def model_builds(app) -> list:
    return [w for w in app.workers if w.group == "models"]


async def test_the_models_are_built_off_the_ui_thread_a_moment_after_opening_and_keys_work_meanwhile(
        demo_dir, config_dir, monkeypatch):
    gate = Gate()
    threads = gate_model_build(monkeypatch, gate)
    app = app_for(demo_dir, config_dir)
    async with opened(app, (100, 30)) as pilot:
        await until(pilot, gate.waiting.is_set, "the models' build to start")
        assert threads == [False], "built in a worker's thread"
        await pilot.press("b")  # a screen opened meanwhile builds what it needs itself, as before
        await until(pilot, lambda: isinstance(app.screen, BoardScreen), "the step board")
        await pilot.press("escape")
        gate.open()
        await settled(pilot)
        assert [w.state for w in model_builds(app)] in ([], [WorkerState.SUCCESS])
        assert threads == [False], "once"


async def test_a_failed_build_of_the_models_is_left_to_the_screen_that_needs_them(
        demo_dir, config_dir, monkeypatch):
    gate = Gate(open_=True)
    gate_model_build(monkeypatch, gate, fails=True)
    app = app_for(demo_dir, config_dir)
    told = listen(app)
    async with opened(app, (100, 30)) as pilot:
        await until(pilot, gate.waiting.is_set, "the models' build to start")
        await settled(pilot)
        assert app.is_running and isinstance(app.screen, RosterScreen)
        assert not told.any("broken") and not told.any("error"), told.text


async def test_no_build_starts_when_a_screen_built_the_models_already(demo_dir, config_dir, monkeypatch):
    looked: list[bool] = []
    real = SponsorDeskApp._warm_up

    def warm_up(app) -> None:
        looked.append(model.all_loaded())
        real(app)

    monkeypatch.setattr(SponsorDeskApp, "_warm_up", warm_up)
    app = app_for(demo_dir, config_dir)
    async with opened(app, (100, 30)) as pilot:
        await until(pilot, lambda: looked, "the moment after opening")
        await settled(pilot)
        assert looked == [True] and model_builds(app) == []


async def test_look_alike_names_are_worked_out_by_the_reading_not_on_the_ui_thread(demo_dir, config_dir, monkeypatch):
    """The first name asked for after a reading (the roster drawn, a log opened) finds them worked out: about
    10 ms at a thousand sponsees that the UI thread waited for when the log opened."""
    from sponsordesk.desk import desk as desk_module

    threads = []
    real = desk_module.names_told_apart
    monkeypatch.setattr(desk_module, "names_told_apart",
                        lambda sponsees: threads.append(threading.current_thread()) or real(sponsees))
    for start in ("first", "from the index"):
        threads.clear()
        app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
        async with opened(app, (120, 40)) as pilot:
            await pilot.press("c")  # Luis's log, his name in its title
            await settled(pilot)
            assert isinstance(app.screen, LogScreen) and app.screen.title.startswith(("Contact log", "Log"))
            assert threads and threading.main_thread() not in threads, (start, threads)
