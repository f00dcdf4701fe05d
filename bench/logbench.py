"""Log: from the action that opens a sponsee's log to the log on screen, for the 5,000-contact sponsee.

Each run is a fresh process (``bench.child`` with ``--probe-log``): start the
app on the data set, wait for the roster (``bench/ready.py``), then call
``app.open_log(id)``, which is what the roster's key does, and wait until a
new screen is current, its table has rows, no worker runs and a frame is
composed. The first opening in a process is the one a user feels, so it
includes importing the log screen. Without a log screen in this build
(``sponsordesk/screens/log.py``) the result is "n/a: no log screen".
"""

from __future__ import annotations

import importlib.util
import json
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import TODAY

NO_LOG_SCREEN = "n/a: no log screen"

LATER = 1.0
"""Seconds between the settled roster and the second measure's opening: a sponsor reading the agenda first."""


@dataclass
class LogResult:
    times_ms: list[float] = field(default_factory=list)
    rows: int = 0
    entries: int = 0
    """Contacts the sponsee has on file."""
    skipped: str = ""
    later_ms: list[float] = field(default_factory=list)
    """The same log opened ``LATER`` seconds after the roster settled (the app builds its models meanwhile)."""

    @property
    def median_ms(self) -> float | None:
        return statistics.median(self.times_ms) if self.times_ms else None

    @property
    def later_median_ms(self) -> float | None:
        return statistics.median(self.later_ms) if self.later_ms else None


def has_log_screen() -> bool:
    try:
        return importlib.util.find_spec("sponsordesk.tui.screens.log") is not None
    except ImportError:
        return False


async def time_open_log(pilot: Any, sponsee_id: str) -> dict[str, float]:
    """Inside a running app: open the log and time it until painted (ms, rows shown)."""
    from bench.ready import log_ready

    app = pilot.app
    before = app.screen
    started = time.monotonic()
    app.open_log(sponsee_id)
    rows = await log_ready(pilot, before)
    return {"ms": (time.monotonic() - started) * 1000, "rows": rows}


def measure(data_dir: Path, runs: int = 10) -> LogResult:
    from bench.startup import child_env, run_child

    manifest = json.loads((data_dir / "bench.json").read_text())
    heavy = manifest["heavy"]
    result = LogResult(entries=heavy["contacts"])
    if not has_log_screen():
        result.skipped = NO_LOG_SCREEN
        return result
    with tempfile.TemporaryDirectory(prefix="sd-bench-log-") as scratch:
        env = child_env(Path(scratch) / "cache")
        args = ["app", str(data_dir), str(Path(scratch) / "config"), TODAY.isoformat(), "--probe-log", heavy["id"]]
        try:
            run_child(args, env)  # warm-up: summary cache and OS file cache
            for _ in range(runs):  # alternating: at once (the target), and a moment later
                probe = run_child(args, env).log or {}
                result.times_ms.append(probe["ms"])
                result.rows = int(probe["rows"])
                result.later_ms.append((run_child([*args, "--log-after", str(LATER)], env).log or {})["ms"])
        except (RuntimeError, KeyError) as error:
            # a log screen without a table, or one that fails: say so in the table, keep the other figures
            last = str(error).strip().splitlines()[-1][:120]
            result.times_ms, result.later_ms, result.skipped = [], [], f"n/a: the log did not open ({last})"
    return result


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bench.logbench", description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args(argv)
    r = measure(args.data_dir, args.runs)
    if r.skipped:
        print(r.skipped)
    else:
        print(f"log of {r.entries} contacts: median {r.median_ms:.0f} ms to {r.rows} rows on screen; "
              f"{r.later_median_ms:.0f} ms when opened {LATER:g} s after the roster settled")
    return 0


if __name__ == "__main__":
    sys.exit(main())
