"""R on the step board and the contact log writes a report and says where."""

import pytest

from sponsordesk.tui.app import SponsorDeskApp
from sponsordesk.store.locations import reports_dir

from tests.conftest import TODAY
from tests.tui.notices import listen
from tests.tui.settle import opened, settled


@pytest.mark.parametrize("screen_key", ["b", "c"])
async def test_report_key_writes_to_the_reports_folder_and_says_where(demo_dir, config_dir, screen_key):
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    told = listen(app)
    async with opened(app, (80, 24)) as pilot:
        await pilot.press(screen_key, "R")
        await settled(pilot)
        written = reports_dir() / "sponsordesk-report-luis-r-2026-11-21.md"
        assert written.read_text().startswith('---\ntitle: "Luis Romero"')
        assert str(written) in told.text
        assert not any(demo_dir.rglob("sponsordesk-report-*")), "reports stay out of the data folder"


async def test_report_key_under_privacy_names_the_folder_not_the_file(demo_dir, config_dir):
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    told = listen(app)
    async with opened(app, (80, 24)) as pilot:
        await pilot.press("f4", "c", "R")
        await settled(pilot)
        assert f"to {reports_dir()}/" in told.text and "luis" not in told.text


async def test_report_key_says_why_when_the_file_cannot_be_written(demo_dir, config_dir):
    reports_dir().mkdir(parents=True)
    (reports_dir() / "sponsordesk-report-luis-r-2026-11-21.md").mkdir()  # a folder in the way
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    told = listen(app)
    async with opened(app, (80, 24)) as pilot:
        await pilot.press("b", "R")
        await settled(pilot)
        assert "The report was not written:" in told.text and "is a folder" in told.text
        assert app.screen.is_current


def test_reports_go_to_documents_by_default(monkeypatch, tmp_path):
    monkeypatch.delenv("SPONSORDESK_REPORTS_DIR")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "no-user-dirs"))
    assert reports_dir() == tmp_path / "sponsordesk-reports", "no Documents folder: the home folder"
    (tmp_path / "Documents").mkdir()
    assert reports_dir() == tmp_path / "Documents" / "sponsordesk-reports"


@pytest.mark.parametrize("screen_key", ["b", "c"])
async def test_help_on_the_board_and_the_log_says_where_reports_go(demo_dir, config_dir, screen_key):
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (80, 24)) as pilot:
        await pilot.press(screen_key, "f1")
        await settled(pilot)
        about = str(app.screen.query_one("#help-about").render())
        assert "R writes a Markdown report" in about and str(reports_dir()) in about.replace("\n", "")
