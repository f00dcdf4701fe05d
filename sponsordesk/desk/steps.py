"""Step board operations: status, dates, notes and assignments of one step, saved at once.

Each takes the step as the screen showed it (by default: as the desk holds
it now), changes a copy with the rules of rules/steps.py and
rules/assignments.py, and saves only that step, so an outside edit to
another step, or to another field of this one, is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from sponsordesk.model import Step
from sponsordesk.rules import assignments
from sponsordesk.rules import steps as stepwork
from sponsordesk.store.changes import step_change

if TYPE_CHECKING:
    from sponsordesk.desk.desk import Desk, Saved


class StepDesk:
    """Mixed into Desk."""

    def step(self: "Desk", sponsee_id: str, number: int) -> Step:
        """The step as the desk holds it now (not started if the sponsee did not load)."""
        record = self.record(sponsee_id)
        return record.steps.get(number) if record else Step(number=number)

    def change_step(self: "Desk", sponsee_id: str, number: int, change: Callable[[Step], object],
                    shown: Step | None = None) -> "Saved":
        """Apply ``change`` (a rule that edits a step in place) to a copy of the step, and save it.

        Raises StepWorkError (nothing saved) when the rule refuses, StoreError when the save does.
        """
        before = shown if shown is not None else self._record(sponsee_id).steps.get(number)
        after = before.model_copy(deep=True)
        change(after)
        return self.save(sponsee_id, [step_change(sponsee_id, before, after)])

    def step_forward(self: "Desk", sponsee_id: str, number: int) -> "Saved":
        """not started -> working -> done -> revisiting -> done ...; dated today."""
        return self.change_step(sponsee_id, number, lambda s: stepwork.move_forward(s, self.today))

    def step_back(self: "Desk", sponsee_id: str, number: int) -> "Saved":
        """Undo the last move and its date."""
        return self.change_step(sponsee_id, number, stepwork.move_back)

    def set_step_dates(self: "Desk", sponsee_id: str, number: int, days: dict[str, date | None],
                       shown: Step | None = None) -> "Saved":
        """The dates form's values; ``shown``: the step as the form showed it (so only what changed is saved)."""
        return self.change_step(sponsee_id, number, lambda s: stepwork.set_dates(s, days, self.today), shown)

    def save_step_notes(self: "Desk", sponsee_id: str, number: int, notes: str, shown: str) -> "Saved":
        """Save a step's notes; ``shown`` is the text the notes field was filled with.

        Compared against the file, so notes changed outside meanwhile are a
        conflict, never overwritten.
        """
        before = self._record(sponsee_id).steps.get(number).model_copy(update={"notes": shown}, deep=True)
        return self.change_step(sponsee_id, number, lambda s: setattr(s, "notes", notes), shown=before)

    def add_assignment(self: "Desk", sponsee_id: str, number: int, text: str, due: date | None) -> "Saved":
        return self.change_step(sponsee_id, number, lambda s: assignments.add(s, text, due))

    def edit_assignment(self: "Desk", sponsee_id: str, number: int, assignment_id: str, text: str,
                        due: date | None, shown: Step | None = None) -> "Saved":
        """The assignment form's values; ``shown``: the step as it was when the form opened."""
        return self.change_step(sponsee_id, number, lambda s: assignments.edit(s, assignment_id, text, due), shown)

    def toggle_assignment(self: "Desk", sponsee_id: str, number: int, assignment_id: str) -> "Saved":
        """Tick it done (dated today) or untick it."""
        return self.change_step(sponsee_id, number, lambda s: assignments.toggle_done(s, assignment_id, self.today))

    def remove_assignment(self: "Desk", sponsee_id: str, number: int, assignment_id: str) -> "Saved":
        return self.change_step(sponsee_id, number, lambda s: assignments.remove(s, assignment_id))
