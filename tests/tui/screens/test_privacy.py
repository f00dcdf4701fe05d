"""The privacy key hides every name and note on screen, and the footer says so."""

import pytest

from sponsordesk.tui.widgets.plain_table import PlainTable

from sponsordesk.tui.app import SponsorDeskApp
from sponsordesk.desk import HIDDEN_NOTE

from tests.conftest import TODAY
from tests.tui.settle import opened, settled


def names(app) -> list[str]:
    table = app.screen.query_one(PlainTable)
    return [str(table.get_cell(key, "name")).strip() for key in table.rows]


def footer_labels(app) -> list[str]:
    return [active.binding.description for active in app.screen.active_bindings.values()
            if active.binding.id == "app.privacy"]


async def test_privacy_key_hides_names_on_the_roster_until_pressed_again(demo_dir, config_dir):
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (120, 40)) as pilot:
        assert "Dana O." in names(app) and footer_labels(app) == ["Hide names"]
        await pilot.press("f4")
        assert "D.O." in names(app) and not any("Dana" in n for n in names(app))
        assert footer_labels(app) == ["Names hidden"]
        assert app.desk.note("Talked about work") == HIDDEN_NOTE
        await pilot.press("f4")
        assert "Dana O." in names(app) and footer_labels(app) == ["Hide names"]


async def test_privacy_key_works_in_a_modal_too(demo_dir, config_dir):
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (120, 40)) as pilot:
        await pilot.press("f1")
        await pilot.press("f4")
        assert app.desk.hidden
        await pilot.press("escape")
        assert "D.O." in names(app)


async def test_names_can_be_hidden_from_the_start(demo_dir, config_dir):
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "settings.toml").write_text("hide_names = true\n")
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (120, 40)):
        assert "D.O." in names(app) and footer_labels(app) == ["Names hidden"]


async def back_to_roster(pilot) -> None:
    """Close every dialog and screen above the roster."""
    app = pilot.app
    while len(app.screen_stack) > 1:  # the roster is the app's first screen
        app.screen.dismiss() if app.screen.is_modal else app.pop_screen()
        await settled(pilot)


def on_screen(app) -> str:
    """Everything the terminal shows (header, titles and footer too), as plain text.

    What ``App.export_screenshot`` renders, without making an SVG of it: the
    SVG cost about 40 ms at 120x40, and these tests read the screen hundreds
    of times."""
    import io

    from rich.console import Console

    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True, color_system=None,
                      record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


# Luis in the demo: his name, a step note, an assignment, a contact summary, a suggestion; on his card his
# phone, home group, notes and the notes of his sobriety dates
PRIVATE = ["Luis", "Romero", "Reading and writing", "Write answers", "Used the night before", "Call before you go",
           "555-0166", "Clean and Serene", "No blame", "Came back the morning", "friend's funeral"]
SCREENS = {
    "roster": [],
    "step board": ["b"],
    "step detail": ["b", "enter"],
    "contact log": ["c"],
    "log entry": ["c", "enter"],
    "contact form": ["L"],
    "sponsee form": ["e"],
    "quick log": ["l"],
    "snooze": ["s"],
    "card": ["i"],
    "sobriety history form": ["i", "h"],
}


@pytest.mark.slow
async def test_f4_hides_names_and_notes_on_every_screen_and_brings_them_back(demo_dir, config_dir):
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (120, 40)) as pilot:
        for where, keys in SCREENS.items():
            await pilot.press(*keys)
            await settled(pilot)
            assert "Luis" in on_screen(app), f"the {where} names Luis while names show"
            await pilot.press("f4")
            await settled(pilot)
            shown = on_screen(app)
            leaks = [word for word in PRIVATE if word in shown]
            assert not leaks, f"the {where} shows {leaks} while names are hidden"
            assert "L.R." in shown, f"the {where} lost track of who"
            await pilot.press("f4")
            await settled(pilot)
            assert "Luis" in on_screen(app), f"the {where} did not come back after F4"
            await back_to_roster(pilot)


async def test_a_form_under_f4_keeps_what_was_typed_and_its_focus(demo_dir, config_dir):
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (120, 40)) as pilot:
        await pilot.press("L")
        await settled(pilot)
        app.screen.query_one("#summary").focus()
        await pilot.press("o", "k")
        await pilot.press("f4")
        await settled(pilot)
        assert "this form is too" in on_screen(app) and "L.R." in on_screen(app)
        assert app.screen.focused is None, "typing blind must not land in a hidden field"
        await pilot.press("f4")
        await settled(pilot)
        assert app.screen.focused.id == "summary" and app.screen.query_one("#summary").text == "ok"


def typed(form) -> dict[str, str]:
    """What each of a form's fields holds, by id."""
    from textual.widgets import Input

    return {field.id: field.value if isinstance(field, Input) else field.text
            for field in form.query("Input, TextArea") if field.id}


OPENED_HIDDEN = {  # keys from the roster to a form with private fields, and its first field
    "new sponsee": (["a"], "name"),
    "profile": (["e"], "name"),
    "new contact": (["L"], "kind"),
    "contact from the log": (["c", "e"], "summary"),
    "sobriety dates": (["i", "h"], "date-0"),
    "quick log": (["l"], "kind"),
    "end sponsorship": (["x"], "ended"),
    "pause": (["p"], "until"),
    "suggestion resolved": (["u", "enter"], "status"),
    "new assignment": (["b", "n"], "text"),
}


@pytest.mark.slow
async def test_a_form_opened_under_f4_takes_no_keys_into_its_hidden_fields(demo_dir, config_dir):
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (120, 40)) as pilot:
        for where, (keys, first) in OPENED_HIDDEN.items():
            await pilot.press("f4")
            for key in keys:
                await pilot.press(key)
                await settled(pilot)
            form = app.screen
            before = typed(form)
            assert "this form is too" in on_screen(app), where
            assert form.focused is None, f"{where}: a field has the focus under the cover"
            await pilot.press("a", "b")
            await settled(pilot)
            assert typed(form) == before, f"{where}: keys typed blind went into a hidden field"
            await pilot.press("f4")
            await settled(pilot)
            assert form.focused is not None and form.focused.id == first, f"{where}: {form.focused}"
            await back_to_roster(pilot)


SECRET = "slipped at the wedding"
TYPED_IN = {  # keys to a dialog, and the field a sponsor would type private words into
    "quick log": (["l"], "#summary"),
    "end sponsorship": (["x"], "#reason"),
    "pause": (["p"], "#reason"),
    "suggestion resolved with a note": (["u", "enter"], "#note"),
    "new assignment": (["b", "n"], "#text"),
}


@pytest.mark.slow
async def test_f4_covers_what_was_typed_in_every_small_dialog_and_gives_it_back(demo_dir, config_dir):
    from textual.widgets import Input

    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (120, 40)) as pilot:
        for where, (keys, field) in TYPED_IN.items():
            await pilot.press(*keys)
            await settled(pilot)
            typed = app.screen.query_one(field, Input)
            typed.focus()
            typed.value = SECRET
            await pilot.press("f4")
            await settled(pilot)
            assert SECRET not in on_screen(app), f"the {where} dialog shows what was typed while names are hidden"
            assert "this form is too" in on_screen(app) and app.screen.focused is None
            await pilot.press("f4")
            await settled(pilot)
            assert SECRET in on_screen(app) and app.screen.focused is typed, f"the {where} dialog gave it back"
            await back_to_roster(pilot)


async def test_a_list_open_when_f4_is_pressed_is_closed_not_left_to_take_keys_unseen(demo_dir, config_dir):
    from textual.widgets import Select

    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (80, 24)) as pilot:
        await pilot.press("L")
        await settled(pilot)
        kind = app.screen.query_one("#kind", Select)
        kind.focus()
        await pilot.press("space")
        await settled(pilot)
        assert kind.expanded
        await pilot.press("f4", "f4")
        await settled(pilot)
        assert not kind.expanded and app.screen.focused is kind, "closed, and its field has the focus back"
        before = kind.value
        await pilot.press("down", "down")  # on a closed list these do not choose
        await settled(pilot)
        assert kind.value == before


async def _end_with_a_reason(pilot) -> None:
    await pilot.press("x")
    await settled(pilot)
    pilot.app.screen.query_one("#reason").value = "moved away"
    await pilot.press("ctrl+s")


QUESTIONS = {  # what opens a question naming Luis or quoting his notes
    "end sponsorship": _end_with_a_reason,
    "delete an assignment": ["b", "enter", "delete"],
}


async def test_f4_masks_a_question_already_open_and_the_messages_on_screen(demo_dir, config_dir):
    from sponsordesk.tui.dialogs.confirm import ConfirmScreen

    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (120, 40)) as pilot:
        for where, keys in QUESTIONS.items():
            await (keys(pilot) if callable(keys) else pilot.press(*keys))
            await settled(pilot)
            assert isinstance(app.screen, ConfirmScreen), where
            shown = on_screen(app)
            assert "Luis" in shown or "Write answers" in shown, f"the {where} question names him while names show"
            await pilot.press("f4")
            await settled(pilot)
            shown = on_screen(app)
            leaks = [word for word in PRIVATE if word in shown]
            assert not leaks, f"the {where} question shows {leaks} once F4 is pressed"
            await pilot.press("f4")
            await back_to_roster(pilot)
        await pilot.press("y")  # "Copied Luis R.'s phone number (555-0166)."
        await settled(pilot)
        assert "555-0166" in on_screen(app)
        await pilot.press("f4")
        await settled(pilot)
        shown = on_screen(app)
        assert not [word for word in PRIVATE if word in shown], "the message went with F4"


async def test_f4_hides_a_sponsees_folder_in_the_messages_about_their_files(demo_dir, config_dir):
    folder = next(p for p in (demo_dir / "sponsees").iterdir() if p.name.startswith("luis"))  # made from his name
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (160, 50)) as pilot:
        steps = folder / "steps.toml"
        steps.write_text(steps.read_text() + "\nbroken = [\n")  # an editor left it half-typed
        await pilot.press("f4")
        await pilot.press("ctrl+r")
        await settled(pilot)
        told = " ".join(n.message for n in app._notifications)
        assert "sponsees/…/steps.toml" in told and folder.name not in told
        assert folder.name not in on_screen(app)
        await pilot.press("f4")  # names shown again: the path says which file to mend
        await pilot.press("ctrl+r")
        await settled(pilot)
        assert f"sponsees/{folder.name}/steps.toml" in " ".join(n.message for n in app._notifications)
