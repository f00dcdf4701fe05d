"""The app starts on every kind of odd file at once, says what it found, and rewrites none of them."""

from textual.widgets import DataTable

from sponsordesk.tui.app import SponsorDeskApp

from tests.conftest import TODAY
from tests.corpus_files import TEMP_FILE, contents, copy_corpus
from tests.tui.notices import listen
from tests.tui.settle import opened


async def test_the_app_starts_on_the_odd_corpus_and_overwrites_nothing(tmp_path, config_dir):
    data, _ = copy_corpus(tmp_path, odd=True)
    before = contents(data)
    app = SponsorDeskApp(data_dir=data, config_dir=config_dir, today=TODAY)
    told = listen(app)
    # opened: until the notebook is read (a worker); a bare pause saw an empty table on a busy machine
    async with opened(app, (120, 40)):
        rows = app.screen.query_one(DataTable).row_count
        assert rows >= 20, rows  # the corpus's good sponsees and every odd one whose profile loads
        assert "run: sponsordesk doctor" in told.text
        assert "\x1b" not in told.text
    after = contents(data)
    del before[TEMP_FILE]
    assert after == before, "opening the app rewrote nothing (the temp file left by a crash is cleaned)"
