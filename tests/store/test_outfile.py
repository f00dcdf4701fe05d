import os
import stat

import pytest

from sponsordesk.store import StoreError
from sponsordesk.store.outfile import write_output


def test_output_is_private_and_whole(tmp_path):
    path = write_output(tmp_path / "new" / "report.md", "# Sam\n")
    assert path.read_text() == "# Sam\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_symlink_keeps_pointing_where_it_did(tmp_path):
    real = tmp_path / "synced" / "desk.ics"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "desk.ics"
    link.symlink_to(real)
    write_output(link, "new")
    assert link.is_symlink() and real.read_text() == "new"


def test_a_folder_is_refused_with_a_hint(tmp_path):
    with pytest.raises(StoreError, match="is a folder; give a file name"):
        write_output(tmp_path, "x")


def test_a_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "desk.ics"
    target.write_text("old")
    monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(OSError(28, "No space left on device")))
    with pytest.raises(StoreError, match="No space left on device; nothing was written"):
        write_output(target, "new")
    assert target.read_text() == "old" and os.listdir(tmp_path) == ["desk.ics"]
