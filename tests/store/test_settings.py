"""settings.toml: every bad value named with its line; changing the theme keeps the user's comments."""

import dataclasses

import pytest

from sponsordesk.model.settings import CadenceDefaults, Settings
from sponsordesk.store import StoreError
from sponsordesk.store.settings import line_of_key, load_settings, set_setting


def test_each_bad_value_is_reported_and_the_rest_is_kept(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text('theme = "sponsordesk-light"\nthemee = "x"\nhide_names = "yes"\n'
                    '[cadence]\nunder_90_days = 0\notherwise = 5\n')
    settings, problems = load_settings(path)
    assert settings.theme == "sponsordesk-light"
    assert settings.cadence.otherwise == 5  # a typo next to it does not lose it
    assert settings.cadence.under_90_days == 1 and settings.hide_names is False
    found = {(p.field, p.line) for p in problems}
    assert found == {("themee", 2), ("hide_names", 3), ("cadence.under_90_days", 5)}
    assert all("settings.toml, line" in p.describe() for p in problems)
    typo = next(p for p in problems if p.field == "themee")
    assert "no such setting" in typo.message


def _field_docstrings(model: type) -> dict[str, str]:
    """Each field's docstring, read from the source (the app no longer asks pydantic to, to start faster)."""
    import ast
    import inspect
    import textwrap

    body = ast.parse(textwrap.dedent(inspect.getsource(model))).body[0].body
    found = {}
    for statement, following in zip(body, body[1:]):
        if (isinstance(statement, ast.AnnAssign) and isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant) and isinstance(following.value.value, str)):
            found[statement.target.id] = following.value.value
    return found


def test_every_setting_is_documented():
    for model in (Settings, CadenceDefaults):
        documented = _field_docstrings(model)
        for name in (f.name for f in dataclasses.fields(model)):
            assert documented.get(name, "").strip(), f"{model.__name__}.{name} has no docstring"


def test_set_setting_keeps_comments_and_tables(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text('# my settings\ntheme = "sponsordesk-dark"  # was dark\n\n[keymap]\n"app.help" = "f2"\n')
    set_setting(path, "theme", "sponsordesk-light")
    assert path.read_text() == '# my settings\ntheme = "sponsordesk-light"\n\n[keymap]\n"app.help" = "f2"\n'
    path.write_text('# my settings\n\n[keymap]\n"app.help" = "f2"\n')
    set_setting(path, "theme", "sponsordesk-dusk")
    settings, problems = load_settings(path)
    assert problems == [] and settings.theme == "sponsordesk-dusk" and settings.keymap == {"app.help": "f2"}
    assert path.read_text().startswith("# my settings\n")


def test_set_setting_creates_the_file_and_refuses_a_broken_one(tmp_path):
    path = tmp_path / "config" / "settings.toml"
    set_setting(path, "theme", "sponsordesk-light")
    assert load_settings(path)[0].theme == "sponsordesk-light"
    path.write_text("theme = \n")
    with pytest.raises(StoreError, match="line 1"):
        set_setting(path, "theme", "sponsordesk-dark")
    assert path.read_text() == "theme = \n"  # never overwritten


def test_line_of_key_finds_quoted_keys(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text('theme = "x"\n[keymap]\n"app.help" = "f2"\n')
    assert line_of_key(path, "app.help") == 3 and line_of_key(path, "theme") == 1


def test_bad_keymap_value_names_its_line(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text('[keymap]\n"app.help" = "f2"\n"app.privacy" = 4\n')
    settings, problems = load_settings(path)
    assert settings.keymap == {"app.help": "f2"}
    assert [(p.field, p.line) for p in problems] == [("keymap.app.privacy", 3)]


def test_a_settings_file_kept_in_a_dotfiles_folder_is_read_and_saved_through_its_link(tmp_path):
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    (dotfiles / "settings.toml").write_text("# mine\nmilestone_lookahead_days = 30\n")
    link = tmp_path / "config" / "settings.toml"
    link.parent.mkdir()
    link.symlink_to(dotfiles / "settings.toml")
    settings, problems = load_settings(link)
    assert settings.milestone_lookahead_days == 30 and problems == []
    set_setting(link, "theme", "nord")
    assert link.is_symlink(), "the link stays as the user made it"
    assert (dotfiles / "settings.toml").read_text() == '# mine\nmilestone_lookahead_days = 30\ntheme = "nord"\n'


@pytest.mark.parametrize("odd", ["folder", "fifo"])
def test_something_else_by_the_settings_name_is_reported_and_the_defaults_used(tmp_path, odd):
    import os

    path = tmp_path / "settings.toml"
    path.mkdir() if odd == "folder" else os.mkfifo(path)  # a FIFO read would wait for ever
    settings, problems = load_settings(path)
    assert settings == Settings() and len(problems) == 1 and "could not be read" in problems[0].message


def test_a_program_file_that_is_not_a_file_is_reported_and_never_waited_on(tmp_path):
    import os

    from sponsordesk.store.programs import load_programs

    folder = tmp_path / "programs"
    folder.mkdir()
    os.mkfifo(folder / "na.toml")
    (folder / "aa.toml").mkdir()
    programs, problems = load_programs(folder)
    assert "na" in programs and "aa" in programs, "the shipped ones stay"
    assert sorted(p.path.name for p in problems) == ["aa.toml", "na.toml"]
