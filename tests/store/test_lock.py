import errno
import os
import stat
import subprocess
import sys
from contextlib import contextmanager

import pytest

from sponsordesk.store.lock import DataLock


def test_second_holder_is_refused_and_lock_is_released_when_holder_dies(data_dir):
    with another_process(HOLD, data_dir):
        assert DataLock(data_dir).acquire() is False
    mine = DataLock(data_dir)
    assert mine.acquire() and mine.held
    mine.release()


HOLD = (
    "import sys, time\n"
    "from sponsordesk.store.lock import DataLock\n"
    "lock = DataLock(sys.argv[1])\n"
    "assert lock.acquire()\n"
    "print('held', flush=True)\n"
    "time.sleep(60)\n"
)


@contextmanager
def another_process(script: str, argument):
    """``script`` run in another process with ``argument``, holding its lock until the block ends (killed)."""
    child = subprocess.Popen([sys.executable, "-c", script, str(argument)], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "held"
        yield child
    finally:
        child.kill()
        child.wait()


def hold_lock(data_dir):
    child = subprocess.Popen([sys.executable, "-c", HOLD, str(data_dir)], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "held"
    return child


def test_cli_writers_refuse_while_another_sponsordesk_has_the_folder(data_dir, capsys):
    from sponsordesk.cli import main

    child = hold_lock(data_dir)
    try:
        assert main(["demo"]) == 1
        assert main(["restore", "anything"]) == 1
    finally:
        child.kill()
        child.wait()
    err = capsys.readouterr().err
    assert err.count(f"another sponsordesk has {data_dir} open") == 2 and "close the other window" in err
    assert DataLock(data_dir).acquire(), "the lock went with the process that held it"


def test_a_second_lock_in_the_same_process_is_refused_until_the_first_is_released(data_dir):
    # the tests' "another window" (and the app's own reopen) is a second DataLock in one process: flock locks
    # belong to the open file, not the process, so it is refused as another program would be
    first, second = DataLock(data_dir), DataLock(data_dir)
    assert first.acquire() and first.held
    assert second.acquire() is False and not second.held
    first.release()
    assert not first.held
    assert second.acquire() and second.held
    second.release()


def test_the_lock_file_is_private_even_when_it_was_not(data_dir):
    path = data_dir / ".sponsordesk.lock"
    lock = DataLock(data_dir)
    assert lock.acquire()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    lock.release()
    os.chmod(path, 0o644)  # made by hand, or by something with a looser umask
    assert lock.acquire()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600, "the permission check would warn about it at every start"
    lock.release()


def test_a_lock_file_replaced_by_a_link_is_not_followed(data_dir, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_text("")
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / ".sponsordesk.lock").symlink_to(elsewhere)
    with pytest.raises(OSError):
        DataLock(data_dir).acquire()  # the window opens read-only and says why (Desk.take_lock)
    assert elsewhere.read_text() == ""


FILELOCK_HOLDS = (
    "import sys, time\n"
    "from filelock import FileLock\n"
    "lock = FileLock(sys.argv[1], timeout=0)\n"
    "lock.acquire()\n"
    "print('held', flush=True)\n"
    "time.sleep(60)\n"
)


def test_a_version_that_locked_with_filelock_is_kept_out_and_keeps_this_one_out(data_dir):
    # sponsordesk before this lock took filelock's; a sync of versions, or two installs, may run side by side
    with another_process(FILELOCK_HOLDS, data_dir / ".sponsordesk.lock"):
        assert DataLock(data_dir).acquire() is False
    mine = DataLock(data_dir)
    assert mine.acquire()
    from filelock import FileLock, Timeout

    with pytest.raises(Timeout):
        FileLock(data_dir / ".sponsordesk.lock", timeout=0).acquire()
    mine.release()


@pytest.mark.filterwarnings("ignore:flock not supported")  # filelock says it falls back; that is the point
def test_a_filesystem_without_flock_gets_filelocks_lock(data_dir, monkeypatch):
    import fcntl

    real = fcntl.flock

    def no_flock(fd, operation):
        if operation & fcntl.LOCK_EX:
            raise OSError(errno.ENOSYS, "Function not implemented")
        return real(fd, operation)

    monkeypatch.setattr(fcntl, "flock", no_flock)
    taken = []
    import filelock

    real_acquire = filelock.FileLock.acquire
    monkeypatch.setattr(filelock.FileLock, "acquire", lambda self, *a, **k: taken.append(self) or real_acquire(self, *a, **k))
    lock = DataLock(data_dir)
    assert lock.acquire() and lock.held
    assert len(taken) == 1, "filelock decides how to lock where flock cannot"
    assert DataLock(data_dir).acquire() is False, "and keeps a second writer out"
    lock.release()
    assert not lock.held


def test_opening_the_lock_module_does_not_import_filelock():
    # about 12 ms of every start (21 modules) where the system's flock does the work
    code = "import sys, sponsordesk.store.lock; print('filelock' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"
