"""The step forms save only what the person changed: a date moved in an editor while a form was open stays."""
from textual.widgets import Input

from sponsordesk.tui.app import SponsorDeskApp
from sponsordesk.tui.dialogs.step_dates import StepDatesScreen

from tests.conftest import TODAY
from tests.tui.notices import listen
from tests.tui.screens.board_fixtures import mid_dir, saved_board, steps_file  # noqa: F401
from tests.tui.settle import opened, settled


async def test_the_dates_form_keeps_a_date_moved_in_an_editor_meanwhile(mid_dir, config_dir):
    app = SponsorDeskApp(data_dir=mid_dir, config_dir=config_dir, today=TODAY)
    told = listen(app)
    async with opened(app, (80, 24)) as pilot:
        await pilot.press("b")
        await settled(pilot)
        await pilot.press("up", "d")  # step 3, done: started and done-on
        assert isinstance(app.screen, StepDatesScreen)
        was = str(saved_board(mid_dir).get(3).started)
        path = steps_file(mid_dir)
        path.write_text(path.read_text().replace(f"started = {was}", "started = 2026-09-01", 1)
                        if f"started = {was}" in path.read_text() else path.read_text())
        assert "2026-09-01" in path.read_text()
        from textual import events
        app.post_message(events.AppFocus())  # back from the editor: the app re-reads the folder
        await settled(pilot)
        app.screen.query_one("#date-completed", Input).value = str(TODAY)  # the only date the person changes
        await pilot.press("ctrl+s")
        await settled(pilot)
    step = saved_board(mid_dir).get(3)
    assert str(step.started) == "2026-09-01", "the editor's started date stays"
    assert step.completed == TODAY


async def test_the_assignment_form_keeps_a_due_date_moved_in_an_editor_meanwhile(mid_dir, config_dir):
    from textual import events
    app = SponsorDeskApp(data_dir=mid_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (80, 24)) as pilot:
        await pilot.press("b")
        await settled(pilot)
        await pilot.press("enter")  # step 4, working, with two assignments
        await settled(pilot)
        await pilot.press("e")  # edit the first assignment
        await settled(pilot)
        path = steps_file(mid_dir)
        first = saved_board(mid_dir).get(4).assignment[0]
        text = path.read_text()
        assert f"due = {first.due}" in text
        path.write_text(text.replace(f"due = {first.due}", "due = 2026-12-24", 1))  # moved in an editor
        app.post_message(events.AppFocus())
        await settled(pilot)
        app.screen.query_one("#text", Input).value = "Write answers to questions 1-5"
        await pilot.press("ctrl+s")
        await settled(pilot)
    item = saved_board(mid_dir).get(4).assignment[0]
    assert str(item.due) == "2026-12-24" and item.text == "Write answers to questions 1-5", "the editor's due date stays"


async def test_a_refused_save_leaves_the_step_forms_open_with_what_was_typed(mid_dir, config_dir):
    """The forms save while they are open: a file broken in an editor meanwhile costs no typing."""
    from sponsordesk.tui.dialogs.assignment_form import AssignmentFormScreen

    app = SponsorDeskApp(data_dir=mid_dir, config_dir=config_dir, today=TODAY)
    told = listen(app)
    async with opened(app, (80, 24)) as pilot:
        await pilot.press("b")
        await settled(pilot)
        await pilot.press("enter", "e")  # step 4: edit its first assignment
        await settled(pilot)
        path = steps_file(mid_dir)
        good = path.read_text()
        path.write_text(good + "\noops = [\n")  # broken in an editor while the form is open
        typed = "Write answers to questions 1-5, slowly"
        app.screen.query_one("#text", Input).value = typed
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert isinstance(app.screen, AssignmentFormScreen), "still open"
        assert app.screen.query_one("#text", Input).value == typed
        assert told.any("not overwritten", "error") and path.read_text().endswith("oops = [\n")
        path.write_text(good)  # mended
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert not isinstance(app.screen, AssignmentFormScreen)
        assert saved_board(mid_dir).get(4).assignment[0].text == typed, "saved once the file loads again"
        await pilot.press("escape", "up", "d")  # back to the board; step 3's dates
        await settled(pilot)
        assert isinstance(app.screen, StepDatesScreen)
        path.write_text(path.read_text() + "\noops = [\n")
        app.screen.query_one("#date-completed", Input).value = str(TODAY)
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert isinstance(app.screen, StepDatesScreen) and \
            app.screen.query_one("#date-completed", Input).value == str(TODAY)
    assert path.read_text().endswith("oops = [\n"), "the broken file is never overwritten"
