"""The demo data reads like a real sponsor's week, not a test fixture."""

from datetime import timedelta

from sponsordesk.desk.context import Context
from sponsordesk.desk import Desk
from sponsordesk.model import SponseeState, StepStatus

from tests.conftest import TODAY


def open_demo(demo_dir, config_dir) -> Desk:
    return Desk.open(Context.build(data_dir=demo_dir, config_dir=config_dir, today=TODAY), read_only=True)


def test_the_agenda_is_a_mix_not_everyone(demo_dir, config_dir):
    desk = open_demo(demo_dir, config_dir)
    active = [r for r in desk.records if r.sponsee.state == SponseeState.ACTIVE]
    on_agenda = {f.record.sponsee.name for f in desk.agenda()}
    assert len(active) == 5 and 2 <= len(on_agenda) < len(active)
    assert {"Luis Romero", "Marcus Bell"} <= on_agenda and "Ellen Fischer" not in on_agenda
    codes = {r.code for f in desk.agenda() for r in f.reasons}
    assert {"relapse", "overdue"} <= codes, "a relapse and an overdue call, as on a real morning"
    due_today = [s for r in desk.records for s in r.open_suggestions if s.due == TODAY]
    assert 1 <= len(due_today) <= 2, "something due today, not the same thing for everyone"
    texts = [s.text for r in desk.records for s in r.open_suggestions if s.text != "90 meetings in 90 days"]
    assert len(set(texts)) == len(texts), "each sponsee has their own suggestion (90 in 90 is for every newcomer)"


def test_programs_steps_and_states_vary(demo_dir, config_dir):
    desk = open_demo(demo_dir, config_dir)
    sponsees = [r.sponsee for r in desk.records]
    assert {s.program for s in sponsees} == {"AA", "NA"}
    assert {s.state for s in sponsees} == {SponseeState.ACTIVE, SponseeState.PAUSED, SponseeState.ENDED}
    assert len({s.sobriety_date for s in sponsees}) == len(sponsees)


def test_a_relapse_revisits_step_1_from_the_new_clean_date(demo_dir, config_dir):
    luis = open_demo(demo_dir, config_dir).record("luis-r")
    clean = luis.sponsee.sobriety_date
    assert clean == TODAY - timedelta(days=1) and len(luis.sponsee.sobriety) == 2
    step = luis.steps.get(1)
    assert step.status == StepStatus.REVISITING and step.revisited == clean
    assert step.completed < clean, "done the first time, before the relapse"


def test_the_demo_has_no_contradictions(demo_dir, config_dir):
    from sponsordesk.rules.rhythm import meeting_totals

    desk = open_demo(demo_dir, config_dir)
    for record in desk.records:
        sponsee = record.sponsee
        contacts = list(desk.iter_contacts(record.id))
        # a try that did not connect was the sponsor's ("no answer · them" read as nonsense)
        assert all(c.by == "sponsor" for c in contacts if c.kind == "attempt"), sponsee.name
        # nobody reports more meetings than there were days, nor before you sponsored them
        totals = meeting_totals(contacts, TODAY)
        assert totals.last_30 <= 30 and totals.last_90 <= 90, (sponsee.name, totals.text())
        assert all(c.day >= sponsee.sponsored_since for c in contacts), sponsee.name
        assert all(s.resolved is None or s.resolved <= TODAY for s in record.suggestions), sponsee.name
    marcus = desk.record("marcus-b").sponsee
    assert (TODAY - marcus.sponsored_since).days < 30, "23 days clean, a newcomer sponsored since coming in"
