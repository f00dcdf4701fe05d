"""Every save stamps what it changed (machine, count, fingerprint); a deletion leaves a tombstone."""

from datetime import datetime, timezone

from sponsordesk.model import Contact, Sponsee, StepBoard, Suggestion
from sponsordesk.store import Store, layout, tomlio
from sponsordesk.store.changes import contact_changes, profile_change, step_change, suggestion_change
from sponsordesk.store.sync_stamps import Stamp, fingerprint, own, without_sync

from tests.conftest import TODAY


class Fixed:
    """A stamping source with a known machine id."""

    def __init__(self, machine: str) -> None:
        self.machine = machine

    def today(self):
        return TODAY


def stamped_store(root, machine="laptop") -> Store:
    store = Store(root)
    store.stamps = Fixed(machine)
    store.ensure_root()
    return store


def raw(path):
    return tomlio.parse(path.read_bytes())


def contact(ident="c-1", summary="Talked."):
    return Contact(id=ident, at=datetime(2026, 11, 20, 19, 30, tzinfo=timezone.utc), summary=summary)


def test_a_save_stamps_the_entry_it_changed_and_counts_each_save(data_dir):
    store = stamped_store(data_dir)
    store.commit([profile_change(None, Sponsee(id="sam-r", name="Sam Rivera"))])
    store.commit(contact_changes("sam-r", None, contact()))
    store.commit(contact_changes("sam-r", None, contact("c-2")))
    entry = raw(layout.contacts_path(data_dir, "sam-r", 2026))["contact"][0]
    stamp = Stamp.parse(entry["rev"])
    assert stamp.counts == (("laptop", 1),) and stamp.mark == fingerprint(own(entry, "contact"))
    store.commit(contact_changes("sam-r", contact(), contact(summary="Talked longer.")))
    entries = raw(layout.contacts_path(data_dir, "sam-r", 2026))["contact"]
    assert Stamp.parse(entries[0]["rev"]).counts == (("laptop", 2),)
    assert Stamp.parse(entries[1]["rev"]).counts == (("laptop", 1),), "an entry the save did not change keeps its stamp"
    assert Stamp.parse(raw(layout.profile_path(data_dir, "sam-r"))["rev"]).counts == (("laptop", 1),)


def test_the_models_never_see_stamps_tombstones_or_kept_versions(data_dir):
    store = stamped_store(data_dir)
    store.commit([profile_change(None, Sponsee(id="sam-r", name="Sam Rivera"))])
    store.commit(contact_changes("sam-r", None, contact()))
    store.commit(contact_changes("sam-r", contact(), None))
    store.commit([suggestion_change("sam-r", None, Suggestion(id="s-1", text="Read", given=TODAY))])
    records = Store(data_dir).load(TODAY)
    assert records[0].sponsee.model_extra == {} and records[0].suggestions[0].model_extra == {}
    assert not [p for p in Store(data_dir).problems if "unknown key" in p.message]
    assert without_sync({"schema_version": 1, "rev": "x:1 #0", "deleted": [], "conflict": []}) == {"schema_version": 1}


def test_a_deletion_leaves_a_readable_tombstone_and_putting_it_back_replaces_it(data_dir):
    store = stamped_store(data_dir)
    store.commit([profile_change(None, Sponsee(id="sam-r", name="Sam Rivera"))])
    store.commit(contact_changes("sam-r", None, contact()))
    path = layout.contacts_path(data_dir, "sam-r", 2026)
    was = raw(path)["contact"][0]
    store.commit(contact_changes("sam-r", contact(), None))
    text = path.read_text()
    assert "[[contact]]" not in text and '[[deleted]]\nid = "c-1"\non = 2026-11-21\n' in text
    tomb = Stamp.parse(raw(path)["deleted"][0]["rev"])
    assert tomb.counts == (("laptop", 2),) and tomb.mark is None and tomb.origins == ()
    assert Stamp.parse(was["rev"]).mark == fingerprint(own(was, "contact"))
    store.commit(contact_changes("sam-r", None, contact()))  # an undo puts it back
    back = raw(path)
    assert "deleted" not in back or not back["deleted"]
    assert Stamp.parse(back["contact"][0]["rev"]).counts == (("laptop", 3),), "it counts the deletion it undoes"


def test_a_step_and_its_assignments_are_stamped_apart_and_a_removed_assignment_leaves_a_tombstone(data_dir):
    from sponsordesk.model import Assignment

    store = stamped_store(data_dir)
    store.commit([profile_change(None, Sponsee(id="sam-r", name="Sam Rivera"))])
    blank = StepBoard().get(4)
    one = blank.model_copy(update={"assignment": [Assignment(id="a-1", text="Write")]})
    store.commit([step_change("sam-r", blank, one)])
    two = one.model_copy(update={"assignment": [*one.assignment, Assignment(id="a-2", text="Read")]})
    store.commit([step_change("sam-r", one, two)])
    step = raw(layout.steps_path(data_dir, "sam-r"))["step"][0]
    assert Stamp.parse(step["rev"]).counts == (("laptop", 1),), "adding an assignment leaves the step's own stamp"
    assert [Stamp.parse(a["rev"]).counts for a in step["assignment"]] == [(("laptop", 1),), (("laptop", 1),)]
    store.commit([step_change("sam-r", two, two.model_copy(update={"assignment": two.assignment[1:]}))])
    after = raw(layout.steps_path(data_dir, "sam-r"))
    assert [a["id"] for a in after["step"][0]["assignment"]] == ["a-2"]
    assert after["deleted"][0]["id"] == "a-1" and after["deleted"][0]["step"] == 4


def test_saving_an_entry_edited_by_hand_records_what_it_was_made_from(data_dir):
    store = stamped_store(data_dir)
    path = layout.profile_path(data_dir, "sam-r")
    path.parent.mkdir(parents=True)
    path.write_text('schema_version = 1\nid = "sam-r"\nname = "Sam Rivera"  # written by hand\n')
    before = own(raw(path), None)
    sam = store.load(TODAY)[0].sponsee
    store.commit([profile_change(sam, sam.model_copy(update={"phone": "555"}))])
    stamp = Stamp.parse(raw(path)["rev"])
    assert stamp.origins == (fingerprint(before),) and "# written by hand" in path.read_text()


def test_a_store_without_a_machine_does_not_stamp(data_dir):
    store = Store(data_dir)
    store.ensure_root()
    store.commit([profile_change(None, Sponsee(id="sam-r", name="Sam Rivera"))])
    assert "rev" not in layout.profile_path(data_dir, "sam-r").read_text()


def test_a_stamp_reads_back_and_junk_reads_as_no_stamp():
    stamp = Stamp.parse("k3f9qa:2 p0x7mz:1 #5e0c1a9b from #3ac0ff12")
    assert stamp.counts == (("k3f9qa", 2), ("p0x7mz", 1)) and stamp.origins == ("3ac0ff12",)
    assert Stamp.parse(stamp.text()) == stamp
    tomb = Stamp.parse("k3f9qa:3 from #5e0c1a9b")
    assert tomb.mark is None and tomb.origins == ("5e0c1a9b",) and Stamp.parse(tomb.text()) == tomb
    assert Stamp.parse("k3f9qa:3").counts == (("k3f9qa", 3),), "a tombstone of a stamped entry"
    for junk in ["", "#5e0c1a9b", "a:1 a:2 #x", "a:b #x", "a:1 #x from", "a:1 from x", 7, None]:
        assert Stamp.parse(junk) is None, junk


def test_a_save_never_counts_a_version_kept_for_the_person_to_choose():
    """The machine whose version is kept saves the entry again: the kept version must stay unsuperseded."""
    from sponsordesk.store.sync_stamps import Stamp, bumped

    in_place = {"id": "s-1", "text": "Read", "outcome": "desktop's", "rev": "dsk001:1 #00000000"}
    kept = Stamp.parse("lap001:1 #11111111")  # the laptop's own version, kept in a [[conflict]] record
    new = bumped(in_place, {"text": "Read", "outcome": "desktop's"}, {"text": "Read", "outcome": "snoozed"},
                 "lap001", kept=[kept])
    assert not new.covers(kept) and not kept.covers(new), "the two stay side by side until a choice"
    assert new.covers(Stamp.parse(in_place["rev"])), "and the save still follows the version in place"
    plain = bumped(in_place, None, {"text": "Read"}, "lap001")
    assert dict(plain.counts) == {"dsk001": 1, "lap001": 1}, "without kept versions, the machine's own count"
