"""Two machines, one notebook: sync copies merged, versions kept for the person to choose, open elsewhere.

A window that can save merges every sync tool's conflict copy into its
file (store/sync_folder.py) whenever it reads the folder and finds one
(``Desk.read``: at start, on ctrl+r, on focus), then reads again; the app
keeps this machine's "open here" marker fresh. ``kept_versions`` lists the entries a merge kept two versions of,
and ``choose_version`` keeps one. The git merge driver and its setup are
here for the commands, which never reach the store themselves.

The sync merge (store/sync_folder.py, with the writer and the merge) is
imported only when a reading found copies or kept versions, or a command
merges: a start with neither never loads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sponsordesk.store import Problem, Store, StoreError, sync_machine
from sponsordesk.store.sync_names import copy_of
from sponsordesk.store.problems import KeptVersions
from sponsordesk.wording.sync import merged_notice

if TYPE_CHECKING:
    from sponsordesk.desk.context import Context
    from sponsordesk.desk.desk import Desk
    from sponsordesk.store.sync_folder import Kept, SyncResult


MARK_EVERY_SECONDS = sync_machine.REFRESH.total_seconds()
"""How often the app refreshes its "open here" marker."""


@dataclass(frozen=True)
class KeptEntry:
    """An entry with more than one version kept, as the app shows it."""

    sponsee_id: str
    file: str
    """Relative to the data folder."""
    kept: Kept
    machines: dict[str, str]
    """Machine id -> computer name, for saying where each version was changed."""

    def changed_on(self, index: int) -> list[str]:
        """The computers whose saves only this version counts: where it was changed (ids when unnamed)."""
        this = self.kept.versions[index].stamp
        if this is None:
            return []
        others = [v.stamp.vector for n, v in enumerate(self.kept.versions) if n != index and v.stamp]
        return [self.machines.get(machine, machine) for machine, count in this.counts
                if all(count > other.get(machine, 0) for other in others)]


class SyncDesk:
    """Mixed into Desk."""

    sync_problems: list[Problem] = []
    """Copies that could not be merged, or a merge that failed (replaced by each reading applied, ``note_sync``)."""

    def merge_found(self: "Desk", reading: Store) -> SyncResult | None:
        """Merge the sync conflict copies ``reading`` (a store that just loaded the folder) found; None if none.

        Only in a window that can save. Like the start-up chores it changes files, never the desk, so it is
        safe on any thread: ``note_sync`` the result on the desk's own. The reading lists every sponsee folder
        anyway, so a folder without copies costs nothing more.
        """
        if self.read_only or not any(copy_of(p.path.name) for p in reading.problems):
            return None
        from sponsordesk.store.sync_folder import SyncResult, merge_copies  # only with copies (module docstring)

        try:
            # a store of its own (as the start-up chores have), writable: this window holds the lock
            return merge_copies(self.ctx.store(), self.ctx.clock.now(), self.ctx.settings.backups_keep)
        except StoreError as error:
            return SyncResult(refused=[Problem(self.ctx.data_dir, f"sync copies were not merged: {error}",
                                               hint="nothing was changed; the copies are still there")])

    def note_sync(self: "Desk", result: SyncResult | None) -> None:
        """Keep what a merge of sync copies did, to show: a notice, and copies it could not take."""
        self.sync_problems = list(result.refused) if result is not None else []
        notice = merged_notice(result, self.ctx.data_dir) if result is not None else ""
        if notice:
            self.notices.append(notice)

    def with_sync_problems(self: "Desk", problems: list[Problem]) -> list[Problem]:
        """``problems`` with the copies a merge could not take said once, with why (not also as "merged later")."""
        refused = {p.path for p in self.sync_problems}
        return self.sync_problems + [p for p in problems if p.path not in refused]

    def _machine(self: "Desk") -> str | None:
        stamps = getattr(self.store, "stamps", None)
        return stamps.machine if stamps is not None else None

    def mark_open(self: "Desk") -> None:
        """Say in the data folder that the notebook is open on this machine (the app, every few minutes).

        Called from worker threads: a window closed while this was being written (``mark_closed`` on the UI
        thread, which never waits for it) is said closed again after it, so no "open here" is left behind."""
        machine = self._machine()
        if self.read_only or machine is None:
            return
        with self.marker_lock:
            if self.marker_closed:
                return
            self.marker_writing += 1
        try:
            sync_machine.keep_open(self.ctx.data_dir, machine, self.ctx.clock.now())
            written = True
        except OSError:
            written = False  # only the other machines' notice is lost
        with self.marker_lock:
            self.marker_writing -= 1
            self._marked = self._marked or written
            closed_meanwhile = self.marker_closed
        if closed_meanwhile and written:
            self._write_closed(machine)

    def mark_closed(self: "Desk") -> None:
        """This machine no longer has the notebook open (after ``mark_open``, even one still being written)."""
        machine = self._machine()
        with self.marker_lock:
            self.marker_closed = True
            marked = self._marked or self.marker_writing > 0
        if machine is not None and marked:
            self._write_closed(machine)

    def _write_closed(self: "Desk", machine: str) -> None:
        try:
            sync_machine.mark_closed(self.ctx.data_dir, machine, self.ctx.clock.now())
        except OSError:
            pass

    def open_elsewhere(self: "Desk") -> list[sync_machine.Marker]:
        """Other computers that have this notebook open now (their markers, synced here)."""
        machine = self._machine()
        return sync_machine.open_elsewhere(self.ctx.data_dir, machine or "", self.ctx.clock.now())

    # ------------------------------------------------------------ versions kept by a merge

    def kept_versions(self: "Desk") -> list[KeptEntry]:
        """Every entry with versions kept by a sync merge, in the files read so far (`doctor` reads them all)."""
        root = self.ctx.data_dir
        paths = list(dict.fromkeys(p.path for p in self.store.problems if isinstance(p, KeptVersions)))
        if not paths:
            return []
        from sponsordesk.store.sync_folder import read_kept  # only with versions kept (module docstring)

        machines = sync_machine.names(root)
        out = []
        for path in paths:
            sponsee_id = path.relative_to(root).parts[1]
            for kept in read_kept(self.store, path):
                out.append(KeptEntry(sponsee_id, path.relative_to(root).as_posix(), kept, machines))
        return out

    def choose_version(self: "Desk", entry: KeptEntry, index: int) -> None:
        """Keep version ``index`` of ``entry`` (it then wins on every machine); the others go.

        Raises StoreError when the file changed since it was shown, ReadOnlyError in a read-only window.
        """
        from sponsordesk.store.sync_folder import choose

        machine = self._machine() or "unnamed"
        try:
            choose(self.store, entry.kept, index, machine, self.today)
        finally:
            self.refresh_record(entry.sponsee_id)


def only_kept_versions(problem: object) -> bool:
    """A problem that only says a merge kept versions of an entry (the app shows those in a window of their own)."""
    return isinstance(problem, KeptVersions)


# ------------------------------------------------------------ for the commands


def merge_now(ctx: "Context") -> SyncResult:
    """`sponsordesk sync`: merge every copy now (the caller holds the writer's lock). Raises StoreError."""
    from sponsordesk.store.sync_folder import merge_copies

    store = ctx.store()
    return merge_copies(store, ctx.clock.now(), ctx.settings.backups_keep)


def describe(key: tuple) -> str:
    """'contact c-9f8e7d6c', 'step 4', 'the profile': an entry a merge kept versions of, by its ids (`sync`)."""
    from sponsordesk.store.sync_folder import describe as described

    return described(key)


def merge_file(base: Path, ours: Path, theirs: Path, rel: str | None):
    """The git merge driver (`sponsordesk merge-file %O %A %B %P`)."""
    from sponsordesk.store.sync_git import merge_file as driver

    return driver(base, ours, theirs, rel)


def setup_git(ctx: "Context") -> list[str]:
    """`sponsordesk sync --setup-git`: the merge driver for the data folder's git repository."""
    from sponsordesk.store.sync_git import setup

    return setup(ctx.data_dir)
