"""Problems found in the data: each names the file, the line or field, and a fix."""

from __future__ import annotations

import errno
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from sponsordesk.wording.text import one_line
from sponsordesk.wording.validation import plain_message

if TYPE_CHECKING:
    from pydantic import ValidationError

    from sponsordesk.store.changes import Entry, EntryKey


@dataclass(frozen=True)
class Problem:
    """Something wrong in a file, said in the user's words, with where (file, line, field) and what to do."""

    path: Path
    message: str
    line: int | None = None
    field: str | None = None
    hint: str = ""
    severity: str = "error"
    """'error' (the file was not loaded) or 'warning' (loaded, but look at it)."""

    def where(self, root: Path | None = None) -> str:
        shown = self.path
        if root is not None and self.path != root:
            try:
                shown = self.path.relative_to(root)
            except ValueError:
                pass
        parts = [str(shown)]
        if self.line:
            parts.append(f"line {self.line}")
        if self.field:
            parts.append(f"field '{self.field}'")
        return one_line(", ".join(parts))  # a file or key name may hold escape codes

    def describe(self, root: Path | None = None) -> str:
        text = f"{self.where(root)}: {one_line(self.message)}"
        return f"{text} ({one_line(self.hint)})" if self.hint else text


LINKED_FOLDER = ("Put the folder itself there in place of the link (or point --data-dir at the folder that "
                 "holds it): sponsordesk reads, saves and backs up only what is inside its data folder.")
"""The hint for a folder of the data folder that is a link (sponsees/, a sponsee's, contacts/)."""


class StoreError(Exception):
    """A save or load the user must know about; the message says what to do."""


class BrokenFileError(StoreError):
    """Refused to overwrite a file that did not load."""


class KeptVersions(Problem):
    """A warning that a file holds versions kept by a sync merge (store/sync_folder.py; the app offers the
    choice). Here, not there: the app asks every reading's problems for these, and a start that parsed no
    file never loads the sync merge."""


@dataclass
class Conflict:
    """An entry changed both here and outside sponsordesk; nothing of the save was written."""

    key: EntryKey
    reason: str
    """'changed' (both sides changed the same fields), 'deleted' (deleted outside), 'exists' (added twice)."""
    fields: list[str] = field(default_factory=list)
    """The fields changed on both sides (nested ones as 'assignment.text')."""
    base: Entry | None = None
    mine: Entry | None = None
    theirs: Entry | None = None
    file: str = ""
    """The file, relative to the data folder (set by the store)."""


class ConflictError(StoreError):
    """An entry changed here was also changed outside sponsordesk; nothing was written.

    ``conflicts`` holds each one (``Conflict`` above, made by store/merge.py): the file, the
    entry, the fields, and the entry as the caller saw it, wanted it, and as
    the file has it now, so a screen can show both versions.
    """

    def __init__(self, message: str, conflicts: list | None = None, changes: list | None = None) -> None:
        super().__init__(message)
        self.conflicts = conflicts or []
        self.changes = changes or []
        """Every change of the refused save, so "keep mine" can be asked for (store/changes.py ``keep_mine``)."""
        self.undo: tuple[str, str] | None = None
        """The refused save's undo description and what taking it back says, for the save after a choice."""
        self.after: Callable[[Any], None] | None = None
        """What the refused operation does once saved, called with the save after a choice (the desk's)."""

    @property
    def places(self) -> str:
        """Which files, entries and fields met an outside edit (the message without what to do)."""
        return conflict_places(self.conflicts)


def conflict_message(conflicts: list) -> str:
    """One sentence per conflict: which file and entry, which fields; nothing the user wrote."""
    return (conflict_places(conflicts) + ". Nothing was saved, and your change is still on screen: "
            "compare the two versions and choose which to keep")


def conflict_places(conflicts: list) -> str:
    """Which files, entries and fields met an outside edit, in one sentence without its full stop."""
    lines = []
    for conflict in conflicts:
        what = {"profile": "the profile", "step": f"step {conflict.key[1]}"}.get(conflict.key[0], f"this {conflict.key[0]}")
        if conflict.reason == "deleted":
            lines.append(f"{conflict.file}: {what} was deleted outside sponsordesk")
        elif conflict.reason == "exists":
            lines.append(f"{conflict.file}: {what} is already there, written differently")
        else:
            fields = ", ".join(conflict.fields)
            lines.append(f"{conflict.file}: {what} was changed outside sponsordesk too ({fields})")
    return "; ".join(lines)


class SaveUnfinished(StoreError):
    """The save is recorded in the journal but not all its files are in place yet; the next start or save
    finishes it. Trying again is harmless."""


class ReadOnlyError(StoreError):
    """This window opened the data read-only, or the file is from a newer sponsordesk."""


class LockedError(ReadOnlyError):
    """Another sponsordesk holds the data folder's lock."""


def locked_message(root: Path) -> str:
    return f"another sponsordesk has {root} open; close the other window (or wait for it to finish) and try again"


# What a failed write means to the user, by errno; the old file is intact in every case.
_ADVICE = {
    errno.ENOSPC: "the disk is full; free some space and save again",
    errno.EDQUOT: "your disk quota is full; free some space and save again",
    errno.EFBIG: "the file is larger than this system allows; free some space or check your limits, then save again",
    errno.EACCES: "sponsordesk may not write there; run `sponsordesk doctor --fix` or check the folder's owner",
    errno.EPERM: "sponsordesk may not write there; run `sponsordesk doctor --fix` or check the folder's owner",
    errno.EROFS: "the disk is mounted read-only; save again once it is writable",
    errno.EIO: "the disk reported a read/write error; check the disk, then save again",
}


def save_failed(shown: str, error: OSError) -> StoreError:
    """A user-ready message for a failed save; never includes what was being saved."""
    advice = _ADVICE.get(error.errno or 0, "save again; if it keeps failing, run `sponsordesk doctor`")
    reason = error.strerror or type(error).__name__
    return StoreError(f"could not save {shown} ({reason}): {advice}. The last saved version is intact "
                      "and your change is still on screen")


_LINE = re.compile(r"at line (\d+), column (\d+)")

NOT_OVERWRITTEN = "fix it in an editor; sponsordesk will not overwrite it"


_MERGE_MARKER = re.compile(r"^(<{7}|={7}|>{7})( |$)", re.MULTILINE)


def merge_marker_line(source: str) -> int | None:
    """The first line of a git merge-conflict marker, if the file has one."""
    match = _MERGE_MARKER.search(source)
    return source.count("\n", 0, match.start()) + 1 if match else None


def syntax_problem(path: Path, error: ValueError, source: str = "") -> Problem:
    marker = merge_marker_line(source) if source else None
    if marker:
        return Problem(path, "has unresolved merge-conflict markers (<<<<<<<, =======, >>>>>>>)", line=marker,
                       hint="keep the lines you want, delete the markers, then reload (ctrl+r)")
    text = str(error)
    line = getattr(error, "lineno", None)
    match = _LINE.search(text)
    if match:
        line = int(match.group(1))
        text = _LINE.sub("", text).rstrip(" ()")
    elif "end of document" in text:
        # a file cut off mid-value (older tomli gives no line number for it): the last line
        line = line or (source.rstrip("\n").count("\n") + 1 if source else None)
        text = text.replace("(at end of document)", "").rstrip() + " at the end of the file"
    return Problem(path, f"not valid TOML: {text}", line=line, hint=NOT_OVERWRITTEN)


def _field_name(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _line_of(source: str, loc: tuple) -> int | None:
    """Best effort: the line where the innermost named key is written.

    For an entry of an array of tables (``contact[3].minutes``) the search
    starts at that entry's ``[[contact]]`` header, and falls back to the
    header itself when the key is not written (a required field left out).
    A key inside an inline table (``sobriety = [{ date = ... }]``) is found
    after a brace or comma too.
    """
    keys = [p for p in loc if isinstance(p, str)]
    if not keys:
        return None
    start, header = 0, None
    if len(loc) >= 2 and isinstance(loc[0], str) and isinstance(loc[1], int):
        headers = list(re.finditer(rf"^[ \t]*\[\[\s*{re.escape(loc[0])}\s*\]\]", source, re.MULTILINE))
        if loc[1] < len(headers):
            header = headers[loc[1]].start()
            start = header
            if loc[1] + 1 < len(headers):
                source = source[:headers[loc[1] + 1].start()]
    # Keys with dots (binding ids in [keymap]) are written in quotes.
    key = re.escape(keys[-1])
    for pattern in (rf"""^[ \t]*(?P<k>(["']?){key}\2)[ \t]*=""", rf"""[{{,][ \t]*(?P<k>(["']?){key}\2)[ \t]*="""):
        match = re.compile(pattern, re.MULTILINE).search(source, start)
        if match:
            return source.count("\n", 0, match.start("k")) + 1
    return source.count("\n", 0, header) + 1 if header is not None else None


def validation_problems(path: Path, error: ValidationError, source: str) -> list[Problem]:
    problems = []
    for item in error.errors(include_url=False):
        loc = tuple(item.get("loc", ()))
        message = plain_message(item)
        problems.append(
            Problem(path, message, line=_line_of(source, loc), field=_field_name(loc) or None, hint=NOT_OVERWRITTEN)
        )
    return problems
