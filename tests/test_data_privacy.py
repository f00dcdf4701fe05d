"""Privacy: nothing leaves the machine, and nothing private lands outside the data folder."""

import socket
import subprocess
import sys
import tempfile
import textwrap

import pytest
from sponsordesk.tui.widgets.plain_table import PlainTable

from sponsordesk.tui.app import SponsorDeskApp
from sponsordesk.cli import main
from sponsordesk.model import Contact

from tests.conftest import NOW, TODAY
from tests.tui.settle import opened, settled


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open an internet socket fails the test (local socketpairs stay allowed)."""
    real = socket.socket

    class Guard(real):
        def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
            if fileno is None and family in (-1, socket.AF_INET, socket.AF_INET6):
                raise AssertionError("sponsordesk tried to open a network connection")
            super().__init__(family, type, proto, fileno)

    def refuse(*args, **kwargs):
        raise AssertionError("sponsordesk tried to reach the network")

    monkeypatch.setattr(socket, "socket", Guard)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture
def watched_tmp(tmp_path, monkeypatch):
    """The system temp folder, watched: sponsordesk must leave nothing in it."""
    folder = tmp_path / "system-tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.setenv("TMPDIR", str(folder))
    return folder


async def test_the_app_works_without_the_network_and_writes_nothing_outside(
        demo_dir, config_dir, no_network, watched_tmp):
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (80, 24)) as pilot:
        await settled(pilot)
        sid = app.desk.records[0].id
        app.desk.add_contact(sid, Contact(id="c-private", at=NOW, summary="a private note"))
        await pilot.press("ctrl+r")
        assert app.screen.query_one(PlainTable).row_count == 6  # ended sponsees start hidden
    assert list(watched_tmp.iterdir()) == []


def test_the_commands_work_without_the_network_and_write_nothing_outside(
        demo_dir, no_network, watched_tmp, capsys):
    assert main(["locate"]) == 0
    assert main(["backup"]) == 0
    assert main(["restore"]) == 0
    name = capsys.readouterr().out.splitlines()[-2].split()[0]
    assert main(["restore", name]) == 0
    assert main(["doctor"]) == 0
    assert main(["today"]) == 0 and main(["today"]) == 0  # from the files, then from the index it left
    assert list(watched_tmp.iterdir()) == []


CRASH = textwrap.dedent("""
    import sys
    from datetime import date
    from pathlib import Path
    from sponsordesk.tui.app import SponsorDeskApp
    from sponsordesk.tui.screens.roster import RosterScreen

    def refresh_data(self):
        summary = "SECRET-NOTE-TEXT about a relapse"
        raise ValueError(f"could not show {summary}")

    RosterScreen.refresh_data = refresh_data
    SponsorDeskApp(data_dir=Path(sys.argv[1]), config_dir=Path(sys.argv[2]), today=date(2026, 11, 21)).run(
        headless=True, size=(80, 24))
""")


def test_a_crash_report_shows_code_lines_but_no_names_or_notes(demo_dir, config_dir):
    out = subprocess.run([sys.executable, "-c", CRASH, str(demo_dir), str(config_dir)], capture_output=True,
                         text=True, timeout=60)
    shown = out.stdout + out.stderr
    assert "sponsordesk stopped because of a bug (ValueError)" in shown
    assert "in refresh_data" in shown and "Your saved data is safe" in shown
    assert "SECRET" not in shown and "relapse" not in shown


CLI_CRASH = textwrap.dedent("""
    import sys
    from sponsordesk import cli
    from sponsordesk.store import doctor  # the doctor command imports its check when it runs

    def check(*args, **kwargs):
        name = "Zed Secretname"
        raise KeyError(name)

    doctor.check = check
    sys.exit(cli.main(["doctor"]))
""")


def test_a_command_line_crash_shows_no_names_either(demo_dir):
    out = subprocess.run([sys.executable, "-c", CLI_CRASH], capture_output=True, text=True, timeout=60)
    assert out.returncode == 1 and "sponsordesk stopped because of a bug (KeyError)" in out.stderr
    assert "Secretname" not in out.stdout + out.stderr
