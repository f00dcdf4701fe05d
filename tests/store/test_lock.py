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
