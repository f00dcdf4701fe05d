"""A step's notes, typed and not saved yet, are never dropped: leaving, hiding names or quitting keeps them."""

from textual.widgets import TextArea

from sponsordesk.tui.app import SponsorDeskApp
from sponsordesk.tui.dialogs.conflict import ConflictScreen
from sponsordesk.tui.dialogs.confirm import ConfirmScreen
from sponsordesk.tui.screens.board import BoardScreen
from sponsordesk.tui.screens.step_detail import StepDetailScreen

from tests.conftest import TODAY
from tests.tui.notices import listen
from tests.tui.screens.board_fixtures import early_dir, saved_board, steps_file  # noqa: F401
from tests.tui.settle import opened, settled


def app_for(data_dir, config_dir):
    return SponsorDeskApp(data_dir=data_dir, config_dir=config_dir, today=TODAY)


async def _typing_in_step_1(app, pilot) -> None:
    await pilot.press("b")
    await settled(pilot)
    await pilot.press("enter")
    await settled(pilot)
    await pilot.press("tab", "enter", "O", "k")


async def test_leaving_a_step_whose_notes_changed_outside_too_asks_first(early_dir, config_dir):
    app = app_for(early_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        await _typing_in_step_1(app, pilot)
        path = steps_file(early_dir)
        path.write_text(path.read_text().replace("Tuesday", "Monday"))
        await pilot.press("escape")  # notes are saved on leaving: here they meet the editor's
        await settled(pilot)
        assert isinstance(app.screen, ConflictScreen)
        await pilot.press("b")  # back to the step: still open, the typing still there
        await settled(pilot)
        assert isinstance(app.screen, StepDetailScreen)
        assert app.screen.query_one("#notes", TextArea).text.endswith("\nOk")
        await pilot.press("escape")
        await settled(pilot)
        await pilot.press("m")  # keep mine: saved, and then the step closes
        await settled(pilot)
        assert isinstance(app.screen, BoardScreen)
    assert saved_board(early_dir).get(1).notes.endswith("Ok")


async def test_leaving_a_step_whose_file_does_not_load_keeps_the_notes_and_asks(early_dir, config_dir):
    app = app_for(early_dir, config_dir)
    told = listen(app)
    async with opened(app, (80, 24)) as pilot:
        await _typing_in_step_1(app, pilot)
        path = steps_file(early_dir)
        good = path.read_text()
        path.write_text(good + "\nthis is = = broken\n")  # a sync halfway, a typo in an editor
        await pilot.press("escape")
        await settled(pilot)
        assert isinstance(app.screen, StepDetailScreen) and told.any("not overwritten", "error")
        await pilot.press("escape")  # again, still broken: now it asks before dropping anything
        await settled(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # stay
        await settled(pilot)
        path.write_text(good)  # fixed in the editor
        await pilot.press("escape")
        await settled(pilot)
        assert isinstance(app.screen, BoardScreen)
    assert saved_board(early_dir).get(1).notes.endswith("Ok")


async def test_hiding_names_while_notes_are_asked_about_keeps_the_typing(early_dir, config_dir):
    app = app_for(early_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        await _typing_in_step_1(app, pilot)
        path = steps_file(early_dir)
        path.write_text(path.read_text().replace("Tuesday", "Monday"))
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert isinstance(app.screen, ConflictScreen)
        await pilot.press("f4")  # someone walks in
        await settled(pilot)
        await pilot.press("b")
        await settled(pilot)
        await pilot.press("f4")  # they leave
        await settled(pilot)
        assert app.screen.query_one("#notes", TextArea).text.endswith("Ok")


async def test_quitting_right_after_typing_notes_saves_them(early_dir, config_dir):
    app = app_for(early_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        await _typing_in_step_1(app, pilot)
        await pilot.press("ctrl+q")
    assert saved_board(early_dir).get(1).notes.endswith("Ok")


async def test_the_autosave_never_opens_the_conflict_window_under_someone_typing(early_dir, config_dir):
    # found by a review: the autosave met an editor's change and opened the window while the sponsor typed;
    # the next letter ("f" of "family") answered "keep the file's" and what was typed was gone
    app = app_for(early_dir, config_dir)
    told = listen(app)
    async with opened(app, (80, 24)) as pilot:
        await _typing_in_step_1(app, pilot)
        path = steps_file(early_dir)
        path.write_text(path.read_text().replace("Tuesday", "Monday"))
        step = app.screen
        step.action_save_notes(asked=False)  # what the idle timer calls
        await settled(pilot)
        assert app.screen is step and told.any("press ctrl+s to see both versions", "warning")
        await pilot.press("f", "a", "m")  # typing on: letters, not answers
        await settled(pilot)
        assert app.screen is step and step.query_one("#notes", TextArea).text.endswith("\nOkfam")
        assert step._notes_timer is None, "said once: the autosave waits for ctrl+s"
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert isinstance(app.screen, ConflictScreen)
        await pilot.press("m")  # keep mine
        await settled(pilot)
        assert app.screen is step
        area = step.query_one("#notes", TextArea)
        assert area.cursor_location == area.document.end, "typing goes on after the text"
    assert saved_board(early_dir).get(1).notes.endswith("Okfam")
