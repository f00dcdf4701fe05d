"""The footer is rebuilt when the keys it shows change, and only then."""

from sponsordesk.tui.app import SponsorDeskApp

from tests.conftest import TODAY
from tests.tui.settle import opened, refreshed, settled, until


def footer_keys(app) -> dict:
    """The footer's keys by label (queried by type name: Textual does not export the class)."""
    return {key.description: key for key in app.screen.query("FooterKey")}


async def test_refreshed_bindings_that_show_the_same_keys_keep_the_footer_as_it_is(demo_dir, config_dir):
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (120, 30)) as pilot:
        await until(pilot, lambda: "Help" in footer_keys(app), "the footer")
        before = footer_keys(app)
        for _ in range(3):
            app.refresh_bindings()
            await settled(pilot)
            await refreshed(pilot)
        after = footer_keys(app)
        assert after == before, "the same key widgets: nothing was rebuilt"


async def test_a_changed_label_rebuilds_the_footer(demo_dir, config_dir):
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (120, 30)) as pilot:
        await until(pilot, lambda: "Hide names" in footer_keys(app), "the footer")
        await pilot.press("f4")
        await until(pilot, lambda: "Names hidden" in footer_keys(app), "the privacy key's new label")
        assert "Hide names" not in footer_keys(app)
        await pilot.press("f4")
        await until(pilot, lambda: "Hide names" in footer_keys(app), "the label back again")


async def test_a_narrower_terminal_drops_the_palette_key_and_a_wider_one_brings_it_back(demo_dir, config_dir):
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (160, 40)) as pilot:
        await until(pilot, lambda: "Commands" in footer_keys(app), "the palette key")
        await pilot.resize_terminal(80, 24)
        await until(pilot, lambda: "Commands" not in footer_keys(app) and "Help" in footer_keys(app),
                    "the compact footer")
        await pilot.resize_terminal(160, 40)
        await until(pilot, lambda: "Commands" in footer_keys(app), "the palette key again")


async def test_while_the_notebook_opens_the_rosters_keys_wait_greyed_and_light_up_in_place(demo_dir, config_dir,
                                                                                          monkeypatch):
    from tests.tui.test_workers import while_opening

    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with while_opening(app, (120, 30), monkeypatch) as (pilot, gate):
        await until(pilot, lambda: "Steps" in footer_keys(app), "the roster's keys in the footer")
        waiting = footer_keys(app)
        for label in ("Steps", "Contacts", "Card", "Quick log", "Snooze"):
            assert waiting[label].has_class("-disabled"), f"{label} waits while the notebook opens"
        assert waiting["Steps"].key == "b", "the key the footer shows once the table has focus (enter is its)"
        gate.open()
        await until(pilot, lambda: not footer_keys(app)["Steps"].has_class("-disabled"), "the keys to light up")
        await settled(pilot)
        assert footer_keys(app) == waiting, "the same key widgets: the footer was not rebuilt"
        assert not any(key.has_class("-disabled") for key in footer_keys(app).values())
