"""`sponsordesk log ... --suggest ...` killed at every step of its save: all of an entry lands, or none of it.

Each run forks a child that runs the log command (the parent has already
imported sponsordesk, so the child's time is the command's own work) and
kills it with SIGKILL: once just before each call through which it changes
the disk (every file opened or written by descriptor, renamed, removed or
flushed, every folder made: DISK_CALLS), from the same folders each time,
then at 24 random moments, for what falls between those calls. The next
writer's start finishes or drops what was in flight; then every file must
parse, every contact must have all of its suggestions or be absent with
none, and running the same command again must never log it twice.

This test used to kill at 200 random moments (58 s of a suite run, mostly
forked runs): many landed before the save began, and each step of the save
was hit only by chance. Each of those calls is now a kill point by design;
a save that renamed its files without the journal, or dropped the journal
before its renames, fails here at the step it breaks.
"""

from __future__ import annotations

import os
import random
import shutil
import tempfile
import signal
import sys
import time
from pathlib import Path

import pytest

from sponsordesk.cli import main
from sponsordesk.desk import Desk
from sponsordesk.desk.context import Context
from sponsordesk.model import SobrietyDate, Sponsee, Suggestion
from sponsordesk.store import Store, layout, tomlio
from sponsordesk.store.lock import DataLock
from sponsordesk.store.startup import start_writing

from tests.conftest import NOW, TODAY

RANDOM_KILLS = 24
# The calls through which the command changes what is on disk; a child can die just before the n-th of them.
# Writes through a buffered file (``handle.write``) are no such call: they fall between two of them, where only
# the random kills land; a write through ``os.write`` is one (a file written in place in two chunks is torn there).
DISK_CALLS = ("open", "write", "replace", "rename", "unlink", "remove", "fsync", "mkdir", "rmdir", "link", "symlink",
              "truncate")
DAY = ["--today", TODAY.isoformat()]

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")


def _argv(data_dir, n: int) -> list[str]:
    return [*DAY, "--data-dir", str(data_dir), "log", "marcus-b", "--summary", f"kill test {n}",
            "--suggest", f"first suggestion {n}", "--due", "2026-11-28", "--suggest", f"second suggestion {n}"]


def _count_disk_calls(die_before: int | None) -> list[int]:
    """In the child: count its disk calls (the list's one item), dying by SIGKILL just before call ``die_before``."""
    made = [0]

    def changes_disk(name: str, args: tuple) -> bool:
        if name == "open":  # opened for writing; a folder opened to flush it is the fsync that follows
            return len(args) > 1 and bool(args[1] & (os.O_WRONLY | os.O_RDWR | os.O_CREAT))
        if name == "write":
            return args[0] > 2  # not the child's stdout or stderr (/dev/null)
        return True

    def watched(name: str, real):
        def call(*args, **kwargs):
            if changes_disk(name, args):
                if made[0] == die_before:
                    os.kill(os.getpid(), signal.SIGKILL)
                made[0] += 1
            return real(*args, **kwargs)
        return call

    for name in DISK_CALLS:
        setattr(os, name, watched(name, getattr(os, name)))
    return made


def _run(argv: list[str], kill_after: float | None = None, *, before_call: int | None = None) -> tuple[float, int]:
    """Run the command in a forked child; kill it after ``kill_after`` seconds, or just before its
    ``before_call``-th disk call. Returns how long it took and how many disk calls it made (0 when killed)."""
    started = time.perf_counter()
    said, says = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: the command, and nothing of pytest's afterwards
        os.close(said)
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        sys.stdout = sys.stderr = open(os.devnull, "w")  # pytest's capture is not ours to write to
        made = _count_disk_calls(before_call)
        code = 1
        try:
            code = main(argv)
        finally:
            # its count and its exit code, in one write (atomic on a pipe) just before it exits
            os.write(says, made[0].to_bytes(4, "little") + code.to_bytes(4, "little", signed=True))
            os._exit(code)
    os.close(says)
    if kill_after is not None:
        time.sleep(kill_after)
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    _, status = os.waitpid(pid, 0)
    with os.fdopen(said, "rb") as pipe:
        count = pipe.read()
    if count:  # it finished; a random kill may still land after that write, before its exit: not a failure
        killed_after = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL and kill_after is not None
        assert os.WIFEXITED(status) or killed_after, f"the command ended with status {status}"
        assert int.from_bytes(count[4:], "little", signed=True) == 0, "the command failed"
    return time.perf_counter() - started, int.from_bytes(count[:4], "little") if count else 0


def _check(data_dir) -> dict[str, list[str]]:
    """Every file parses; returns each logged kill-test contact's suggestion texts (each contact once)."""
    for path in data_dir.rglob("*.toml"):
        tomlio.parse(path.read_bytes())
    store = Store(data_dir)
    contacts = [c for c in store.iter_contacts("marcus-b") if c.summary.startswith("kill test")]
    suggestions = store.suggestions("marcus-b")
    found = {c.summary: sorted(s.text for s in suggestions if s.contact == c.id) for c in contacts}
    assert len(found) == len(contacts), "a contact logged twice"
    ids = {c.id for c in contacts}
    orphans = [s.text for s in suggestions if s.text.startswith(("first", "second")) and s.contact not in ids]
    assert not orphans, f"suggestions without their contact: {orphans}"
    return found


def _recover(data_dir, config_dir) -> None:
    """What the next writer does on start (Desk.open runs the same): finish or drop a save that was cut short."""
    lock = DataLock(data_dir)
    assert lock.acquire(), "the killed child's lock is released by the system"
    try:
        start_writing(Store(data_dir), NOW, keep=14)
    finally:
        lock.release()


@pytest.fixture
def memory_dir(tmp_path):
    """A data folder in memory where the system has one (/dev/shm): a SIGKILL leaves the page cache as it
    was, so what this test checks is the same on any disk, and 400 runs do not wait on 3,000 fsyncs."""
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        folder = Path(tempfile.mkdtemp(prefix="sd-kills-", dir=shm))
        yield folder / "data"
        shutil.rmtree(folder, ignore_errors=True)
    else:
        yield tmp_path / "data"


@pytest.mark.slow
def test_killed_log_commands_leave_whole_entries_and_retries_never_duplicate(memory_dir, config_dir, isolated_folders):
    data_dir = memory_dir  # one sponsee with a suggestion already given: every run changes three files
    marcus = Sponsee(id="marcus-b", name="Marcus Bell", sobriety=[SobrietyDate(date=TODAY.replace(month=10))])
    Store(data_dir).add_entries("marcus-b", profile=marcus,
                                suggestions=[Suggestion(id="s-0", text="90 meetings in 90 days", given=TODAY)])
    sys.stdout.flush()
    sys.stderr.flush()
    Desk.open(Context.build(data_dir=data_dir, config_dir=config_dir, today=TODAY)).close()  # the day's backup
    took = max(_run(_argv(data_dir, n))[0] for n in range(-3, 0))  # how long one whole run takes
    # Every run starts from the same folders, so each makes the same disk calls in the same order and "just
    # before call k" is one moment (what a run finds changes what it does: after a killed run, a stale cache
    # is written again; from one run to the next the same k fell on different steps of the save).
    kept = {data_dir: memory_dir.parent / "kept-data", isolated_folders["cache"]: memory_dir.parent / "kept-cache"}
    for folder, copy in kept.items():
        folder.mkdir(exist_ok=True)
        shutil.copytree(folder, copy, symlinks=True)

    def killed_then_retried(n: int, **kill) -> int:
        """Run ``n`` from the kept folders, killed as ``kill`` says, the next writer's recovery, the checks
        and the retry; returns how many disk calls the run made when it finished (0 when killed)."""
        for folder, copy in kept.items():
            shutil.rmtree(folder)
            shutil.copytree(copy, folder, symlinks=True)
        _, made = _run(_argv(data_dir, n), **kill)
        _recover(data_dir, config_dir)
        logged = _check(data_dir).get(f"kill test {n}")
        assert logged in (None, [f"first suggestion {n}", f"second suggestion {n}"]), (kill, logged)
        _run(_argv(data_dir, n))  # the retry a person would make, whether or not the first landed
        assert _check(data_dir)[f"kill test {n}"] == [f"first suggestion {n}", f"second suggestion {n}"], kill
        assert not list(layout.sponsees_dir(data_dir).rglob(f"*{tomlio.TEMP_SUFFIX}")), kill
        return made

    calls = killed_then_retried(0)
    # the save alone: temp files flushed, the journal, three renames, the journal gone, folders flushed
    assert calls >= 10, f"a whole run made only {calls} disk calls: the watch missed the save"
    for k in range(calls):
        assert killed_then_retried(k, before_call=k) == 0, f"the run from the same folders never made call {k}"
    rng = random.Random(12)
    for n in range(calls, calls + RANDOM_KILLS):
        killed_then_retried(n, kill_after=rng.uniform(0, took * 1.2))
