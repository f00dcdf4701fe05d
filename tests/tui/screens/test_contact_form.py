"""The log form refuses bad input next to the field and saves nothing until it is right."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from textual.widgets import Select, TextArea

from sponsordesk.tui.widgets.plain_table import PlainTable
from sponsordesk.desk.errors import StoreError
from sponsordesk.model import Contact, Suggestion
from sponsordesk.store import Store, layout
from sponsordesk.tui.dialogs.confirm import ConfirmScreen
from sponsordesk.tui.dialogs.conflict import ConflictScreen
from sponsordesk.tui.screens.contact_form import ContactFormScreen
from sponsordesk.tui.screens.log import LogScreen
from tests.tui.screens.helpers_log import FIRST_DATE, NOW, app_for, sam, type_into
from tests.seed import add_contact, put_suggestions
from tests.tui.notices import listen
from tests.tui.settle import opened, settled


def error_text(app, field: str) -> str:
    widget = app.screen.query_one(f"#{field}-error")
    return str(widget.render()) if widget.display else ""


async def test_bad_input_is_refused_with_messages_by_the_fields(data_dir, config_dir):
    sam(data_dir)
    app = app_for(data_dir, config_dir)
    async with opened(app, (100, 40)) as pilot:
        await pilot.press("L")
        await settled(pilot)
        await type_into(pilot, "#date", "2026-11-22")
        await type_into(pilot, "#time", "7pm")
        await type_into(pilot, "#minutes", "-5")
        await type_into(pilot, "#meetings", "a few")
        await type_into(pilot, "#suggestion-due-0", "2026-12-01")
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert isinstance(app.screen, ContactFormScreen)
        assert "after today" in error_text(app, "date")
        assert "HH:MM" in error_text(app, "time")
        assert error_text(app, "minutes") == "Minutes cannot be negative"
        assert "whole number" in error_text(app, "meetings")
        assert "Summary is needed" in error_text(app, "summary")
        assert "type what you suggested" in error_text(app, "suggestion-0")
        assert app.focused.id == "date"  # the first field to fix
        assert not layout.contacts_dir(data_dir, "sam-r").exists()  # nothing saved

        await type_into(pilot, "#date", "2026-13-01")
        await pilot.press("ctrl+s")
        assert "not a date" in error_text(app, "date")

        await type_into(pilot, "#date", "2026-11-20")
        await type_into(pilot, "#time", "19:30")
        await type_into(pilot, "#minutes", "20")
        await type_into(pilot, "#meetings", "3")
        await type_into(pilot, "#suggestion-due-0", "")
        await type_into(pilot, "#summary", "Called from the parking lot.")
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert not isinstance(app.screen, ContactFormScreen)
        contact = app.desk.record("sam-r").recent[0]
        assert (contact.day.isoformat(), contact.minutes, contact.meetings) == ("2026-11-20", 20, 3)


async def test_an_empty_date_and_a_bad_sobriety_date_are_named(data_dir, config_dir):
    sam(data_dir)
    app = app_for(data_dir, config_dir)
    async with opened(app, (100, 40)) as pilot:
        await pilot.press("L")
        await settled(pilot)
        await type_into(pilot, "#date", "")
        await type_into(pilot, "#summary", "Relapsed.")
        app.screen.query_one("#relapse").focus()
        await pilot.press("space")
        await type_into(pilot, "#sobriety", "2026-01-01")
        await pilot.press("ctrl+s")
        assert error_text(app, "date") == "Date is needed, e.g. 2026-11-21"
        assert "after the current one (2026-06-01)" in error_text(app, "sobriety")


async def test_a_relapse_keeps_the_sobriety_date_unless_a_new_one_is_typed(data_dir, config_dir):
    sam(data_dir)
    app = app_for(data_dir, config_dir)
    told = listen(app)
    async with opened(app, (100, 40)) as pilot:
        await pilot.press("L")
        await settled(pilot)
        await type_into(pilot, "#summary", "Talked about a slip years ago.")
        app.screen.query_one("#relapse").focus()
        await pilot.press("space")
        box = app.screen.query_one("#sobriety-box")
        assert box.display and app.screen.query_one("#sobriety").value == ""
        assert "Leave the date empty to keep Jun 1, 2026" in str(app.screen.query_one("#sobriety-help").render())
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert not isinstance(app.screen, ContactFormScreen)
        record = app.desk.record("sam-r")
        assert [s.date for s in record.sponsee.sobriety] == [FIRST_DATE] and record.recent[0].relapse
        assert told.any("sobriety date stays as it was")

        await pilot.press("L")  # this time a new clean date, today, typed as t
        await settled(pilot)
        await type_into(pilot, "#summary", "Drank last night; starting again today.")
        app.screen.query_one("#relapse").focus()
        await pilot.press("space")
        app.screen.query_one("#sobriety").focus()
        await pilot.press("t")
        assert app.screen.query_one("#sobriety").value == "2026-11-21"
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert [s.date for s in app.desk.record("sam-r").sponsee.sobriety] == [date(2026, 11, 21), FIRST_DATE]


async def test_escape_with_typed_text_asks_before_leaving(data_dir, config_dir):
    sam(data_dir)
    app = app_for(data_dir, config_dir)
    async with opened(app, (100, 40)) as pilot:
        await pilot.press("c")
        await settled(pilot)
        await pilot.press("n")
        await type_into(pilot, "#summary", "Half a thought")
        await pilot.press("escape")
        await pilot.press("n")  # keep editing
        assert isinstance(app.screen, ContactFormScreen)
        await pilot.press("escape", "y")
        assert isinstance(app.screen, LogScreen)
        assert app.screen.query_one("#log", PlainTable).row_count == 0


async def test_a_failed_save_keeps_the_form_and_says_why(data_dir, config_dir, monkeypatch):
    sam(data_dir)
    app = app_for(data_dir, config_dir)
    told = listen(app)
    async with opened(app, (100, 40)) as pilot:
        await pilot.press("L")
        await settled(pilot)
        await type_into(pilot, "#summary", "Good talk.")
        await type_into(pilot, "#suggestion-text-0", "Read p. 86")

        def full_disk(changes):
            raise StoreError("could not save sponsees/sam-r/contacts/2026.toml (No space left on device)")

        monkeypatch.setattr(app.desk.store, "commit", full_disk)
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert isinstance(app.screen, ContactFormScreen)
        assert app.screen.query_one("#suggestion-text-0").value == "Read p. 86"
        assert told.any("No space left on device", "error")
        monkeypatch.undo()
        await pilot.press("ctrl+s")  # the same form, saved once the disk has room
        await settled(pilot)
        assert not isinstance(app.screen, ContactFormScreen)
    assert [c.summary for c in Store(data_dir).iter_contacts("sam-r")] == ["Good talk."]


async def test_a_suggestion_added_in_an_editor_meanwhile_is_kept(data_dir, config_dir):
    sam(data_dir)
    elsewhere = Store(data_dir)
    app = app_for(data_dir, config_dir)
    told = listen(app)
    async with opened(app, (100, 40)) as pilot:
        await pilot.press("L")
        await settled(pilot)
        # another program adds a suggestion to suggestions.toml after sponsordesk read it
        put_suggestions(elsewhere, "sam-r", [Suggestion(id="s-x", text="Edited elsewhere", given=NOW.date())])
        await type_into(pilot, "#summary", "Good talk.")
        await type_into(pilot, "#suggestion-text-0", "Read p. 86")
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert not isinstance(app.screen, ContactFormScreen)
        assert told.any("suggestions.toml were kept too")
    assert sorted(s.text for s in Store(data_dir).suggestions("sam-r")) == ["Edited elsewhere", "Read p. 86"]


def _logged(data_dir) -> Path:
    """Sam with two calls this year; returns the year file."""
    sam(data_dir)
    store = Store(data_dir)
    add_contact(store, "sam-r", Contact(id="c-1", at=datetime(2026, 11, 18, 19).astimezone(), summary="Talked about work.",
                                        minutes=15, mood="steady"))  # a key sponsordesk does not know stays
    add_contact(store, "sam-r", Contact(id="c-2", at=datetime(2026, 11, 20, 8, 5, 30).astimezone(),
                                        summary="Step 4 columns.\n", minutes=30))
    return layout.contacts_path(data_dir, "sam-r", 2026)


async def _edit_newest(app, pilot) -> None:
    await pilot.press("c")
    await settled(pilot)
    await pilot.press("e")  # the README's key: edit the entry under the cursor (the newest)
    await settled(pilot)
    assert isinstance(app.screen, ContactFormScreen)


async def _edit_newest_changed_in_an_editor(app, pilot, path) -> None:
    """The newest contact's form open, then its summary changed in an editor ("all three" added)."""
    await _edit_newest(app, pilot)
    path.write_text(path.read_text().replace("Step 4 columns.", "Step 4 columns, all three."))


async def test_editing_an_entry_keeps_an_editors_change_to_its_summary(data_dir, config_dir):
    path = _logged(data_dir)
    app = app_for(data_dir, config_dir)
    told = listen(app)
    async with opened(app, (100, 40)) as pilot:
        await _edit_newest_changed_in_an_editor(app, pilot, path)
        await type_into(pilot, "#minutes", "45")
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert isinstance(app.screen, LogScreen), "no conflict: the form did not touch the summary"
        assert told.any("were kept too")
    newest = Store(data_dir).contacts_in_year("sam-r", 2026)[0]
    assert (newest.summary, newest.minutes) == ("Step 4 columns, all three.\n", 45)
    assert newest.at.second == 30, "a field left alone keeps its exact value"
    assert Store(data_dir).contacts_in_year("sam-r", 2026)[1].model_extra == {"mood": "steady"}


async def test_editing_the_summary_an_editor_changed_too_asks_and_loses_nothing(data_dir, config_dir):
    path = _logged(data_dir)
    app = app_for(data_dir, config_dir)
    async with opened(app, (100, 40)) as pilot:
        await _edit_newest_changed_in_an_editor(app, pilot, path)
        before = path.read_bytes()
        await type_into(pilot, "#summary", "Step 4: resentments column done.")
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert isinstance(app.screen, ConflictScreen)
        mine = " ".join(str(s.render()) for s in app.screen.query(".conflict-mine"))
        theirs = " ".join(str(s.render()) for s in app.screen.query(".conflict-theirs"))
        assert "resentments column done" in mine and "all three" in theirs
        await pilot.press("escape")  # back to the form: nothing saved, nothing typed lost
        await settled(pilot)
        assert isinstance(app.screen, ContactFormScreen)
        assert app.screen.query_one("#summary", TextArea).text == "Step 4: resentments column done."
        assert path.read_bytes() == before
        await pilot.press("ctrl+s")
        await settled(pilot)
        await pilot.press("f")  # keep the file's version
        await settled(pilot)
        assert isinstance(app.screen, LogScreen)
    assert path.read_bytes() == before


async def test_keep_mine_after_moving_an_entry_to_another_year_moves_it_with_what_was_typed(data_dir, config_dir):
    # found by a review: `m` here stopped the app (IndexError) and what was typed was lost
    path = _logged(data_dir)
    app = app_for(data_dir, config_dir)
    async with opened(app, (100, 40)) as pilot:
        await _edit_newest_changed_in_an_editor(app, pilot, path)
        await type_into(pilot, "#summary", "Step 4: resentments column done.")
        await type_into(pilot, "#date", "2025-12-30")
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert isinstance(app.screen, ConflictScreen)
        await pilot.press("m")  # keep mine
        await settled(pilot)
        assert isinstance(app.screen, LogScreen) and app.is_running
    store = Store(data_dir)
    assert [c.id for c in store.contacts_in_year("sam-r", 2026)] == ["c-1"], "moved out, not copied"
    (moved,) = store.contacts_in_year("sam-r", 2025)
    assert (moved.id, moved.summary, moved.at.date()) == ("c-2", "Step 4: resentments column done.", date(2025, 12, 30))


async def test_keep_the_files_version_of_one_suggestion_still_logs_the_contact(data_dir, config_dir):
    """A conflict on how one open suggestion went, answered "keep the file's": the rest of the entry is saved."""
    sam(data_dir)
    put_suggestions(Store(data_dir), "sam-r", [Suggestion(id="s-1", text="Read pages 58-60", given=date(2026, 11, 14))])
    app = app_for(data_dir, config_dir)
    told = listen(app)
    async with opened(app, (100, 40)) as pilot:
        await pilot.press("L")  # the full log form for the highlighted sponsee
        await settled(pilot)
        assert isinstance(app.screen, ContactFormScreen)
        path = layout.suggestions_path(data_dir, "sam-r")  # meanwhile marked followed in an editor
        path.write_text(path.read_text().replace('status = "open"', 'status = "followed"')
                        .replace('outcome = ""', 'outcome = "read them on the bus"\nresolved = 2026-11-20'))
        await type_into(pilot, "#summary", "Long talk about the new job.")
        app.screen.query_one("#resolve-0", Select).value = "not_followed"
        await type_into(pilot, "#resolve-note-0", "did not get to it")
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert isinstance(app.screen, ConflictScreen)
        await pilot.press("f")  # the file's version of that suggestion
        await settled(pilot)
        assert not isinstance(app.screen, (ConflictScreen, ContactFormScreen))
        assert told.any("the rest of your change is saved")
    store = Store(data_dir)
    assert [c.summary for c in store.iter_contacts("sam-r")] == ["Long talk about the new job."]
    (kept,) = store.suggestions("sam-r")
    assert (kept.status, kept.outcome) == ("followed", "read them on the bus")


async def test_escape_asks_first_whatever_was_typed(data_dir, config_dir):
    sam(data_dir)
    put_suggestions(Store(data_dir), "sam-r", [Suggestion(id="s-1", text="Read pages 58-60", given=date(2026, 11, 14))])
    app = app_for(data_dir, config_dir)
    async with opened(app, (100, 40)) as pilot:
        await pilot.press("L")
        await settled(pilot)
        await type_into(pilot, "#minutes", "45")  # no summary, no suggestion: still typing worth keeping
        await pilot.press("escape")
        await settled(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settled(pilot)
        assert isinstance(app.screen, ContactFormScreen) and app.screen.query_one("#minutes").value == "45"


async def test_a_bad_due_date_below_the_fold_gets_the_cursor_and_is_scrolled_into_view(data_dir, config_dir):
    sam(data_dir)
    app = app_for(data_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        await pilot.press("L")
        await settled(pilot)
        await type_into(pilot, "#summary", "Talked about the weekend.")
        await type_into(pilot, "#suggestion-text-0", "Call before the party")
        await pilot.press("ctrl+n")
        await settled(pilot)
        await type_into(pilot, "#suggestion-text-1", "Read pages 58-60")
        await type_into(pilot, "#suggestion-due-1", "next week")
        await type_into(pilot, "#summary", "Talked about the weekend.")  # back at the top of the form
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert "not a date" in error_text(app, "suggestion-1")
        due = app.screen.query_one("#suggestion-due-1")
        assert app.focused is due, "the cursor is in the field to fix, not the row's text"
        form = app.screen.query_one("#form")
        message = app.screen.query_one("#suggestion-1-error")
        for widget in (due, message):
            assert form.region.contains_region(widget.region), f"{widget.id} is on screen"
        # a toast saying "see the messages by the fields" sat on that very message at 80x24
        assert not list(app._notifications), "no toast over the message it points to"


async def test_an_entry_deleted_in_the_file_meanwhile_shows_both_versions_and_the_buttons_at_80x24(data_dir,
                                                                                                    config_dir):
    path = _logged(data_dir)
    app = app_for(data_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        await _edit_newest(app, pilot)
        blocks = path.read_text().split("[[contact]]")
        path.write_text("[[contact]]".join(b for b in blocks if 'id = "c-2"' not in b))  # deleted in an editor
        await type_into(pilot, "#summary", "Went through the fourth step columns one by one, resentments first, "
                                           "then fears, then the harms done; set a time to meet on Saturday " * 2)
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert isinstance(app.screen, ConflictScreen)
        buttons = app.screen.query_one("#conflict-buttons")
        assert buttons.region.bottom <= 24 and buttons.region.height >= 3, "Keep mine, Keep the file's, Back show"
        from textual.widgets import Static

        versions = " ".join(str(w.render()) for w in app.screen.query(".conflict-mine, .conflict-theirs").results(Static))
        assert "who reached out: they did" in versions and "sponsor" not in versions, "said in words, as elsewhere"


async def test_an_unticked_box_is_empty_so_it_reads_without_colour(data_dir, config_dir):
    sam(data_dir)
    app = app_for(data_dir, config_dir)
    async with opened(app, (100, 40)) as pilot:
        await pilot.press("L")
        await settled(pilot)
        relapse = app.screen.query_one("#relapse")
        assert "X" not in str(relapse.render()), "unticked: an empty box"
        relapse.focus()
        await pilot.press("space")
        await settled(pilot)
        assert relapse.value and "X" in str(relapse.render())
