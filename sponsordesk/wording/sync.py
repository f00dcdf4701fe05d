"""How a sync merge, kept versions and "open elsewhere" read: files and ids, never what was written."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from sponsordesk.wording.dates import short_date
from sponsordesk.wording.numbers import plural


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def merged_notice(result: Any, root: Path) -> str:
    """One notification for a merge of sync copies ('' when there was nothing to merge)."""
    if not result.merged:
        return ""
    tools = sorted({tool for merged in result.merged for tool in merged.tools})
    copies = sum(len(m.copies) for m in result.merged)
    lines = [f"Merged {plural(copies, 'copy', 'copies')} that {' and '.join(tools)} made when two machines "
             "changed the same file:"]
    for merged in result.merged[:5]:
        what = f"{plural(merged.taken, 'entry', 'entries')} from the other machine" if merged.taken else "nothing new"
        lines.append(f"  {_rel(merged.path, root)}: {what}")
    if len(result.merged) > 5:
        lines.append(f"  …and {len(result.merged) - 5} more files")
    conflicts = sum(len(m.new_conflicts) for m in result.merged)
    if conflicts:
        lines.append(f"{plural(conflicts, 'entry was', 'entries were')} changed on both machines: both versions "
                     "are kept, for you to choose.")
    if result.backup is not None:
        lines.append(f"A backup was made first: backups/{result.backup.name}.")
    return "\n".join(lines)


def open_elsewhere_notice(markers: list[Any], today: date) -> str:
    """'This notebook is also open on laptop (since 10:10).' for every other computer with it open."""
    if not markers:
        return ""
    where = ", ".join(f"{m.name} (since {since(m.since, today)})" if m.since else m.name for m in markers)
    return (f"This notebook is also open on {where}. Both can save: sponsordesk merges what each saved, entry "
            "by entry, and asks you when both changed the same entry.")


def open_elsewhere_title(markers: list[Any]) -> str:
    """A few words for the header: 'also open on laptop'."""
    return "also open on " + ", ".join(m.name for m in markers) if markers else ""


def since(when: datetime, today: date) -> str:
    local = when.astimezone()
    return f"{local:%H:%M}" if local.date() == today else f"{short_date(local.date(), today)} {local:%H:%M}"


def kept_title(kind: str, key: tuple[Any, ...], content: dict[str, Any] | None, name: str) -> str:
    """'Sam R. · the contact of Nov 20', 'Sam R. · step 4', 'Sam R. · a step 4 assignment', 'Sam R. · the profile'."""
    if key[0] == "contact":
        at = (content or {}).get("at")
        what = f"the contact of {short_date(at.astimezone().date())}" if isinstance(at, datetime) else "a contact"
    elif key[0] == "suggestion":
        what = "a suggestion"
    elif key[0] == "step":
        what = f"step {key[1]}"
    elif key[0] == "assignment":
        what = f"an assignment of step {key[1]}"
    else:
        what = "the profile"
    return f"{name} · {what}"


def version_label(number: int, changed_on: list[str], deleted: bool, on: Any = None) -> str:
    """'Version 1, changed on laptop', 'Version 2, deleted on desktop (Nov 21)'."""
    where = f" on {', '.join(changed_on)}" if changed_on else ""
    if deleted:
        day = f" ({short_date(on)})" if isinstance(on, date) else ""
        return f"Version {number}: deleted{where}{day}"
    return f"Version {number}: changed{where}" if changed_on else f"Version {number}"
