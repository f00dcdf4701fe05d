"""Below 80x24 the app says how large it needs to be, and comes back as it was."""

from sponsordesk.tui.app import SponsorDeskApp
from sponsordesk.tui.small_terminal import TooSmallScreen
from tests.conftest import TODAY
from tests.tui.screens.test_privacy import on_screen
from tests.tui.settle import opened, settled, until


async def test_a_small_terminal_is_told_the_size_it_needs_and_the_form_comes_back(demo_dir, config_dir):
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (80, 24)) as pilot:
        await pilot.press("a", "S", "a", "m")
        await settled(pilot)
        await pilot.resize_terminal(70, 20)
        await until(pilot, lambda: isinstance(app.screen, TooSmallScreen), "the notice")
        await settled(pilot)
        shown = on_screen(app)
        assert "This terminal is 70x20" in shown and "at least 80 columns and 24 lines" in shown
        assert "f1 Hel" not in shown
        await pilot.resize_terminal(80, 24)
        await until(pilot, lambda: not isinstance(app.screen, TooSmallScreen), "the form again")
        assert app.screen.query_one("#name").value == "Sam", "what was typed is still there"
