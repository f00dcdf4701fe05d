"""Every broken or odd file is reported clearly, the rest loads, nothing is overwritten."""

import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from sponsordesk.model import Contact, StepBoard
from sponsordesk.store import BrokenFileError, ReadOnlyError, Store
from sponsordesk.store.changes import contact_changes, profile_change, step_change

from tests.conftest import TODAY
from tests.corpus_files import EXPECTED, LOADED, SECRETS, TEMP_FILE, contents, copy_corpus
from tests.odd_files import ODD, ODD_LOADED, OUTSIDE_SECRET


@pytest.fixture
def corpus(tmp_path):
    return copy_corpus(tmp_path)[0]


def test_the_rest_loads_and_each_odd_file_is_reported_where_it_is(corpus):
    store = Store(corpus, read_only=True)
    records = store.load(TODAY)
    assert {r.id for r in records} == LOADED
    found = {(p.where(corpus).split(",")[0], p.severity): p for p in store.problems}
    for path, severity, words, line, field in EXPECTED:
        problem = found.get((path, severity))
        assert problem is not None, f"{path} was not reported as {severity}"
        assert words in problem.message and problem.line == line and problem.field == field, problem
    assert all(p.hint for p in store.problems), "every problem says what to do"


def test_bom_and_crlf_files_read_as_if_they_were_plain(corpus):
    records = {r.id: r for r in Store(corpus).load(TODAY)}
    assert records["ok-bom"].sponsee.name == "Bo Mills"
    assert records["ok-crlf"].sponsee.notes == "first line\nsecond line\n"
    assert records["ok-crlf"].last_connected is not None
    assert next(Store(corpus).iter_contacts("ok-crlf")).summary == "Good talk."


def test_messages_name_files_and_fields_never_values(corpus):
    store = Store(corpus)
    store.load(TODAY)
    text = "\n".join(p.describe(corpus) for p in store.problems)
    assert "cadence_days" in text and not any(secret in text for secret in SECRETS)


def test_nothing_broken_newer_or_copied_is_ever_written(corpus):
    before = contents(corpus)
    store = Store(corpus)
    records = {r.id: r for r in store.load(TODAY)}
    blank = StepBoard().get(1)
    with pytest.raises(BrokenFileError, match="steps.toml does not load"):
        store.commit([step_change("bad-steps", blank, blank.model_copy(update={"notes": "mine"}))])
    newer = records["newer"].sponsee
    with pytest.raises(ReadOnlyError, match="newer sponsordesk"):
        store.commit([profile_change(newer, newer.model_copy(update={"notes": "mine"}))])
    with pytest.raises(BrokenFileError, match="contacts/2026.toml does not load"):
        store.commit(contact_changes("bad-contacts", None,
                                     Contact(id="c-new", at=datetime(2026, 11, 21, tzinfo=timezone.utc))))
    sam = records["sam-r"].sponsee  # the good one saves; its conflict copies stay as they are
    store.commit([profile_change(sam, sam.model_copy(update={"notes": "mine"}))])

    after = contents(corpus)
    changed = {k for k in before if before[k] != after.get(k)}
    assert changed == {"sponsees/sam-r/profile.toml"}
    assert TEMP_FILE in after


# ---------------------------------------------------------------- the odd files (tests/odd_files.py)


@pytest.fixture
def odd(tmp_path):
    return copy_corpus(tmp_path, odd=True)


def test_every_odd_file_is_named_with_its_line_or_field_and_the_rest_loads(odd):
    data, _ = odd
    store = Store(data, read_only=True)
    loaded = {r.id for r in store.load(TODAY)}
    assert loaded >= LOADED | ODD_LOADED
    assert not loaded & {"odd-binary", "odd-truncated", "odd-dupkey", "odd-nul", "odd-year1", "odd-huge",
                         "odd-link-out", "odd-link-file", "odd-esckey"} - {"odd-esckey"}
    found = {(p.where(data).split(",")[0], p.severity): p for p in store.problems}
    for kind, path, severity, words, line, field in ODD:
        problem = found.get((path, severity))
        assert problem is not None, f"{kind}: {path} was not reported as {severity}"
        assert words in problem.message, (kind, problem.message)
        assert (problem.line, problem.field) == (line, field), (kind, problem.line, problem.field)
        assert problem.line or problem.field or "/" in path, f"{kind}: named by file, line or field"
        assert problem.hint, kind
    shown = "\n".join(p.describe(data) for p in store.problems)
    assert "\x1b" not in shown and "\x07" not in shown, "no control character reaches a message"
    assert OUTSIDE_SECRET not in repr([r.sponsee for r in store.load(TODAY)]), "nothing is read through a link"
    assert not any(secret in shown for secret in SECRETS) and "SECRET" not in shown


def test_no_odd_file_is_rewritten_by_a_save_nor_put_in_a_backup(odd, tmp_path):
    from sponsordesk.store.backup import make_backup

    data, _ = odd
    before = contents(data)
    store = Store(data)
    records = {r.id: r for r in store.load(TODAY)}
    sam = records["sam-r"].sponsee
    store.commit([profile_change(sam, sam.model_copy(update={"notes": "mine"}))])
    zipped = make_backup(data, datetime(2026, 11, 21, 9, 30))
    after = contents(data)
    assert {k for k in before if before[k] != after.get(k)} == {"sponsees/sam-r/profile.toml"}
    import zipfile

    with zipfile.ZipFile(zipped) as archive:
        names = archive.namelist()
        everything = b"".join(archive.read(n) for n in names)
    assert OUTSIDE_SECRET.encode() not in everything, "a link's target never goes into a backup"
    assert not any(n.startswith(("sponsees/odd-link-out", "sponsees/odd-link-in/contacts", "sponsees/odd-fifo/contacts"))
                   for n in names)
    assert (tmp_path / "outside/away/profile.toml").read_text().count(OUTSIDE_SECRET) == 1


COMMANDS = """
import sys
from sponsordesk.cli import main
data, config = sys.argv[1:3]
for words in (["today"], ["today", "--json"], ["doctor"], ["export", "calendar", "-o", "-"],
              ["export", "csv", "-o", sys.argv[3]], ["export", "report", "sam", "-o", "-"],
              ["log", "sam", "--summary", "call"], ["backup"]):
    try:
        code = main(["--data-dir", data, "--config-dir", config, "--today", "2026-11-21", *words])
    except SystemExit as stop:
        code = stop.code
    print("EXIT", words[0], code, file=sys.stderr)
"""


def test_every_command_runs_to_its_end_on_the_odd_files(odd, tmp_path):
    data, config = odd
    # a subprocess with a time limit: a FIFO once hung start-up, doctor and log forever
    out = subprocess.run([sys.executable, "-c", COMMANDS, str(data), str(config), str(tmp_path / "csv")],
                         capture_output=True, text=True, timeout=120, cwd=Path(__file__).parents[2])
    assert "bug" not in out.stderr and "Traceback" not in out.stderr, out.stderr[-2000:]
    assert "\x1b" not in out.stdout + out.stderr
    assert out.stderr.count("EXIT") == 8, out.stderr[-2000:]
    assert "EXIT log 0" in out.stderr and "EXIT backup 0" in out.stderr


def test_the_readme_table_lists_every_kind_of_odd_file():
    from tests.odd_files import ODD_KINDS

    readme = (Path(__file__).parents[2] / "README.md").read_text()
    table = readme.split("### Odd files, and what sponsordesk does with each", 1)[1].split("\nMeasured on", 1)[0]
    rows = [line.split("|")[1].strip() for line in table.splitlines() if line.startswith("| ")][1:]
    assert len(rows) >= 40, len(rows)
    missing = [kind for kind in ODD_KINDS if kind not in rows and kind != "conflict copies of other sync tools"]
    assert not missing, missing
