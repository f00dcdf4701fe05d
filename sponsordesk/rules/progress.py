"""Step progress: current step, counts and gentle out-of-order notes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sponsordesk.model.plain import StepStatus

if TYPE_CHECKING:
    from sponsordesk.model.steps import StepBoard

ACTIVE = (StepStatus.WORKING, StepStatus.REVISITING)
FINISHED = (StepStatus.DONE, StepStatus.REVISITING)


def working_steps(board: StepBoard) -> list[int]:
    return [s.number for s in board.step if s.status in ACTIVE]


def done_count(board: StepBoard) -> int:
    return sum(s.status == StepStatus.DONE for s in board.step)


def current_step(board: StepBoard) -> int | None:
    """The lowest step being worked; else the next one not done; None before
    any step is begun and after all 12 are done."""
    working = working_steps(board)
    if working:
        return working[0]
    if done_count(board) in (0, 12):
        return None
    return next(s.number for s in board.step if s.status != StepStatus.DONE)


def current_step_text(board: StepBoard) -> str:
    """'4', '4+6' (two at once), 'next 5', 'not started', 'all 12 done'."""
    working = working_steps(board)
    if working:
        return "+".join(str(n) for n in working[:3]) + ("…" if len(working) > 3 else "")
    done = done_count(board)
    if done == 12:
        return "all 12 done"
    if done == 0:
        return "not started"
    return f"next {current_step(board)}"


def out_of_order(board: StepBoard) -> list[str]:
    """Gentle notes such as 'step 6 started before step 5 was done'."""
    notes = []
    for s in board.step[1:]:
        before = board.get(s.number - 1)
        # a step being revisited was done before, so work after it is in order
        if s.status in (StepStatus.WORKING, StepStatus.DONE) and before.status not in FINISHED:
            verb = "started" if s.status == StepStatus.WORKING else "done"
            notes.append(f"step {s.number} {verb} before step {before.number} was done")
    return notes
