"""Commands in a blink: `--version`, `--help` and `today --json` against `python -c pass`, alternating.

Each run is a fresh process started the way a shell starts the installed
command (the ``sponsordesk`` script beside this Python, else ``python -m
sponsordesk``), timed from just before it starts until it exits. Runs
alternate the floor and each command, so a busy moment hits both; the ratio
is of the medians.

`today --json` answers from the data folder's index while every file matches
it (store/index.py): that is the figure the target is about. "after an edit"
changes one profile's mtime before each run, so every run reads the files
(and makes the index again): what the first `today` after a change costs.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench import TODAY


@dataclass
class CommandTimes:
    floor: list[float] = field(default_factory=list)
    """``python -c pass`` in ms."""
    commands: dict[str, list[float]] = field(default_factory=dict)

    def median(self, name: str) -> float:
        return statistics.median(self.commands[name])

    def ratio(self, name: str) -> float:
        return self.median(name) / statistics.median(self.floor)


def entry_point() -> list[str]:
    script = Path(sys.executable).with_name("sponsordesk")
    return [str(script)] if script.exists() else [sys.executable, "-m", "sponsordesk"]


def _time(argv: list[str], env: dict[str, str], before: Callable[[], None] | None = None) -> float:
    if before is not None:
        before()
    started = time.monotonic()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    took = (time.monotonic() - started) * 1000
    if done.returncode not in (0, 3):  # today: 3 means someone is due, as designed
        raise RuntimeError(f"{' '.join(argv)} exited {done.returncode}:\n{done.stderr[-2000:]}")
    return took


def measure(data_dir: Path, runs: int = 10) -> CommandTimes:
    with tempfile.TemporaryDirectory(prefix="sd-bench-cmd-") as scratch:
        env = dict(os.environ, SPONSORDESK_CACHE_DIR=str(Path(scratch) / "cache"),
                   SPONSORDESK_CONFIG_DIR=str(Path(scratch) / "config"))
        env.pop("SPONSORDESK_TODAY", None)
        sd = entry_point()
        today = [*sd, "--data-dir", str(data_dir), "--today", TODAY.isoformat(), "today", "--json"]
        commands = {
            "--version": [*sd, "--version"],
            "--help": [*sd, "--help"],
            "today --json": today,
            "today --json after an edit": today,
        }
        edited = _editor(data_dir)
        floor = [sys.executable, "-c", "pass"]
        result = CommandTimes(commands={name: [] for name in commands})
        for argv in (floor, *commands.values()):  # warm-up: OS file cache, the facts cache, the index
            _time(argv, env)
        for _ in range(runs):
            for name, argv in commands.items():
                result.floor.append(_time(floor, env))
                result.commands[name].append(_time(argv, env, edited if "edit" in name else None))
    return result


def _editor(data_dir: Path) -> Callable[[], None]:
    """Something that changes one profile's mtime (not its bytes), as an editor saving it unchanged would."""
    profile = next(iter(sorted((data_dir / "sponsees").glob("*/profile.toml"))))
    step = [0]

    def edit() -> None:
        step[0] += 1
        st = profile.stat()
        os.utime(profile, ns=(st.st_atime_ns, st.st_mtime_ns + 1000 * (1 if step[0] % 2 else -1)))

    return edit
