"""For a program whose members are not counting sobriety (Al-Anon) the forms and the log use its words."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from textual.widgets import Checkbox, Label, Static

from sponsordesk.model import SobrietyDate, Sponsee
from sponsordesk.rules.clock import Clock
from sponsordesk.store import Store
from sponsordesk.tui.app import SponsorDeskApp
from sponsordesk.tui.widgets.form_field import FormField
from tests.seed import put_profile
from tests.tui.screens.helpers import static_text
from tests.tui.settle import opened, run, settled

NOW = datetime(2026, 11, 21, 9, 30)


async def test_the_add_form_asks_an_al_anon_member_for_a_program_date(data_dir, config_dir):
    app = SponsorDeskApp(data_dir=data_dir, config_dir=config_dir, clock=Clock(NOW))
    async with opened(app, (80, 24)) as pilot:
        await run(pilot, "a")
        label = app.screen.query_one("#field-sobriety .field-label", Label)
        assert str(label.render()) == "Sobriety date"
        app.screen.query_one("#program").value = "Al-Anon"
        await settled(pilot)
        assert str(label.render()) == "Program date"
        assert "first meeting" in app.screen.query_one("#sobriety").placeholder
        app.screen.query_one("#name").value = "Dee Park"
        app.screen.query_one("#sobriety").value = "2026-12-01"
        await run(pilot, "ctrl+s")
        error = app.screen.query_one("#field-sobriety", FormField).error
        assert error == "that date is in the future; use their first meeting", "not 'the first clean day'"


async def test_a_relapse_mentioned_in_al_anon_offers_no_new_date_of_theirs(data_dir, config_dir):
    put_profile(Store(data_dir), Sponsee(id="dee-p", name="Dee Park", program="Al-Anon",
                                         sobriety=[SobrietyDate(date=date(2024, 5, 2))]))
    app = SponsorDeskApp(data_dir=data_dir, config_dir=config_dir, clock=Clock(NOW))
    async with opened(app, (80, 24)) as pilot:
        await run(pilot, "L")
        app.screen.query_one("#relapse", Checkbox).value = True
        await settled(pilot)
        assert not app.screen.query_one("#sobriety-box").display, "usually someone else's relapse"


@pytest.mark.parametrize(("sobriety", "said"), [
    ([SobrietyDate(date=date(2024, 5, 2))], "2 years 6 months in the program"),
    ([], "no program date yet"),  # once "no date yet in the program"
])
async def test_the_log_heading_counts_time_in_the_programs_words(data_dir, config_dir, sobriety, said):
    put_profile(Store(data_dir), Sponsee(id="dee-p", name="Dee Park", program="Al-Anon", sobriety=sobriety))
    app = SponsorDeskApp(data_dir=data_dir, config_dir=config_dir, clock=Clock(NOW))
    async with opened(app, (80, 24)) as pilot:
        await run(pilot, "c")
        assert f"Al-Anon · {said} · last talked" in static_text(app.screen.query_one("#who", Static))
