"""Undo: a change taken back right after, through the same door as every other change."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from sponsordesk.store.changes import Change


@dataclass(frozen=True)
class Undo:
    """What ``Desk.undo`` commits to take a change back: each entry as it was before."""

    description: str
    """What was done, e.g. "Deleted the Nov 30 call"."""
    sponsee_id: str
    changes: tuple[Change, ...]
    undone: str = ""
    """What taking it back did, e.g. "The Nov 30 call is back" ("Undone: deleted ..." read as a deletion)."""


def undoing(description: str, sponsee_id: str, changes: Sequence[Change], undone: str = "") -> Undo:
    """The Undo of ``changes`` (as the store saved them: ``Commit.changes``): each entry back from what was
    written to what it was, in the file it was written to.

    Undoing is itself a merge: if the entry was changed again meanwhile (in
    an editor, say), the undo is a conflict, never an overwrite.
    """
    inverse = tuple(replace(change, base=change.new, new=change.base, placed=True) for change in reversed(changes))
    return Undo(description, sponsee_id, inverse, undone)
