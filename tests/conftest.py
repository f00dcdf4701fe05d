"""Every test gets its own data, config and cache folders: never the user's."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import os

import pytest
from hypothesis import settings

# The property tests try the same examples on every run: a red CI must mean a change broke something,
# never that a random draw found an old rare case (one did, on a merge of three copies; it is fixed, and
# its example is in the run). To draw new examples on every run instead:
#   HYPOTHESIS_PROFILE=explore .venv/bin/python -m pytest tests/store -k hypothesis
settings.register_profile("repeatable", derandomize=True, database=None)
settings.register_profile("explore", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

TODAY = date(2026, 11, 21)
NOW = datetime(2026, 11, 21, 9, 30).astimezone()


@pytest.fixture(autouse=True)
def isolated_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    folders = {name: tmp_path / name for name in ("data", "config", "cache", "reports")}
    monkeypatch.setenv("SPONSORDESK_DATA_DIR", str(folders["data"]))
    monkeypatch.setenv("SPONSORDESK_CONFIG_DIR", str(folders["config"]))
    monkeypatch.setenv("SPONSORDESK_CACHE_DIR", str(folders["cache"]))
    monkeypatch.setenv("SPONSORDESK_REPORTS_DIR", str(folders["reports"]))
    monkeypatch.delenv("SPONSORDESK_TODAY", raising=False)
    # platformdirs would fall back to these; point them away from the real home too
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    return folders


@pytest.fixture
def data_dir(isolated_folders: dict[str, Path]) -> Path:
    return isolated_folders["data"]


@pytest.fixture
def config_dir(isolated_folders: dict[str, Path]) -> Path:
    return isolated_folders["config"]


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Writing the demo is ~30 fsynced saves: still worth doing once and copying per test.
    from sponsordesk.desk.demo import write_demo
    from sponsordesk.store import Store

    folder = tmp_path_factory.mktemp("demo-template") / "data"
    write_demo(Store(folder), TODAY)
    return folder


@pytest.fixture
def demo_dir(data_dir: Path, _demo_template: Path) -> Path:
    """A data folder with the demo sponsees, dated around TODAY (a private copy per test)."""
    shutil.copytree(_demo_template, data_dir)
    return data_dir


@pytest.fixture
def zone(monkeypatch: pytest.MonkeyPatch):
    """``zone("Pacific/Auckland")`` moves this test's process to that time zone (undone afterwards)."""
    import time

    def move_to(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield move_to
    monkeypatch.undo()
    time.tzset()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests marked ``slow`` (5-14 s each; most visit every screen, fork a command dozens of times or
    run a fresh interpreter) are handed out first, so the workers end together: in file order several came
    last (tests/tui/screens/test_privacy.py), where one worker can be left running one of them alone. One
    pair of whole runs under the same load: 264 s in file order, 232 s with these first."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)  # stable: the rest keep their order


def pytest_sessionstart(session: pytest.Session) -> None:
    """Each xdist worker rewrites the asserts of its own share of the test modules as it starts, and keeps
    them where pytest keeps rewritten modules (``__pycache__`` beside the source, written atomically and
    checked against the source's time and size, for pytest processes side by side), so the other workers
    load them instead of rewriting them again. Every worker collects every module, and with
    ``PYTHONDONTWRITEBYTECODE`` set (as in CI, on a fresh clone) pytest keeps nothing: each of the three
    rewrote all 148 modules, about 8 s of a worker's 12 s of collection. Runs with every test deselected
    (all collecting, nothing run): 46 and 43 s of CPU time, 27 and 28 s with this. Only the rewritten test
    modules are written, nothing is imported early, and where pytest's helpers have changed nothing is
    shared (each worker rewrites what it collects, as before)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "0"))
    if not worker.startswith("gw") or workers < 2 or session.config.getoption("assertmode") != "rewrite":
        return
    here = Path(__file__).parent.resolve()
    if any(Path(arg.split("::")[0]).resolve() not in (here, here.parent) for arg in session.config.args):
        return  # some files or folders only: rewriting all 148 made a one-file run 3.6 s slower
    try:
        from _pytest.assertion import rewrite

        state = session.config.stash[rewrite.assertstate_key]
        modules = sorted(Path(__file__).parent.rglob("test_*.py"))
        n = int(worker[2:]) % workers
        for source in modules[n * len(modules) // workers:(n + 1) * len(modules) // workers]:
            cache = rewrite.get_cache_dir(source)
            pyc = cache / (source.name[:-3] + rewrite.PYC_TAIL)
            if rewrite._read_pyc(source, pyc) is None and rewrite.try_makedirs(cache):
                stat, code = rewrite._rewrite_test(source, session.config)
                rewrite._write_pyc(state, code, stat, pyc)
    except Exception:  # noqa: BLE001: only a saving; the collection rewrites (and reports) as it always did
        pass


def pytest_collection_finish(session: pytest.Session) -> None:
    """Everything collection made (every test module, Textual, pydantic) set aside from the garbage
    collector, and collections of the young generation less often: a worker's heap only grows over a few
    hundred apps, and full collections walked all of it again and again (on the roster and board tests,
    1.7 s of collecting in 44 s of CPU; 0.8 s with this). As the app does after its start (tui/loading.py)."""
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(7000, 20, 20)


def pytest_xdist_auto_num_workers(config):
    """``-n auto``: half as many workers again as cores.

    A Pilot test spends much of its time waiting for a frame or a worker, so
    with one worker per core the cores sat idle about a third of the run
    (3 min on 2 idle cores against 2 min 17 s with 3 workers). Every wait is
    for a state, never a time, so a busier machine makes a test slower, not
    wrong.
    """
    import os

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(2, cores * 3 // 2)
