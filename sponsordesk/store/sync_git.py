"""git: a merge driver that merges sponsordesk's files entry by entry, and its setup in a data folder.

git runs ``sponsordesk merge-file %O %A %B %P`` for every data file both
sides changed: the base, ours (where the result goes), theirs, and the
file's path. The merge is the one sync copies get (store/sync_merge.py), with
git's base to help: ours keeps its comments and layout, and an entry changed
on both sides keeps both versions in the file for the app to show (the
merge itself succeeds, so git commits it with no markers). A file that does
not load on either side is left to git's own line merge, as without the
driver.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from sponsordesk.store import layout, tomlio
from sponsordesk.store.problems import StoreError
from sponsordesk.store.sync_folder import FileMerge, describe, merge_bytes
from sponsordesk.store.sync_merge import MergeRefused

DRIVER = "sponsordesk"
ATTRIBUTES = "sponsees/**/*.toml merge=sponsordesk"
IGNORED = [".sponsordesk.lock", ".sponsordesk-journal.toml", "*.sdtmp", ".sponsordesk-machines/", "backups/",
           ".sponsordesk-index/"]
"""What each machine keeps to itself: the lock, an interrupted save, temp files, open-elsewhere markers, backups,
and the index `today` answers from (store/index.py; an older setup gets the line when --setup-git runs again)."""


@dataclass
class DriverResult:
    """What the git merge driver did with one file."""

    code: int
    """0: merged (git commits it); non-zero: git's line merge left markers to resolve."""
    lines: list[str] = field(default_factory=list)
    """What to tell the person (git shows a driver's messages)."""


def _kind(rel: str | None, data: bytes) -> str | None:
    if rel:
        kind = layout.kind_of(Path(*PurePosixPath(rel).parts))
        if kind is not None:
            return kind
        return None
    try:  # no path given (%P is optional): tell the kind by what the file holds
        raw = tomlio.parse(data)
    except (ValueError, UnicodeDecodeError):
        return None
    for kind, array in (("contacts", "contact"), ("suggestions", "suggestion"), ("steps", "step")):
        if array in raw:
            return kind
    return "profile" if "id" in raw else None


def merge_file(base: Path, ours: Path, theirs: Path, rel: str | None = None) -> DriverResult:
    """Merge ``theirs`` into ``ours`` (written in place) over ``base``, as git's merge driver."""
    mine, other = ours.read_bytes(), theirs.read_bytes()
    parent = tomlio.read_bytes(base)
    shown = rel or ours.name
    kind = _kind(rel, mine)
    if kind is None:
        return _line_merge(base, ours, theirs, [f"sponsordesk: {shown} is not a sponsordesk data file; "
                                                 "merged line by line"])
    try:
        result: FileMerge = merge_bytes(kind, parent, mine, other, shown)
    except MergeRefused as why:
        return _line_merge(base, ours, theirs, [f"sponsordesk: {why}; merged line by line instead"], shown)
    if result.payload is not None:
        tomlio.write_atomic(ours, result.payload)
    lines = []
    if result.new_conflicts:
        which = ", ".join(describe(key) for key in result.new_conflicts)
        lines.append(f"sponsordesk: {shown}: {which} changed on both sides; both versions are kept in the file. "
                     "Open sponsordesk to choose (or run `sponsordesk doctor`)")
    return DriverResult(0, lines)


def _line_merge(base: Path, ours: Path, theirs: Path, lines: list[str], data_file: str | None = None) -> DriverResult:
    done = subprocess.run(["git", "merge-file", "-L", "ours", "-L", "base", "-L", "theirs",
                           str(ours), str(base), str(theirs)], capture_output=True, text=True)
    if done.returncode == 0 and data_file is not None:
        # a clean line merge of a file that did not load (a side with a half-typed line, or git's markers
        # already in it) is no merge: git would commit a data file sponsordesk cannot read
        try:
            tomlio.parse(ours.read_bytes())
        except (OSError, ValueError, UnicodeDecodeError):
            return DriverResult(1, [*lines, f"sponsordesk: {data_file} does not load after the line merge; "
                                            "git marks it as in conflict: fix it in an editor, then commit"])
    return DriverResult(done.returncode, lines)


# ------------------------------------------------------------------ setting it up


class NotARepository(StoreError):
    """The data folder is not in a git work tree."""


def driver_command() -> str:
    """The command git runs: this Python and this sponsordesk, whatever the PATH of the shell git uses."""
    return f"{shlex.quote(sys.executable)} -m sponsordesk merge-file %O %A %B %P"


def setup(root: Path) -> list[str]:
    """Make git merge sponsordesk's files with the driver in the repository holding ``root``; what was done.

    Writes ``.gitattributes`` and ``.gitignore`` lines in the data folder
    (kept if already there) and the driver in the repository's own config
    (``.git/config``: git never copies it, so each clone runs this once).
    """
    root = Path(root)
    done = subprocess.run(["git", "-C", str(root), "rev-parse", "--show-toplevel"], capture_output=True, text=True)
    if done.returncode != 0:
        raise NotARepository(f"{root} is not in a git repository; run `git init` there first "
                             "(or clone the repository that holds it)")
    said = []
    if _add_lines(root / ".gitattributes", "# sponsordesk: merge the notebook's files entry by entry "
                  "(see `sponsordesk sync --help`)", [ATTRIBUTES]):
        said.append(f"wrote {root / '.gitattributes'}: sponsees' files are merged by sponsordesk")
    if _add_lines(root / ".gitignore", "# sponsordesk: what each machine keeps to itself", IGNORED):
        said.append(f"wrote {root / '.gitignore'}: the lock, temp files, markers, backups and the index stay out of git")
    for key, value in (("merge.sponsordesk.name", "sponsordesk: merge entry by entry"),
                       ("merge.sponsordesk.driver", driver_command())):
        subprocess.run(["git", "-C", str(root), "config", key, value], check=True, capture_output=True)
    said.append(f"set merge.sponsordesk.driver in this clone's git config: {driver_command()}")
    return said


def _add_lines(path: Path, header: str, lines: list[str]) -> bool:
    """Append the lines ``path`` does not have yet (with a header); True if anything was added."""
    text = path.read_text("utf-8") if path.exists() else ""
    have = {line.strip() for line in text.splitlines()}
    missing = [line for line in lines if line not in have]
    if not missing:
        return False
    if text and not text.endswith("\n"):
        text += "\n"
    text += ("\n" if text else "") + header + "\n" + "".join(f"{line}\n" for line in missing)
    tomlio.write_atomic(path, text.encode("utf-8"))
    return True
