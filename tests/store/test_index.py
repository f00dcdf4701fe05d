"""The data folder's index (store/index.py): `today` answers from it only while every file matches it.

The oracle is the full path: for whole notebooks (the demo, a generated
one with twenty years of contacts) and many days after the index was made,
`today` says byte for byte the same from the index as from the files. Then
every way of changing what the index stands for, including edits that keep
a file's size and mtime, sends `today` back to the files.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from datetime import date, timedelta
from pathlib import Path

import pytest

import sponsordesk.commands.today as today_command
from bench.generate import generate
from sponsordesk.cli import main
from sponsordesk.desk.glance import Glance
from sponsordesk.store.index import FOLDER, FORMAT
from sponsordesk.store.this_machine import known_machine_id

from tests.conftest import TODAY
from tests.seed import edit_keeping_size_and_mtime


@pytest.fixture
def full_reads(monkeypatch: pytest.MonkeyPatch) -> list[date]:
    """Each day `today` read the files for (the index could not answer)."""
    days: list[date] = []
    real = today_command.run

    def counted(ctx, args):
        days.append(ctx.clock.today() if args.date is None else args.date)
        return real(ctx, args)

    monkeypatch.setattr(today_command, "run", counted)
    return days


def said(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def index_file(data: Path, cache: Path) -> Path:
    machine = known_machine_id(cache)
    assert machine is not None, "a full read made this machine's id"
    return data / FOLDER / f"{machine}.json"


def glance(data: Path, config: Path, cache: Path, day: date = TODAY) -> Glance | None:
    return Glance.open(day, data, config, cache)


def answer_both_ways(capsys, day: date, *flags: str) -> tuple[str, str]:
    """`today` on ``day`` from the index, then from the files (the index deleted): both outputs."""
    code, quick, _ = said(capsys, "today", "--date", day.isoformat(), *flags)
    assert code == 0
    data = Path(os.environ["SPONSORDESK_DATA_DIR"])
    for made in (data / FOLDER).iterdir():
        made.unlink()
    code, full, _ = said(capsys, "today", "--date", day.isoformat(), *flags)
    assert code == 0
    return quick, full


@pytest.mark.parametrize("flags", [(), ("--json",)])
def test_the_index_answers_as_the_files_do_on_the_demo_for_weeks_after(demo_dir, capsys, full_reads, flags):
    said(capsys, "today", "--date", TODAY.isoformat())  # the first read makes the index
    assert full_reads == [TODAY]
    for ahead in range(0, 60, 4):
        day = TODAY + timedelta(days=ahead)
        full_reads.clear()
        quick, full = answer_both_ways(capsys, day, *flags)
        assert full_reads == [day], "the first answer came from the index, the second from the files"
        assert quick == full, day


def test_the_index_answers_as_the_files_do_on_twenty_years_of_a_notebook(data_dir, capsys, full_reads, tmp_path):
    generate(data_dir, sponsees=24, contacts=3000, seed=11, today=TODAY)
    said(capsys, "today", "--date", TODAY.isoformat(), "--json")
    shown = 0
    for ahead in (0, 1, 2, 5, 9, 30, 92, 200, 400):
        day = TODAY + timedelta(days=ahead)
        full_reads.clear()
        quick, full = answer_both_ways(capsys, day, "--json")
        assert full_reads == [day] and quick == full, day
        shown += len(json.loads(full)["agenda"])
    assert shown > 20, "the generated notebook has people on the agenda"


def roster_both_ways(data: Path, config: Path, cache: Path, day: date) -> tuple[list, list]:
    """The roster's rows (sponsorships not ended) on ``day``, from the index and from the files."""
    from sponsordesk.desk import Desk
    from sponsordesk.desk.context import Context
    from sponsordesk.views.roster import build_row

    quick = glance(data, config, cache, day)
    assert quick is not None, "the index answers"
    desk = Desk.open(Context.build(data_dir=data, config_dir=config, today=day), read_only=True, ended_later=True)
    week = desk.ctx.settings.first_day_of_week
    from_index = [build_row(found, quick.name(found.record.sponsee), week) for found in quick.assessments()]
    from_files = [build_row(found, desk.name(found.record.sponsee), week) for found in desk.assessments(ended=False)]
    return sorted(from_index, key=lambda r: r.id), sorted(from_files, key=lambda r: r.id)


def test_the_roster_rows_from_the_index_are_the_files_rows_for_weeks_after(data_dir, config_dir, capsys,
                                                                           isolated_folders):
    """The app shows its roster from the index before it has read the files: every cell, tone and sort
    key the same, on a notebook with steps at every stage, paused and snoozed sponsees and 20 years of talk."""
    generate(data_dir, sponsees=24, contacts=3000, seed=11, today=TODAY)
    said(capsys, "today", "--date", TODAY.isoformat())
    compared = set()
    for ahead in (0, 1, 3, 8, 30, 85, 92, 200):
        day = TODAY + timedelta(days=ahead)
        from_index, from_files = roster_both_ways(data_dir, config_dir, isolated_folders["cache"], day)
        assert [(r.id, r.tone, r.cells, r.sort) for r in from_index] == [(r.id, r.tone, r.cells, r.sort)
                                                                         for r in from_files], day
        compared |= {(key, r.cells[key]) for r in from_files for key in ("step", "rhythm", "open", "next")}
    steps = {text for key, text in compared if key == "step"}
    assert len(steps) > 3 and "all 12 done" in steps, steps
    assert any(key == "open" and text != "–" for key, text in compared)
    assert any(key == "rhythm" and text.strip("▁ ") for key, text in compared), "contacts in the 12 weeks"
    assert {"today", "tomorrow"} & {text for key, text in compared if key == "next"}, compared


def test_the_roster_rows_from_the_index_are_the_files_rows_on_the_demo(demo_dir, config_dir, capsys,
                                                                       isolated_folders):
    said(capsys, "today", "--date", TODAY.isoformat())
    for ahead in (0, 6):
        from_index, from_files = roster_both_ways(demo_dir, config_dir, isolated_folders["cache"],
                                                  TODAY + timedelta(days=ahead))
        assert [(r.id, r.tone, r.cells, r.sort) for r in from_index] == [(r.id, r.tone, r.cells, r.sort)
                                                                         for r in from_files]
    assert len(from_files) >= 4


def test_a_day_before_the_index_was_made_is_read_from_the_files(demo_dir, capsys, full_reads):
    said(capsys, "today", "--date", TODAY.isoformat())
    full_reads.clear()
    said(capsys, "today", "--date", (TODAY - timedelta(days=1)).isoformat())
    assert full_reads == [TODAY - timedelta(days=1)], "the recent contacts were gathered for a later day"


def test_the_index_is_private_and_holds_no_more_than_the_agenda_needs(demo_dir, capsys, isolated_folders):
    said(capsys, "today", "--date", TODAY.isoformat())
    path = index_file(demo_dir, isolated_folders["cache"])
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    text = path.read_text("utf-8")
    raw = json.loads(text)
    luis = raw["sponsees"]["luis-r"]["record"]
    assert set(luis) == {"id", "name", "display_name", "program", "sobriety_date", "cadence_days", "phone", "state",
                         "until", "snoozed_until", "milestones", "yearly", "suggestions", "open", "steps",
                         "assignments", "recent"}
    assert raw["sponsees"]["jordan-k"]["record"] is None, "an ended sponsorship: its files' signatures only"
    keys: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            keys.update(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(raw)
    for words in ("notes", "summary", "meeting_notes", "reach", "home_group", "outcome", "text"):
        assert words not in keys, words  # ("text" is also a kind of contact: a value, not a field's words)
    assert "summary" not in text and "notes" not in text


def changes_behind_its_back(data: Path) -> dict[str, object]:
    """Ways to change what the index stands for, each undone by the next run of the test."""
    profile = data / "sponsees" / "luis-r" / "profile.toml"
    year = data / "sponsees" / "luis-r" / "contacts" / f"{TODAY.year}.toml"

    def replaced_keeping_size_and_mtime(path: Path) -> None:
        st = path.stat()
        other = path.with_name("swap.tmp-by-an-editor")
        other.write_bytes(path.read_bytes().replace(b"Luis", b"Lois", 1))
        os.utime(other, ns=(st.st_atime_ns, st.st_mtime_ns))
        os.replace(other, path)

    return {
        "an edit keeping size and mtime": lambda: edit_keeping_size_and_mtime(profile, b"Luis", b"Lois"),
        "a contact's kind, same size and mtime": lambda: edit_keeping_size_and_mtime(year, b'kind = "call"', b'kind = "text"'),
        "a file replaced, same size and mtime": lambda: replaced_keeping_size_and_mtime(profile),
        "only its permissions": lambda: profile.chmod(0o400),
        "a sync tool's conflict copy": lambda: (profile.parent / "profile.sync-conflict-20261121-101010-ABCDEFG.toml")
        .write_bytes(profile.read_bytes()),
        "a new year of contacts": lambda: (year.parent / f"{TODAY.year + 1}.toml").write_text("schema_version = 1\n"),
        "a new sponsee": lambda: __import__("shutil").copytree(profile.parent, data / "sponsees" / "luis-r-2"),
        "an interrupted save's journal": lambda: (data / ".sponsordesk-journal.toml").write_text("x = 1\n"),
        "a sponsee folder removed": lambda: __import__("shutil").rmtree(data / "sponsees" / "ellen-f"),
    }


@pytest.mark.parametrize("change", list(changes_behind_its_back(Path("/nonexistent"))))
def test_any_change_behind_its_back_sends_today_to_the_files(demo_dir, capsys, full_reads, isolated_folders, change):
    said(capsys, "today", "--date", TODAY.isoformat())
    config, cache = isolated_folders["config"], isolated_folders["cache"]
    assert glance(demo_dir, config, cache) is not None, "the index answers before the change"
    changes_behind_its_back(demo_dir)[change]()
    assert glance(demo_dir, config, cache) is None, change


def test_an_ended_sponsorships_contacts_are_signed_by_name_only(demo_dir, capsys, isolated_folders):
    said(capsys, "today", "--date", TODAY.isoformat())
    config, cache = isolated_folders["config"], isolated_folders["cache"]
    contacts = demo_dir / "sponsees" / "jordan-k" / "contacts"
    year = next(contacts.iterdir())
    year.write_bytes(year.read_bytes() + b"\n# a note of mine\n")
    assert glance(demo_dir, config, cache) is not None, "an ended sponsorship's contacts are not on the agenda"
    (contacts / f"{year.stem} (conflicted copy).toml").write_bytes(b"")
    assert glance(demo_dir, config, cache) is None, "a sync copy is reported by the files' read"
    (contacts / f"{year.stem} (conflicted copy).toml").unlink()
    profile = demo_dir / "sponsees" / "jordan-k" / "profile.toml"
    profile.write_bytes(profile.read_bytes() + b"\n")
    assert glance(demo_dir, config, cache) is None, "taken up again? the profile is signed in full"


def test_settings_and_programs_are_signed_too(demo_dir, capsys, isolated_folders):
    said(capsys, "today", "--date", TODAY.isoformat())
    config, cache = isolated_folders["config"], isolated_folders["cache"]
    assert glance(demo_dir, config, cache) is not None
    config.mkdir(exist_ok=True)
    (config / "settings.toml").write_text("milestone_lookahead_days = 30\n")
    assert glance(demo_dir, config, cache) is None, "a new setting"
    said(capsys, "today", "--date", TODAY.isoformat())
    assert glance(demo_dir, config, cache) is None, "changed within the last two seconds: not signed yet"
    os.utime(config / "settings.toml", (1_700_000_000, 1_700_000_000))
    said(capsys, "today", "--date", TODAY.isoformat())
    assert glance(demo_dir, config, cache) is not None
    assert glance(demo_dir, config / "elsewhere", cache) is None, "another config folder"
    (config / "programs").mkdir()
    (config / "programs" / "aa.toml").write_text('key = "AA"\nname = "AA"\nmilestones = ["1d"]\n')
    assert glance(demo_dir, config, cache) is None, "a program of the user's"


def test_a_change_within_the_racy_window_is_checked_by_content(demo_dir, capsys, isolated_folders):
    # A file saved just before the index was made could change again within the filesystem's timestamp
    # granularity; its signature is then backed by the hash of the bytes that were parsed.
    profile = demo_dir / "sponsees" / "luis-r" / "profile.toml"
    profile.write_bytes(profile.read_bytes())  # changed now: within the racy window
    said(capsys, "today", "--date", TODAY.isoformat())
    config, cache = isolated_folders["config"], isolated_folders["cache"]
    path = index_file(demo_dir, cache)
    raw = json.loads(path.read_text("utf-8"))
    assert "profile.toml" in raw["sponsees"]["luis-r"]["digests"]
    assert glance(demo_dir, config, cache) is not None
    raw["sponsees"]["luis-r"]["digests"]["profile.toml"] = "0" * 64  # as if other bytes had been parsed
    path.write_text(json.dumps(raw), "utf-8")
    assert glance(demo_dir, config, cache) is None


def test_no_index_is_made_from_a_read_with_a_problem(demo_dir, capsys, full_reads, isolated_folders):
    broken = demo_dir / "sponsees" / "luis-r" / "steps.toml"
    broken.write_text("this is = not [toml\n")
    code, _, err = said(capsys, "today", "--date", TODAY.isoformat())
    assert code == 3 and "steps.toml" in err
    assert not (demo_dir / FOLDER).exists()
    code, _, err = said(capsys, "today", "--date", TODAY.isoformat())
    assert code == 3 and "steps.toml" in err, "every run reads the files, and says what is wrong"
    assert len(full_reads) == 2


@pytest.mark.parametrize("damage", [b"", b"{", b"[]", b'{"format": 1}', b"\xff\xfe", b'{"format":1,"version":null}'])
def test_a_damaged_or_foreign_index_is_passed_over(demo_dir, capsys, full_reads, isolated_folders, damage):
    _, first, _ = said(capsys, "today", "--date", TODAY.isoformat())
    index_file(demo_dir, isolated_folders["cache"]).write_bytes(damage)
    full_reads.clear()
    code, again, _ = said(capsys, "today", "--date", TODAY.isoformat())
    assert code == 0 and again == first and full_reads == [TODAY]
    assert json.loads(index_file(demo_dir, isolated_folders["cache"]).read_bytes())["format"] == FORMAT, "made again"


def test_types_from_elsewhere_in_an_entry_are_passed_over(demo_dir, capsys, full_reads, isolated_folders):
    _, first, _ = said(capsys, "today", "--date", TODAY.isoformat())
    path = index_file(demo_dir, isolated_folders["cache"])
    raw = json.loads(path.read_text("utf-8"))
    raw["sponsees"]["luis-r"]["record"]["recent"][0][1] = 12
    path.write_text(json.dumps(raw), "utf-8")
    full_reads.clear()
    assert said(capsys, "today", "--date", TODAY.isoformat())[1] == first and full_reads == [TODAY]


@pytest.mark.parametrize("digests", [None, [], "", 0, False])
def test_an_entry_whose_digests_are_not_a_table_is_passed_over(demo_dir, capsys, full_reads, isolated_folders,
                                                                digests):
    """A review found that a folder with nothing to check by content was taken at its word when the index said
    so with null, [] or "": only an empty table means that; anything else is a damaged index, and the files
    answer."""
    _, first, _ = said(capsys, "today", "--date", TODAY.isoformat())
    path = index_file(demo_dir, isolated_folders["cache"])
    raw = json.loads(path.read_text("utf-8"))
    raw["sponsees"]["luis-r"]["digests"] = digests
    path.write_text(json.dumps(raw), "utf-8")
    assert glance(demo_dir, isolated_folders["config"], isolated_folders["cache"]) is None
    full_reads.clear()
    assert said(capsys, "today", "--date", TODAY.isoformat())[1] == first and full_reads == [TODAY]


def test_deleting_the_index_or_the_cache_loses_nothing(demo_dir, capsys, full_reads, isolated_folders):
    before = {p: p.read_bytes() for p in (demo_dir / "sponsees").rglob("*") if p.is_file()}
    _, first, _ = said(capsys, "today", "--date", TODAY.isoformat())
    __import__("shutil").rmtree(demo_dir / FOLDER)
    __import__("shutil").rmtree(isolated_folders["cache"])
    full_reads.clear()
    assert said(capsys, "today", "--date", TODAY.isoformat())[1] == first and full_reads == [TODAY]
    assert {p: p.read_bytes() for p in (demo_dir / "sponsees").rglob("*") if p.is_file()} == before


def test_an_unwritable_index_folder_only_costs_speed(demo_dir, capsys, full_reads):
    (demo_dir / FOLDER).write_text("a file where the folder would go\n")
    _, first, _ = said(capsys, "today", "--date", TODAY.isoformat())
    assert said(capsys, "today", "--date", TODAY.isoformat())[1] == first
    assert len(full_reads) == 2 and (demo_dir / FOLDER).read_text() == "a file where the folder would go\n"


def test_each_machine_writes_only_its_own_index(demo_dir, capsys, full_reads, isolated_folders, tmp_path,
                                                monkeypatch):
    said(capsys, "today", "--date", TODAY.isoformat())
    first = index_file(demo_dir, isolated_folders["cache"])
    made = first.read_bytes()
    profile = demo_dir / "sponsees" / "luis-r" / "profile.toml"
    profile.write_text(profile.read_text("utf-8") + "# called his sister\n", "utf-8")  # every index stale now
    monkeypatch.setenv("SPONSORDESK_CACHE_DIR", str(tmp_path / "another-machine-cache"))
    full_reads.clear()
    said(capsys, "today", "--date", TODAY.isoformat())
    assert full_reads == [TODAY]
    assert sorted(p.name for p in (demo_dir / FOLDER).iterdir()) == sorted(
        [first.name, index_file(demo_dir, tmp_path / "another-machine-cache").name]), \
        "a second machine writes a file of its own: a sync tool never sees two writers of one file"
    assert first.read_bytes() == made, "and never the first machine's"


def test_a_machine_whose_cache_was_emptied_answers_from_the_index_it_made_before(demo_dir, capsys, full_reads,
                                                                                isolated_folders):
    """The index is named after the machine's id, kept in the cache folder: emptied, the id is made afresh.
    The index this computer made under its old id still holds, and is taken (``index.readable``)."""
    _, first, _ = said(capsys, "today", "--date", TODAY.isoformat())
    made = index_file(demo_dir, isolated_folders["cache"])
    __import__("shutil").rmtree(isolated_folders["cache"])
    found = glance(demo_dir, isolated_folders["config"], isolated_folders["cache"])
    assert found is not None and found.quick.adopted
    full_reads.clear()
    assert said(capsys, "today", "--date", TODAY.isoformat())[1] == first and full_reads == []
    assert [p.name for p in (demo_dir / FOLDER).iterdir()] == [made.name], "`today` wrote nothing"
    edit_keeping_size_and_mtime(demo_dir / "sponsees" / "luis-r" / "profile.toml", b"555", b"556")
    assert glance(demo_dir, isolated_folders["config"], isolated_folders["cache"]) is None, \
        "checked against the files as this machine's own would be"


def test_a_copy_of_the_index_made_by_a_sync_tool_is_never_taken(demo_dir, capsys, full_reads, isolated_folders,
                                                                tmp_path):
    """Another computer's copy of the data folder and its index: same paths, same sizes and mtimes (a sync tool
    keeps them), other inodes and ctimes. With no index of its own, the computer reads its files."""
    import shutil

    _, first, _ = said(capsys, "today", "--date", TODAY.isoformat())
    shutil.move(demo_dir, tmp_path / "the-other-computer")
    shutil.copytree(tmp_path / "the-other-computer", demo_dir, copy_function=shutil.copy2)
    shutil.rmtree(isolated_folders["cache"])
    assert glance(demo_dir, isolated_folders["config"], isolated_folders["cache"]) is None
    full_reads.clear()
    assert said(capsys, "today", "--date", TODAY.isoformat())[1] == first and full_reads == [TODAY]


def test_an_index_of_its_own_that_no_longer_holds_is_not_passed_over_for_another(demo_dir, capsys, full_reads,
                                                                                 isolated_folders, tmp_path,
                                                                                 monkeypatch):
    """Another id's index is tried only when there is none of this machine's: one that stopped holding (the
    files changed) means reading them, not parsing every other index in the folder first."""
    said(capsys, "today", "--date", TODAY.isoformat())
    monkeypatch.setenv("SPONSORDESK_CACHE_DIR", str(tmp_path / "second-cache"))
    said(capsys, "today", "--date", TODAY.isoformat())  # adopts the first, writes nothing
    profile = demo_dir / "sponsees" / "luis-r" / "profile.toml"
    profile.write_text(profile.read_text("utf-8") + "# a note\n", "utf-8")
    full_reads.clear()
    said(capsys, "today", "--date", TODAY.isoformat())  # reads the files, makes the second machine's own index
    assert full_reads == [TODAY] and glance(demo_dir, isolated_folders["config"], tmp_path / "second-cache")
    assert glance(demo_dir, isolated_folders["config"], isolated_folders["cache"]) is None, \
        "the first machine's own index is stale: it reads the files"


def test_a_reading_with_no_index_of_its_own_takes_the_one_that_vouches_for_its_day(demo_dir, capsys, tmp_path,
                                                                                   isolated_folders, monkeypatch):
    """``Context.vouched`` (what the app's reading leaves for later from) adopts too, and of two other ids'
    indexes prefers the one made for this day or before over a newer one made for a later day."""
    from sponsordesk.desk.context import Context

    later = TODAY + timedelta(days=10)
    monkeypatch.setenv("SPONSORDESK_CACHE_DIR", str(tmp_path / "cache-b"))
    said(capsys, "today", "--date", later.isoformat())  # the only index: made for a later day
    made_later = index_file(demo_dir, tmp_path / "cache-b")
    monkeypatch.setenv("SPONSORDESK_CACHE_DIR", str(tmp_path / "cache-a"))
    said(capsys, "today", "--date", TODAY.isoformat())  # cannot take it for this day: reads, makes its own
    made_today = index_file(demo_dir, tmp_path / "cache-a")
    os.utime(made_later, (2e9, 2e9))  # the later day's is the newest, tried first
    ctx = Context.build(data_dir=demo_dir, today=TODAY, config_dir=isolated_folders["config"],
                        cache_dir=tmp_path / "emptied")
    found = ctx.vouched(TODAY)
    assert found is not None and found.agenda, "the index made for this day, not the newer one made for later"
    assert json.loads(made_today.read_text("utf-8"))["sponsees"] == found.entries


def test_only_the_newest_two_other_indexes_are_parsed(demo_dir, capsys, isolated_folders):
    """With none of its own, at most two other ids' indexes are parsed: a folder of stale ones costs two parses
    at most, then the files are read."""
    said(capsys, "today", "--date", TODAY.isoformat())
    made = index_file(demo_dir, isolated_folders["cache"])
    shutil.rmtree(isolated_folders["cache"])
    for n, name in enumerate(("zzzy.json", "zzzz.json")):  # the same first bytes, then nothing that parses
        (demo_dir / FOLDER / name).write_bytes(made.read_bytes()[:400])
        os.utime(demo_dir / FOLDER / name, (2e9 + n, 2e9 + n))
    assert glance(demo_dir, isolated_folders["config"], isolated_folders["cache"]) is None
    (demo_dir / FOLDER / "zzzy.json").unlink()
    assert glance(demo_dir, isolated_folders["config"], isolated_folders["cache"]) is not None


def test_another_ids_index_made_for_another_config_folder_is_not_parsed(demo_dir, capsys, isolated_folders,
                                                                         tmp_path, monkeypatch):
    """Its first bytes name the config folder it was made for: passed over unparsed."""
    from sponsordesk.store import index

    monkeypatch.setenv("SPONSORDESK_CONFIG_DIR", str(tmp_path / "another-config"))
    said(capsys, "today", "--date", TODAY.isoformat())
    shutil.rmtree(isolated_folders["cache"])
    parsed = []
    real = index.json.loads
    monkeypatch.setattr(index.json, "loads", lambda data, *a, **k: parsed.append(len(data)) or real(data, *a, **k))
    assert glance(demo_dir, isolated_folders["config"], isolated_folders["cache"]) is None
    assert parsed == []


def test_a_huge_file_named_as_an_index_is_not_read_in_full(demo_dir, capsys, isolated_folders):
    """Another id's index is read only after its first bytes say it may answer (a review: 300 MB by an index's
    name made a `today` read all of it)."""
    import shutil
    import tracemalloc

    said(capsys, "today", "--date", TODAY.isoformat())
    shutil.rmtree(isolated_folders["cache"])
    with open(demo_dir / FOLDER / "zzzz.json", "wb") as huge:
        huge.truncate(200 * 1024 * 1024)  # sparse: no disk taken
    os.utime(demo_dir / FOLDER / "zzzz.json", (2e9, 2e9))  # the newest, tried first
    tracemalloc.start()
    try:
        found = glance(demo_dir, isolated_folders["config"], isolated_folders["cache"])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert found is not None and found.quick.adopted, "the real one after it still answers"
    assert peak < 50 * 1024 * 1024, peak


async def start_app(data: Path, config: Path) -> None:
    """The app opened on ``data`` until its notebook is read, then closed."""
    from sponsordesk.tui.app import SponsorDeskApp
    from tests.tui.settle import opened, settled

    async with opened(SponsorDeskApp(data_dir=data, config_dir=config, today=TODAY), (100, 30)) as pilot:
        await settled(pilot)
        assert pilot.app.desk.loaded


async def test_the_app_makes_the_index_when_it_could_not_answer_and_only_then(demo_dir, config_dir,
                                                                            isolated_folders):
    await start_app(demo_dir, config_dir)
    made = index_file(demo_dir, isolated_folders["cache"])
    first = made.stat()
    assert glance(demo_dir, config_dir, isolated_folders["cache"]) is not None, "the next start can answer from it"
    await start_app(demo_dir, config_dir)
    assert made.stat().st_mtime_ns == first.st_mtime_ns and made.stat().st_ino == first.st_ino, \
        "a start the index answered does not pay for writing it again"


async def test_the_app_after_its_cache_was_emptied_answers_from_the_old_index_and_makes_its_own(
        demo_dir, config_dir, isolated_folders, monkeypatch):
    import shutil

    glanced: list[bool | None] = []  # None: the index did not answer; else whether another id's did
    real = Glance.open

    def counted(*args, **kwargs):
        found = real(*args, **kwargs)
        glanced.append(None if found is None else found.quick.adopted)
        return found

    monkeypatch.setattr(Glance, "open", counted)
    await start_app(demo_dir, config_dir)
    old = index_file(demo_dir, isolated_folders["cache"])
    shutil.rmtree(isolated_folders["cache"])
    glanced.clear()
    await start_app(demo_dir, config_dir)
    assert glanced == [True], "the roster came from the index made under the old id"
    own = index_file(demo_dir, isolated_folders["cache"])
    assert own != old and own.read_bytes() == old.read_bytes(), "and this machine's own was made from the files"
    glanced.clear()
    await start_app(demo_dir, config_dir)
    assert glanced == [False], "the next start answers from its own"


def test_saves_keep_the_index_fresh_when_the_desk_closes(demo_dir, config_dir, capsys, full_reads, isolated_folders):
    from sponsordesk.desk import Desk
    from sponsordesk.desk.context import Context

    said(capsys, "today", "--date", TODAY.isoformat())  # the index
    desk = Desk.open(Context.build(data_dir=demo_dir, config_dir=config_dir, today=TODAY))
    sponsee = desk.agenda()[0].id
    desk.snooze(sponsee, TODAY + timedelta(days=2))
    assert glance(demo_dir, config_dir, isolated_folders["cache"]) is None, "the save changed a file it signs"
    desk.close()
    fresh = glance(demo_dir, config_dir, isolated_folders["cache"])
    assert fresh is not None, "the saved sponsee's entry made again on closing"
    assert sponsee not in [found.id for found in fresh.agenda()], "and it says what the files say: snoozed"
    full_reads.clear()
    quick, full = answer_both_ways(capsys, TODAY, "--json")
    assert full_reads == [TODAY] and quick == full


def test_closing_after_a_save_makes_no_index_where_there_was_none_and_keeps_none_with_a_problem(
        demo_dir, config_dir, capsys, isolated_folders):
    from sponsordesk.desk import Desk
    from sponsordesk.desk.context import Context

    desk = Desk.open(Context.build(data_dir=demo_dir, config_dir=config_dir, today=TODAY))
    desk.snooze(desk.agenda()[0].id, TODAY + timedelta(days=2))
    desk.close()
    assert not (demo_dir / FOLDER).exists() or not any((demo_dir / FOLDER).iterdir()), \
        "none to keep fresh: the next whole reading makes one"
    said(capsys, "today", "--date", TODAY.isoformat())
    desk = Desk.open(Context.build(data_dir=demo_dir, config_dir=config_dir, today=TODAY))
    sponsee = desk.agenda()[0].id
    desk.snooze(sponsee, TODAY + timedelta(days=2))
    steps = demo_dir / "sponsees" / sponsee / "steps.toml"
    steps.write_text("[[step]\n", "utf-8")  # broken in an editor before the window closed
    desk.close()
    assert glance(demo_dir, config_dir, isolated_folders["cache"]) is None
    assert not any((demo_dir / FOLDER).iterdir()), "an index is never kept beside a file that does not load"


def test_closing_leaves_alone_an_index_made_for_a_later_day(data_dir, config_dir, capsys, full_reads,
                                                            isolated_folders):
    """Found by a review: a window with --today set back (or a `today --date` ahead while it was open)
    marked the index as made on its day, keeping entries that lack that day's contacts."""
    from sponsordesk.desk import Desk
    from sponsordesk.desk.context import Context

    generate(data_dir, sponsees=24, contacts=3000, seed=11, today=TODAY)
    said(capsys, "today", "--date", TODAY.isoformat())
    back = TODAY - timedelta(days=100)
    desk = Desk.open(Context.build(data_dir=data_dir, config_dir=config_dir, today=back))
    desk.snooze(desk.agenda()[0].id, back + timedelta(days=2))
    desk.close()
    full_reads.clear()
    quick, full = answer_both_ways(capsys, back, "--json")
    assert full_reads == [back, back], "the index made for a later day answers no earlier one"
    assert quick == full


def test_closing_leaves_alone_an_index_whose_folders_changed_since(demo_dir, config_dir, capsys, full_reads,
                                                                 isolated_folders, tmp_path):
    """Found by a review: a link put in sponsees/ (or a restore's folder at the top) while the app was open
    was signed into the index on closing without the problem a whole reading reports."""
    from sponsordesk.desk import Desk
    from sponsordesk.desk.context import Context

    said(capsys, "today", "--date", TODAY.isoformat())
    desk = Desk.open(Context.build(data_dir=demo_dir, config_dir=config_dir, today=TODAY))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (demo_dir / "sponsees" / "pat-q").symlink_to(elsewhere)
    desk.snooze(desk.agenda()[0].id, TODAY + timedelta(days=2))
    desk.close()
    full_reads.clear()
    code, out, err = said(capsys, "today", "--date", TODAY.isoformat())
    assert full_reads == [TODAY] and code == 3 and "pat-q" in err


def test_a_sponsees_folder_moved_and_linked_back_is_not_answered_from_the_index(demo_dir, capsys, full_reads):
    """Found by a review: the index listed sponsees/ through a link, which the files load nobody through."""
    said(capsys, "today", "--date", TODAY.isoformat())
    (demo_dir / "sponsees").rename(demo_dir.parent / "moved")
    (demo_dir / "sponsees").symlink_to(demo_dir.parent / "moved")
    full_reads.clear()
    code, _, _ = said(capsys, "today", "--date", TODAY.isoformat())
    assert full_reads == [TODAY] and code == 3


# ------------------------------------------------------------ found by an adversarial review


def test_a_linked_index_folder_is_never_written_through_and_nothing_is_deleted_there(demo_dir, capsys, tmp_path):
    victim = tmp_path / "victim"
    victim.mkdir()
    old = victim / "tax-2024.pdf"
    old.write_bytes(b"%PDF")
    os.utime(old, (1_600_000_000, 1_600_000_000))
    os.symlink(victim, demo_dir / FOLDER)
    assert said(capsys, "today", "--date", TODAY.isoformat())[0] == 0
    assert sorted(p.name for p in victim.iterdir()) == ["tax-2024.pdf"], "nothing deleted, no names written there"


def test_only_other_machines_index_files_long_unwritten_are_deleted(demo_dir, capsys, isolated_folders):
    folder = demo_dir / FOLDER
    folder.mkdir(mode=0o700)
    stale, fresh, other = folder / "abcdef.json", folder / "ghijkm.json", folder / "notes.txt"
    for path in (stale, fresh, other):
        path.write_text("{}")
    (folder / "sub").mkdir()
    os.utime(stale, (1_600_000_000, 1_600_000_000))
    os.utime(other, (1_600_000_000, 1_600_000_000))
    said(capsys, "today", "--date", TODAY.isoformat())
    left = sorted(p.name for p in folder.iterdir())
    own = index_file(demo_dir, isolated_folders["cache"]).name
    assert left == sorted(["ghijkm.json", "notes.txt", "sub", own])


@pytest.mark.parametrize("kind", ["fifo", "link to a device", "link to a file"])
def test_something_else_by_the_index_name_neither_hangs_nor_stops_today(demo_dir, capsys, isolated_folders, kind,
                                                                        tmp_path):
    said(capsys, "today", "--date", TODAY.isoformat())
    path = index_file(demo_dir, isolated_folders["cache"])
    path.unlink()
    target = tmp_path / "elsewhere.json"
    target.write_text("{}")
    {"fifo": lambda: os.mkfifo(path), "link to a device": lambda: os.symlink("/dev/zero", path),
     "link to a file": lambda: os.symlink(target, path)}[kind]()
    code, out, _ = said(capsys, "today", "--date", TODAY.isoformat())  # a FIFO read would block here for ever
    assert code == 0 and "Luis R." in out
    assert path.is_file() and not path.is_symlink(), "replaced by a real index"
    assert target.read_text() == "{}", "never written through"


HOSTILE = {
    "a number for a name": ("display_name", 5),
    "a huge cadence": ("cadence_days", 10**20),
    "a date past the calendar": ("sobriety_date", "9999-12-31"),
    "a milestone no program holds": ("milestones", ["abc"]),
    "a state no one has": ("state", "gone"),
    "a boolean for yearly": ("yearly", "yes"),
}


@pytest.mark.parametrize("key, value", list(HOSTILE.values()), ids=list(HOSTILE))
def test_values_no_model_would_hold_send_today_to_the_files(demo_dir, capsys, full_reads, isolated_folders, key,
                                                            value):
    _, first, _ = said(capsys, "today", "--date", TODAY.isoformat(), "--json")
    path = index_file(demo_dir, isolated_folders["cache"])
    raw = json.loads(path.read_text("utf-8"))
    raw["sponsees"]["luis-r"]["record"][key] = value
    path.write_text(json.dumps(raw), "utf-8")
    full_reads.clear()
    code, again, err = said(capsys, "today", "--date", TODAY.isoformat(), "--json")
    assert (code, again, err) == (0, first, "") and full_reads == [TODAY]


def test_deep_nesting_in_the_index_is_passed_over(demo_dir, capsys, full_reads, isolated_folders):
    _, first, _ = said(capsys, "today", "--date", TODAY.isoformat())
    index_file(demo_dir, isolated_folders["cache"]).write_text("[" * 200_000)
    full_reads.clear()
    assert said(capsys, "today", "--date", TODAY.isoformat())[1] == first and full_reads == [TODAY]


def test_a_cache_folder_that_cannot_keep_an_id_makes_no_index(demo_dir, capsys, monkeypatch, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("SPONSORDESK_CACHE_DIR", str(blocker / "cache"))  # under a file: nothing can be written
    for _ in range(3):
        assert said(capsys, "today", "--date", TODAY.isoformat())[0] == 0
    assert not (demo_dir / FOLDER).exists(), "a new id each run would leave a new file of names each run"


def test_a_contacts_folder_replaced_by_a_link_is_seen(demo_dir, capsys, full_reads, isolated_folders, tmp_path):
    said(capsys, "today", "--date", TODAY.isoformat())
    contacts = demo_dir / "sponsees" / "dana-o" / "contacts"
    os.rename(contacts, tmp_path / "contacts")
    os.symlink(tmp_path / "contacts", contacts)
    full_reads.clear()
    code, _, err = said(capsys, "today", "--date", TODAY.isoformat())
    assert code == 3 and "a link to another place" in err and full_reads == [TODAY], \
        "the files say what is wrong, even with the facts cache warm"


def test_a_linked_program_file_is_signed_through_its_link(demo_dir, capsys, isolated_folders, tmp_path):
    config, cache = isolated_folders["config"], isolated_folders["cache"]
    (config / "programs").mkdir(parents=True)
    dotfile = tmp_path / "dotfiles-na.toml"
    dotfile.write_text('key = "NA"\nname = "Narcotics Anonymous"\nmilestones = ["30d"]\nyearly = false\n')
    os.symlink(dotfile, config / "programs" / "na.toml")
    os.utime(dotfile, (1_700_000_000, 1_700_000_000))
    said(capsys, "today", "--date", TODAY.isoformat())
    assert glance(demo_dir, config, cache) is not None
    dotfile.write_text('key = "NA"\nname = "Narcotics Anonymous"\nmilestones = ["1y"]\nyearly = true\n')
    assert glance(demo_dir, config, cache) is None


def test_another_time_zone_is_another_index(demo_dir, capsys, isolated_folders, monkeypatch):
    said(capsys, "today", "--date", TODAY.isoformat())
    config, cache = isolated_folders["config"], isolated_folders["cache"]
    assert glance(demo_dir, config, cache) is not None
    # Cairo and Athens share names and both sampled offsets, but not the days their clocks change
    monkeypatch.setenv("TZ", "Africa/Cairo")
    assert glance(demo_dir, config, cache) is None


def test_the_shipped_programs_are_signed_too(demo_dir, capsys, isolated_folders, monkeypatch, tmp_path):
    import sponsordesk.store.index as index

    shipped = tmp_path / "shipped"
    __import__("shutil").copytree(index.SHIPPED, shipped)
    for path in shipped.iterdir():
        os.utime(path, (1_700_000_000, 1_700_000_000))
    monkeypatch.setattr(index, "SHIPPED", shipped)
    said(capsys, "today", "--date", TODAY.isoformat())
    config, cache = isolated_folders["config"], isolated_folders["cache"]
    assert glance(demo_dir, config, cache) is not None
    (shipped / "__pycache__").mkdir(exist_ok=True)
    (shipped / "__pycache__" / "__init__.cpython-311.pyc").write_bytes(b"written by the first import")
    os.utime(shipped / "__pycache__", None)
    (config / "programs").mkdir(parents=True, exist_ok=True)
    (config / "programs" / "notes.txt").write_text("not a program")
    assert glance(demo_dir, config, cache) is not None, "what no program is read from is not signed (a flake)"
    na = shipped / "na.toml"
    na.write_text(na.read_text().replace("yearly = true", "yearly = false"))
    assert glance(demo_dir, config, cache) is None, "a patched install, the same version number"


def test_names_stay_in_the_data_folder(demo_dir, capsys, isolated_folders):
    said(capsys, "today", "--date", TODAY.isoformat())
    said(capsys, "today", "--date", TODAY.isoformat())
    names = ("Luis", "Romero", "Marcus", "Priya", "555-01")
    assert any(n in index_file(demo_dir, isolated_folders["cache"]).read_text("utf-8") for n in names)
    for path in isolated_folders["cache"].rglob("*"):
        if path.is_file():
            text = path.read_bytes().decode("utf-8", "replace")
            assert not any(n in text for n in names), f"{path.name} in the cache folder holds a name"


# ------------------------------------------------------------ found by a second review


def test_a_file_name_that_is_not_utf8_is_kept_as_it_is(demo_dir, capsys, full_reads, isolated_folders):
    odd = os.path.join(os.fsencode(demo_dir / "sponsees" / "dana-o"), b"scan-\xff.pdf")
    with open(odd, "wb") as handle:
        handle.write(b"%PDF")
    code, first, _ = said(capsys, "today", "--date", TODAY.isoformat())
    assert code == 0 and "Dana O." in first
    full_reads.clear()
    assert said(capsys, "today", "--date", TODAY.isoformat())[1] == first and full_reads == [], "from the index"


def test_other_rules_behind_the_same_zone_name_are_another_index(demo_dir, capsys, isolated_folders, monkeypatch,
                                                               tmp_path):
    zone = tmp_path / "zone"
    zone.write_bytes(Path("/usr/share/zoneinfo/Europe/Athens").read_bytes())
    monkeypatch.setenv("TZ", str(zone))
    said(capsys, "today", "--date", TODAY.isoformat())
    config, cache = isolated_folders["config"], isolated_folders["cache"]
    assert glance(demo_dir, config, cache) is not None
    zone.write_bytes(Path("/usr/share/zoneinfo/Africa/Cairo").read_bytes())  # a tzdata update, say
    assert glance(demo_dir, config, cache) is None


def test_a_contact_from_a_year_no_file_could_hold_is_not_taken_from_an_index():
    from sponsordesk.store.facts import facts_of_row

    with pytest.raises(ValueError):
        facts_of_row(["c-1", "0001-01-01T00:00:00+00:00", "call", "sponsee", None, False, False, None])


def test_today_after_an_edit_names_ended_sponsorships_from_the_index_and_says_what_the_files_say(
        demo_dir, capsys, full_reads, isolated_folders, monkeypatch):
    """An edit sends `today` to the files; the ended sponsorships whose files still match are named from the
    index (their profiles not parsed), and the agenda is the same word for word."""
    from sponsordesk.store.store import Store

    said(capsys, "today", "--date", TODAY.isoformat())
    luis = demo_dir / "sponsees" / "luis-r" / "profile.toml"
    luis.write_bytes(luis.read_bytes() + b"\n")
    parsed: list[Path] = []
    real = Store._read
    monkeypatch.setattr(Store, "_read", lambda self, path, model: (parsed.append(path), real(self, path, model))[1])
    full_reads.clear()
    code, first, _ = said(capsys, "today", "--date", TODAY.isoformat(), "--json")
    assert code == 0 and full_reads == [TODAY]
    assert luis in parsed and demo_dir / "sponsees" / "jordan-k" / "profile.toml" not in parsed
    for made in (demo_dir / FOLDER).iterdir():
        made.unlink()
    code, again, _ = said(capsys, "today", "--date", TODAY.isoformat(), "--json")
    assert code == 0 and again == first
