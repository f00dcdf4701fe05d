"""The README's theme and settings examples stay valid."""

import dataclasses
import re
from pathlib import Path

from sponsordesk.tui.keymap import binding_ids
from sponsordesk.model.settings import Settings
from sponsordesk.store.settings import load_settings
from sponsordesk.store.themes import parse_theme
from sponsordesk.tui.theming import textual_colour_check

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()
SECTION = README.split("## Themes, settings and keys", 1)[1].split("\n## ", 1)[0]
BLOCKS = re.findall(r"```toml\n(.*?)```", SECTION, re.DOTALL)


def test_theme_example_is_a_valid_theme():
    theme, problems = parse_theme("README", BLOCKS[0].encode(), textual_colour_check)
    assert problems == [] and theme.name == "ocean"


def test_settings_example_shows_every_default_and_uses_real_binding_ids(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text(BLOCKS[1])
    settings, problems = load_settings(path)
    assert problems == []
    assert dataclasses.replace(settings, keymap={}) == Settings()
    import sponsordesk.tui.app  # noqa: F401 - registers the app's bindings

    assert set(settings.keymap) <= set(binding_ids())
