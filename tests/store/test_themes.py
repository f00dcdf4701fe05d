"""Theme files: the shipped ones are complete, a broken one is named by file and line."""

from pathlib import Path

from sponsordesk.store.themes import APP_COLOURS, DEFAULT_THEME, load_themes, parse_theme, shipped_themes_folder


def test_shipped_themes_are_valid_and_set_every_app_colour():
    found = load_themes(None)
    assert found.problems == []
    assert {DEFAULT_THEME, "sponsordesk-light", "sponsordesk-high-contrast"} <= set(found.themes)
    assert len(found.themes) >= 4
    for name, theme in found.themes.items():
        assert found.files[name] == f"{name}.toml"  # one file per theme, named after it
        assert all(getattr(theme.sponsordesk, colour) for colour in APP_COLOURS), name
        assert theme.app_variables()["sd-due"].startswith("#")
    assert not found.themes["sponsordesk-light"].dark


def test_shipped_folder_is_the_top_level_themes_folder_in_a_checkout():
    assert Path(str(shipped_themes_folder())).name == "themes"


def test_bad_colour_and_typo_are_reported_with_line_and_field():
    source = b'name = "mine"\n\n[colors]\nprimary = "#12345"\nbackgrund = "#000000"\n'
    theme, problems = parse_theme("mine.toml", source)
    assert theme is None
    described = sorted(p.describe() for p in problems)
    assert described == [
        "mine.toml, line 4, field 'colors.primary': '#12345' is not a colour; write it like \"#1b1e24\"",
        "mine.toml, line 5, field 'colors.backgrund': not a known key; check the spelling against the README",
    ]


def test_syntax_error_names_the_line():
    theme, problems = parse_theme("mine.toml", b'name = "mine"\n[colors\n')
    assert theme is None and problems[0].line == 2 and "not valid TOML" in problems[0].message


def test_user_theme_loads_and_can_replace_a_shipped_one(tmp_path):
    (tmp_path / "ocean.toml").write_text('name = "ocean"\n[colors]\nprimary = "#0077be"\n'
                                         '[sponsordesk]\ndue = "#ffcc00"\n[variables]\nfooter-key-foreground = "#0077be 50%"\n')
    (tmp_path / "dark.toml").write_text(f'name = "{DEFAULT_THEME}"\ndark = true\n[colors]\nprimary = "#ff0000"\n')
    found = load_themes(tmp_path)
    assert found.problems == []
    assert found.themes["ocean"].app_variables() == {"sd-due": "#ffcc00", "footer-key-foreground": "#0077be 50%"}
    assert found.themes[DEFAULT_THEME].colors.primary == "#ff0000"


def test_a_variable_must_be_a_colour_or_a_text_style():
    source = b'name = "x"\n[colors]\nprimary = "#fff"\n[variables]\nblock-cursor-text-style = "bold"\nfoo = "very red"\n'
    _, problems = parse_theme("x.toml", source)
    assert [(p.line, p.field) for p in problems] == [(6, "variables.foo")]
