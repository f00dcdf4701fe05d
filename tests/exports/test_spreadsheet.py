import csv
import io
from datetime import date

import pytest

from sponsordesk.desk.context import Context
from sponsordesk.desk import Desk
from sponsordesk.exports.spreadsheet import (
    ImportFileError,
    apply_import,
    contacts_csv,
    header_key,
    plan_import,
    sponsees_csv,
)
from sponsordesk.store import Store

from tests.conftest import TODAY


@pytest.fixture
def programs(config_dir):
    return Context.build(config_dir=config_dir, today=TODAY).programs


def _desk(data_dir, config_dir) -> Desk:
    return Desk.open(Context.build(data_dir=data_dir, config_dir=config_dir, today=TODAY), read_only=True)


def test_sponsees_round_trip_through_csv(demo_dir, config_dir, tmp_path, programs):
    desk = _desk(demo_dir, config_dir)
    text = sponsees_csv(desk.records)
    plan = plan_import(text, [], programs, TODAY)
    assert not plan.refused and plan.ignored_columns == ["status", "id"]
    fresh = Desk.open(Context.build(data_dir=tmp_path / "fresh", config_dir=config_dir, today=TODAY))
    apply_import(fresh, plan)
    fresh.close()
    before = {r.sponsee.name: r.sponsee for r in desk.records}
    after = {r.sponsee.name: r.sponsee for r in Store(tmp_path / "fresh").load(TODAY)}
    assert before.keys() == after.keys()
    for name, old in before.items():
        new = after[name]
        assert (new.id, new.program, new.phone, new.home_group, new.cadence_days, new.reach, new.notes,
                new.sponsored_since) == (old.id, old.program, old.phone, old.home_group, old.cadence_days,
                                         old.reach, old.notes, old.sponsored_since)
        assert [s.date for s in new.sobriety] == [s.date for s in old.sobriety]


def test_contacts_csv_has_every_contact_oldest_first(demo_dir, config_dir):
    desk = _desk(demo_dir, config_dir)
    rows = list(csv.DictReader(io.StringIO(contacts_csv(desk, desk.records))))
    total = sum(len(list(desk.store.iter_contacts(r.id))) for r in desk.records)
    assert len(rows) == total > 0
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    assert {"sponsee id", "date", "time", "kind", "summary"} <= set(rows[0])
    assert any(r["relapse"] == "yes" for r in rows)


def test_header_is_lenient_about_case_spacing_and_names():
    assert header_key(" Sobriety_Date ") == "sobriety date"
    assert header_key("HOME-GROUP") == "home group"
    assert header_key("Clean date") == "sobriety date"
    assert header_key("Cadence (days)") == "cadence"


def test_bad_rows_are_refused_with_line_and_reason(programs):
    text = (
        "Name;PROGRAM;Sobriety Date;Cadence;Notes\n"
        "Sam Rivera;aa;2025-03-14;3 days;\n"
        "Bob;XX;2025-01-01;;\n"
        "Carl;AA;3/14/2025;;\n"
        "Dee;AA;2025-01-01;often;\n"
        ";AA;;;\n"
        'Fay;NA;2027-01-01;;"two\nlines"\n'
        "\n"
        "Gus;NA;;;\n"
        "Hal;AA;;;;extra\n"
    )
    plan = plan_import(text, [], programs, TODAY)
    assert [(line, s.name, s.program, s.cadence_days) for line, s in plan.add] == [
        (2, "Sam Rivera", "AA", 3), (10, "Gus", "NA", None)]
    reasons = {note.line: note.reason for note in plan.refused}
    assert "program 'XX' is not known" in reasons[3]
    assert "sobriety date: '3/14/2025' could be day/month or month/day; run the import with --date-order" in reasons[4]
    assert "cadence 'often'" in reasons[5]
    assert reasons[6] == "name is empty"
    assert "2027-01-01 is in the future" in reasons[7]
    assert "6 cells but the header has 5" in reasons[11]


def test_no_duplicates_within_a_file_or_on_reimport(data_dir, config_dir, programs):
    text = "name,sobriety date\nSam Rivera,2025-03-14\nsam  rivera,2025-03-14\nSam Rivera,2026-01-02\n"
    plan = plan_import(text, [], programs, TODAY)
    assert [line for line, _ in plan.add] == [2, 4], "same name, another date is another person"
    assert plan.already[0].line == 3 and "repeats line 2" in plan.already[0].reason
    desk = Desk.open(Context.build(data_dir=data_dir, config_dir=config_dir, today=TODAY))
    added = apply_import(desk, plan)
    desk.close()
    assert [s.id for s in added] == ["sam-r", "sam-r-2"]
    again = plan_import(text, [r.sponsee for r in Store(data_dir).load(TODAY)], programs, TODAY)
    assert again.add == [] and len(again.already) == 3
    assert "already in sponsordesk as sam-r" in again.already[0].reason


def test_a_file_without_a_name_column_is_refused(programs):
    with pytest.raises(ImportFileError, match="no 'name' column"):
        plan_import("who,when\nSam,2025-01-01\n", [], programs, TODAY)
    with pytest.raises(ImportFileError, match="empty"):
        plan_import("\n\n", [], programs, TODAY)


def test_earlier_sobriety_dates_must_come_before(programs):
    plan = plan_import("name,sobriety date,earlier sobriety dates\nA B,2025-01-01,2026-01-01\n", [], programs, TODAY)
    assert "not before the sobriety date" in plan.refused[0].reason
    ok = plan_import("name,sobriety date,earlier sobriety dates\nA B,2025-01-01,2023-05-01; 2021-02-03\n",
                     [], programs, TODAY)
    assert [s.date for s in ok.add[0][1].sobriety] == [date(2025, 1, 1), date(2023, 5, 1), date(2021, 2, 3)]


def test_contact_times_are_on_the_sponsors_clock_as_in_the_app(data_dir, config_dir, zone):
    from sponsordesk.exports.report import render_report

    folder = data_dir / "sponsees" / "sam-r"
    (folder / "contacts").mkdir(parents=True)
    (folder / "profile.toml").write_text('schema_version = 1\nid = "sam-r"\nname = "Sam Rivera"\n')
    (folder / "contacts" / "2026.toml").write_text(
        'schema_version = 1\n\n[[contact]]\nid = "c-1"\nat = 2026-11-20T07:30:00Z\nkind = "call"\nsummary = "late"\n')
    zone("America/Los_Angeles")
    desk = _desk(data_dir, config_dir)
    row = next(csv.DictReader(io.StringIO(contacts_csv(desk, desk.records))))
    assert (row["date"], row["time"]) == ("2026-11-19", "23:30")
    assert "### 2026-11-19 23:30: call" in render_report(desk, "sam-r")


def test_no_cell_becomes_a_formula_and_a_phone_keeps_its_leading_zero(data_dir, config_dir, programs, tmp_path):
    from sponsordesk.model import Sponsee

    store = Store(data_dir)
    from tests.seed import add_contact, put_profile
    from sponsordesk.model import Contact
    from datetime import datetime

    put_profile(store, Sponsee(id="eve-h", name="=HYPERLINK(\"http://x\",\"click\")", phone="0555 0102",
                               notes="+1 meeting", home_group="@home", reach="'-) texts back"))
    add_contact(store, "eve-h", Contact(id="c-1", at=datetime(2026, 11, 20, 10).astimezone(),
                                        summary="-called back later", meeting_notes="=1+1"))
    desk = _desk(data_dir, config_dir)
    sponsee = next(csv.DictReader(io.StringIO(sponsees_csv(desk.records))))
    contact = next(csv.DictReader(io.StringIO(contacts_csv(desk, desk.records))))
    cells = [*sponsee.values(), *contact.values()]
    # what a spreadsheet would run: a cell starting with = + - @ (a phone's ="..." is a text constant)
    formulas = [c for c in cells if c and c[0] in "=+-@" and not (c.startswith('="') and c.endswith('"'))]
    assert formulas == [], formulas
    assert sponsee["phone"] == '="0555 0102"' and sponsee["name"].startswith("'=HYPERLINK")
    assert contact["summary"] == "'-called back later" and sponsee["notes"] == "'+1 meeting"
    plan = plan_import(sponsees_csv(desk.records), [], programs, TODAY)
    back = plan.add[0][1]
    assert (back.name, back.phone, back.notes, back.home_group, back.reach) == (
        '=HYPERLINK("http://x","click")', "0555 0102", "+1 meeting", "@home", "'-) texts back"), \
        "an export imports as it was (a review found the apostrophe of '-) lost)"


def test_a_us_style_resave_imports_with_date_order_and_line_breaks_are_plain(programs):
    text = 'name,sobriety date,notes\r\nSam Rivera,11/21/2025,"two\r\nlines"\r\nBea,3/4/2025,\r\n'
    refused = plan_import(text, [], programs, TODAY)
    assert len(refused.refused) == 2 and "--date-order" in refused.refused[0].reason
    plan = plan_import(text, [], programs, TODAY, date_order="mdy")
    assert [(s.name, s.sobriety_date) for _, s in plan.add] == [("Sam Rivera", date(2025, 11, 21)),
                                                                ("Bea", date(2025, 3, 4))]
    assert plan.add[0][1].notes == "two\nlines"
    dmy = plan_import(text.replace("11/21/2025", "21/11/2025"), [], programs, TODAY, date_order="dmy")
    assert [s.sobriety_date for _, s in dmy.add] == [date(2025, 11, 21), date(2025, 4, 3)]
