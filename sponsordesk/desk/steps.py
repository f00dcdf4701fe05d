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

from sponsordesk.rules import assignments
from sponsordesk.rules import steps as stepwork
from sponsordesk.store.changes import step_change
from sponsordesk.store.problems import ConflictError

if TYPE_CHECKING:
    from sponsordesk.model import Step
    from sponsordesk.desk.desk import Desk, Saved
    from sponsordesk.desk.undo import Undo


class StepDesk:
    """Mixed into Desk."""

    def step(self: "Desk", sponsee_id: str, number: int) -> Step:
        """The step as the desk holds it now (not started if the sponsee did not load)."""
        from sponsordesk.model import Step

        record = self.record(sponsee_id)
        return record.steps.get(number) if record else Step(number=number)

    def change_step(self: "Desk", sponsee_id: str, number: int, change: Callable[[Step], object],
                    shown: Step | None = None, undo: str = "") -> "Saved":
        """Apply ``change`` (a rule that edits a step in place) to a copy of the step, and save it.

        Raises StepWorkError (nothing saved) when the rule refuses, StoreError when the save does.
        ``undo`` names the change for an Undo that takes it back (``Saved.undo``).
        """
        before = shown if shown is not None else self._record(sponsee_id).steps.get(number)
        after = before.model_copy(deep=True)
        change(after)
        return self.save(sponsee_id, [step_change(sponsee_id, before, after)], undo=undo)

    def step_forward(self: "Desk", sponsee_id: str, number: int) -> "Saved":
        """not started -> working -> done -> revisiting -> done ...; dated today.

        A step moved back here and not changed since moves forward by taking that move back, so - then +
        leaves it with the dates it had, not today's: the file keeps no earlier dates to find them in.
        """
        from sponsordesk.model import Step

        undo = self._move_back_to_take_back(sponsee_id, number)
        if undo is None:
            return self.change_step(sponsee_id, number, lambda s: stepwork.move_forward(s, self.today))
        # The status and dates the move back took away, put back on the step as it is now: not the undo's
        # whole copy of the step from before the move, which lacks notes and assignments added since (a
        # "keep mine" on a step deleted in an editor meanwhile wrote that old copy back whole).
        status, started, completed, revisited = stepwork.standing(Step.model_validate(undo.changes[0].new))

        def put_back(step: Step) -> None:
            step.status, step.started, step.completed, step.revisited = status, started, completed, revisited

        def taken_back(_saved: "Saved") -> None:
            moves = self._moved_back.get((sponsee_id, number))
            if moves:
                moves.pop()

        # a merge like any save: an edit meanwhile is a conflict (then taken back once the person chose)
        return _then(lambda: self.change_step(sponsee_id, number, put_back), taken_back)

    def step_back(self: "Desk", sponsee_id: str, number: int) -> "Saved":
        """Undo the last move and its date; what it took away is kept for ``step_forward`` to put back."""
        def remembered(saved: "Saved") -> None:
            if saved.undo is not None and saved.wrote:  # "keep the file's" of all of it moved nothing back
                self._moved_back.setdefault((sponsee_id, number), []).append(saved.undo)

        return _then(lambda: self.change_step(sponsee_id, number, stepwork.move_back,
                                              undo=f"Moved step {number} back"), remembered)

    def _move_back_to_take_back(self: "Desk", sponsee_id: str, number: int) -> "Undo | None":
        """The last move back of this step made here, if the step still stands where that move left it; else
        none, and the earlier ones are forgotten (its status or dates changed since, here or in an editor)."""
        from sponsordesk.model import Step

        moves = self._moved_back.get((sponsee_id, number)) or []
        if moves:
            left = Step.model_validate(moves[-1].changes[0].base)  # the undo starts from what the move wrote
            if stepwork.standing(self.step(sponsee_id, number)) == stepwork.standing(left):
                return moves[-1]
        self._moved_back.pop((sponsee_id, number), None)
        return None

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


def _then(operation: Callable[[], "Saved"], after: Callable[["Saved"], None]) -> "Saved":
    """``operation``'s save, then ``after`` with it; after a conflict, once the person chose (``Desk._chosen``)."""
    try:
        saved = operation()
    except ConflictError as error:
        error.after = after
        raise
    after(saved)
    return saved
