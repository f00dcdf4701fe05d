"""The privacy key hides every name and note on screen, and the footer says so."""

from textual.widgets import DataTable

from sponsordesk.app import SponsorDeskApp
from sponsordesk.desk import HIDDEN_NOTE

from tests.conftest import TODAY


def names(app) -> list[str]:
    table = app.screen.query_one(DataTable)
    return [str(table.get_cell(key, "name")).strip() for key in table.rows]


def footer_labels(app) -> list[str]:
    return [active.binding.description for active in app.screen.active_bindings.values()
            if active.binding.id == "app.privacy"]


async def test_privacy_key_hides_names_on_the_roster_until_pressed_again(demo_dir, config_dir):
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        assert "Dana O." in names(app) and footer_labels(app) == ["Hide names"]
        await pilot.press("f4")
        assert "D.O." in names(app) and not any("Dana" in n for n in names(app))
        assert footer_labels(app) == ["Names hidden"]
        assert app.desk.note("Talked about work") == HIDDEN_NOTE
        await pilot.press("f4")
        assert "Dana O." in names(app) and footer_labels(app) == ["Hide names"]


async def test_privacy_key_works_in_a_modal_too(demo_dir, config_dir):
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f1")
        await pilot.press("f4")
        assert app.desk.hidden
        await pilot.press("escape")
        assert "D.O." in names(app)


async def test_names_can_be_hidden_from_the_start(demo_dir, config_dir):
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "settings.toml").write_text("hide_names = true\n")
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with app.run_test(size=(120, 40)):
        assert "D.O." in names(app) and footer_labels(app) == ["Names hidden"]
