"""The sponsee's card as plain data: everything a sponsor needs before a call, in the app's words.

Names follow the privacy screen (initials), and everything the sponsor typed
about the person (phone, home group, best way, notes, suggestions, summaries,
the history's notes) is masked while it is on, as on every other screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sponsordesk.model import SponseeRecord, SponseeState
from sponsordesk.rules.cadence import cadence_basis, cadence_for
from sponsordesk.rules.cleantime import clean_time_text, milestones
from sponsordesk.rules.followthrough import open_in_order
from sponsordesk.rules.progress import working_steps
from sponsordesk.rules.steps import progress_text, span_text
from sponsordesk.views.log import first_line
from sponsordesk.wording.dates import dated, short_date, time_of_day
from sponsordesk.wording.days import ahead_text, day_text, due_text, every_text
from sponsordesk.wording.labels import short_kind
from sponsordesk.wording.program import TimeWords, time_words

if TYPE_CHECKING:
    from sponsordesk.model import Contact
    from sponsordesk.desk import Desk


LAST_CONTACTS = 3
"""How many of the latest contacts the card shows (the log has the rest)."""

NEXT_MILESTONES = 3


@dataclass(frozen=True)
class Fact:
    """One labelled line of the sponsee card."""

    label: str
    text: str


@dataclass(frozen=True)
class Section:
    """One titled part of the sponsee card."""

    title: str
    lines: list[str]
    empty: str = ""
    """Said instead of lines when there are none."""


@dataclass
class Card:
    """Everything the sponsee card shows, in words, for any screen to draw."""

    id: str
    name: str
    """The name as typed (initials while names are hidden)."""
    short: str
    """The name as the roster shows it."""
    facts: list[Fact] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    phone: str = ""
    """The number to copy, as typed ('' when there is none)."""

    @property
    def plain(self) -> str:
        """The card as plain text (tests read it; so could a screen reader)."""
        out = [self.name]
        out += [f"{f.label}: {f.text}" for f in self.facts]
        for section in self.sections:
            out.append(section.title)
            out += [f"  {line}" for line in section.lines] or [f"  {section.empty}"]
        return "\n".join(out)


_BASIS = {
    "under_90_days": "the default under 90 days {after}",
    "under_1_year": "the default under a year {after}",
    "otherwise": "the default from a year {after}",
    "no_date": "the default without a {date}",
}


def cadence_text(desk: "Desk", record: SponseeRecord, words: TimeWords) -> str:
    """'every 2 days (set for them)', 'every day (the default under 90 days clean)'."""
    sponsee, today = record.sponsee, desk.today
    basis = cadence_basis(sponsee, today)
    why = "set for them" if basis == "set" else _BASIS[basis].format(after=words.after, date=words.date)
    return f"{every_text(cadence_for(sponsee, today, desk.ctx.settings.cadence))} ({why})"


def _status(record: SponseeRecord, today: date, note) -> str:
    sponsee = record.sponsee
    status = sponsee.status
    reason = f" ({note(status.reason)})" if status.reason else ""
    if sponsee.state == SponseeState.ENDED and status.ended:
        return f"ended {short_date(status.ended, today)}{reason}"
    if sponsee.state == SponseeState.PAUSED:
        return (f"paused until {short_date(status.until, today)}" if status.until else "paused") + reason
    if sponsee.snoozed_until and sponsee.snoozed_until > today:
        return f"snoozed until {short_date(sponsee.snoozed_until, today)}"
    return ""


def _facts(desk: "Desk", record: SponseeRecord, words: TimeWords) -> list[Fact]:
    sponsee, today, note = record.sponsee, desk.today, desk.note
    program = desk.program(sponsee)
    facts = [Fact("Program", f"{sponsee.program} · {program.name}" if program.name != sponsee.program
                  else sponsee.program)]
    status = _status(record, today, note)
    if status:
        facts.append(Fact("Status", status))
    facts.append(Fact("Phone", note(sponsee.phone) or "none yet (e edits)"))
    if sponsee.reach:
        facts.append(Fact("Best way", note(sponsee.reach)))
    if sponsee.home_group:
        facts.append(Fact("Home group", note(sponsee.home_group)))
    if sponsee.sponsored_since:
        since = sponsee.sponsored_since
        length = f" ({span_text(since, today)})" if since < today else ""
        facts.append(Fact("Sponsored since", f"{dated(since)}{length}"))
    if sponsee.state != SponseeState.ENDED:  # nobody is due to call an ended sponsorship
        facts.append(Fact("Call", cadence_text(desk, record, words)))
    since = sponsee.sobriety_date
    label = words.time[0].upper() + words.time[1:]
    if since is None:
        facts.append(Fact(label, f"no {words.date} yet"))
    else:
        # a date after today comes from a file typed by hand (the forms take none), or --today set back
        facts.append(Fact(label, f"none yet: the {words.date}, {dated(since)}, is after today" if since > today
                          else f"{clean_time_text(since, today)}, since {dated(since)}"))
        coming = milestones(since, program, today + timedelta(days=3 * 366), start=today)[:NEXT_MILESTONES]
        if coming:
            facts.append(Fact("Next", " · ".join(f"{m.label} {ahead_text(m.day, today)}" for m in coming)))
    facts.append(Fact("Steps", _steps(desk, record)))
    return facts


def _steps(desk: "Desk", record: SponseeRecord) -> str:
    program, board = desk.program(record.sponsee), record.steps
    text = progress_text(board)
    working = working_steps(board)
    if len(working) == 1:
        text += f" ({program.title(working[0])})"
    return text


def _suggestions(desk: "Desk", record: SponseeRecord) -> Section:
    today = desk.today
    lines = [desk.note(s.text) + (f" · {due_text(s.due, today)}" if s.due else "")
             for s in open_in_order(record.suggestions)]
    return Section("Open suggestions", lines, "none open")


def contact_line(desk: "Desk", contact: Contact) -> str:
    """'yesterday 19:30 · call · relapse · Used on Saturday and called…'."""
    today = desk.today
    at = contact.at.astimezone()
    when = short_date(at.date(), today)
    if at.year == today.year:
        when = f"{day_text(at.date(), today)} {time_of_day(at, desk.ctx.settings.time_format)}"
    flags = [word for word, on in (("relapse", contact.relapse), ("crisis", contact.crisis)) if on]
    said = desk.note(first_line(contact.summary))
    return " · ".join(part for part in (when, short_kind(contact.kind), *flags, said) if part)


def _contacts(desk: "Desk", contacts: list[Contact] | None) -> Section:
    if contacts is None:
        return Section("Last contacts", [], "reading the log…")
    return Section("Last contacts", [contact_line(desk, c) for c in contacts[:LAST_CONTACTS]],
                   "nothing logged yet (l logs a contact)")


def history_lines(desk: "Desk", record: SponseeRecord) -> list[str]:
    """'Nov 12, 2026 · current · 9 days', 'Apr 13, 2026 · 7 months, to Nov 12 · Relapsed after…' (newest first)."""
    today, dates = desk.today, record.sponsee.sobriety
    lines = []
    for index, entry in enumerate(dates):
        if index == 0:
            how = "current · after today" if entry.date > today else f"current · {clean_time_text(entry.date, today)}"
        else:
            until = dates[index - 1].date
            how = f"{span_text(entry.date, until)}, to {short_date(until, today)}"
        note = f" · {desk.note(entry.note)}" if entry.note else ""
        lines.append(f"{dated(entry.date)} · {how}{note}")
    return lines


def build_card(desk: "Desk", record: SponseeRecord, contacts: list[Contact] | None = None) -> Card:
    """The card of one sponsee; ``contacts``: their latest, newest first (None while they are being read)."""
    sponsee = record.sponsee
    words = time_words(desk.program(sponsee).counts_sobriety)
    card = Card(record.id, sponsee.initials if desk.hidden else sponsee.name, desk.name(sponsee),
                phone=sponsee.phone.strip())
    card.facts = _facts(desk, record, words)
    card.sections = [
        _suggestions(desk, record),
        _contacts(desk, contacts),
        Section("Notes", desk.note(sponsee.notes.strip()).splitlines(), "none"),
        Section(f"{words.history[0].upper()}{words.history[1:]} (h corrects it)", history_lines(desk, record),
                f"no {words.date} yet"),
    ]
    return card
