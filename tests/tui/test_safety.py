"""The app: one writer, outside edits picked up, odd files reported, nothing overwritten."""

import os

from textual import events
from sponsordesk.tui.widgets.plain_table import PlainTable

from sponsordesk.tui.app import SponsorDeskApp
from sponsordesk.store import layout
from sponsordesk.store.lock import DataLock

from tests.conftest import TODAY
from tests.corpus_files import TEMP_FILE, contents, copy_corpus
from tests.desk.test_desk_safety import edit_elsewhere
from tests.tui.notices import listen
from tests.tui.settle import opened, settled, until


def names(app):
    table = app.screen.query_one(PlainTable)
    return [str(table.get_cell(key, "name")).strip() for key in table.rows]


async def test_a_second_window_is_read_only_with_a_banner_until_the_first_closes(demo_dir, config_dir):
    other = DataLock(demo_dir)
    assert other.acquire()
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    told = listen(app)
    async with opened(app, (80, 24)) as pilot:
        await settled(pilot)
        banner = app.screen.query_one("#read-only-banner")
        assert "another sponsordesk window has this data folder open" in str(banner.render())
        assert banner.region.y == 1 and app.sub_title == "read-only"
        await pilot.press("ctrl+r")
        assert app.screen.query("#read-only-banner"), "still held by the other window"
        other.release()
        await pilot.press("ctrl+r")
        await settled(pilot)
        assert not app.screen.query("#read-only-banner") and not app.desk.read_only
        assert "this one can save changes now" in told.text


async def test_the_app_holds_the_lock_while_open_and_lets_go_on_exit(demo_dir, config_dir):
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (80, 24)) as pilot:
        await settled(pilot)
        assert DataLock(demo_dir).acquire() is False
    assert DataLock(demo_dir).acquire() is True


async def test_outside_changes_show_up_when_the_window_regains_focus_or_on_ctrl_r(demo_dir, config_dir):
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    told = listen(app)
    async with opened(app, (80, 24)) as pilot:
        await settled(pilot)
        sid = app.desk.records[0].id
        edit_elsewhere(layout.profile_path(demo_dir, sid), display_name="Edited Elsewhere")
        app.post_message(events.AppFocus())
        await settled(pilot)
        assert "Edited Elsewhere" in names(app)
        assert "Picked up changes made outside sponsordesk" in told.text
        edit_elsewhere(layout.profile_path(demo_dir, sid), display_name="Edited Twice")
        await pilot.press("ctrl+r")
        await settled(pilot)
        assert "Edited Twice" in names(app) and "Reloaded from disk." in told.text


async def test_the_corpus_opens_reports_each_kind_of_problem_and_overwrites_nothing(tmp_path, config_dir):
    data, _ = copy_corpus(tmp_path)
    before = contents(data)
    app = SponsorDeskApp(data_dir=data, config_dir=config_dir, today=TODAY)
    told = listen(app)
    async with opened(app, (80, 24)) as pilot:
        await settled(pilot)
        # sam-r's two sync copies are merged on start; the profile was changed on both sides, so both
        # versions are kept and shown to choose from ("Later" leaves them)
        assert "Sam R. · the profile" in str(app.screen.query_one("#kept-title").render())
        await pilot.press("escape")
        await settled(pilot)
        assert app.screen.query_one(PlainTable).row_count == 8
        # the warnings are said with the permission check's, half a second after opening
        await until(pilot, lambda: app.permissions_checked, "the permission check")
        shown = told.text
        for words in ["bad-syntax/profile.toml, line 3", "sync-conflict", "run: sponsordesk doctor", "Merged 2 copies"]:
            assert words in shown, words
    after = contents(data)
    assert TEMP_FILE not in after, "leftover temp files are cleaned on start"
    del before[TEMP_FILE]
    merged = "sponsees/sam-r/profile.toml"
    copies = [name for name in before if name.startswith("sponsees/sam-r/") and "conflict" in name]
    assert len(copies) == 2 and not any(name in after for name in copies)
    assert after.pop(merged).count(b'name = "Sam Rivera"') == 2, "both versions of the profile are in the file"
    assert after == {name: data for name, data in before.items() if name not in copies and name != merged}


async def test_loose_permissions_are_pointed_out_on_start(demo_dir, config_dir):
    os.chmod(demo_dir, 0o755)
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    told = listen(app)
    async with opened(app, (80, 24)) as pilot:
        await settled(pilot)
        # said a moment after the notebook opens: a stat of every file is not in the way of the keys
        await until(pilot, lambda: app.permissions_checked, "the permission check")
        await settled(pilot)
        assert "readable by other users" in told.text and "doctor --fix" in told.text
        assert any("readable by other users" in p.message for p in app.desk.problems), "kept, as start's problems"


async def test_the_openings_warnings_and_the_permission_checks_are_said_in_one_notification(demo_dir, config_dir):
    profile = demo_dir / "sponsees" / "luis-r" / "profile.toml"
    profile.write_text(profile.read_text() + 'mood = "hopeful"\n')  # a key sponsordesk does not know: a warning
    os.chmod(demo_dir, 0o755)
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    told = listen(app)
    async with opened(app, (120, 30)) as pilot:
        await until(pilot, lambda: app.permissions_checked, "the permission check")
        await settled(pilot)
        [said] = told.titled("Worth a look")
        assert "mood" in said and "readable by other users" in said


async def test_the_first_opening_lists_the_folder_once_and_checks_permissions_after_the_notebook_is_read(
        demo_dir, config_dir, monkeypatch):
    from sponsordesk.store import startup, store as store_module

    walks: list[bool] = []
    checks: list[bool] = []
    real_walk, real_check = store_module.tree_paths, startup.private_dir_problems

    def walking(root, skip=frozenset()):
        walks.append((app.desk.loaded, bool(skip)))  # the keys work once the first reading is applied
        return real_walk(root, skip)

    def checking(root, tree):
        checks.append(app.desk.loaded)
        return real_check(root, tree)

    monkeypatch.setattr(store_module, "tree_paths", walking)
    monkeypatch.setattr(startup, "tree_paths", walking)
    monkeypatch.setattr(startup, "private_dir_problems", checking)
    for run in ("makes the day's backup", "finds it made"):
        walks.clear()
        checks.clear()
        app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
        async with opened(app, (80, 24)) as pilot:
            await until(pilot, lambda: app.permissions_checked, "the permission check a moment after opening")
        assert checks == [True], "the stat of every entry after the reading"
        if run == "finds it made":
            # the first start made the index: the chores list all but the sponsee folders the glance found as
            # signed (the temp files go), and the check lists the whole folder itself, after the reading
            assert walks == [(False, True), (True, False)]
        else:  # no index yet, so no glance: everything listed; again for the check, the backup being new
            assert walks == [(False, False), (True, False)]


WRITE_KEYS = {  # one of each way to write; every write key goes through the same check
    "roster": [["a"], ["e"], ["l"], ["p"], ["x"], ["s"]],
    "board": [["b", "right_square_bracket"], ["b", "n"]],
    "step detail": [["b", "enter", "space"]],
    "log": [["c", "n"]],
    "suggestions": [["u", "f"]],
}


async def test_write_keys_in_a_read_only_window_say_so_and_change_nothing(demo_dir, config_dir):
    other = DataLock(demo_dir)
    assert other.acquire()
    before = contents(demo_dir)
    try:
        app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
        told = listen(app)
        async with opened(app, (80, 24)) as pilot:
            await settled(pilot)
            for where, presses in WRITE_KEYS.items():
                for keys in presses:
                    told.items.clear()
                    await pilot.press(*keys)
                    await settled(pilot)
                    said = told.text
                    assert "needs a window that can save" in said and "Read-only" in said, (where, keys, said)
                    assert not app.screen.is_modal, f"{keys} opened a form a read-only window cannot save"
                    while len(app.screen_stack) > 1:  # back to the roster, the first screen
                        await pilot.press("escape")
        assert contents(demo_dir) == before
    finally:
        other.release()


async def test_demo_key_on_an_empty_read_only_folder_says_why_instead_of_crashing(data_dir, config_dir):
    other = DataLock(data_dir)
    assert other.acquire()
    try:
        app = SponsorDeskApp(data_dir=data_dir, config_dir=config_dir, today=TODAY)
        told = listen(app)
        async with opened(app, (80, 24)) as pilot:
            await pilot.press("d")
            await settled(pilot)
            assert "Writing demo data needs a window that can save" in told.text
            assert app.screen.query_one("#welcome").display and not app.desk.records
    finally:
        other.release()
