from sponsordesk.cli import main
from sponsordesk.store import Store
from sponsordesk.store.lock import DataLock

from tests.conftest import TODAY

DAY = ["--today", TODAY.isoformat()]
SHEET = (
    "Name, Program , Sobriety Date,Phone,Home Group,CADENCE\n"
    "Sam Rivera,AA,2025-03-14,555-0142,Tuesday Night Big Book,3\n"
    "Alex Moreno,na,2026-10-01,,Clean and Serene,\n"
    "Bea,AA,14/03/2025,,,\n"
)


def _sheet(tmp_path, text=SHEET):
    path = tmp_path / "people.csv"
    path.write_text(text)
    return str(path)


def test_dry_run_shows_plan_and_writes_nothing(data_dir, tmp_path, capsys):
    assert main([*DAY, "import", "csv", _sheet(tmp_path)]) == 2
    out, err = capsys.readouterr()
    assert "2 to add, 0 already there, 1 refused" in out
    assert "line 2    Sam Rivera (AA, clean since 2025-03-14)" in out
    assert "line 4    Bea: sobriety date: '14/03/2025' could be day/month or month/day" in out
    assert "Nothing was written" in out and "1 row was refused" in err
    assert Store(data_dir).sponsee_ids() == []


def test_apply_adds_and_reimport_adds_nobody_twice(data_dir, tmp_path, capsys):
    sheet = _sheet(tmp_path, SHEET.rsplit("Bea", 1)[0])
    assert main([*DAY, "import", "csv", sheet, "--apply"]) == 0
    assert "Added 2 sponsees" in capsys.readouterr().out
    records = {r.id: r.sponsee for r in Store(data_dir).load(TODAY)}
    assert set(records) == {"sam-r", "alex-m"}
    assert records["alex-m"].program == "NA" and records["sam-r"].cadence_days == 3
    assert records["sam-r"].home_group == "Tuesday Night Big Book"
    assert main([*DAY, "import", "csv", sheet, "--apply"]) == 0
    out = capsys.readouterr().out
    assert "0 to add, 2 already there" in out and "already in sponsordesk as sam-r" in out
    assert len(Store(data_dir).sponsee_ids()) == 2


def test_missing_file_is_a_clear_error(data_dir, tmp_path, capsys):
    assert main([*DAY, "import", "csv", str(tmp_path / "nope.csv")]) == 2
    assert "could not read" in capsys.readouterr().err


def test_apply_is_refused_while_the_app_has_the_folder(data_dir, tmp_path, capsys):
    lock = DataLock(data_dir)
    assert lock.acquire()
    try:
        assert main([*DAY, "import", "csv", _sheet(tmp_path), "--apply"]) == 1
    finally:
        lock.release()
    assert "has" in capsys.readouterr().err and Store(data_dir).sponsee_ids() == []


def test_an_al_anon_member_is_never_called_sober(data_dir, tmp_path, capsys):
    sheet = "name,program,sobriety date\nDee Park,Al-Anon,2024-05-02\nRay Cole,Al-Anon,\n"
    main([*DAY, "import", "csv", _sheet(tmp_path, sheet)])
    out = capsys.readouterr().out
    assert "Dee Park (Al-Anon, in the program since 2024-05-02)" in out and "Ray Cole (Al-Anon, no program date)" in out
    assert "sober" not in out and "clean" not in out
