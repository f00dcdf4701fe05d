from sponsordesk.tui.widgets.plain_table import PlainTable

from sponsordesk.tui.app import SponsorDeskApp

from tests.conftest import TODAY
from tests.tui.footer import offered_keys
from tests.tui.notices import listen
from tests.tui.settle import opened, settled


async def test_empty_folder_shows_welcome_and_demo_key_fills_roster(data_dir, config_dir):
    app = SponsorDeskApp(data_dir=data_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (80, 24)) as pilot:
        assert app.screen.query_one("#welcome").display
        await pilot.press("d")
        await settled(pilot)
        table = app.screen.query_one(PlainTable)
        assert table.display and table.row_count == 6  # the ended sponsorship shows with E


def footer_labels(app) -> list[str]:
    return list(offered_keys(app.screen))


async def test_the_welcome_screens_footer_offers_its_two_keys_and_the_roster_gets_its_own_back(data_dir, config_dir):
    from sponsordesk.tui.dialogs.sponsee_form import SponseeFormScreen

    app = SponsorDeskApp(data_dir=data_dir, config_dir=config_dir, today=TODAY)
    told = listen(app)
    async with opened(app, (120, 30)) as pilot:
        labels = footer_labels(app)
        assert labels[:2] == ["Add a sponsee", "Demo data"]
        assert not {"Quick log", "Steps", "Contacts", "Card", "Snooze"} & set(labels), "nobody to act on yet"
        await pilot.press("l", "s", "i")
        await settled(pilot)
        assert not told.items and app.screen.query_one("#welcome").display
        await pilot.press("a")
        await settled(pilot)
        assert isinstance(app.screen, SponseeFormScreen)
        app.screen.dismiss()
        await settled(pilot)
        await pilot.press("d")
        await settled(pilot)
        labels = footer_labels(app)
        assert {"Quick log", "Steps", "Contacts", "Card", "Snooze"} <= set(labels)
        assert "Add a sponsee" not in labels and "Demo data" not in labels
        told.items.clear()
        await pilot.press("d")  # the roster's d: demo data only goes into an empty folder
        await settled(pilot)
        assert told.any("Demo data goes into an empty folder")


async def test_broken_file_is_reported_and_rest_loads(demo_dir, config_dir):
    (demo_dir / "sponsees" / "marcus-b" / "profile.toml").write_text("name = \n")
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    told = listen(app)
    async with opened(app, (80, 24)) as pilot:
        await settled(pilot)
        assert app.screen.query_one(PlainTable).row_count == 5  # 7, minus the broken one and the ended one
        assert told.any("profile.toml")


async def test_a_notebook_whose_every_profile_fails_to_load_is_not_taken_for_a_new_one(demo_dir, config_dir):
    for profile in (demo_dir / "sponsees").glob("*/profile.toml"):
        profile.write_text("name = \n")  # every one broken in an editor
    before = sorted(p.name for p in (demo_dir / "sponsees").iterdir())
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    told = listen(app)
    async with opened(app, (120, 30)) as pilot:
        assert not app.screen.query_one("#welcome").display, "no 'add your first sponsee' over broken files"
        assert app.screen.query_one("#main").display and told.titled("Some files did not load")
        assert "Demo data" not in footer_labels(app)
        from sponsordesk.tui.widgets.today_panel import TodayPanel

        said = app.screen.query_one(TodayPanel).plain
        assert "✓" not in said and "7 files did not load" in said, "no all-clear while nobody could be read"
        await pilot.press("d")
        await settled(pilot)
        assert told.any("Demo data goes into an empty folder")
    assert sorted(p.name for p in (demo_dir / "sponsees").iterdir()) == before, "no demo sponsees beside them"


def test_the_desk_writes_demo_data_only_into_a_folder_with_no_sponsees_at_all(demo_dir, config_dir):
    import pytest

    from sponsordesk.desk import Desk
    from sponsordesk.desk.context import Context
    from sponsordesk.store import StoreError

    for profile in (demo_dir / "sponsees").glob("*/profile.toml"):
        profile.write_text("name = \n")
    desk = Desk.open(Context.build(data_dir=demo_dir, config_dir=config_dir, today=TODAY))
    try:
        assert not desk.records and not desk.empty
        with pytest.raises(StoreError, match="empty folder"):
            desk.write_demo()
    finally:
        desk.close()
