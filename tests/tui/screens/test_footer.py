"""At 80x24 the footer of every main screen still shows help, quit and the privacy key."""

import pytest

from sponsordesk.tui.app import SponsorDeskApp

from tests.conftest import TODAY
from tests.tui.footer import footer_keys as keys_of
from tests.tui.settle import opened, until

SCREENS = {
    "roster": [],
    "board": ["b"],
    "step detail": ["b", "enter"],
    "log": ["c"],
    "contact form": ["L"],
    "suggestions": ["u"],
    "card": ["i"],
}


def footer_keys(app) -> dict:
    return keys_of(app.screen)


@pytest.mark.parametrize("screen", SCREENS)
async def test_help_quit_and_privacy_fit_in_the_footer_at_80_columns(demo_dir, config_dir, screen):
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (80, 24)) as pilot:
        await pilot.press(*SCREENS[screen])
        await pilot.press("f4")  # "Names hidden" is the longest label the privacy key has
        # the footer redraws its keys a refresh after the bindings change: wait for the new label
        await until(pilot, lambda: "Names hidden" in footer_keys(app), f"the footer of the {screen}")
        keys = footer_keys(app)
        for wanted in ("Help", "Quit", "Names hidden"):
            assert wanted in keys, f"{wanted} missing on the {screen}"
            assert keys[wanted].end <= 80, f"{wanted} cut off on the {screen}"


async def test_wide_footer_keeps_the_command_palette_key(demo_dir, config_dir):
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (160, 50)) as pilot:
        await until(pilot, lambda: "Help" in footer_keys(app), "the footer")
        assert "Commands" in footer_keys(app)
