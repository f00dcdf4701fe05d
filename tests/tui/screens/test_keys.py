"""Keys remapped in settings.toml work, and a bad entry is reported with its line."""

from sponsordesk.tui.widgets.plain_table import PlainTable

from sponsordesk.tui.app import SponsorDeskApp
from sponsordesk.tui.keymap import binding_ids, key_problem

from tests.conftest import TODAY
from tests.tui.footer import offered_keys
from tests.tui.screens.helpers import static_text
from tests.tui.notices import listen
from tests.tui.settle import opened, settled


def write_settings(config_dir, text: str) -> None:
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "settings.toml").write_text(text)


def name_cells(app) -> list[str]:
    table = app.screen.query_one(PlainTable)
    return [str(table.get_cell(key, "name")).strip() for key in table.rows]


async def test_remapped_privacy_key_works_and_the_old_one_does_not(demo_dir, config_dir):
    write_settings(config_dir, '# mine\n[keymap]\n"app.privacy" = "ctrl+b"\n')
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (120, 40)) as pilot:
        await pilot.press("f4")
        assert not app.desk.hidden
        await pilot.press("ctrl+b")
        assert app.desk.hidden and "D.O." in name_cells(app) and "Dana O." not in name_cells(app)
        await pilot.press("f1")
        await settled(pilot)
        help_text = static_text(app.screen.query_one("#help-app-keys"))
        assert "^b" in help_text and "(yours)" in help_text


async def test_bad_keymap_entries_are_reported_with_line(demo_dir, config_dir):
    write_settings(config_dir, '[keymap]\n"app.privcy" = "ctrl+b"\n"app.help" = "cntrl+h"\n')
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    told = listen(app)
    async with opened(app, (120, 40)) as pilot:
        await settled(pilot)
        notes = told.titled("Some keys in settings.toml were not used")
        assert len(notes) == 1
        assert "settings.toml, line 2: no key has the id 'app.privcy'. Did you mean 'app.privacy'?" in notes[0]
        assert "line 3, 'app.help': 'cntrl' in 'cntrl+h' is not a modifier" in notes[0]
        await pilot.press("f1")  # the bad remap is left out, so the default key still works
        await settled(pilot)
        assert type(app.screen).__name__ == "HelpScreen"


def test_every_binding_has_an_id_and_a_description():
    from sponsordesk.tui.app import SponsorDeskApp  # noqa: F401 - its bindings count too

    ids = binding_ids()
    assert {"app.quit", "app.help", "app.privacy", "app.palette", "help.close", "roster.demo"} <= set(ids)
    for binding_id, binding in ids.items():
        assert binding.description, binding_id


def test_key_names_are_checked():
    assert key_problem("ctrl+l") is None and key_problem("f5") is None and key_problem("?") is None
    assert key_problem("question_mark") is None
    assert "not a key name" in key_problem("f44")


async def test_two_ids_on_one_key_are_reported_once(demo_dir, config_dir):
    write_settings(config_dir, '[keymap]\n"app.privacy" = "ctrl+b"\n"app.help" = "ctrl+b"\n')
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    told = listen(app)
    async with opened(app, (120, 40)) as pilot:
        await pilot.press("ctrl+b", "escape", "ctrl+b")
        await settled(pilot)
        clashes = told.titled("Two keys clash")
        assert clashes == ["app.help and app.privacy now have the same key. Change one under [keymap] in settings.toml."]


async def test_moving_two_keys_that_each_show_two_labels_is_no_clash(data_dir, config_dir):
    # the roster's add and demo data each have a second binding for the welcome screen's footer, with the
    # same id; moving both at once was reported as "roster.add and roster.demo now have the same key"
    write_settings(config_dir, '[keymap]\n"roster.add" = "n"\n"roster.demo" = "m"\n')
    app = SponsorDeskApp(data_dir=data_dir, config_dir=config_dir, today=TODAY)
    told = listen(app)
    async with opened(app, (120, 40)) as pilot:
        assert [key.key for key in offered_keys(app.screen).values()][:2] == ["n", "m"], "the welcome's keys moved"
        await pilot.press("a", "d")  # the keys they had do nothing now
        await settled(pilot)
        assert app.screen.query_one("#welcome").display
        await pilot.press("m")
        await settled(pilot)
        assert not told.titled("Two keys clash") and not told.titled("Some keys in settings.toml were not used")
        assert app.screen.query_one("#main").display, "m wrote the demo data"


async def test_an_app_key_moved_onto_a_screens_key_is_reported_at_start(demo_dir, config_dir):
    # found by a review: F4's privacy key is tried before every screen's keys, so moved onto "e" the roster's
    # edit never fired, and nothing said so
    write_settings(config_dir, '[keymap]\n"app.privacy" = "e"\n')
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    told = listen(app)
    async with opened(app, (120, 40)):
        said = "\n".join(told.titled("Some keys in settings.toml were not used"))
        assert "app.privacy and roster.edit have the same key (e)" in said
        assert "another key under [keymap]." in said, "the section's name shown, not read as markup"


def test_keys_the_app_and_a_screen_would_share_are_found_both_ways():
    from sponsordesk.tui.keymap import keymap_clashes

    assert (["app.privacy", "roster.edit"], "f4") in keymap_clashes({"roster.edit": "f4"})  # the app's wins
    assert (["roster.edit", "app.reload"], "e") in keymap_clashes({"app.reload": "e"})  # the screen's wins
    assert keymap_clashes({"roster.add": "n", "roster.demo": "m"}) == []
    # the focused table's keys are tried before the screen's: "k" for up would take the log's kind filter
    assert (["table.up", "log.kind"], "k") in keymap_clashes({"table.up": "k"})
    assert (["table.down", "roster.sort"], "down") in keymap_clashes({"roster.sort": "down"})
    assert (["board.open", "board.dates"], "enter") in keymap_clashes({"board.dates": "enter"})
    assert keymap_clashes({"table.down": "down,j", "table.up": "up,k"}) == [(["table.up", "log.kind"], "k")]
    # enter on a table runs the screen's row action: the same key on that action's own binding does the same
    for keymap in ({"roster.board": "b,enter,space"}, {"log.open": "enter,space"}, {"suggestions.note": "enter,N"},
                   {"table.select": "enter"}):
        assert keymap_clashes(keymap) == [], keymap
    assert (["table.select", "log.open", "log.edit"], "enter") in keymap_clashes({"log.edit": "enter"}), "not to edit"
