"""The roster and the Today panel from the index beside a card read from the files: one sponsee read in full
whose files say otherwise redraws every screen and says so (each case also run with every file read at start)."""

from __future__ import annotations

import pytest

from sponsordesk.store import layout
from sponsordesk.store.quick import QuickRecord
from sponsordesk.tui.app import SponsorDeskApp
from sponsordesk.tui.screens.roster import RosterScreen
from sponsordesk.tui.widgets.card import SponseeCard
from sponsordesk.tui.widgets.today_panel import TodayPanel

from tests.conftest import TODAY
from tests.tui.notices import listen
from tests.tui.settle import opened, settled

WHO = "priya-n"  # on the demo's agenda (90 days today), not the first row


async def _second_start(demo_dir, config_dir, active_later: bool = True):
    async with opened(SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY), (160, 50)):
        pass  # the first start leaves the index
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    app.desk.active_later = active_later  # False: every file read at start (the baseline)
    return app


LATER = pytest.mark.parametrize("active_later", [False, True], ids=["files read at start", "from the index"])


def _roster(app) -> RosterScreen:
    return next(s for s in app.screen_stack if isinstance(s, RosterScreen))


async def _highlight(pilot, sponsee_id: str) -> None:
    _roster(pilot.app)._select(sponsee_id)
    await settled(pilot)


@LATER
async def test_the_today_panel_keeps_the_index_phone_while_the_card_beside_it_shows_the_files(demo_dir, config_dir, active_later):
    """An outside edit (no focus event reached the app: tmux without focus-events, a sync in the background):
    moving the cursor reads that sponsee's files for the card, but the Today panel and the row still show the
    index's record, so one screen shows two phone numbers for one person."""
    app = await _second_start(demo_dir, config_dir, active_later)
    async with opened(app, (160, 50)) as pilot:
        assert isinstance(next(r for r in app.desk.records if r.id == WHO), QuickRecord) == active_later
        profile = layout.profile_path(demo_dir, WHO)
        old = next(r for r in app.desk.records if r.id == WHO).sponsee.phone
        profile.write_text(profile.read_text().replace(old, "555-0222"))
        await _highlight(pilot, WHO)
        card = _roster(app).query_one(SponseeCard).plain
        panel = _roster(app).query_one(TodayPanel)._shown[2]  # its lines (plain leaves the phone out)
        in_panel = {line.id: line.phone for line in panel}[WHO]
        in_card = "555-0222" if "555-0222" in card else old if old in card else None
        assert in_card is not None, card
        # read at start, both show the record read then; from the index, the card's reading redraws the panel
        assert in_panel == in_card, f"the Today panel says {in_panel} beside a card that says {in_card}"


def _broken_after_the_start(demo_dir) -> None:
    profile = layout.profile_path(demo_dir, WHO)
    profile.write_text(profile.read_text().replace('program = "AA"', 'program = "AA'))


@LATER
@pytest.mark.parametrize("size, key", [((160, 50), "b"), ((80, 24), "i")], ids=["the card beside it", "i at 80"])
async def test_a_profile_broken_after_the_start_is_said_with_its_line_and_its_row_goes(
        demo_dir, config_dir, active_later, size, key):
    """From the index, the first reading of their files (the card beside the roster, or at 80 columns the key
    itself) finds it: its row goes, and "Some files did not load" names the file, never "Choose a sponsee
    first". Read at start, its row stays until the next reading (on focus), which says so."""
    app = await _second_start(demo_dir, config_dir, active_later)
    async with opened(app, size) as pilot:
        told = listen(app)
        _broken_after_the_start(demo_dir)
        await _highlight(pilot, WHO)
        await pilot.press(key)
        await settled(pilot)
        assert "Choose a sponsee first" not in told.text, told.text
        if active_later:
            assert told.titled("Some files did not load") and "priya-n/profile.toml" in told.text, told.items
            assert WHO not in {r.id for r in app.desk.records} and _roster(app).selected_id != WHO
        await pilot.press("escape")
        await settled(pilot)
        app.reload_data(quiet=True)  # back in focus
        await settled(pilot)
        assert told.titled("Some files did not load"), f"never said: {told.items!r}"
        assert WHO not in {r.id for r in app.desk.records}
