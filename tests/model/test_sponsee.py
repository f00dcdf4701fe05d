from datetime import date

import pytest
from pydantic import ValidationError

from sponsordesk.model import SobrietyDate, Sponsee, Status, short_name, slug


def test_display_name_defaults_to_first_name_and_last_initial():
    s = Sponsee(id="sam-r", name="Samantha  Rivera")
    assert s.shown_name == "Samantha R." and s.initials == "S.R."
    assert Sponsee(id="cher", name="Cher").shown_name == "Cher"
    assert Sponsee(id="x", name="Sam Rivera", display_name="Sammy").shown_name == "Sammy"


def test_slug_is_folder_safe():
    assert slug("Zoë Özdemir") == "zoe-o"
    assert slug("Ærø") == "aero"
    assert slug("李小龙") == "lixiaolong"
    assert slug("Sam Rivera") == "sam-r"


def test_sobriety_dates_are_kept_newest_first():
    s = Sponsee(id="a", name="A B", sobriety=[SobrietyDate(date=date(2024, 1, 1), note="first"),
                                              SobrietyDate(date=date(2026, 3, 1))])
    assert s.sobriety_date == date(2026, 3, 1) and s.sobriety[1].note == "first"


@pytest.mark.parametrize("bad", [{"id": "Sam R", "name": "x"}, {"id": "a", "name": "  "}, {"id": "a", "name": "x", "cadence_days": 0}])
def test_bad_values_are_refused_with_the_field(bad):
    with pytest.raises(ValidationError) as info:
        Sponsee(**bad)
    assert info.value.errors()[0]["loc"]


def test_status_and_activity():
    today = date(2026, 11, 21)
    assert Sponsee(id="a", name="x").is_active_on(today)
    paused = Sponsee(id="a", name="x", status=Status(state="paused", until=date(2026, 12, 1)))
    assert not paused.is_active_on(today) and paused.is_active_on(date(2026, 12, 1))
    ended = Sponsee(id="a", name="x", status=Status(state="ended", ended=today, reason="moved"))
    assert not ended.is_active_on(today)
    with pytest.raises(ValidationError):
        Status(state="ended")


def test_short_name():
    assert short_name("ana maria lopez") == "ana L."
    assert short_name('Sam "Rivera"') == "Sam R."


def test_short_names_and_initials_skip_emoji_and_symbols():
    # an emoji typed after the surname was taken for the last initial: "Siobhán 🌻."
    assert short_name("Siobhán O'Neil 🌻") == "Siobhán O."
    assert short_name("🌻 Sam Rivera") == "Sam R." and short_name("Sam 🌻") == "Sam"
    assert short_name("Sam - Rivera") == "Sam R." and short_name("🌻") == "🌻"
    assert Sponsee(id="s", name="Siobhán O'Neil 🌻").initials == "S.O."


def test_ids_spell_any_script_in_ascii_instead_of_dropping_letters():
    from sponsordesk.model import slug

    assert slug("Hal Østby") == "hal-o"
    assert slug("Дмитрий") == "dmitriy"
    assert slug("王小明") == "wangxiaoming"
    assert slug("José Muñoz") == "jose-m"
    assert slug("?!") == "sponsee"
