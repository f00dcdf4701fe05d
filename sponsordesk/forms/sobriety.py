"""Reading the sobriety-history correction form: one row per date (date, note, remove), checked whole.

Pure (no Textual). Messages are keyed ``date-N`` and ``note-N`` by row, in
the order the form shows them (newest first).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sponsordesk.forms.values import InputError, parse_day
from sponsordesk.rules.sobriety import Fix
from sponsordesk.wording.dates import dated

if TYPE_CHECKING:
    from sponsordesk.model import SobrietyDate


@dataclass(frozen=True)
class HistoryRow:
    """One row of the form's sobriety dates, as shown and typed (``remove``: ticked to delete it)."""

    date: str
    note: str = ""
    remove: bool = False


def row_values(entry: SobrietyDate) -> HistoryRow:
    """What a row starts with."""
    return HistoryRow(entry.date.isoformat(), entry.note)


def read_fixes(shown: Sequence[SobrietyDate], rows: Sequence[HistoryRow],
               today: date) -> tuple[list[Fix], dict[str, str]]:
    """The fixes the rows ask for (none for a row left as it was), or messages by field."""
    errors: dict[str, str] = {}
    fixes: list[Fix] = []
    kept: list[tuple[int, date]] = []
    for index, (entry, row) in enumerate(zip(shown, rows)):
        if row.remove:
            fixes.append(Fix(entry, None))
            continue
        try:
            day = parse_day(row.date, "Date")
        except InputError as error:
            errors[f"date-{index}"] = str(error)
            continue
        if day > today:
            errors[f"date-{index}"] = f"{dated(day)} is after today; a sobriety date has already begun"
            continue
        if "\n" in row.note:
            errors[f"note-{index}"] = "one line for a date's note"
            continue
        kept.append((index, day))
        note = row.note.strip()
        if day != entry.date or note != entry.note.strip():
            # a copy, so anything else written in the entry (a key sponsordesk does not know) is kept
            fixes.append(Fix(entry, entry.model_copy(update={"date": day, "note": note})))
    for (above, newer), (below, older) in zip(kept, kept[1:]):
        # the order stays: a correction that made an earlier date the current one would be a different history
        if newer == older:
            errors.setdefault(f"date-{below}", f"{dated(older)} is in the history twice")
        elif newer < older:
            errors.setdefault(f"date-{above}", f"must stay after the date below it ({dated(older)}); "
                                               "correct that one too, or remove the one entered by mistake")
    return ([] if errors else fixes), errors
