"""Start-up and peak memory: sponsordesk on a data set against a bare Textual app, alternating.

Each run is a fresh ``python -m bench.child`` process. The time is from just
before the process is started until the roster is ready and painted (see
``bench/ready.py``), so interpreter start-up and every import count. Runs
alternate app, bare, app, bare... so a busy moment on the machine hits both.
One unmeasured warm-up run of each comes first (the OS file cache and the
facts cache fill there). Two kinds of first start are measured apart:

- "emptied" (``EMPTIED`` runs after the others, each after a bare one, as the
  measured runs alternate; those bare runs are not counted, so the medians
  stay of ``runs`` each): the cache folder deleted, the data folder as the
  runs before left it. What a sponsor whose cleaner emptied ~/.cache waits
  for; the data folder's index (store/index.py) is still there, under the
  old machine id.
- "first" (one run, before all the others): no cache folder, and no index for
  this run's config folder (a temporary one; `python -m bench` also removes
  every index before each size): the first start ever on this data (a data
  set just made, copied in or restored).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench import TODAY

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Run:
    ms: float
    cpu_ms: float
    rss_mb: float
    rows: int
    log: dict | None = None
    shown_ms: float = 0.0
    """Until the roster first showed rows (from the index, the files still being read); ``ms`` is until ready."""


@dataclass
class StartupResult:
    app: list[Run] = field(default_factory=list)
    bare: list[Run] = field(default_factory=list)
    first: Run | None = None
    """The first start on the data: no cache folder and no index."""
    emptied: list[Run] = field(default_factory=list)
    """Starts with the cache folder deleted just before, after the measured ones."""

    @property
    def app_ms(self) -> float:
        return statistics.median(r.ms for r in self.app)

    @property
    def bare_ms(self) -> float:
        return statistics.median(r.ms for r in self.bare)

    @property
    def ratio(self) -> float:
        return self.app_ms / self.bare_ms

    @property
    def emptied_ms(self) -> float:
        return statistics.median(r.ms for r in self.emptied)

    @property
    def shown_ms(self) -> float:
        return statistics.median(r.shown_ms for r in self.app)

    @property
    def shown_ratio(self) -> float:
        """Until the roster first shows its rows, against the bare app until ready: what a sponsor waits for
        before seeing who needs a call (not a target: the targets are on ``ratio``, work settled)."""
        return self.shown_ms / self.bare_ms

    @property
    def cpu_ratio(self) -> float:
        """The same comparison in CPU time: what the ratio would be on an idle machine."""
        return statistics.median(r.cpu_ms for r in self.app) / statistics.median(r.cpu_ms for r in self.bare)

    @property
    def app_rss_mb(self) -> float:
        return max(r.rss_mb for r in self.app)

    @property
    def bare_rss_mb(self) -> float:
        return max(r.rss_mb for r in self.bare)


def child_env(cache_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["SPONSORDESK_CACHE_DIR"] = str(cache_dir)
    env.pop("SPONSORDESK_TODAY", None)
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    return env


def run_child(args: list[str], env: dict[str, str], timeout: float = 300) -> Run:
    started = time.monotonic()  # CLOCK_MONOTONIC is system-wide on Linux and macOS: comparable across processes
    done = subprocess.run([sys.executable, "-m", "bench.child", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"bench.child {args[0]} failed:\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return Run(ms=(result["ready"] - started) * 1000, cpu_ms=result["cpu"] * 1000, rss_mb=result["rss_kb"] / 1024, rows=result["rows"],
               log=result.get("log"), shown_ms=(result["shown"] - started) * 1000)


EMPTIED = 3
"""Starts with an emptied cache folder: one is too few to take a figure from (972 to 1,475 ms in three in a
row at huge, idle)."""


def measure(data_dir: Path, runs: int = 10) -> StartupResult:
    """Alternate ``runs`` app and bare starts on ``data_dir``, with the first starts before and after."""
    with tempfile.TemporaryDirectory(prefix="sd-bench-") as scratch:
        config, cache = Path(scratch) / "config", Path(scratch) / "cache"
        env = child_env(cache)
        app_args = ["app", str(data_dir), str(config), TODAY.isoformat()]
        result = StartupResult()
        run_child(["bare"], env)  # warm the OS file cache for Textual's own files first
        result.first = run_child(app_args, env)
        run_child(app_args, env)
        run_child(["bare"], env)
        for _ in range(runs):
            result.app.append(run_child(app_args, env))
            result.bare.append(run_child(["bare"], env))
        for _ in range(min(EMPTIED, runs)):
            run_child(["bare"], env)
            shutil.rmtree(cache, ignore_errors=True)
            result.emptied.append(run_child(app_args, env))
    return result


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bench.startup", description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args(argv)
    r = measure(args.data_dir, args.runs)
    print(f"first {r.first.ms:.0f} ms, emptied cache {r.emptied_ms:.0f} ms; app {r.app_ms:.0f} ms (rows shown at {r.shown_ms:.0f} ms, "
          f"{r.shown_ratio:.2f}x), bare {r.bare_ms:.0f} ms, ratio {r.ratio:.2f} "
          f"(CPU time {r.cpu_ratio:.2f}); "
          f"rss app {r.app_rss_mb:.1f} MB, bare {r.bare_rss_mb:.1f} MB; rows {r.app[0].rows}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
