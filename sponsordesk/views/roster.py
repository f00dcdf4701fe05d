"""The roster table's rules: what each cell says, how rows sort and filter.

Pure (no Textual), so the screen only draws what this returns. A tone names
a colour class/theme variable (``overdue`` -> ``$sd-overdue``); the marker
text carries the same meaning for people who cannot tell colours apart.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date

from rich.cells import cell_len

from sponsordesk.rules.agenda import UNREADABLE, Assessment
from sponsordesk.views.status import marker
from sponsordesk.rules.cleantime import clean_days, clean_time_text, months_between
from sponsordesk.model import SponseeState
from sponsordesk.rules.progress import current_step, current_step_text
from sponsordesk.rules.rhythm import sparkline, weekly_counts
from sponsordesk.wording.days import days_ago
from sponsordesk.wording.dates import short_date, weekday

COLUMNS: list[tuple[str, str]] = [
    ("status", "Status"),
    ("name", "Name"),
    ("program", "Prog"),
    ("clean", "Clean time"),
    ("step", "Step"),
    ("last", "Last talk"),
    ("rhythm", "12 weeks"),
    ("next", "Next call"),
    ("open", "Sugg"),
]
"""(key, header) in table order; ``o`` cycles through them for sorting."""

SORT_KEYS = [key for key, _ in COLUMNS]

GIVE_WAY = ("rhythm", "clean", "program")
"""Columns left out, in this order, while the others would not show whole: the 12-week rhythm first (a
picture of what the other columns say), then clean time and the program, which the card (i) shows too.
Status, name, step, last talk, next call and suggestions always show: they say who needs a call and why."""


def columns(left_out: Collection[str] = ()) -> list[tuple[str, str]]:
    """The columns to show, in table order: all but those ``left_out``."""
    return [c for c in COLUMNS if c[0] not in left_out]


def column_widths(rows: list[Row]) -> dict[str, int]:
    """Each column's widest cell or its header, in terminal cells."""
    return {key: max(max((cell_len(row.cells[key]) for row in rows), default=0), cell_len(label))
            for key, label in COLUMNS}


def width_needed(widths: dict[str, int], shown: list[tuple[str, str]], per_cell: int) -> int:
    """Cells a table needs to show the ``shown`` columns whole: each as wide as ``widths`` says, plus
    ``per_cell`` (padding, or a leading space), plus one for the sort arrow wherever it is, so sorting by
    another column never changes what fits."""
    return 1 + sum(widths.get(key, cell_len(label)) + per_cell for key, label in shown)


def left_out(widths: dict[str, int], room: int, per_cell: int, rhythm: bool = True) -> tuple[str, ...]:
    """The columns to leave out so the rest fit in ``room`` cells: none, or the first of ``GIVE_WAY``
    that it takes (the rhythm always when ``rhythm`` is False: the table is too narrow for a chart)."""
    out: list[str] = [] if rhythm else ["rhythm"]
    for key in GIVE_WAY:
        if width_needed(widths, columns(out), per_cell) <= room:
            break
        if key not in out:
            out.append(key)
    return tuple(out)


_LEFT_OUT_RANK = {"snoozed": 5, "paused": 6, "ended": 7}


def next_call_text(found: Assessment) -> str:
    """When the next call is due, or why there is none: 'today', 'since Tuesday', 'back Dec 3'."""
    sponsee, today = found.record.sponsee, found.day
    if found.left_out == "ended":
        return f"ended {_short(sponsee.status.ended, today)}" if sponsee.status.ended else "ended"
    if found.left_out == "paused":
        return f"back {_short(sponsee.status.until, today)}" if sponsee.status.until else "paused"
    if found.left_out == "snoozed" and sponsee.snoozed_until:
        return f"back {_short(sponsee.snoozed_until, today)}"
    if UNREADABLE in found.codes:
        return "?"
    if found.last_day is None:
        return "now"
    days = (found.next_due - today).days
    if days == -1:
        return "yesterday"
    if days < 0:
        return f"since {_since(found.next_due, today)}"
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    return weekday(found.next_due) if days < 7 else f"in {days} days"


def _since(day: date, today: date) -> str:
    return weekday(day, short=True) if (today - day).days < 7 else _short(day, today)


def clean_time_short(since: date | None, today: date) -> str:
    """Clean time in at most 11 characters for the table: '23 days', '11 months', '6 yrs 1 mo'; 'not yet'
    for a date after today (the card, i, says which)."""
    if since is not None and since > today:
        return "not yet"
    if since is None or months_between(since, today) < 12:
        return clean_time_text(since, today)
    years, months = divmod(months_between(since, today), 12)
    text = f"{years} yr" if years == 1 else f"{years} yrs"
    return f"{text} {months} mo" if months else text


def _short(day: date | None, today: date) -> str:
    """'Nov 3'; 'Jan 3, 2017' in another year (an ended sponsorship's date may be years back)."""
    return short_date(day, today) if day else ""


@dataclass
class Row:
    """One roster row: the cells as shown, the tone of its status, and the keys it sorts by."""

    id: str
    tone: str
    cells: dict[str, str]
    sort: dict[str, tuple] = field(default_factory=dict)
    ended: bool = False


def build_row(found: Assessment, name: str, week_starts: str | None = None) -> Row:
    """One table row; ``name`` is the name to show (the desk decides, for privacy);
    ``week_starts`` is the settings' first day of the week for the rhythm."""
    record, today = found.record, found.day
    sponsee = record.sponsee
    tone, status = marker(found)
    since = sponsee.sobriety_date
    step = current_step(record.steps)
    open_count = record.open_count
    weeks = weekly_counts(record.recent, today, week_starts=week_starts)
    cells = {
        "status": status,
        "name": name,
        "program": sponsee.program,
        "clean": clean_time_short(since, today),
        "step": current_step_text(record.steps),
        "last": "can't read" if UNREADABLE in found.codes else days_ago(found.last_day, today),
        "rhythm": sparkline(weeks),
        "next": next_call_text(found),
        "open": str(open_count) if open_count else "–",
    }
    rank = _LEFT_OUT_RANK.get(found.left_out, 0 if found.on_agenda else 4)
    key = name.casefold()
    sort = {
        "status": (rank, found.sort_key()) if rank == 0 else (rank, (key,)),
        "name": (key,),
        "program": (sponsee.program.casefold(), key),
        "clean": (since is None, clean_days(since, today) if since else 0, key),
        "step": (step is None, step or 0, key),
        "last": (found.days_since is None, found.days_since or 0, key),
        "rhythm": (sum(weeks), key),  # the quietest first: who might need a call
        "next": (rank, found.next_due.toordinal(), key),
        "open": (-open_count, key),
    }
    return Row(sponsee.id, tone, cells, sort, ended=found.left_out == "ended")


def visible_rows(rows: list[Row], show_ended: bool, query: str) -> list[Row]:
    """Rows to show: ended ones only when asked; a query matches any shown cell."""
    needle = query.strip().casefold()
    return [
        row for row in rows
        if (show_ended or not row.ended)
        and (not needle or any(needle in text.casefold() for text in row.cells.values()))
    ]


def sort_rows(rows: list[Row], column: str, reverse: bool = False) -> list[Row]:
    return sorted(rows, key=lambda row: row.sort[column], reverse=reverse)


def next_sort_column(column: str, shown: list[str] | None = None) -> str:
    """The column after ``column`` among those ``shown`` (default: all), wrapping round; after a column
    not shown (the rhythm, left out), the first shown one that follows it in the table."""
    keys = shown or SORT_KEYS
    if column in keys:
        return keys[(keys.index(column) + 1) % len(keys)]
    after = SORT_KEYS[SORT_KEYS.index(column) + 1:] if column in SORT_KEYS else []
    return next((key for key in after if key in keys), keys[0])
