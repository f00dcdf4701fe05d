"""The sponsee's card: opened from the roster, the board, the log and the palette; the phone copied;
the sobriety history corrected after a confirmation, and undone."""

from __future__ import annotations

from datetime import date

import pytest

from sponsordesk.store import Store
from sponsordesk.tui.app import SponsorDeskApp
from sponsordesk.tui.dialogs.confirm import ConfirmScreen
from sponsordesk.tui.dialogs.sobriety_fix import SobrietyFixScreen
from sponsordesk.tui.screens.card import CardScreen
from sponsordesk.tui.widgets.card import SponseeCard
from tests.conftest import TODAY
from tests.tui.notices import listen
from tests.tui.settle import opened, run, settled, then

def app_for(demo_dir, config_dir) -> SponsorDeskApp:
    return SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)


def card_text(app) -> str:
    return app.screen.query_one(SponseeCard).plain


@pytest.mark.parametrize("keys", [("i",), ("b", "i"), ("c", "i"), ("ctrl+p", *"sponsee: luis r. · card", "enter")],
                         ids=["roster", "board", "log", "palette"])
async def test_the_card_opens_from_the_roster_the_board_the_log_and_the_palette(demo_dir, config_dir, keys):
    app = app_for(demo_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        await run(pilot, *keys)
        assert isinstance(app.screen, CardScreen) and app.screen.sponsee_id == "luis-r"
        text = card_text(app)
        for wanted in ("Luis Romero", "Phone: 555-0166", "Home group: Clean and Serene",
                       "Call: every day (the default under 90 days clean)", "Clean time: 1 day, since Nov 20, 2026",
                       "Next: 30 days on Sun Dec 20", "Call me tonight after the meeting · due today",
                       "yesterday 08:15 · call · relapse · Used the night before",
                       "Apr 20, 2026 · 7 months, to Nov 20 · Came in after a friend's funeral."):
            assert wanted in text, wanted


async def test_y_copies_the_phone_number_and_says_so(demo_dir, config_dir):
    app = app_for(demo_dir, config_dir)
    told = listen(app)
    async with opened(app, (80, 24)) as pilot:
        await run(pilot, "i", "y")
        assert app.clipboard == "555-0166"
        assert told.any("Copied Luis R.'s phone number (555-0166).")
        await run(pilot, "escape", "down", "y")  # on the roster too: Marcus
        assert app.clipboard == "555-0142"
        await run(pilot, "f4", "y")
        assert told.items[-1][0] == "Copied M.B.'s phone number.", "no number in the notice while names are hidden"


async def test_the_card_beside_a_wide_roster_follows_the_cursor(demo_dir, config_dir):
    app = app_for(demo_dir, config_dir)
    async with opened(app, (160, 50)) as pilot:
        card = app.screen.query_one(SponseeCard)
        assert card.display and "Luis Romero" in card.plain
        await run(pilot, "down")
        assert "Marcus Bell" in card.plain and "Best way: call after 5pm" in card.plain
        assert "Sponsored since: Nov 1, 2026 (2 weeks)" in card.plain
    narrow = app_for(demo_dir, config_dir)
    async with opened(narrow, (120, 40)) as pilot:
        card = narrow.screen.query_one(SponseeCard)
        assert not card.display, "narrower, the card is its own screen (i)"
        await run(pilot, "down")
        await pilot.resize_terminal(200, 40)  # the window made wider: the card comes, with who is highlighted
        await settled(pilot)
        assert card.display and "Marcus Bell" in card.plain


async def test_a_mistyped_date_is_corrected_after_a_confirmation_and_the_history_kept(demo_dir, config_dir):
    app = app_for(demo_dir, config_dir)
    told = listen(app)
    async with opened(app, (80, 24)) as pilot:
        await run(pilot, "i", "h")
        assert isinstance(app.screen, SobrietyFixScreen)
        await pilot.press("ctrl+u", *"2026-11-19", "ctrl+s")  # the cursor starts in the current date
        await settled(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        question = app.screen.question
        assert "Nov 20, 2026 becomes Nov 19, 2026." in question
        assert "Clean time counts from Nov 19, 2026: 2 days (was 1 day)." in question
        assert "not a relapse" in question
        await run(pilot, "y")
        assert isinstance(app.screen, CardScreen)
        assert told.any("Corrected Luis R.'s sobriety history")
        assert "Nov 19, 2026 · current · 2 days" in card_text(app)
        assert "Apr 20, 2026 · 6 months, to Nov 19 · Came in after" in card_text(app), "the earlier date and its note stay"
        saved = Store(demo_dir).load(TODAY)
        luis = next(r for r in saved if r.id == "luis-r").sponsee
        assert [s.date for s in luis.sobriety] == [date(2026, 11, 19), date(2026, 4, 20)]
        assert luis.sobriety[1].note == "Came in after a friend's funeral."
        await run(pilot, "u")
        assert told.any("The sobriety history is back as it was.")
        assert "Nov 20, 2026 · current" in card_text(app)


async def test_removing_a_date_says_which_and_nothing_goes_without_a_yes(demo_dir, config_dir):
    app = app_for(demo_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        await run(pilot, "i", "h")
        app.screen.query_one("#remove-1").value = True  # the earlier date, entered by mistake
        await run(pilot, "ctrl+s")
        question = app.screen.question
        assert "Remove Apr 20, 2026 (“Came in after a friend's funeral.”)" in question
        assert "Clean time counts" not in question, "the current date does not change"
        await run(pilot, "n")  # keep editing
        assert isinstance(app.screen, SobrietyFixScreen)
        await run(pilot, "escape", "escape")
    luis = next(r for r in Store(demo_dir).load(TODAY) if r.id == "luis-r").sponsee
    assert len(luis.sobriety) == 2, "nothing removed without a yes"


async def test_a_correction_that_reorders_the_history_is_refused_by_the_field(demo_dir, config_dir):
    app = app_for(demo_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        await run(pilot, "i", "h")
        await pilot.press("ctrl+u", *"2026-01-01", "ctrl+s")
        await settled(pilot)
        assert isinstance(app.screen, SobrietyFixScreen)
        assert "must stay after the date below it (Apr 20, 2026)" in str(app.screen.query_one("#row-0-error").render())
        assert app.focused.id == "date-0"


@pytest.mark.parametrize("size", [(80, 24), (160, 50)], ids=["80x24", "160x50"])
def test_card_snapshot(snap_compare, demo_dir, config_dir, size):
    # 80x24: the card screen (i); 160x50: the card beside the roster, under the agenda
    keys = ("i",) if size == (80, 24) else ()
    assert snap_compare(app_for(demo_dir, config_dir), terminal_size=size, run_before=then(*keys))
