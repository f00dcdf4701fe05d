"""Spreadsheets: sponsees and contacts out as CSV, sponsees in from CSV.

An import is planned first (what would be added, what is already there, what
is refused and why, by line number) and written only when asked. A row
matches an existing sponsee when the name (ignoring case and spacing) and the
current sobriety date are the same, so importing a file twice adds nobody twice.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sponsordesk.desk import Desk
from sponsordesk.model import Program
from sponsordesk.exports.output import write_text
from sponsordesk.forms.values import InputError, cadence, optional_day
from sponsordesk.model import SponseeRecord
from sponsordesk.wording.text import printable
from sponsordesk.wording.validation import plain_message

if TYPE_CHECKING:
    from sponsordesk.model import Contact, SobrietyDate, Sponsee, slug

# Excel reads UTF-8 only with a byte-order mark; everything else ignores it.
ENCODING = "utf-8-sig"

SPONSEE_COLUMNS = ["name", "program", "sobriety date", "phone", "home group", "cadence", "reach",
                   "sponsored since", "earlier sobriety dates", "notes", "status", "id"]
CONTACT_COLUMNS = ["sponsee id", "sponsee", "date", "time", "kind", "by", "minutes", "summary", "relapse",
                   "crisis", "meetings", "meeting notes", "id"]
IMPORTED = {"name", "program", "sobriety date", "phone", "home group", "cadence", "reach", "sponsored since",
            "earlier sobriety dates", "notes"}
ALIASES = {
    "full name": "name", "sponsee": "name", "fellowship": "program", "clean date": "sobriety date",
    "sobriety": "sobriety date", "sober date": "sobriety date", "sobrietydate": "sobriety date",
    "phone number": "phone", "telephone": "phone", "homegroup": "home group", "cadence days": "cadence",
    "days between calls": "cadence", "sponsor since": "sponsored since",
}


# ------------------------------------------------------------------ export

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
"""A cell starting with one of these is a formula to a spreadsheet ("=HYPERLINK(...)", "+1 meeting",
"-called back later"): it gets a leading apostrophe, shown as text and never run."""


def text_cell(value: str) -> str:
    """User text for a spreadsheet cell: never a formula, never a control character."""
    value = printable(value).replace("\r", "")  # line breaks stay \n (a quoted cell holds them)
    # text that already starts with the quotes a formula gets ('-) a wink) gets one more too, so that
    # importing it takes away only the one added here
    return "'" + value if _quoted(value).startswith(FORMULA_START) else value


def _quoted(value: str) -> str:
    """``value`` without its leading apostrophes."""
    return value.lstrip("'")


def phone_cell(value: str) -> str:
    """A phone number kept as text: '0555 0102' must not become the number 5550102.

    Written as ="0555 0102", which Excel, LibreOffice and Google Sheets all show as
    the text 0555 0102; `import csv` reads it back as it was.
    """
    value = printable(value).strip()
    if value and re.fullmatch(r"[+0-9][0-9 ().\-/]*", value):
        return '="' + value + '"'
    return text_cell(value)


def _from_cell(value: str) -> str:
    """Undo text_cell and phone_cell, so an exported file imports as it was."""
    phone = re.fullmatch(r'="([^"]*)"', value)
    if phone:
        return phone.group(1)
    if value.startswith("'") and _quoted(value).startswith(FORMULA_START):
        return value[1:]
    return value


def _to_csv(columns: list[str], rows: list[list[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    return out.getvalue()


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def sponsees_csv(records: list[SponseeRecord]) -> str:
    rows = []
    for record in sorted(records, key=lambda r: r.sponsee.name.casefold()):
        s = record.sponsee
        rows.append([text_cell(s.name), text_cell(s.program), _day(s.sobriety_date), phone_cell(s.phone),
                     text_cell(s.home_group), s.cadence_days, text_cell(s.reach), _day(s.sponsored_since),
                     "; ".join(e.date.isoformat() for e in s.sobriety[1:]), text_cell(s.notes),
                     s.state.value, s.id])
    return _to_csv(SPONSEE_COLUMNS, rows)


def contacts_csv(desk: Desk, records: list[SponseeRecord]) -> str:
    found: list[tuple[Sponsee, Contact]] = []
    for record in records:
        found += [(record.sponsee, c) for c in desk.iter_contacts(record.id)]
    found.sort(key=lambda pair: (pair[1].at, pair[0].id))
    # on the sponsor's clock, as the app and `today` show them (a call written as 07:30Z is 23:30 the day before
    # in Los Angeles)
    rows = [[s.id, text_cell(s.name), c.at.astimezone().date().isoformat(), c.at.astimezone().strftime("%H:%M"),
             c.kind, c.by, c.minutes, text_cell(c.summary), "yes" if c.relapse else "", "yes" if c.crisis else "",
             c.meetings, text_cell(c.meeting_notes), c.id]
            for s, c in found]
    return _to_csv(CONTACT_COLUMNS, rows)


def write_csv_files(desk: Desk, folder: Path) -> list[Path]:
    """sponsees.csv and contacts.csv in ``folder``; each file whole or not at all."""
    return [
        write_text(folder / "sponsees.csv", sponsees_csv(desk.records), ENCODING),
        write_text(folder / "contacts.csv", contacts_csv(desk, desk.records), ENCODING),
    ]


# ------------------------------------------------------------------ import

class ImportFileError(ValueError):
    """The file as a whole cannot be read (no header, no name column)."""


@dataclass(frozen=True)
class RowNote:
    """A spreadsheet row the import passed over, with its line and why."""

    line: int
    name: str
    reason: str


@dataclass
class ImportPlan:
    """What importing a spreadsheet would do, row by row, before anything is written."""

    add: list[tuple[int, Sponsee]] = field(default_factory=list)
    """Line number and the sponsee to add (its id is settled when written)."""
    already: list[RowNote] = field(default_factory=list)
    refused: list[RowNote] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


def header_key(text: str) -> str:
    """' Sobriety_Date ' -> 'sobriety date'; known other spellings too."""
    key = re.sub(r"[\s_\-]+", " ", text.strip().casefold())
    key = re.sub(r"[^a-z0-9 ]", "", key).strip()
    return ALIASES.get(key, key)


def duplicate_key(name: str, sobriety: date | None) -> tuple[str, date | None]:
    return " ".join(name.casefold().split()), sobriety


DATE_ORDERS = ("dmy", "mdy")
_SLASHED = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")


def _reorder(text: str, order: str | None) -> str:
    """'11/21/2026' (mdy) or '21.11.2026' (dmy) as 2026-11-21; anything else unchanged (and checked as ISO)."""
    match = _SLASHED.fullmatch(text.strip())
    if match is None or order not in DATE_ORDERS:
        return text
    first, second, year = match.groups()
    month, day = (first, second) if order == "mdy" else (second, first)
    return f"{year}-{int(month):02d}-{int(day):02d}"


def _date(column: str, text: str, today: date, order: str | None = None) -> date | None:
    if order is None and _SLASHED.fullmatch(text.strip()):
        raise InputError(f"{column}: {text!r} could be day/month or month/day; run the import with "
                         "--date-order mdy (11/21/2026) or --date-order dmy (21/11/2026)")
    value = optional_day(_reorder(text, order), column)
    if value is not None and value > today:
        raise InputError(f"{column} {text} is in the future")
    return value


def _cadence(text: str) -> int | None:
    return cadence(text, label=f"cadence {text!r}")


def _program(text: str, programs: dict[str, Program]) -> str:
    if not text:
        return "AA"
    found = programs.get(text.casefold())
    if found is None:
        known = ", ".join(sorted(p.key for p in programs.values()))
        raise ValueError(f"program {text!r} is not known (known: {known}; add your own in the config folder)")
    return found.key


def _sponsee(cells: dict[str, str], programs: dict[str, Program], today: date, order: str | None = None) -> Sponsee:
    from pydantic import ValidationError

    from sponsordesk.model import SobrietyDate, Sponsee, slug

    name = cells.get("name", "")
    if not name:
        raise ValueError("name is empty")
    current = _date("sobriety date", cells.get("sobriety date", ""), today, order)
    earlier = [_date("earlier sobriety date", t.strip(), today, order)
               for t in re.split(r"[;,]", cells.get("earlier sobriety dates", "")) if t.strip()]
    if earlier and current is None:
        raise ValueError("earlier sobriety dates are given but no sobriety date")
    if any(d >= current for d in earlier if d and current):
        raise ValueError("an earlier sobriety date is not before the sobriety date")
    dates = [current, *earlier] if current else []
    try:
        return Sponsee(
            id=slug(name), name=name, program=_program(cells.get("program", ""), programs),
            sobriety=[SobrietyDate(date=d) for d in dates], cadence_days=_cadence(cells.get("cadence", "")),
            phone=cells.get("phone", ""), home_group=cells.get("home group", ""), reach=cells.get("reach", ""),
            sponsored_since=_date("sponsored since", cells.get("sponsored since", ""), today, order),
            notes=cells.get("notes", ""),
        )
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise ValueError(f"{where}: {plain_message(first)}") from None


def _rows(text: str) -> list[tuple[int, list[str]]]:
    try:
        delimiter = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    # only the separator is guessed (from the header); quoting is the spreadsheets' own: "" inside quotes
    reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=delimiter)
    rows = []
    start = 1
    for row in reader:
        if any(cell.strip() for cell in row):
            rows.append((start, row))
        start = reader.line_num + 1
    return rows


def plan_import(text: str, existing: list[Sponsee], programs: dict[str, Program], today: date,
                date_order: str | None = None) -> ImportPlan:
    """What importing ``text`` would do; raises ImportFileError if it has no usable header.

    ``date_order`` ('dmy' or 'mdy') reads dates a spreadsheet re-saved in a local style (21/11/2026,
    11/21/2026); without it such a date is refused with that hint. Line breaks in a cell become \\n.
    """
    rows = _rows(text.lstrip("\ufeff"))
    if not rows:
        raise ImportFileError("the file is empty; the first line should be a header such as: "
                              "name,program,sobriety date,phone,home group,cadence")
    header_line, header = rows[0]
    keys = [header_key(h) for h in header]
    if "name" not in keys:
        raise ImportFileError(f"line {header_line}: no 'name' column in the header (found: {', '.join(header)})")
    twice = sorted({k for k in keys if k and keys.count(k) > 1})
    if twice:
        raise ImportFileError(f"line {header_line}: the header has '{twice[0]}' twice")
    plan = ImportPlan(ignored_columns=[h.strip() for h, k in zip(header, keys) if k not in IMPORTED and h.strip()])
    seen = {duplicate_key(s.name, s.sobriety_date): f"already in sponsordesk as {s.id}" for s in existing}
    for line, row in rows[1:]:
        name = row[keys.index("name")].strip() if len(row) > keys.index("name") else ""
        if len(row) > len(keys) and any(cell.strip() for cell in row[len(keys):]):
            plan.refused.append(RowNote(line, name, f"{len(row)} cells but the header has {len(keys)} "
                                                    "(a comma inside a value needs quotes)"))
            continue
        # a cell saved on Windows holds \r\n line breaks: stored as \n, as everything else is
        cells = {k: _from_cell(v.strip()).replace("\r\n", "\n").replace("\r", "\n")
                 for k, v in zip(keys, row) if k in IMPORTED}
        try:
            sponsee = _sponsee(cells, programs, today, date_order)
        except ValueError as error:
            plan.refused.append(RowNote(line, name, str(error)))
            continue
        key = duplicate_key(sponsee.name, sponsee.sobriety_date)
        if key in seen:
            plan.already.append(RowNote(line, sponsee.name, seen[key]))
            continue
        seen[key] = f"repeats line {line} of this file"
        plan.add.append((line, sponsee))
    return plan


def apply_import(desk: Desk, plan: ImportPlan) -> list[Sponsee]:
    """Add the planned sponsees through the desk, one at a time; returns them with their ids."""
    added = []
    for _line, sponsee in plan.add:
        saved = sponsee.model_copy(update={"id": desk.new_sponsee_id(sponsee.name)})
        desk.add_sponsee(saved)
        added.append(saved)
    return added
