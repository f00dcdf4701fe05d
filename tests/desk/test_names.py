"""What name a screen shows for a sponsee: the one way every dialog asks."""

from sponsordesk.desk import Desk
from sponsordesk.desk.context import Context

from tests.conftest import TODAY


def test_name_of_follows_the_privacy_screen_and_a_sponsee_gone_keeps_its_id(demo_dir, config_dir):
    desk = Desk.open(Context.build(data_dir=demo_dir, config_dir=config_dir, today=TODAY), read_only=True)
    record = desk.records[0]
    sponsee_id = record.sponsee.id
    assert desk.name_of(sponsee_id) == record.sponsee.shown_name
    assert desk.name_of("maria-lopez") == "maria-lopez", "gone in a reload: the id the dialog was opened for"
    desk.hidden = True
    assert desk.name_of(sponsee_id) == record.sponsee.initials
    assert desk.name_of("maria-lopez") == "M.L.", "an id is made from the name: hidden too"
