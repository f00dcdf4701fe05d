import os

import pytest
from icalendar import Calendar

from sponsordesk.cli import main

from tests.conftest import TODAY

DAY = ["--today", TODAY.isoformat()]


@pytest.mark.parametrize("argv", [
    ["export"], ["export", "calendar"], ["export", "report"], ["export", "csv"],
    ["import"], ["import", "csv"], ["log"],
])
def test_every_subcommand_has_help_with_an_example(argv, capsys):
    with pytest.raises(SystemExit) as exit:
        main([*argv, "--help"])
    assert exit.value.code == 0
    out = capsys.readouterr().out
    assert "Example" in out and "sponsordesk " + argv[0] in out


def test_export_calendar_writes_a_file_that_parses(demo_dir, tmp_path, capsys):
    target = tmp_path / "out" / "desk.ics"
    assert main([*DAY, "export", "calendar", "-o", str(target)]) == 0
    assert f"Wrote {target}" in capsys.readouterr().out
    events = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    summaries = {str(e["summary"]) for e in events if str(e["status"]) == "CONFIRMED"}
    assert "Dana O. - 1 year" in summaries and "Marcus B. - call due" in summaries
    assert not any(s.startswith("Jordan K.") for s in summaries), "ended sponsorships are not on the calendar"
    cancelled = {str(e["summary"]) for e in events if str(e["status"]) == "CANCELLED"}
    assert any(s.startswith("Jordan K.") for s in cancelled), "...and an import takes their events off"


def test_export_calendar_defaults_to_the_current_folder(demo_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main([*DAY, "export", "calendar"]) == 0
    assert (tmp_path / "sponsordesk.ics").read_text().startswith("BEGIN:VCALENDAR")


def test_export_report_by_name_prefix(demo_dir, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    # global options work after a nested command too
    assert main(["export", "report", "pri", "--contacts", "2", "--today", TODAY.isoformat()]) == 0
    path = tmp_path / "sponsordesk-report-priya-n-2026-11-21.md"
    assert f"Wrote {path}" in capsys.readouterr().out
    assert path.read_text().count("\n### 2026-") == 2


def test_export_report_to_stdout(demo_dir, capsys):
    assert main([*DAY, "export", "report", "dana-o", "-o", "-"]) == 0
    assert capsys.readouterr().out.startswith('---\ntitle: "Dana Okafor"\n')


def test_export_report_unknown_sponsee_is_a_clear_error(demo_dir, capsys):
    assert main([*DAY, "export", "report", "nobody"]) == 2
    assert "no sponsee matches 'nobody'" in capsys.readouterr().err


def test_bad_contacts_count_is_refused(demo_dir, capsys):
    with pytest.raises(SystemExit) as exit:
        main([*DAY, "export", "report", "dana-o", "--contacts", "lots"])
    assert exit.value.code == 2
    assert "'lots' is not a whole number" in capsys.readouterr().err


def test_export_csv_writes_both_files(demo_dir, tmp_path):
    assert main([*DAY, "export", "csv", "-o", str(tmp_path / "sheets")]) == 0
    assert (tmp_path / "sheets" / "sponsees.csv").read_text(encoding="utf-8-sig").startswith("name,program,")
    assert (tmp_path / "sheets" / "contacts.csv").stat().st_size > 1000


def test_a_failed_write_leaves_no_partial_file(demo_dir, tmp_path, monkeypatch, capsys):
    target = tmp_path / "cal" / "desk.ics"
    target.parent.mkdir()
    target.write_text("the old calendar")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    assert main([*DAY, "export", "calendar", "-o", str(target)]) == 1
    assert "could not write" in capsys.readouterr().err
    assert target.read_text() == "the old calendar"
    assert os.listdir(target.parent) == ["desk.ics"], "the temp file is cleaned up"


def test_exports_read_ended_sponsorships_in_full_where_the_index_could_name_them(demo_dir, tmp_path, capsys):
    """The app and `today` name an ended sponsorship from the index; an export reads its files: a spreadsheet
    row holds the whole profile, the calendar takes the ended one's events off."""
    assert main([*DAY, "today"]) == 0  # leaves the index, which vouches for Jordan's files
    assert main([*DAY, "export", "csv", "-o", str(tmp_path / "sheets")]) == 0
    rows = (tmp_path / "sheets" / "sponsees.csv").read_text(encoding="utf-8-sig").splitlines()
    jordan = next(row for row in rows if "Jordan Kim" in row)
    assert "555-0101" in jordan and "Clean and Serene" in jordan and "2025-06-09" in jordan and "ended" in jordan
    assert main([*DAY, "export", "calendar", "-o", str(tmp_path / "desk.ics")]) == 0
    cancelled = {str(e["summary"]) for e in Calendar.from_ical((tmp_path / "desk.ics").read_bytes()).walk("VEVENT")
                 if str(e["status"]) == "CANCELLED"}
    assert any(s.startswith("Jordan K.") for s in cancelled)
