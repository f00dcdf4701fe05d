"""The footer: one line of the screen's keys, drawn again only when what it shows changes; a click presses a
key, a greyed key rings the bell, a key's tooltip shows under the mouse."""

from contextlib import asynccontextmanager

from rich.cells import cell_len
from textual import events

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


def cells(footer, start: int, end: int) -> list:
    """The styles of the footer's line from column ``start`` to ``end``, a cell at a time."""
    return [segment.style for segment in footer.render_line(0) for _ in range(cell_len(segment.text))][start:end]


async def test_the_key_under_the_mouse_is_lit_and_shows_its_tooltip(demo_dir, config_dir):
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (160, 40)) as pilot:
        await until(pilot, lambda: "Commands" in footer_keys(app.screen), "the footer")
        footer = app.screen.query_one(DeskFooter)
        keys = footer_keys(app.screen)
        steps, quit_, palette = keys["Steps"], keys["Quit"], keys["Commands"]
        before = {name: cells(footer, key.start, key.end) for name, key in keys.items()}
        await pilot.hover(DeskFooter, offset=(steps.start + 1, 0))
        await settled(pilot)
        lit = cells(footer, steps.start, steps.end)
        assert all(a.bgcolor != b.bgcolor for a, b in zip(lit, before["Steps"])), "every cell of the key is lit"
        assert cells(footer, quit_.start, quit_.end) == before["Quit"], "and no other"
        await pilot.hover(DeskFooter, offset=(palette.start + 2, 0))
        await settled(pilot)
        assert footer.tooltip == palette.tooltip == "Commands"
        assert cells(footer, steps.start, steps.end) == before["Steps"]
        assert all(a.bgcolor != b.bgcolor for a, b in zip(cells(footer, palette.start + 1, palette.end),
                                                         before["Commands"][1:])), "the palette's key, lit"
        await pilot.hover(DeskFooter, offset=(palette.start - 3, 0))  # a gap
        await settled(pilot)
        assert footer.tooltip is None
        assert {name: cells(footer, key.start, key.end) for name, key in keys.items()} == before


async def test_a_greyed_key_looks_greyed(demo_dir, config_dir, monkeypatch):
    from tests.tui.test_workers import while_opening

    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with while_opening(app, (120, 30), monkeypatch) as (pilot, gate):
        await until(pilot, lambda: "Steps" in footer_keys(app.screen), "the roster's keys in the footer")
        footer = app.screen.query_one(DeskFooter)
        steps, help_ = footer_keys(app.screen)["Steps"], footer_keys(app.screen)["Help"]
        assert all(style.dim for style in cells(footer, steps.start, steps.end)), "greyed while the notebook opens"
        assert not any(style.dim for style in cells(footer, help_.start, help_.end)), "help works meanwhile"
        gate.open()
        await until(pilot, lambda: footer_keys(app.screen)["Steps"].enabled, "the keys to light up")
        await settled(pilot)
        assert not any(style.dim for style in cells(footer, steps.start, steps.end))


async def wheel(pilot, event) -> None:
    """The mouse wheel turned ten notches over the footer (Pilot has no call for it: its own helper)."""
    await pilot._post_mouse_events([event], DeskFooter, offset=(40, 0), times=10)
    await settled(pilot)


LONG_KEYS = '[keymap]\n"app.help" = "ctrl+shift+f11"\n"app.privacy" = "ctrl+alt+shift+f12"\n' \
            '"roster.contacts" = "ctrl+shift+c"\n'


@asynccontextmanager
async def long_footer(demo_dir, config_dir):
    """The roster at 80 columns with keys from [keymap] too long for its footer's line."""
    (config_dir / "settings.toml").parent.mkdir(parents=True, exist_ok=True)
    (config_dir / "settings.toml").write_text(LONG_KEYS)
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (80, 24)) as pilot:
        await until(pilot, lambda: "Help" in footer_keys(app.screen), "the footer")
        yield pilot


async def test_a_line_longer_than_the_window_scrolls_with_the_wheel_and_a_cut_key_still_works(demo_dir, config_dir):
    async with long_footer(demo_dir, config_dir) as pilot:
        app = pilot.app
        footer = app.screen.query_one(DeskFooter)
        assert "Hide names" not in line(app) and line(app).rstrip().endswith("al"), "cut at the window's edge"
        privacy = footer_keys(app.screen)["Hide names"]
        assert privacy.end == 80 and privacy.start < 80, "the cut key is where it shows"
        await wheel(pilot, events.MouseScrollDown)
        assert line(app).rstrip().endswith("alt+shift+^f12 Hide names"), line(app)
        privacy = footer_keys(app.screen)["Hide names"]
        await pilot.click(DeskFooter, offset=(privacy.start + 1, 0))
        await until(pilot, lambda: app.desk.hidden, "the click on the scrolled-to key")
        await wheel(pilot, events.MouseScrollUp)
        assert line(app).startswith("l Quick log"), "back to the start"


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


ITEM_THEME = """schema_version = 1
name = "boxed"
dark = true
[colors]
primary = "#336699"
[variables]
footer-background = "#ff00ff"
footer-item-background = "#00ffff"
"""


async def test_a_theme_that_colours_the_keys_background_colours_each_key_and_the_palettes_edge(demo_dir, config_dir):
    (config_dir / "themes").mkdir(parents=True, exist_ok=True)
    (config_dir / "themes" / "boxed.toml").write_text(ITEM_THEME)
    (config_dir / "settings.toml").write_text('theme = "boxed"\n')
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (160, 40)) as pilot:
        await until(pilot, lambda: "Commands" in footer_keys(app.screen), "the footer")
        assert app.theme == "boxed"
        footer = app.screen.query_one(DeskFooter)
        keys = footer_keys(app.screen)
        every = cells(footer, 0, 160)
        for key in keys.values():
            assert {style.bgcolor.name for style in every[key.start:key.end]} == {"#00ffff"}, key.description
        assert every[keys["Hide names"].end].bgcolor.name == "#ff00ff", "the rest of the line the footer's own"


async def test_a_still_mouse_lights_the_key_that_scrolled_under_it_and_sideways_wheels_scroll(demo_dir, config_dir):
    async with long_footer(demo_dir, config_dir) as pilot:
        app = pilot.app
        footer = app.screen.query_one(DeskFooter)
        await pilot.hover(DeskFooter, offset=(40, 0))
        await settled(pilot)
        before = footer._key_at(40)
        await wheel(pilot, events.MouseScrollRight)
        after = footer._key_at(40)
        assert after != before, "the line moved under the mouse"
        lit = [i for i, style in enumerate(cells(footer, 0, 80)) if style.bgcolor != cells(footer, 79, 80)[0].bgcolor
               and style.bgcolor != cells(footer, 0, 1)[0].bgcolor]
        assert lit and all(after.start <= i < after.end for i in lit), "the key now under the mouse is the lit one"
        await wheel(pilot, events.MouseScrollLeft)
        assert line(app).startswith("l Quick log")
