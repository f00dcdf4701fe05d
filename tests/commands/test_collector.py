"""The collector rests while the app and the models are imported, and is back on after, whatever happens."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest

from sponsordesk.commands import collector


def test_it_is_back_on_after_an_error_and_freezes_once(monkeypatch):
    monkeypatch.setattr(collector, "_set_aside", False)
    frozen: list[int] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(1))
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        with collector.resting():
            assert not gc.isenabled()
            raise RuntimeError("an import that failed")
    assert gc.isenabled() and frozen == [1]
    with collector.resting():
        pass
    assert gc.isenabled() and frozen == [1], "a second use in one process freezes nothing more"


def test_the_app_is_made_with_the_collector_resting_and_left_on(demo_dir, config_dir):
    code = (
        "import gc\n"
        "from sponsordesk.cli import build_parser, context_from\n"
        "from sponsordesk.commands.tui import app_for\n"
        "args = build_parser([]).parse_args(['--today', '2026-11-21'])\n"
        "collections = gc.get_stats()[2]['collections']\n"
        "app = app_for(context_from(args))\n"
        "assert gc.isenabled() and gc.get_freeze_count() > 10_000, gc.get_freeze_count()\n"
        "assert gc.get_stats()[2]['collections'] == collections, 'no full collection while importing'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
