"""The layers hold: each folder of the package is one layer, checked by import-linter's contracts.

The contracts are in pyproject.toml ([tool.importlinter]); these tests run
them, show they break when a layer is crossed, and check what the contracts
cannot: which modules the command line loads, and what the package root holds.
"""

from __future__ import annotations

import os
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import sponsordesk

ROOT = Path(__file__).resolve().parent.parent
LINT = Path(sys.executable).with_name("lint-imports")


def _lint(cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(cwd)}
    return subprocess.run([str(LINT), "--config", str(cwd / "pyproject.toml"), "--no-cache"], cwd=cwd, env=env,
                          capture_output=True, text=True)


def test_the_contracts_are_kept():
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 3 kept, 0 broken." in result.stdout


def test_the_contracts_break_when_a_screen_reads_the_store_or_a_rule_imports_textual(tmp_path):
    shutil.copytree(ROOT / "sponsordesk", tmp_path / "sponsordesk", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    with open(tmp_path / "sponsordesk" / "tui" / "screens" / "roster.py", "a") as screen:
        screen.write("\nfrom sponsordesk.store import Store  # a screen reaching past the desk\n")
    with open(tmp_path / "sponsordesk" / "rules" / "agenda.py", "a") as rule:
        rule.write("\nimport textual  # a rule that needs a terminal\n")
    result = _lint(tmp_path)
    assert result.returncode != 0
    assert "sponsordesk.tui.screens.roster -> sponsordesk.store" in result.stdout
    assert "sponsordesk.rules.agenda -> textual" in result.stdout
    assert "Only the tui imports Textual BROKEN" in result.stdout.replace("\n", " ")


def test_the_package_root_holds_only_the_entry_points():
    modules = {info.name for info in pkgutil.iter_modules(sponsordesk.__path__) if not info.ispkg}
    assert modules == {"__main__", "cli", "crash"}, "new code goes in the folder of its layer"
    folders = {info.name for info in pkgutil.iter_modules(sponsordesk.__path__) if info.ispkg}
    assert folders == {"model", "store", "rules", "wording", "forms", "desk", "views", "exports", "commands", "tui"}


def test_every_module_outside_the_tui_imports_without_textual():
    names = [m.name for m in pkgutil.walk_packages(sponsordesk.__path__, "sponsordesk.")]
    outside = sorted(n for n in names if not n.startswith("sponsordesk.tui") and n != "sponsordesk.__main__")
    assert "sponsordesk.store.store" in outside and "sponsordesk.desk.desk" in outside
    code = "import sys\n" + "".join(f"import {m}\n" for m in outside)
    code += "assert 'textual' not in sys.modules, 'textual imported'\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def _loaded(*args: str, env: dict[str, str]) -> set[str]:
    """The modules `sponsordesk ARGS` has imported by the time it finishes."""
    code = ("import sys, runpy\nsys.argv = ['sponsordesk', *sys.argv[1:]]\n"
            "try:\n    runpy.run_module('sponsordesk', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "print('\\n'.join(sys.modules), file=sys.stderr)\n")
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env)
    return set(result.stderr.split())


def test_the_command_line_loads_only_what_the_command_needs(isolated_folders):
    env = {**os.environ}
    for args in (["--version"], ["--help"]):
        loaded = _loaded(*args, env=env)
        assert "sponsordesk.cli" in loaded
        assert not {m for m in loaded if m.split(".")[0] in ("textual", "pydantic", "pydantic_core")}, args
        assert "traceback" not in loaded, "the crash report's module, loaded when there is a crash to report"
    loaded = _loaded("today", env=env)
    assert "sponsordesk.rules.agenda" in loaded
    assert not {m for m in loaded if m.split(".")[0] in ("textual", "icalendar")}
    assert not {m for m in loaded if m.startswith(("sponsordesk.tui", "sponsordesk.exports", "sponsordesk.commands.log"))}


def test_today_from_a_fresh_index_loads_neither_pydantic_nor_a_toml_parser(demo_dir):
    env = {**os.environ}
    first = _loaded("today", "--date", "2026-11-21", env=env)  # reads the files, and leaves the index
    assert "pydantic" in first and "sponsordesk.store.store" in first
    loaded = _loaded("today", "--date", "2026-11-21", env=env)
    heavy = {m for m in loaded if m.split(".")[0] in ("textual", "pydantic", "pydantic_core", "tomli", "tomllib", "rtoml",
                                                     "tomlkit", "filelock", "icalendar")}
    assert not heavy, "the index answered: no models, no TOML, no lock"
    assert "sponsordesk.store.index" in loaded and "sponsordesk.store.store" not in loaded
