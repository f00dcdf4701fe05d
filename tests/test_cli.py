import subprocess
import sys

from sponsordesk import __version__
from sponsordesk.cli import main
from sponsordesk.store import Store

from tests.conftest import TODAY


def test_version():
    out = subprocess.run([sys.executable, "-m", "sponsordesk", "--version"], capture_output=True, text=True)
    assert out.stdout.strip() == f"sponsordesk {__version__}"


def test_locate_prints_the_isolated_folders(capsys, isolated_folders, tmp_path):
    assert main(["locate", "--data-dir", str(tmp_path / "elsewhere")]) == 0
    out = capsys.readouterr().out
    assert f"data      {tmp_path / 'elsewhere'}" in out
    assert f"index     {tmp_path / 'elsewhere' / '.sponsordesk-index'}" in out, "today's, beside the data it names"
    assert str(isolated_folders["config"]) in out and str(isolated_folders["cache"]) in out


def test_demo_writes_sponsees_relative_to_today(data_dir, capsys):
    assert main(["--today", TODAY.isoformat(), "demo"]) == 0
    records = Store(data_dir).load(TODAY)
    states = sorted(r.sponsee.status.state for r in records)
    assert len(records) == 7 and states.count("paused") == 1 and states.count("ended") == 1
    assert {r.sponsee.program for r in records} == {"AA", "NA"}
    assert any(len(r.sponsee.sobriety) == 2 for r in records), "one relapse keeps its history"
    # a second run refuses to mix demo data into real data
    assert main(["demo"]) == 2
    assert "already has sponsees" in capsys.readouterr().err


def test_global_options_after_the_command(tmp_path, capsys):
    assert main(["demo", "--data-dir", str(tmp_path / "x"), "--today", "2026-02-28"]) == 0
    assert "2026-02-28" in capsys.readouterr().out


def test_bad_today_is_a_clear_error(capsys):
    try:
        main(["--today", "21/11/2026", "locate"])
    except SystemExit as exit:
        assert exit.code == 2
    assert "use YYYY-MM-DD" in capsys.readouterr().err


def test_today_from_environment(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("SPONSORDESK_TODAY", "2025-01-31")
    assert main(["demo", "--data-dir", str(tmp_path / "y")]) == 0
    assert "2025-01-31" in capsys.readouterr().out


def test_the_registry_says_what_each_command_says_about_itself():
    """`sponsordesk --help` lists commands without importing them; the lines must match their own help."""
    import argparse

    from sponsordesk.cli import build_parser
    from sponsordesk.commands import REGISTRY

    parser = build_parser(None)  # every command's own parser
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    own = {action.dest: action.help for action in sub._choices_actions}
    assert own == {name: help_line for name, (_, help_line) in REGISTRY.items()}


def test_opening_the_app_builds_no_command_parser_and_help_and_typos_still_list_them(capsys):
    """Only options (the app opens): no command's parser is made (about 3-4 ms of every start). Help asked for,
    or a word that is no command, still lists every command."""
    import pytest

    from sponsordesk.cli import build_parser
    from sponsordesk.commands import REGISTRY

    def choices(argv: list[str]) -> list[str]:
        parser = build_parser(argv)
        sub = next(a for a in parser._actions if a.dest == "command")
        return list(sub.choices)

    for argv in ([], ["--data-dir", "d", "--today", "2026-11-21"], ["--config-dir=c"], ["--today", "-5"]):
        assert choices(argv) == [], argv
    for argv in ([], ["--data-dir", "d", "--today", "2026-11-21"], ["--config-dir=c"]):
        assert build_parser(argv).parse_args(argv).command is None
    for argv in (["--help"], ["--today", "2026-11-21", "-h"], ["tody"], ["--he"], ["--data-dir", "x", "--hel"],
                 ["-"], ["-5"], ["--bogus"]):
        assert choices(argv) == list(REGISTRY), argv
    with pytest.raises(SystemExit):
        build_parser(["tody"]).parse_args(["tody"])
    said = capsys.readouterr().err
    assert "invalid choice: 'tody'" in said and "'today'" in said, said
