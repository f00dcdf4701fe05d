"""A Markdown report on one sponsee, to read or print before a step-work session.

The report is a file the sponsor asks for on purpose, so it holds full names
and notes whatever the privacy screen shows; it is written owner-only.
"""

from __future__ import annotations

import json
from datetime import date
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from sponsordesk.rules.cleantime import clean_time_text, next_milestone
from sponsordesk.desk import Desk
from sponsordesk.model import ContactKind, Initiator, SponseeState, StepStatus
from sponsordesk.rules.progress import current_step_text, out_of_order
from sponsordesk.exports.output import write_text
from sponsordesk.model import SponseeRecord
from sponsordesk.wording.labels import kind_label
from sponsordesk.wording.numbers import plural
from sponsordesk.wording.program import time_words
from sponsordesk.wording.text import one_line, printable

if TYPE_CHECKING:
    from sponsordesk.model import Contact, Suggestion


DEFAULT_CONTACTS = 10

STEP_STATUS = {
    StepStatus.NOT_STARTED: "not started",
    StepStatus.WORKING: "working",
    StepStatus.DONE: "done",
    StepStatus.REVISITING: "revisiting",
}


def default_report_name(sponsee_id: str, today: date) -> str:
    return f"sponsordesk-report-{sponsee_id}-{today.isoformat()}.md"


def _text(text: str) -> str:
    """Keep the writer's line breaks (Markdown would join them)."""
    return "  \n".join(line.rstrip() for line in text.strip().splitlines())


def _clean_time(record: SponseeRecord, desk: Desk) -> list[str]:
    sponsee, today = record.sponsee, desk.today
    program = desk.program(sponsee)
    since = sponsee.sobriety_date
    words = time_words(program.counts_sobriety)  # Al-Anon members are not counting sobriety
    lines = [f"## {words.time.capitalize()}", ""]
    lines.append(f"- Program: {program.name} ({program.key})")
    if since:
        lines.append(f"- {words.date.capitalize()}: {since.isoformat()} ({clean_time_text(since, today)})")
        upcoming = next_milestone(since, program, today)
        if upcoming:
            lines.append(f"- Next milestone: {upcoming.label} on {upcoming.day.isoformat()}")
    else:
        lines.append(f"- {words.date.capitalize()}: not set yet")
    if sponsee.home_group:
        lines.append(f"- Home group: {sponsee.home_group}")
    if sponsee.sponsored_since:
        lines.append(f"- Sponsoring since: {sponsee.sponsored_since.isoformat()}")
    if sponsee.state != SponseeState.ACTIVE:
        status = sponsee.status
        when = status.until or status.ended
        lines.append(f"- Status: {sponsee.state.value}" + (f" ({when.isoformat()})" if when else "")
                     + (f", {status.reason}" if status.reason else ""))
    lines += ["", f"### {words.history.capitalize()}", ""]
    if not sponsee.sobriety:
        lines.append(f"No {words.date}s yet.")
    else:
        lines += [f"| from | until | {words.time} | note |", "| --- | --- | --- | --- |"]
        newer: date | None = None
        for entry in sponsee.sobriety:
            end = newer or today
            until = "today" if newer is None else newer.isoformat()
            length = clean_time_text(entry.date, end)
            note = " ".join(entry.note.split()).replace("|", "/")
            lines.append(f"| {entry.date.isoformat()} | {until} | {length} | {note} |")
            newer = entry.date
    return lines


def _span(started: date | None, completed: date | None, revisited: date | None = None) -> str:
    if started and completed:
        text = f"{started.isoformat()} to {completed.isoformat()}"
    elif started:
        text = f"since {started.isoformat()}"
    else:
        text = f"done {completed.isoformat()}" if completed else ""
    # a revisit keeps the first pass's dates: say when the latest one began
    revisit = f"revisiting since {revisited.isoformat()}" if revisited else ""
    return ", ".join(part for part in (text, revisit) if part)


def _ranges(numbers: list[int]) -> str:
    """[2, 3, 4, 7] -> 'steps 2-4, 7'."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and runs[-1][-1] == n - 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    text = ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
    return f"step {text}" if len(numbers) == 1 else f"steps {text}"


def _steps(record: SponseeRecord, desk: Desk) -> list[str]:
    program = desk.program(record.sponsee)
    lines = ["## Step board", "", f"Current step: {current_step_text(record.steps)}."]
    lines += [f"Note: {note}." for note in out_of_order(record.steps)]
    waiting = []
    for step in record.steps.step:
        if step.status == StepStatus.NOT_STARTED and not step.notes.strip() and not step.assignment:
            waiting.append(step.number)
            continue
        dates = _span(step.started, step.completed,
                      step.revisited if StepStatus(step.status) == StepStatus.REVISITING else None)
        lines += ["", f"### Step {step.number}: {program.title(step.number)} ({STEP_STATUS[StepStatus(step.status)]}"
                  + (f", {dates})" if dates else ")")]
        if step.notes.strip():
            lines += ["", _text(step.notes)]
        if step.assignment:
            lines.append("")
        for item in step.assignment:
            when = f", done {item.done_on.isoformat()}" if item.done and item.done_on else ""
            due = f" (due {item.due.isoformat()}{when})" if item.due else (f" ({when[2:]})" if when else "")
            # not "- [ ]": pandoc makes task-list boxes form fields, and they vanish from a PDF
            lines.append(f"- {'**Done:**' if item.done else '**To do:**'} {item.text}{due}")
    if waiting:
        lines += ["", f"Not started yet: {_ranges(waiting)}."]
    return lines


def _suggestions(open_ones: list[Suggestion]) -> list[str]:
    lines = ["## Open suggestions", ""]
    if not open_ones:
        return lines + ["None open right now."]
    for item in sorted(open_ones, key=lambda s: (s.due or date.max, s.given)):
        due = f", due {item.due.isoformat()}" if item.due else ""
        lines.append(f"- {item.text} (suggested {item.given.isoformat()}{due})")
    return lines


def _contact_heading(contact: Contact, desk: Desk) -> str:
    clock = "%I:%M %p" if desk.ctx.settings.time_format == "12h" else "%H:%M"
    parts = [kind_label(contact.kind)]
    if contact.minutes:
        parts.append(f"{contact.minutes} min")
    parts.append("they reached out" if contact.by == Initiator.SPONSEE else "you reached out")
    # the sponsor's clock, as the app shows it: not the offset the time was written with
    return f"### {contact.at.astimezone().strftime('%Y-%m-%d ' + clock)}: {', '.join(parts)}"


def _contacts(contacts: list[Contact], desk: Desk, wanted: int) -> list[str]:
    lines = ["## Recent contacts", ""]
    if not contacts:
        return lines + ["No contacts logged yet." if wanted else "Left out of this report."]
    lines.append(f"The last {len(contacts)} logged, newest first." if len(contacts) > 1 else "The last one logged.")
    for contact in contacts:
        lines += ["", _contact_heading(contact, desk)]
        flags = [label for label, on in (("relapse mentioned", contact.relapse), ("crisis", contact.crisis)) if on]
        if contact.meetings is not None:
            flags.append(f"{plural(contact.meetings, 'meeting')} since the last talk"
                         + (f" ({contact.meeting_notes})" if contact.meeting_notes else ""))
        if flags:
            lines += ["", "*" + "; ".join(flags) + "*"]
        if contact.summary.strip():
            lines += ["", _text(contact.summary)]
    return lines


def render_report(desk: Desk, sponsee_id: str, contacts: int = DEFAULT_CONTACTS) -> str:
    """The report as Markdown; raises LookupError for an unknown id."""
    record = desk.record(sponsee_id)
    if record is None:
        raise LookupError(f"no sponsee with id {sponsee_id!r}")
    sponsee = record.sponsee
    recent = list(islice(desk.iter_contacts(sponsee_id), max(contacts, 0)))
    # YAML metadata first: pandoc titles the document from it (it warned without), and Markdown viewers
    # show it as a header; JSON strings are YAML strings, so any name is quoted safely
    lines = ["---", f"title: {json.dumps(one_line(sponsee.name), ensure_ascii=False)}",
             f"subtitle: \"sponsordesk report, {desk.today.isoformat()}. Private: keep it safe.\"",
             f"date: {desk.today.isoformat()}", "---", ""]
    for section in (_clean_time(record, desk), _steps(record, desk), _suggestions(record.open_suggestions),
                    _contacts(recent, desk, contacts)):
        lines += section + [""]
    return printable("\n".join(lines))  # a name or note holding escape codes must not reach a terminal


def write_report(desk: Desk, sponsee_id: str, path: Path | None = None, contacts: int = DEFAULT_CONTACTS) -> Path:
    """Write the report (default: the current folder, see default_report_name); returns where.

    Raises LookupError for an unknown id and StoreError when the file cannot be written.
    """
    text = render_report(desk, sponsee_id, contacts)
    target = path if path is not None else Path.cwd() / default_report_name(sponsee_id, desk.today)
    return write_text(target, text)
