"""Correcting the history of sobriety dates: a typo fixed, a date entered by mistake removed. Pure, no files.

A correction is not a relapse: it adds no date. It changes only the entries
it names, each as it was shown, so no real earlier date is ever dropped
without someone asking for exactly that one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sponsordesk.model import SobrietyDate


@dataclass(frozen=True)
class Fix:
    """One entry of the history as it was shown (``old``), and what it becomes (``new``; None: removed)."""

    old: SobrietyDate
    new: SobrietyDate | None

    @property
    def removes(self) -> bool:
        return self.new is None


class HistoryChanged(ValueError):
    """An entry a fix names is no longer in the history (changed meanwhile): nothing is corrected."""


def corrected(history: Sequence[SobrietyDate], fixes: Sequence[Fix]) -> list[SobrietyDate]:
    """``history`` with each fix applied to the entry it names, newest first; every other entry as it is."""
    out = list(history)
    for fix in fixes:
        if fix.old not in out:
            raise HistoryChanged(f"the date {fix.old.date.isoformat()} is no longer in the history")
        index = out.index(fix.old)
        if fix.new is None:
            del out[index]
        else:
            out[index] = fix.new
    return sorted(out, key=lambda entry: entry.date, reverse=True)
