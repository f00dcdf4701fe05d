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
    changed = sponsee.model_copy(update={"phone": "555-0100"})
    with pytest.raises(ReadOnlyError, match=f"another sponsordesk has {ctx.data_dir} open.*ctrl\\+r"):
        second.save_profile(sponsee, changed)
    first.close()
    second.reload()
    assert not second.read_only and "closed" in second.notices[-1]
    second.save_profile(sponsee, changed)
    assert second.record(sponsee.id).sponsee.phone == "555-0100"
    second.close()


def test_a_read_only_desk_leaves_temp_files_and_backups_alone(ctx):
    first = Desk.open(ctx)
    leftover = layout.sponsee_dir(ctx.data_dir, "sam-r").parent / ".x.toml.1234.sdtmp"
    leftover.write_text("another window is saving this")
    Desk.open(ctx)
    assert leftover.exists(), "it may be the other window's save in progress"
    first.close()


def test_what_the_later_permission_check_finds_joins_the_start_problems_once(ctx):
    import os

    os.chmod(ctx.data_dir, 0o755)
    desk = Desk.open(ctx)  # the commands' way: every chore at once, the permission check too
    found = desk.loose_permissions()
    assert [p.message for p in found] == ["1 file or folder here is readable by other users"]
    desk.note_permissions(found)
    assert [p.message for p in desk.problems if "readable" in p.message] == [
        "1 file or folder here is readable by other users"], "said once, though both checks found it"
    desk.close()


def test_an_outside_edit_to_another_field_is_kept_and_named(ctx):
    desk = Desk.open(ctx)
    shown = desk.records[0].sponsee
    path = layout.profile_path(ctx.data_dir, shown.id)
    edit_elsewhere(path, home_group="Edited elsewhere")
    saved = desk.save_profile(shown, shown.model_copy(update={"phone": "555-0100"}))
    now = desk.record(shown.id).sponsee
    assert (now.phone, now.home_group) == ("555-0100", "Edited elsewhere")
    assert saved.kept_outside == [f"sponsees/{shown.id}/profile.toml"] and "were kept too" in saved.note
    desk.close()


def test_an_outside_edit_to_the_same_field_is_never_overwritten(ctx):
    desk = Desk.open(ctx)
    shown = desk.records[0].sponsee
    path = layout.profile_path(ctx.data_dir, shown.id)
    edit_elsewhere(path, phone="555-0199", home_group="Edited elsewhere")
    before = path.read_bytes()
    mine = shown.model_copy(update={"phone": "555-0100"})
    with pytest.raises(ConflictError) as conflict:
        desk.save_profile(shown, mine)
    assert "changed outside sponsordesk" in str(conflict.value) and "still on screen" in str(conflict.value)
    assert path.read_bytes() == before, "nothing was written"
    assert desk.record(shown.id).sponsee.phone == "555-0199", "the screens now show the file's version"
    (found,) = conflict.value.conflicts
    assert found.fields == ["phone"] and found.mine["phone"] == "555-0100" and found.theirs["phone"] == "555-0199"
    desk.keep_mine(conflict.value)  # choosing mine is the person's informed choice
    now = desk.record(shown.id).sponsee
    assert (now.phone, now.home_group) == ("555-0100", "Edited elsewhere"), "only the field in conflict is mine"
    desk.close()


def test_reload_says_whether_anything_changed_on_disk(ctx):
    desk = Desk.open(ctx)
    assert desk.reload() is False
    path = layout.profile_path(ctx.data_dir, desk.records[0].id)
    edit_elsewhere(path, phone="555-0199")
    assert desk.reload() is True
    desk.close()
