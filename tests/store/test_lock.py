import subprocess
import sys

from sponsordesk.store.lock import DataLock


def test_second_holder_is_refused_and_lock_is_released_when_holder_dies(data_dir):
    code = (
        "import sys, time\n"
        "from sponsordesk.store.lock import DataLock\n"
        f"lock = DataLock({str(data_dir)!r})\n"
        "assert lock.acquire()\n"
        "print('held', flush=True)\n"
        "time.sleep(60)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "held"
        assert DataLock(data_dir).acquire() is False
    finally:
        child.kill()
        child.wait()
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
