"""A sponsee's step board: where they stand in the Twelve Steps."""

from __future__ import annotations

from datetime import date

from pydantic import Field, field_validator

from sponsordesk.model.base import SCHEMA_VERSION, Day, Record
from sponsordesk.model.plain import StepStatus

__all__ = ["Assignment", "Step", "StepBoard", "StepStatus"]


class Assignment(Record):
    """Something the sponsor assigned for a step."""

    id: str
    text: str = Field(min_length=1)
    due: Day | None = None
    done: bool = False
    done_on: Day | None = None


class Step(Record):
    number: int = Field(ge=1, le=12)
    status: StepStatus = StepStatus.NOT_STARTED
    started: Day | None = None
    completed: Day | None = None
    """The day the step was (first) done."""
    revisited: Day | None = None
    """The day the latest revisit of a done step began."""
    notes: str = ""
    assignment: list[Assignment] = Field(default_factory=list)
    """Assignments for this step (TOML: [[step.assignment]])."""


class StepBoard(Record):
    schema_version: int = SCHEMA_VERSION
    step: list[Step] = Field(default_factory=list, validate_default=True)

    @field_validator("step")
    @classmethod
    def _all_twelve(cls, value: list[Step]) -> list[Step]:
        """Fill in missing steps so a hand-written file may list only some."""
        seen = {s.number: s for s in value}
        if len(seen) != len(value):
            dupes = sorted({s.number for s in value if sum(t.number == s.number for t in value) > 1})
            raise ValueError(f"step {dupes[0]} is listed twice")
        return [seen.get(n) or Step(number=n) for n in range(1, 13)]

    def get(self, number: int) -> Step:
        return self.step[number - 1]
