"""The app's start, as the `sponsordesk` command makes it, in a fresh interpreter: when the data folder's index
vouches for every sponsee and the config files are those that validated before (store/config_check.py),
the roster is settled without pydantic, and every setting still takes effect. A config file changed by a
byte is validated again, and a bad value in it reported with its line, as before."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# The `sponsordesk` command's own path (cli.py): parse, build the context, make the app; then run it headless
# until the notebook is open and the screen holds still (tests/tui/settle.py).
SCRIPT = r"""
import asyncio, json, sys, threading
from sponsordesk import model
from sponsordesk.cli import build_parser, context_from
from sponsordesk.commands.tui import app_for
from tests.tui.settle import opened, until


def _pydantic():
    return sorted(m for m in sys.modules if m.split(".")[0] in ("pydantic", "pydantic_core"))[:3]


# what only a save, a parsed file, a sync merge or a backup needs (store/store.py's docstring)
LATER = ("sponsordesk.store.merge", "sponsordesk.store.writing", "sponsordesk.store.splice",
         "sponsordesk.store.sync_folder", "sponsordesk.store.sync_merge", "zipfile", "importlib.resources")


def _later():
    return [m for m in LATER if m in sys.modules]


# The models are built in the background a moment after the notebook opened (tui/loading.py): what the start
# imported is what was there when that began, whenever the screen was settled.
warm = {}
build = model.load_all


def watched():
    warm.update(before=_pydantic(), later=_later(), metadata="importlib.metadata" in sys.modules,
                ui_thread=threading.current_thread() is threading.main_thread())
    build()
    warm["after"] = _pydantic()


model.load_all = watched
argv = ["--today", "2026-11-21"]
app = app_for(context_from(build_parser(argv).parse_args(argv)))


async def main():
    async with opened(app, (120, 40)) as pilot:
        from sponsordesk.tui.widgets.plain_table import PlainTable

        table = app.screen.query_one("#roster", PlainTable)
        settings = app.ctx.settings
        rows = table.row_count
        await until(pilot, lambda: "after" in warm or ("before" not in warm and model.all_loaded()),
                    "the models to be built")
        await until(pilot, lambda: all(w.is_finished for w in app.workers if w.group == "models"),
                    "the models' worker to end")
        print(json.dumps({
            "pydantic": warm.get("before", _pydantic()),
            "warm": warm,
            "metadata": warm.get("metadata", "importlib.metadata" in sys.modules),
            "later": warm.get("later", _later()),
            "saving": [m for m in LATER[:2] if m in sys.modules],
            "rows": rows,
            "names": [str(table.get_row_at(i)[1]) for i in range(table.row_count)],
            "theme": app.theme,
            "hidden": app.desk.hidden,
            "keymap": app.keymap_applied,
            "cadence": [settings.cadence.under_90_days, settings.cadence.under_1_year, settings.cadence.otherwise],
            "lookahead": settings.milestone_lookahead_days,
            "week": str(settings.first_day_of_week),
            "told": [n.message for n in app._notifications],
        }))


asyncio.run(main())
"""

SETTINGS = """\
theme = "sponsordesk-light"
hide_names = true
milestone_lookahead_days = 9
first_day_of_week = "sunday"

[cadence]
under_90_days = 2

[keymap]
"app.privacy" = "ctrl+b"
"""


def _write(path: Path, text: str) -> None:
    """settings.toml as a person saves it: not within the two seconds in which a file's times cannot tell a
    later change from it (store/facts.py RACY_NS), when the index is not made at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    past = time.time() - 60
    os.utime(path, (past, past))


def _start() -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _as_set(found: dict, cadence_90: int = 2, lookahead: int = 9) -> None:
    assert found["rows"] >= 5
    assert found["theme"] == "sponsordesk-light" and found["hidden"] is True
    assert all("." in name and len(name) <= 6 for name in found["names"]), found["names"]  # "S. R.": initials
    assert found["keymap"] == {"app.privacy": "ctrl+b"}
    assert found["cadence"] == [cadence_90, 3, 7] and found["lookahead"] == lookahead and found["week"] == "sunday"


def test_a_start_the_index_and_the_config_record_vouch_for_imports_no_pydantic(demo_dir, config_dir):
    _write(config_dir / "settings.toml", SETTINGS)
    first = _start()  # reads the files (pydantic), makes the index, validates and records the config files
    assert first["pydantic"], "the first start validates"
    _as_set(first)
    second = _start()
    assert second["pydantic"] == [], "nothing needed validating"
    assert second["warm"]["ui_thread"] is False and second["warm"]["after"], "built off the UI thread, after"
    # nor a package's version (importlib.metadata and the email package: ~10 ms; tui/theming.py)
    assert second["metadata"] is False
    # nor the save's modules, the sync merge's or the zip reader's: a start that saves, parses and merges
    # nothing (about 20 ms of it)
    assert second["later"] == []
    # which the app then imports with the models, in the background, so the first save does not wait for them
    assert second["saving"] == ["sponsordesk.store.merge", "sponsordesk.store.writing"]
    _as_set(second)
    assert second["names"] == first["names"] and second["told"] == first["told"] == []


@pytest.mark.slow
def test_a_settings_file_changed_by_one_byte_is_validated_and_a_bad_value_reported_with_its_line(
        demo_dir, config_dir):
    settings = config_dir / "settings.toml"
    _write(settings, SETTINGS)
    _start()
    assert _start()["pydantic"] == []
    _write(settings, SETTINGS.replace("= 9", "= 90"))  # past 60: reported, the default used, the rest kept
    found = _start()
    assert found["pydantic"], "validated"
    _as_set(found, lookahead=7)
    told = " ".join(found["told"])
    assert "settings.toml, line 3, field 'milestone_lookahead_days'" in told, found["told"]
    assert "milestone_lookahead_days" in " ".join(_start()["told"]), "reported at every start, never recorded"
    _write(settings, SETTINGS.replace("= 2", "= 3"))  # a good change: validated once, then trusted again
    changed = _start()
    assert changed["pydantic"] and changed["told"] == []
    _as_set(changed, cadence_90=3)
    again = _start()
    assert again["pydantic"] == []
    _as_set(again, cadence_90=3)


# The contact log opened at once, before the models are built: its page from plain readings, then drawn again
# from the models when the app builds them (here when the script asks: the warm-up waits).
LOG_SCRIPT = r"""
import asyncio, json, sys
from sponsordesk.cli import build_parser, context_from
from sponsordesk.commands.tui import app_for
from sponsordesk.tui import loading
from tests.tui.settle import opened, settled, until

loading.WARM_UP_AFTER = 3600
argv = ["--today", "2026-11-21"]
app = app_for(context_from(build_parser(argv).parse_args(argv)))


def _pydantic():
    return sorted(m for m in sys.modules if m.split(".")[0] in ("pydantic", "pydantic_core"))[:3]


# what only a save, a parsed file, a sync merge or a backup needs (store/store.py's docstring)
LATER = ("sponsordesk.store.merge", "sponsordesk.store.writing", "sponsordesk.store.splice",
         "sponsordesk.store.sync_folder", "sponsordesk.store.sync_merge", "zipfile", "importlib.resources")


def _later():
    return [m for m in LATER if m in sys.modules]


def _rows(screen):
    from sponsordesk.tui.widgets.plain_table import PlainTable

    table = screen.query_one("#log", PlainTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def main():
    async with opened(app, (120, 40)) as pilot:
        app.open_log("dana-o")
        await until(pilot, lambda: type(app.screen).__name__ == "LogScreen", "the log")
        await settled(pilot)
        log = app.screen
        first = {"pydantic": _pydantic(), "plain": log.plain, "rows": _rows(log), "who": str(log.query_one("#who").render())}
        app._warm_up()
        await until(pilot, lambda: not log.plain, "the page drawn from the models")
        await settled(pilot)
        print(json.dumps({"first": first, "then": {"pydantic": _pydantic(), "rows": _rows(log),
                                                   "who": str(log.query_one("#who").render())}}))


asyncio.run(main())
"""


def test_a_log_opened_at_once_shows_its_first_page_without_pydantic_then_from_the_models(demo_dir, config_dir):
    _start()  # reads the files (pydantic) and makes the index
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", LOG_SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    first, then = found["first"], found["then"]
    assert first["pydantic"] == [] and first["plain"] is True, "the page shown without pydantic"
    assert first["rows"] and "Dana" in first["who"]
    assert then["pydantic"], "then the models were built"
    assert then["rows"] == first["rows"] and then["who"] == first["who"]
