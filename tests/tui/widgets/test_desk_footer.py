"""The footer: one line of the screen's keys, drawn again only when what it shows changes; a click presses a
key, a greyed key rings the bell, a key's tooltip shows under the mouse."""

from sponsordesk.tui.app import SponsorDeskApp
from sponsordesk.tui.widgets.desk_footer import DeskFooter

from tests.conftest import TODAY
from tests.tui.footer import footer_keys
from tests.tui.settle import opened, refreshed, settled, until


def line(app) -> str:
    return app.screen.query_one(DeskFooter).render_line(0).text


async def test_refreshed_bindings_that_show_the_same_keys_leave_the_footer_as_drawn(demo_dir, config_dir,
                                                                                     monkeypatch):
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (120, 30)) as pilot:
        await until(pilot, lambda: "Help" in footer_keys(app.screen), "the footer")
        before = footer_keys(app.screen)
        refreshes: list[DeskFooter] = []
        refresh = DeskFooter.refresh
        monkeypatch.setattr(DeskFooter, "refresh", lambda footer, *a, **k: (refreshes.append(footer),
                                                                             refresh(footer, *a, **k))[1])
        for _ in range(3):
            app.refresh_bindings()
            await settled(pilot)
            await refreshed(pilot)
        assert not refreshes, "nothing it shows changed: not drawn again"
        assert footer_keys(app.screen) == before


async def test_a_changed_label_is_drawn(demo_dir, config_dir):
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (120, 30)) as pilot:
        await until(pilot, lambda: "Hide names" in footer_keys(app.screen), "the footer")
        await pilot.press("f4")
        await until(pilot, lambda: "Names hidden" in footer_keys(app.screen), "the privacy key's new label")
        assert "Hide names" not in footer_keys(app.screen) and "Names hidden" in line(app)
        await pilot.press("f4")
        await until(pilot, lambda: "Hide names" in footer_keys(app.screen), "the label back again")


async def test_a_narrower_terminal_drops_the_palette_key_and_a_wider_one_brings_it_back(demo_dir, config_dir):
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (160, 40)) as pilot:
        await until(pilot, lambda: "Commands" in footer_keys(app.screen), "the palette key")
        palette = footer_keys(app.screen)["Commands"]
        assert palette.end == 160 and line(app).endswith("▏^p Commands "), "at the right end, after a thin line"
        assert line(app).startswith(" l Quick log  b Steps "), "wide: a space either side of each key"
        await pilot.resize_terminal(80, 24)
        await until(pilot, lambda: "Commands" not in footer_keys(app.screen) and "Help" in footer_keys(app.screen),
                    "the compact footer")
        assert line(app).startswith("l Quick log b Steps "), "compact: keys one space apart"
        await pilot.resize_terminal(160, 40)
        await until(pilot, lambda: "Commands" in footer_keys(app.screen), "the palette key again")


async def test_the_boards_status_keys_share_one_label(demo_dir, config_dir):
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (120, 30)) as pilot:
        await pilot.press("b")
        await until(pilot, lambda: "Dates" in footer_keys(app.screen), "the board's footer")
        assert " ][ Status  d Dates " in line(app)
        grouped = [key for key in app.screen.query_one(DeskFooter).keys if not key.description]
        assert [key.display for key in grouped] == ["]", "["]
        assert [key.tooltip for key in grouped] == ["Status →", "Status ←"], "each says what it does on hover"


async def test_a_click_on_a_key_presses_it(demo_dir, config_dir):
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (120, 30)) as pilot:
        await until(pilot, lambda: "Help" in footer_keys(app.screen), "the footer")
        contacts = footer_keys(app.screen)["Contacts"]
        await pilot.click(DeskFooter, offset=(contacts.start + 1, 0))
        await settled(pilot)
        assert type(app.screen).__name__ == "LogScreen", "the click opened the log, as c does"


async def test_a_click_between_keys_does_nothing(demo_dir, config_dir):
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (160, 40)) as pilot:
        await until(pilot, lambda: "Commands" in footer_keys(app.screen), "the footer")
        keys = app.screen.query_one(DeskFooter).keys
        gap = next(x for x in range(160) if not any(key.start <= x < key.end for key in keys))
        screen = app.screen
        await pilot.click(DeskFooter, offset=(gap, 0))
        await settled(pilot)
        assert app.screen is screen


async def test_a_greyed_key_rings_the_bell_and_does_nothing(demo_dir, config_dir, monkeypatch):
    from tests.tui.test_workers import while_opening

    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    rang: list[bool] = []
    monkeypatch.setattr(app, "bell", lambda: rang.append(True))
    async with while_opening(app, (120, 30), monkeypatch) as (pilot, gate):
        await until(pilot, lambda: "Steps" in footer_keys(app.screen), "the roster's keys in the footer")
        steps = footer_keys(app.screen)["Steps"]
        assert not steps.enabled
        screen = app.screen
        await pilot.click(DeskFooter, offset=(steps.start + 1, 0))
        await until(pilot, lambda: rang, "the bell")  # not settled(): the reading waits at the gate
        assert app.screen is screen
        gate.open()
        await until(pilot, lambda: footer_keys(app.screen)["Steps"].enabled, "the keys to light up")


async def test_the_key_under_the_mouse_shows_its_tooltip_and_is_lit(demo_dir, config_dir):
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (160, 40)) as pilot:
        await until(pilot, lambda: "Commands" in footer_keys(app.screen), "the footer")
        footer = app.screen.query_one(DeskFooter)
        palette = footer_keys(app.screen)["Commands"]
        plain = footer.render_line(0)
        await pilot.hover(DeskFooter, offset=(palette.start + 2, 0))
        await settled(pilot)
        assert footer.tooltip == palette.tooltip == "Commands"
        lit = footer.render_line(0)
        assert lit.text == plain.text and list(lit) != list(plain), "the same words, another look"
        await pilot.hover(DeskFooter, offset=(1, 0))
        await settled(pilot)
        assert footer.tooltip != palette.tooltip


async def test_while_the_notebook_opens_the_rosters_keys_wait_greyed_and_light_up_in_place(demo_dir, config_dir,
                                                                                          monkeypatch):
    from tests.tui.test_workers import while_opening

    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with while_opening(app, (120, 30), monkeypatch) as (pilot, gate):
        await until(pilot, lambda: "Steps" in footer_keys(app.screen), "the roster's keys in the footer")
        waiting = footer_keys(app.screen)
        for label in ("Steps", "Contacts", "Card", "Quick log", "Snooze"):
            assert not waiting[label].enabled, f"{label} waits while the notebook opens"
        assert waiting["Steps"].key == "b", "the key the footer shows once the table has focus (enter is its)"
        text = line(app)
        gate.open()
        await until(pilot, lambda: footer_keys(app.screen)["Steps"].enabled, "the keys to light up")
        await settled(pilot)
        lit = footer_keys(app.screen)
        assert all(key.enabled for key in lit.values())
        assert {label: (key.start, key.end) for label, key in lit.items()} == \
            {label: (key.start, key.end) for label, key in waiting.items()}, "each key where it was"
        assert line(app) == text
