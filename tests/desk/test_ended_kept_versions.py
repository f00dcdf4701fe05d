"""Found in review of naming ended sponsorships from the index: versions a sync merge kept in an ended
sponsorship's files are announced at start, however the record is spelt, and a merge at start that keeps them
reads that sponsorship in full, so the window offering the choice has them."""

from __future__ import annotations

import shutil
from datetime import datetime, timezone
from pathlib import Path

from sponsordesk.desk import Desk
from sponsordesk.desk.context import Context
from sponsordesk.model import Contact, Sponsee
from sponsordesk.rules.followthrough import LogEntry
from sponsordesk.store import layout
from sponsordesk.store.doctor import check

from tests.conftest import TODAY

ENDED = "jordan-k"  # the demo's ended sponsorship


def _index_files(root: Path) -> list[Path]:
    folder = root / ".sponsordesk-index"
    return list(folder.iterdir()) if folder.is_dir() else []


def _made_index(root: Path, config_dir: Path) -> None:
    """A reading that leaves this machine's index (as `today` does when the index cannot answer)."""
    Desk.open(Context.build(data_dir=root, config_dir=config_dir, today=TODAY), read_only=True,
              ended_later=True, makes_index=True).close()


def _app_desk(root: Path, config_dir: Path, **kw) -> Desk:
    """The app's desk: ended sponsorships left for later, named from the index when it vouches."""
    return Desk.open(Context.build(data_dir=root, config_dir=config_dir, today=TODAY, **kw), ended_later=True)


def _with_kept_version(path: Path, header: str) -> None:
    """A version a sync merge kept beside the ended sponsee's first suggestion (README's shape), under
    ``header`` ("[[conflict]]" as the merge writes it)."""
    import tomllib

    import tomli_w

    first = tomllib.loads(path.read_text())["suggestion"][0]
    other = {**first, "outcome": "Ran out of time.", "status": "not_followed"}
    record = tomli_w.dumps({"id": first["id"], "suggestion": other})
    path.write_text(path.read_text() + f"\n{header}\n" + record.replace("[suggestion]", "[conflict.suggestion]"))


# ------------------------------------------------------------ 1. [[conflict]] and the index: holds


def test_a_kept_version_in_an_ended_suggestions_file_makes_no_index_and_is_announced_at_every_start(demo_dir,
                                                                                               config_dir):
    """A [[conflict]] record is a warning (KeptVersions), so no index vouches for such a folder."""
    _made_index(demo_dir, config_dir)
    assert _index_files(demo_dir)
    _with_kept_version(layout.suggestions_path(demo_dir, ENDED), "[[conflict]]")
    for round in range(2):  # a reading that makes the index, then a start after it
        _made_index(demo_dir, config_dir)
        assert not _index_files(demo_dir), f"round {round}: a reading with a kept version made an index"
        desk = _app_desk(demo_dir, config_dir)
        try:
            assert [k.sponsee_id for k in desk.kept_versions()] == [ENDED]
        finally:
            desk.close()


# ------------------------------------------------------------ 2. [[conflict]] spelt as TOML allows: pre-existing


def test_a_kept_version_spelt_with_spaces_in_an_ended_suggestions_file_is_announced_at_start(demo_dir, config_dir):
    _with_kept_version(layout.suggestions_path(demo_dir, ENDED), "[[ conflict ]]")
    report = check(demo_dir, config_dir, TODAY)
    assert any("changed on two machines" in p.message for p in report.problems), "doctor sees it"
    _made_index(demo_dir, config_dir)
    desk = _app_desk(demo_dir, config_dir)
    try:
        assert [k.sponsee_id for k in desk.kept_versions()] == [ENDED]
    finally:
        desk.close()


# ------------------------------------------------------------ 3. a merge's kept contact of an ended sponsorship


SYNCTHING = ".sync-conflict-20261121-101010-7QK2M1A"
CONTACTS = "sponsees/sam-r/contacts/2026.toml"


def _machine(tmp_path: Path, name: str, **kw) -> Desk:
    ctx = Context.build(data_dir=tmp_path / name, today=TODAY, config_dir=tmp_path / "config",
                        cache_dir=tmp_path / f"cache-{name}")
    return Desk.open(ctx, **kw)


def test_a_merge_that_keeps_versions_of_an_ended_sponsorships_contact_offers_the_choice(tmp_path):
    at = datetime(2026, 11, 20, 9, tzinfo=timezone.utc)
    laptop = _machine(tmp_path, "laptop")
    laptop.add_sponsee(Sponsee(id="sam-r", name="Sam Rivera"))
    laptop.log("sam-r", LogEntry(Contact(id="c-1", at=at, summary="First call.")))
    laptop.end("sam-r", TODAY, "moved away")
    laptop.close()
    shutil.copytree(tmp_path / "laptop", tmp_path / "desktop")
    laptop, desktop = _machine(tmp_path, "laptop"), _machine(tmp_path, "desktop")
    for desk, words in ((laptop, "Edited on the laptop."), (desktop, "Edited on the desktop.")):
        shown = next(desk.iter_contacts("sam-r"))
        desk.log("sam-r", LogEntry(shown.model_copy(update={"summary": words})), editing=shown)
        desk.close()
    path = tmp_path / "laptop" / CONTACTS
    shutil.copy(tmp_path / "desktop" / CONTACTS, path.with_name(path.stem + SYNCTHING + path.suffix))
    app = _machine(tmp_path, "laptop", ended_later=True)  # the app's start on the laptop: merges the copy
    try:
        assert "for you to choose" in "\n".join(app.notices), "the merge says both versions are kept"
        assert [k.sponsee_id for k in app.kept_versions()] == ["sam-r"], "...so the window should offer them"
    finally:
        app.close()


# ------------------------------------------------------------ 4. a partial record (EndedName) reached by keys: holds
