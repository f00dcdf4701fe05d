"""The card's words: where the cadence comes from, the history, and a program whose members are not counting sobriety."""

from __future__ import annotations

from datetime import date

import pytest

from sponsordesk.desk import Desk
from sponsordesk.desk.context import Context
from sponsordesk.model import SobrietyDate, Sponsee
from sponsordesk.store import Store
from sponsordesk.views.card import build_card
from tests.conftest import TODAY
from tests.seed import put_profile


def card_of(data_dir, config_dir, sponsee: Sponsee, hidden: bool = False) -> str:
    put_profile(Store(data_dir), sponsee)
    desk = Desk.open(Context.build(data_dir=data_dir, config_dir=config_dir, today=TODAY), read_only=True)
    desk.hidden = hidden
    return build_card(desk, desk.record(sponsee.id), []).plain


def test_an_al_anon_member_is_never_called_clean_or_sober(data_dir, config_dir):
    dee = Sponsee(id="dee-p", name="Dee Park", program="Al-Anon", sobriety=[
        SobrietyDate(date=date(2026, 10, 1)), SobrietyDate(date=date(2024, 5, 2), note="first time round")])
    text = card_of(data_dir, config_dir, dee)
    assert "Time in the program: 51 days, since Oct 1, 2026" in text
    assert "Call: every day (the default under 90 days in the program)" in text
    assert "Program dates (h corrects it)" in text
    assert "clean" not in text.casefold() and "sober" not in text.casefold()


@pytest.mark.parametrize(("cadence", "since", "said"), [
    (3, date(2026, 11, 1), "every 3 days (set for them)"),
    (None, date(2026, 1, 1), "every 3 days (the default under a year clean)"),
    (None, date(2020, 1, 1), "every week (the default from a year clean)"),
    (None, None, "every week (the default without a sobriety date)"),
])
def test_the_cadence_says_where_it_comes_from(data_dir, config_dir, cadence, since, said):
    sam = Sponsee(id="sam-r", name="Sam Rivera", cadence_days=cadence,
                  sobriety=[SobrietyDate(date=since)] if since else [])
    assert f"Call: {said}" in card_of(data_dir, config_dir, sam)


def test_the_history_says_how_long_each_date_lasted_and_privacy_hides_the_rest(data_dir, config_dir):
    sam = Sponsee(id="sam-r", name="Sam Rivera", phone="555-0100", home_group="Friday Step Study",
                  notes="Talks fast when worried.",
                  sobriety=[SobrietyDate(date=date(2026, 6, 1), note="after the wedding"),
                            SobrietyDate(date=date(2025, 2, 10), note="first date")])
    text = card_of(data_dir, config_dir, sam)
    assert "Jun 1, 2026 · current · 5 months · after the wedding" in text
    assert "Feb 10, 2025 · 15 months, to Jun 1 · first date" in text
    hidden = card_of(data_dir, config_dir, sam, hidden=True)
    for private in ("Sam", "Rivera", "555-0100", "Friday", "Talks fast", "wedding", "first date"):
        assert private not in hidden, private
    assert hidden.startswith("S.R.")


@pytest.mark.parametrize(("program", "said"), [
    ("AA", "Clean time: none yet: the sobriety date, Oct 22, 2999, is after today"),
    ("Al-Anon", "Time in the program: none yet: the program date, Oct 22, 2999, is after today"),
])
def test_a_date_after_today_from_the_file_says_so_in_words(data_dir, config_dir, program, said):
    ellen = Sponsee(id="ellen-f", name="Ellen Fischer", program=program,
                    sobriety=[SobrietyDate(date=date(2999, 10, 22), note="typed wrong"),
                              SobrietyDate(date=date(2020, 10, 22))])
    text = card_of(data_dir, config_dir, ellen)
    assert said in text
    assert "Oct 22, 2999 · current · after today · typed wrong" in text
    assert "starts in" not in text
