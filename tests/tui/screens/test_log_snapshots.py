"""Snapshots of the log and the form at 80x24 and 120x40, on the fixed demo date and time."""

from __future__ import annotations

from datetime import datetime

import pytest

from sponsordesk.tui.app import SponsorDeskApp
from sponsordesk.rules.clock import Clock
from tests.tui.settle import run, then

NOW = datetime(2026, 11, 21, 9, 30)
SIZES = [(80, 24), (120, 40)]


def demo_app(demo_dir, config_dir) -> SponsorDeskApp:
    return SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, clock=Clock(NOW))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_log_snapshot(snap_compare, demo_dir, config_dir, size):
    # c: the log of Luis, first on the roster (a relapse, 90 in 90 under way, open suggestions)
    assert snap_compare(demo_app(demo_dir, config_dir), terminal_size=size, run_before=then("c"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_form_snapshot(snap_compare, demo_dir, config_dir, size):
    # L: the full log form, for Luis, first on the roster
    assert snap_compare(demo_app(demo_dir, config_dir), terminal_size=size, run_before=then("L"))


def test_form_errors_snapshot(snap_compare, demo_dir, config_dir):
    async def bad_values(pilot):
        await run(pilot, "slash", *"marcus", "enter", "L")  # filter the roster to Marcus, then the form
        pilot.app.screen.query_one("#date").value = "2026-11-23"
        pilot.app.screen.query_one("#minutes").value = "-10"

    assert snap_compare(demo_app(demo_dir, config_dir), terminal_size=(80, 24), run_before=then(bad_values, "ctrl+s"))
