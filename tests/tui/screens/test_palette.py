"""The command palette jumps to a sponsee and runs app actions by name."""

from sponsordesk.tui.app import SponsorDeskApp

from tests.conftest import TODAY
from tests.tui.settle import from_palette, opened, settled


def recording_app(demo_dir, config_dir, monkeypatch):
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    jumps = []
    # The board and log screens are built in their own issues; record the jump instead.
    monkeypatch.setattr(app, "open_board", lambda sid: jumps.append(("board", sid)))
    monkeypatch.setattr(app, "open_log", lambda sid: jumps.append(("log", sid)))
    return app, jumps


async def test_palette_jumps_to_a_sponsees_board(demo_dir, config_dir, monkeypatch):
    app, jumps = recording_app(demo_dir, config_dir, monkeypatch)
    async with opened(app, (120, 40)) as pilot:
        await from_palette(pilot, "sponsee: priya")
        await settled(pilot)
        assert jumps == [("board", "priya-n")]


async def test_palette_jumps_to_a_sponsees_log(demo_dir, config_dir, monkeypatch):
    app, jumps = recording_app(demo_dir, config_dir, monkeypatch)
    async with opened(app, (120, 40)) as pilot:
        await from_palette(pilot, "sponsee: luis r. · log")
        await settled(pilot)
        assert jumps == [("log", "luis-r")]


async def test_palette_toggles_names_hidden(demo_dir, config_dir):
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (120, 40)) as pilot:
        await from_palette(pilot, "privacy: hide names")
        await settled(pilot)
        assert app.desk.hidden


async def test_palette_entries_name_every_app_action(demo_dir, config_dir):
    from sponsordesk.tui.palette import DeskCommands

    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (120, 40)) as pilot:
        texts = [text for text, _, _ in DeskCommands(app.screen).entries()]
        for wanted in ("sponsee: Dana O.", "sponsee: Dana O. · log", "contact: log a contact with Dana O.",
                       "theme: switch theme", "privacy: hide names", "data: reload from disk",
                       "help: keys and help for this screen", "app: quit", "roster: demo data"):
            assert wanted in texts
        await pilot.press("f4")  # hidden names are not given away by the palette either
        texts = [text for text, _, _ in DeskCommands(app.screen).entries()]
        assert "sponsee: D.O." in texts and not any("Dana" in t for t in texts)


async def test_the_palette_offers_no_screenshot(demo_dir, config_dir):
    # Textual's "Screenshot" wrote an SVG of every name and note on screen into the current folder
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (120, 40)):
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Screenshot" not in titles and titles, titles


async def test_while_the_notebook_opens_the_palette_offers_no_key_that_would_do_nothing(demo_dir, config_dir,
                                                                                       monkeypatch):
    from sponsordesk.tui.palette import DeskCommands

    from tests.tui.test_workers import while_opening
    from tests.tui.settle import until

    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with while_opening(app, (120, 30), monkeypatch) as (pilot, gate):
        offered = [text for text, _, _ in DeskCommands(app.screen)._binding_entries()]
        assert not [text for text in offered if text.startswith("roster:")], "greyed keys are not offered"
        gate.open()
        await until(pilot, lambda: app.desk.loaded and not app.reading_folder, "the notebook to open")
        offered = [text for text, _, _ in DeskCommands(app.screen)._binding_entries()]
        assert "roster: steps" in offered and "roster: quick log" in offered
