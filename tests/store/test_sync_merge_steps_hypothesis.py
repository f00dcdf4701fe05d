"""A step board on two machines: the steps' own fields and each assignment merge as entries of their own."""

from __future__ import annotations

import copy
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from sponsordesk.store import merge, writing
from sponsordesk.store.sync_merge import merge_versions, ops_for, resolve, versions_of
from sponsordesk.store.sync_stamps import own, stamp_ops

TODAY = date(2026, 11, 21)
WORDS = ["a", "b", "c"]


def save(doc: dict, ops: list, machine: str) -> dict:
    return merge.apply(copy.deepcopy(doc), stamp_ops("steps", doc, ops, machine, TODAY))


def step(doc: dict, number: int) -> dict | None:
    return next((s for s in doc.get("step", []) if s["number"] == number), None)


def act(doc: dict, machine: str, actions: list, touched: dict) -> dict:
    """Apply the actions; ``touched`` gets (what, step, id) -> final own content (None: deleted)."""
    for n, (action, number, pick, word) in enumerate(actions):
        here = step(doc, number)
        if here is None:
            continue
        items = here.get("assignment", [])
        path = (("step", number),)
        if action == "notes" and here.get("notes") != word:
            doc = save(doc, [merge.SetField(path, "notes", word)], machine)
            touched[("step", number, None)] = own(step(doc, number), "step")
        elif action == "add":
            ident = f"a-{machine}{n}"
            doc = save(doc, [merge.AddEntry(path, "assignment", {"id": ident, "text": word, "done": False})], machine)
            touched[("assignment", number, ident)] = {"id": ident, "text": word, "done": False}
        elif items and action in ("edit", "delete"):
            item = items[pick % len(items)]
            where = path + (("assignment", item["id"]),)
            if action == "delete":
                doc = save(doc, [merge.RemoveEntry(where)], machine)
                touched[("assignment", number, item["id"])] = None
            elif item["text"] != word:
                doc = save(doc, [merge.SetField(where, "text", word)], machine)
                touched[("assignment", number, item["id"])] = own({**item, "text": word}, "assignment")
    return doc


steps_actions = st.lists(st.tuples(st.sampled_from(["notes", "add", "edit", "delete"]), st.integers(1, 2),
                                   st.integers(0, 5), st.sampled_from(WORDS)), max_size=8)


@settings(max_examples=200, deadline=None)
@given(steps_actions, steps_actions)
def test_step_boards_merge_the_same_either_way_and_every_assignment_is_kept_or_stays_deleted(on_a, on_b):
    base = {"schema_version": 1}
    base = save(base, [merge.AddEntry((), "step", {"number": 1, "status": "working", "notes": "",
                                                      "assignment": [{"id": "a-0", "text": "a", "done": False}]}),
                       merge.AddEntry((), "step", {"number": 2, "status": "not_started", "notes": ""})], "o")
    got_a, got_b = {}, {}
    a = act(copy.deepcopy(base), "x", on_a, got_a)
    b = act(copy.deepcopy(base), "y", on_b, got_b)
    ab = merge_versions([versions_of("steps", a), versions_of("steps", b)])
    ba = merge_versions([versions_of("steps", b), versions_of("steps", a)])
    summary = {k: sorted(v.same for v in vs) for k, vs in ab.entries.items()}
    assert summary == {k: sorted(v.same for v in vs) for k, vs in ba.entries.items()}
    written = merge.apply(copy.deepcopy(a), ops_for("steps", a, ab, writing.same))
    assert {k: sorted(v.same for v in resolve(vs)) for k, vs in versions_of("steps", written).entries.items()} == summary
    for what, number, ident in set(got_a) | set(got_b):
        key = ("step", number) if what == "step" else ("assignment", number, ident)
        found = [v.content for v in ab.entries[key]]
        mine, theirs = got_a.get((what, number, ident), "same"), got_b.get((what, number, ident), "same")
        if theirs == "same" or mine == theirs:
            assert found == [mine]
        elif mine == "same":
            assert found == [theirs]
        else:
            assert sorted(map(repr, found)) == sorted(map(repr, [mine, theirs])), "both versions are kept"
    for live in (s for s in written.get("step", [])):
        for item in live.get("assignment", []):
            assert ab.entries[("assignment", live["number"], item["id"])][0].content is not None
