"""One sponsee as loaded: the profile, the step board, suggestions and recent contact facts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sponsordesk.model.plain import ContactFacts, EndedName

if TYPE_CHECKING:  # a record is made without pydantic (a partial one, at a start the index answers)
    from sponsordesk.model.contact import Contact, Suggestion
    from sponsordesk.model.sponsee import Sponsee
    from sponsordesk.model.steps import StepBoard


@dataclass
class SponseeRecord:
    """What the roster needs about one sponsee, loaded without whole logs."""

    sponsee: Sponsee | EndedName
    """The profile; for a ``partial`` record only its name (``EndedName``)."""
    steps: StepBoard
    suggestions: list[Suggestion]
    recent: list[ContactFacts] = field(default_factory=list)
    """Newest first: contacts since about RECENT_DAYS ago, and at least the
    last one that connected (if any was ever logged).

    The contract: these are ``ContactFacts`` (when, kind, who reached out,
    minutes, relapse, crisis, meetings), never a summary or meeting notes,
    whether they came from the files or from the facts cache. Anything
    that shows, searches, edits or exports a contact's words reads whole
    ``Contact`` objects from the store (``iter_contacts``,
    ``recent_contacts``, the log's pager). A ``Contact`` has every field a
    ``ContactFacts`` has, so pure functions accept either."""
    unreadable_years: list[int] = field(default_factory=list)
    """Years whose contacts file did not load (reported as problems): ``recent`` may miss contacts from them,
    so the agenda says it cannot tell instead of counting from what it could read."""
    partial: bool = False
    """An ended sponsorship not read in full: read when it is shown (``Desk.record``). ``sponsee`` is only
    its name (``EndedName``: from its profile, or from the index when every file of theirs still matches
    it), and its empty step board and suggestions are not what the files hold: never show or save from
    them."""

    @property
    def id(self) -> str:
        return self.sponsee.id

    @property
    def last_connected(self) -> Contact | None:
        return next((c for c in self.recent if c.connected), None)

    @property
    def open_suggestions(self) -> list[Suggestion]:
        return [s for s in self.suggestions if s.is_open]

    @property
    def open_count(self) -> int:
        """How many suggestions are open (the roster's column; the index's stand-in has the same)."""
        return sum(s.is_open for s in self.suggestions)
