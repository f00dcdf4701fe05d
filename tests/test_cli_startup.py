"""`sponsordesk --help` and `--version` stay instant: the CLI imports no pydantic models until a command runs."""

import subprocess
import sys


def test_importing_the_cli_loads_no_models():
    code = ("import sys, sponsordesk.cli\n"
            "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'textual')"
            " or m.startswith('sponsordesk.model'))\n"
            "assert not heavy, 'import these inside the command run() instead: ' + ', '.join(heavy[:5])\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_version_still_prints(capsys):
    from sponsordesk.cli import main

    try:
        main(["--version"])
    except SystemExit as done:
        assert done.code == 0
    assert "sponsordesk" in capsys.readouterr().out
