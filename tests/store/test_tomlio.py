"""tomlio.parse: the fast parser's values are the strict one's, and every refusal is worded by the strict one."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
import rtoml
import tomli
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sponsordesk.store import tomlio
from tests.corpus_files import CORPUS

ROOT = Path(__file__).resolve().parents[2]


def same(a, b) -> bool:
    """Equal, and of the same types all the way down, time zones and key order included (``==`` alone calls
    1 and True equal, and dicts in another order equal)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(map(same, a, b))
    if isinstance(a, (datetime, time)):
        return type(a.tzinfo) is type(b.tzinfo) and a.utcoffset() == b.utcoffset() and a == b
    if isinstance(a, float) and a != a:
        return b != b
    return a == b


def every_toml(*folders: Path) -> list[Path]:
    return sorted(p for folder in folders for p in folder.rglob("*.toml") if p.is_file() and not p.is_symlink())


def test_the_fast_parser_is_the_one_in_use():
    assert tomlio._fast_reader() is rtoml.loads


def test_on_every_file_the_app_ships_or_keeps_parse_gives_what_the_strict_parser_gives(demo_dir):
    files = every_toml(CORPUS, demo_dir, ROOT / "sponsordesk", ROOT / "themes")
    assert len(files) > 60
    fast = refused = 0
    for path in files:
        data = path.read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            continue  # "not UTF-8 text": no parser sees it
        try:
            strict = tomli.loads(text)
        except tomli.TOMLDecodeError as error:
            with pytest.raises(tomli.TOMLDecodeError) as same_error:
                tomlio.parse(data)
            assert str(same_error.value) == str(error), path
            refused += 1
            continue
        assert same(tomlio.parse(data), strict), path
        if tomlio._for_rtoml(text):
            assert same(tomlio._standard_zones(rtoml.loads(text)), strict), path
            fast += 1
    assert fast > 40 and refused >= 2  # the corpus's broken syntax and broken contacts


TRICKY = """\
# every kind of value the data files hold, and some they might
name = "Zoë \\u00e9 \\U0001F600 \\"quoted\\""
literal = 'C:\\notes\\steps'
multi = \"\"\"
line one\\r
line two\"\"\"
big = 99999999999999999999
negative = -17
hex = 0xff
float = 6.5e-3
huge = 1e1000
nan = nan
yes = true
day = 2026-11-21
at = 2026-11-21T08:30:00-05:00
utc = 2026-11-21T13:30:00Z
local = 2026-11-21T08:30:00.123456
clock = 07:15:00
inline = { a = 1, b = [1, 2, { c = "d" }] }

[[step]]
number = 1
notes = ""

[[step]]
number = 2
"""


def test_every_kind_of_value_comes_back_with_the_strict_parsers_types():
    strict = tomli.loads(TRICKY)
    assert same(tomlio.parse(TRICKY.encode()), strict)
    assert isinstance(strict["at"].tzinfo, timezone) and strict["day"] == date(2026, 11, 21)


@pytest.mark.parametrize("text, line", [
    ("a = 1\na = 2\n", 2),               # a key given twice
    ('a = "x\ny"\n', 1),                 # a newline in a one-line string
    ("[t]\n[t]\n", 2),                   # a table twice
    ("a = 1979-02-29\n", 1),              # no such day
    ("a = 0000-01-01\n", 1),              # the fast parser fails with a bare ValueError here
    ("b = 1\na = 1979-05-27T07:32:60\n", 2),  # a leap second
    ("a = <<<<<<< HEAD\n", 1),
])
def test_what_is_not_toml_is_worded_by_the_strict_parser_with_its_line(text, line):
    with pytest.raises(tomli.TOMLDecodeError) as refused:
        tomlio.parse(text.encode())
    assert refused.value.lineno == line
    assert "TOML parse error" not in str(refused.value)  # the fast parser's wording, with the text quoted


@pytest.mark.parametrize("text, line", [
    ("a = " + "[" * 500 + "]" * 500, 1),
    ("a = " + "{a=" * 100_000 + "1" + "}" * 100_000, 1),  # crashed the interpreter inside toml_rs 0.4.3
    # closing brackets inside strings fool no count (nor the line finder, which cannot tell strings apart)
    ("b = 1\na = " + '[ "]", ' * 100_000 + "1" + "]" * 100_000, None),
], ids=["500 deep", "100,000 deep", "brackets in strings"])
def test_values_nested_past_the_strict_parsers_limit_are_too_deep_never_a_crash(text, line):
    with pytest.raises(tomlio.TooDeep) as refused:
        tomlio.parse(text.encode())
    assert refused.value.lineno == line


@pytest.mark.parametrize("text", [".".join(["a"] * 10_000) + " = 1", "[" + ".".join(["a"] * 10_000) + "]\nb = 1"],
                         ids=["dotted key", "table header"])
def test_a_key_of_thousands_of_parts_is_refused_as_the_strict_parser_refuses_it(text):
    with pytest.raises(RecursionError):  # tomli's refusal; the fast parser would have read it
        tomli.loads(text)
    with pytest.raises((RecursionError, tomlio.TooDeep)):
        tomlio.parse(text.encode())


def test_the_fast_parser_reads_a_notebooks_profiles_boards_and_suggestions_not_what_it_could_differ_on(
        demo_dir, monkeypatch):
    seen = []
    monkeypatch.setattr(tomlio, "_fast", lambda text: seen.append(text) or rtoml.loads(text))
    start = sorted(demo_dir.glob("sponsees/*/*.toml"))  # what every start parses
    for path in start:
        tomlio.parse(path.read_bytes())
    assert len(seen) == len(start) > 10
    seen.clear()
    for text in [*DIFFERENT.values(), *DEEP.values()]:
        try:
            tomlio.parse(text.encode())
        except ValueError:
            pass
    assert seen == []


# found by a review: rtoml crashed the interpreter building the first, a valid file 5,500 levels deep, and
# the time zone walk ran out of recursion on the second (a time of day anywhere sends the result there)
DEEP = {
    "deep dotted keys in inline tables": "x = " + ("{%s = " % ".".join("k" * 79)) * 70 + "1" + "}" * 70 + "\n",
    "deep, with a time of day": "x = " + ("{%s = " % ".".join("k" * 25)) * 40 + "1" + "}" * 40 + "\n# 10:30\n",
}
DIFFERENT = {
    "rtoml's own datetime key": '"$__toml_private_datetime" = "2026-01-01"\nname = "Sam"\n',
    "a dotted key extending an array of tables": "[[a.b]]\n[a]\nb.c.d = 1\n",  # tomli refuses it
    "two byte order marks": "\ufeff\ufeffa = 1\n",  # one is taken off before parsing
    "a table declared after one inside it": "[b.b]\nx = 1\n[a]\n[b]\ny = 2\n",  # rtoml gave a before b
    "the same, in arrays of tables": "[[s.t]]\n[s]\n",
    "windows line ends": 'notes = """\r\none\r\n"""\r\n',  # rtoml keeps "\r\n" in the string
    # found by the second review: rtoml reads a line end inside an inline table where tomli refuses it
    "a line end after a key's =": "a = {b =\n1}\n",
    "a line end before a key's =": "a = {b\n= 1}\n",
    "the same, in an array": "a = [{b =\n1}]\n",
    # found by a later review: a "}" inside a string on that line hid the line end from the check
    "a closing brace in a string, then a line end after =": 'a = {b = "}", c =\n1}\n',
    "the same, before =": 'a = {b = "}", c\n= 1}\n',
    "the same, in a list": 'a = [{b = "}", c =\n1}]\n',
    "a line end in a multi-line string inside an inline table": 'a = {b = """}\n""", c =\n1}\n',
}


@pytest.mark.parametrize("text", DIFFERENT.values(), ids=DIFFERENT.keys())
def test_where_rtoml_differs_parse_is_tomli(text):
    data = text.encode()
    try:
        strict = tomli.loads(data.decode("utf-8-sig"))
    except tomli.TOMLDecodeError as error:
        with pytest.raises(tomli.TOMLDecodeError) as refused:
            tomlio.parse(data)
        assert str(refused.value) == str(error)
    else:
        assert same(tomlio.parse(data), strict)


@pytest.mark.parametrize("text", DEEP.values(), ids=DEEP.keys())
def test_a_valid_file_thousands_of_levels_deep_is_read_by_tomli_never_a_crash(text):
    found = tomlio.parse(text.encode())  # a crash here ends the test process
    assert list(found) == ["x"]


def test_a_text_of_many_tables_goes_to_tomli_without_looking_back_from_each():
    # the order check looks back from every "[table]": a second at 20,000 of them (a review)
    text = "".join(f"[t{n}]\nx = 1\n" for n in range(tomlio.MAX_TABLES + 1))
    assert not tomlio._tables_in_order(text) and tomlio._tables_in_order(text.split(f"[t{tomlio.MAX_TABLES}]")[0])


def test_tables_in_their_order_as_the_step_boards_have_them_go_to_rtoml():
    assert tomlio._tables_in_order("[[step]]\nnumber = 1\n[[step.assignment]]\nid = 'a'\n[[step]]\nnumber = 2\n")
    assert tomlio._tables_in_order("[a]\n[a.b]\n[c.d]\n[c.e]\n")
    assert not tomlio._tables_in_order("[c.d]\n[c]\n")


def test_a_time_of_day_comes_back_in_the_standard_librarys_time_zone():
    text = "at = 2026-11-21T08:30:00-05:00\nz = 2026-11-21T13:30:00Z\n[[c]]\nl = [{at = 2026-11-21T08:30:00+05:45}]\n"
    found = tomlio.parse(text.encode())
    assert same(found, tomli.loads(text))
    assert type(found["c"][0]["l"][0]["at"].tzinfo) is timezone and found["z"].tzinfo is timezone.utc
    assert type(rtoml.loads(text)["at"].tzinfo) is not timezone  # why parse makes them so


def test_a_file_the_fast_parser_refuses_that_is_toml_after_all_still_loads(monkeypatch):
    def refuses(text):
        raise ValueError("not to this parser")

    monkeypatch.setattr(tomlio, "_fast", refuses)
    assert same(tomlio.parse(TRICKY.encode()), tomli.loads(TRICKY))


def test_without_the_fast_parser_the_strict_one_reads_everything(monkeypatch):
    monkeypatch.setattr(tomlio, "_fast", False)
    assert tomlio._fast_reader() is None
    assert same(tomlio.parse(TRICKY.encode()), tomli.loads(TRICKY))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.text(min_size=1, max_size=8),
                       st.one_of(st.text(), st.integers(), st.floats(allow_nan=False), st.booleans(), st.dates(),
                                 st.datetimes(timezones=st.sampled_from([None, timezone.utc,
                                                                         timezone(timedelta(hours=-5)),
                                                                         timezone(timedelta(hours=5, minutes=45))])),
                                 st.times(), st.lists(st.text(max_size=20), max_size=4)),
                       max_size=6))
def test_whatever_the_writer_writes_reads_back_the_same_through_either_parser(values):
    for multiline in (False, True):  # notes are written as multi-line strings
        text = tomli_w.dumps(values, multiline_strings=multiline)
        assert same(tomlio.parse(text.encode()), tomli.loads(text))


@pytest.mark.parametrize("text", ['a = "\\e[1m"\n', "x = {a = 1,\n     b = 2,}\n", 'a = "\\x41"\n', "at = 2026-11-21 08:30\n"],
                         ids=["escape \\e", "inline table over lines", "escape \\x", "no seconds"])
def test_both_parsers_read_toml_1_1_alike(text):
    """TOML 1.1, which an editor or another tool may write: rtoml reads it, so tomli must too (2.5 does;
    before 2.4 it refused it, and the fast parser would have loaded a file the strict one calls broken)."""
    assert same(tomlio.parse(text.encode()), tomli.loads(text))
    assert same(rtoml.loads(text), tomli.loads(text))


# ------------------------------------------------------------ a year of contacts goes to the fast parser too


def depth(value) -> int:
    """How deep ``value`` nests: a table or a list is one level over its deepest item (without recursion:
    some of these nest thousands deep)."""
    deepest, todo = 0, [(value, 0)]
    while todo:
        item, level = todo.pop()
        if isinstance(item, (dict, list)):
            level += 1
            todo += [(child, level) for child in (item.values() if isinstance(item, dict) else item)]
        deepest = max(deepest, level)
    return deepest


def test_a_year_of_contacts_as_the_app_writes_it_is_read_by_the_fast_parser(demo_dir, monkeypatch):
    years = sorted(demo_dir.glob("sponsees/*/contacts/*.toml"))
    assert any(tomlio._nesting_bound(p.read_text()) < p.read_text().count(".") for p in years)  # summaries, sentences
    seen = []
    monkeypatch.setattr(tomlio, "_fast", lambda text: seen.append(text) or rtoml.loads(text))
    for path in years:
        assert same(tomlio.parse(path.read_bytes()), tomli.loads(path.read_text()))
    assert len(seen) == len(years) > 5


# Lines the count leaves out, around and inside what nests deeply: each text must still go to tomli
PADDED = {
    "deep inline tables among contacts": '[[contact]]\nsummary = "Fine. Called."\n' * 300 + DEEP[
        "deep dotted keys in inline tables"].replace("x = ", "[x]\ny = ", 1),
    "a list over lines, each line closing what it opens": "a = [\n" + "[[1]],\n" * 60 + "[[1]]\n]\n"
                                                           + "b = " + "[" * 150 + "]" * 150 + "\n",
    "strings with brackets and dots between deep lists": ('s = "[[{. ."\n' * 200) + "d = " + "[" * 120 + "]" * 120 + "\n",
    # found by a review: "[[1]" looked like a header and left one list open per line, a stair 178 deep
    "a stair of lists, one opened on each line": "a = [\n" + "[[1]\n,\n" * 77 + "{%s = {%s = 1}}" % (
        ".".join("k" * 80), ".".join("k" * 19)) + "]" * 78 + "\n",
    "the same, closed the other way": "a = [\n" + "[[1]\n,\n" * 120 + "1" + "]" * 121 + "\n",
}


@pytest.mark.parametrize("text", PADDED.values(), ids=PADDED.keys())
def test_lines_left_out_of_the_count_hide_no_depth(text, monkeypatch):
    seen = []
    monkeypatch.setattr(tomlio, "_fast", lambda t: seen.append(t) or rtoml.loads(t))
    try:
        found = tomlio.parse(text.encode())  # a crash here ends the test process
    except ValueError:
        found = None  # refused (a key defined twice): by tomli, which is the point
    assert seen == []
    if found is not None:
        assert depth(found) > tomlio.FAST_DEPTH  # deeper than rtoml is trusted with, or the test shows nothing


_summary = st.text(alphabet=st.sampled_from('ab .,[]{}"\'\\#=\n'), max_size=30)


# 60 long lists (about 2,400 entries in all): 200 took 8.5 s of CPU, the suite's costliest test, and found
# nothing the first 60 did not
@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.fixed_dictionaries({"id": st.text(alphabet="abc-1", min_size=1, max_size=6), "summary": _summary,
                                       "minutes": st.integers(0, 90), "rate": st.floats(0, 9, allow_nan=False),
                                       "tags": st.lists(st.lists(_summary, max_size=2), max_size=3)}),
                min_size=20, max_size=60),
       st.booleans())
def test_a_long_list_of_entries_reads_the_same_and_nests_no_deeper_than_counted(entries, multiline):
    text = tomli_w.dumps({"schema_version": 1, "contact": entries}, multiline_strings=multiline)
    assert same(tomlio.parse(text.encode()), tomli.loads(text))
    # a header puts its entries two levels down, a value one more, a line left out two at most in a list
    assert depth(tomli.loads(text)) <= tomlio._nesting_bound(text) + 5
