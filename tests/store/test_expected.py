"""What a save expects a file to read as: only what the ops change is copied, the file's data is left as it is.

``writing.expected`` shares every entry the ops do not touch with the parsed
file (the splicer and ``same`` then see at once that it did not change).
It must give the data, the order and the edits that copying every
container gave, and never change the parsed file a save and a later reading
may still use.
"""

from __future__ import annotations

import copy
from datetime import datetime, timedelta, timezone
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sponsordesk.store import merge, render, splice, tomlio, tomlkit_edit, writing

from tests.store.test_splice_hypothesis import saves


def copied_whole(raw: dict[str, Any], ops: list[merge.Op]) -> writing.Expected:
    """``expected`` as it was: every container copied, every entry of every list in ``origin``."""
    origin: dict[int, int] = {}
    keep: list[Any] = []

    def copy_of(value: Any, index: int | None = None) -> Any:
        if isinstance(value, dict):
            out = {k: copy_of(v) for k, v in value.items()}
            if index is not None:
                origin[id(out)] = index
                keep.append(out)
            return out
        if isinstance(value, list):
            return [copy_of(v, n) for n, v in enumerate(value)]
        return value

    def place(table: dict[str, Any]) -> None:
        for name, value in table.items():
            if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
                if name in render.ENTRY_ARRAYS:
                    table[name] = writing._in_order(value, origin, writing.ORDER.get(name))
                for item in value if name == "step" else ():
                    place(item)

    work = copy_of(raw)
    merge.apply(work, ops)
    place(work)
    return writing.Expected(work, origin, keep)


def strictly_equal(a: Any, b: Any) -> bool:
    """The same data, types, keys and order of keys (``same`` allows an absent array to be an empty one)."""
    if isinstance(a, dict):
        return isinstance(b, dict) and list(a) == list(b) and all(strictly_equal(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(strictly_equal(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and writing.same(a, b)


def containers(value: Any) -> list[int]:
    """The ids of every dict and list in ``value``, in order: the same objects, not only the same data."""
    if isinstance(value, dict):
        return [id(value), *(i for v in value.values() for i in containers(v))]
    if isinstance(value, list):
        return [id(value), *(i for v in value for i in containers(v))]
    return []


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(saves())
def test_sharing_what_the_ops_leave_gives_the_data_and_edits_a_whole_copy_gave(save):
    doc, ops, _, _ = save
    data = doc.data()
    raw = tomlio.parse(data)
    before, objects = copy.deepcopy(raw), containers(raw)
    ops = copy.deepcopy(ops)  # applied twice below: an added entry must not be shared between the two
    shared, whole = writing.expected(raw, copy.deepcopy(ops)), copied_whole(raw, ops)
    assert strictly_equal(raw, before), "the parsed file was changed"
    assert strictly_equal(shared.data, whole.data)
    text = data.decode("utf-8-sig")
    assert splice.splice(text, raw, shared.data, shared.origin, writing.same) == \
        splice.splice(text, raw, whole.data, whole.origin, writing.same)
    assert tomlkit_edit.edit(text, raw, shared.data, shared.origin, writing.same) == \
        tomlkit_edit.edit(text, raw, whole.data, whole.origin, writing.same)
    assert strictly_equal(raw, before) and containers(raw) == objects, "the parsed file was changed"


def test_an_entry_the_ops_leave_is_the_parsed_files_own_and_one_they_change_is_a_copy():
    raw = tomlio.parse(b'schema_version = 1\n\n[[step]]\nnumber = 1\nstatus = "done"\n\n'
                       b'[[step]]\nnumber = 4\nstatus = "working"\n\n[[step.assignment]]\nid = "a-1"\ntext = "Read"\n')
    before = copy.deepcopy(raw)
    ops = [merge.SetField((("step", 4), ("assignment", "a-1")), "text", "Write"),
           merge.AddEntry((), "step", {"number": 2, "status": "working"})]
    result = writing.expected(raw, ops)
    assert raw == before
    one, two, four = result.data["step"]
    assert one is raw["step"][0] and two["number"] == 2 and four is not raw["step"][1]
    assert four["assignment"][0]["text"] == "Write" and raw["step"][1]["assignment"][0]["text"] == "Read"
    assert result.origin[id(one)] == 0 and result.origin[id(four)] == 1 and id(two) not in result.origin
    assert result.origin[id(four["assignment"][0])] == 0


@given(st.lists(st.one_of(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2090, 1, 1),
                                       timezones=st.sampled_from([timezone.utc, timezone(timedelta(hours=-5)),
                                                                  timezone(timedelta(hours=13, minutes=45))])),
                          st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2090, 1, 1)),
                          st.none()), max_size=8))
def test_contacts_are_placed_by_their_instants_as_astimezone_placed_them(times):
    """``_when`` leaves a time with an offset as it is (it compares by its instant); only local times are
    converted, as before, and an entry without a time still sorts last."""
    def before(value: Any) -> datetime:
        return value.astimezone() if isinstance(value, datetime) else datetime.max.replace(tzinfo=timezone.utc)

    items = [{"at": at} for at in times]
    by = writing.ORDER["contact"]
    assert [id(i) for i in sorted(items, key=by)] == [id(i) for i in sorted(items, key=lambda i: before(i["at"]))]
