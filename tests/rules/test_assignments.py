from datetime import date

import pytest

from sponsordesk.rules import assignments
from sponsordesk.model import Step
from sponsordesk.forms.steps import read_assignment
from sponsordesk.forms.values import InputError
from sponsordesk.rules.steps import StepWorkError

TODAY = date(2026, 11, 21)


def test_assignments_add_edit_tick_and_remove():
    step = Step(number=3)
    text, due = read_assignment("  Read pages 58-60 ", "2026-11-25")
    item = assignments.add(step, text, due)
    assert item.text == "Read pages 58-60" and item.id.startswith("a-")
    assert assignments.due_text(item, TODAY) == "due Wednesday"
    assignments.edit(step, item.id, "Read pages 58-62", None)
    assert step.assignment[0].text == "Read pages 58-62" and assignments.due_text(step.assignment[0], TODAY) == ""
    assert assignments.toggle_done(step, item.id, TODAY).done_on == TODAY
    assert assignments.due_text(step.assignment[0], TODAY) == "done Nov 21" and not assignments.open_items(step)
    assignments.remove(step, item.id)
    assert step.assignment == []
    with pytest.raises(StepWorkError):
        assignments.toggle_done(step, item.id, TODAY)


def test_assignment_input_errors_name_the_field():
    with pytest.raises(InputError) as error:
        read_assignment("   ", "")
    assert error.value.field == "text"
    with pytest.raises(InputError, match="Due: 'next week' is not a date") as error:
        read_assignment("Call two people", "next week")
    assert error.value.field == "due"
