import shutil
import stat

from sponsordesk.cli import main
from sponsordesk.store import Store, backup, layout

from tests.conftest import TODAY


def run(capsys, *argv):
    code = main(["--today", TODAY.isoformat(), *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_backup_makes_a_private_snapshot_and_restore_lists_it(demo_dir, capsys):
    code, out, _ = run(capsys, "backup")
    made = backup.list_backups(demo_dir)[0]
    assert code == 0 and str(made.path) in out and "newest 14 backups are kept" in out
    assert stat.S_IMODE(made.path.stat().st_mode) == 0o600
    code, out, _ = run(capsys, "restore")
    assert code == 0 and made.path.stem in out and "manual" in out and "sponsordesk restore NAME" in out


def test_restore_replaces_the_data_and_says_how_to_undo(demo_dir, capsys):
    run(capsys, "backup")
    name = backup.list_backups(demo_dir)[0].path.stem
    shutil.rmtree(layout.sponsee_dir(demo_dir, "dana-o"))  # a mistake to undo
    code, out, _ = run(capsys, "restore", name)
    assert code == 0 and f"Restored {name}" in out and "before-restore" in out and "undo with" in out
    assert "dana-o" in {r.id for r in Store(demo_dir).load(TODAY)}


def test_nothing_to_back_up_and_unknown_names_are_clear(data_dir, capsys):
    code, _, err = run(capsys, "backup")
    assert code == 1 and "no sponsees yet" in err
    code, out, _ = run(capsys, "restore")
    assert code == 0 and "No backups yet" in out and "sponsordesk backup" in out
    code, _, err = run(capsys, "restore", "2020-01-01")
    assert code == 1 and "no backup named '2020-01-01'" in err


def test_a_damaged_backup_is_refused_by_name_listed_as_damaged_and_found_by_the_doctor(demo_dir, capsys):
    run(capsys, "backup")
    made = backup.list_backups(demo_dir)[0].path
    damaged = bytearray(made.read_bytes())
    for i in range(200, 260):  # inside the first member's compressed bytes: the header still reads
        damaged[i] ^= 0x5A
    made.write_bytes(bytes(damaged))
    before = {p: p.read_bytes() for p in demo_dir.rglob("*.toml")}
    code, out, err = run(capsys, "restore", made.stem)
    assert code == 1 and "is damaged" in err and "nothing was restored" in err and "bug" not in err + out
    assert {p: p.read_bytes() for p in demo_dir.rglob("*.toml")} == before
    code, out, _ = run(capsys, "restore")
    assert "damaged" in out
    code, out, _ = run(capsys, "doctor")
    assert code == 1 and made.name in out and "this backup is damaged" in out
