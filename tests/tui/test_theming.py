"""The theme in settings.toml is the app's from the first frame, painted exactly as when it is set later."""

from __future__ import annotations

import pytest

from sponsordesk.tui import theming
from sponsordesk.tui.app import SponsorDeskApp

from tests.conftest import TODAY
from tests.tui.settle import opened, settled


@pytest.fixture
def reparsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The theme each time Textual re-reads every stylesheet (``refresh_css``, what setting a theme queues)."""
    seen: list[str] = []
    original = SponsorDeskApp.refresh_css

    def counted(self, animate: bool = True) -> None:
        seen.append(self.theme)
        original(self, animate)

    monkeypatch.setattr(SponsorDeskApp, "refresh_css", counted)
    return seen


@pytest.mark.parametrize("name", ["sponsordesk-dark", "sponsordesk-high-contrast"])
async def test_a_dark_theme_is_set_before_the_first_parse_and_paints_as_one_set_the_usual_way(
        demo_dir, config_dir, monkeypatch, reparsed, name):
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "settings.toml").write_text(f'theme = "{name}"\n')
    screens = []
    for usual_way in (False, True):
        if usual_way:  # what first_theme stands in for: Textual's theme watcher
            monkeypatch.setattr(theming, "first_theme", lambda app, theme: setattr(app, "theme", theme))
        reparsed.clear()
        app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY, cursor_blink=False)
        async with opened(app, (100, 30)) as pilot:
            await settled(pilot)
            assert app.theme == name
            assert {f"-theme-{name}", "-dark-mode"} <= app.classes
            assert "-light-mode" not in app.classes and "-theme-textual-dark" not in app.classes
            assert reparsed == ([name] if usual_way else []), "every stylesheet was parsed again for the theme"
            screens.append(app.export_screenshot())
    assert screens[0] == screens[1], "the theme set before the first frame paints other colours"


async def test_a_light_theme_is_set_the_usual_way_so_ansi_colours_follow_it(demo_dir, config_dir, reparsed):
    # Textual maps ANSI colours to the theme's by whether it is dark: a light one goes through its watcher
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "settings.toml").write_text('theme = "sponsordesk-light"\n')
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY, cursor_blink=False)
    async with opened(app, (100, 30)) as pilot:
        await settled(pilot)
        assert app.theme == "sponsordesk-light"
        assert {"-theme-sponsordesk-light", "-light-mode"} <= app.classes
        assert "-dark-mode" not in app.classes and "-theme-textual-dark" not in app.classes
        assert reparsed == ["sponsordesk-light"]
        assert app.get_css_variables()["sd-due"] == "#8a6100"  # the light theme's own colour
