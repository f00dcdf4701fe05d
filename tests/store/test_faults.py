"""Crashes and full disks: a save leaves the old file or the new one, never half of one."""

import errno
import os
import random
import signal
import stat
import subprocess
import sys
import textwrap
import time
import tomllib
from pathlib import Path

import pytest

from sponsordesk.model import Sponsee
from sponsordesk.store import Store, StoreError, layout, tomlio
from sponsordesk.store.changes import profile_change

from tests.conftest import TODAY

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def saved(data_dir):
    store = Store(data_dir)
    store.add_entries("sam-r", profile=Sponsee(id="sam-r", name="Sam Rivera", notes="old notes"))
    store = Store(data_dir)
    record = store.load(TODAY)[0]
    return store, record, layout.profile_path(data_dir, "sam-r")


def leftovers(folder):
    return [p.name for p in folder.iterdir() if p.name.endswith(".sdtmp")]


def _raise(code):
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))
    return fail


@pytest.mark.parametrize("call", ["fsync", "replace", "open"])
@pytest.mark.parametrize("code, advice", [(errno.ENOSPC, "the disk is full"), (errno.EIO, "read/write error"),
                                          (errno.EACCES, "may not write there")])
def test_a_failed_save_keeps_the_old_file_says_why_and_can_be_retried(data_dir, monkeypatch, call, code, advice):
    store, record, path = saved(data_dir)
    before = path.read_bytes()
    change = profile_change(record.sponsee, record.sponsee.model_copy(update={"notes": "new notes"}))
    with monkeypatch.context() as patch:
        patch.setattr(os, call, _raise(code))
        with pytest.raises(StoreError) as failure:
            store.commit([change])
    message = str(failure.value)
    assert "sponsees/sam-r/profile.toml" in message and advice in message and "still on screen" in message
    assert "new notes" not in message
    assert path.read_bytes() == before and leftovers(path.parent) == []
    store.commit([change])  # the disk is fine again: the same change, retried, saves
    assert Store(data_dir).load(TODAY)[0].sponsee.notes == "new notes"


# A small fork server: it imports once, then each round forks a child that
# saves in a loop until the test kills it with SIGKILL (fast: no re-import).
SAVER = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    from sponsordesk.store import tomlio
    path = Path(sys.argv[1])
    versions = [b"# old\\nnotes = '" + b"o" * 200_000 + b"'\\n", b"# new\\nnotes = '" + b"n" * 200_000 + b"'\\n"]
    for _ in sys.stdin:
        pid = os.fork()
        if pid == 0:
            n = 0
            while True:
                tomlio.write_atomic(path, versions[n % 2])
                if n == 0:
                    print(os.getpid(), flush=True)
                n += 1
        os.waitpid(pid, 0)
        print("killed", flush=True)
""")


def test_killed_mid_save_many_times_the_file_is_always_old_or_new(data_dir):
    path = data_dir / "sponsees" / "sam-r" / "profile.toml"
    rng = random.Random(7)
    seen, interrupted = set(), 0
    server = subprocess.Popen([sys.executable, "-B", "-c", SAVER, str(path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, cwd=REPO, text=True)
    try:
        for _ in range(40):
            server.stdin.write("go\n")
            server.stdin.flush()
            pid = int(server.stdout.readline())
            time.sleep(rng.uniform(0, 0.01))
            os.kill(pid, signal.SIGKILL)
            assert server.stdout.readline() == "killed\n"
            text = path.read_text()
            assert text.startswith(("# old", "# new")), "a half-written file"
            seen.add(tomllib.loads(text)["notes"][0])
            interrupted += bool(leftovers(path.parent))
    finally:
        server.kill()
        server.wait()
    assert seen == {"o", "n"} and interrupted, "kills landed mid-write and between writes"
    store = Store(data_dir)
    store.cleanup_temp_files()  # what the app does on the next start
    assert leftovers(path.parent) == []


FULL_DISK = textwrap.dedent("""
    import resource, signal, sys
    from pathlib import Path
    from sponsordesk.store import Store, StoreError
    from datetime import date
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    from sponsordesk.store.changes import profile_change
    store = Store(Path(sys.argv[1]))
    record = store.load(date(2026, 11, 21))[0]
    change = profile_change(record.sponsee, record.sponsee.model_copy(update={"notes": "x" * 20_000}))
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, resource.RLIM_INFINITY))
    try:
        store.commit([change])
    except StoreError as error:
        print(error)
""")


def test_a_full_disk_rlimit_fsize_leaves_the_old_file_and_says_why(data_dir):
    _, _, path = saved(data_dir)
    before = path.read_bytes()
    out = subprocess.run([sys.executable, "-B", "-c", FULL_DISK, str(data_dir)], capture_output=True, text=True,
                         cwd=REPO, timeout=30)
    assert "could not save sponsees/sam-r/profile.toml (File too large)" in out.stdout, out.stderr
    assert "x" * 20 not in out.stdout + out.stderr
    assert path.read_bytes() == before and leftovers(path.parent) == []


def test_an_unreadable_file_is_reported_and_never_overwritten(data_dir, monkeypatch):
    store, record, path = saved(data_dir)
    real = tomlio.open_regular

    def open_regular(where, stats=None):  # as root, a chmod 000 file still reads: make it fail as for a user
        if Path(where) == path:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real(where, stats)

    monkeypatch.setattr(tomlio, "open_regular", open_regular)
    fresh = Store(data_dir)
    assert fresh.load(TODAY) == []
    problem = fresh.problems[0]
    assert problem.path == path and "could not be read (Permission denied)" in problem.message
    with pytest.raises(StoreError, match="could not save sponsees/sam-r/profile.toml"):
        fresh.commit([profile_change(record.sponsee, record.sponsee.model_copy(update={"notes": "mine"}))])


def test_a_file_the_user_made_read_only_is_never_replaced(data_dir):
    store, record, path = saved(data_dir)
    os.chmod(path, 0o400)
    before = path.read_bytes()
    with pytest.raises(StoreError, match=r"profile.toml is read-only \(mode 400\)"):
        store.commit([profile_change(record.sponsee, record.sponsee.model_copy(update={"notes": "mine"}))])
    assert path.read_bytes() == before and stat.S_IMODE(os.stat(path).st_mode) == 0o400
