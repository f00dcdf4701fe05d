from textual.widgets import DataTable

from sponsordesk.tui.app import SponsorDeskApp

from tests.conftest import TODAY
from tests.tui.notices import listen
from tests.tui.settle import opened, settled


async def test_empty_folder_shows_welcome_and_demo_key_fills_roster(data_dir, config_dir):
    app = SponsorDeskApp(data_dir=data_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (80, 24)) as pilot:
        assert app.screen.query_one("#welcome").display
        await pilot.press("d")
        await settled(pilot)
        table = app.screen.query_one(DataTable)
        assert table.display and table.row_count == 6  # the ended sponsorship shows with E


async def test_broken_file_is_reported_and_rest_loads(demo_dir, config_dir):
    (demo_dir / "sponsees" / "marcus-b" / "profile.toml").write_text("name = \n")
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    told = listen(app)
    async with opened(app, (80, 24)) as pilot:
        await settled(pilot)
        assert app.screen.query_one(DataTable).row_count == 5  # 7, minus the broken one and the ended one
        assert told.any("profile.toml")
