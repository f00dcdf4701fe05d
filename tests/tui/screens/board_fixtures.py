"""Step boards for the board tests, written through the store at a fixed TODAY."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from sponsordesk.model import Assignment, SobrietyDate, Sponsee, StepBoard, StepStatus
from sponsordesk.store import Store

from tests.conftest import TODAY
from tests.seed import put_profile, put_steps

SPONSEE = "sam-r"


def write_board(data_dir: Path, done: int, working: list[int], program: str = "AA") -> Path:
    """One sponsee, Sam Rivera, with ``done`` steps done (two weeks each) and some working."""
    store = Store(data_dir)
    put_profile(store, Sponsee(id=SPONSEE, name="Sam Rivera", program=program,
                               sobriety=[SobrietyDate(date=TODAY - timedelta(days=400))]))
    board = StepBoard()
    day = TODAY - timedelta(days=14 * done + 21)
    for number in range(1, done + 1):
        step = board.get(number)
        step.status, step.started, step.completed = StepStatus.DONE, day, day + timedelta(days=14)
        day = step.completed
    for number in working:
        step = board.get(number)
        step.status, step.started = StepStatus.WORKING, TODAY - timedelta(days=21)
        step.notes = "Reads a page a day.\nCalls after the Tuesday meeting."
        step.assignment = [
            Assignment(id=f"a-{number}1", text=f"Write answers to the step {number} questions",
                       due=TODAY + timedelta(days=3)),
            Assignment(id=f"a-{number}2", text="Read the chapter on this step", due=TODAY - timedelta(days=2)),
        ]
    put_steps(store, SPONSEE, board)
    return data_dir


@pytest.fixture
def early_dir(data_dir: Path) -> Path:
    """Step 1 working."""
    return write_board(data_dir, 0, [1])


@pytest.fixture
def mid_dir(data_dir: Path) -> Path:
    """Steps 1-3 done, step 4 working."""
    return write_board(data_dir, 3, [4])


@pytest.fixture
def complete_dir(data_dir: Path) -> Path:
    """All twelve done."""
    return write_board(data_dir, 12, [])


def saved_board(data_dir: Path) -> StepBoard:
    """The board as a fresh store reads it from disk."""
    record = Store(data_dir).load_sponsee(SPONSEE, TODAY)
    assert record is not None
    return record.steps


def steps_file(data_dir: Path) -> Path:
    """Sam's steps.toml, to edit as a person would in an editor."""
    from sponsordesk.store import layout

    return layout.steps_path(data_dir, SPONSEE)
