"""`sponsordesk log ... --suggest ...` killed at random points: all of an entry lands, or none of it.

Each run forks a child that runs the log command (the parent has already
imported sponsordesk, so the child's time is the command's own work) and
kills it after a random delay within that work. The next writer's start
finishes or drops what was in flight; then every file must parse, every
contact must have all of its suggestions or be absent with none, and
running the same command again must never log it twice.
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

KILLS = 200
DAY = ["--today", TODAY.isoformat()]

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")


def _argv(data_dir, n: int) -> list[str]:
    return [*DAY, "--data-dir", str(data_dir), "log", "marcus-b", "--summary", f"kill test {n}",
            "--suggest", f"first suggestion {n}", "--due", "2026-11-28", "--suggest", f"second suggestion {n}"]


def _run(argv: list[str], kill_after: float | None) -> float:
    """Run the command in a forked child; kill it after ``kill_after`` seconds (None: let it finish)."""
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the child: the command, and nothing of pytest's afterwards
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        sys.stdout = sys.stderr = open(os.devnull, "w")  # pytest's capture is not ours to write to
        code = 1
        try:
            code = main(argv)
        finally:
            os._exit(code)
    if kill_after is not None:
        time.sleep(kill_after)
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    os.waitpid(pid, 0)
    return time.perf_counter() - started


def _check(data_dir) -> dict[str, list[str]]:
    """Every file parses; returns each logged kill-test contact's suggestion texts."""
    for path in data_dir.rglob("*.toml"):
        tomlio.parse(path.read_bytes())
    store = Store(data_dir)
    contacts = [c for c in store.iter_contacts("marcus-b") if c.summary.startswith("kill test")]
    suggestions = store.suggestions("marcus-b")
    found = {c.summary: sorted(s.text for s in suggestions if s.contact == c.id) for c in contacts}
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


def test_killed_log_commands_leave_whole_entries_and_retries_never_duplicate(memory_dir, config_dir):
    demo_dir = data_dir = memory_dir  # one sponsee with a suggestion already given: every run changes three files
    marcus = Sponsee(id="marcus-b", name="Marcus Bell", sobriety=[SobrietyDate(date=TODAY.replace(month=10))])
    Store(data_dir).add_entries("marcus-b", profile=marcus,
                                suggestions=[Suggestion(id="s-0", text="90 meetings in 90 days", given=TODAY)])
    sys.stdout.flush()
    sys.stderr.flush()
    Desk.open(Context.build(data_dir=data_dir, config_dir=config_dir, today=TODAY)).close()  # the day's backup
    took = max(_run(_argv(demo_dir, n), None) for n in range(-3, 0))  # how long one whole run takes
    rng = random.Random(12)
    for n in range(KILLS):
        _run(_argv(demo_dir, n), rng.uniform(0, took * 1.2))
        _recover(demo_dir, config_dir)
        found = _check(demo_dir)
        logged = found.get(f"kill test {n}")
        assert logged in (None, [f"first suggestion {n}", f"second suggestion {n}"]), logged
        _run(_argv(demo_dir, n), None)  # the retry a person would make
        assert _check(demo_dir)[f"kill test {n}"] == [f"first suggestion {n}", f"second suggestion {n}"]
    summaries = [c.summary for c in Store(demo_dir).iter_contacts("marcus-b") if c.summary.startswith("kill test")]
    assert len(summaries) == len(set(summaries)) == KILLS + 3, "a retry never logs a contact twice"
    assert not list(layout.sponsees_dir(demo_dir).rglob(f"*{tomlio.TEMP_SUFFIX}"))
