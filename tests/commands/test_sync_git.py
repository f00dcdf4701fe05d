"""git end to end: two clones of one data folder, concurrent changes on both, `git pull` merges with no markers.

Each clone is a machine with its own cache folder (so its own machine id);
contacts are logged with the real `sponsordesk log` command, suggestions
resolved through the desk, and git runs the merge driver that
`sponsordesk sync --setup-git` installed, as a subprocess of git.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sponsordesk.desk import Desk
from sponsordesk.desk.context import Context
from sponsordesk.model import Sponsee
from sponsordesk.rules.followthrough import LogEntry, NewSuggestion
from sponsordesk.store import Store, tomlio

from tests.conftest import TODAY

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(folder: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@localhost", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@localhost", "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(folder.parent)}
    return subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, env=env, check=check)


def sponsordesk(folder: Path, cache: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "SPONSORDESK_DATA_DIR": str(folder), "SPONSORDESK_CACHE_DIR": str(cache),
           "SPONSORDESK_TODAY": TODAY.isoformat()}
    return subprocess.run([sys.executable, "-m", "sponsordesk", *args], capture_output=True, text=True, env=env)


def desk(folder: Path, cache: Path, config: Path) -> Desk:
    return Desk.open(Context.build(data_dir=folder, today=TODAY, config_dir=config, cache_dir=cache))


@pytest.fixture
def clones(tmp_path, config_dir):
    origin, laptop, desktop = tmp_path / "origin.git", tmp_path / "laptop", tmp_path / "desktop"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(origin)], check=True)
    subprocess.run(["git", "clone", "-q", str(origin), str(laptop)], check=True, capture_output=True)
    first = desk(laptop, tmp_path / "cache-laptop", config_dir)
    first.add_sponsee(Sponsee(id="sam-r", name="Sam Rivera"))
    first.log("sam-r", LogEntry(first_call(), suggestions=[NewSuggestion("Read p. 58"), NewSuggestion("Call first")]))
    first.close()
    setup = sponsordesk(laptop, tmp_path / "cache-laptop", "sync", "--setup-git")
    assert setup.returncode == 0, setup.stderr
    git(laptop, "add", "-A")
    git(laptop, "commit", "-q", "-m", "Sam")
    git(laptop, "push", "-q", "origin", "main")
    subprocess.run(["git", "clone", "-q", str(origin), str(desktop)], check=True, capture_output=True)
    assert sponsordesk(desktop, tmp_path / "cache-desktop", "sync", "--setup-git").returncode == 0
    return laptop, desktop


def first_call():
    from datetime import datetime, timezone

    from sponsordesk.model import Contact

    return Contact(id="c-first", at=datetime(2026, 11, 20, 19, tzinfo=timezone.utc), summary="First call.")


def resolve(folder: Path, cache: Path, config: Path, text: str, status: str, note: str = "") -> None:
    machine = desk(folder, cache, config)
    try:
        shown = next(s for s in machine.record("sam-r").suggestions if s.text == text)
        machine.resolve("sam-r", shown, status, note)
    finally:
        machine.close()


def test_setup_writes_the_attributes_and_ignores_and_the_driver(clones):
    laptop, _ = clones
    assert "sponsees/**/*.toml merge=sponsordesk" in (laptop / ".gitattributes").read_text()
    assert ".sponsordesk.lock" in (laptop / ".gitignore").read_text()
    driver = git(laptop, "config", "merge.sponsordesk.driver").stdout
    assert "-m sponsordesk merge-file %O %A %B %P" in driver


def test_concurrent_logs_and_resolutions_on_two_clones_pull_cleanly_with_no_markers(clones, tmp_path, config_dir):
    laptop, desktop = clones
    assert sponsordesk(laptop, tmp_path / "cache-laptop", "log", "sam", "--summary", "From the laptop").returncode == 0
    resolve(laptop, tmp_path / "cache-laptop", config_dir, "Read p. 58", "followed", "read it")
    git(laptop, "commit", "-qam", "laptop")
    git(laptop, "push", "-q", "origin", "main")
    assert sponsordesk(desktop, tmp_path / "cache-desktop", "log", "sam", "--summary", "From the desktop").returncode == 0
    resolve(desktop, tmp_path / "cache-desktop", config_dir, "Call first", "dropped")
    git(desktop, "commit", "-qam", "desktop")
    pulled = git(desktop, "pull", "-q", "--no-rebase", "--no-edit", "origin", "main")
    assert pulled.returncode == 0
    assert git(desktop, "status", "--porcelain").stdout == "", "merged and committed, nothing left to resolve"
    for path in desktop.rglob("*.toml"):
        text = path.read_text()
        assert "<<<<<<<" not in text and ">>>>>>>" not in text, path
        tomlio.parse(text.encode())
    store = Store(desktop, read_only=True)
    [sam] = store.load(TODAY)
    assert not [p for p in store.problems if p.severity == "error"]
    summaries = {c.summary for c in store.iter_contacts("sam-r")}
    assert summaries == {"First call.", "From the laptop", "From the desktop"}
    assert {s.text: s.status for s in sam.suggestions} == {"Read p. 58": "followed", "Call first": "dropped"}


def test_the_same_suggestion_resolved_differently_keeps_both_versions_and_git_still_merges(clones, tmp_path,
                                                                                            config_dir):
    laptop, desktop = clones
    resolve(laptop, tmp_path / "cache-laptop", config_dir, "Read p. 58", "followed", "read it")
    git(laptop, "commit", "-qam", "laptop")
    git(laptop, "push", "-q", "origin", "main")
    resolve(desktop, tmp_path / "cache-desktop", config_dir, "Read p. 58", "not_followed", "no time")
    git(desktop, "commit", "-qam", "desktop")
    pulled = git(desktop, "pull", "--no-rebase", "--no-edit", "origin", "main")
    assert "both versions are kept in the file" in pulled.stderr + pulled.stdout
    text = (desktop / "sponsees/sam-r/suggestions.toml").read_text()
    assert "<<<<<<<" not in text and "[[conflict]]" in text
    doctor = sponsordesk(desktop, tmp_path / "cache-desktop", "doctor")
    assert "suggestion" in doctor.stdout and "was changed on two machines; 2 versions are kept" in doctor.stdout


def test_a_file_the_driver_cannot_read_is_left_to_gits_line_merge(clones, tmp_path):
    laptop, desktop = clones
    path = "sponsees/sam-r/profile.toml"
    (laptop / path).write_text((laptop / path).read_text() + "broken = \n")
    git(laptop, "commit", "-qam", "laptop")
    git(laptop, "push", "-q", "origin", "main")
    (desktop / path).write_text((desktop / path).read_text() + 'phone = "555"\n')  # the same place: a clash
    git(desktop, "commit", "-qam", "desktop")
    done = git(desktop, "pull", "--no-rebase", "--no-edit", "origin", "main", check=False)
    assert "merged line by line instead" in done.stderr + done.stdout
    assert done.returncode != 0 and "<<<<<<<" in (desktop / path).read_text(), "git's own markers, as without the driver"


def test_a_clean_line_merge_that_does_not_load_is_never_committed(clones):
    """One side has a half-typed line elsewhere in the file: git's line merge succeeds, the file would not load."""
    laptop, desktop = clones
    path = "sponsees/sam-r/profile.toml"
    text = (laptop / path).read_text()
    (laptop / path).write_text('notes = "Two, half-typed\n' + text.split("\n", 1)[1])  # first line broken
    git(laptop, "commit", "-qam", "laptop")
    git(laptop, "push", "-q", "origin", "main")
    (desktop / path).write_text((desktop / path).read_text() + 'reach = "text first"\n')  # far from it: no clash
    git(desktop, "commit", "-qam", "desktop")
    done = git(desktop, "pull", "--no-rebase", "--no-edit", "origin", "main", check=False)
    assert done.returncode != 0, "git is told it is a conflict, not a merge"
    assert "does not load after the line merge" in done.stderr + done.stdout
    assert "MERGE_HEAD" in {p.name for p in (desktop / ".git").iterdir()}, "nothing was committed"
