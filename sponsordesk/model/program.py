"""Programs (fellowships): step titles, principles, milestone schedule.

Plain dataclasses, so the app can start from program files already checked
without loading pydantic (store/config_check.py). A program file is validated
by a pydantic model made from these very fields (store/config_models.py):
each field's ``metadata`` holds its constraints, the one place they are written.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sponsordesk.model.limits import SCHEMA_VERSION
from sponsordesk.model.plain import parse_milestone

__all__ = ["Program", "ProgramStep", "parse_milestone"]


def _milestones_parse(value: list[str]) -> list[str]:
    for item in value:
        parse_milestone(item)  # ValueError, in the user's words, for one that is not a count and unit
    return value


@dataclass(kw_only=True)  # keyword-only: the fields keep the file's order (the first problem is reported)
class ProgramStep:
    """One of a program's twelve steps: our short title, its principle and its wording."""

    number: int = field(metadata={"ge": 1, "le": 12})
    title: str
    """Our own short title."""
    principle: str = ""
    wording: str = ""
    """The fellowship's full wording, if the user supplied it."""


@dataclass(kw_only=True)
class Program:
    """A fellowship's program (AA, NA, ...): its steps, milestones and words, from a programs file."""

    schema_version: int = SCHEMA_VERSION
    key: str
    """Short name used in sponsee files, e.g. "AA"."""
    name: str
    milestones: list[str] = field(default_factory=lambda: ["1d", "30d", "60d", "90d", "6m", "9m", "1y", "18m"],
                                  metadata={"check": _milestones_parse})
    """Milestones as a count and unit: d(ays), m(onths), y(ears)."""
    yearly: bool = True
    """After the listed milestones, every year is a milestone."""
    counts_sobriety: bool = True
    """False for a fellowship whose members are not counting sobriety (Al-Anon): the dates mark time in the
    program, the app never says "sober" or "clean" for them, and a relapse mentioned does not offer a new date."""
    step: list[ProgramStep] = field(default_factory=list)

    def title(self, number: int) -> str:
        for s in self.step:
            if s.number == number:
                return s.title
        return f"Step {number}"

    def get_step(self, number: int) -> ProgramStep | None:
        return next((s for s in self.step if s.number == number), None)
