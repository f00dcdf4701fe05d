"""Two (or three) replicas of a file, random adds, edits, deletes and hand edits on each, then a merge.

Edits go through the store's own stamping (``stamp_ops``, as ``Store.commit``
does), so what is tested is what a save writes. Whichever way round the
copies are merged the result is the same; nothing added is lost; a deletion
sticks; an entry changed on one side only takes that change; an entry changed
on both sides in different ways keeps both versions (a true conflict).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date

from hypothesis import example, given, settings
from hypothesis import strategies as st

from sponsordesk.store import merge, writing
from sponsordesk.store.sync_merge import Merged, merge_versions, ops_for, resolve, versions_of
from sponsordesk.store.sync_stamps import own, stamp_ops

TODAY = date(2026, 11, 21)
KIND, ARRAY = "suggestions", "suggestion"
TEXTS = ["a", "b", "c", "d"]


def entry(ident: str, text: str) -> dict:
    return {"id": ident, "text": text, "given": TODAY, "status": "open"}


@dataclass
class Replica:
    machine: str
    doc: dict
    finals: dict = field(default_factory=dict)
    """id -> own content (or None: deleted) for every entry this replica touched after the fork."""
    saved: set = field(default_factory=set)
    """ids this replica saved (so stamped) after the fork."""
    seen: dict = field(default_factory=dict)
    """id -> contents a save started from while they had no valid stamp (unstamped, or edited by hand)."""
    valid: dict = field(default_factory=dict)
    """id -> whether its stamp still matches it (False: never stamped, or edited by hand since)."""

    def save(self, ops: list) -> None:
        """One save, stamped the way Store.commit stamps it."""
        self.doc = merge.apply(copy.deepcopy(self.doc), stamp_ops(KIND, self.doc, ops, self.machine, TODAY))

    def live(self) -> dict:
        return {e["id"]: e for e in self.doc.get(ARRAY, [])}


def run(replica: Replica, actions: list) -> None:
    for action, pick, text in actions:
        live = sorted(replica.live())
        if action == "add":
            ident = f"{replica.machine}-{len(replica.finals)}-{pick}"
            if ident in live or ident in replica.finals:
                continue
            replica.save([merge.AddEntry((), ARRAY, entry(ident, text))])
            replica.finals[ident] = own(entry(ident, text), ARRAY)
            replica.saved.add(ident)
            replica.valid[ident] = True
            continue
        if not live:
            continue
        ident = live[pick % len(live)]
        current = replica.live()[ident]
        path = ((ARRAY, ident),)
        saves = action == "delete" or (action == "edit" and current["text"] != text)
        if saves and not replica.valid.get(ident, "rev" in current):
            replica.seen.setdefault(ident, set()).add(repr(own(current, ARRAY)))
        if action == "delete":
            replica.save([merge.RemoveEntry(path)])
            replica.finals[ident] = None
            replica.saved.add(ident)
        elif current["text"] != text:
            if action == "edit":
                replica.save([merge.SetField(path, "text", text)])
                replica.saved.add(ident)
                replica.valid[ident] = True
            else:  # a hand edit in an editor: the content changes, the stamp does not
                replica.doc = merge.apply(copy.deepcopy(replica.doc), [merge.SetField(path, "text", text)])
                replica.valid[ident] = False
            replica.finals[ident] = own({**current, "text": text}, ARRAY)


actions = st.lists(st.tuples(st.sampled_from(["add", "edit", "delete", "hand"]), st.integers(0, 9),
                             st.sampled_from(TEXTS)), max_size=8)
bases = st.lists(st.tuples(st.sampled_from(TEXTS), st.booleans()), max_size=5)


def fork(base: list, machines: str) -> list[Replica]:
    origin = Replica("o", {"schema_version": 1})
    for n, (text, stamped) in enumerate(base):
        if stamped:
            origin.save([merge.AddEntry((), ARRAY, entry(f"e{n}", text))])
        else:  # written by hand, or before stamps
            origin.doc.setdefault(ARRAY, []).append(entry(f"e{n}", text))
    return [Replica(m, copy.deepcopy(origin.doc)) for m in machines]


def summary(merged: Merged) -> dict:
    return {key: sorted(v.same for v in versions) for key, versions in merged.entries.items()}


def contents(merged: Merged, ident: str) -> list:
    return [v.content for v in merged.entries.get((ARRAY, ident), [])]


def merged_file(kept: Replica, merged: Merged) -> dict:
    """The kept copy with the merge written into it (what the store writes), read back."""
    doc = merge.apply(copy.deepcopy(kept.doc), ops_for(KIND, kept.doc, merged, writing.same))
    return {key: sorted(v.same for v in resolve(vs)) for key, vs in versions_of(KIND, doc).entries.items()}


@settings(max_examples=300, deadline=None)
@given(bases, actions, actions)
def test_two_replicas_merge_the_same_either_way_and_lose_nothing(base, on_a, on_b):
    a, b = fork(base, "ab")
    run(a, on_a)
    run(b, on_b)
    ab = merge_versions([versions_of(KIND, a.doc), versions_of(KIND, b.doc)])
    ba = merge_versions([versions_of(KIND, b.doc), versions_of(KIND, a.doc)])
    assert summary(ab) == summary(ba), "the same result whichever copy is merged into the other"
    assert merged_file(a, ab) == summary(ab) == merged_file(b, ba), "the written file holds what the merge decided"
    base_of = {f"e{n}": own(entry(f"e{n}", text), ARRAY) for n, (text, _) in enumerate(base)}
    stamped = {f"e{n}" for n, (_, was_stamped) in enumerate(base) if was_stamped}
    for ident in set(base_of) | set(a.finals) | set(b.finals):
        found = [repr(c) for c in contents(ab, ident)]
        was = repr(base_of.get(ident, "new"))

        def final(r: Replica) -> str:
            if ident not in r.finals:
                return "same"
            if ident in stamped and ident not in r.saved and repr(r.finals[ident]) == was:
                return "same"  # edited by hand and back: it matches its stamp again
            return repr(r.finals[ident])

        def supersedes(r: Replica, other: str) -> bool:
            """``r``'s version was made from content ``other`` (or from the stamped base, for 'same')."""
            if other == "same":  # absent from the other copy (added here), or the base as it was
                return ident not in base_of or ident in stamped or was in r.seen.get(ident, set())
            return other in r.seen.get(ident, set())

        mine, theirs = final(a), final(b)
        content = {f: was if f == "same" else f for f in (mine, theirs)}
        if mine == "same" and theirs == "same":
            assert found == [was], "an entry nobody changed stays as it was"
        elif content[mine] == content[theirs]:
            assert found == [content[mine]], "the same content on both sides is one version"
        elif supersedes(a, theirs) and not supersedes(b, mine):
            assert found == [mine], "a change on one side only is taken; a deletion sticks"
        elif supersedes(b, mine) and not supersedes(a, theirs):
            assert found == [theirs], "a change on one side only is taken; a deletion sticks"
        else:
            real = [f for f in (mine, theirs) if f != "same"]
            assert all(f in found for f in real), "no change is lost"
            assert set(found) <= {was if f == "same" else f for f in (mine, theirs)}
            if len(real) == 2 or ident not in stamped:
                assert len(found) == 2, "changed on both sides in different ways (or nothing tells): both are kept"
        if len(found) == 2:
            assert found[0] != "None", "a version that was kept, not the deletion, is the one in place"


def decided(merged: Merged) -> dict:
    """What a merge decided, entry by entry: the contents kept (stamps left out)."""
    return {key: sorted(v.same[0] for v in versions) for key, versions in merged.entries.items()}


@settings(max_examples=150, deadline=None)
@given(bases, actions, actions, actions)
# found on a busy CI run: b reverts to the base's content by way of c's, so "made from" had to be transitive
@example(base=[("a", False), ("a", False), ("d", False), ("a", False), ("a", False)],
         on_a=[("add", 0, "a"), ("delete", 0, "a"), ("edit", 7, "a")],
         on_b=[("hand", 7, "b"), ("edit", 7, "d")], on_c=[("edit", 7, "b")])
def test_three_replicas_merge_in_any_order_and_merging_again_changes_nothing(base, on_a, on_b, on_c):
    a, b, c = fork(base, "abc")
    for replica, acts in ((a, on_a), (b, on_b), (c, on_c)):
        run(replica, acts)
    va, vb, vc = (versions_of(KIND, r.doc) for r in (a, b, c))
    all_at_once = decided(merge_versions([va, vb, vc]))
    ab = merge.apply(copy.deepcopy(a.doc), ops_for(KIND, a.doc, merge_versions([va, vb]), writing.same))
    bc = merge.apply(copy.deepcopy(b.doc), ops_for(KIND, b.doc, merge_versions([vb, vc]), writing.same))
    assert decided(merge_versions([versions_of(KIND, ab), vc])) == all_at_once
    assert decided(merge_versions([va, versions_of(KIND, bc)])) == all_at_once
    again = merge_versions([versions_of(KIND, ab), vb])
    assert summary(again) == summary(merge_versions([va, vb])), "a copy merged twice adds nothing"
