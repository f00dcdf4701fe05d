"""Programs (fellowships): step titles, principles, milestone schedule."""

from __future__ import annotations

from pydantic import Field, field_validator

from sponsordesk.model.base import SCHEMA_VERSION, Record
from sponsordesk.model.plain import parse_milestone

__all__ = ["Program", "ProgramStep", "parse_milestone"]


class ProgramStep(Record):
    number: int = Field(ge=1, le=12)
    title: str
    """Our own short title."""
    principle: str = ""
    wording: str = ""
    """The fellowship's full wording, if the user supplied it."""


class Program(Record):
    schema_version: int = SCHEMA_VERSION
    key: str
    """Short name used in sponsee files, e.g. "AA"."""
    name: str
    milestones: list[str] = Field(default_factory=lambda: ["1d", "30d", "60d", "90d", "6m", "9m", "1y", "18m"])
    """Milestones as a count and unit: d(ays), m(onths), y(ears)."""
    yearly: bool = True
    """After the listed milestones, every year is a milestone."""
    counts_sobriety: bool = True
    """False for a fellowship whose members are not counting sobriety (Al-Anon): the dates mark time in the
    program, the app never says "sober" or "clean" for them, and a relapse mentioned does not offer a new date."""
    step: list[ProgramStep] = Field(default_factory=list)

    @field_validator("milestones")
    @classmethod
    def _milestones_parse(cls, value: list[str]) -> list[str]:
        for item in value:
            parse_milestone(item)  # ValueError, in the user's words, for one that is not a count and unit
        return value

    def title(self, number: int) -> str:
        for s in self.step:
            if s.number == number:
                return s.title
        return f"Step {number}"

    def get_step(self, number: int) -> ProgramStep | None:
        return next((s for s in self.step if s.number == number), None)
