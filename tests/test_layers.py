"""Model, store and logic modules must work without Textual (CLI, tests, benchmarks).

Every module is checked unless it is part of the user interface below, so a
new logic module is covered without anyone remembering to list it.
"""

import pkgutil
import subprocess
import sys

import sponsordesk

UI = ("sponsordesk.tui", "sponsordesk.__main__", "sponsordesk.commands.tui")


def pure_modules() -> list[str]:
    names = [m.name for m in pkgutil.walk_packages(sponsordesk.__path__, "sponsordesk.")]
    return sorted(n for n in names if not n.startswith(UI))


def test_pure_modules_do_not_import_textual():
    modules = pure_modules()
    assert "sponsordesk.store.store" in modules and "sponsordesk.desk.desk" in modules
    code = "import sys\n" + "".join(f"import {m}\n" for m in modules)
    code += "assert 'textual' not in sys.modules, 'textual imported'\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
