"""The step board's operations on the desk: a step removed or changed in an editor meanwhile loses nothing."""

import pytest

from sponsordesk.desk import Desk
from sponsordesk.desk.context import Context
from sponsordesk.desk.errors import ConflictError
from sponsordesk.model import StepStatus
from sponsordesk.store import Store, layout

from tests.conftest import TODAY

SPONSEE = "dana-o"
"""In the demo: steps 1-3 done, step 4 working with notes and two assignments."""


@pytest.fixture
def desk(demo_dir, config_dir):
    desk = Desk.open(Context.build(data_dir=demo_dir, config_dir=config_dir, today=TODAY))
    yield desk
    desk.close()


def _saved(desk, number: int):
    """The step as a fresh store reads it from the file."""
    return Store(desk.ctx.data_dir).load_sponsee(SPONSEE, TODAY).steps.get(number)


def _remove_step(desk, number: int) -> None:
    """Delete a step's [[step]] table, and its assignments with it, as a person would in an editor."""
    path = layout.steps_path(desk.ctx.data_dir, SPONSEE)
    text = path.read_text()
    start = text.index(f"[[step]]\nnumber = {number}\n")
    end = text.find("[[step]]", start + 1)
    path.write_text(text[:start] + (text[end:] if end != -1 else ""))


CHANGES = {
    "moved": lambda desk: desk.step_forward(SPONSEE, 4),
    "notes": lambda desk: desk.save_step_notes(SPONSEE, 4, "Typed here.", shown=desk.step(SPONSEE, 4).notes),
    "assigned": lambda desk: desk.add_assignment(SPONSEE, 4, "Call before the Sunday meeting", None),
}


def _removed_then_changed(desk, change: str) -> ConflictError:
    """Step 4 deleted in an editor while the board showed it, then changed here."""
    shown = desk.step(SPONSEE, 4)
    assert shown.started and shown.notes and shown.assignment
    _remove_step(desk, 4)
    with pytest.raises(ConflictError) as refused:
        CHANGES[change](desk)
    return refused.value


@pytest.mark.parametrize("change", CHANGES)
def test_a_step_deleted_in_an_editor_then_changed_here_is_a_deletion_not_a_step_not_started(desk, change):
    refused = _removed_then_changed(desk, change)
    [conflict] = refused.conflicts
    assert conflict.key == ("step", 4) and conflict.reason == "deleted" and conflict.theirs is None
    assert "step 4 was deleted outside sponsordesk" in refused.places
    assert "number = 4\n" not in layout.steps_path(desk.ctx.data_dir, SPONSEE).read_text(), "nothing written"


@pytest.mark.parametrize("change", CHANGES)
def test_keeping_mine_writes_the_deleted_step_back_with_everything_this_window_had(desk, change):
    shown = desk.step(SPONSEE, 4)
    refused = _removed_then_changed(desk, change)
    desk.keep_mine(refused)
    saved = _saved(desk, 4)
    assert saved.to_toml_dict() == refused.changes[0].new, "the step as this window would have it, whole"
    assert saved.started == shown.started
    assert {a.id for a in shown.assignment} <= {a.id for a in saved.assignment}
    assert saved.notes == (shown.notes if change != "notes" else "Typed here.")


@pytest.mark.parametrize("change", CHANGES)
def test_keeping_the_files_leaves_the_step_deleted(desk, change):
    refused = _removed_then_changed(desk, change)
    saved = desk.keep_theirs(refused)
    assert "number = 4\n" not in layout.steps_path(desk.ctx.data_dir, SPONSEE).read_text()
    assert not saved.wrote, "the screen says nothing else was left to save"
    step = desk.step(SPONSEE, 4)
    assert step.status == StepStatus.NOT_STARTED and not step.assignment, "shown as the board shows a step left out"


def test_a_step_the_file_leaves_out_is_not_started_once_the_board_shows_so(desk):
    _remove_step(desk, 4)
    desk.reload()  # the window regained focus: the board shows step 4 not started
    desk.step_forward(SPONSEE, 4)
    saved = _saved(desk, 4)
    assert saved.status == StepStatus.WORKING and saved.started == TODAY and not saved.assignment


def _edit(desk, old: str, new: str) -> None:
    path = layout.steps_path(desk.ctx.data_dir, SPONSEE)
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


OUTSIDE = {  # step 3 (done 2026-03-29 to 2026-06-15 in the demo), changed in an editor while the board shows it
    "done-on corrected": ("completed = 2026-06-15", "completed = 2026-06-20"),
    "a revisit begun": ('status = "done"\nnotes = "Finished step 3', 'status = "revisiting"\nrevisited = 2026-11-01\n'
                        'notes = "Finished step 3'),
}


def _moved_back_while_changed_outside(desk, outside: str) -> tuple[ConflictError, dict]:
    """Step 3 moved back on the board after an editor changed it; the error, and step 3 as the file has it."""
    assert desk.step(SPONSEE, 3).status == StepStatus.DONE
    _edit(desk, *OUTSIDE[outside])
    in_file = _saved(desk, 3).to_toml_dict()
    with pytest.raises(ConflictError) as refused:
        desk.step_back(SPONSEE, 3)
    return refused.value, in_file


@pytest.mark.parametrize("outside", OUTSIDE)
def test_keeping_the_files_version_of_a_move_keeps_the_step_as_the_file_has_it_not_a_mix(desk, outside):
    refused, in_file = _moved_back_while_changed_outside(desk, outside)
    assert "status" in refused.conflicts[0].fields, "the status is shown with the dates that go with it"
    saved = desk.keep_theirs(refused)
    assert _saved(desk, 3).to_toml_dict() == in_file, "never 'working' with the file's done-on date"
    assert not saved.wrote, "the whole move was in conflict: nothing else of it is left to save"


@pytest.mark.parametrize("outside", OUTSIDE)
def test_keeping_mine_of_a_move_keeps_the_step_as_this_window_moved_it(desk, outside):
    shown = desk.step(SPONSEE, 3)
    refused, _ = _moved_back_while_changed_outside(desk, outside)
    desk.keep_mine(refused)
    saved = _saved(desk, 3)
    assert saved.status == StepStatus.WORKING and saved.started == shown.started
    assert saved.completed is None and saved.revisited is None


@pytest.mark.parametrize("outside", OUTSIDE)
def test_a_move_back_kept_after_a_conflict_is_taken_back_by_plus_with_the_files_dates_not_today(desk, outside):
    """- met an editor's change, "keep mine": + right after takes the move back as after any - (it moved the
    step forward dated today), to the step as the file had it before the move."""
    refused, in_file = _moved_back_while_changed_outside(desk, outside)
    desk.keep_mine(refused)
    assert _saved(desk, 3).status == StepStatus.WORKING
    desk.step_forward(SPONSEE, 3)
    saved = _saved(desk, 3).to_toml_dict()
    assert {k: saved.get(k) for k in ("status", "started", "completed", "revisited")} == \
        {k: in_file.get(k) for k in ("status", "started", "completed", "revisited")}


def test_a_move_taken_back_after_a_conflict_is_not_taken_back_twice(desk):
    desk.step_back(SPONSEE, 3)
    desk.step_back(SPONSEE, 3)
    _edit(desk, 'notes = "Finished step 3 together."', 'notes = "Written in an editor."')
    desk.store.load(TODAY)  # the desk has not seen it: its + meets the editor's notes as they are
    desk.step_forward(SPONSEE, 3)  # no conflict: the notes are another field
    assert _saved(desk, 3).status == StepStatus.WORKING
    desk.step_forward(SPONSEE, 3)
    assert _saved(desk, 3).status == StepStatus.DONE and _saved(desk, 3).completed < TODAY


def test_moving_a_done_step_back_and_forward_again_keeps_the_dates_it_had(desk):
    done = desk.step(SPONSEE, 3)
    assert done.status == StepStatus.DONE and done.completed < TODAY
    desk.step_back(SPONSEE, 3)
    assert _saved(desk, 3).status == StepStatus.WORKING and _saved(desk, 3).completed is None
    desk.step_forward(SPONSEE, 3)
    assert _saved(desk, 3) == done, "done on the day it was done, not today"


def test_two_moves_back_are_taken_back_one_forward_at_a_time(desk):
    done = desk.step(SPONSEE, 3)
    desk.step_back(SPONSEE, 3)
    desk.step_back(SPONSEE, 3)
    assert _saved(desk, 3).status == StepStatus.NOT_STARTED
    desk.step_forward(SPONSEE, 3)
    assert _saved(desk, 3).status == StepStatus.WORKING and _saved(desk, 3).started == done.started
    desk.step_forward(SPONSEE, 3)
    assert _saved(desk, 3) == done
    desk.step_forward(SPONSEE, 3)  # nothing left to take back: a revisit, begun today
    assert _saved(desk, 3).status == StepStatus.REVISITING and _saved(desk, 3).revisited == TODAY


def test_a_revisit_moved_back_and_forward_again_keeps_the_day_it_began(desk):
    desk.change_step(SPONSEE, 3, lambda s: setattr(s, "status", StepStatus.REVISITING))
    desk.set_step_dates(SPONSEE, 3, {"started": desk.step(SPONSEE, 3).started, "completed": desk.step(SPONSEE, 3).completed,
                                     "revisited": TODAY.replace(month=9)})
    revisiting = desk.step(SPONSEE, 3)
    desk.step_back(SPONSEE, 3)
    assert _saved(desk, 3).status == StepStatus.DONE and _saved(desk, 3).revisited is None
    desk.step_forward(SPONSEE, 3)
    assert _saved(desk, 3) == revisiting


def test_a_step_whose_dates_changed_after_its_move_back_moves_forward_dated_today(desk):
    desk.step_back(SPONSEE, 3)
    started = TODAY.replace(month=10)
    desk.set_step_dates(SPONSEE, 3, {"started": started})  # the dates form, after the move back
    desk.step_forward(SPONSEE, 3)
    saved = _saved(desk, 3)
    assert saved.status == StepStatus.DONE and saved.started == started and saved.completed == TODAY


def test_taking_a_move_back_back_keeps_an_editors_change_to_another_field(desk):
    done = desk.step(SPONSEE, 3)
    desk.step_back(SPONSEE, 3)
    _edit(desk, 'notes = "Finished step 3 together."', 'notes = "Written in an editor."')
    desk.step_forward(SPONSEE, 3)
    saved = _saved(desk, 3)
    assert saved.notes == "Written in an editor." and saved.completed == done.completed


def test_taking_a_move_back_back_after_an_editor_moved_the_step_is_a_conflict_never_an_overwrite(desk):
    desk.step_back(SPONSEE, 3)
    _edit(desk, 'status = "working"\nnotes = "Finished step 3', 'status = "done"\ncompleted = 2026-11-01\n'
                'notes = "Finished step 3')
    with pytest.raises(ConflictError):
        desk.step_forward(SPONSEE, 3)  # the desk had not seen the editor's change yet
    assert _saved(desk, 3).completed.isoformat() == "2026-11-01"


def test_plus_after_minus_then_keep_mine_on_a_step_deleted_outside_writes_what_the_window_has(desk):
    """Found by a review: + took the move back by writing the step as it was before -, so notes and an
    assignment added after - were lost when the step had been deleted in the file and "keep mine" wrote
    that old copy back whole."""
    desk.step_back(SPONSEE, 3)
    desk.save_step_notes(SPONSEE, 3, "Typed after the move back.", shown=desk.step(SPONSEE, 3).notes)
    desk.add_assignment(SPONSEE, 3, "Read pages 58-60 again", None)
    _remove_step(desk, 3)  # its [[step]] table removed in the file (a sync tool, the window not refocused)
    with pytest.raises(ConflictError) as refused:
        desk.step_forward(SPONSEE, 3)
    desk.keep_mine(refused.value)
    saved = _saved(desk, 3)
    assert saved.notes == "Typed after the move back."
    assert [a.text for a in saved.assignment] == ["Read pages 58-60 again"]
    assert saved.status == "done" and saved.completed is not None, "and the dates the move back took away"
