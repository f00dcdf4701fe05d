"""The app starts on every kind of odd file at once, says what it found, and rewrites none of them."""

from sponsordesk.tui.widgets.plain_table import PlainTable

from sponsordesk.store.sync_names import copy_of
from sponsordesk.tui.app import SponsorDeskApp

from tests.conftest import TODAY
from tests.corpus_files import TEMP_FILE, contents, copy_corpus
from tests.tui.notices import listen
from tests.tui.settle import opened, settled


async def test_the_app_starts_on_the_odd_corpus_and_overwrites_nothing(tmp_path, config_dir):
    data, _ = copy_corpus(tmp_path, odd=True)
    before = contents(data)
    app = SponsorDeskApp(data_dir=data, config_dir=config_dir, today=TODAY)
    told = listen(app)
    async with opened(app, (120, 40)) as pilot:
        await pilot.press("escape")  # sync copies were merged on start: "Later" for the versions they kept
        await settled(pilot)
        rows = app.screen.query_one(PlainTable).row_count
        assert rows >= 20, rows  # the corpus's good sponsees and every odd one whose profile loads
        shown = told.text
        assert "run: sponsordesk doctor" in shown
        assert "\x1b" not in shown
    after = contents(data)
    del before[TEMP_FILE]
    # what was written: each file with sync tools' copies (sam-r's, odd-conflicts'), merged with them (where
    # they differ both versions are kept, as neither was stamped); the copies go. Nothing else.
    copies = [name for name in before if copy_of(name.rsplit("/", 1)[-1])]
    merged = {name.rsplit("/", 1)[0] + "/" + copy_of(name.rsplit("/", 1)[-1]).original for name in copies}
    assert len(copies) == 5 and not any(name in after for name in copies)
    for name in merged:
        written, was = after.pop(name), before.pop(name)
        assert written == was or b"[[conflict]]" in written, name  # a copy with nothing new changes nothing
    assert after == {name: data for name, data in before.items() if name not in copies}, \
        "opening the app rewrote nothing else (the temp file left by a crash is cleaned)"
