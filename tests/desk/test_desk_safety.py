"""The desk: one writer per folder, outside edits are never overwritten."""

import tomllib

import pytest
import tomli_w

from sponsordesk.desk.context import Context
from sponsordesk.desk import LOCKED, Desk
from sponsordesk.store import ConflictError, ReadOnlyError, layout

from tests.conftest import TODAY


def edit_elsewhere(path, **changes):
    """What an editor or a sync does: rewrite the file with other values."""
    data = tomllib.loads(path.read_text())
    data.update(changes)
    path.write_text(tomli_w.dumps(data))


@pytest.fixture
def ctx(demo_dir, config_dir):
    return Context.build(data_dir=demo_dir, config_dir=config_dir, today=TODAY)


def test_a_second_desk_is_read_only_until_the_first_closes(ctx):
    first = Desk.open(ctx)
    second = Desk.open(ctx)
    assert not first.read_only and second.read_only and second.read_only_reason == LOCKED
    sponsee = second.records[0].sponsee
    with pytest.raises(ReadOnlyError, match=f"another sponsordesk has {ctx.data_dir} open.*ctrl\\+r"):
        second.save_sponsee(sponsee)
    first.close()
    second.reload()
    assert not second.read_only and "closed" in second.notices[-1]
    second.save_sponsee(sponsee)
    second.close()


def test_a_read_only_desk_leaves_temp_files_and_backups_alone(ctx):
    first = Desk.open(ctx)
    leftover = layout.sponsee_dir(ctx.data_dir, "sam-r").parent / ".x.toml.1234.sdtmp"
    leftover.write_text("another window is saving this")
    Desk.open(ctx)
    assert leftover.exists(), "it may be the other window's save in progress"
    first.close()


def test_an_outside_edit_is_reloaded_and_the_unsaved_change_is_kept(ctx):
    desk = Desk.open(ctx)
    record = desk.records[0]
    path = layout.profile_path(ctx.data_dir, record.id)
    mine = record.sponsee.model_copy(update={"phone": "555-0100"})
    edit_elsewhere(path, home_group="Edited elsewhere")
    with pytest.raises(ConflictError) as conflict:
        desk.save_sponsee(mine)
    assert "changed outside sponsordesk" in str(conflict.value) and "still on screen" in str(conflict.value)
    assert desk.record(record.id).sponsee.home_group == "Edited elsewhere", "the outside version is shown"
    assert mine.phone == "555-0100" and "Edited elsewhere" in path.read_text()
    desk.save_sponsee(mine)  # saving again is the user's informed choice
    assert desk.record(record.id).sponsee.phone == "555-0100"
    desk.close()


def test_reload_says_whether_anything_changed_on_disk(ctx):
    desk = Desk.open(ctx)
    assert desk.reload() is False
    path = layout.profile_path(ctx.data_dir, desk.records[0].id)
    edit_elsewhere(path, phone="555-0199")
    assert desk.reload() is True
    desk.close()
