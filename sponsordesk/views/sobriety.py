"""What a correction of the sobriety history will change, in words, for the confirmation before it is saved."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from sponsordesk.rules.cleantime import clean_time_text
from sponsordesk.rules.sobriety import Fix, corrected
from sponsordesk.wording.dates import dated
from sponsordesk.wording.program import TimeWords

if TYPE_CHECKING:
    from sponsordesk.model import SobrietyDate


def _quoted(note: str, shown) -> str:
    return f"“{shown(note)}”" if note else "no note"


def describe_fixes(name: str, history: Sequence[SobrietyDate], fixes: Sequence[Fix], today: date,
                   words: TimeWords, note=lambda text: text) -> str:
    """The question to confirm: each change, then where the clean time counts from afterwards.

    ``note`` masks what was typed while the privacy screen is on.
    """
    lines = [f"Correct {name}'s {words.history}?", ""]
    for fix in fixes:
        old = fix.old
        if fix.new is None:
            lines.append(f"• Remove {dated(old.date)} ({_quoted(old.note, note)}): only a date entered by "
                         "mistake; a real earlier date belongs in the history.")
            continue
        if fix.new.date != old.date:
            lines.append(f"• {dated(old.date)} becomes {dated(fix.new.date)}.")
        if fix.new.note.strip() != old.note.strip():
            lines.append(f"• The note on {dated(fix.new.date)} becomes {_quoted(fix.new.note, note)}.")
    after = corrected(history, fixes)
    before_since = history[0].date if history else None
    since = after[0].date if after else None
    if since != before_since:
        if since is None:
            lines += ["", f"They will have no {words.date}: no {words.time} is counted."]
        else:
            # none to compare with when the date being corrected was after today
            was = f" (was {clean_time_text(before_since, today)})" if before_since and before_since <= today else ""
            lines += ["", f"{words.time.capitalize()} counts from {dated(since)}: "
                          f"{clean_time_text(since, today)}{was}."]
    lines += ["", "A correction is not a relapse: no new date is added, and every other date stays as it is."]
    return "\n".join(lines)
