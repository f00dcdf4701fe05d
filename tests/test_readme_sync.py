"""The README's worked example of a sync conflict is what sponsordesk writes, byte for byte."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

from sponsordesk.model import Sponsee, Suggestion
from sponsordesk.store import Store, sync_folder
from sponsordesk.store.changes import profile_change, suggestion_change

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()
SECTION = README.split("### Syncing between machines", 1)[1].split("\n### ", 1)[0]
DAY = date(2026, 11, 21)


class Machine:
    def __init__(self, machine: str) -> None:
        self.machine = machine

    def today(self) -> date:
        return DAY


def blocks() -> list[str]:
    return [part.split("```", 1)[0] for part in SECTION.split("```toml\n")[1:]]


def test_the_worked_example_is_what_the_merge_and_the_choice_write(tmp_path):
    laptop = Store(tmp_path / "laptop")
    laptop.stamps = Machine("k3f9qa")
    laptop.ensure_root()
    laptop.commit([profile_change(None, Sponsee(id="sam-r", name="Sam Rivera"))])
    shown = Suggestion(id="s-0a1b2c3d", text="Read pages 58-60", given=date(2026, 11, 14), contact="c-9f8e7d6c",
                       due=date(2026, 11, 28))
    laptop.commit([suggestion_change("sam-r", None, shown)])
    shutil.copytree(tmp_path / "laptop", tmp_path / "desktop")
    desktop = Store(tmp_path / "desktop")
    desktop.stamps = Machine("p0x7mz")
    laptop.commit([suggestion_change("sam-r", shown, shown.model_copy(
        update={"status": "followed", "resolved": DAY, "outcome": "read it twice"}))])
    desktop.commit([suggestion_change("sam-r", shown, shown.model_copy(
        update={"status": "not_followed", "resolved": DAY, "outcome": "ran out of time"}))])
    path = tmp_path / "laptop/sponsees/sam-r/suggestions.toml"
    shutil.copy(tmp_path / "desktop/sponsees/sam-r/suggestions.toml",
                path.with_name("suggestions.sync-conflict-20261121-101010-P0X7MZA.toml"))
    for rev in ('rev = "k3f9qa:2 #97d4b439"', 'rev = "k3f9qa:1 p0x7mz:1 #067af6ea"'):
        assert rev in blocks()[2], "the two versions' stamps, as the README shows them"
    sync_folder.merge_copies(laptop, datetime(2026, 11, 21, 10, 15).astimezone(), 14)
    merged = path.read_text()
    assert merged.endswith(blocks()[3]), "the merged file, as the README shows it"
    [kept] = sync_folder.read_kept(laptop, path)
    assert [v.content["outcome"] for v in kept.versions] == ["ran out of time", "read it twice"]
    sync_folder.choose(laptop, kept, 1, "k3f9qa", DAY)
    assert 'rev = "k3f9qa:3 p0x7mz:1 #97d4b439"' in path.read_text() and "`rev = \"k3f9qa:3 p0x7mz:1 #97d4b439\"`" in SECTION
