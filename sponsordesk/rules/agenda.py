"""Who needs a call today, and why: pure logic over loaded records, no Textual.

Every day here is a local calendar date: a contact logged at 23:30 counts
on that evening's date wherever its offset was written, and "3 days since
you talked" counts calendar days, so a daylight-saving change (a 23- or
25-hour day) never shifts the answer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta, tzinfo

from sponsordesk.wording.days import (
    ahead_text, day_text, days_ago, days_text, due_text, every_text, unreadable_text,
)
from sponsordesk.wording.numbers import count_text
from sponsordesk.rules.cadence import cadence_for
from sponsordesk.rules.cleantime import Milestone, upcoming_milestones
from typing import TYPE_CHECKING, NamedTuple

from sponsordesk.model.plain import SponseeState, local_day

if TYPE_CHECKING:  # the quick `today` (store/index.py) passes stand-ins of the same shape, without pydantic
    from sponsordesk.model import Contact, Program, Settings, SponseeRecord

# Codes that put someone on the agenda, most urgent tier first (see sort_key).
URGENT = ("crisis", "relapse")
CADENCE = ("overdue", "never", "due_today")
MILESTONE = ("milestone_today", "milestone_soon")
FOLLOW_UP = ("suggestion_due", "assignment_due")
UNREADABLE = "unreadable"
"""A contacts year file did not load: when the sponsee was last talked to is not known, so say that."""
TALKS = ("call", "in_person", "meeting", "step_work")
"""Kinds of contact where you talked: a crisis or relapse raised in one has been heard that day."""
ATTEMPTED = "attempted"
"""Shown beside the others but never a reason on its own: an attempt is not a talk."""


class Reason(NamedTuple):
    code: str
    text: str

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "text": self.text}


class Assessment:
    """Where one sponsee stands on a day, whether or not they are due.

    A plain class, not a dataclass: `sponsordesk today` answers from the index
    in a blink, and making a dataclass at import costs about 0.4 ms each.
    """

    __slots__ = ("record", "day", "cadence", "last_day", "next_due", "milestone", "reasons", "left_out",
                 "follow_up_days")

    def __init__(self, record: SponseeRecord, day: date, cadence: int, last_day: date | None, next_due: date,
                 milestone: Milestone | None, reasons: list[Reason] | None = None, left_out: str = "",
                 follow_up_days: int = 0) -> None:
        self.record = record
        self.day = day
        self.cadence = cadence
        self.last_day = last_day
        """Local date of the last contact that connected."""
        self.next_due = next_due
        """The day the next call is due (today if nobody has talked yet)."""
        self.milestone = milestone
        self.reasons: list[Reason] = [] if reasons is None else reasons
        self.left_out = left_out
        """Why they are not on the agenda at all: 'ended', 'paused', 'snoozed'."""
        self.follow_up_days = follow_up_days
        """How many days the oldest due suggestion or assignment is past its date."""

    def __repr__(self) -> str:
        return f"Assessment({self.id!r}, {self.day}, {self.codes}, left_out={self.left_out!r})"

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def codes(self) -> list[str]:
        return [r.code for r in self.reasons]

    @property
    def days_since(self) -> int | None:
        return None if self.last_day is None else (self.day - self.last_day).days

    @property
    def days_past_due(self) -> int:
        return (self.day - self.next_due).days

    @property
    def on_agenda(self) -> bool:
        return not self.left_out and any(code != ATTEMPTED for code in self.codes)

    def sort_key(self) -> tuple:
        """Crisis, relapse; then furthest past cadence; then milestones; then follow-ups."""
        codes = set(self.codes)
        name = self.record.sponsee.shown_name.casefold()
        if codes & set(URGENT):
            return (0, 0 if "crisis" in codes else 1, -(self.days_since or 0), name)
        if "never" in codes or UNREADABLE in codes:
            # nobody has talked yet, or it cannot be told: counts as furthest past cadence
            return (1, -10**6, name)
        if codes & {"overdue", "due_today"}:
            return (1, -self.days_past_due, name)
        if codes & set(MILESTONE):
            return (2, self.milestone.days_from(self.day) if self.milestone else 0, name)
        return (3, -self.follow_up_days, name)


def _contact_reasons(contacts: list[Contact], day: date, tz: tzinfo | None) -> list[Reason]:
    """Crisis/relapse not yet followed by a contact that connected, and attempts since the last talk."""
    reasons = []
    for contact in contacts:  # newest first; stop at the last contact that connected
        if contact.crisis or contact.relapse:
            reason = _urgent_reason(contact, local_day(contact.at, tz), day)
            if reason is not None:
                reasons.append(reason)
            break
        if contact.connected:
            break
    attempts = []
    for contact in contacts:
        if contact.connected:
            break
        attempts.append(local_day(contact.at, tz))
    if attempts:
        first = min(attempts)
        since = "today" if first == day else f"since {day_text(first, day)}"
        reasons.append(Reason(ATTEMPTED, f"tried {count_text(len(attempts))} {since}"))
    return reasons


def _urgent_reason(contact: Contact, on: date, day: date) -> Reason | None:
    """A crisis or relapse that came up ``on`` a day, as a reason on ``day`` (None: you talked it through today).

    Talked about in a call, in person, at a meeting or in step work, it was
    heard that day: the sponsor checks in from the next day. In a text or a
    message left on an attempt nobody has talked it through: it is urgent now.
    """
    code = "crisis" if contact.crisis else "relapse"
    what = "a crisis" if contact.crisis else "a relapse"
    if str(contact.kind) in TALKS:
        if on == day:
            return None
        when = "yesterday" if (day - on).days == 1 else f"on {day_text(on, day)}"
        return Reason(code, f"{what} came up when you talked {when}; check in")
    if str(contact.kind) == "text":
        return Reason(code, f"{what} came up in a text {day_text(on, day)}; reach out")
    return Reason(code, f"{what} came up {day_text(on, day)}, and you have not talked since; reach out")


def _cadence_reason(last_day: date | None, next_due: date, cadence: int, day: date) -> Reason | None:
    if last_day is None:
        return Reason("never", "no contact logged yet; reach out")
    talked = f"{days_text((day - last_day).days)} since you talked; {every_text(cadence)}"
    if day > next_due:
        return Reason("overdue", talked)
    if day == next_due:
        return Reason("due_today", f"call due today ({every_text(cadence)})")
    return None


def _milestone_reasons(upcoming: list[Milestone], day: date, lookahead: int) -> list[Reason]:
    out = []
    until = day + timedelta(days=lookahead)
    for m in upcoming:
        if m.day > until:
            break  # in order
        if m.day == day:
            out.append(Reason("milestone_today", f"{m.label} today"))
        elif m.day > day:
            out.append(Reason("milestone_soon", f"{m.label} {ahead_text(m.day, day)}"))
    return out


def _due_text(what: str, dues: list[date], day: date) -> str:
    """'a suggestion was due yesterday', '2 suggestions due today', '2 suggestions due, the first 6 days ago'.

    Never a bare weekday for a day gone by: on a Saturday "due Sunday" read as tomorrow.
    """
    oldest = min(dues)
    if len(set(dues)) == 1:
        return f"{what} {due_text(oldest, day, many=len(dues) > 1)}"
    return f"{what} due, the first {days_ago(oldest, day)}"


def _follow_up_reasons(record: SponseeRecord, day: date) -> tuple[list[Reason], int]:
    reasons, oldest_days = [], 0
    due = [s.due for s in record.suggestions if s.is_open and s.due and s.due <= day]
    if due:
        what = "a suggestion" if len(due) == 1 else f"{len(due)} suggestions"
        reasons.append(Reason("suggestion_due", _due_text(what, due, day)))
        oldest_days = (day - min(due)).days
    assigned = [(step.number, a.due) for step in record.steps.step for a in step.assignment
                if not a.done and a.due and a.due <= day]
    if assigned:
        steps = sorted({n for n, _ in assigned})
        what = f"step {steps[0]} assignment" if len(steps) == 1 else "step assignment"
        what = what if len(assigned) == 1 else f"{len(assigned)} {what}s"
        dues = [d for _, d in assigned]
        reasons.append(Reason("assignment_due", _due_text(what, dues, day)))
        oldest_days = max(oldest_days, (day - min(dues)).days)
    return reasons, oldest_days


def assess(record: SponseeRecord, day: date, settings: Settings, program: Program,
           tz: tzinfo | None = None) -> Assessment:
    """Every reason this sponsee may need a call on ``day``, and what leaves them out."""
    sponsee = record.sponsee
    cadence = cadence_for(sponsee, day, settings.cadence)
    # a later date's contacts (the day asked about may be in the past) do not count yet
    contacts = [c for c in record.recent if local_day(c.at, tz) <= day]
    last = next((c for c in contacts if c.connected), None)
    last_day = local_day(last.at, tz) if last else None
    next_due = last_day + timedelta(days=cadence) if last_day else day
    upcoming = upcoming_milestones(sponsee.sobriety_date, program, day)  # once: the next one and the reasons
    found = Assessment(record, day, cadence, last_day, next_due, upcoming[0] if upcoming else None)
    if sponsee.state == SponseeState.ENDED:
        found.left_out = "ended"
    elif not sponsee.is_active_on(day):
        found.left_out = "paused"
    elif sponsee.snoozed_until and sponsee.snoozed_until > day:
        found.left_out = "snoozed"
    contact_reasons = _contact_reasons(contacts, day, tz)
    urgent = [r for r in contact_reasons if r.code in URGENT]
    attempted = [r for r in contact_reasons if r.code == ATTEMPTED]
    cadence_reason = _cadence_reason(last_day, next_due, cadence, day)
    unreadable = [year for year in record.unreadable_years if last_day is None or year >= last_day.year]
    if unreadable:
        # a later contact may be in the file that did not load: "never" or "5 days" would be a guess
        cadence_reason = Reason(UNREADABLE, unreadable_text(unreadable))
    follow_ups, found.follow_up_days = _follow_up_reasons(record, day)
    found.reasons = [*urgent, *([cadence_reason] if cadence_reason else []), *attempted,
                     *_milestone_reasons(upcoming, day, settings.milestone_lookahead_days), *follow_ups]
    return found


def build_agenda(records: Iterable[SponseeRecord], day: date, settings: Settings,
                 program_for: Callable[[str], Program], tz: tzinfo | None = None) -> list[Assessment]:
    """Who is due on ``day``, most urgent first; paused, ended and snoozed are left out."""
    return agenda_of([assess(r, day, settings, program_for(r.sponsee.program), tz) for r in records])


def agenda_of(assessments: Iterable[Assessment]) -> list[Assessment]:
    """The ones on the agenda, most urgent first (see Assessment.sort_key): the one order every view uses."""
    return sorted((a for a in assessments if a.on_agenda), key=Assessment.sort_key)
