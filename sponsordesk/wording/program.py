"""Words for the time a sponsee counts, fitted to their program: "clean" in AA, never "sober" in Al-Anon."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TimeWords:
    """How a program speaks of clean time ("sobriety date", "clean since", ...)."""

    date: str
    """'sobriety date' / 'program date' (a label: capitalise it there)."""
    since: str
    """'clean since' / 'in the program since'."""
    time: str
    """'clean time' / 'time in the program'."""
    after: str
    """After a length: '9 days clean' / '9 days in the program'."""
    history: str
    """'sobriety history' / 'program dates'."""
    first: str
    """What the date is: 'the first clean day' / 'their first meeting'."""


SOBRIETY = TimeWords("sobriety date", "clean since", "clean time", "clean", "sobriety history",
                     "the first clean day")
IN_PROGRAM = TimeWords("program date", "in the program since", "time in the program", "in the program",
                       "program dates", "their first meeting")


def time_words(counts_sobriety: bool) -> TimeWords:
    """The words for a program (``Program.counts_sobriety``)."""
    return SOBRIETY if counts_sobriety else IN_PROGRAM
