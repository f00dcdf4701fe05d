"""What the agenda is made from, as the index holds it (store/index.py): stand-ins for the models.

Each has the attributes and properties of the pydantic model it stands for
that the agenda's rules read (rules/agenda.py), computed by the same
functions (model/plain.py), so `today` says the same from the index as from
the files; a test compares the two on whole notebooks.

Named tuples, not dataclasses: making a dataclass costs about 0.4 ms at
import, ten of them a sixth of `today`'s budget. And no ``from __future__
import annotations`` here: a named tuple's string annotations are each
compiled at import (about 0.1 ms a field).
"""

from datetime import date, datetime
from typing import NamedTuple

from sponsordesk.model.plain import (
    ContactFacts, ContactKind, ContactTiming, EndedName, Initiator, SponseeNaming, StepStatus, SuggestionStatus,
    active_on,
)


class QuickStatus(NamedTuple):
    """A pause's end, as ``Sponsee.status`` has it (the roster's "back Dec 3"). Never an ended one's: the
    index holds only the names of ended sponsorships, and the roster shows them only once read in full."""

    until: date | None
    ended: date | None = None


class QuickSponsee(NamedTuple):
    """A profile as the agenda reads it (the same names as ``Sponsee``'s)."""

    id: str
    name: str
    display_name: str | None
    program: str
    sobriety_date: date | None
    cadence_days: int | None
    phone: str
    state: str
    until: date | None
    snoozed_until: date | None

    shown_name = SponseeNaming.shown_name
    initials = SponseeNaming.initials

    @property
    def status(self) -> QuickStatus:
        return QuickStatus(self.until)

    def is_active_on(self, day: date) -> bool:
        return active_on(self.state, self.until, day)


class QuickDue(NamedTuple):
    """An open suggestion or an assignment not done, by its due date."""

    due: date
    is_open: bool = True
    done: bool = False


class QuickStep(NamedTuple):
    number: int
    assignment: list[QuickDue]
    status: StepStatus
    """The roster's step column (rules/progress.py) reads all twelve."""


class QuickBoard(NamedTuple):
    step: list[QuickStep]


class QuickRecord(NamedTuple):
    sponsee: QuickSponsee
    steps: QuickBoard
    suggestions: list[QuickDue]
    recent: list[ContactFacts]
    unreadable_years: tuple[int, ...] = ()
    partial: bool = False
    open_count: int = 0
    """Open suggestions, with a due date or not (``suggestions`` holds only the dated ones, for the agenda)."""

    @property
    def id(self) -> str:
        return self.sponsee.id


class QuickCadence(NamedTuple):
    under_90_days: int
    under_1_year: int
    otherwise: int


class QuickSettings(NamedTuple):
    cadence: QuickCadence
    milestone_lookahead_days: int
    hide_names: bool


class QuickProgram(NamedTuple):
    key: str
    milestones: list[str]
    yearly: bool


QuickName = EndedName
"""An ended sponsorship as the index keeps it: only what telling look-alike names apart needs (the same
stand-in a partial record holds, model/plain.py)."""


class Quick(NamedTuple):
    """What the index answered: the records of the sponsorships not ended, and the settings they need."""

    records: list[QuickRecord]
    programs: dict[str, QuickProgram]
    settings: QuickSettings
    ended: list[QuickName] = []
    """The ended sponsorships' names: a look-alike among them changes how the others are named."""
    vouched: object = None
    """Their entries (an index.Vouched), for the app's first reading of the files: it names them from these,
    checked again against their files then, instead of parsing the index a second time."""
    adopted: bool = False
    """From another id's index (``index.readable``): this machine has none yet, and its next reading makes it."""


class QuickContact(NamedTuple):
    """A contact as the log's first page shows it, read without pydantic (store/quick_log.py): the same names
    and values as ``Contact``'s, for a file whose every entry the plain reading is sure of."""

    id: str
    at: datetime
    kind: str = ContactKind.CALL.value
    by: str = Initiator.SPONSEE.value
    minutes: int | None = None
    summary: str = ""
    relapse: bool = False
    crisis: bool = False
    meetings: int | None = None
    meeting_notes: str = ""

    connected = ContactTiming.connected
    day = ContactTiming.day


class QuickSuggestion(NamedTuple):
    """A suggestion as the log's first page reads it (the same names and values as ``Suggestion``'s)."""

    id: str
    text: str
    given: date
    contact: str | None = None
    due: date | None = None
    status: str = SuggestionStatus.OPEN.value
    resolved: date | None = None
    outcome: str = ""

    @property
    def is_open(self) -> bool:
        return self.status == SuggestionStatus.OPEN
