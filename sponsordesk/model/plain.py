"""The parts of the model that need no pydantic: states, kinds, names, milestone specs, contact facts.

`sponsordesk today` answers from the data folder's index (store/index.py)
without importing pydantic (about 80 ms of a 60 ms budget): what it and the
rules need of the model lives here, and the pydantic models use the same
definitions, so the quick path and the full one cannot drift apart.

No ``from __future__ import annotations``: ``ContactFacts`` is a named tuple,
whose string annotations would each be compiled at import.
"""

import re
import time
from datetime import date, datetime, tzinfo
from enum import StrEnum
from typing import NamedTuple


class SponseeState(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    ENDED = "ended"


class SuggestionStatus(StrEnum):
    OPEN = "open"
    FOLLOWED = "followed"
    NOT_FOLLOWED = "not_followed"
    DROPPED = "dropped"


class StepStatus(StrEnum):
    NOT_STARTED = "not_started"
    WORKING = "working"
    DONE = "done"
    REVISITING = "revisiting"


def active_on(state: str, until: date | None, day: date) -> bool:
    """Active, or paused with the pause over by ``day`` (``until``: the day the pause ends)."""
    if state == SponseeState.ENDED:
        return False
    if state == SponseeState.PAUSED:
        return until is not None and until <= day
    return True


def name_words(name: str) -> list[str]:
    """The words of a name that hold a letter or digit: an emoji or symbol typed beside it ("🌻", "-") is not a name."""
    # str.split() splits on the same whitespace as the pattern \s+ (str.isspace), several times faster: every
    # name on the roster and the agenda comes through here, a thousand at start for the look-alikes alone
    return [p for p in name.split() if p.isalnum() or any(ch.isalnum() for ch in p)]


def _initial(word: str) -> str:
    # the first letter, past any bracket or quote typed before it
    return next(ch for ch in word if ch.isalnum()).upper()


def short_name(name: str) -> str:
    """'Samantha Rivera' -> 'Samantha R.'; a single name stays as it is; 'Siobhán O'Neil 🌻' -> 'Siobhán O.'."""
    parts = name_words(name)
    if len(parts) < 2:
        return parts[0] if parts else name.strip()
    return f"{parts[0]} {_initial(parts[-1])}."


def shown_name_of(name: str, display_name: str | None) -> str:
    """The name every screen shows: the display name if one is set, else 'Sam R.'."""
    return display_name or short_name(name)


def initials_of(name: str) -> str:
    """'Sam Rivera' -> 'S.R.': what the privacy screen shows."""
    return "".join(_initial(p) + "." for p in name_words(name)[:3]) or "?"


class SponseeNaming:
    """What a sponsee and the index's stand-in for one both answer about the name (see ContactTiming)."""

    # No annotations here: pydantic would take them for fields of Sponsee.
    __slots__ = ()

    @property
    def shown_name(self) -> str:
        return shown_name_of(self.name, self.display_name)

    @property
    def initials(self) -> str:
        return initials_of(self.name)


class EndedName(NamedTuple):
    """An ended sponsorship not read in full: its id and the words it is named by, and nothing else.

    What a partial record (``SponseeRecord.partial``) holds instead of its profile, and what the index keeps
    of an ended sponsorship (store/index.py): at start the app takes it from the index, without parsing the
    profile, when every file of theirs still matches it. Telling look-alike names apart, the command
    palette's names and the check that nobody is left (``Desk.empty``) need no more. Anything else (a
    phone number, dates, notes) is not here on purpose: what shows or changes more reads the files first
    (``Desk.record``), and an attribute a screen wrongly asks of it fails loudly instead of reading as empty.
    """

    id: str
    name: str
    display_name: str | None
    program: str

    shown_name = SponseeNaming.shown_name
    initials = SponseeNaming.initials

    @property
    def state(self) -> SponseeState:
        return SponseeState.ENDED  # only ever made for an ended sponsorship

    @classmethod
    def of(cls, sponsee: "SponseeNaming") -> "EndedName":
        """The name of a profile as read (a ``Sponsee``), or of another stand-in."""
        return cls(sponsee.id, sponsee.name, sponsee.display_name, sponsee.program)  # type: ignore[attr-defined]


_MILESTONE = re.compile(r"^(\d+)([dmy])$")


def parse_milestone(spec: str) -> tuple[int, str]:
    match = _MILESTONE.match(spec)
    if not match:
        raise ValueError(f"milestone {spec!r} should look like 30d, 6m or 1y")
    return int(match.group(1)), match.group(2)


class ContactKind(StrEnum):
    CALL = "call"
    TEXT = "text"
    IN_PERSON = "in_person"
    MEETING = "meeting"
    STEP_WORK = "step_work"
    ATTEMPT = "attempt"

    @property
    def connected(self) -> bool:
        """An attempt that did not connect does not reset the cadence clock."""
        return self is not ContactKind.ATTEMPT


class Initiator(StrEnum):
    SPONSEE = "sponsee"
    SPONSOR = "sponsor"


_DAYS: dict[datetime, date] = {}
_DAYS_ZONE: tuple = ()
_DAYS_MAX = 200_000
_DAYS_FOR = 60.0
"""Seconds the remembered days are kept: a C library that follows a change of the system's time zone without
``time.tzset()`` (macOS's, it seems) leaves Python's ``time.timezone`` as it was, and the days then follow
the new zone within a minute, never mixed for longer."""
_DAYS_SINCE = 0.0


def local_day(moment: datetime, tz: tzinfo | None = None) -> date:
    """``moment``'s date on the sponsor's clock (``tz``; None: this machine's), as the agenda counts days (a
    call logged at 23:30 in another offset still falls on the sponsor's evening).

    This machine's day is remembered: the roster, its rhythm and the agenda ask it of every recent contact
    of every sponsee, about 18,000 times in a start at a thousand sponsees, and it costs 1-2 µs each time.
    Keyed by the instant (aware datetimes in two offsets for one moment are equal; the files' datetimes have
    fixed offsets, so no ``fold`` tells two apart), and forgotten when this process's time zone changes
    (``time.tzset()`` after TZ is set: tests, and nothing else here) and after a minute (``_DAYS_FOR``).
    """
    global _DAYS_ZONE, _DAYS_SINCE
    if tz is not None:
        return moment.astimezone(tz).date()
    zone = (time.timezone, time.altzone, time.tzname)
    now = time.monotonic()
    if zone != _DAYS_ZONE or now - _DAYS_SINCE > _DAYS_FOR or len(_DAYS) > _DAYS_MAX:
        _DAYS.clear()
        _DAYS_ZONE, _DAYS_SINCE = zone, now
    day = _DAYS.get(moment)
    if day is None:
        day = _DAYS[moment] = moment.astimezone().date()
    return day


class ContactTiming:
    """What a contact and its facts both answer: did it connect, and on which day."""

    # No annotations here: pydantic would take them for fields of Contact.
    __slots__ = ()

    @property
    def connected(self) -> bool:
        # a comparison, not ContactKind(kind).connected: the roster asks it of every recent contact of every
        # sponsee at each redraw (6,000 at a thousand sponsees), and the enum's call is most of the cost
        return self.kind != ContactKind.ATTEMPT

    @property
    def day(self) -> date:
        """The date on this machine's clock, as the agenda counts days (a call
        logged at 23:30 in another offset still falls on the sponsor's evening)."""
        return local_day(self.at)


class ContactFacts(NamedTuple):
    """A contact without the words: what the roster, agenda and rhythm need.

    No summary, no meeting notes, no unknown keys: nothing the sponsor typed.
    This is what ``SponseeRecord.recent`` holds (and what the disposable
    facts cache keeps outside the data folder), so no screen can show or
    save a summary from it by accident: a summary is read from the store.
    """

    id: str
    at: datetime
    kind: str = ContactKind.CALL.value
    by: str = Initiator.SPONSEE.value
    minutes: int | None = None
    relapse: bool = False
    crisis: bool = False
    meetings: int | None = None

    # a named tuple (cheap to make at import, see store/index.py) cannot take a base class: the same properties
    connected = ContactTiming.connected
    day = ContactTiming.day

    @classmethod
    def of(cls, contact: "ContactTiming") -> "ContactFacts":
        return cls(contact.id, contact.at, str(contact.kind), str(contact.by), contact.minutes,
                   contact.relapse, contact.crisis, contact.meetings)
