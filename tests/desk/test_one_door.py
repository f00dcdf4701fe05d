"""Every change goes through the desk, one entry at a time: outside edits survive, nothing is written twice."""

from datetime import date

import pytest

from sponsordesk.desk import Desk
from sponsordesk.desk.context import Context
from sponsordesk.desk.errors import ConflictError
from sponsordesk.model import StepStatus
from sponsordesk.store import Store, layout

from tests.conftest import TODAY


@pytest.fixture
def desk(demo_dir, config_dir):
    desk = Desk.open(Context.build(data_dir=demo_dir, config_dir=config_dir, today=TODAY))
    yield desk
    desk.close()


def _edit(path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_a_refused_step_save_never_brings_back_what_the_editor_changed(desk):
    """The case that used to lose an edit: a conflict on one step, then a change to another step."""
    path = layout.steps_path(desk.ctx.data_dir, "dana-o")
    working = desk.record("dana-o").steps.get(4)
    _edit(path, "Reading and writing a little every day.", "Reading every morning, written in an editor.")
    with pytest.raises(ConflictError):
        desk.save_step_notes("dana-o", 4, "Notes typed in the app", shown=working.notes)
    assert "written in an editor" in desk.record("dana-o").steps.get(4).notes, "the desk shows the file now"
    desk.step_forward("dana-o", 5)  # another step, saved after the refusal
    saved = Store(desk.ctx.data_dir).load_sponsee("dana-o", TODAY).steps
    assert "written in an editor" in saved.get(4).notes and saved.get(5).status == StepStatus.WORKING


def test_an_outside_edit_to_another_field_of_the_same_step_is_merged(desk):
    path = layout.steps_path(desk.ctx.data_dir, "dana-o")
    _edit(path, "Reading and writing a little every day.", "Edited in an editor.")
    saved = desk.add_assignment("dana-o", 4, "Read the chapter again", date(2026, 11, 25))
    step = desk.record("dana-o").steps.get(4)
    assert "Edited in an editor." in step.notes and step.assignment[-1].text == "Read the chapter again"
    assert saved.kept_outside == ["sponsees/dana-o/steps.toml"]


def test_ticking_an_assignment_deleted_in_an_editor_is_a_conflict_not_a_resurrection(desk):
    step = desk.record("dana-o").steps.get(4)
    first = step.assignment[0]
    path = layout.steps_path(desk.ctx.data_dir, "dana-o")
    text = path.read_text()
    start = text.index(f'id = "{first.id}"')
    block_start = text.rindex("[[step.assignment]]", 0, start)
    block_end = text.find("[[", start)
    path.write_text(text[:block_start] + text[block_end:])
    with pytest.raises(ConflictError) as conflict:
        desk.change_step("dana-o", 4, lambda s: setattr(s.assignment[0], "done", True), shown=step)
    assert conflict.value.conflicts[0].fields == [f"assignment.{first.id}"]
    assert first.id not in path.read_text()


def test_a_contact_edit_moving_it_to_another_year_lands_in_both_files_or_neither(desk):
    contact = next(desk.iter_contacts("ellen-f"))
    moved = contact.model_copy(update={"at": contact.at.replace(year=2025)})
    from sponsordesk.rules.followthrough import LogEntry

    desk.log("ellen-f", LogEntry(moved), editing=contact)
    root = desk.ctx.data_dir
    assert contact.id not in {c.id for c in desk.contacts_in_year("ellen-f", 2026)}
    assert contact.id in layout.contacts_path(root, "ellen-f", 2025).read_text()
    # the 2026 file keeps a tombstone, so another machine's older copy does not bring the contact back there
    assert f'[[deleted]]\nid = "{contact.id}"' in layout.contacts_path(root, "ellen-f", 2026).read_text()
