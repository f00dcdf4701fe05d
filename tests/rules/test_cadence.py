from datetime import date, timedelta

import pytest

from sponsordesk.rules.cadence import cadence_for, default_cadence
from sponsordesk.model import SobrietyDate, Sponsee
from sponsordesk.model.settings import CadenceDefaults

TODAY = date(2026, 11, 21)


@pytest.mark.parametrize(("days", "cadence"), [(0, 1), (89, 1), (90, 3), (364, 3), (365, 7), (4000, 7)])
def test_default_cadence_by_clean_time(days, cadence):
    assert default_cadence(TODAY - timedelta(days=days), TODAY, CadenceDefaults()) == cadence


def test_default_cadence_is_configurable_and_explicit_wins():
    defaults = CadenceDefaults(under_90_days=2, under_1_year=4, otherwise=14)
    sponsee = Sponsee(id="sam-r", name="Sam Rivera", sobriety=[SobrietyDate(date=TODAY - timedelta(days=10))])
    assert cadence_for(sponsee, TODAY, defaults) == 2
    sponsee.cadence_days = 5
    assert cadence_for(sponsee, TODAY, defaults) == 5


def test_no_sobriety_date_uses_otherwise():
    assert default_cadence(None, TODAY, CadenceDefaults()) == 7
