"""Assignments on a step: add, edit, tick done, remove, and when each is due.

Like stepwork, these change the step in place and raise StepWorkError with a
message ready to show. No Textual here.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sponsordesk.rules.steps import StepWorkError
from sponsordesk.wording.dates import short_date
from sponsordesk.wording.days import due_text as due_on

if TYPE_CHECKING:
    from sponsordesk.model import Assignment, Step, new_id


def find(step: Step, assignment_id: str) -> Assignment:
    for item in step.assignment:
        if item.id == assignment_id:
            return item
    raise StepWorkError(f"that assignment is no longer on step {step.number}; it may have been deleted")


def add(step: Step, text: str, due: date | None) -> Assignment:
    from sponsordesk.model import Assignment, new_id

    item = Assignment(id=new_id("a"), text=text, due=due)
    step.assignment = [*step.assignment, item]
    return item


def edit(step: Step, assignment_id: str, text: str, due: date | None) -> Assignment:
    item = find(step, assignment_id)
    item.text, item.due = text, due
    return item


def toggle_done(step: Step, assignment_id: str, on: date) -> Assignment:
    """Tick an assignment done (dated ``on``), or untick it."""
    item = find(step, assignment_id)
    item.done = not item.done
    item.done_on = on if item.done else None
    return item


def remove(step: Step, assignment_id: str) -> Assignment:
    item = find(step, assignment_id)
    step.assignment = [a for a in step.assignment if a.id != assignment_id]
    return item


def open_items(step: Step) -> list[Assignment]:
    return [a for a in step.assignment if not a.done]


def due_text(item: Assignment, today: date) -> str:
    """'done Nov 20', 'due today', 'due Tuesday', 'was due 3 days ago', '' (no date)."""
    if item.done:
        return f"done {short_date(item.done_on, today)}" if item.done_on else "done"
    if item.due is None:
        return ""
    return due_on(item.due, today)
