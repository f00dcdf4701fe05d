"""The benchmarks keep working: every code path at a tiny size, asserting results, not times."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable

from bench import TODAY, logbench
from bench.generate import MANIFEST, generate
from bench.run import data_set, main as bench_main
from sponsordesk.store import Store, layout


def test_generator_writes_files_the_store_loads(tmp_path: Path):
    manifest = generate(tmp_path / "a", sponsees=5, contacts=60, seed=3)
    store = Store(tmp_path / "a")
    records = store.load(TODAY)
    assert store.problems == []
    assert len(records) == manifest["sponsees"] == 5
    assert sum(1 for r in records for _ in store.iter_contacts(r.id)) == 60
    assert manifest["active"] == 1 and records  # about 20% active
    assert store.contact_years(manifest["heavy"]["id"])  # contacts spread over year files
    assert all(p.stat().st_mode & 0o077 == 0 for p in (tmp_path / "a").rglob("*") if p.is_file()), "bench.json too"
    from sponsordesk.store.store import private_dir_problems

    assert private_dir_problems(tmp_path / "a", None) == [], "no 'Worth a look' notification in a timed start"


def test_generator_is_deterministic(tmp_path: Path):
    generate(tmp_path / "a", sponsees=3, contacts=40, seed=5)
    generate(tmp_path / "b", sponsees=3, contacts=40, seed=5)
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.toml"))
    assert files_a == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.toml"))
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files_a)


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() if p.is_file() else b"" for p in folder.rglob("*")}


@pytest.mark.slow
def test_one_command_prints_the_table_and_leaves_the_data_as_it_was(tmp_path: Path, capsys):
    generated = _files(data_set("tiny", out=tmp_path))
    assert bench_main(["--sizes", "tiny", "--runs", "1", "--out", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert "Machine:" in printed and "cores" in printed
    assert "| tiny | 2 | 50 |" in printed
    assert "save at tiny within 30 ms" in printed
    folder = next(tmp_path.glob("tiny-*"))
    manifest = json.loads((folder / MANIFEST).read_text())
    store = Store(folder)
    assert len(store.load(TODAY)) == 2 and store.problems == []
    assert sum(1 for r in store.sponsee_ids() for _ in store.iter_contacts(r)) == 50  # the saves were undone
    # every file as generated, and nothing more: no marker or index of the measurements' "computers", no
    # backup or lock file that would make the next run start from another state
    assert _files(folder) == generated
    if not logbench.has_log_screen():
        assert logbench.NO_LOG_SCREEN in printed


class _LogScreen(Screen):
    def compose(self) -> ComposeResult:
        yield DataTable(id="log")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("when", "summary")
        table.add_rows([(str(n), "call") for n in range(300)])


class _AppWithLog(App[None]):
    def compose(self) -> ComposeResult:
        yield DataTable(id="roster")

    def open_log(self, sponsee_id: str) -> None:
        self.push_screen(_LogScreen())


async def test_log_timing_waits_for_the_log_table_rows():
    app = _AppWithLog()
    async with app.run_test(size=(80, 24)) as pilot:
        probe = await logbench.time_open_log(pilot, "anyone")
    assert probe["rows"] == 300 and probe["ms"] > 0


WAITS_ON_A_PLAIN_TABLE = r"""
import asyncio, json, sys
from textual.app import App
from bench.ready import roster_ready
from sponsordesk.tui.widgets.plain_table import PlainTable


class Roster(App[None]):
    def compose(self):
        yield PlainTable(id="roster")

    def on_mount(self):
        table = self.query_one(PlainTable)
        table.add_column("Name", key="name")
        table.add_rows([("sam-r", ["Sam R."])])


async def main():
    async with Roster().run_test(size=(80, 24)) as pilot:
        rows = await roster_ready(pilot, expect_rows=True)
    print(json.dumps({"rows": rows, "datatable": "textual.widgets._data_table" in sys.modules}))


asyncio.run(main())
"""


def test_waiting_for_a_plain_table_imports_no_datatable():
    """The harness found tables by DataTable's class, which imported it (about 6 ms) into every sponsordesk
    start it timed, though sponsordesk no longer uses it; the bare app imports it for itself."""
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", WAITS_ON_A_PLAIN_TABLE], cwd=root, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(root)}, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"rows": 1, "datatable": False}
