"""Commands in a blink: `--version`, `--help` and `today --json` against `python -c pass`, alternating.

Each run is a fresh process started the way a shell starts the installed
command (the ``sponsordesk`` script beside this Python, else ``python -m
sponsordesk``), timed from just before it starts until it exits. Runs
alternate the floor and each command, so a busy moment hits both; the ratio
is of the medians.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
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


def _time(argv: list[str], env: dict[str, str]) -> float:
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
        commands = {
            "--version": [*sd, "--version"],
            "--help": [*sd, "--help"],
            "today --json": [*sd, "--data-dir", str(data_dir), "--today", TODAY.isoformat(), "today", "--json"],
        }
        floor = [sys.executable, "-c", "pass"]
        result = CommandTimes(commands={name: [] for name in commands})
        for argv in (floor, *commands.values()):  # warm-up: OS file cache, the facts cache
            _time(argv, env)
        for _ in range(runs):
            for name, argv in commands.items():
                result.floor.append(_time(floor, env))
                result.commands[name].append(_time(argv, env))
    return result
