"""One command for every benchmark: ``python -m bench [--sizes small,large,huge] [--runs 10]``.

Generates (or reuses) each data set under ``bench/out/``, then measures
start-up against the bare Textual app, peak memory, a save and the log, and
prints a Markdown table, the machine it ran on and each target met or missed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import datetime, time as dt_time
from pathlib import Path

from bench import OUT, TODAY, commands, logbench, save, startup
from bench.generate import GENERATOR_VERSION, MANIFEST, generate, private_manifest

SIZES = {
    "tiny": (2, 50),
    "small": (8, 1_000),
    "large": (100, 50_000),
    "huge": (1_000, 500_000),
}
DEFAULT_SIZES = ["small", "large", "huge"]


@dataclass
class SizeResult:
    name: str
    sponsees: int
    contacts: int
    start: startup.StartupResult
    save: save.SaveResult
    log: logbench.LogResult
    commands: commands.CommandTimes | None = None


def data_set(name: str, seed: int = 8, out: Path = OUT) -> Path:
    """The generated data set for a size, made once and cached (keyed by size, seed and generator version)."""
    sponsees, contacts = SIZES[name]
    folder = out / f"{name}-{sponsees}x{contacts}-seed{seed}-g{GENERATOR_VERSION}"
    if not (folder / MANIFEST).exists():  # the manifest is written last: without it the set is incomplete
        shutil.rmtree(folder, ignore_errors=True)
        print(f"generating {name}: {sponsees} sponsees, {contacts:,} contacts ...", file=sys.stderr, flush=True)
        generate(folder, sponsees, contacts, seed)
    private_manifest(folder)  # a set made before the manifest was private
    as_generated(folder)
    return folder


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from importlib.metadata import version

    load = f", load average {os.getloadavg()[0]:.2f} at start" if hasattr(os, "getloadavg") else ""
    return (f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} "
            f"{platform.release()}, Textual {version('textual')}, pydantic {version('pydantic')}{load}")


def byte_compile() -> None:
    """Write sponsordesk's .pyc files before timing, as installing it does.

    With PYTHONDONTWRITEBYTECODE set (common in containers and CI) a checkout
    never gets them, and each start compiled ~100 modules from source (about
    85 ms) that an installed sponsordesk never compiles; Textual and pydantic,
    installed, had theirs all along.
    """
    import compileall

    compileall.compile_dir(str(Path(startup.ROOT) / "sponsordesk"), quiet=1)
    # and the libraries both apps import: pip compiles them on install, but an environment made with
    # PYTHONDONTWRITEBYTECODE set has none, and then the bare app spent ~250 ms of its ~440 compiling
    # Textual, which made every ratio look better than an installed sponsordesk's
    import importlib.util

    for name in ("textual", "rich", "pydantic", "tomlkit", "platformdirs", "filelock", "markdown_it", "pygments"):
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.submodule_search_locations:
            for folder in spec.submodule_search_locations:
                compileall.compile_dir(folder, quiet=1)


def as_generated(folder: Path) -> None:
    """Take out what measuring leaves in a data set, so every run starts from the same state: each
    measurement runs the app with a cache folder of its own, so to sponsordesk each is another computer,
    which marks the notebook open in ``.sponsordesk-machines/`` and keeps an index of its own in
    ``.sponsordesk-index/``; the writer's lock file stays too. Left there, every later start read one more
    marker, twice, and the index folder grew by one file per measurement (33 markers and 48 indexes in the
    large set after a day of runs): the figures drifted with the runs made before. The generator writes
    none of them. The day's backup is made here, untimed, if the set has none: before, the first run's
    "first start" made it (1.3 MB at large) and no later run did."""
    from sponsordesk.store import backup, index, layout

    for name in (layout.MACHINES, index.FOLDER):
        shutil.rmtree(folder / name, ignore_errors=True)
    (folder / layout.LOCK).unlink(missing_ok=True)
    backup.daily_backup(folder, datetime.combine(TODAY, dt_time(6, 0)).astimezone(), keep=14)


def run_size(name: str, runs: int, seed: int, out: Path) -> SizeResult:
    folder = data_set(name, seed, out)
    try:
        return _measure_size(name, runs, folder)
    finally:
        as_generated(folder)


def _measure_size(name: str, runs: int, folder: Path) -> SizeResult:
    manifest = json.loads((folder / MANIFEST).read_text())
    print(f"{name}: start-up ...", file=sys.stderr, flush=True)
    start = startup.measure(folder, runs)
    print(f"{name}: save ...", file=sys.stderr, flush=True)
    saved = save.measure(folder, max(runs * 2, 2))
    print(f"{name}: log ...", file=sys.stderr, flush=True)
    log = logbench.measure(folder, runs)
    timed = None
    if name == "large":
        print(f"{name}: commands ...", file=sys.stderr, flush=True)
        timed = commands.measure(folder, runs)
    return SizeResult(name, manifest["sponsees"], manifest["contacts"], start, saved, log, timed)


def table(results: list[SizeResult]) -> str:
    lines = [
        "| size | sponsees | contacts | roster shown | start-up (median) | bare app | ratio | ratio in CPU time "
        "| first start, empty cache | first start, no index | save (median) | log open | log open, 1 s later | peak RSS | bare RSS | RSS over bare |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        s = r.start
        log = r.log.skipped or f"{r.log.median_ms:.0f} ms ({r.log.rows:,} of {r.log.entries:,} rows)"
        later = r.log.skipped or f"{r.log.later_median_ms:.0f} ms"
        lines.append(
            f"| {r.name} | {r.sponsees:,} | {r.contacts:,} | {s.shown_ms:.0f} ms ({s.shown_ratio:.2f}x) | {s.app_ms:.0f} ms | {s.bare_ms:.0f} ms | {s.ratio:.2f}x | {s.cpu_ratio:.2f}x "
            f"| {s.emptied_ms:.0f} ms | {s.first.ms:.0f} ms | {r.save.median_ms:.1f} ms | {log} | {later} | {s.app_rss_mb:.0f} MB | {s.bare_rss_mb:.0f} MB "
            f"| {s.app_rss_mb - s.bare_rss_mb:+.0f} MB |"
        )
    return "\n".join(lines)


def verdicts(results: list[SizeResult]) -> list[str]:
    """Each target of issue 15 ("Start at the floor"), met or missed, with the figure."""
    by = {r.name: r for r in results}
    out = []

    def check(ok: bool, text: str) -> None:
        out.append(f"- {'met' if ok else 'MISSED'}: {text}")

    for name, limit in (("large", 1.3), ("huge", 2.0)):
        if name in by:
            s = by[name].start
            check(s.ratio <= limit, f"start-up at {name} within {limit}x of the bare app: {s.ratio:.2f}x "
                                    f"(CPU time {s.cpu_ratio:.2f}x)")
    for name in ("large", "huge"):
        if name in by:
            s = by[name].start
            out.append(f"- (no target) the roster's rows shown at {name}, from the index while the files are "
                       f"read: {s.shown_ms:.0f} ms, {s.shown_ratio:.2f}x the bare app")
    if "huge" in by:
        s = by["huge"].start
        emptied = s.emptied_ms / s.bare_ms
        check(emptied <= 3, f"first start with an empty cache at huge within 3x of the bare app: {emptied:.2f}x "
                            f"({s.emptied_ms:.0f} ms, median of {len(s.emptied)}; the data folder's index kept)")
        out.append(f"- (no target) the first start ever on the huge data, no index and no cache (every file "
                   f"read): {s.first.ms / s.bare_ms:.2f}x ({s.first.ms:.0f} ms)")
    for r in results:
        if r.log.entries >= 5000:
            if r.log.skipped:
                out.append(f"- not measured: 5,000-entry log at {r.name} ({r.log.skipped})")
            else:
                check(r.log.median_ms <= 120, f"5,000-entry log at {r.name} within 120 ms: {r.log.median_ms:.0f} ms")
                out.append(f"- (no target) the same log opened {logbench.LATER:g} s after the roster settled "
                           f"(the models built meanwhile): {r.log.later_median_ms:.0f} ms")
    for r in results:
        check(r.save.median_ms <= 30, f"save at {r.name} within 30 ms: {r.save.median_ms:.1f} ms")
    if "small" in by and "huge" in by:
        slower = by["huge"].save.median_ms / by["small"].save.median_ms
        check(slower <= 1.5, f"save at huge no more than 1.5x small: {slower:.2f}x")
    timed = next((r.commands for r in results if r.commands is not None), None)
    if timed is not None:
        for name, limit in (("--version", 2), ("--help", 2), ("today --json", 3)):
            check(timed.ratio(name) <= limit, f"`sponsordesk {name}`{' at large' if 'today' in name else ''} within "
                                              f"{limit}x of `python -c pass`: {timed.ratio(name):.2f}x "
                                              f"({timed.median(name):.0f} ms against {statistics.median(timed.floor):.0f} ms)")
        edit = "today --json after an edit"
        out.append(f"- (no target) `sponsordesk {edit}` (the files read, the index made again): "
                   f"{timed.ratio(edit):.2f}x ({timed.median(edit):.0f} ms)")
    for name, limit in (("large", 25), ("huge", 40)):
        if name in by:
            extra = by[name].start.app_rss_mb - by[name].start.bare_rss_mb
            check(extra <= limit, f"peak memory at {name} no more than {limit} MB above the bare app: {extra:+.0f} MB")
    return out


def report(results: list[SizeResult], runs: int, seconds: float) -> str:
    return "\n".join([
        f"Machine: {machine()}.",
        f"Medians of {runs} runs each (start-up alternates sponsordesk and the bare app; save uses "
        f"{max(runs * 2, 2)} saves); {seconds:.0f} s in all.",
        "",
        table(results),
        "",
        "Targets:",
        *verdicts(results),
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(DEFAULT_SIZES),
                        help=f"comma-separated, from {', '.join(SIZES)} (default: %(default)s)")
    parser.add_argument("--runs", type=int, default=10, help="runs per measurement (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--out", type=Path, default=OUT, help="where generated data sets are kept (default: bench/out)")
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.sizes.split(",") if n.strip()]
    unknown = [n for n in names if n not in SIZES]
    if unknown or args.runs < 1:
        parser.error(f"unknown size {unknown[0]!r}; choose from {', '.join(SIZES)}" if unknown else "--runs must be >= 1")
    started = time.monotonic()
    byte_compile()
    results = [run_size(name, args.runs, args.seed, args.out) for name in names]
    print(report(results, args.runs, time.monotonic() - started))
    return 0


if __name__ == "__main__":
    sys.exit(main())
