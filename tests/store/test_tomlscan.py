"""The line scanner finds every statement's exact lines, in TOML that tries to confuse it."""

from __future__ import annotations

import pytest

from sponsordesk.store import tomlio
from sponsordesk.store.tomlscan import Unscannable, scan, tree

TRICKY = '''\
# a comment with "quotes" and [brackets] = 1
schema_version = 1   # trailing
"quoted key" = 'value with # hash'
'literal key' = "escaped \\" quote # not a comment"
multi = """
a line with \\""" inside and "quotes"
ends with two quotes"""""
lit = \'\'\'
raw \\ text with """ in it
\'\'\'
arr = [
  "a ] b",   # comment with ] and "
  [1, 2],
  { x = "}" },
]
inline = { a = 1, b = [ 3 ], c = { d = "e" } }
when = 2026-11-20 19:30:00-05:00
local = 2026-11-20T19:30:00 # local time
day = 2026-11-21
num = +1_000
flt = -0.5e3
inf = inf
	   indented = true

[[contact]]   # the first
id = "c-1"
  [contact.extra]
  deep = 1

[[step]]
number = 4
[[step.assignment]]
id = "a-1"
[[step.assignment]]
id = "a-2"

[status]
state = "active"'''


@pytest.mark.parametrize("eol", ["\n", "\r\n"])
def test_statements_cover_the_text_and_each_value_reads_as_the_file_does(eol):
    text = TRICKY.replace("\n", eol)
    data = tomlio.parse(text.encode())
    stmts = scan(text)
    assert "".join(text[s.start:s.end] for s in stmts) == text
    assert all(s.end > s.start for s in stmts)
    keys = {}
    for s in stmts:
        if s.kind == "keyval":
            keys.setdefault(s.key, tomlio.parse(f"x = {text[s.value_start:s.value_end]}".encode())["x"])
    for name, value in data.items():
        if name not in ("contact", "step", "status"):  # the tables; every other key is one statement
            assert keys[name] == value, name
    assert [s.path for s in stmts if s.kind == "header"] == [
        ("contact",), ("contact", "extra"), ("step",), ("step", "assignment"), ("step", "assignment"), ("status",)]


def test_the_tree_maps_each_block_to_its_entry_and_owns_its_lines():
    stmts = scan(TRICKY)
    root = tree(stmts)
    (contact,) = root.arrays["contact"]
    assert set(contact.keys) == {"id"} and set(contact.subtables) == {"extra"}
    assert stmts[contact.last].key == "deep", "a sub-table is part of its entry"
    (step,) = root.arrays["step"]
    assert [set(a.keys) for a in step.arrays["assignment"]] == [{"id"}, {"id"}]
    assert set(root.subtables["status"].keys) == {"state"}
    assert stmts[step.last].key == "id" and step.last == step.arrays["assignment"][1].last


@pytest.mark.parametrize("text", ['a.b = 1\n', 'x = 1\n[t]\ny = 2\n[t.u]\n[t]\n'])
def test_what_it_does_not_map_it_refuses(text):
    with pytest.raises(Unscannable):
        tree(scan(text))


def _line_at_a_time(monkeypatch):
    """The scanner with its one-match fast path turned off: every line read the long way."""
    import re

    from sponsordesk.store import tomlscan

    monkeypatch.setattr(tomlscan, "_LINE", re.compile(r"(?!)"))


FAST_PATH_EDGES = [
    "a = 1   \nb = 2\t# c\n",  # spaces after a value, a tab before a comment
    "when = 2026-11-20 19:30:00-05:00  \n",  # a space inside a value, spaces after it
    "x = \"\"\nq = \"a \\\" b\"\ny = true\n",  # an empty string, an escaped quote
    "x = \"\"\"\nnot a = line\n\"\"\"\n",  # a multi-line string: its lines are not statements
    "[a]\n[[b]]\n[[b.c]]   # note\n[ d ]\n[\"e\"]\n[f.g]\n",  # headers bare, dotted, spaced and quoted
    "  \n\t\n\r\n   ",  # blank lines, the last one without a line end
    "# c\n  # d\r\n#e",  # comments, the last one without a line end
    "a = 1\r\n[[contact]]\r\nid = \"c-1\"\r\nn = -0.5e3\r\n",
    "k = 1 \r x\n",  # a lone carriage return after a value
    "k = 5\n",  # a one-character value
]


@pytest.mark.parametrize("text", [TRICKY, TRICKY.replace("\n", "\r\n"), *FAST_PATH_EDGES],
                         ids=lambda text: f"{len(text)}-chars")
def test_the_fast_path_reads_every_line_as_the_long_way_does(text, monkeypatch):
    def statements():
        try:
            return [(s.kind, s.start, s.end, s.key, s.value_start, s.value_end, s.path, s.aot) for s in scan(text)]
        except Unscannable:
            return "unscannable"

    fast = statements()
    _line_at_a_time(monkeypatch)
    assert fast == statements()


def test_the_fast_path_reads_a_year_of_contacts_as_the_long_way_does(monkeypatch):
    from datetime import datetime, timedelta, timezone

    from sponsordesk.store import render

    at = datetime(2026, 1, 1, 9, tzinfo=timezone(timedelta(hours=-5)))
    data = {"schema_version": 1, "contact": [
        {"id": f"c-{n}", "at": at + timedelta(hours=7 * n), "kind": "call", "minutes": n, "relapse": n % 7 == 0,
         "summary": "Talked it through.\nWent to the meeting." if n % 5 == 0 else f"Call {n}: fine, \"good\"."}
        for n in range(120)]}
    text = render.fresh("contacts", data)
    fast = [(s.kind, s.start, s.end, s.key, s.value_start, s.value_end, s.path, s.aot) for s in scan(text)]
    _line_at_a_time(monkeypatch)
    assert fast == [(s.kind, s.start, s.end, s.key, s.value_start, s.value_end, s.path, s.aot) for s in scan(text)]
