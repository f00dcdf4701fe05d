"""The whole follow-through story, by keys, then a new app on the same folder finds it all."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Select
from sponsordesk.tui.widgets.plain_table import PlainTable

from sponsordesk.tui.widgets.plain_table import PlainTable
from sponsordesk.tui.screens.contact_form import ContactFormScreen
from sponsordesk.tui.screens.log import LogScreen
from sponsordesk.tui.screens.suggestions import SuggestionsScreen
from tests.tui.screens.helpers_log import FIRST_DATE, app_for, sam, type_into
from tests.tui.settle import opened, settled


async def choose(pilot, selector: str, downs: int) -> None:
    """Open a Select and move down to an option, as with the keyboard."""
    pilot.app.screen.query_one(selector).focus()
    await pilot.press("enter", *["down"] * downs, "enter")


@pytest.mark.slow
async def test_log_resolve_open_suggestions_relapse_and_restart(data_dir, config_dir):
    sam(data_dir)
    app = app_for(data_dir, config_dir)
    async with opened(app, (120, 50)) as pilot:
        await pilot.press("c")
        await settled(pilot)
        assert isinstance(app.screen, LogScreen)

        # 1. a call with two suggestions
        await pilot.press("n")
        assert isinstance(app.screen, ContactFormScreen)
        await type_into(pilot, "#summary", "Talked about the new job.\nFeeling steady.")
        await type_into(pilot, "#time", "08:00")
        await type_into(pilot, "#minutes", "25")
        await type_into(pilot, "#suggestion-text-0", "Read pages 58-60")
        await type_into(pilot, "#suggestion-due-0", "2026-11-25")
        await pilot.press("ctrl+n")
        await type_into(pilot, "#suggestion-text-1", "Call before the party")
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert isinstance(app.screen, LogScreen)
        table = app.screen.query_one("#log", PlainTable)
        assert table.row_count == 1
        assert "Talked about the new job." in str(table.get_row_at(0))
        assert "Read pages 58-60 +1" in str(table.get_row_at(0))

        # 2. the next call resolves one through "since we last talked"
        await pilot.press("n")
        form = app.screen
        assert "Since we last talked" in str(form.query(".section").first().render())
        await choose(pilot, "#resolve-0", 1)  # "Read pages 58-60" (due first) -> followed through
        assert form.query_one("#resolve-0", Select).value == "followed"
        await type_into(pilot, "#resolve-note-0", "read it twice")
        await type_into(pilot, "#summary", "Short check-in.")
        await type_into(pilot, "#time", "09:00")
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert isinstance(app.screen, LogScreen)

        # 3. the other is in the open-suggestions view
        await pilot.press("o")  # the log's key for open suggestions
        await settled(pilot)
        assert isinstance(app.screen, SuggestionsScreen)
        rows = app.screen.query_one("#suggestions", PlainTable)
        assert rows.row_count == 1 and "Call before the party" in str(rows.get_row_at(0))
        await pilot.press("escape")

        # 4. a relapse: new sobriety date, the old one kept
        await pilot.press("n")
        await type_into(pilot, "#summary", "Drank on Friday. Called this morning.")
        app.screen.query_one("#relapse").focus()
        await pilot.press("space")
        assert app.screen.query_one("#sobriety-box").display
        await type_into(pilot, "#sobriety", "2026-11-20")
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert isinstance(app.screen, LogScreen)
        assert "relapse" in str(app.screen.query_one("#log", PlainTable).get_row_at(0))
        assert [s.date for s in app.desk.record("sam-r").sponsee.sobriety] == [date(2026, 11, 20), FIRST_DATE]

    # 5. a new app on the same folder finds all of it
    again = app_for(data_dir, config_dir)
    async with opened(again, (120, 50)) as pilot:
        await pilot.press("c")
        await settled(pilot)
        assert again.screen.query_one("#log", PlainTable).row_count == 3
        record = again.desk.record("sam-r")
        assert [s.date for s in record.sponsee.sobriety] == [date(2026, 11, 20), FIRST_DATE]
        by_text = {s.text: s for s in record.suggestions}
        assert by_text["Read pages 58-60"].status == "followed"
        assert by_text["Read pages 58-60"].outcome == "read it twice"
        assert by_text["Call before the party"].is_open
        assert [c.relapse for c in record.recent] == [True, False, False]
        assert record.recent[-1].minutes == 25
        assert list(again.desk.store.iter_contacts("sam-r"))[-1].summary == "Talked about the new job.\nFeeling steady."
        await pilot.press("o")
        await settled(pilot)
        assert again.screen.query_one("#suggestions", PlainTable).row_count == 1
