"""The data folder's index: what the agenda needs, so `sponsordesk today` reads neither TOML nor pydantic.

A cron job asks `sponsordesk today` every morning; parsing every profile,
step board and suggestions file with pydantic took about 250 ms at 100
sponsees, most of it importing and building the models. Each time `today`
reads the whole data folder without a problem (a desk opened with
``makes_index``; the app does not), it writes here, per sponsorship not
ended, the few values the agenda is made from (name, phone, program
milestones, status, sobriety date, cadence, the due dates of open
suggestions and assignments, the recent contacts' facts) and, per ended
one, its name and program (a look-alike among them changes how the others
are named), with the signature of every file they came from. The next `today` checks those
signatures and, when every one still matches, answers from the index with
the standard library alone; any difference at all means it reads the files
as before (and the index is made again).

Where and why:

- ``<data>/.sponsordesk-index/<machine id>.json``: the index holds names and
  phone numbers, so it lives beside them in the data folder (never in the
  cache folder, which holds no words), private (0600 in a 0700 folder), and
  is named after this machine's id (this_machine.py). A sync tool copies it
  to the other machines, where nothing takes it (its signatures would not
  match there: ``readable``): two machines never write one file, so it
  never makes a sync conflict. A machine with no index of its own (its
  cache folder emptied, so its id is new) takes the one it wrote under its
  old id, checked as its own would be. Backups, doctor and
  the sync merge skip dot folders; `--setup-git` ignores it.
- A signature is a file's mode, size, mtime, ctime and inode, from the
  descriptor the store read it through (an edit that keeps size and mtime
  still changes ctime; a file replaced keeps neither inode nor ctime),
  plus, for a file changed within ``RACY_NS`` of when the index was made,
  the SHA-256 of the bytes that were parsed (filesystems with coarse
  timestamps). A file the read took nothing from (an ended sponsorship's
  contacts, a stray file) is known by its name. The listings of the data
  folder, the sponsees folder and each sponsee folder must match name for
  name, so a new sponsee, a sync tool's conflict copy, an interrupted
  save's journal or a leftover restore all send `today` to the files.
- settings.toml and the program files (the user's, through links, and the
  shipped ones) are signed the same way, from before the context read
  them; the machine's time zone (with its rules file), the format and the
  sponsordesk version must match too.
- Nothing is taken from an index that the files could not hold (each value
  is checked as the models would), and any error while answering from it
  sends `today` to the files (commands/today.py).
- A link where the index folder should be is never written through and
  nothing in it is deleted; the index file is read as the store reads data
  (no link followed, never blocking on a FIFO).
- An index is written only when the whole read had no problem (not even a
  warning), so every message still comes from reading the files; a read
  with a problem deletes this machine's. It is disposable: delete it and
  nothing is lost; the next full `today` makes it. Another machine's index
  not written for ``KEEP_DAYS`` is deleted.
- A reading of the files that leaves ended sponsorships for later (the
  app's, and `today`'s when the index could not answer) names each ended
  one from its entry while its folder still matches it, checked folder by
  folder as above, and parses no profile of theirs (``Vouched``): at 1,000
  sponsees, 800 profiles. The app's readings take the others' records from
  it too, when it was made here for that day or before, and read their files
  when a screen shows more. Doctor and the other commands never ask.
"""

from __future__ import annotations

import json
import os
import stat
import time
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator

from sponsordesk import __version__
from sponsordesk.model.limits import CADENCE_DAYS, LOOKAHEAD_DAYS, YEARS
from sponsordesk.model.plain import SponseeState, StepStatus, parse_milestone
from sponsordesk.store import layout, tomlio
from sponsordesk.store.facts import RACY_NS, fact_row, facts_of_row, local_zone, recent_since, recent_start
from sponsordesk.store.this_machine import ID_PATTERN
from sponsordesk.store.quick import (
    Quick, QuickBoard, QuickCadence, QuickDue, QuickName, QuickProgram, QuickRecord, QuickSettings, QuickSponsee,
    QuickStep,
)

if TYPE_CHECKING:
    from sponsordesk.model import SponseeRecord
    from sponsordesk.store.store import Store

FORMAT = 3
"""Bump when the index's shape or what it stands for changes; an older index is then not used."""

FOLDER = ".sponsordesk-index"

Signature = list[int]


def index_path(root: Path, machine: str) -> Path:
    return Path(root) / FOLDER / f"{machine}.json"


ADOPT_AT_MOST = 2
"""Other index files parsed, newest first, when this machine has none of its own (``readable``)."""


def readable(root: Path, machine: str | None, config_dir: Path | None) -> Iterator[tuple[bytes, bool]]:
    """The index files a reading may answer from, best first, each with whether it is another id's.

    This machine's, when it has one. When it has none (its cache folder was emptied, so its id is new or not
    made yet; or its last reading had a problem), the newest ``ADOPT_AT_MOST`` others whose first bytes say
    they were made by this sponsordesk for this folder (and ``config_dir``) in this time zone, its rules file
    named by inode: on one computer, that is the index it wrote under its old id (unless two newer ones made
    there under other ids, say with ``SPONSORDESK_CACHE_DIR``, no longer hold: then the files are read). A
    start answers from it instead of reading every file (3 s at a thousand sponsees, against about 1). That
    is as safe as answering from its own: every entry is checked against the files it came from by their
    inode, ctime and mtime, which a copy made by a sync tool on another computer does not share, and nothing
    is written to another id's file (the reading that follows makes this machine's)."""
    if machine is not None:
        data = tomlio.read_bytes(index_path(root, machine))  # no link followed, no FIFO waited on
        if data is not None:
            yield data, False
            return
    head: dict[str, Any] = {"format": FORMAT, "version": __version__, "zone": local_zone(), "root": str(root)}
    if config_dir is not None:
        head["config_dir"] = str(config_dir)
    start = json.dumps(head, separators=(",", ":")).encode()[:-1] + b","  # as ``IndexMaker.finish`` begins
    tried = 0
    for _, path in sorted(((st.st_mtime_ns, path) for path, st in _others(Path(root) / FOLDER, None)),
                          reverse=True):
        try:
            data = _read_if_starting(Path(path), start)
        except OSError:
            continue
        if data is not None:
            yield data, True
            tried += 1
            if tried == ADOPT_AT_MOST:
                return


def _others(folder: Path, own: str | None) -> list[tuple[str, os.stat_result]]:
    """The plain files in ``folder`` named as index files, but for ``own`` (a file name), with their stat."""
    found = []
    try:
        # a link in place of the folder is followed here, as for this machine's own file: only the file's
        # own name never is (tomlio.open_regular), and nothing is ever written through it (``finish``)
        with os.scandir(folder) as entries:
            for entry in entries:
                name = entry.name
                if name == own or not name.endswith(".json") or not ID_PATTERN.fullmatch(name[: -len(".json")]):
                    continue
                try:
                    st = entry.stat(follow_symlinks=False)
                except OSError:
                    continue  # gone meanwhile
                if stat.S_ISREG(st.st_mode):
                    found.append((entry.path, st))
    except OSError:  # no folder (a first start), or a file in its place
        pass
    return found


def _read_if_starting(path: Path, start: bytes) -> bytes | None:
    """The whole file when it begins with ``start``; None otherwise, having read no more than that (a huge
    file by an index's name costs nothing)."""
    fd = tomlio.open_regular(path)  # no link followed, no FIFO waited on
    with os.fdopen(fd, "rb") as handle:
        if handle.read(len(start)) != start:
            return None
        return start + handle.read()


# ------------------------------------------------------------ signatures

CONTACTS_PREFIX = f"{layout.CONTACTS}/"


def _stat(st: os.stat_result) -> Signature:
    return [st.st_mode, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def _names(folder: str) -> list[str] | None:
    try:
        return os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return None


def folder_names(root: Path, folder_id: str) -> list[str] | None:
    """The names in a sponsee folder and in its contacts folder (``contacts/2026.toml``); None: no folder."""
    base = os.path.join(root, layout.SPONSEES, folder_id)
    found = _names(base)
    if found is None:
        return None
    return found + [CONTACTS_PREFIX + name for name in _names(os.path.join(base, layout.CONTACTS)) or ()]


def contacts_signature(root: Path, folder_id: str) -> dict[str, Signature] | None:
    """Each entry of a sponsee's contacts folder, signed, by name relative to the sponsee folder."""
    try:
        with os.scandir(os.path.join(root, layout.SPONSEES, folder_id, layout.CONTACTS)) as entries:
            return {CONTACTS_PREFIX + e.name: _stat(e.stat(follow_symlinks=False)) for e in entries}
    except (FileNotFoundError, NotADirectoryError):
        return None


def digests_match(root: Path, folder_id: str, digests: dict[str, str]) -> bool:
    """Whether each file of a sponsee folder signed with a digest (changed just before it was signed) still
    holds those bytes."""
    if type(digests) is dict and not digests:  # most folders: no path made for nothing to check (a thousand
        return True  # at start); anything else an index says here is checked as before, and a damaged one fails
    folder = layout.sponsee_dir(root, folder_id)
    for name, expected in digests.items():
        data = tomlio.read_bytes(folder / name)
        if data is None or tomlio.digest(data) != expected:
            return False
    return True


def folder_matches(root: Path, folder_id: str, files: dict[str, Signature | None],
                   names: list[str] | None = None) -> bool:
    """Whether a sponsee folder holds the same names as ``files``, and each signed one is as it was signed.

    A file the read took something from is signed (stat and, if changed just then, hash); one it did not
    read (an ended sponsorship's contacts, a stray file) is known by its name, as the read knew it.
    ``names``: the folder's (``folder_names``), when the caller has just listed it.
    """
    if names is None:
        names = folder_names(root, folder_id)
    if names is None or len(names) != len(files) or not all(name in files for name in names):
        return False
    # Never a folder holding a crashed save's temp file, even one an index made before knew by its name (a
    # `today` or a read-only window reads without the chores that remove them): the app's start-up chores
    # leave the folders this vouched for unsearched (store/startup.py), so the file would stay for good.
    if any(name.endswith(tomlio.TEMP_SUFFIX) for name in names):
        return False
    base = os.path.join(root, layout.SPONSEES, folder_id, "")
    for name, sig in files.items():
        if sig is not None and _stat(os.stat(base + name, follow_symlinks=False)) != sig:
            return False
    return True


_NOT_SIGNED = frozenset((FOLDER, layout.MACHINES, layout.LOCK, layout.BACKUPS))
"""Names at the top that no reading looks into: the index itself, the machines' markers, the writers' lock
and the backups (a restore's folders, which a reading reports, are named otherwise). The first writer's
start makes the last two: they would have sent the next `today`, and closing's update, to the files."""


def top_signature(root: Path) -> dict[str, Any]:
    """The names in the data folder (but ``_NOT_SIGNED``) and each sponsee folder's inode and kind.

    From the folder listing alone (no stat per sponsee: a thousand of them were 20 ms of a start).
    """
    try:
        with os.scandir(root) as entries:
            top = sorted(entry.name for entry in entries if entry.name not in _NOT_SIGNED)
    except (FileNotFoundError, NotADirectoryError):
        top = []
    folder = os.path.join(root, layout.SPONSEES)
    try:
        # a sponsees/ that is a link loads nobody (Store.sponsee_ids): never listed through
        if os.path.islink(folder):
            raise NotADirectoryError(folder)
        with os.scandir(folder) as entries:
            sponsees = {entry.name: [entry.is_dir(follow_symlinks=False), entry.inode()] for entry in entries}
    except (FileNotFoundError, NotADirectoryError):
        sponsees = None
    return {"top": top, "sponsees": sponsees}


SHIPPED = Path(__file__).with_name("shipped_programs")
"""The programs sponsordesk ships (store/programs.py reads them): a patched install changes them too."""


def _signed_folder(folder: Path) -> dict[str, Signature | None]:
    # through links, as the context reads them (a program file kept in a dotfiles repository); only the
    # .toml files the programs are read from: the shipped folder's __pycache__, written by the first import
    # from a fresh checkout, made every index made in the two seconds after it unusable (flaky tests)
    try:
        with os.scandir(folder) as entries:
            found: dict[str, Signature | None] = {}
            for e in entries:
                if not e.name.endswith(".toml"):
                    continue
                try:
                    found[e.name] = _stat(e.stat())
                except OSError:
                    found[e.name] = None  # a dangling link: its name is all there is
            return found
    except (FileNotFoundError, NotADirectoryError):
        return {}  # as an empty one: no program is read from either


def config_signature(settings_file: Path, programs_dir: Path) -> dict[str, Any]:
    """settings.toml, the user's and the shipped program files as they are now (followed through links,
    as they are read): taken before the context reads them."""
    try:
        settings = _stat(os.stat(settings_file))
    except OSError:
        settings = None
    return {"settings": settings, "programs": _signed_folder(programs_dir), "shipped": _signed_folder(SHIPPED)}


def _racy(files: dict[str, Any], now_ns: int) -> list[str]:
    return [name for name, sig in files.items()
            if sig is not None and stat.S_ISREG(sig[0]) and sig[2] > now_ns - RACY_NS]


def _config_racy(config: dict[str, Any], now_ns: int) -> bool:
    sigs = [config["settings"], *(config["programs"] or {}).values(), *(config["shipped"] or {}).values()]
    return any(sig[2] > now_ns - RACY_NS for sig in sigs if sig is not None)


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _record_entry(record: "SponseeRecord", program: tuple[list[str], bool]) -> dict[str, Any]:
    s = record.sponsee
    return {
        "id": s.id, "name": s.name, "display_name": s.display_name, "program": s.program,
        "sobriety_date": _iso(s.sobriety_date), "cadence_days": s.cadence_days, "phone": s.phone,
        "state": str(s.state), "until": _iso(s.status.until), "snoozed_until": _iso(s.snoozed_until),
        "milestones": list(program[0]), "yearly": program[1],
        "suggestions": [x.due.isoformat() for x in record.suggestions if x.is_open and x.due],
        "open": record.open_count,
        "steps": [str(st.status) for st in record.steps.step],  # all twelve, in order: the roster's step column
        "assignments": [[st.number, a.due.isoformat()] for st in record.steps.step for a in st.assignment
                        if not a.done and a.due],
        # every contact the read gave (about RECENT_DAYS): the agenda on any later day, and the roster's
        # 12-week rhythm, which counts every contact of those weeks, not only up to the last that connected
        "recent": [fact_row(c) for c in record.recent],
    }


def _text(value: Any, empty_ok: bool = True) -> str:
    if type(value) is not str or not (value or empty_ok):
        raise ValueError("not an index entry")
    return value


def _number(value: Any, low: int, high: int) -> int:
    if type(value) is not int or not low <= value <= high:
        raise ValueError("not an index entry")
    return value


def _date(value: Any) -> date | None:
    """A date as the models allow it (years 1900-2999), or None; anything else is not an index's."""
    if value is None:
        return None
    day = date.fromisoformat(_text(value))
    if not YEARS[0] <= day.year <= YEARS[1]:
        raise ValueError("not an index entry")
    return day


def _name_entry(sponsee: Any) -> dict[str, Any]:
    return {"id": sponsee.id, "name": sponsee.name, "display_name": sponsee.display_name, "program": sponsee.program}


def _quick_name(entry: dict[str, Any]) -> QuickName:
    display = entry["display_name"]
    return QuickName(_text(entry["id"], False), _text(entry["name"], False),
                     None if display is None else _text(display), _text(entry["program"]))


def _quick_record(entry: dict[str, Any], since: date) -> tuple[QuickRecord, QuickProgram]:
    # Every value as the models would have let it through: an index is made only from what they read,
    # so anything else was written by something else, and the files answer instead.
    display = entry["display_name"]
    cadence = entry["cadence_days"]
    sponsee = QuickSponsee(
        _text(entry["id"], False), _text(entry["name"], False), None if display is None else _text(display),
        _text(entry["program"]), _date(entry["sobriety_date"]),
        None if cadence is None else _number(cadence, *CADENCE_DAYS), _text(entry["phone"]),
        SponseeState(entry["state"]), _date(entry["until"]), _date(entry["snoozed_until"]),
    )
    dues: dict[int, list[QuickDue]] = {}
    for number, due in entry["assignments"]:
        dues.setdefault(_number(number, 1, 12), []).append(QuickDue(_date(due)))
    statuses = entry["steps"]
    if type(statuses) is not list or len(statuses) != 12:
        raise ValueError("not an index entry")
    board = QuickBoard([QuickStep(n, dues.get(n, []), StepStatus(_text(status)))
                        for n, status in enumerate(statuses, start=1)])
    suggestions = [QuickDue(_date(due)) for due in entry["suggestions"]]
    # the store's rule for "recent" on the day asked about, from the longer list read on an earlier day
    recent = recent_since([facts_of_row(row) for row in entry["recent"]], since)
    milestones = [_text(m) for m in entry["milestones"]]
    for spec in milestones:
        parse_milestone(spec)  # ValueError for one a program file could not hold
    if type(entry["yearly"]) is not bool:
        raise ValueError("not an index entry")
    record = QuickRecord(sponsee, board, suggestions, recent, open_count=_number(entry["open"], 0, 10**9))
    return record, QuickProgram(sponsee.program, milestones, entry["yearly"])


# ------------------------------------------------------------ making it (the store, on a full read)


class IndexMaker:
    """Collects a full read of the data folder, sponsee by sponsee, and writes the index if it all held."""

    def __init__(self, root: Path, path: Path, config_dir: Path, config: dict[str, Any], settings: dict[str, Any],
                 program_of: Callable[[str], tuple[list[str], bool]]) -> None:
        self.root, self.path, self.config_dir = Path(root), path, config_dir
        self.config = config
        """settings.toml and the program files' signatures, taken before the context read them."""
        self.settings = settings
        self.program_of = program_of
        """A program key -> its milestones and whether every year is one (as the context resolves it)."""
        self.day: date | None = None
        self.top: dict[str, Any] = {}
        self.sponsees: dict[str, Any] = {}
        self.whole = True
        self._contacts: dict[str, dict[str, Signature] | None] = {}
        self.opened: dict[str, os.stat_result] = {}
        """Every file the store opened, as it was opened (tomlio.read_bytes): the signatures of what it read."""

    def begin(self, day: date) -> None:
        self.day, self.top, self.sponsees, self.whole = day, top_signature(self.root), {}, True
        self._contacts, self.opened = {}, {}

    # Each file is signed before it is read, never after: a file that changes while it is read then
    # differs from its signature at the next look, and the index is not used for it. (One changed within
    # the filesystem's timestamp granularity is checked against the hash of the bytes that were parsed.)

    def contacts(self, folder_id: str) -> None:
        """The contacts year files, signed just before the store reads (or takes from the facts cache) them."""
        self._contacts[folder_id] = contacts_signature(self.root, folder_id)

    def add(self, store: "Store", folder_id: str, record: "SponseeRecord | None", names: list[str] | None) -> None:
        """One sponsee as read (``names``: its folder's, listed before any file was read): its files'
        signatures, and what the agenda needs."""
        if names is None:
            self.whole = False  # the folder went away while it was read
            return
        base = os.path.join(layout.sponsee_dir(self.root, folder_id), "")  # strings: thousands of names a start
        before: dict[str, Signature | None] = {}
        for name in names:
            st = self.opened.pop(base + name, None)
            before[name] = None if st is None else _stat(st)
        if layout.CONTACTS in before:
            # the folder itself (not followed): a link put in its place is seen, though its files' names match
            try:
                before[layout.CONTACTS] = _stat(os.lstat(base + layout.CONTACTS))
            except OSError:
                self.whole = False
                return
        # no record without a problem: a folder with no profile.toml, which the read passes over too
        ended = record is None or record.sponsee.state == SponseeState.ENDED
        if not ended:
            contacts = self._contacts.get(folder_id) or {}
            if set(contacts) != {name for name in before if name.startswith(CONTACTS_PREFIX)}:
                self.whole = False  # the contacts folder changed between the two looks
                return
            before.update(contacts)
        digests: dict[str, str] = {}
        for name in _racy(before, time.time_ns()):
            path = layout.sponsee_dir(self.root, folder_id) / name
            found = store._fingerprints.get(path)
            if not isinstance(found, str) and name.startswith(CONTACTS_PREFIX):
                continue  # a year the read never opened (older than the last talk): nothing was taken from it
            if not isinstance(found, str) and ended:
                # an ended sponsorship's step board or suggestions, not parsed: only searched for versions a
                # sync merge kept (Store._profile_only); the same search on the same bytes stands for it
                data = tomlio.read_bytes(path)
                found = None if data is None or layout.holds_kept_versions(data) else tomlio.digest(data)
            if not isinstance(found, str):
                self.whole = False  # changed just now, and not as it was read
                return
            digests[name] = found
        self.sponsees[folder_id] = {
            "files": before, "digests": digests,
            # an ended sponsorship is never on the agenda: only its files' signatures are needed, and its name
            # (a look-alike changes how the others are named: desk/glance.py names_told_apart)
            "record": None if ended else _record_entry(record, self.program_of(record.sponsee.program)),
            "ended": None if record is None or not ended else _name_entry(record.sponsee),
        }

    def keep(self, folder_id: str, found: "Vouched") -> None:
        """A sponsee the old index vouched for, left unread (``Vouched.ended`` or ``Vouched.active``, checked
        against its files just now): its entry as it was, signatures and digests, so the next start checks
        the same."""
        entry = found.entries[folder_id]
        digests = entry["digests"]
        if any(name not in digests and not name.startswith(CONTACTS_PREFIX)
               for name in _racy(entry["files"], time.time_ns())):
            # changed within RACY_NS of now and yet signed long enough ago to need no digest then: a clock
            # set back. Nothing was parsed that a digest could stand for; no index this time
            self.whole = False
            return
        # an ended sponsorship's name, or the roster's entry of one not ended as checked when it was vouched
        # for, with its program's milestones as the program files say now (they may have changed since: this
        # index is signed with them as they are now, and `today` names milestones from it)
        ended, record = entry["ended"], entry["record"]
        if record is not None:
            milestones, yearly = self.program_of(record["program"])
            record = {**record, "milestones": list(milestones), "yearly": yearly}
        self.sponsees[folder_id] = {"files": entry["files"], "digests": digests, "record": record,
                                    "ended": None if ended is None else _name_entry(_quick_name(ended))}

    def update(self, store: "Store", folder_ids: list[str], day: date) -> None:
        """After saves: the entries of ``folder_ids`` made again from a reading of their folders as they are
        now, every other entry kept as this machine's index holds it, so the next start can still answer
        from it. Nothing when there is no index to keep fresh (the next whole reading makes one); deleted
        when one of them has a problem, as after a whole reading. Never fails (the caller is quitting)."""
        try:
            data = tomlio.read_bytes(self.path)
            raw = json.loads(data) if data is not None else None
            # none, made elsewhere or for a later day than this desk's (a `today --date` ahead, a window with
            # --today set back: its entries may lack what this day's agenda needs), or under other settings
            if (not _made_here_for(raw, self.root, self.config_dir, day) or raw.get("config") != self.config
                    or raw.get("settings") != self.settings or type(raw.get("sponsees")) is not dict):
                return
        except (OSError, ValueError):
            return
        self.begin(day)
        if self.top != raw.get("top"):
            # a folder added, removed or replaced by a link at the top or in sponsees/ since the index was
            # made: only a whole reading says what that means (a link loads nobody, a restore's folder is
            # reported); the index, left as it was, no longer answers, so the next reading makes it
            return
        # Each entry stands for its files as they were read, checked against them at every use, and is
        # good for any day from the one it was read on: the others, read on an earlier day, hold for today.
        store.index = self
        try:
            for folder_id in folder_ids:
                names = store._names_reporting_copies(layout.sponsee_dir(self.root, folder_id))
                self.add(store, folder_id, store.load_sponsee(folder_id, day, ended_in_full=False), names)
        finally:
            store.index = None
        kept = {folder_id: entry for folder_id, entry in raw["sponsees"].items() if folder_id not in folder_ids}
        self.sponsees = {**kept, **self.sponsees}
        self.finish(store)  # written only if every folder has an entry and nothing read had a problem

    def finish(self, store: "Store") -> None:
        """Write the index when the whole folder was read without any problem, else delete this machine's
        (it may name a sponsee since deleted); forget other machines' long unwritten. Never fails a read."""
        try:
            there = os.lstat(self.path.parent)
        except FileNotFoundError:
            there = None
        except OSError:
            return
        if there is not None and not stat.S_ISDIR(there.st_mode):
            return  # a link (or a file) where the folder should be: never written through, nothing deleted
        try:
            _prune(self.path)
            if (not self.whole or store.problems or self.day is None
                    or set(self.sponsees) != {n for n, (folder, _) in (self.top["sponsees"] or {}).items() if folder}
                    or _config_racy(self.config, time.time_ns())):
                if os.path.lexists(self.path):
                    os.unlink(self.path)
                return
            payload = json.dumps({
                "format": FORMAT, "version": __version__, "zone": local_zone(), "root": str(self.root),
                "config_dir": str(self.config_dir), "config": self.config, "settings": self.settings,
                "made": self.day.isoformat(), "top": self.top, "sponsees": self.sponsees,
            }, separators=(",", ":")).encode()  # ASCII escapes: a file name that is not UTF-8 comes back the same
            try:
                if tomlio.read_bytes(self.path) == payload:
                    return  # unchanged: no write for a sync tool to copy
            except tomlio.NotAFile:
                pass  # a FIFO or a link by its name: replaced below (the rename replaces the name, not a target)
            tomlio.write_atomic(self.path, payload)
        except (OSError, ValueError):
            pass  # a read-only disk, a full one: `today` reads the files, as without an index


KEEP_DAYS = 14
"""Another machine's index not written for this long is deleted (as long as the daily backups are kept by
default): a machine retired, or an id made afresh after its cache folder was deleted, leaves no copy of
names behind for good. A machine still in use writes its own again at its next read."""


def _prune(own: Path) -> None:
    """Delete other machines' index files unwritten for KEEP_DAYS; only plain files named as indexes are."""
    cutoff = time.time() - KEEP_DAYS * 86400
    for path, st in _others(own.parent, own.name):
        if st.st_mtime < cutoff:
            try:
                os.unlink(path)
            except OSError:
                continue  # gone meanwhile, or not ours to delete: it only costs space


def settings_entry(settings: Any) -> dict[str, Any]:
    """The settings the agenda uses, from a ``Settings``."""
    c = settings.cadence
    return {"cadence": [c.under_90_days, c.under_1_year, c.otherwise],
            "lookahead": settings.milestone_lookahead_days, "hide_names": settings.hide_names}


# ------------------------------------------------------------ sponsees left for later (the app, `today`)


class Vouched:
    """What this machine's index says of each sponsee folder, for a reading that leaves some for later.

    Of an ended sponsorship a start needs its name only (a partial record: ``EndedName``); of one not ended,
    what the roster and the agenda need (a ``QuickRecord``, as `today` reads it), and only when the index
    was made here for this day or before (``agenda``). When every file in the folder still matches the
    index, that is taken from it and nothing there is parsed (800 ended profiles were about 100 ms of a
    start at 1,000 sponsees, the 200 others' files about 110 more). Checked folder by folder as
    ``read_quick`` checks them, at the moment of the reading: a folder that differs in any way is read
    from its files. Except on the app's first reading, when ``checked``: then ``read_quick`` found every
    folder as signed moments before (the glance), and the desk knows nothing was written since.
    """

    def __init__(self, root: Path, entries: dict[str, Any], agenda: bool = False,
                 made: tuple[date, dict[str, QuickRecord]] | None = None, checked: bool = False) -> None:
        self.root, self.entries, self.agenda = root, entries, agenda
        self.made = made
        """The records ``read_quick`` made from these entries, for the day their recent contacts start: the
        app's first reading takes them as they are instead of making them again (200 were about 15 ms)."""
        self.checked = checked
        """Every folder these entries name was found, name for name and file for file, as signed
        (``read_quick``, for the glance), so a reading that follows takes that check for its own: its
        folders are not listed, nor their files signed, again (2,000 listings and 4,800 stats at 1,000
        sponsees). Only the desk can tell whether that still holds (nothing written since: ``Desk.read``);
        when not, it reads with ``rechecked``."""

    def rechecked(self) -> "Vouched":
        """The same entries (and the records made of them), each checked against its files when it is used."""
        return Vouched(self.root, self.entries, self.agenda, self.made)

    def ended(self, folder_id: str, names: list[str] | None) -> QuickName | None:
        """The name of the ended sponsorship in ``folder_id`` (``names``: the folder's, just listed, or None
        when ``checked``), when the index holds one for it and every file of theirs is as it was signed; else
        None (read it)."""
        try:
            entry = self.entries.get(folder_id)
            if type(entry) is not dict or entry["record"] is not None or entry["ended"] is None:
                return None
            name = _quick_name(entry["ended"])
            return name if name.id == folder_id and self._matches(folder_id, entry, names) else None
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return None  # damaged, or a file that cannot be looked at: its files answer, and say what is wrong

    def active(self, folder_id: str, names: list[str] | None, since: date) -> QuickRecord | None:
        """What the roster and the agenda need of the sponsorship in ``folder_id`` not ended (its contacts
        from ``since``), when the index was made for it (``agenda``) and every file of theirs is as it was
        signed; else None (read it)."""
        try:
            if not self.holds(folder_id):
                return None
            entry = self.entries[folder_id]
            made = self.made[1].get(folder_id) if self.made is not None and self.made[0] == since else None
            record = made if made is not None else _quick_record(entry["record"], since)[0]
            return record if record.id == folder_id and self._matches(folder_id, entry, names) else None
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return None

    def signed_profiles(self) -> frozenset[str]:
        """The folders whose entry signs a profile.toml: with ``checked``, each was found there just now."""
        return frozenset(folder_id for folder_id, entry in self.entries.items()
                         if type(entry) is dict and type(entry.get("files")) is dict and layout.PROFILE in entry["files"])

    def holds(self, folder_id: str) -> bool:
        """Whether the index holds a record for the sponsorship in ``folder_id`` that could stand in for it (so
        ``active`` passing it over means its files changed since)."""
        entry = self.entries.get(folder_id)
        return self.agenda and type(entry) is dict and entry.get("record") is not None

    def _matches(self, folder_id: str, entry: dict[str, Any], names: list[str] | None) -> bool:
        files = entry["files"]
        if (type(files) is not dict or type(entry["digests"]) is not dict
                or layout.PROFILE not in files
                # the files a reading parses or searches are signed, never known by their name alone
                or any(files[file] is None for file in layout.DATA_FILES if file in files)):
            return False
        if self.checked:
            return True  # found as signed by read_quick just before, with nothing written since
        if names is None or not folder_matches(self.root, folder_id, files, names):
            return False
        return digests_match(self.root, folder_id, entry["digests"])


def read_vouched(root: Path, machine: str | None, config_dir: Path | None = None,
                 day: date | None = None) -> Vouched | None:
    """This machine's index of ``root`` (or one ``readable`` adopts), made by this sponsordesk in this format,
    for ``Vouched``; None: there is none (or it is damaged or foreign), so every profile is read. Settings,
    programs, the time zone and the day change nothing an ended sponsorship's entry holds; the others' stand
    in for their records only when it was made in this time zone for ``config_dir``, on ``day`` or before
    (``_made_here_for``: their recent contacts reach back far enough). Each entry is still checked against
    its files when it is used."""
    try:
        found = None
        for data, _ in readable(root, machine, config_dir):
            raw = json.loads(data)
            if (type(raw) is not dict or raw.get("format") != FORMAT or raw.get("version") != __version__
                    or raw.get("root") != str(root) or type(raw.get("sponsees")) is not dict):
                continue
            agenda = config_dir is not None and day is not None and _made_here_for(raw, root, config_dir, day)
            if agenda:
                return Vouched(Path(root), raw["sponsees"], agenda)
            if found is None:  # an adopted one made for a later day: its ended entries still name them
                found = Vouched(Path(root), raw["sponsees"], agenda)
        return found
    except (OSError, ValueError, RecursionError):
        return None


def quick_of(record: "SponseeRecord", since: date) -> QuickRecord:
    """A record read in full as the index would stand in for it (``Vouched.active``): to tell whether a
    sponsee read from the index before and from the files now changed (``Desk.apply``)."""
    return _quick_record(_record_entry(record, ([], False)), since)[0]


# ------------------------------------------------------------ reading it (`today`)


def _made_here_for(raw: Any, root: Path, config_dir: Path, day: date) -> bool:
    """Whether ``raw`` is an index of this format and version, made in this time zone for these folders, on
    ``day`` or before (an index made for a later day lacks the contacts an earlier day's agenda needs)."""
    return (type(raw) is dict and raw.get("format") == FORMAT and raw.get("version") == __version__
            and raw.get("zone") == local_zone() and raw.get("root") == str(root)
            and raw.get("config_dir") == str(config_dir) and type(raw.get("made")) is str
            and date.fromisoformat(raw["made"]) <= day)


def read_quick(root: Path, config_dir: Path, settings_file: Path, programs_dir: Path, machine: str | None,
               day: date) -> Quick | None:
    """The agenda's records from the index (this machine's, or one ``readable`` adopts), when every file
    still matches it; None: read the files."""
    try:
        for data, adopted in readable(root, machine, config_dir):
            quick = _quick(root, data, config_dir, settings_file, programs_dir, day)
            if quick is not None:
                return quick._replace(adopted=adopted)
    except OSError:
        pass
    return None


def _quick(root: Path, data: bytes, config_dir: Path, settings_file: Path, programs_dir: Path,
           day: date) -> Quick | None:
    try:
        raw = json.loads(data)
        if not _made_here_for(raw, root, config_dir, day):
            return None
        if raw["config"] != config_signature(settings_file, programs_dir) or raw["top"] != top_signature(root):
            return None
        since = recent_start(day)
        records, programs, ended, made = [], {}, [], {}
        for folder_id, entry in raw["sponsees"].items():
            if not (folder_matches(root, folder_id, entry["files"])
                    and digests_match(root, folder_id, entry["digests"])):
                return None
            if entry["record"] is not None:
                record, program = _quick_record(entry["record"], since)
                records.append(record)
                programs[record.id] = program
                made[folder_id] = record
            elif entry["ended"] is not None:
                ended.append(_quick_name(entry["ended"]))
        under_90, under_year, otherwise = (_number(n, *CADENCE_DAYS) for n in raw["settings"]["cadence"])
        hide = raw["settings"]["hide_names"]
        if type(hide) is not bool:
            raise ValueError("not an index")
        settings = QuickSettings(QuickCadence(under_90, under_year, otherwise),
                                 _number(raw["settings"]["lookahead"], *LOOKAHEAD_DAYS), hide)
        # every folder checked just now: the app's first reading may take that for its own (``Vouched.checked``)
        vouched = Vouched(Path(root), raw["sponsees"], agenda=True, made=(since, made), checked=True)
        return Quick(records, programs, settings, ended, vouched)
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None  # absent, damaged or foreign: the files answer
