"""Correcting the sobriety history goes through the one door: a field-level merge, conflicts shown, undo."""

from __future__ import annotations

from datetime import date

import pytest

from sponsordesk.desk import Desk
from sponsordesk.desk.context import Context
from sponsordesk.desk.errors import ConflictError
from sponsordesk.model import SobrietyDate, Sponsee
from sponsordesk.rules.sobriety import Fix
from sponsordesk.store import Store
from tests.conftest import TODAY
from tests.seed import put_profile

HISTORY = [SobrietyDate(date=date(2026, 11, 1), note="after a relapse"), SobrietyDate(date=date(2025, 3, 4))]


@pytest.fixture
def desk(data_dir, config_dir) -> Desk:
    put_profile(Store(data_dir), Sponsee(id="sam-r", name="Sam Rivera", sobriety=HISTORY))
    return Desk.open(Context.build(data_dir=data_dir, config_dir=config_dir, today=TODAY))


def on_disk(data_dir) -> Sponsee:
    return Store(data_dir).load_sponsee("sam-r", TODAY).sponsee


def test_a_correction_changes_only_the_dates_and_keeps_an_outside_edit_to_another_field(desk, data_dir):
    shown = desk.record("sam-r").sponsee
    put_profile(Store(data_dir), shown.model_copy(update={"phone": "555-0100"}))  # an editor, meanwhile
    fix = Fix(HISTORY[0], HISTORY[0].model_copy(update={"date": date(2026, 10, 31)}))
    saved = desk.correct_sobriety(shown, [fix])
    after = on_disk(data_dir)
    assert [s.date for s in after.sobriety] == [date(2026, 10, 31), date(2025, 3, 4)]
    assert after.phone == "555-0100" and after.sobriety[0].note == "after a relapse"
    desk.undo(saved.undo)
    assert on_disk(data_dir).sobriety == HISTORY


def test_dates_changed_outside_meanwhile_are_a_conflict_never_an_overwrite(desk, data_dir):
    shown = desk.record("sam-r").sponsee
    outside = shown.model_copy(update={"sobriety": [SobrietyDate(date=date(2026, 11, 15)), *HISTORY]})
    put_profile(Store(data_dir), outside)
    with pytest.raises(ConflictError):
        desk.correct_sobriety(shown, [Fix(HISTORY[1], None)])
    assert len(on_disk(data_dir).sobriety) == 3, "nothing written"
