"""The app's start: its stylesheets are read once, in the theme from settings.toml."""

from textual.color import Color
from textual.css import stylesheet

from sponsordesk.tui.app import SponsorDeskApp

from tests.conftest import TODAY
from tests.tui.settle import opened, settled


def _parses(monkeypatch) -> list[str]:
    """The stylesheets Textual parses (not taken from its cache) from now on, by file or class."""
    seen: list[str] = []
    real = stylesheet.parse

    def recording(scope, css, read_from, *args, **kwargs):
        path, where = read_from
        seen.append(f"{'sponsordesk/' if '/sponsordesk/' in path else ''}{path.rsplit('/', 1)[-1]}:{where}")
        return real(scope, css, read_from, *args, **kwargs)

    monkeypatch.setattr(stylesheet, "parse", recording)
    return seen


async def test_the_stylesheets_are_parsed_once_at_start_in_the_theme_from_settings(demo_dir, config_dir,
                                                                                     monkeypatch, parsed_per_app):
    # The theme set as the app is made queues Textual's refresh, which parsed every stylesheet into a
    # Stylesheet it then dropped; the first screen parsed them all again (about 20 ms of every start).
    (config_dir / "settings.toml").parent.mkdir(parents=True, exist_ok=True)
    (config_dir / "settings.toml").write_text('theme = "sponsordesk-light"\n')
    seen = _parses(monkeypatch)
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (120, 30)) as pilot:
        assert app.theme == "sponsordesk-light"
        ours = [name for name in seen if name.startswith("sponsordesk/")]
        assert "sponsordesk/app.tcss:" in ours and "sponsordesk/roster.tcss:" in ours, seen
        twice = sorted({name for name in ours + seen if name in ours and seen.count(name) > 1})
        assert not twice, f"parsed more than once at start: {twice}"
        assert seen.count("app.py:App.DEFAULT_CSS") == 1, seen
        # parsed with the theme's colours, not Textual's default theme's
        assert app.screen.styles.background == Color.parse(app.current_theme.background)

        # a theme chosen later is parsed and applied as Textual does it
        app.choose_theme("sponsordesk-dark")
        await settled(pilot)
        assert app.screen.styles.background == Color.parse(app.get_theme("sponsordesk-dark").background)
        assert seen.count("sponsordesk/app.tcss:") == 2
