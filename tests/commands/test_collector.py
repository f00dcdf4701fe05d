"""The collector rests while the app and the models are imported, and is back on after, whatever happens."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest

from sponsordesk.commands import collector


def test_it_is_back_on_after_an_error_and_freezes_what_a_block_that_imported_made(monkeypatch):
    frozen: list[int] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(1))
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        with collector.resting():
            assert not gc.isenabled()
            monkeypatch.setitem(sys.modules, "sponsordesk_test_imported", object())  # as an import does
            raise RuntimeError("an import that failed")
    assert gc.isenabled() and frozen == [1]
    with collector.resting():
        pass
    assert gc.isenabled() and frozen == [1], "a block that imports nothing new (a second main()) freezes nothing"
    with collector.resting():
        monkeypatch.setitem(sys.modules, "sponsordesk_test_imported_later", object())
    assert frozen == [1, 1], "a later block that imports (the app after the context) freezes what it made"


def test_the_app_is_made_with_the_collector_resting_and_left_on(demo_dir, config_dir):
    code = (
        "import gc\n"
        "from sponsordesk.cli import build_parser, context_from\n"
        "from sponsordesk.commands.tui import app_for\n"
        "args = build_parser([]).parse_args(['--today', '2026-11-21'])\n"
        "collections = gc.get_stats()[2]['collections']\n"
        "app = app_for(context_from(args))\n"
        "assert gc.isenabled() and gc.get_freeze_count() > 10_000, gc.get_freeze_count()\n"
        "young = sum(len(gc.get_objects(generation=g)) for g in range(3))\n"
        "assert young < 2_000, f'{young} objects the imports made left for the collector to walk'\n"
        "assert gc.get_stats()[2]['collections'] == collections, 'no full collection while importing'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
