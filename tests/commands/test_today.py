"""`sponsordesk today`: the agenda for cron and scripts, as text or JSON."""

from __future__ import annotations

import json

from sponsordesk.cli import main

from tests.conftest import TODAY


def test_today_prints_the_agenda_most_urgent_first(demo_dir, capsys):
    assert main(["--today", TODAY.isoformat(), "today"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Saturday, November 21, 2026: 4 people to reach out to"
    assert lines[1].split()[:2] == ["Luis", "R."] and "a relapse came up when you talked yesterday" in lines[1]
    assert "Priya N." in lines[3] and "90 days today" in lines[3]
    assert not any("Tom B." in line or "Jordan K." in line for line in lines), "paused and ended left out"
    assert not any("Ellen F." in line for line in lines), "in touch and nothing due: a quiet morning for her"


def test_today_json_has_codes_text_and_milestone(demo_dir, capsys):
    assert main(["today", "--json", "--date", TODAY.isoformat()]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert set(shown) == {"date", "agenda", "problems"} and shown["problems"] == []
    entries = shown["agenda"]
    assert [e["id"] for e in entries][:2] == ["luis-r", "marcus-b"]
    luis = entries[0]
    assert set(luis) == {"id", "name", "reasons", "days_since_last_contact", "next_milestone"}
    assert luis["name"] == "Luis R." and luis["days_since_last_contact"] == 1
    assert luis["reasons"][0] == {"code": "relapse", "text": "a relapse came up when you talked yesterday; check in"}
    assert luis["next_milestone"] == {"label": "30 days", "date": "2026-12-20", "in_days": 29}
    marcus = entries[1]
    assert [r["code"] for r in marcus["reasons"]][:2] == ["overdue", "milestone_soon"]


def test_today_on_an_empty_folder_and_a_later_date(data_dir, demo_dir, capsys):
    assert main(["today", "--date", "2026-12-10"]) == 0
    out = capsys.readouterr().out
    assert "Thursday, December 10, 2026" in out and "Tom B." in out, "the pause is over by then"


def test_today_with_nobody(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert main(["today", "--data-dir", str(tmp_path / "empty"), "--today", "2026-11-21"]) == 0
    assert "nobody is due today" in capsys.readouterr().out
    assert main(["today", "--json", "--data-dir", str(tmp_path / "empty")]) == 0
    assert json.loads(capsys.readouterr().out)["agenda"] == []


def test_bad_date_is_a_clear_error(capsys):
    try:
        main(["today", "--date", "tomorrow"])
    except SystemExit as exit:
        assert exit.code == 2
    assert "use YYYY-MM-DD" in capsys.readouterr().err


def test_a_broken_file_is_named_on_stderr_and_the_rest_still_prints(demo_dir, capsys):
    (demo_dir / "sponsees" / "marcus-b" / "profile.toml").write_text("name = \n")
    assert main(["today", "--today", TODAY.isoformat()]) == 3
    captured = capsys.readouterr()
    assert "marcus-b/profile.toml" in captured.err and "Luis R." in captured.out


def test_a_contacts_year_that_does_not_load_is_said_on_the_agenda_not_first_call(demo_dir, capsys):
    year = demo_dir / "sponsees" / "ellen-f" / "contacts" / "2026.toml"
    year.write_text(year.read_text().replace("at = 2026-11-", "at = 2026-02-30T10:00:00Z\nwas = 2026-11-", 1))
    code = main(["today", "--today", TODAY.isoformat()])
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if "Ellen F." in line)
    assert "2026 contacts can't be read; run sponsordesk doctor" in line and "no contact logged" not in line
    assert code == 3 and out.splitlines()[-1].startswith("1 file could not be read")


def test_an_unreadable_profile_is_said_on_stdout_and_in_the_exit_status(demo_dir, capsys):
    (demo_dir / "sponsees" / "marcus-b" / "profile.toml").write_text("name = \n")
    assert main(["today", "--today", TODAY.isoformat()]) == 3
    out = capsys.readouterr().out
    assert "Marcus" not in out
    assert out.splitlines()[-1] == ("1 file could not be read, so someone may be missing above; "
                                    "run: sponsordesk doctor")
    assert main(["today", "--json", "--today", TODAY.isoformat()]) == 3
    shown = json.loads(capsys.readouterr().out)
    assert shown["problems"] == [{"file": "sponsees/marcus-b/profile.toml", "line": 1, "field": None,
                                  "message": shown["problems"][0]["message"]}]
    assert shown["problems"][0]["message"].startswith("not valid TOML")


def test_a_data_folder_that_does_not_exist_is_an_error_not_an_empty_agenda(tmp_path, capsys):
    assert main(["today", "--data-dir", str(tmp_path / "typo"), "--today", "2026-11-21"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "there is no data folder at" in captured.err and "typo" in captured.err
    assert not (tmp_path / "typo").exists(), "nothing is created"


def test_an_ended_sponsorships_broken_board_does_not_touch_the_agenda_and_doctor_names_it(demo_dir, capsys):
    """today reads only an ended sponsorship's profile (never on the agenda); doctor reads everything."""
    board = demo_dir / "sponsees" / "jordan-k" / "steps.toml"
    board.write_text(board.read_text() + "\nbroken = [\n")
    before = board.read_bytes()
    assert main(["today", "--today", TODAY.isoformat()]) == 0
    assert "could not be read" not in capsys.readouterr().out
    main(["doctor"])
    assert "jordan-k/steps.toml" in capsys.readouterr().out
    assert board.read_bytes() == before, "a broken file is never written"


def test_a_broken_settings_file_is_named_but_hides_nobody(demo_dir, config_dir, capsys):
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "settings.toml").write_text("theme = \n")
    assert main(["today", "--today", TODAY.isoformat()]) == 0, "no sponsee can be missing for it"
    out, err = capsys.readouterr()
    assert "settings.toml" in err and "could not be read" not in out
