"""F1 and ? open help for the screen you are on, with its keys and the crisis resources."""

import pytest

from sponsordesk.tui.app import SponsorDeskApp
from sponsordesk.tui.dialogs.help import HelpScreen

from tests.conftest import TODAY
from tests.tui.screens.helpers import static_text
from tests.tui.settle import opened, settled, then

CLOSING = "esc, q or F1 closes it"
"""It has no footer: the title line says how to leave."""


async def test_f1_shows_help_for_the_roster_with_crisis_resources(demo_dir, config_dir):
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (120, 40)) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        screen = app.screen
        assert "Help: The roster" in static_text(screen.query_one("#help-title"))
        assert "Everyone you sponsor" in static_text(screen.query_one("#help-about"))
        assert "roster.demo" in static_text(screen.query_one("#help-screen-keys"))
        everywhere = static_text(screen.query_one("#help-app-keys"))
        assert "app.privacy" in everywhere and "Hide or show names" in everywhere
        crisis = static_text(screen.query_one("#help-crisis"))
        assert "988" in crisis and "1-800-662-4357" in crisis and "local emergency services" in crisis
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_question_mark_opens_help_and_f1_closes_it(demo_dir, config_dir):
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (120, 40)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        await settled(pilot)
        assert not isinstance(app.screen, HelpScreen)


def test_help_snapshot(snap_compare, demo_dir, config_dir):
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    assert snap_compare(app, terminal_size=(100, 40), run_before=then("f1"))


async def test_help_text_with_brackets_shows_as_written(data_dir, config_dir):
    from sponsordesk.tui.app import SponsorDeskApp
    from sponsordesk.desk.demo import write_demo
    from sponsordesk.store import Store
    from tests.conftest import TODAY

    write_demo(Store(data_dir), TODAY)
    app = SponsorDeskApp(data_dir=data_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (100, 40)) as pilot:
        await pilot.press("slash", *"dana", "enter", "b")  # filter the roster to Dana, then her board
        await settled(pilot)
        await pilot.press("f1")
        await settled(pilot)
        assert "] and [ (or + and -)" in app.screen.query_one("#help-about").content.plain


SCREENS = {"roster": [], "board": ["b"], "step": ["b", "enter"], "log": ["c"], "entry": ["c", "enter"],
           "log form": ["L"], "suggestions": ["u"], "card": ["i"], "history form": ["i", "h"], "add": ["a"],
           "quick log": ["l"], "snooze": ["s"], "pause": ["p"], "end": ["x"], "step dates": ["b", "d"],
           "assignment": ["b", "n"], "resolve": ["u", "enter"]}


@pytest.mark.slow
async def test_every_screen_has_a_human_title_a_description_and_whole_key_ids(demo_dir, config_dir):
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (100, 40)) as pilot:
        for where, keys in SCREENS.items():
            await pilot.press(*keys)
            await settled(pilot)
            under = app.screen
            await pilot.press("f1")
            await settled(pilot)
            help_screen = app.screen
            assert isinstance(help_screen, HelpScreen), where
            title = static_text(help_screen.query_one("#help-title")).strip()
            # "Help: ContactForm" was the class's name
            assert getattr(under, "HELP_TITLE", "") and title == f"Help: {under.HELP_TITLE}  {CLOSING}", \
                f"{where}: {title!r}"
            assert getattr(under, "HELP", ""), f"{where} has no description"
            keys_text = static_text(help_screen.query_one("#help-screen-keys"))
            assert "…" not in keys_text, f"{where}: a key id is cut"
            await pilot.press("escape")
            while len(app.screen_stack) > 1:  # back to the roster, the first screen
                app.screen.dismiss() if app.screen.is_modal else app.pop_screen()
                await settled(pilot)
