"""Step work rules: a step's status and dates, how long it took, progress through the 12.

Screens call these and show the result; every function changes the model in
place and raises :class:`StepWorkError` (message ready to show) when a change
does not make sense. No Textual here.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sponsordesk.rules.cleantime import months_between
from sponsordesk.model import Program, StepStatus
from sponsordesk.rules.progress import done_count, working_steps
from sponsordesk.wording.dates import short_date
from sponsordesk.wording.labels import step_status_label

if TYPE_CHECKING:
    from sponsordesk.model import Step, StepBoard

# Revisiting is a later round on a finished step, so the cycle never ends at "done".
FORWARD = {
    StepStatus.NOT_STARTED: StepStatus.WORKING,
    StepStatus.WORKING: StepStatus.DONE,
    StepStatus.DONE: StepStatus.REVISITING,
    StepStatus.REVISITING: StepStatus.DONE,
}


DATE_FIELDS = {"started": "Started", "completed": "Done on", "revisited": "Revisiting since"}


class StepWorkError(ValueError):
    """A change that cannot be made; the message says why, ready to show.

    ``field`` names the date field it is about (for the dates form), if any.
    """

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


def status_of(step: Step) -> StepStatus:
    return StepStatus(step.status)


def label(step: Step) -> str:
    return step_status_label(status_of(step))


def principle(program: Program, number: int) -> str:
    found = program.get_step(number)
    return found.principle if found else ""


def wording(program: Program, number: int) -> str:
    """The fellowship's full wording if the user supplied it, else our short title."""
    found = program.get_step(number)
    return found.wording.strip() if found and found.wording.strip() else program.title(number)


# ------------------------------------------------------------------ status


def move_forward(step: Step, on: date) -> StepStatus:
    """not started -> working -> done -> revisiting -> done ...; dates default to ``on``."""
    status = status_of(step)
    if status == StepStatus.NOT_STARTED:
        step.started, step.completed, step.revisited = on, None, None
    elif status == StepStatus.WORKING:
        step.started = step.started or on
        step.completed = max(on, step.started)
    elif status == StepStatus.DONE:
        step.revisited = on
    else:  # revisiting -> done keeps the first completion (and the revisit date as history)
        step.started = step.started or on
        step.completed = step.completed or max(on, step.started)
    step.status = FORWARD[status]
    return status_of(step)


def standing(step: Step) -> tuple:
    """What a move changes: the status and its dates."""
    return status_of(step), step.started, step.completed, step.revisited


def move_back(step: Step) -> StepStatus:
    """Undo the last move: the dates that move set are cleared again (the desk keeps them, to put back)."""
    status = status_of(step)
    if status == StepStatus.NOT_STARTED:
        raise StepWorkError(f"step {step.number} has not been started, so there is nothing to move back")
    if status == StepStatus.WORKING:
        step.started, step.completed, step.revisited = None, None, None
        step.status = StepStatus.NOT_STARTED
    elif status == StepStatus.DONE and step.revisited is not None:
        step.status = StepStatus.REVISITING  # undo finishing a revisit
    elif status == StepStatus.DONE:
        step.completed = None
        step.status = StepStatus.WORKING
    else:  # revisiting: undo starting the revisit
        step.revisited = None
        step.status = StepStatus.DONE if step.completed else StepStatus.WORKING
    return status_of(step)


# ------------------------------------------------------------------ dates


def date_fields(step: Step) -> list[str]:
    """Which dates a step in its status has (the date form shows these)."""
    status = status_of(step)
    if status == StepStatus.NOT_STARTED:
        return []
    if status == StepStatus.WORKING:
        return ["started"]
    if status == StepStatus.DONE and step.revisited is None:
        return ["started", "completed"]
    if status == StepStatus.REVISITING and step.completed is None and step.revisited is None:
        return ["started"]  # a hand-written (or demo) revisit: "started" is when it began
    return ["started", "completed", "revisited"]


def set_dates(step: Step, days: dict[str, date | None], today: date) -> None:
    """Store a step's dates after checking they fit together; nothing changes if one does not."""
    fields = date_fields(step)
    if not fields:
        raise StepWorkError(f"step {step.number} has not been started yet; press ] to start it")
    days = {f: days.get(f) for f in fields}
    for f, day in days.items():
        if day is not None and day > today:
            raise StepWorkError(f"{DATE_FIELDS[f]} is after today; use {today.isoformat()} or earlier", f)
    if days["started"] is None:
        raise StepWorkError("Started: a date is needed, e.g. " + today.isoformat(), "started")
    status = status_of(step)
    if status == StepStatus.DONE and days.get("completed") is None:
        raise StepWorkError("Done on: a date is needed, e.g. " + today.isoformat(), "completed")
    if days.get("completed") and days["completed"] < days["started"]:
        raise StepWorkError("Done on is before the step was started", "completed")
    if days.get("revisited") and days["revisited"] < (days.get("completed") or days["started"]):
        raise StepWorkError("Revisiting since is before the step was first done", "revisited")
    if status == StepStatus.REVISITING and "revisited" in days and days["revisited"] is None:
        raise StepWorkError("Revisiting since: a date is needed, e.g. " + today.isoformat(), "revisited")
    for f, day in days.items():
        setattr(step, f, day)


# ------------------------------------------------------------------ how long


def span_text(start: date, end: date) -> str:
    """'1 day', '9 days', '3 weeks', '4 months', '2 years'."""
    days = (end - start).days
    if days < 14:
        return f"{days} day" + ("" if days == 1 else "s")
    if days < 63:
        return f"{days // 7} weeks"
    months = months_between(start, end)
    if months < 24:
        return f"{months} months"
    return f"{months // 12} years"


def since(step: Step) -> date | None:
    """The date the step's current status began."""
    status = status_of(step)
    if status == StepStatus.WORKING:
        return step.started
    if status == StepStatus.DONE:
        return step.completed
    if status == StepStatus.REVISITING:
        return step.revisited or step.started
    return None


def how_long(step: Step, today: date) -> str:
    """Short, for a table: 'for 3 weeks', 'took 5 weeks', 'from today'."""
    status = status_of(step)
    start = since(step)
    if status == StepStatus.DONE:
        if step.started and step.completed:
            days = (step.completed - step.started).days
            return "same day" if days == 0 else f"took {span_text(step.started, step.completed)}"
        return ""
    if start is None:
        return ""
    return "from today" if start >= today else f"for {span_text(start, today)}"


def step_story(step: Step, today: date) -> str:
    """One sentence: 'Working for 3 weeks, since Oct 10.' / 'Done Apr 2; took 5 weeks.'"""
    status = status_of(step)
    start = since(step)
    if status == StepStatus.NOT_STARTED:
        return "Not started yet."
    if start is None:
        return f"{step_status_label(status).capitalize()} (no date set; press d to set one)."
    when = short_date(start, today)
    if status == StepStatus.DONE:
        text = f"Done {when}"
        took = how_long(step, today)
        if took:
            text += "; done the same day it started" if took == "same day" else f"; {took}"
        if step.revisited:
            text += f"; revisited from {short_date(step.revisited, today)}"
        return text + "."
    verb = "Working" if status == StepStatus.WORKING else "Revisiting"
    if start >= today:
        text = f"{verb} since today"
    else:
        text = f"{verb} for {span_text(start, today)}, since {when}"
    if status == StepStatus.REVISITING and step.completed:
        text += f" (first done {short_date(step.completed, today)})"
    return text + "."


# ------------------------------------------------------------------ progress


def progress_text(board: StepBoard) -> str:
    """'3 of 12 done · working on 4', 'not started yet', 'all 12 done'."""
    done = done_count(board)
    working = working_steps(board)
    parts = []
    if done == 12:
        parts.append("all 12 done")
    elif done or working:
        parts.append(f"{done} of 12 done")
    else:
        parts.append("not started yet")
    # a step done once and gone through again reads as that, not as a first time through (after a relapse)
    again = [s.number for s in board.step if s.number in working and s.status == StepStatus.REVISITING]
    first = [n for n in working if n not in again]
    for numbers, verb in ((first, "working on"), (again, "revisiting")):
        if numbers:
            names = ", ".join(str(n) for n in numbers[:-1])
            listed = f"{names} and {numbers[-1]}" if names else str(numbers[0])
            parts.append(f"{verb} {'steps' if len(numbers) > 1 else 'step'} {listed}")
    return " · ".join(parts)


def counts(board: StepBoard) -> dict[StepStatus, int]:
    found = {status: 0 for status in StepStatus}
    for step in board.step:
        found[status_of(step)] += 1
    return found
