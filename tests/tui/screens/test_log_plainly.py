"""A contact log opened before the app has built its models (a moment after start) shows its header and first
page from plain readings (store/quick_log.py), exactly as the models show them; it is drawn again from the
models when they are built, and an entry opened, edited or deleted from it is the models' own."""

from contextlib import asynccontextmanager

import pytest

from sponsordesk import model
from sponsordesk.store.quick import QuickContact, QuickRecord
from sponsordesk.tui import loading
from sponsordesk.tui.app import SponsorDeskApp
from sponsordesk.tui.widgets.plain_table import PlainTable

from tests.conftest import TODAY
from tests.tui.settle import opened, settled, until

WHO = "dana-o"


async def first_start(demo_dir, config_dir) -> None:
    async with opened(SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY), (120, 40)):
        pass  # leaves the index: the next start's records are its own (QuickRecord) until read in full


def shown(app) -> dict:
    screen = app.screen
    table = screen.query_one("#log", PlainTable)
    return {
        "title": screen.title,
        "who": str(screen.query_one("#who").render()),
        "meetings": str(screen.query_one("#meetings").render()),
        "more": str(screen.query_one("#more").render()),
        "rows": [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)],
        "cursor": table.cursor_key,
    }


@pytest.fixture
def models_not_built(monkeypatch):
    """The app as it is a moment after start: the models not built, and not about to be (the warm-up waits)."""
    monkeypatch.setattr(model, "all_loaded", lambda: False)
    monkeypatch.setattr(loading, "WARM_UP_AFTER", 3600)
    return monkeypatch


async def open_log(pilot, who: str = WHO):
    pilot.app.open_log(who)
    await until(pilot, lambda: type(pilot.app.screen).__name__ == "LogScreen", "the log")
    await settled(pilot)
    return pilot.app.screen


@asynccontextmanager
async def plain_log(demo_dir, config_dir, size=(120, 40)):
    """A second start (its records the index's), the models not built, and Dana's log opened: (pilot, log)."""
    await first_start(demo_dir, config_dir)
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, size) as pilot:
        yield pilot, await open_log(pilot)


async def test_a_log_opened_before_the_models_are_built_shows_what_they_show(demo_dir, config_dir,
                                                                            models_not_built):
    await first_start(demo_dir, config_dir)
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (120, 40)) as pilot:
        assert isinstance(next(r for r in app.desk.records if r.id == WHO), QuickRecord)
        screen = await open_log(pilot)
        assert screen.plain, "the header and the page from plain readings"
        assert all(isinstance(c, QuickContact) for c in screen.rows._contacts.values())
        plain = shown(app)
        assert plain["rows"] and "Dana" in plain["who"]
        await pilot.press("down", "down")
        plain["cursor"] = app.screen.query_one("#log", PlainTable).cursor_key
        models_not_built.undo()
        app.models_built()
        await settled(pilot)
        assert not screen.plain and not any(isinstance(c, QuickContact) for c in screen.rows._contacts.values())
        assert shown(app) == plain, "the models show the same, the cursor on the same entry"
    async with opened(SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY), (120, 40)) as pilot:
        await open_log(pilot)  # the models built: read through them from the start
        assert not pilot.app.screen.plain
        assert {k: v for k, v in shown(pilot.app).items() if k != "cursor"} == \
            {k: v for k, v in plain.items() if k != "cursor"}


@pytest.mark.parametrize("key", ["enter", "e"])
async def test_an_entry_opened_from_a_plain_page_is_the_models_own(demo_dir, config_dir, models_not_built, key):
    async with plain_log(demo_dir, config_dir) as (pilot, log):
        app = pilot.app
        assert log.plain
        await pilot.press("down")
        wanted = log.query_one("#log", PlainTable).cursor_key
        await pilot.press(key)
        await settled(pilot)
        assert app.screen is not log, "opened"
        opened_entry = getattr(app.screen, "contact", None) or getattr(app.screen, "editing", None)
        assert opened_entry is not None and opened_entry.id == wanted
        assert not isinstance(opened_entry, QuickContact)


async def test_an_entry_deleted_from_a_plain_page_goes_and_comes_back_with_undo(demo_dir, config_dir,
                                                                            models_not_built):
    async with plain_log(demo_dir, config_dir) as (pilot, log):
        table = log.query_one("#log", PlainTable)
        count, gone = table.row_count, table.cursor_key
        await pilot.press("x")
        await settled(pilot)
        await pilot.press("y")  # Delete
        await settled(pilot)
        assert table.row_count == count - 1 and gone not in table.rows
        await pilot.press("u")
        await settled(pilot)
        assert table.row_count == count and gone in table.rows


async def test_a_year_file_changed_while_open_that_the_plain_reading_is_not_sure_of_is_read_through_the_models(
        demo_dir, config_dir, models_not_built):
    await first_start(demo_dir, config_dir)
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (120, 40)) as pilot:
        assert isinstance(next(r for r in app.desk.records if r.id == WHO), QuickRecord), "from the index"
        path = demo_dir / "sponsees" / WHO / "contacts" / "2026.toml"
        path.write_text(path.read_text().replace("[[contact]]\n", "[[contact]]\nmood = \"calm\"\n", 1))
        log = await open_log(pilot)
        assert log.plain, "the header from the index"
        assert log.query_one("#log", PlainTable).row_count
        assert not any(isinstance(c, QuickContact) for c in log.rows._contacts.values()), "the models' rows"
        assert any("unknown key" in p.message and p.path == path for p in app.desk.problems), \
            "and what they say of the file"


async def test_an_open_ninety_in_ninety_older_than_the_index_s_contacts_is_counted_by_the_models(
        demo_dir, config_dir, models_not_built):
    path = demo_dir / "sponsees" / WHO / "suggestions.toml"
    path.write_text(path.read_text() + '\n[[suggestion]]\nid = "s-ninety"\ntext = "90 meetings in 90 days"\n'
                    'given = 2026-06-01\n')
    async with plain_log(demo_dir, config_dir) as (pilot, log):
        assert not log.plain, "the index's contacts do not go back to June: read through the models"
        assert "90 in 90" in shown(pilot.app)["meetings"]


OLDER = """schema_version = 1

[[contact]]
id = "old-1"
at = 2025-03-01T19:00:00+00:00
kind = "call"
summary = "An old call"

[[contact]]
id = "old-2"
at = 2025-02-01T19:00:00+00:00
kind = "meeting"
summary = "An old meeting"
"""


async def to_the_oldest(pilot, log) -> None:
    table = log.query_one("#log", PlainTable)
    await pilot.press("end")
    await until(pilot, lambda: "old-2" in table.rows and not log.reading_on, "the older year read")
    await pilot.press("end")
    await settled(pilot)
    assert table.cursor_key == "old-2"


async def test_a_short_newest_year_is_followed_by_the_next_read_plainly_too(demo_dir, config_dir,
                                                                           models_not_built):
    (demo_dir / "sponsees" / WHO / "contacts" / "2025.toml").write_text(OLDER)
    async with plain_log(demo_dir, config_dir) as (pilot, log):
        table = log.query_one("#log", PlainTable)
        assert table.row_count < 60 + 2 and "old-2" in table.rows, "fewer than a page: the next year at once"
        assert all(isinstance(c, QuickContact) for c in log.rows._contacts.values())


async def test_an_older_years_entry_deleted_from_a_plain_page_is_that_one(demo_dir, config_dir, models_not_built):
    (demo_dir / "sponsees" / WHO / "contacts" / "2025.toml").write_text(OLDER)
    newest = (demo_dir / "sponsees" / WHO / "contacts" / "2026.toml").read_bytes()
    async with plain_log(demo_dir, config_dir) as (pilot, log):
        assert log.plain
        await to_the_oldest(pilot, log)
        await pilot.press("x")
        await settled(pilot)
        assert "Feb 1" in str(pilot.app.screen.query_one("#question").render()), "the question names that entry"
        await pilot.press("y")
        await settled(pilot)
        from sponsordesk.store import Store

        assert [c.id for c in Store(demo_dir).contacts_in_year(WHO, 2025)] == ["old-1"], "that entry, no other"
        assert (demo_dir / "sponsees" / WHO / "contacts" / "2026.toml").read_bytes() == newest


async def test_drawn_again_from_the_models_the_cursor_stays_on_an_older_years_entry(demo_dir, config_dir,
                                                                                  models_not_built):
    (demo_dir / "sponsees" / WHO / "contacts" / "2025.toml").write_text(OLDER)
    async with plain_log(demo_dir, config_dir) as (pilot, log):
        await to_the_oldest(pilot, log)
        models_not_built.undo()
        pilot.app.models_built()
        await settled(pilot)
        assert not log.plain and log.query_one("#log", PlainTable).cursor_key == "old-2"


async def test_an_entry_changed_on_disk_since_the_page_was_drawn_is_not_opened(demo_dir, config_dir,
                                                                              models_not_built):
    from tests.tui.notices import listen

    async with plain_log(demo_dir, config_dir) as (pilot, log):
        told = listen(pilot.app)
        table = log.query_one("#log", PlainTable)
        first = table.cursor_key
        path = demo_dir / "sponsees" / WHO / "contacts" / "2026.toml"
        text = path.read_text()
        at = text.index(f'id = "{first}"')
        path.write_text(text[:at] + text[at:].replace("summary = ", 'summary = "Changed elsewhere. " + ', 1)
                        .replace('" + "', "", 1))
        await pilot.press("enter")
        await settled(pilot)
        assert pilot.app.screen is log, "not opened: it is not what the page showed"
        assert told.titled("Changed on disk")
        assert not log.plain and "Changed elsewhere" in " ".join(shown(pilot.app)["rows"][0])
        await pilot.press("enter")
        await settled(pilot)
        assert pilot.app.screen is not log and pilot.app.screen.contact.summary.startswith("Changed elsewhere")


async def test_an_entry_opened_after_another_was_added_on_disk_is_the_one_highlighted(demo_dir, config_dir,
                                                                                   models_not_built):
    async with plain_log(demo_dir, config_dir) as (pilot, log):
        await pilot.press("down")
        wanted = log.query_one("#log", PlainTable).cursor_key
        path = demo_dir / "sponsees" / WHO / "contacts" / "2026.toml"
        path.write_text(path.read_text() + '\n[[contact]]\nid = "synced"\nat = 2026-11-21T08:00:00+00:00\n')
        await pilot.press("enter")
        await settled(pilot)
        assert pilot.app.screen is not log and pilot.app.screen.contact.id == wanted


async def test_deleting_from_a_plain_page_after_the_profile_broke_is_refused_and_keeps_the_entry(
        demo_dir, config_dir, models_not_built):
    async with plain_log(demo_dir, config_dir) as (pilot, log):
        await pilot.press("down")
        wanted = log.query_one("#log", PlainTable).cursor_key
        (demo_dir / "sponsees" / WHO / "profile.toml").write_text("name = \"Dana\n")
        await pilot.press("x")
        await settled(pilot)
        if type(pilot.app.screen).__name__ == "ConfirmScreen":
            await pilot.press("y")
            await settled(pilot)
        assert pilot.app.is_running
        assert f'id = "{wanted}"' in (demo_dir / "sponsees" / WHO / "contacts" / "2026.toml").read_text()


async def test_the_warm_up_draws_a_plain_page_from_the_models_it_finds_built(demo_dir, config_dir,
                                                                         models_not_built):
    async with plain_log(demo_dir, config_dir) as (pilot, log):
        app = pilot.app
        assert log.plain
        models_not_built.undo()  # built meanwhile (by the log's own reading of an older year, say)
        app._warm_up()
        await settled(pilot)
        assert not log.plain


async def test_the_privacy_key_on_a_plain_page_hides_the_name_and_the_phone(demo_dir, config_dir, models_not_built):
    async with plain_log(demo_dir, config_dir, (160, 40)) as (pilot, log):
        app = pilot.app
        phone = next(r for r in app.desk.records if r.id == WHO).sponsee.phone
        assert log.plain and "Dana" in shown(app)["who"] and phone and phone in shown(app)["who"]
        await pilot.press("f4")
        await settled(pilot)
        assert log.plain, "still from the plain readings: the models are not built"
        assert "Dana" not in shown(app)["who"] and phone not in shown(app)["who"] and "D.O." in shown(app)["who"]
        assert "Dana" not in log.title


async def test_edit_from_an_entrys_window_edits_that_entry_after_the_log_was_drawn_again(demo_dir, config_dir,
                                                                                       models_not_built):
    async with plain_log(demo_dir, config_dir) as (pilot, log):
        await pilot.press("down", "down", "down")
        wanted = log.query_one("#log", PlainTable).cursor_key
        await pilot.press("enter")
        await settled(pilot)
        log.query_one("#log", PlainTable).move_cursor(row=0)  # as a redraw that lost the row would leave it
        await pilot.press("e")
        await settled(pilot)
        assert type(pilot.app.screen).__name__ == "ContactFormScreen" and pilot.app.screen.contact.id == wanted


MISDATED = OLDER.replace("2025-02-01T19:00:00", "2026-01-05T19:00:00")


async def test_the_cursor_goes_back_to_an_entry_dated_in_another_year_than_its_file(demo_dir, config_dir,
                                                                                  models_not_built):
    (demo_dir / "sponsees" / WHO / "contacts" / "2025.toml").write_text(MISDATED)
    async with plain_log(demo_dir, config_dir) as (pilot, log):
        table = log.query_one("#log", PlainTable)
        await until(pilot, lambda: "old-2" in table.rows and not log.reading_on, "the older year read")
        table.move_cursor(row=table.get_row_index("old-2"))
        await settled(pilot)
        models_not_built.undo()
        pilot.app.models_built()
        await until(pilot, lambda: table.cursor_key == "old-2", "the cursor back on the entry from 2025.toml")


async def test_a_redraw_asked_of_a_screen_not_built_yet_waits_until_it_is(demo_dir, config_dir):
    async with opened(SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY), (120, 40)) as pilot:
        app = pilot.app
        app.open_log(WHO)
        app.refresh_all()  # in the same turn: the log's widgets are not there yet
        app.show_opened()
        await settled(pilot)
        assert type(app.screen).__name__ == "LogScreen" and app.is_running
        assert "Dana" in shown(app)["who"]


@asynccontextmanager
async def held_older_years(monkeypatch):
    """Older year files read in the background wait until the test lets them go."""
    import threading

    from sponsordesk.desk.pager import LogPager

    gate = threading.Event()
    read_year = LogPager.read_year

    def held(pager):
        if pager.years_read:  # the newest year is read at once, on the screen's thread
            gate.wait(30)
        return read_year(pager)

    monkeypatch.setattr(LogPager, "read_year", held)
    try:
        yield gate
    finally:
        gate.set()


@asynccontextmanager
async def seeking(demo_dir, config_dir, monkeypatch):
    """Dana's log with the cursor on an entry of 2025.toml, drawn again (a save, a reload, F4): the newest
    year at once, 2025 read again in the background, held until the test opens the gate.
    (pilot, log, table, gate)."""
    (demo_dir / "sponsees" / WHO / "contacts" / "2025.toml").write_text(OLDER)
    async with opened(SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY), (120, 40)) as pilot:
        log = await open_log(pilot)
        table = log.query_one("#log", PlainTable)
        await until(pilot, lambda: "old-2" in table.rows and not log.reading_on, "the older year read")
        table.move_cursor(row=table.get_row_index("old-2"))
        await settled(pilot)
        async with held_older_years(monkeypatch) as gate:
            pilot.app.refresh_all()
            yield pilot, log, table, gate


async def test_a_cursor_moved_while_the_log_seeks_its_old_entry_stays_where_it_was_moved(demo_dir, config_dir,
                                                                                        monkeypatch):
    async with seeking(demo_dir, config_dir, monkeypatch) as (pilot, log, table, gate):
        await until(pilot, lambda: log.reading_on, "the older year being read again")
        assert table.cursor_row == 0
        await pilot.press("down", "down")
        moved = table.cursor_key
        gate.set()
        await until(pilot, lambda: not log.reading_on, "the older year read again")
        await settled(pilot)
        assert table.cursor_key == moved, "no jump back to the entry the cursor was on before the redraw"


async def test_drawn_again_twice_while_seeking_the_cursor_still_goes_back(demo_dir, config_dir, monkeypatch):
    async with seeking(demo_dir, config_dir, monkeypatch) as (pilot, log, table, gate):
        await until(pilot, lambda: log.reading_on, "the older year being read again")
        pilot.app.refresh_all()
        await pilot.pause()
        gate.set()
        await until(pilot, lambda: table.cursor_key == "old-2", "the cursor back on its entry")
