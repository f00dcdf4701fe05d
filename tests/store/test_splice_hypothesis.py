"""Random saves on randomly hand-formatted files: the data is always right and untouched lines stay as they were."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sponsordesk.store import merge, render, tomlio, tomlkit_edit, writing

from tests.store.handwritten import WORDS, Doc, assignment, contact, documents, step


@st.composite
def saves(draw: Any) -> tuple[Doc, list[merge.Op], set[Any], int]:
    """A document, ops on it, the tags whose lines the ops may touch, and how many new lines they may bring."""
    doc, entries = draw(documents())
    if doc.kind == "profile":
        return (doc, *_profile_ops(draw, *entries))
    array, ident = ("contact", "id") if doc.kind == "contacts" else ("step", "number")
    ops: list[merge.Op] = []
    touched: set[Any] = set()
    budget = 0
    for i, entry in enumerate(entries):
        path = ((array, entry[ident]),)
        action = draw(st.sampled_from(["keep", "keep", "remove", "change"]))
        if action == "remove":
            ops.append(merge.RemoveEntry(path))
            touched |= {("entry", i), ("whole", i)}
            continue
        if action == "keep":
            continue
        names = [k for k in entry if k not in (ident, "assignment")]
        for name in draw(st.lists(st.sampled_from(names + ["meetings", "extra"]), unique=True, max_size=3)):
            touched.add(("key", i, name))
            if name in entry and name not in ("at", "status") and draw(st.integers(0, 3)) == 0:
                ops.append(merge.DropField(path, name))
            else:
                new = draw(WORDS) if name not in ("at", "meetings", "relapse") else (
                    draw(st.integers(0, 9)) if name == "meetings" else draw(st.booleans()) if name == "relapse"
                    else datetime(2026, 6, 1, tzinfo=timezone.utc))
                ops.append(merge.SetField(path, name, new))
                budget += len(render.keyval(name, new, True).splitlines())
        if doc.kind == "steps":
            budget += _nested(draw, doc, i, entry, path, ops, touched)
    used = {e[ident] for e in entries}
    for n in range(draw(st.integers(0, 2))):
        if doc.kind == "contacts":
            new = draw(contact(100 + n))
        else:
            free = [k for k in range(1, 13) if k not in used]
            if not free:
                break
            number = draw(st.sampled_from(free))
            used.add(number)
            new = draw(step(number, 100 + 10 * n))
        ops.append(merge.AddEntry((), array, new))
        budget += len(render.entry((array,), new, True).splitlines()) + len(new.get("assignment", ())) + 2
    return doc, ops, touched, budget


def _profile_ops(draw: Any, root: dict[str, Any], status: dict[str, Any],
                 dates: list[dict[str, Any]]) -> tuple[list[merge.Op], set[Any], int]:
    ops: list[merge.Op] = []
    touched: set[Any] = set()
    budget = 0
    for name in draw(st.lists(st.sampled_from(["name", "notes", "phone", "mood", "home_group"]), unique=True,
                              max_size=3)):
        touched.add(("key", "root", name))
        if name in root and name not in ("name", "notes") and draw(st.booleans()):
            ops.append(merge.DropField((), name))
        else:
            new = draw(WORDS)
            ops.append(merge.SetField((), name, new))
            budget += len(render.keyval(name, new, True).splitlines())
    if draw(st.booleans()):  # paused until a date, or another reason: only those keys of [status]
        new_status = dict(status, state="paused", until=date(2026, 12, 1))
        ops.append(merge.SetField((), "status", new_status))
        touched.add(("key", "status", "state"))
        budget += 2
    if draw(st.booleans()):  # a relapse: a new date first, the others as they were
        ops.append(merge.SetField((), "sobriety", [{"date": date(2026, 10, 29), "note": ""}, *dates]))
        touched.add(("key", "root", "sobriety"))
        budget += len(render.entry(("sobriety",), {"date": date(2026, 10, 29), "note": ""}, True).splitlines())
        budget += len(render.keyval("sobriety", dates, True).splitlines()) + 2
    return ops, touched, budget


def _nested(draw: Any, doc: Doc, i: int, entry: dict[str, Any], path: Any, ops: list[merge.Op],
            touched: set[Any]) -> int:
    items = entry["assignment"]
    budget = 0
    for j, item in enumerate(items):
        action = draw(st.sampled_from(["keep", "toggle", "remove"]))
        where = (*path, ("assignment", item["id"]))
        if action == "toggle":
            ops.append(merge.SetField(where, "done", not item["done"]))
            budget += 1
            touched.add(("nkey", i, j, "done"))
        elif action == "remove":
            ops.append(merge.RemoveEntry(where))
            touched.add(("nested", i, j))
        else:
            continue
        touched.add(("key", i, "assignment"))  # an inline array is rewritten whole
    for n in range(draw(st.integers(0, 2))):
        new = draw(assignment(1000 + 10 * i + n))
        ops.append(merge.AddEntry(path, "assignment", new))
        touched.add(("key", i, "assignment"))
        budget += len(render.entry(("step", "assignment"), new, True).splitlines()) + 1
    if doc.nested_inline and any(t == ("key", i, "assignment") for t in touched):
        budget += len(items) + 6 + 2 * budget
    return budget


def owned(tag: Any, touched: set[Any]) -> bool:
    if tag is None or tag[0] == "sobriety" or tag[1] in ("root", "status"):
        return tag in touched
    i = tag[1]
    if ("whole", i) in touched:
        return True
    if tag[0] == "key":
        return tag in touched
    if tag[0] in ("nested", "nkey"):
        return ("nested", i, tag[2]) in touched or (tag[0] == "nkey" and tag in touched)
    return False


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(saves())
def test_a_save_on_a_hand_formatted_file_changes_only_what_it_changes(save):
    doc, ops, touched, budget = save
    data = doc.data()
    raw = tomlio.parse(data)
    payload, how = writing.render_file(doc.kind, writing.Current(data, raw, raw), ops, "x")
    assert how == "splice"
    assert writing.same(tomlio.parse(payload), writing.expected(raw, ops).data)
    out = payload.splitlines(keepends=True)
    kept = [line for line, tag in doc.tagged() if line.strip(b"\xef\xbb\xbf\r\n") and not owned(tag, touched)]
    position = 0
    for line in kept:  # every line no op touched is still there, byte for byte and in order
        while position < len(out) and out[position] != line:
            position += 1
        assert position < len(out), f"lost or changed: {line!r}"
        position += 1
    extra = sum(1 for line in out if line.strip(b"\xef\xbb\xbf\r\n")) - len(kept)
    assert extra <= budget, "more new lines than the changes need"
    if not ops:
        assert payload == data


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(saves())
def test_the_tomlkit_fallback_gives_the_same_data(save):
    """The slower way (files the splicer cannot map) must be right too; tomlkit>=0.12 is what this was run on."""
    doc, ops, _, _ = save
    data = doc.data()
    raw = tomlio.parse(data)
    want = writing.expected(raw, ops)
    edited = tomlkit_edit.edit(data.decode("utf-8-sig"), raw, want.data, want.origin, writing.same)
    assert writing.same(tomlio.parse(edited.encode("utf-8")), want.data)
