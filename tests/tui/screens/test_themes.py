"""Switching theme from the palette previews it, saves it, and a broken user theme never stops the app."""

from sponsordesk.tui.widgets.plain_table import PlainTable

from sponsordesk.tui.app import SponsorDeskApp
from sponsordesk.store.settings import load_settings

from tests.conftest import TODAY
from tests.tui.notices import listen
from tests.tui.settle import from_palette, opened, settled, until


def make_app(data_dir, config_dir):
    return SponsorDeskApp(data_dir=data_dir, config_dir=config_dir, today=TODAY)


async def pick_theme(pilot, search: str) -> None:
    await from_palette(pilot, "switch theme")
    await settled(pilot)
    await pilot.press(*search)
    await settled(pilot)


async def choose_theme(pilot, search: str, name: str) -> None:
    """Pick the theme found by ``search`` in the palette's picker and check it is the one in use."""
    await pick_theme(pilot, search)
    await pilot.press("enter")
    await settled(pilot)
    assert pilot.app.theme == name


async def test_chosen_theme_is_kept_after_restart(demo_dir, config_dir):
    app = make_app(demo_dir, config_dir)
    async with opened(app, (120, 40)) as pilot:
        assert app.theme == "sponsordesk-dark"
        await pick_theme(pilot, "light")
        await pilot.press("enter")
        await settled(pilot)
        assert app.theme == "sponsordesk-light"
    assert load_settings(config_dir / "settings.toml")[0].theme == "sponsordesk-light"
    again = make_app(demo_dir, config_dir)
    async with opened(again, (120, 40)) as pilot:
        assert again.theme == "sponsordesk-light"
        assert again.get_css_variables()["sd-due"] == "#8a6100"  # the light theme's own colour


async def test_highlighting_previews_and_escape_puts_the_saved_theme_back(demo_dir, config_dir):
    app = make_app(demo_dir, config_dir)
    async with opened(app, (120, 40)) as pilot:
        await pick_theme(pilot, "contrast")
        assert app.theme == "sponsordesk-high-contrast"  # shown while highlighted
        await pilot.press("escape")
        await settled(pilot)
        assert app.theme == "sponsordesk-dark"
    assert not (config_dir / "settings.toml").exists()


async def test_broken_user_theme_is_reported_by_file_and_line_and_app_opens(demo_dir, config_dir):
    themes = config_dir / "themes"
    themes.mkdir(parents=True)
    (themes / "ocean.toml").write_text('name = "ocean"\n[colors]\nprimary = "seablue"\n')
    (themes / "night.toml").write_text('name = "night"\n[colors\n')
    (config_dir / "settings.toml").write_text('theme = "ocean"\n')
    app = make_app(demo_dir, config_dir)
    told = listen(app)
    async with opened(app, (120, 40)) as pilot:
        await settled(pilot)
        assert app.theme == "sponsordesk-dark"
        assert app.screen.query_one(PlainTable).row_count == 6  # ended sponsees start hidden
        notes = told.titled("Some themes did not load")
        assert len(notes) == 1  # one notification for every broken theme
        message = notes[0]
        assert "ocean.toml, line 3, field 'colors.primary'" in message
        assert "night.toml, line 2" in message
        assert "settings.toml, line 1: there is no theme named 'ocean'" in message


async def test_user_theme_appears_in_the_picker(demo_dir, config_dir):
    themes = config_dir / "themes"
    themes.mkdir(parents=True)
    (themes / "ocean.toml").write_text('name = "ocean"\ndark = true\n[colors]\nprimary = "#0077be"\n')
    app = make_app(demo_dir, config_dir)
    told = listen(app)
    async with opened(app, (120, 40)) as pilot:
        await pick_theme(pilot, "ocean")
        await pilot.press("enter")
        await settled(pilot)
        assert app.theme == "ocean"
        assert not [message for message, _, severity in told.items if severity == "warning"]


async def test_the_log_and_the_open_suggestions_take_a_new_themes_colours(demo_dir, config_dir):
    """Found by a review: the log's relapse flag and the suggestions' due dates kept the old theme's colours
    until the data was read again; the roster's already followed."""
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (120, 40)) as pilot:

        def coloured(table_id: str, word: str):
            """The colour of ``word`` on the first row that has it, the cursor's row left out."""
            table = app.screen.query_one(table_id, PlainTable)
            lines = [table.render_line(y) for y in range(1, table.size.height)
                     if y - 1 + int(table.scroll_y) != table.cursor_row]
            line = next(line for line in lines if word in line.text)
            return next(segment.style.color for segment in line if word in segment.text)

        def hex_of(variable: str) -> str:
            return app.get_css_variables()[variable].lower()

        await pilot.press("c")  # Luis, first on the roster: a relapse yesterday
        await settled(pilot)
        await pilot.press("down")  # the cursor's colours off the flagged row
        await settled(pilot)
        assert coloured("#log", "relapse").get_truecolor().hex == hex_of("sd-relapse")
        await choose_theme(pilot, "light", "sponsordesk-light")
        await until(pilot, lambda: coloured("#log", "relapse").get_truecolor().hex == hex_of("sd-relapse"),
                    "the light theme's relapse colour in the log")
        await pilot.press("o")  # the open suggestions
        await settled(pilot)
        await choose_theme(pilot, "sponsordesk-dark", "sponsordesk-dark")
        await until(pilot, lambda: coloured("#suggestions", "today").get_truecolor().hex == hex_of("sd-due"),
                    "the dark theme's due colour in the suggestions")
