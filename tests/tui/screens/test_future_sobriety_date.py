"""A sobriety date after today in a file (typed by hand, a year typed wrong): every screen says so in words,
the edit form still saves the phone, and h corrects it."""

from __future__ import annotations

from datetime import date

from textual.widgets import Static
from sponsordesk.tui.widgets.plain_table import PlainTable

from sponsordesk.model import SobrietyDate, Sponsee
from sponsordesk.store import Store
from sponsordesk.tui.app import SponsorDeskApp
from sponsordesk.tui.dialogs.confirm import ConfirmScreen
from sponsordesk.tui.screens.log import LogScreen
from sponsordesk.tui.screens.roster import RosterScreen
from sponsordesk.tui.widgets.card import SponseeCard
from tests.conftest import TODAY
from tests.seed import put_profile
from tests.tui.screens.helpers import static_text
from tests.tui.settle import opened, run

TYPED_WRONG = date(2999, 10, 22)


def ellen(data_dir) -> None:
    put_profile(Store(data_dir), Sponsee(id="ellen-f", name="Ellen Fischer", phone="555-0199", cadence_days=7,
                                         sobriety=[SobrietyDate(date=TYPED_WRONG, note="typed wrong")]))


def saved(data_dir) -> Sponsee:
    return Store(data_dir).load(TODAY)[0].sponsee


async def test_every_screen_says_the_date_is_after_today_and_h_corrects_it(data_dir, config_dir):
    ellen(data_dir)
    app = SponsorDeskApp(data_dir=data_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (160, 50)) as pilot:
        table = app.screen.query_one("#roster", PlainTable)
        assert str(table.get_cell("ellen-f", "clean")).strip() == "not yet", "the clean time column, not 'starts in 355…'"
        card = app.screen.query_one(SponseeCard).plain
        assert "Clean time: none yet: the sobriety date, Oct 22, 2999, is after today" in card
        assert "Oct 22, 2999 · current · after today · typed wrong" in card
        await run(pilot, "c")
        assert isinstance(app.screen, LogScreen)
        assert "clean time starts Oct 22, 2999" in static_text(app.screen.query_one("#who", Static))
        await run(pilot, "i", "h")  # the card, then correct the date
        await pilot.press("ctrl+u", *"2026-10-22", "ctrl+s")
        await run(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        question = app.screen.question
        assert "Oct 22, 2999 becomes Oct 22, 2026." in question
        assert "Clean time counts from Oct 22, 2026: 30 days." in question, "no 'was' for a date not begun"
        await run(pilot, "y")
        assert "Clean time: 30 days, since Oct 22, 2026" in app.screen.query_one(SponseeCard).plain
    assert saved(data_dir).sobriety == [SobrietyDate(date=date(2026, 10, 22), note="typed wrong")]


async def test_the_edit_form_saves_a_new_phone_with_the_files_date_left_as_it_is(data_dir, config_dir):
    ellen(data_dir)
    app = SponsorDeskApp(data_dir=data_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (80, 24)) as pilot:
        await run(pilot, "e")
        app.screen.query_one("#phone").value = "555-0100"
        await run(pilot, "ctrl+s")
        assert isinstance(app.screen, RosterScreen), "saved, not 'that date is in the future'"
    assert saved(data_dir).phone == "555-0100"
    assert saved(data_dir).sobriety_date == TYPED_WRONG, "corrected with h on the card, not here"
