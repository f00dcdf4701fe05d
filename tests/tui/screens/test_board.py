from datetime import timedelta

from textual.widgets import Input, OptionList, Static, TextArea
from sponsordesk.tui.widgets.plain_table import PlainTable

from sponsordesk.tui.app import SponsorDeskApp
from sponsordesk.model import StepStatus
from sponsordesk.tui.screens.board import BoardScreen, StepRow
from sponsordesk.tui.screens.step_detail import StepDetailScreen
from sponsordesk.store import StoreError

from sponsordesk.tui.dialogs.conflict import ConflictScreen

from tests.conftest import TODAY
from tests.tui.notices import listen
from tests.tui.screens.board_fixtures import (  # noqa: F401
    SPONSEE, complete_dir, early_dir, mid_dir, saved_board, steps_file, write_board,
)
from tests.tui.settle import opened, settled

KEYS = {" ": "space", "-": "minus", ".": "full_stop"}


async def type_text(pilot, text: str) -> None:
    await pilot.press(*(KEYS.get(c, c) for c in text))


def app_for(data_dir, config_dir) -> SponsorDeskApp:
    return SponsorDeskApp(data_dir=data_dir, config_dir=config_dir, today=TODAY)


async def open_board(app, pilot) -> BoardScreen:
    await pilot.press("b")  # Sam, the only sponsee
    await settled(pilot)
    assert isinstance(app.screen, BoardScreen)
    return app.screen


def row_text(screen, number: int, cell: str) -> str:
    row = screen.query_one(f"#step-{number}", StepRow)
    return row.cell(cell)


async def test_board_opens_on_the_working_step_with_progress_at_a_glance(mid_dir, config_dir):
    app = app_for(mid_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        board = await open_board(app, pilot)
        assert board.selected == 4
        head = str(board.query_one("#board-head", Static).render())
        assert "Sam R." in head and "3 of 12 done · working on step 4" in head
        assert row_text(board, 4, "status") == "working" and row_text(board, 4, "long") == "for 3 weeks"
        assert row_text(board, 1, "status") == "✓ done" and row_text(board, 1, "long") == "took 2 weeks"
        assert board.query_one("#step-4").has_class("-working")
        assert board.query_one("#seg-2").has_class("-done")
        assert "Searching moral inventory · courage" in str(board.query_one("#board-selected", Static).render())


async def test_move_a_step_through_its_statuses_and_find_it_after_reopening(early_dir, config_dir):
    app = app_for(early_dir, config_dir)
    told = listen(app)
    async with opened(app, (80, 24)) as pilot:
        board = await open_board(app, pilot)
        await pilot.press("right_square_bracket")  # step 1: working -> done
        assert row_text(board, 1, "status") == "✓ done"
        assert saved_board(early_dir).get(1).completed == TODAY
        await pilot.press("down", "plus")  # step 2: not started -> working
        assert row_text(board, 2, "status") == "working" and row_text(board, 2, "long") == "from today"
        await pilot.press("up", "right_square_bracket")  # step 1: done -> revisiting
        assert row_text(board, 1, "status") == "revisiting"
        await pilot.press("left_square_bracket")  # and back to done
        assert row_text(board, 1, "status") == "✓ done"
        await pilot.press("down", "down", "minus")  # step 3 has not started: nothing to undo
        assert told.any("not been started")
    again = app_for(early_dir, config_dir)
    async with opened(again, (80, 24)) as pilot:
        board = await open_board(again, pilot)
        assert row_text(board, 1, "status") == "✓ done" and row_text(board, 2, "status") == "working"
        assert board.selected == 2
    steps = saved_board(early_dir)
    assert steps.get(1).revisited is None and steps.get(2).started == TODAY


async def test_roster_current_step_follows_the_board(early_dir, config_dir):
    app = app_for(early_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        roster = app.screen
        assert str(roster.query_one(PlainTable).get_cell(SPONSEE, "step")).strip() == "1"
        await open_board(app, pilot)
        await pilot.press("down", "right_square_bracket")
        assert str(roster.query_one(PlainTable).get_cell(SPONSEE, "step")).strip() == "1+2"
        await pilot.press("escape")
        assert app.screen is roster


async def test_add_complete_and_delete_assignments_then_reopen(early_dir, config_dir):
    app = app_for(early_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        board = await open_board(app, pilot)
        await pilot.press("n")
        await type_text(pilot, "Call two people")
        await pilot.press("tab")
        await type_text(pilot, "2026-11-28")
        await pilot.press("enter")
        await settled(pilot)
        assert row_text(board, 1, "todo") == "3"
        await pilot.press("enter")  # open the step
        await settled(pilot)
        detail = app.screen
        assert isinstance(detail, StepDetailScreen)
        listing = detail.query_one("#assignments", OptionList)
        assert listing.option_count == 3
        await pilot.press("end", "space")  # tick the new one done
        assert "done Nov 21" in str(listing.get_option_at_index(2).prompt)
        await pilot.press("home", "delete")
        await settled(pilot)
        await pilot.press("y")
        await settled(pilot)
        assert listing.option_count == 2
        await pilot.press("escape")
        assert row_text(board, 1, "todo") == "1"
    again = app_for(early_dir, config_dir)
    async with opened(again, (80, 24)) as pilot:
        await open_board(again, pilot)
        again.open_step(SPONSEE, 1)
        await settled(pilot)
        texts = [str(o.prompt) for o in again.screen.query_one("#assignments", OptionList).options]
        assert len(texts) == 2 and "Write answers" not in " ".join(texts)
        assert "Call two people" in texts[1] and "done Nov 21" in texts[1]
    step = saved_board(early_dir).get(1)
    assert [a.text for a in step.assignment] == ["Read the chapter on this step", "Call two people"]
    assert step.assignment[1].done and step.assignment[1].done_on == TODAY
    assert step.assignment[1].due == TODAY + timedelta(days=7)


async def test_delete_can_be_called_off(early_dir, config_dir):
    app = app_for(early_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        await open_board(app, pilot)
        await pilot.press("enter")
        await settled(pilot)
        await pilot.press("delete")
        await settled(pilot)
        await pilot.press("n")
        await settled(pilot)
        assert app.screen.query_one("#assignments", OptionList).option_count == 2
    assert len(saved_board(early_dir).get(1).assignment) == 2


async def test_assignment_form_names_the_bad_field_and_saves_nothing(early_dir, config_dir):
    app = app_for(early_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        await open_board(app, pilot)
        await pilot.press("n", "enter")
        form = app.screen
        assert "Assignment: write what was suggested" in str(form.query_one("#error-text").render())
        form.query_one("#text", Input).value = "Read pages 58-60"
        form.query_one("#due", Input).value = "Thursday"
        await pilot.press("enter")
        assert "'Thursday' is not a date" in str(form.query_one("#error-due").render())
        await pilot.press("escape")
    assert len(saved_board(early_dir).get(1).assignment) == 2


async def test_step_dates_form_defaults_to_today_and_checks_dates(mid_dir, config_dir):
    app = app_for(mid_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        board = await open_board(app, pilot)
        await pilot.press("up", "d")  # step 3, done
        form = app.screen
        started = form.query_one("#date-started", Input)
        started.value = "2026-11-30"
        await pilot.press("enter")
        assert "after today" in str(form.query_one("#error-started").render())
        started.value = "2026-10-01"
        form.query_one("#date-completed", Input).value = str(TODAY)
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert app.screen is board and row_text(board, 3, "long") == "took 7 weeks"
        await pilot.press("down", "down", "d")  # step 5 has not started
        assert app.screen is board
    step = saved_board(mid_dir).get(3)
    assert str(step.started) == "2026-10-01" and step.completed == TODAY


async def test_a_failed_save_says_why_and_the_key_tries_again(early_dir, config_dir, monkeypatch):
    app = app_for(early_dir, config_dir)
    told = listen(app)
    async with opened(app, (80, 24)) as pilot:
        board = await open_board(app, pilot)

        def full_disk(changes):
            raise StoreError("could not save sponsees/sam-r/steps.toml (No space left on device): the disk is full")

        monkeypatch.setattr(app.desk.store, "commit", full_disk)
        await pilot.press("right_square_bracket")
        assert told.any("disk is full", "error")
        assert row_text(board, 1, "status") == "working", "the board shows the file, not a change it could not save"
        monkeypatch.undo()
        await pilot.press("right_square_bracket")
        assert row_text(board, 1, "status") == "✓ done"
    assert saved_board(early_dir).get(1).status == StepStatus.DONE


async def test_an_outside_edit_to_another_step_survives_a_board_key(early_dir, config_dir):
    app = app_for(early_dir, config_dir)
    told = listen(app)
    async with opened(app, (80, 24)) as pilot:
        board = await open_board(app, pilot)
        path = steps_file(early_dir)
        path.write_text(path.read_text() + "\n[[step]]\nnumber = 7\nstatus = \"not_started\"\nnotes = \"Written in an editor\"\n")
        await pilot.press("right_square_bracket")
        assert row_text(board, 1, "status") == "✓ done"
        assert told.any("were kept too")
    steps = saved_board(early_dir)
    assert steps.get(1).status == StepStatus.DONE and steps.get(7).notes == "Written in an editor"


async def test_out_of_order_work_is_mentioned_gently(data_dir, config_dir):
    write_board(data_dir, 4, [6])
    app = app_for(data_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        board = await open_board(app, pilot)
        gentle = str(board.query_one("#board-gentle", Static).render())
        assert "Step 6 started before step 5 was done" in gentle and "That's fine" in gentle
        await pilot.press("up", "plus")  # start step 5 too: still before 5 is done
        await pilot.press("plus")  # step 5 done: now everything is in order
        assert not board.query_one("#board-gentle").display


async def test_notes_are_multi_line_and_saved_on_leaving(early_dir, config_dir):
    app = app_for(early_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        await open_board(app, pilot)
        await pilot.press("enter")
        await settled(pilot)
        await pilot.press("tab")
        area = app.screen.query_one("#notes", TextArea)
        assert area.has_focus
        await pilot.press("enter")
        await type_text(pilot, "Ready for step 2")
        await pilot.press("escape")
        await settled(pilot)
    notes = saved_board(early_dir).get(1).notes
    assert notes.splitlines() == ["Reads a page a day.", "Calls after the Tuesday meeting.", "Ready for step 2"]


async def test_privacy_masks_notes_and_never_saves_the_mask(early_dir, config_dir):
    app = app_for(early_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        await pilot.press("f4")
        board = await open_board(app, pilot)
        assert "Sam R." not in str(board.query_one("#board-head", Static).render())
        assert "Reads a page" not in str(board.query_one("#board-selected", Static).render())
        await pilot.press("enter")
        await settled(pilot)
        area, cover = app.screen.query_one("#notes", TextArea), app.screen.query_one("#notes-hidden", Static)
        assert not area.display and cover.display, "the notes are covered, not replaced"
        assert "hidden" in str(cover.render()) and "Reads a page" not in str(cover.render())
        await pilot.press("f4")  # shown again: exactly as they were
        await settled(pilot)
        assert area.display and area.text.startswith("Reads a page a day.")
        await pilot.press("escape")
    assert saved_board(early_dir).get(1).notes.startswith("Reads a page a day.")


async def test_hiding_names_while_typing_notes_keeps_what_was_typed(early_dir, config_dir):
    app = app_for(early_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        await open_board(app, pilot)
        await pilot.press("enter")
        await settled(pilot)
        await pilot.press("tab", "enter", "O", "k", "f4")  # someone looks over the shoulder mid-sentence
        await settled(pilot)
        await pilot.press("f4")
        await settled(pilot)
        assert app.screen.query_one("#notes", TextArea).text.endswith("\nOk")
        await pilot.press("escape")
        await settled(pilot)
    assert saved_board(early_dir).get(1).notes.endswith("\nOk")


async def test_full_wording_shows_only_when_the_user_supplied_it(early_dir, config_dir):
    (config_dir / "programs").mkdir(parents=True)
    (config_dir / "programs" / "aa.toml").write_text(
        'key = "AA"\nname = "Alcoholics Anonymous"\n'
        '[[step]]\nnumber = 1\ntitle = "Admit powerlessness"\nprinciple = "honesty"\n'
        'wording = "My own copy of the first step."\n')
    app = app_for(early_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        await open_board(app, pilot)
        await pilot.press("enter")  # step 1, the working one, is selected
        await settled(pilot)
        wording = app.screen.query_one("#step-wording", Static)
        assert wording.display and "My own copy of the first step." in str(wording.render())
        await pilot.press("escape", "down", "enter")  # step 2
        await settled(pilot)
        assert not app.screen.query_one("#step-wording").display


async def test_command_palette_opens_a_sponsees_board(early_dir, config_dir):
    app = app_for(early_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await type_text(pilot, "sponsee: sam")
        await settled(pilot)
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, BoardScreen) and app.screen.sponsee_id == SPONSEE


async def test_edit_an_assignment_in_the_step(early_dir, config_dir):
    app = app_for(early_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        await open_board(app, pilot)
        await pilot.press("enter")
        await settled(pilot)
        await pilot.press("e")
        form = app.screen
        assert form.query_one("#text", Input).value == "Write answers to the step 1 questions"
        form.query_one("#text", Input).value = "Write answers to questions 1-5"
        form.query_one("#due", Input).value = ""
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert "questions 1-5" in str(app.screen.query_one(OptionList).get_option_at_index(0).prompt)
    item = saved_board(early_dir).get(1).assignment[0]
    assert item.text == "Write answers to questions 1-5" and item.due is None


async def test_notes_that_fail_to_save_stay_and_save_on_the_next_try(early_dir, config_dir, monkeypatch):
    app = app_for(early_dir, config_dir)
    told = listen(app)
    async with opened(app, (80, 24)) as pilot:
        await open_board(app, pilot)
        await pilot.press("enter")
        await settled(pilot)

        def full_disk(changes):
            raise StoreError("could not save sponsees/sam-r/steps.toml (No space left on device): the disk is full")

        monkeypatch.setattr(app.desk.store, "commit", full_disk)
        await pilot.press("tab", "enter", "O", "k")
        await pilot.press("ctrl+s")
        assert told.any("disk is full", "error")
        assert app.screen.query_one("#notes", TextArea).text.endswith("\nOk"), "what was typed stays"
        monkeypatch.undo()
        await pilot.press("escape")
        await settled(pilot)
    assert saved_board(early_dir).get(1).notes.endswith("\nOk")


async def test_notes_changed_outside_too_ask_which_to_keep(early_dir, config_dir):
    """The same step's notes edited in the app and in an editor: both versions shown, nothing lost."""
    app = app_for(early_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        await open_board(app, pilot)
        await pilot.press("enter")
        await settled(pilot)
        path = steps_file(early_dir)
        path.write_text(path.read_text().replace("Calls after the Tuesday meeting.", "Calls after the Monday meeting."))
        await pilot.press("tab", "enter", "O", "k", "ctrl+s")
        await settled(pilot)
        assert isinstance(app.screen, ConflictScreen)
        shown = " ".join(str(s.render()) for s in app.screen.query(".conflict-theirs"))
        assert "Monday" in shown
        await pilot.press("b")  # back to the notes: nothing saved, nothing lost
        await settled(pilot)
        assert app.screen.query_one("#notes", TextArea).text.endswith("\nOk")
        assert "Monday" in path.read_text() and "Ok" not in path.read_text()
        await pilot.press("ctrl+s")
        await settled(pilot)
        await pilot.press("m")  # keep mine
        await settled(pilot)
    notes = saved_board(early_dir).get(1).notes
    assert notes.endswith("\nOk") and "Tuesday" in notes


def _remove_step_in_an_editor(data_dir, number: int) -> None:
    path = steps_file(data_dir)
    text = path.read_text()
    start = text.index(f"[[step]]\nnumber = {number}\n")
    end = text.find("[[step]]", start + 1)
    path.write_text(text[:start] + (text[end:] if end != -1 else ""))


async def test_a_step_deleted_in_an_editor_then_moved_on_the_board_comes_back_whole_with_keep_mine(mid_dir, config_dir):
    """Step 4's table removed in an editor while the board shows it: + asks, and m writes all of it back."""
    shown = saved_board(mid_dir).get(4)
    app = app_for(mid_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        board = await open_board(app, pilot)  # step 4, working, is selected
        _remove_step_in_an_editor(mid_dir, 4)
        await pilot.press("plus")
        await settled(pilot)
        assert isinstance(app.screen, ConflictScreen)
        title = " ".join(str(s.render()) for s in app.screen.query(".conflict-entry"))
        assert "step 4 was deleted in the file" in title
        assert "(deleted)" in " ".join(str(s.render()) for s in app.screen.query(".conflict-theirs"))
        assert "not_started" not in " ".join(str(s.render()) for s in app.screen.query(".conflict-theirs"))
        await pilot.press("m")
        await settled(pilot)
        assert row_text(board, 4, "status") == "✓ done" and row_text(board, 4, "todo") == "2"
    step = saved_board(mid_dir).get(4)
    assert step.status == StepStatus.DONE and step.completed == TODAY
    assert step.started == shown.started and step.notes == shown.notes and step.assignment == shown.assignment


async def test_a_step_deleted_in_an_editor_stays_deleted_with_keep_the_files(mid_dir, config_dir):
    app = app_for(mid_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        board = await open_board(app, pilot)
        _remove_step_in_an_editor(mid_dir, 4)
        await pilot.press("plus")
        await settled(pilot)
        told = listen(app)
        await pilot.press("f")
        await settled(pilot)
        assert row_text(board, 4, "status") == "not started" and row_text(board, 4, "todo") == ""
        assert told.any("nothing else of your change was left to save"), told.text  # not "the rest is saved"
    assert "number = 4\n" not in steps_file(mid_dir).read_text()


async def test_keep_the_files_on_a_step_moved_back_keeps_the_step_as_the_file_has_it(mid_dir, config_dir):
    """- on a done step whose done-on date was corrected in an editor meanwhile: f keeps the file's step whole,
    never "working" with the file's done-on date."""
    was = saved_board(mid_dir).get(3).completed
    corrected = was - timedelta(days=2)
    app = app_for(mid_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        board = await open_board(app, pilot)
        path = steps_file(mid_dir)
        path.write_text(path.read_text().replace(f"completed = {was}", f"completed = {corrected}"))
        await pilot.press("up", "minus")  # step 3, done: back to working
        await settled(pilot)
        assert isinstance(app.screen, ConflictScreen)
        labels = [str(s.render()) for s in app.screen.query(".conflict-label")]
        assert labels == ["status", "done on"], "the status is shown with the date that goes with it"
        await pilot.press("f")
        await settled(pilot)
        assert row_text(board, 3, "status") == "✓ done"
    step = saved_board(mid_dir).get(3)
    assert step.status == StepStatus.DONE and step.completed == corrected


async def test_minus_then_plus_on_a_done_step_keeps_the_day_it_was_done(mid_dir, config_dir):
    """A slip of the finger on - is mended by +: the step is done on the day it was, not today."""
    done = saved_board(mid_dir).get(3)
    app = app_for(mid_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        board = await open_board(app, pilot)
        await pilot.press("up", "minus")  # step 3, done weeks ago
        assert row_text(board, 3, "status") == "working"
        await pilot.press("plus")
        assert row_text(board, 3, "status") == "✓ done" and row_text(board, 3, "long") == "took 2 weeks"
        await pilot.press("minus", "minus", "plus", "plus")  # back to not started, and forward again
        assert row_text(board, 3, "long") == "took 2 weeks"
    assert saved_board(mid_dir).get(3) == done


async def test_a_click_opens_a_step_and_a_drag_along_its_row_selects_text_instead(mid_dir, config_dir):
    from textual import events

    from sponsordesk.tui.screens.step_detail import StepDetailScreen

    app = app_for(mid_dir, config_dir)
    async with opened(app, (120, 30)) as pilot:
        board = await open_board(app, pilot)
        row = board.query_one("#step-3", StepRow).region

        async def mouse(down_x: int, up_x: int) -> None:
            # as a terminal sends them: the app makes a click of a press and a release on one widget
            for kind, x in ((events.MouseDown, down_x), (events.MouseMove, up_x), (events.MouseUp, up_x)):
                app._driver.send_message(kind(None, x, row.y, 0, 0, 1, False, False, False, screen_x=x, screen_y=row.y))
            await settled(pilot)

        await mouse(row.x + 10, row.x + 60)  # from the title to the principle
        assert app.screen is board, "a drag along a row opened the step"
        assert "faith" in (app.screen.get_selected_text() or "")
        await mouse(row.x + 10, row.x + 10)
        assert isinstance(app.screen, StepDetailScreen) and app.screen.number == 3


async def test_a_working_steps_status_shows_in_an_ansi_theme(data_dir, config_dir):
    write_board(data_dir, 3, [4, 6])
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "settings.toml").write_text('theme = "ansi-dark"\n')
    app = app_for(data_dir, config_dir)
    async with opened(app, (120, 30)) as pilot:
        board = await open_board(app, pilot)
        line = app.screen._compositor.render_strips()[board.query_one("#step-6").region.y]
        status = next(segment for segment in line if segment.text.strip() == "working")
        # ANSI colours cannot be tinted: the row's "$accent 15%" was the accent, the status's own colour
        assert status.style.color != status.style.bgcolor, f"working on {status.style}"
