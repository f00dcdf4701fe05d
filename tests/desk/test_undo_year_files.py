"""An undo's changes are ``placed``: they go to the year file the save wrote, not routed again by id and
date, while the contact is still there; one moved to another year file since is followed there. A save
that wrote nothing offers no undo."""

from __future__ import annotations

import pytest

from sponsordesk.desk import Desk
from sponsordesk.desk.context import Context
from sponsordesk.desk.errors import ConflictError
from sponsordesk.store import Store, layout
from sponsordesk.store.changes import contact_changes

from tests.conftest import TODAY


@pytest.fixture
def desk(demo_dir, config_dir):
    desk = Desk.open(Context.build(data_dir=demo_dir, config_dir=config_dir, today=TODAY))
    yield desk
    desk.close()


def _in_years(desk, ident):
    root = desk.ctx.data_dir
    return sorted((year, c.summary, c.at.year) for year in (2025, 2026)
                  for c in Store(root).contacts_in_year("ellen-f", year) if c.id == ident)


def _moved_to_2025_outside(desk, ident: str) -> None:
    """Another machine corrected the contact's date to 2025 (the sync brought both files): the entry leaves
    2026.toml and is in 2025.toml, dated 2025, everything else as it was."""
    root = desk.ctx.data_dir
    newer = layout.contacts_path(root, "ellen-f", 2026)
    text = newer.read_text()
    start = text.index("[[contact]]", text.rindex("[[contact]]", 0, text.index(f'id = "{ident}"')))
    end = text.find("\n[[", start + 1)
    end = len(text) if end == -1 else end + 1
    entry = text[start:end]
    newer.write_text(text[:start] + text[end:])
    moved = entry.replace("at = 2026-", "at = 2025-", 1)
    older = layout.contacts_path(root, "ellen-f", 2025)
    older.write_text("schema_version = 1\n\n" + moved)


def test_undo_of_an_edit_follows_the_contact_after_it_moved_to_another_year_file(desk):
    """Latent (Desk.save with an undo name for a contact edit; the TUI offers undo only for a deletion).

    Before 4c10d23 the undo went to the file the contact is read from now (2025.toml) and changed the summary
    back there. Now it is pinned to 2026.toml, where the contact is gone: a conflict ("deleted"), and "keep
    mine" adds this window's old copy into 2026.toml beside the one in 2025.toml: one id in two year files."""
    contact = next(c for c in desk.iter_contacts("ellen-f") if c.at.year == 2026)
    edited = contact.model_copy(update={"summary": "edited here"})
    saved = desk.save("ellen-f", contact_changes("ellen-f", contact, edited), undo="Edited")
    _moved_to_2025_outside(desk, contact.id)
    desk.reload()
    list(desk.iter_contacts("ellen-f"))  # the log redraws: it reads both year files
    assert _in_years(desk, contact.id) == [(2025, "edited here", 2025)]
    try:
        desk.undo(saved.undo)
    except ConflictError as refused:
        desk.keep_mine(refused)  # m
        where = _in_years(desk, contact.id)
        assert len(where) == 1, f"keep mine after the undo left the contact in two year files: {where}"
        raise
    assert _in_years(desk, contact.id) == [(2025, contact.summary, 2025)]


def test_a_deletion_that_wrote_nothing_offers_no_undo(desk):
    """Commit.changes of a commit that wrote nothing (the contact was already deleted in an editor): Desk.save
    still builds an undo, the log says "Deleted … Press u to undo", and u writes back the contact someone
    deleted outside. Step moves (``remembered``) and conflict choices (``_chosen``) already keep no undo of
    nothing written. (Not new in 4c10d23: the undo was built from the changes as asked before.)"""
    contact = next(c for c in desk.iter_contacts("ellen-f") if c.at.year == 2026)
    path = layout.contacts_path(desk.ctx.data_dir, "ellen-f", 2026)
    text = path.read_text()
    start = text.rindex("[[contact]]", 0, text.index(f'id = "{contact.id}"'))
    end = text.find("\n[[", start + 1)
    path.write_text(text[:start] + (text[end + 1:] if end != -1 else ""))  # deleted in an editor
    saved = desk.delete_contact("ellen-f", contact)  # the log still showed it
    assert not saved.wrote
    assert saved.undo is None, "an undo offered for a deletion this window did not make"
