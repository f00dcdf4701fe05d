"""Escape in a small form: closes at once when nothing was typed, asks first when something was."""

from __future__ import annotations

import pytest

from sponsordesk.store import Store
from sponsordesk.tui.dialogs.confirm import ConfirmScreen
from sponsordesk.tui.dialogs.quick_log import QuickLogScreen
from sponsordesk.tui.dialogs.snooze import SnoozeScreen
from sponsordesk.tui.screens.roster import RosterScreen
from tests.tui.screens.helpers_log import app_for, sam, type_into
from tests.tui.settle import opened, settled


@pytest.mark.parametrize(("key", "form", "field"), [("l", QuickLogScreen, "#summary"), ("s", SnoozeScreen, "#until")])
async def test_escape_after_typing_asks_and_keep_editing_keeps_the_text(data_dir, config_dir, key, form, field):
    sam(data_dir)
    sponsee = data_dir / "sponsees"
    before = {p: p.read_bytes() for p in sponsee.rglob("*.toml")}
    app = app_for(data_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        await pilot.press(key)
        await settled(pilot)
        assert isinstance(app.screen, form)
        await pilot.press("escape")  # nothing typed: closes at once
        await settled(pilot)
        assert isinstance(app.screen, RosterScreen)
        await pilot.press(key)
        await settled(pilot)
        await type_into(pilot, field, "2026-12-01" if key == "s" else "Talked about the weekend.")
        await pilot.press("escape")
        await settled(pilot)
        assert isinstance(app.screen, ConfirmScreen), "asks before dropping what was typed"
        await pilot.press("n")  # keep editing
        await settled(pilot)
        assert isinstance(app.screen, form)
        assert app.screen.query_one(field).value in ("2026-12-01", "Talked about the weekend.")
        await pilot.press("escape")
        await settled(pilot)
        await pilot.press("y")  # leave
        await settled(pilot)
        assert isinstance(app.screen, RosterScreen)
    assert {p: p.read_bytes() for p in sponsee.rglob("*.toml")} == before, "nothing saved"


async def test_ticking_remove_in_the_sobriety_correction_counts_as_typing(demo_dir, config_dir):
    from textual.widgets import Checkbox

    from sponsordesk.tui.app import SponsorDeskApp
    from sponsordesk.tui.dialogs.sobriety_fix import SobrietyFixScreen
    from tests.conftest import TODAY

    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (100, 40)) as pilot:
        for key in ("i", "h"):  # Luis's card, then correct his dates
            await pilot.press(key)
            await settled(pilot)
        assert isinstance(app.screen, SobrietyFixScreen)
        app.screen.query_one("#remove-1", Checkbox).value = True
        await settled(pilot)
        await pilot.press("escape")
        await settled(pilot)
        assert isinstance(app.screen, ConfirmScreen), "a ticked remove is not dropped without a word"
