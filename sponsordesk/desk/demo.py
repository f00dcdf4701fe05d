"""A realistic demo data set, dated relative to the chosen today.

Everything here is invented. It is written through the store, so the demo
files look exactly like files a sponsor would have.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sponsordesk.rules.cleantime import add_months
from sponsordesk.model import (
    Assignment,
    Contact,
    ContactKind,
    Initiator,
    SobrietyDate,
    Sponsee,
    Status,
    StepBoard,
    StepStatus,
    Suggestion,
    SuggestionStatus,
)
from sponsordesk.model import new_id
from sponsordesk.store import Store

SUMMARIES = {
    ContactKind.CALL: [
        "Talked through a rough day at work. Went to the noon meeting after.",
        "Checked in. Sleeping better, cravings lower this week.",
        "Long talk about family stuff; suggested writing it down before reacting.",
        "Read the step together over the phone and talked about what stood out.",
        "Quick call on the way to the meeting. Feeling grateful today.",
        "Worried about the holidays. Made a plan for the family dinner.",
    ],
    ContactKind.TEXT: [
        "Morning text: made coffee at the home group.",
        "Sent a photo of the meeting list for the week.",
        "Texted that the day was hard but they are going to a meeting.",
    ],
    ContactKind.IN_PERSON: ["Coffee after the Thursday meeting.", "Walked after the meeting and talked about service."],
    ContactKind.MEETING: ["Went to the speaker meeting together.", "Step study together; shared for the first time."],
    ContactKind.STEP_WORK: [
        "Step-work session: read through the inventory columns together.",
        "Step-work session at the library, went over the written answers.",
    ],
    ContactKind.ATTEMPT: ["Called, no answer. Left a voicemail.", "Texted, no reply yet."],
}


@dataclass
class Person:
    """One made-up sponsee of the demo notebook, with what their files are generated from."""

    name: str
    program: str
    clean_days: int
    steps_done: int
    working: list[int]
    home_group: str
    phone: str
    cadence: int | None = None
    status: Status = field(default_factory=Status)
    last_contact_days_ago: int = 1
    history: list[SobrietyDate] = field(default_factory=list)
    notes: str = ""
    reach: str = ""
    every: int = 3
    meetings_a_day: float = 0.4
    """How often they go to a meeting: a newcomer doing 90 in 90 about daily, an old-timer a few a week."""
    sponsored_days: int | None = None
    """Days since they asked you to sponsor them (None: a month before their clean date, or five months ago)."""


def _people(today: date) -> list[Person]:
    return [
        Person("Marcus Bell", "AA", 23, 0, [1], "Tuesday Night Big Book", "555-0142",
               last_contact_days_ago=2, every=1, reach="call after 5pm", meetings_a_day=0.9, sponsored_days=20,
               notes="New to the program. Works early shifts; evenings are hardest."),
        Person("Dana Okafor", "NA", 362, 3, [4], "Just for Today, Wednesday", "555-0178",
               last_contact_days_ago=1, every=3, meetings_a_day=0.5,
               notes="Writing the inventory slowly and carefully."),
        Person("Priya Natarajan", "AA", 90, 2, [3], "Sunrise Serenity", "555-0110",
               last_contact_days_ago=1, every=2, reach="text first", meetings_a_day=0.9),
        # Luis did step 1 before his relapse; he used the night before last, called yesterday morning and
        # counts from yesterday; he revisits step 1 from his new clean date
        Person("Luis Romero", "NA", 1, 1, [1], "Clean and Serene", "555-0166",
               last_contact_days_ago=1, every=2, meetings_a_day=0.7,
               history=[SobrietyDate(date=today - timedelta(days=1 + 214), note="Came in after a friend's funeral.")],
               notes="Second time through step 1. No blame; keep it simple."),
        Person("Ellen Fischer", "AA", 6 * 365 + 40, 9, [10], "Women's Step Study", "555-0199",
               last_contact_days_ago=4, every=7, cadence=7, meetings_a_day=0.3,
               notes="Sponsors two women herself now."),
        Person("Tom Becker", "AA", 2 * 365 + 100, 7, [8], "Men's Saturday Breakfast", "555-0123",
               status=Status(state="paused", until=today + timedelta(days=12), reason="travelling for work"),
               last_contact_days_ago=9, every=7, meetings_a_day=0.3),
        Person("Jordan Kim", "NA", 500, 5, [], "Clean and Serene", "555-0101",
               status=Status(state="ended", ended=today - timedelta(days=60), reason="moved away; found a local sponsor"),
               last_contact_days_ago=62, every=5),
    ]


def _board(person: Person, start: date, today: date) -> StepBoard:
    board = StepBoard()
    span = max((today - start).days, 1)
    per_step = max(span // (person.steps_done + len(person.working) + 1), 3)
    day = start
    for number in range(1, person.steps_done + 1):
        step = board.get(number)
        step.status = StepStatus.DONE
        step.started, step.completed = day, min(day + timedelta(days=per_step), today)
        step.notes = f"Finished step {number} together."
        day = step.completed
    for number in person.working:
        step = board.get(number)
        if person.history and number == 1 and step.completed:
            # back to step 1 after a relapse: the revisit starts on the new clean date
            step.status = StepStatus.REVISITING
            step.revisited = today - timedelta(days=person.clean_days)
        else:
            step.status = StepStatus.WORKING
            step.started = min(day, today)
        step.notes = "Reading and writing a little every day.\nTalk it through on Sundays."
        write_in, read_by = _ASSIGNMENT_DUE.get(number, (5, None))
        step.assignment = [
            Assignment(id=new_id("a"), text=f"Write answers to the step {number} questions",
                       due=today + timedelta(days=write_in)),
            Assignment(id=new_id("a"), text="Read the chapter on this step",
                       due=today + timedelta(days=read_by) if read_by is not None else None,
                       done=read_by is None),
        ]
    return board


_ASSIGNMENT_DUE = {1: (3, 2), 3: (6, None), 4: (9, None), 8: (10, -2), 10: (12, None)}
"""Per working step: (days until the writing is due, days until the reading is due; None: read already).

Spread out so the agenda is a real morning's mix (a relapse, an overdue call, a
milestone) and not everyone at once; Tom's late reading waits for his return."""


def _contacts(person: Person, rng: random.Random, today: date, since: date, tz_now: datetime) -> list[Contact]:
    """From the day they asked you to sponsor them (at most 120 days back) to their last contact, newest first."""
    days: list[date] = []
    day = today - timedelta(days=person.last_contact_days_ago)
    start = max(today - timedelta(days=120), since)
    while day >= start:
        days.append(day)
        day -= timedelta(days=max(1, person.every + rng.choice([-1, 0, 0, 1, 2])))
    kinds = [ContactKind.CALL] * 6 + [ContactKind.TEXT] * 2 + [ContactKind.IN_PERSON, ContactKind.MEETING,
                                                                  ContactKind.STEP_WORK, ContactKind.ATTEMPT]
    contacts = []
    for index, day in enumerate(days):
        kind = rng.choice(kinds) if contacts else ContactKind.CALL
        at = datetime.combine(day, time(rng.choice([8, 12, 18, 19, 20]), rng.choice([0, 15, 30, 45])),
                              tzinfo=tz_now.tzinfo)
        # meetings they went to since the talk before: about their habit, day by day (never "105 in 90")
        gap = (day - days[index + 1]).days if index + 1 < len(days) else 1
        went = sum(rng.random() < person.meetings_a_day for _ in range(gap))
        contacts.append(Contact(
            # a try that did not connect was yours: they cannot have reached out and not answered
            id=new_id("c"), at=at, kind=kind,
            by=Initiator.SPONSOR if kind == ContactKind.ATTEMPT else rng.choice(list(Initiator)),
            minutes=None if kind in (ContactKind.TEXT, ContactKind.ATTEMPT) else rng.choice([10, 15, 20, 30, 45, 60]),
            summary=rng.choice(SUMMARIES[kind]),
            meetings=None if kind == ContactKind.ATTEMPT or rng.random() < 0.2 else went,
        ))
    return contacts


def write_demo(store: Store, today: date, seed: int = 12) -> list[str]:
    """Write the demo sponsees into ``store``; returns their ids."""
    rng = random.Random(seed)
    tz_now = datetime.now().astimezone()
    ids = []
    for person in _people(today):
        sobriety = today - timedelta(days=person.clean_days)
        since = (today - timedelta(days=person.sponsored_days) if person.sponsored_days is not None
                 else add_months(min(sobriety, today - timedelta(days=150)), -1))
        current = SobrietyDate(date=sobriety, note="Came back the morning after; no shame in it." if person.history
                               else "")
        sponsee = Sponsee(
            id=store.new_sponsee_id(person.name), name=person.name, program=person.program,
            sobriety=[current, *person.history], cadence_days=person.cadence,
            phone=person.phone, reach=person.reach, home_group=person.home_group,
            sponsored_since=since, status=person.status, notes=person.notes,
        )
        board = _board(person, since, today)
        contacts = _contacts(person, rng, today, since, tz_now)
        suggestions = _suggestions(person, contacts, today, rng)
        if person.history:
            # the relapse was talked about on the last call; nothing has connected since
            contacts[0].relapse = True
            contacts[0].at = contacts[0].at.replace(hour=8, minute=15)  # "called first thing"
            contacts[0].summary = "Used the night before and called first thing. Back at a meeting tonight.\n" \
                                  "Set a new clean date together: today. No shame in coming back."
        # one all-or-nothing save per sponsee: one write per file, not one per entry
        store.add_entries(sponsee.id, profile=sponsee, steps=board, suggestions=suggestions, contacts=contacts)
        ids.append(sponsee.id)
    return ids


_OPEN_SUGGESTION = {
    "Marcus Bell": ("Call before you go to the office party", 2),
    "Luis Romero": ("Call me tonight after the meeting", 0),
    "Dana Okafor": ("Share one resentment from the inventory at Wednesday's meeting", 4),
    "Ellen Fischer": ("Ask the step study about taking the secretary job", None),
    "Tom Becker": ("Find a meeting near the hotel and go once", None),
}
"""Each sponsee's latest open suggestion (given on the last call): text, days until due (None: no date)."""

_READING = {"AA": "Read pages 58-60 and underline what stands out",
            "NA": "Read 'Who Is an Addict?' in the Basic Text and mark what fits"}


def _suggestions(person: Person, contacts: list[Contact], today: date, rng: random.Random) -> list[Suggestion]:
    if not contacts:
        return []
    newest, oldest = contacts[0], contacts[-1]
    out = []
    if person.name in _OPEN_SUGGESTION:
        text, due_in = _OPEN_SUGGESTION[person.name]
        out.append(Suggestion(id=new_id("s"), text=text, given=newest.day, contact=newest.id,
                              due=today + timedelta(days=due_in) if due_in is not None else None))
    out.append(Suggestion(id=new_id("s"), text=_READING.get(person.program, _READING["AA"]), given=oldest.day,
                          contact=oldest.id, status=SuggestionStatus.FOLLOWED,
                          resolved=min(oldest.day + timedelta(days=5), today),
                          outcome="Read it twice; we talked about it on the next call."))
    if (today - oldest.day).days > 40:  # someone sponsored for three weeks has no such history yet
        out.append(Suggestion(id=new_id("s"), text="Get a service commitment at the home group",
                              given=oldest.day + timedelta(days=20),
                              status=rng.choice([SuggestionStatus.NOT_FOLLOWED, SuggestionStatus.DROPPED]),
                              resolved=oldest.day + timedelta(days=40), outcome="Not the right time; revisit later."))
    if person.clean_days < 120:
        out.append(Suggestion(id=new_id("s"), text="90 meetings in 90 days", given=today - timedelta(days=person.clean_days),
                              due=today - timedelta(days=person.clean_days) + timedelta(days=90)))
    return out
