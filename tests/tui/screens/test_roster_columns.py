"""The roster's columns give way (the rhythm, then clean time, then the program) so the others show whole."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from sponsordesk.tui.widgets.plain_table import PlainTable

from sponsordesk.model import Contact, SobrietyDate, Sponsee, SponseeState, Status
from sponsordesk.store import Store
from sponsordesk.tui.app import SponsorDeskApp
from sponsordesk.tui.widgets.card import SponseeCard
from sponsordesk.views.roster import COLUMNS, next_sort_column

from tests.conftest import TODAY
from tests.seed import add_contact, put_profile
from tests.tui.settle import opened, settled


def long_cells(data_dir) -> None:
    """Cells as long as a notebook kept for years has them: "Al-Anon", "5 yrs 11 mo", "not started", "11 days ago"."""
    store = Store(data_dir)
    for n, (name, program) in enumerate([("Hiroshi Tanaka", "Al-Anon"), ("Dolores Tam", "Al-Anon"),
                                         ("Marcus Sung", "AA")]):
        sponsee_id = name.lower().replace(" ", "-")
        put_profile(store, Sponsee(id=sponsee_id, name=name, program=program, cadence_days=3,
                                   sobriety=[SobrietyDate(date=date(2020, 12, 15))]))
        at = datetime.combine(TODAY - timedelta(days=11 + n), time(19)).astimezone()
        add_contact(store, sponsee_id, Contact(id=f"c-{n}", at=at, summary="Talked."))


def table(app) -> PlainTable:
    return app.screen.query_one("#roster", PlainTable)


async def sort_by(pilot, column: str) -> None:
    """Press o (the README's key) until the rows are sorted by ``column`` (shown: o skips one that gave way)."""
    for _ in range(len(COLUMNS)):
        if pilot.app.screen.sort_column == column:
            return
        await pilot.press("o")
    assert pilot.app.screen.sort_column == column, f"o never reached {column}: it has given way"


def fits(app) -> bool:
    shown = table(app)
    return shown.virtual_size.width <= shown.scrollable_content_region.width


async def test_long_cells_leave_the_rhythm_out_so_next_call_shows_whole(data_dir, config_dir):
    long_cells(data_dir)
    app = SponsorDeskApp(data_dir=data_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (160, 50)) as pilot:
        assert "rhythm" not in table(app).columns and "next" in table(app).columns
        assert fits(app), "every column whole, Next call and Sugg too"
        await pilot.press(*"oooooo")  # status, name, program, clean, step, last, next: the rhythm is skipped
        assert app.screen.sort_column == app.screen.shown_sort == "next"
        await pilot.resize_terminal(220, 50)  # a wider terminal has the room again
        await settled(pilot)
        assert "rhythm" in table(app).columns and fits(app)
        await pilot.resize_terminal(160, 50)
        await settled(pilot)
        assert "rhythm" not in table(app).columns and fits(app)


async def test_short_cells_keep_the_rhythm_at_160_columns(demo_dir, config_dir):
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (160, 50)):
        assert "rhythm" in table(app).columns and fits(app)


async def test_typing_a_filter_does_not_make_the_rhythm_come_and_go(data_dir, config_dir):
    long_cells(data_dir)
    app = SponsorDeskApp(data_dir=data_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (160, 50)) as pilot:
        widths = dict(app.screen.widths)
        await pilot.press("slash", *"Marcus", "enter")
        await settled(pilot)
        assert table(app).row_count == 1 and "rhythm" not in table(app).columns
        assert app.screen.widths == widths, "measured on every row the filter may show, not the one left"


async def test_at_80_columns_clean_time_gives_way_so_next_call_shows_whole(data_dir, config_dir):
    long_cells(data_dir)
    app = SponsorDeskApp(data_dir=data_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (80, 24)) as pilot:
        shown = list(table(app).columns)
        assert shown == ["status", "name", "program", "step", "last", "next", "open"] and fits(app)
        assert app.screen.left_out == ("rhythm", "clean"), "clean time went first; the program then fitted"
        await pilot.press("i")  # what gave way is on the card
        await settled(pilot)
        card = app.screen.query_one(SponseeCard).plain
        assert "Program: AA" in card and "5 years 11 months" in card


async def test_ended_rows_shown_at_160_columns_still_fit(data_dir, config_dir):
    long_cells(data_dir)
    store = Store(data_dir)
    put_profile(store, Sponsee(id="ended-long", name="Bartholomew Quince", program="Al-Anon",
                               status=Status(state=SponseeState.ENDED, ended=date(2026, 11, 12))))
    app = SponsorDeskApp(data_dir=data_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (160, 50)) as pilot:
        await pilot.press("E")
        await settled(pilot)
        assert table(app).row_count == 4 and fits(app), "the ended row's cells take no column out of sight"
        assert {"next", "open"} <= set(table(app).columns)


@pytest.mark.parametrize("column, wide, narrow, instead", [
    ("rhythm", (220, 50), (160, 50), "next"),
    ("clean", (160, 50), (80, 24), "step"),
])
async def test_a_sort_whose_column_gives_way_moves_to_the_next_shown_and_comes_back(data_dir, config_dir, column,
                                                                                    wide, narrow, instead):
    long_cells(data_dir)
    app = SponsorDeskApp(data_dir=data_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, wide) as pilot:
        await sort_by(pilot, column)
        await pilot.resize_terminal(*narrow)
        await settled(pilot)
        assert column not in table(app).columns and app.screen.shown_sort == instead
        assert table(app).columns[instead].endswith("▲"), "the header says what the rows are sorted by"
        await pilot.resize_terminal(*wide)
        await settled(pilot)
        assert app.screen.shown_sort == column, "the sort chosen comes back with its column"
        assert table(app).columns[column].endswith("▲")
        await pilot.resize_terminal(*narrow)
        await settled(pilot)
        await pilot.press("o")  # from the column the rows showed sorted by, not the one that gave way
        assert app.screen.shown_sort == next_sort_column(instead, list(table(app).columns))



def forty_sponsees(data_dir, config_dir) -> SponsorDeskApp:
    """A roster longer than the window: 40 sponsees, the app on them."""
    store = Store(data_dir)
    for n in range(40):
        put_profile(store, Sponsee(id=f"s-{n:02}", name=f"Sponsee {n:02} Example", program="AA", cadence_days=7,
                                   sobriety=[SobrietyDate(date=date(2020, 1, 1 + n % 28))]))
    return SponsorDeskApp(data_dir=data_dir, config_dir=config_dir, today=TODAY)


async def test_a_roster_drawn_again_keeps_its_view_and_its_cursor(data_dir, config_dir):
    """Drawn again with the chosen sponsee still there (here: F4 hides the names), the view stayed where it was
    only by chance: the table was cleared to its top and the cursor scrolled into view from there, onto the
    bottom line."""
    app = forty_sponsees(data_dir, config_dir)
    async with opened(app, (100, 40)) as pilot:
        roster = table(app)
        await pilot.press("pagedown", "down")
        await settled(pilot)
        before = (roster.scroll_y, roster.cursor_row, roster.cursor_key)
        assert before[0] > 0 and before[1] - before[0] < roster.scrollable_content_region.height - 2
        await pilot.press("f4")
        await settled(pilot)
        assert "Sponsee" not in roster.get_cell(before[2], "name"), "drawn again, the names hidden"
        assert (roster.scroll_y, roster.cursor_row, roster.cursor_key) == before


async def test_the_filter_box_opening_above_the_table_keeps_the_cursor_in_view(data_dir, config_dir):
    """The filter takes a line from the table: a cursor on its bottom line went out of sight (found by a review,
    with DataTable too)."""
    app = forty_sponsees(data_dir, config_dir)
    async with opened(app, (100, 40)) as pilot:
        roster = table(app)
        await pilot.press("end")
        await settled(pilot)
        page = roster.scrollable_content_region.height - 1
        assert roster.cursor_row == 39 and roster.cursor_row - roster.scroll_y == page - 1, "on the bottom line"
        await pilot.press("slash")
        await settled(pilot)
        assert roster.scrollable_content_region.height - 1 < page, "the filter took a line"
        assert roster.scroll_y <= roster.cursor_row < roster.scroll_y + roster.scrollable_content_region.height - 1
