"""`sponsordesk completion bash|zsh`: scripts that complete commands and their options."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from sponsordesk.cli import main


def _script(capsys, shell: str) -> str:
    assert main(["completion", shell]) == 0
    return capsys.readouterr().out


def test_bash_completes_commands_and_their_options(capsys, tmp_path):
    script = tmp_path / "sponsordesk.bash"
    script.write_text(_script(capsys, "bash"))
    probe = f"""
source {script}
complete_words() {{ COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMPREPLY=(); _shtab_sponsordesk; echo "${{COMPREPLY[*]}}"; }}
complete_words sponsordesk ex
complete_words sponsordesk export ''
complete_words sponsordesk today --
complete_words sponsordesk import csv x --date-order ''
"""
    out = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, timeout=30)
    lines = out.stdout.splitlines()
    assert lines[0] == "export" and lines[1].split() == ["calendar", "report", "csv"], out.stderr
    assert {"--json", "--date", "--data-dir", "--today"} <= set(lines[2].split())
    assert lines[3].split() == ["dmy", "mdy"]


def test_zsh_gets_a_script_of_its_own(capsys):
    script = _script(capsys, "zsh")
    assert script.startswith("#compdef sponsordesk") and "_shtab_sponsordesk" in script
    if shutil.which("zsh") is None:
        pytest.skip("zsh is not installed here; the script was checked by shape only")
    out = subprocess.run(["zsh", "-n"], input=script, capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
