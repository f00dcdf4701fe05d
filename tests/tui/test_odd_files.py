"""The app starts on every kind of odd file at once, says what it found, and rewrites none of them."""

from textual.widgets import DataTable

from sponsordesk.tui.app import SponsorDeskApp

from tests.conftest import TODAY
from tests.corpus_files import TEMP_FILE, contents, copy_corpus


async def test_the_app_starts_on_the_odd_corpus_and_overwrites_nothing(tmp_path, config_dir):
    data, _ = copy_corpus(tmp_path, odd=True)
    before = contents(data)
    app = SponsorDeskApp(data_dir=data, config_dir=config_dir, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        rows = app.screen.query_one(DataTable).row_count
        assert rows >= 20, rows  # the corpus's good sponsees and every odd one whose profile loads
        shown = "\n".join(n.message for n in app._notifications)
        assert "run: sponsordesk doctor" in shown
        assert "\x1b" not in shown
    after = contents(data)
    del before[TEMP_FILE]
    assert after == before, "opening the app rewrote nothing (the temp file left by a crash is cleaned)"
