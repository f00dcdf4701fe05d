"""Store: loads the data folder into models and saves changes back, safely.

Every file read is fingerprinted (a hash of its bytes, not its mtime), and a
save first checks the file on disk still matches: an edit made in another
program is never overwritten. A file that failed to load is never written.

The modules that only a save needs (merge, writing and what it renders
with) and the sync merge (sync_folder, for a file holding versions a merge
kept) are imported by the methods that use them: a start that shows the
roster from the index parses no file and saves nothing, and importing them
was about 20 ms of it. The app imports them in the background a moment
after opening (``load_saving``), so the first save does not pay for it.
"""

from __future__ import annotations

import copy
import functools
import os
import stat
import typing
from dataclasses import dataclass, field
from collections.abc import Collection, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from sponsordesk import model as models  # each model imported when first used (pydantic: model/__init__.py)
from sponsordesk.model.limits import SCHEMA_VERSION
from sponsordesk.model.plain import ContactFacts, EndedName, SponseeState, StepStatus
from sponsordesk.model.record import SponseeRecord
from sponsordesk.store import backup, journal, layout, sync_stamps, tomlio
from sponsordesk.store.facts import recent_start
from sponsordesk.store.lock import SAVING, one_at_a_time
from sponsordesk.store.quick import QuickBoard, QuickRecord, QuickStep

if TYPE_CHECKING:
    from sponsordesk.model import Contact, ContactFile, Record, Sponsee, StepBoard, Suggestion, SuggestionFile
    from sponsordesk.store import merge, writing
    from sponsordesk.store.sync_ledger import Scope
from sponsordesk.store.sync_names import copy_of
from sponsordesk.store.changes import (
    NESTED,
    Change,
    contact_changes,
    moved_to,
    profile_change,
    step_change,
    suggestion_change,
)
from sponsordesk.store.migrate import MigrationError, file_models, upgrade
from sponsordesk.store.problems import (
    LINKED_FOLDER,
    _field_name,
    _line_of,
    BrokenFileError,
    NOT_OVERWRITTEN,
    Conflict,
    ConflictError,
    Problem,
    ReadOnlyError,
    StoreError,
    SaveUnfinished,
    conflict_message,
    save_failed,
    syntax_problem,
    validation_problems,
)

R = TypeVar("R", bound="Record")


_ABSENT = "absent"

HEADERS = layout.HEADERS

READ_ONLY = "this window is read-only; nothing was saved"

NOT_A_FILE = ("put the real file (or folder) there instead, or move this out of the data folder; "
              "sponsordesk reads only plain files and folders inside it and leaves this as it is")


@dataclass(frozen=True)
class Commit:
    """What a save wrote."""

    written: list[Path] = field(default_factory=list)
    kept_outside: list[Path] = field(default_factory=list)
    """Files that had been changed outside sponsordesk (other entries or fields) and whose changes were kept."""
    how: dict[Path, str] = field(default_factory=dict)
    """How each file was written: new, splice or tomlkit (its comments and layout kept), or whole (rewritten)."""
    changes: list[Change] = field(default_factory=list)
    """The changes, each contact's with the year file it went to (the one it was read from: ``_at_home``), for
    an undo to take it back there."""


class Store:
    """Reads and writes one data folder."""

    facts_cache = None  # a FactsCache (store/facts_cache.py) set by the context; text-free, checked per file
    index = None  # an IndexMaker (store/index.py) set by the desk for a full read: `today` answers from it
    stamps = None  # a sync_machine.Stamping set by the context: saves carry this machine's stamps (None: none)
    vouched = None  # an index.Vouched set by the desk: ended sponsorships whose files still match the index are
    # named from it, their profiles not parsed, by a reading that leaves them for later (``load``)

    def __init__(self, root: Path, *, read_only: bool = False, reason: str = "") -> None:
        self.root = Path(root)
        self.read_only = read_only
        self.read_only_reason = reason or READ_ONLY
        """Why saves are refused (shown to the user as is)."""
        self.problems: list[Problem] = []
        self._fingerprints: dict[Path, str] = {}
        self._written: dict[Path, tuple[str, dict]] = {}
        """Each file a save here wrote, by path: the digest of its bytes and what they parse to, taken (once)
        by the next reading of it while its bytes are still those. The reading of a sponsee after a save parsed
        the year file it had just written, and checked, again: about 2 ms of a 30 ms save."""
        self._parsed: dict[Path, tuple[str, dict]] = {}
        """The files the last save wrote, by path: the digest of their bytes and a copy of what they parse to
        that nothing else holds, taken (once) by the next save's look at the file on disk while its bytes are
        still those (``_current``). Logging contacts one after another parsed the year file each save had
        just written, and checked, again: about 1.5 ms a save. Bytes changed in any way since (an editor, a
        sync tool) do not match the digest, and the file is parsed as it is now."""
        self._broken: set[Path] = set()
        self._newer: set[Path] = set()
        """Files from a newer sponsordesk: shown, never written."""
        self._home: dict[tuple[str, str], tuple[int, int]] = {}
        """(sponsee, contact id) -> the year file it was read from (a contact may sit in another year's file),
        and the year of its date then."""
        self._held: dict[tuple[str, int], set[str]] = {}
        """(sponsee, year) -> the ids its contacts file held when last read."""
        self.unvouched: set[str] = set()
        """Folders of sponsorships not ended that the index held but whose files changed since (``load``)."""
        self._not_read: QuickBoard | None = None
        """The step board of every partial record (never shown, never saved from: ``SponseeRecord.partial``)."""

    def _report(self, problem: Problem) -> None:
        # A file read twice (the roster, then a log) is reported once.
        if problem not in self.problems:
            self.problems.append(problem)

    # ------------------------------------------------------------ reading

    def _read(self, path: Path, model: type[R]) -> R | None:
        """Load one file into ``model``; None if absent or broken (then reported)."""
        if self.problems:
            # read again (a sponsee reloaded after a save): what it said last time no longer holds; a file still
            # broken, or still with an unknown key, says so again below, and one deleted since says nothing
            self.problems = [p for p in self.problems if p.path != path]
        try:
            data = tomlio.read_bytes(path, self.index.opened if self.index is not None else None)
        except tomlio.NotAFile as error:
            return self._fail(path, [Problem(path, f"{error.strerror}; not loaded", hint=NOT_A_FILE)])
        except OSError as error:
            # Unreadable (permissions, a disk error): shown as a problem, never overwritten.
            return self._fail(path, [Problem(path, f"could not be read ({error.strerror or type(error).__name__})",
                                             hint="run `sponsordesk doctor --fix`, or check the disk and the "
                                                  "file's owner; sponsordesk will not overwrite it")])
        if data is None:
            self._fingerprints[path] = _ABSENT
            return None
        digest = self._fingerprints[path] = tomlio.digest(data)
        written = self._written.pop(path, None)
        self._broken.discard(path)
        self._newer.discard(path)
        if not data.strip():
            # Sync tools and full disks leave empty files behind; say so plainly.
            return self._fail(path, [Problem(path, "the file is empty", hint="restore it from a backup "
                                             "(`sponsordesk restore`) or delete it; sponsordesk will not overwrite it")])
        try:
            # what this store wrote there, parsed when it was checked: the same bytes parse the same (and the
            # entry is taken, never shared: the reading below changes what it holds)
            raw = written[1] if written is not None and written[0] == digest else tomlio.parse(data)
        except UnicodeDecodeError:
            return self._fail(path, [Problem(path, "not UTF-8 text", hint="save it as UTF-8 in an editor; "
                                             "sponsordesk will not overwrite it")])
        except Exception as error:  # tomllib.TOMLDecodeError
            return self._fail(path, [syntax_problem(path, error, data.decode("utf-8-sig", "replace"))])
        source = data.decode("utf-8-sig", "replace")
        version = raw.get("schema_version", SCHEMA_VERSION)
        if not isinstance(version, int) or isinstance(version, bool):
            return self._fail(path, [Problem(path, "schema_version must be a whole number", field="schema_version",
                                             line=_line_of(source, ("schema_version",)),
                                             hint=f"write schema_version = {SCHEMA_VERSION}")])
        if version < SCHEMA_VERSION:
            try:
                raw = upgrade(raw, next((kind for kind, each in file_models().items() if each is model), ""))
            except MigrationError as error:
                return self._fail(path, [Problem(path, str(error), field="schema_version",
                                                 hint="open it with the sponsordesk that wrote it, or restore a backup")])
        if raw.get(sync_stamps.CONFLICT):  # versions kept by a sync merge, to choose from
            from sponsordesk.store import sync_folder  # only then (module docstring)

            for problem in sync_folder.kept_problems(path, raw):
                self._report(problem)
        raw = sync_stamps.without_sync(raw, in_place=True)  # stamps, tombstones, kept versions: not the models'
        from pydantic import ValidationError  # loaded with the first file parsed (store/config_check.py: not before)

        try:
            record = model.model_validate(raw)
        except ValidationError as error:
            if version > SCHEMA_VERSION:
                return self._fail(path, [_newer_problem(path, version, "could not be read, so it is not shown")])
            return self._fail(path, validation_problems(path, error, source))
        except (RecursionError, OverflowError):  # values nested or sized past what can be checked
            return self._fail(path, [Problem(path, "holds values too deeply nested or too large to check",
                                             hint=NOT_OVERWRITTEN)])
        if version > SCHEMA_VERSION:
            # Shown, so nothing disappears, but a save could drop what the newer version added.
            self._newer.add(path)
            self._report(_newer_problem(path, version, "shown read-only", severity="warning"))
            return record
        for loc in _unknown_keys(record):
            self._report(Problem(path, "unknown key, kept as it is", field=_field_name(loc), line=_line_of(source, loc),
                                 hint="check the spelling; sponsordesk keeps keys it does not know",
                                 severity="warning"))
        for what, ident in _duplicate_ids(record):
            self._report(Problem(path, f"two {what} share the id '{ident}'", field="id", severity="warning",
                                 hint="give one of them another id in an editor, so a change goes to the right one"))
        return record

    def _fail(self, path: Path, problems: list[Problem]) -> None:
        self._broken.add(path)
        for problem in problems:
            self._report(problem)
        return None

    def sponsee_ids(self, signed: Collection[str] = ()) -> list[str]:
        """The sponsee folders that hold a profile, in name order (problems reported for the others).

        ``signed``: folders whose profile.toml the caller found, moments ago, as the index signed it (the
        glance's check, ``Vouched.checked``): not looked for again (a thousand stats of a start)."""
        folder = layout.sponsees_dir(self.root)
        if folder.is_symlink():
            # followed, every sponsee would be read and written elsewhere, and every backup would be empty
            self._report(Problem(folder, "a link to another place; sponsordesk does not follow links in its data "
                                 "folder, so no sponsee is loaded", hint=LINKED_FOLDER))
            return []
        if not folder.is_dir():
            return []
        ids = []
        # scandir: whether each is a link or a folder comes with the listing (three stats a sponsee before,
        # about 20 ms of a start at 1,000 sponsees)
        with os.scandir(folder) as listing:
            found = sorted((e for e in listing if not e.name.startswith(".")), key=lambda e: e.name)
        for found_entry in found:
            name = found_entry.name
            if found_entry.is_symlink():
                # followed, it would be read and written outside the data folder, and left out of backups
                self._report(Problem(folder / name, "a link to another place; sponsordesk does not follow links in "
                                     "its data folder, so this sponsee is not loaded", hint=NOT_A_FILE))
                continue
            if not found_entry.is_dir(follow_symlinks=False):
                continue
            if layout.is_conflict_name(name):
                self._report(Problem(folder / name, "looks like a sync-conflict copy; not loaded", severity="warning",
                                     hint="compare it with the original and delete the one you do not need"))
                continue
            entry = folder / name
            if name in signed:
                ids.append(name)
                continue
            try:
                os.stat(os.path.join(found_entry.path, layout.PROFILE))
                ids.append(name)
                continue
            except (FileNotFoundError, NotADirectoryError):
                pass
            except OSError as error:  # a folder that cannot be looked into is not one without a profile
                self._report(Problem(entry, f"could not be read ({error.strerror or error}); this sponsee is not "
                                     "loaded", hint=f"make it readable by you (chmod u+rwx {self._rel(entry)})"))
                continue
            if _has_files(entry):
                self._report(Problem(entry / layout.PROFILE, "this sponsee folder has no profile.toml; not loaded",
                                     severity="warning", hint="restore profile.toml (see `sponsordesk restore`) "
                                     "or move the folder out of sponsees/"))
        return ids

    def load(self, today: date, ended_in_full: bool = True, in_full: Collection[str] = (),
             active_later: bool = False) -> list[SponseeRecord | QuickRecord]:
        """Every sponsee (ended ones too), with what the roster needs.

        ``ended_in_full=False``: of an ended sponsorship only the profile is
        read (a ``partial`` record), unless its id is in ``in_full`` (already
        shown) or its step board or suggestions hold versions a sync merge
        kept; the desk reads the rest when it is shown. Not even the profile
        when ``vouched`` (this machine's index) names it and every file in
        its folder still matches the index: an index is made only from a
        reading without any problem, so such a folder has none to report.

        ``active_later`` (with ``ended_in_full=False``): a sponsorship not ended
        whose files all still match the index is not read either, unless its
        id is in ``in_full``: its record is the index's (a ``QuickRecord``
        marked ``partial``, what the roster and the agenda read), and the desk
        reads its files when a screen shows or changes more (``Desk.record``).
        """
        self.problems, self.unvouched = [], set()
        for left in backup.interrupted_restores(self.root):
            # a writer finishes it on opening (store/startup.py); until then the folder may look empty
            message, hint = backup.blocked_restore_text(self.root, left) or (
                "a restore was interrupted here, so sponsees may be missing",
                "open the app, or run `sponsordesk doctor --fix` with the app closed, to finish it; do not "
                "delete this folder: it holds your data")
            self._report(Problem(left, message, hint=hint))
        records = []
        seen: dict[str, Path] = {}
        index = self.index
        if index is not None:
            index.begin(today)
        vouched = None if ended_in_full else self.vouched
        since = recent_start(today)
        signed = vouched.signed_profiles() if vouched is not None and vouched.checked else frozenset()
        for folder_id in self.sponsee_ids(signed):
            folder = layout.sponsee_dir(self.root, folder_id)
            known = vouched if vouched is not None and folder_id not in in_full else None
            # its names before any of its files is read: the index signs each file as the read opens it. Not
            # when the glance found the folder as signed just before (``Vouched.checked``)
            names = None if known is not None and known.checked else self._names_reporting_copies(folder)
            ended = quick = None
            if known is not None:
                ended = known.ended(folder_id, names)
                if ended is None and active_later:
                    quick = known.active(folder_id, names, since)
                    if quick is None and known.holds(folder_id):
                        self.unvouched.add(folder_id)
            if ended is not None or quick is not None:
                # unchanged since a reading that had no problem with it: from the index, read when shown
                record: SponseeRecord | QuickRecord | None = (
                    self._left_for_later(folder_id, ended) if ended is not None else self._from_index(folder_id, quick))
                if index is not None:
                    index.keep(folder_id, vouched)
            else:
                if known is not None and known.checked:
                    names = self._names_reporting_copies(folder)  # read after all (an entry it cannot take)
                record = self.load_sponsee(folder_id, today, ended_in_full or folder_id in in_full)
                if index is not None:
                    index.add(self, folder_id, record, names)
            if record is None:
                continue
            if record.id in seen:
                self._report(Problem(layout.profile_path(self.root, folder_id),
                                     f"claims id '{record.id}', which {self._rel(seen[record.id])} also claims; "
                                     "not loaded", field="id", hint="give one of them another id (and rename its folder)"))
                continue
            seen[record.id] = layout.profile_path(self.root, folder_id)
            records.append(record)
        if self.facts_cache:
            self.facts_cache.finish()
        if index is not None:
            index.finish(self)
            self.index = None  # made by one whole read; later reads of one sponsee (a save's) do not sign
        return records

    def load_sponsee(self, folder_id: str, today: date, ended_in_full: bool = True) -> SponseeRecord | None:
        profile_path = layout.profile_path(self.root, folder_id)
        sponsee = self._read(profile_path, models.Sponsee)
        if sponsee is None:
            return None
        if not ended_in_full and sponsee.id == folder_id and self._profile_only(sponsee):
            return self._left_for_later(folder_id, EndedName.of(sponsee))
        if sponsee.id != folder_id:
            other = layout.profile_path(self.root, sponsee.id)
            if other.exists():
                message = f"claims id '{sponsee.id}', which {self._rel(other)} also claims; not loaded"
                hint = "two files for one sponsee: merge what you need into one, then delete this folder"
            else:
                message = f"id '{sponsee.id}' does not match its folder '{folder_id}'; not loaded"
                hint = "make the id and the folder name the same"
            self._fail(profile_path, [Problem(profile_path, message, field="id",
                                              line=_line_of(profile_path.read_text("utf-8", "replace"), ("id",)),
                                              hint=hint)])
            return None
        steps = self._read(layout.steps_path(self.root, folder_id), models.StepBoard) or models.StepBoard()
        suggestions = self._read(layout.suggestions_path(self.root, folder_id), models.SuggestionFile)
        since = recent_start(today)
        if self.index is not None:
            self.index.contacts(folder_id)  # signed before they are read (or taken from the facts cache)
        if self.facts_cache:
            recent = self.facts_cache.recent(self, folder_id, since)
        else:
            recent = [ContactFacts.of(c) for c in self.recent_contacts(folder_id, since)]
        contacts = layout.contacts_dir(self.root, folder_id)
        # only when a file of theirs did not load: listing the folder again for every sponsee cost each start
        unreadable = [year for year in self.contact_years(folder_id)
                      if layout.contacts_path(self.root, folder_id, year) in self._broken] \
            if any(path.parent == contacts for path in self._broken) else []
        return SponseeRecord(sponsee, steps, suggestions.suggestion if suggestions else [], recent,
                             sorted(unreadable))

    def _left_for_later(self, folder_id: str, name: EndedName) -> SponseeRecord:
        """An ended sponsorship's partial record: its name only, the rest read when it is shown."""
        if self.facts_cache:
            self.facts_cache.keep(self, folder_id)  # or finish() would drop its entry and rewrite the cache
        if self._not_read is None:
            # one for them all: twelve steps made for each of 800 took 15 ms. The index's stand-in for a board
            # (twelve steps not started), not the model's: never shown or saved from, and a start the index
            # answers needs no pydantic (store/config_check.py)
            self._not_read = QuickBoard([QuickStep(number, [], StepStatus.NOT_STARTED) for number in range(1, 13)])
        return SponseeRecord(name, self._not_read, [], partial=True)

    def _from_index(self, folder_id: str, quick: QuickRecord) -> QuickRecord:
        """A sponsorship not ended, as the index holds it (``Vouched.active``): read in full when shown."""
        if self.facts_cache:
            self.facts_cache.keep(self, folder_id)  # or finish() would drop its entry and rewrite the cache
        return quick._replace(partial=True)

    def _profile_only(self, sponsee: Sponsee) -> bool:
        """Whether an ended sponsorship can wait to be read until it is shown.

        Most sponsees of a long-kept notebook are ended, and their step boards,
        suggestions and contacts are most of what a start would read. Not when
        a sync merge kept two versions of one of their entries: those are
        announced at start, for every sponsee (a byte search, no parsing).
        """
        if sponsee.state != SponseeState.ENDED:
            return False
        for path in (layout.steps_path(self.root, sponsee.id), layout.suggestions_path(self.root, sponsee.id)):
            try:
                data = tomlio.read_bytes(path, self.index.opened if self.index is not None else None)
            except OSError:
                return False  # not a plain file, or unreadable: read it now, so the problem is reported
            if data is not None and layout.holds_kept_versions(data):
                return False
        return True

    def _names_reporting_copies(self, folder: Path) -> list[str] | None:
        """The names in a sponsee folder and in its contacts folder (``contacts/2026.toml``), None when there
        is no folder (the index signs a read with them); the sync tools' copies among them are reported."""
        # Names first, from os.listdir (glob built a Path per file): this runs for every sponsee
        # on every start; a stat only for the rare name that looks like a copy.
        found: list[str] | None = None
        for base, prefix in ((folder, ""), (folder / layout.CONTACTS, f"{layout.CONTACTS}/")):
            try:
                names = os.listdir(base)
            except OSError:
                continue
            found = (found or []) + [prefix + name for name in names]
            for name in names:
                if not layout.is_conflict_name(name):  # dot files too (.profile.toml.swp)
                    continue
                path = base / name
                if path.is_file():
                    self._report(_copy_problem(path))
        return found

    def contact_years(self, sponsee_id: str) -> list[int]:
        """Years that have a contacts file, newest first."""
        folder = layout.contacts_dir(self.root, sponsee_id)
        if folder.is_symlink():
            self._report(Problem(folder, "a link to another place; sponsordesk does not follow links in its data "
                                 "folder, so these contacts are not loaded", hint=NOT_A_FILE))
            return []
        if not folder.is_dir():
            return []
        years = (layout.year_of(p) for p in folder.iterdir())
        return sorted((y for y in years if y is not None), reverse=True)

    def contacts_in_year(self, sponsee_id: str, year: int) -> list[Contact]:
        """One year's contacts, newest first."""
        path = layout.contacts_path(self.root, sponsee_id, year)
        loaded = self._read(path, models.ContactFile)
        if not loaded:
            self._held.pop((sponsee_id, year), None)
            return []
        self._held[(sponsee_id, year)] = {contact.id for contact in loaded.contact}
        for index, contact in enumerate(loaded.contact):
            # where an edit or a deletion of it must go (kept after a deletion, for its undo). With one id in
            # two year files (a sync of a move on one machine and an edit on another) the newer file's; the log
            # shows both, and a change to the other goes to its own date's file (_at_home)
            home = self._home.get((sponsee_id, contact.id))
            if home is None or home[0] <= year or contact.id not in self._held.get((sponsee_id, home[0]), ()):
                self._home[(sponsee_id, contact.id)] = (year, contact.at.year)
            if contact.at.year != year:
                self._report(Problem(path, f"holds a contact dated {contact.at.year}; it is shown, and kept in "
                                     "this file when changed", field=f"contact[{index}].at", severity="warning",
                                     hint=f"move it to contacts/{contact.at.year}.toml in an editor if you like"))
        return sorted(loaded.contact, key=lambda c: c.at, reverse=True)

    def iter_contacts(self, sponsee_id: str) -> Iterator[Contact]:
        """Every contact, newest first, reading one year file at a time."""
        for year in self.contact_years(sponsee_id):
            yield from self.contacts_in_year(sponsee_id, year)

    def recent_contacts(self, sponsee_id: str, since: date) -> list[Contact]:
        """Contacts on or after ``since`` plus, at least, the last that connected."""
        out: list[Contact] = []
        for year in self.contact_years(sponsee_id):
            have_connected = any(c.connected for c in out)
            if year < since.year and have_connected:
                break
            for contact in self.contacts_in_year(sponsee_id, year):
                if contact.day >= since or not any(c.connected for c in out):
                    out.append(contact)
        return out

    def suggestions(self, sponsee_id: str) -> list[Suggestion]:
        loaded = self._read(layout.suggestions_path(self.root, sponsee_id), models.SuggestionFile)
        return loaded.suggestion if loaded else []

    # ------------------------------------------------------------ writing

    def _rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

    def ensure_root(self) -> None:
        tomlio.ensure_dir(self.root)
        tomlio.ensure_dir(layout.sponsees_dir(self.root))

    def new_sponsee_id(self, name: str) -> str:
        base = models.slug(name)
        taken = set(self.sponsee_ids()) if layout.sponsees_dir(self.root).is_dir() else set()
        candidate, n = base, 2
        while candidate in taken or layout.sponsee_dir(self.root, candidate).exists():
            candidate, n = f"{base}-{n}", n + 1
        return candidate

    @one_at_a_time  # never interleaved with a sync merge in a worker, nor with the start-up chores
    def commit(self, changes: Sequence[Change]) -> Commit:
        """Write every change, all or none; says which files were written and which had outside edits kept.

        Each change is merged into its file as it is on disk now (see
        store/merge.py): outside edits to other entries and fields are kept.
        Raises ConflictError (listing every conflict) when an entry changed
        here was also changed outside, BrokenFileError for a file that does
        not load, ReadOnlyError, or StoreError when a write fails; in every
        case nothing was written.
        """
        from sponsordesk.store import writing  # with the first save (module docstring)

        if self.read_only:
            raise ReadOnlyError(self.read_only_reason)
        self.finish_interrupted_save()
        conflicts: list[Conflict] = []
        self._ledger_pending: list[Scope] = []
        asked = self._at_home(changes)
        grouped: dict[Path, list[Change]] = {}
        for change in self._moves_merged(asked, conflicts):
            grouped.setdefault(change.path(self.root), []).append(change)
        plans = []
        for path, group in grouped.items():
            plan = self._plan(path, group, conflicts)
            if plan is not None:
                plans.append(plan)
        for plan in plans:
            self._refuse_links(plan.path)
        if conflicts:
            # the changes as asked for (a move still both its halves: a move in conflict is not merged), so
            # "keep mine" or "keep the file's" can ask for them again
            raise ConflictError(conflict_message(conflicts), conflicts, asked)
        if not plans:
            return Commit(changes=asked)
        # a file whose bytes are not what this window last read or wrote had outside edits, now merged
        kept = [p.path for p in plans if p.before is not None
                and self._fingerprints.get(p.path) not in (None, tomlio.digest(p.before))]
        shown = ", ".join(self._rel(p.path) for p in plans)
        # before the files: a count given must never be given again, even after a crash (a new sponsee's
        # folder, made by this save, once it is there)
        later = [scope for scope in self._ledger_pending if not scope.write()]
        try:
            writing.write_plans(self.root, plans)
        except journal.Unfinished as unfinished:
            raise SaveUnfinished(f"could not finish saving {shown} ({unfinished}): the change is recorded, and "
                             "sponsordesk finishes it the next time it opens or saves; if this keeps happening, "
                             "run `sponsordesk doctor`") from None
        except OSError as error:
            raise save_failed(shown, error) from None
        self._parsed = {}
        for plan in plans:
            digest = self._fingerprints[plan.path] = tomlio.digest(plan.payload)
            if plan.read_back is not None:
                self._written[plan.path] = (digest, plan.read_back)
                # a copy of its own: the reading takes read_back and changes it (stamps dropped, models made)
                self._parsed[plan.path] = (digest, writing.copy_data(plan.read_back))
            else:
                self._written.pop(plan.path, None)
            self._broken.discard(plan.path)
        for scope in later:
            scope.write()
        return Commit([plan.path for plan in plans], kept, {plan.path: plan.how for plan in plans}, asked)

    def _refuse_links(self, path: Path) -> None:
        """A save never goes through a folder that is a link (sponsees/, a sponsee's, contacts/): it would
        write outside the data folder, where no backup looks. The file itself is never followed either."""
        folder = path.parent
        while folder != self.root and self.root in folder.parents:
            if folder.is_symlink():
                raise StoreError(f"{self._rel(folder)} is a link to another place; sponsordesk does not follow "
                                 f"links in its data folder, so {self._rel(path)} was not saved. {LINKED_FOLDER}")
            folder = folder.parent

    def _at_home(self, changes: Sequence[Change]) -> list[Change]:
        """Changes to contacts already written go to the file each was read from, even when a person put it
        in another year's file: it is changed or deleted there, never copied into a second file."""
        out = []
        deleted = {c.key for c in changes if c.kind == "contacts" and c.new is None}
        for change in changes:
            # an undo's: its year file is the one it was written to (the other copy's never), while it is there
            if change.placed and not self._moved_away(change):
                out.append(change)
                continue
            home, dated = self._home.get((change.sponsee_id, change.key[1]), (None, None)) \
                if change.kind == "contacts" else (None, None)
            # an addition of a contact read before, dated in the same year (an undo of its deletion), goes back
            # where it was; one with another year's date (a moved contact deleted outside, kept by "keep mine")
            # goes to its date's year
            at = (change.new or {}).get("at")
            back = change.base is None and change.key not in deleted and getattr(at, "year", None) == dated
            if (change.base is not None or back) and home is not None and home != change.year:
                if change.base is not None and change.key[1] in self._held.get((change.sponsee_id, change.year), ()):
                    # one id in two year files (a sync of a move on one machine and an edit on another): the log
                    # shows both, and each row's change goes to the copy that row is
                    home = self._copy_shown(change, home)
                change = Change(change.sponsee_id, change.kind, change.key, change.base, change.new, home)
            out.append(change)
        # a "move" of a contact that sat in the wrong year's file into that very year: one edit, in place
        for gone in [c for c in out if c.kind == "contacts" and c.base is not None and c.new is None]:
            added = next((c for c in out if c.kind == "contacts" and c.key == gone.key and c.base is None
                          and c.new is not None and c.year == gone.year), None)
            if added is not None:
                edit = Change(gone.sponsee_id, gone.kind, gone.key, gone.base, added.new, gone.year)
                out = [edit if c is gone else c for c in out if c is not added]
        return out

    def _moved_away(self, change: Change) -> bool:
        """An undo's change of a contact that is no longer in the year file it was written to, but in the
        one it is read from now (moved outside since): routed there, as any change is."""
        from sponsordesk.store import merge  # with the first save (module docstring)


        if change.kind != "contacts" or change.base is None:
            return False
        home = self._home.get((change.sponsee_id, change.key[1]), (None, None))[0]
        if home is None or home == change.year:
            return False
        def holds(year: int) -> bool:
            path = layout.contacts_path(self.root, change.sponsee_id, year)
            return merge.find(self._current(path, "contacts").normal, (change.key,)) is not None
        return not holds(change.year) and holds(home)

    def _copy_shown(self, change: Change, home: int) -> int:
        """Of a contact's two year files, the one whose copy is the one the change was made from (its date's
        year file when both or neither are: a conflict there, never a change to the other copy)."""
        from sponsordesk.store import merge  # with the first save (module docstring)


        def holds(year: int) -> bool:
            path = layout.contacts_path(self.root, change.sponsee_id, year)
            return merge.find(self._current(path, "contacts").normal, (change.key,)) == change.base

        return home if holds(home) and not holds(change.year) else change.year

    def _moves_merged(self, changes: list[Change], conflicts: list[Conflict]) -> list[Change]:
        """A contact moved to another year is a deletion in one file and an addition in another; merge it
        as one edit of the entry as the old file has it now, so an outside change to a field the person did
        not touch travels with it, and only a field changed on both sides is a conflict."""
        from sponsordesk.store import merge  # with the first save (module docstring)


        out = list(changes)
        for gone in changes:
            added = moved_to(gone, changes)
            if added is None:
                continue
            target = added.path(self.root)
            if merge.find(self._current(target, "contacts").normal, (added.key,)) is not None:
                # one id in two year files (after a sync): moving one copy onto the other would replace it
                # ("keep mine") or lose the moved one ("keep the file's")
                raise StoreError(f"{self._rel(target)} already holds this contact (it shows twice, once in each "
                                 "year's file, after a sync), so its date was not changed; keep what you want in "
                                 "one copy and delete the other first")
            path = gone.path(self.root)
            theirs = merge.find(self._current(path, "contacts").normal, (gone.key,))
            if theirs is None:
                conflicts.append(merge.Conflict(gone.key, "deleted", [], gone.base, added.new, None, self._rel(path)))
                out = [c for c in out if c not in (gone, added)]
                continue
            result = merge.merge_entry((gone.key,), gone.base, added.new, theirs)
            if not result.clean:
                conflicts.append(merge.Conflict(gone.key, "changed", result.conflict_fields, gone.base, added.new,
                                                theirs, self._rel(path)))
                out = [c for c in out if c not in (gone, added)]
                continue
            moved = merge.apply({"contact": [copy.deepcopy(theirs)]}, result.ops)["contact"][0]
            out = [Change(c.sponsee_id, c.kind, c.key, theirs, None, c.year) if c is gone
                   else Change(c.sponsee_id, c.kind, c.key, None, moved, c.year) if c is added else c for c in out]
        return out

    def _plan(self, path: Path, group: list[Change], conflicts: list[Conflict]) -> writing.FilePlan | None:
        from sponsordesk.store import merge, writing  # with the first save (module docstring)

        kind = group[0].kind
        if path in self._newer:
            raise ReadOnlyError(f"{self._rel(path)} was written by a newer sponsordesk, so it was not overwritten; "
                                "upgrade sponsordesk to change it")
        current = self._current(path, kind)
        raw, normal = current.raw, current.normal
        ops: list[merge.Op] = []
        for change in group:
            array, ident = change.key
            if kind == "profile":
                entry_path: merge.Path_ = ()
                theirs = normal if current.data is not None else None
            else:
                entry_path = ((array, ident),)
                theirs = _in_file(raw, normal, entry_path, change.base)
                _refuse_duplicates(self._rel(path), raw, array, ident)
            result = merge.merge_entry(entry_path, change.base, change.new, theirs, NESTED.get(array), (), array)
            if not result.clean:
                conflicts.append(merge.Conflict(
                    change.key, "deleted" if result.gone else "exists" if result.exists else "changed",
                    result.conflict_fields, change.base, change.new, theirs, self._rel(path)))
                continue
            if kind == "profile" and current.data is None:
                result.ops = [merge.SetField((), k, v) for k, v in (change.new or {}).items()]
            elif theirs is not None and result.ops and merge.find(raw, entry_path) is None:
                # a step the file leaves out (not started): written whole, with the change
                entry = merge.apply({array: [copy.deepcopy(theirs)]}, result.ops)[array][0]
                result.ops = [merge.AddEntry((), array, entry)]
            ops += result.ops
        if not ops:
            return None
        if self.stamps is not None:  # what each save changed, for merging with other machines' copies
            scope = self._ledger_scope(path)
            ops = sync_stamps.stamp_ops(kind, raw, ops, self.stamps.machine, self.stamps.today(), scope)
            if scope is not None:
                self._ledger_pending.append(scope)
        return writing.plan(path, kind, current, ops, self._rel(path))

    def _ledger_scope(self, path: Path) -> "Scope | None":
        """The file's entries in this machine's ledger of counts given (store/sync_ledger.py), if it keeps one."""
        ledger = getattr(self.stamps, "ledger", None)
        if ledger is None:
            return None
        rel = path.relative_to(self.root).parts  # sponsees/<id>/contacts/2026.toml
        return ledger.scope(self.root.joinpath(*rel[:2]), "/".join(rel[2:]))

    def _current(self, path: Path, kind: str) -> writing.Current:
        """The file as it is on disk now, parsed and checked; refuses one that does not load."""
        from sponsordesk.store import writing  # with the first save (module docstring)

        try:
            data = tomlio.read_bytes(path)
        except OSError as error:
            raise save_failed(self._rel(path), error) from None
        known = self._parsed.pop(path, None)
        if data is not None and not os.stat(path).st_mode & stat.S_IWUSR:
            # the user made it read-only (chmod 0400 or 0444): a rename would replace it all the same
            mode = oct(stat.S_IMODE(os.stat(path).st_mode))[2:]
            raise ReadOnlyError(f"{self._rel(path)} is read-only (mode {mode}), so it was not changed; make it "
                                f"writable (chmod u+w {self._rel(path)}) if sponsordesk should save to it")
        if data is None:
            # an absent file reads as its model's default: a steps.toml not written yet is twelve steps not started
            blank = {} if kind == "profile" else file_models()[kind]().to_toml_dict()
            return writing.Current(None, {}, blank)
        if not data.strip():
            # sync tools and full disks leave empty files: the data may be elsewhere, so it is not ours to fill
            self._broken.add(path)
            raise BrokenFileError(f"{self._rel(path)} is empty, so it was not overwritten; restore it from a "
                                  "backup (`sponsordesk restore`) or delete it, then try again")
        model = file_models()[kind]
        problem = None
        try:
            # what the last save wrote here, parsed when it was checked, if these are still its bytes
            raw = known[1] if known is not None and known[0] == tomlio.digest(data) else tomlio.parse(data)
            version = raw.get("schema_version", SCHEMA_VERSION)
            if isinstance(version, int) and version > SCHEMA_VERSION:
                self._newer.add(path)
                raise ReadOnlyError(f"{self._rel(path)} was written by a newer sponsordesk, so it was not "
                                    "overwritten; upgrade sponsordesk to change it")
            normal = model.model_validate(upgrade(sync_stamps.without_sync(dict(raw)), kind)).to_toml_dict()
        except ReadOnlyError:
            raise
        except Exception as error:  # TOML, validation or an old format: the file is not ours to rewrite
            problem = error
        if problem is not None:
            self._broken.add(path)
            where = _where_it_breaks(path, problem, data)
            raise BrokenFileError(f"{self._rel(path)} does not load{where}, so it was not overwritten; "
                                  "fix it in an editor first (`sponsordesk doctor` says the same)")
        return writing.Current(data, raw, normal)

    def add_entries(self, sponsee_id: str, *, profile: Sponsee | None = None, steps: StepBoard | None = None,
                    suggestions: Sequence[Suggestion] = (), contacts: Sequence[Contact] = ()) -> Commit:
        """Add new entries for one sponsee in one all-or-nothing save (demo data, imports, a new sponsee).

        Steps are added only where they differ from "not started", as a hand-written board would be.
        """
        changes: list[Change] = []
        if profile is not None:
            self.ensure_root()
            changes.append(profile_change(None, profile))
        if steps is not None:
            blank = models.StepBoard()
            changes += [step_change(sponsee_id, blank.get(s.number), s) for s in steps.step if s != blank.get(s.number)]
        changes += [suggestion_change(sponsee_id, None, s) for s in suggestions]
        for contact in contacts:
            changes += contact_changes(sponsee_id, None, contact)
        return self.commit(changes)

    def recover(self) -> journal.Recovery:
        """Finish a save of several files that was interrupted (see store/journal.py); run before cleanup_temp_files.

        Raises JournalError when the journal cannot be read; its temp files are then kept.
        """
        if self.read_only:
            raise ReadOnlyError(self.read_only_reason)
        try:
            with SAVING:
                return journal.recover(self.root)
        except OSError as error:
            raise save_failed(journal.JOURNAL, error) from None

    def finish_interrupted_save(self) -> None:
        """Before a save or a sync merge: finish a pending journal, so the merge sees the files it left; the
        conflict copies it kept are reported with the store's problems. Raises as ``recover`` does."""
        if journal.pending(self.root):
            for problem in self.recover().problems():
                self._report(problem)

    def cleanup_temp_files(self, tree: list[str] | None = None) -> int:
        """Remove temp files a crashed save left behind (never those a pending journal still needs); returns how many.

        ``tree``: the folder's ``tree_paths``, when the caller has just listed them (the start-up chores
        list the folder once for this and the permission check).
        """
        with SAVING:  # never the temp files of a save under way in another thread
            return self._cleanup_temp_files(tree)

    def _cleanup_temp_files(self, tree: list[str] | None) -> int:
        removed = 0
        if not self.root.is_dir():
            return 0
        needed = journal.named_temps(self.root)
        if needed is None:
            return 0  # a journal that cannot be read: its temp files may be the only copy of a save
        root = str(self.root)
        # files only, as a save leaves them: never the folder itself, a folder, or a link to one
        temps = (Path(path) for path in (tree_paths(self.root) if tree is None else tree)
                 if path.endswith(tomlio.TEMP_SUFFIX) and path != root and not os.path.isdir(path))
        for path in temps:
            if path in needed:
                continue
            try:
                path.unlink()
                removed += 1
            except OSError:
                pass
        return removed


def _copy_problem(path: Path) -> Problem:
    copy = copy_of(path.name)
    if copy is None:
        return Problem(path, "looks like a sync-conflict or editor copy; not loaded", severity="warning",
                       hint="compare it with the original and delete the one you do not need")
    return Problem(path, f"a sync-conflict copy of {copy.original} made by {copy.tool}; not loaded yet",
                   severity="warning", hint=f"sponsordesk merges it into {copy.original}, entry by entry, when a "
                   "window that can save opens or reloads, or run `sponsordesk sync`")


def _has_files(folder: Path) -> bool:
    try:
        return any(folder.iterdir())
    except OSError:
        return True  # unreadable: report it rather than hide it


def _newer_problem(path: Path, version: int, what: str, severity: str = "error") -> Problem:
    return Problem(path, f"written by a newer sponsordesk (schema_version {version}; this one reads "
                         f"{SCHEMA_VERSION}): {what}", field="schema_version", severity=severity,
                   hint="upgrade sponsordesk to change it; the file is left as it is")


def _duplicate_ids(record: Record) -> Iterator[tuple[str, str]]:
    """(what, id) for ids listed twice in one file (contacts, suggestions, a step's assignments)."""
    groups = [("contacts", getattr(record, "contact", None)), ("suggestions", getattr(record, "suggestion", None))]
    groups += [(f"assignments of step {step.number}", step.assignment) for step in getattr(record, "step", None) or []]
    for what, items in groups:
        seen: set[str] = set()
        for item in items or []:
            if item.id in seen:
                yield what, item.id
            seen.add(item.id)


def _unknown_keys(record: Record, where: tuple = ()) -> Iterator[tuple]:
    """Where each unknown key is, as a validation error's location (``("contact", 1, "mood")``)."""
    for key in record.unknown_keys():
        yield (*where, key)
    for name in _nested_fields(type(record)):
        value = getattr(record, name)
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            if isinstance(item, models.Record):
                yield from _unknown_keys(item, (*where, name, index) if isinstance(value, list) else (*where, name))


@functools.cache
def _nested_fields(model: type[Record]) -> tuple[str, ...]:
    """The fields of ``model`` that can hold records: the only ones worth walking into.

    Every file is checked for unknown keys on every read; looking into every
    field of every contact made that a tenth of reading a year file.
    """
    return tuple(name for name, info in model.model_fields.items() if _may_hold_record(info.annotation))


def _may_hold_record(annotation: object) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, models.Record):
        return True
    return any(_may_hold_record(arg) for arg in typing.get_args(annotation))


def load_saving() -> None:
    """Import what a save needs (the module docstring says why it is not imported at start): the app calls it
    in the background a moment after opening, so the first save does not wait for it on a key."""
    from sponsordesk.store import merge, writing  # noqa: F401


def private_dir_problems(root: Path, tree: list[str] | None = None) -> list[Problem]:
    """Folders or files readable by others (checked, and fixed, by the doctor); ``tree``: its ``tree_paths``."""
    found = []
    # os.walk and os.stat on plain strings: this runs on every start, and
    # rglob with Path.stat took three times as long at 1,000 files.
    for path in tree_paths(root) if tree is None else tree:
        try:
            st = os.stat(path)
        except OSError:
            continue
        if st.st_mode & 0o077:
            mode = oct(st.st_mode & 0o777)[2:]
            private = "700" if stat.S_ISDIR(st.st_mode) else "600"
            found.append(Problem(Path(path), f"readable by other users (mode {mode})", severity="warning",
                                 hint=f"run `sponsordesk doctor --fix` to set it to {private} (only you)"))
    return found


def tree_paths(root: Path, skip: frozenset[str] = frozenset()) -> list[str]:
    """``root`` and everything in it, as strings; like rglob, symlinked folders are listed but not entered.

    ``skip``: folders (as paths under ``root``, the way this lists them) named but not entered."""
    if not root.exists():
        return []
    # scandir's own paths and entry types (no stat, no join, no link check per folder): this runs on every
    # start, and os.walk took twice as long at 8,500 entries (itself a third of rglob's cost)
    found, folders = [str(root)], [str(root)]
    while folders:
        try:
            with os.scandir(folders.pop()) as entries:
                for entry in entries:
                    found.append(entry.path)
                    if entry.is_dir(follow_symlinks=False) and entry.path not in skip:
                        folders.append(entry.path)
        except OSError:
            continue  # gone meanwhile, or unreadable: as os.walk, which passed it over
    return found


def fix_permissions(root: Path) -> int:
    """Make every folder 0700 and file 0600; returns how many were changed."""
    fixed = 0
    for path in [root, *root.rglob("*")] if root.exists() else []:
        if path.is_symlink():
            continue  # chmod would follow it out of the data folder
        if not tomlio.is_private(path):
            os.chmod(path, tomlio.DIR_MODE if path.is_dir() else tomlio.FILE_MODE)
            fixed += 1
    return fixed


def _in_file(raw: dict, normal: dict, path: merge.Path_, base: merge.Entry | None) -> merge.Entry | None:
    """The entry at ``path`` as the file has it now, None when the file no longer holds it.

    A step the file leaves out reads as not started, and saving a change to it writes it whole. But a step
    the caller saw otherwise (started, with notes or assignments) that the file leaves out was deleted there,
    in an editor: merged as "not started" it would come back without its dates, notes and assignments.
    """
    from sponsordesk.store import merge  # with the first save (module docstring)

    theirs = merge.find(normal, path)
    if path[0][0] == "step" and theirs != base and merge.find(raw, path) is None:
        return None
    return theirs


def _refuse_duplicates(shown: str, raw: dict, array: str, ident: object) -> None:
    key = "number" if array == "step" else "id"
    items = raw.get(array)
    if isinstance(items, list) and sum(isinstance(i, dict) and i.get(key) == ident for i in items) > 1:
        raise StoreError(f"{shown} has two entries with {key} {ident!r}, so sponsordesk cannot tell which to "
                         "change; give one of them another id in an editor, then try again")
    entry = next((i for i in items or [] if isinstance(i, dict) and i.get(key) == ident), None)
    nested = entry.get("assignment") if isinstance(entry, dict) else None
    ids = [i.get("id") for i in nested if isinstance(i, dict)] if isinstance(nested, list) else []
    twice = next((i for i in ids if ids.count(i) > 1), None)
    if twice is not None:
        raise StoreError(f"{shown}: step {ident} has two assignments with id {twice!r}, so sponsordesk cannot "
                         "tell which to change; give one of them another id in an editor, then try again")


def _where_it_breaks(path: Path, error: Exception, data: bytes) -> str:
    """' (line 12: not valid TOML: ...)', ' (line 4, field 'phone': ...)': what a read would say, for a refused
    save's message; '' when it cannot say more."""
    from pydantic import ValidationError

    source = data.decode("utf-8-sig", "replace")
    if isinstance(error, ValidationError):
        found = validation_problems(path, error, source)
    elif isinstance(error, UnicodeDecodeError):
        return " (not UTF-8 text)"
    elif isinstance(error, ValueError):  # tomllib.TOMLDecodeError
        found = [syntax_problem(path, error, source)]
    else:
        return ""
    if not found:
        return ""
    first = found[0]
    parts = [f"line {first.line}"] if first.line else []
    if first.field:
        parts.append(f"field '{first.field}'")
    return f" ({', '.join(parts + [first.message])})" if parts else f" ({first.message})"
