"""The doctor: read every file sponsordesk uses and list each problem with a fix.

It only reads, except with ``fix=True``: then it makes loose permissions
private and (when no other sponsordesk is open) finishes an interrupted
save of several files and removes leftover temp files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sponsordesk.store import locations
from sponsordesk.store import backup, journal, layout, migrate, tomlio
from sponsordesk.store.lock import DataLock
from sponsordesk.store.problems import Problem, StoreError, syntax_problem
from sponsordesk.store.programs import load_programs
from sponsordesk.store.settings import load_settings
from sponsordesk.store.store import Store, fix_permissions, private_dir_problems

_KNOWN_TOP = {layout.SPONSEES, layout.BACKUPS, layout.LOCK}


@dataclass
class Report:
    """What `sponsordesk doctor` found (and, with ``--fix``, fixed) in the data folder."""

    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    sponsees: int = 0
    fixed: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, problem: Problem) -> None:
        if problem not in self.problems:
            self.problems.append(problem)


def check(data_dir: Path, config_dir: Path, today: date, fix: bool = False) -> Report:
    report = Report()
    if data_dir.exists():
        _check_data(data_dir, today, report)
        _check_leftovers(data_dir, report, fix)
        _check_permissions(data_dir, report, fix)
        _check_backups(data_dir, report)
    _check_config(config_dir, report)
    return report


def _check_dates_ahead(root: Path, sponsee, today: date, report: Report) -> None:
    """A current date after today (typed by hand: the forms refuse one) reads as "not yet" everywhere, and
    nothing else says so; most likely a typo (2999 for 2025)."""
    current = sponsee.sobriety_date
    if current is None or current <= today:
        return
    path = layout.profile_path(root, sponsee.id)
    try:
        text = path.read_text("utf-8", "replace")
    except OSError:
        text = ""
    # the line that writes it (the model sorts the dates newest first, so its place there is not the file's)
    line = next((n for n, written in enumerate(text.splitlines(), 1)
                 if current.isoformat() in written and "date" in written), None)
    report.add(Problem(path, f"the current date under sobriety, {current.isoformat()}, is after today",
                       field="sobriety", line=line, severity="warning",
                       hint="a typo? correct it on their card (i, then h) or in an editor"))


def _check_data(root: Path, today: date, report: Report) -> None:
    store = Store(root, read_only=True)
    records = store.load(today)
    report.sponsees = len(records)
    for record in records:
        _check_dates_ahead(root, record.sponsee, today, report)
    for sponsee_id in store.sponsee_ids():
        seen: dict[str, int] = {}
        for year in store.contact_years(sponsee_id):
            for contact in store.contacts_in_year(sponsee_id, year):
                if contact.id in seen and seen[contact.id] != year:
                    report.add(Problem(layout.contacts_path(root, sponsee_id, year),
                                       f"a contact with id '{contact.id}' is also in {seen[contact.id]}.toml",
                                       field="id", severity="warning",
                                       hint="one contact shown twice (moved to another year on one computer "
                                       "while changed on another): the log shows both; keep what you want in "
                                       "one and delete the other there (x)"))
                seen.setdefault(contact.id, year)
        _check_unexpected(layout.sponsee_dir(root, sponsee_id), report)
    for problem in store.problems:
        report.add(problem)
    upgrade = ("sponsordesk upgrades it, after a backup, the next time the app opens" if migrate.MIGRATIONS
               else "this sponsordesk has no upgrade for it; open it with the sponsordesk that wrote it, "
                    "or restore a backup")
    for path in migrate.pending(root):
        report.add(Problem(path, "written in an older format", field="schema_version", severity="warning",
                           hint=upgrade))
    report.files += sum(1 for _ in migrate.data_files(root))
    sponsees = layout.sponsees_dir(root)
    for entry in sorted(sponsees.iterdir()) if sponsees.is_dir() else []:
        if entry.is_file() and not entry.name.startswith(".") and not layout.is_conflict_copy(entry):
            report.add(Problem(entry, "not a sponsee folder; ignored", severity="warning",
                               hint="each sponsee is a folder here; move this file elsewhere"))
    for entry in sorted(root.iterdir()):
        if entry.name not in _KNOWN_TOP and not entry.name.startswith("."):
            report.add(Problem(entry, "not something sponsordesk keeps here; ignored", severity="warning",
                               hint="move it out of the data folder (a restore would replace it)"))


def _check_unexpected(folder: Path, report: Report) -> None:
    entries = list(folder.iterdir()) + (list((folder / layout.CONTACTS).iterdir())
                                        if (folder / layout.CONTACTS).is_dir() else [])
    for path in entries:
        if path.name == layout.CONTACTS or layout.kind_of(path) or layout.is_conflict_copy(path):
            continue
        if layout.is_temp_file(path) or path.name.startswith("."):
            continue  # temp files are reported with the leftovers; .DS_Store and friends are noise
        report.add(Problem(path, "not a sponsordesk file; ignored", severity="warning",
                           hint="move it out of the data folder if it does not belong here"))


def _check_leftovers(root: Path, report: Report, fix: bool) -> None:
    temps = [p for p in root.rglob(f"*{tomlio.TEMP_SUFFIX}")]
    restores = backup.interrupted_restores(root)
    pending = journal.pending(root)
    if not temps and not restores and not pending:
        return
    if fix:
        lock = DataLock(root)
        if lock.acquire():
            with lock:
                # looked at again now that no other sponsordesk can be saving: a save that started after the
                # first look may have written its journal, and its temp files are then the save itself
                temps = [p for p in root.rglob(f"*{tomlio.TEMP_SUFFIX}")]
                restores, pending = backup.interrupted_restores(root), journal.pending(root)
                _fix_leftovers(root, report, temps, restores, pending)
            return
    needed = journal.named_temps(root) if pending else set()
    if pending:
        report.add(Problem(journal.journal_path(root), "a save of several files was interrupted and is not "
                           "finished yet" if needed is not None else "a save of several files was interrupted, "
                           "and its journal cannot be read", severity="warning" if needed is not None else "error",
                           hint="sponsordesk finishes it the next time it opens (or `sponsordesk doctor --fix` "
                                "with the app closed); do not delete it or the temp files it names"
                           if needed is not None else "compare the temp files beside each file it names with "
                           "those files, keep what you need, then delete the journal"))
    for path in temps:
        if needed is None or path in needed:
            continue  # part of the interrupted save above: not safe to delete
        report.add(Problem(path, "a temp file left by an interrupted save", severity="warning",
                           hint="safe to delete; sponsordesk removes it the next time it opens"))
    for path in restores:
        blocked = backup.blocked_restore_text(root, path)
        if blocked is not None:
            report.add(Problem(path, blocked[0], severity="error", hint=blocked[1]))
            continue
        report.add(Problem(path, "left by an interrupted restore, so sponsees may be missing", severity="error",
                           hint="run `sponsordesk doctor --fix` with the app closed (or open the app) to finish "
                                "it; do not delete this folder: it holds your data"))


def _fix_leftovers(root: Path, report: Report, temps: list[Path], restores: list[Path], pending: bool) -> None:
    """Finish an interrupted save first (its temp files are the save), then remove what is left over."""
    if pending:
        try:
            recovery = journal.recover(root)
        except (OSError, StoreError) as error:
            report.add(Problem(journal.journal_path(root), f"an interrupted save could not be finished: {error}",
                               hint="its temp files were kept; compare them with the files they name"))
            return
        report.fixed.append(f"finished an interrupted save of {recovery.finished} files")
        for problem in recovery.problems():
            report.add(problem)
    removed = 0
    for path in temps:
        if path.exists():
            path.unlink(missing_ok=True)
            removed += 1
    finished = 0
    if restores:
        try:
            finished = backup.finish_restore(root)
        except OSError as error:
            report.add(Problem(root, f"an interrupted restore could not be finished ({error.strerror or error})",
                               hint="its .restore-… and .replaced-… folders hold your data: do not delete them"))
    if finished:
        report.fixed.append(f"finished {finished} interrupted restore{'s' * (finished != 1)}")
    if removed:
        report.fixed.append(f"removed {removed} leftovers of interrupted saves")


def _check_permissions(root: Path, report: Report, fix: bool) -> None:
    if fix:
        fixed = fix_permissions(root)
        if fixed:
            report.fixed.append(f"made {fixed} files or folders private (folders 0700, files 0600)")
    loose = private_dir_problems(root)
    if len(loose) > 3:
        # One line, not one per file: the fix is the same for all of them.
        first = loose[0]
        loose = [Problem(root, f"{len(loose)} files and folders are readable by other users "
                               f"(e.g. {first.where(root)}, {first.message.removeprefix('readable by other users (')}", severity="warning", hint=first.hint
                               .replace("set it to 700", "make them private").replace("set it to 600", "make them private"))]
    for problem in loose:
        report.add(problem)


def _check_backups(root: Path, report: Report) -> None:
    for info in backup.list_backups(root):
        damage = backup.damage(info.path)
        if damage:
            report.add(Problem(info.path, f"this backup is {damage}", severity="warning",
                               hint="it cannot be restored: delete it, and make a fresh one with `sponsordesk backup`"))


def _check_config(config: Path, report: Report) -> None:
    settings_file = locations.settings_file(config)
    if settings_file.exists():
        report.files += 1
    for problem in load_settings(settings_file)[1]:
        report.add(problem)
    programs = locations.user_programs_dir(config)
    if programs.is_dir():
        report.files += len(list(programs.glob("*.toml")))
    for problem in load_programs(programs)[1]:
        report.add(problem)
    themes = locations.user_themes_dir(config)
    for path in sorted(themes.glob("*.toml")) if themes.is_dir() else []:
        report.files += 1
        data = path.read_bytes()
        try:
            tomlio.parse(data)
        except UnicodeDecodeError:
            report.add(Problem(path, "not UTF-8 text", hint="save it as UTF-8 in an editor"))
        except tomlio.TOMLDecodeError as error:
            problem = syntax_problem(path, error, data.decode("utf-8-sig", "replace"))
            report.add(Problem(path, problem.message, line=problem.line,
                               hint="fix it in an editor; until then the app uses its default theme"))
