"""An index made again by the app's reading keeps the entries it did not read, with their program's milestones
as the program files say now (each case also with every file read)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from sponsordesk.desk import Desk
from sponsordesk.desk.context import Context
from sponsordesk.store.index import SHIPPED

from tests.conftest import TODAY
from tests.store.test_index import answer_both_ways, full_reads, glance, index_file, said  # noqa: F401


def _user_program(config_dir: Path, milestones: list[str], yearly: bool) -> None:
    """The user's own AA milestone schedule (programs/aa.toml), written long enough ago to be signed."""
    text = (SHIPPED / "aa.toml").read_text()
    start = text.index("milestones = [")
    end = text.index("]", start) + 1
    text = text[:start] + f"milestones = {json.dumps(milestones)}" + text[end:]
    text = text.replace("yearly = true", f"yearly = {'true' if yearly else 'false'}")
    folder = config_dir / "programs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "aa.toml"
    path.write_text(text)
    os.utime(path, (1_700_000_000, 1_700_000_000))


def _app_reading(data: Path, config: Path, active_later: bool = True) -> None:
    """What the app's first reading does when the glance could not answer (a program changed): makes the index,
    leaving sponsees not ended whose files match the old one for later."""
    Desk.open(Context.build(data_dir=data, config_dir=config, today=TODAY), read_only=True, ended_later=True,
              makes_index=True, active_later=active_later).close()


@pytest.mark.parametrize("active_later", [False, True], ids=["files read", "from the index"])
def test_an_app_reading_after_a_program_change_writes_an_index_with_the_new_milestones(
        demo_dir, config_dir, capsys, full_reads, isolated_folders, active_later):
    said(capsys, "today", "--date", TODAY.isoformat(), "--json")  # the index, with the shipped AA milestones
    _user_program(config_dir, [], False)  # this sponsor counts no milestones for AA
    assert glance(demo_dir, config_dir, isolated_folders["cache"]) is None, "the program is signed: no glance"
    _app_reading(demo_dir, config_dir, active_later)
    entries = json.loads(index_file(demo_dir, isolated_folders["cache"]).read_bytes())["sponsees"]
    aa = [e["record"] for e in entries.values() if e["record"] and e["record"]["program"] == "AA"]
    assert aa, "the demo has AA sponsees not ended"
    full_reads.clear()
    quick, full = answer_both_ways(capsys, TODAY, "--json")
    assert full_reads == [TODAY], "the first answer came from the index the app made"
    assert quick == full, "`today` from the app's index names milestones the program no longer has"
    # each AA entry was kept from the old index under the new program file's signature
    assert all(e["milestones"] == [] for e in aa), [e["milestones"] for e in aa]
