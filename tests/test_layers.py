"""Model, store and logic modules must work without Textual (CLI, tests, benchmarks)."""

import subprocess
import sys

PURE = [
    "sponsordesk.model", "sponsordesk.store", "sponsordesk.cleantime", "sponsordesk.cadence",
    "sponsordesk.progress", "sponsordesk.desk", "sponsordesk.demo", "sponsordesk.cli", "sponsordesk.context",
    "sponsordesk.timeago", "sponsordesk.store.summary_cache", "sponsordesk.store.parse_cache",
]


def test_pure_modules_do_not_import_textual():
    code = "import sys\n" + "".join(f"import {m}\n" for m in PURE) + "assert 'textual' not in sys.modules, 'textual imported'\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
