"""The command palette jumps to a sponsee and runs app actions by name."""

from sponsordesk.tui.app import SponsorDeskApp

from tests.conftest import TODAY


def recording_app(demo_dir, config_dir, monkeypatch):
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    opened = []
    # The board and log screens are built in their own issues; record the jump instead.
    monkeypatch.setattr(app, "open_board", lambda sid: opened.append(("board", sid)))
    monkeypatch.setattr(app, "open_log", lambda sid: opened.append(("log", sid)))
    return app, opened


async def test_palette_jumps_to_a_sponsees_board(demo_dir, config_dir, monkeypatch):
    app, opened = recording_app(demo_dir, config_dir, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p", *"sponsee: priya", "enter")
        await pilot.pause(0.2)
        assert opened == [("board", "priya-n")]


async def test_palette_jumps_to_a_sponsees_log(demo_dir, config_dir, monkeypatch):
    app, opened = recording_app(demo_dir, config_dir, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p", *"sponsee: luis r. · log", "enter")
        await pilot.pause(0.2)
        assert opened == [("log", "luis-r")]


async def test_palette_toggles_names_hidden(demo_dir, config_dir):
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p", *"privacy: hide names", "enter")
        await pilot.pause(0.2)
        assert app.desk.hidden


async def test_palette_entries_name_every_app_action(demo_dir, config_dir):
    from sponsordesk.tui.palette import DeskCommands

    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with app.run_test(size=(120, 40)):
        texts = [text for text, _, _ in DeskCommands(app.screen).entries()]
        for wanted in ("sponsee: Dana O.", "sponsee: Dana O. · log", "contact: log a contact with Dana O.",
                       "theme: switch theme", "privacy: hide names", "data: reload from disk",
                       "help: keys and help for this screen", "app: quit", "roster: demo data"):
            assert wanted in texts
        app.desk.hidden = True  # hidden names are not given away by the palette either
        texts = [text for text, _, _ in DeskCommands(app.screen).entries()]
        assert "sponsee: D.O." in texts and not any("Dana" in t for t in texts)
