"""The roster with demo data in every shipped theme, at 120x40."""

import pytest

from sponsordesk.tui.app import SponsorDeskApp
from sponsordesk.store.themes import load_themes

from tests.conftest import TODAY
from tests.tui.settle import then

SHIPPED = sorted(load_themes(None).themes)


@pytest.mark.parametrize("theme", SHIPPED)
def test_roster_in_each_theme(snap_compare, demo_dir, config_dir, theme):
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "settings.toml").write_text(f'theme = "{theme}"\n')
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    assert snap_compare(app, terminal_size=(120, 40), run_before=then())
