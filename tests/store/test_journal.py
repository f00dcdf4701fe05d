"""A save of several files is all or nothing, whatever fails and wherever the process dies."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from sponsordesk.model import Contact, Sponsee, Suggestion
from sponsordesk.store import Store, StoreError, journal, layout, tomlio
from sponsordesk.store.changes import contact_changes, profile_change, suggestion_change
from sponsordesk.store.doctor import check
from sponsordesk.store.startup import start_writing

from tests.conftest import NOW, TODAY

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TZ = timezone(timedelta(hours=-5))
JOURNAL = ".sponsordesk-journal.toml"


def setup(data_dir: Path) -> tuple[Store, Sponsee, list]:
    """A sponsee, and one save that touches three files: a contact, its two suggestions, the profile's notes."""
    store = Store(data_dir)
    sponsee = Sponsee(id="sam-r", name="Sam Rivera", notes="before")
    store.add_entries("sam-r", profile=sponsee, contacts=[Contact(id="c-0", at=datetime(2026, 3, 1, tzinfo=TZ))],
                      suggestions=[Suggestion(id="s-0", text="Call first", given=date(2026, 3, 1))])
    contact = Contact(id="c-1", at=datetime(2026, 5, 1, 19, tzinfo=TZ), summary="long talk")
    changes = [*contact_changes("sam-r", None, contact),
               *(suggestion_change("sam-r", None, Suggestion(id=f"s-1-{k}", text="Read", given=date(2026, 5, 1),
                                                             contact="c-1")) for k in range(2)),
               profile_change(sponsee, sponsee.model_copy(update={"notes": "after"}))]
    return Store(data_dir), sponsee, changes


def files(data_dir: Path) -> dict[str, bytes]:
    folder = layout.sponsee_dir(data_dir, "sam-r")
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.toml")}


def leftovers(data_dir: Path) -> list[str]:
    return sorted(p.name for p in data_dir.rglob("*") if p.name.endswith(".sdtmp") or p.name == JOURNAL)


def test_a_save_of_several_files_renames_them_after_a_journal_and_then_removes_it(data_dir, monkeypatch):
    store, _, changes = setup(data_dir)
    seen = []
    real = os.replace

    def replace(source, target):
        if not str(target).endswith(JOURNAL):
            seen.append(tomlio.parse(Path(data_dir, JOURNAL).read_bytes()))  # the journal is there first
        real(source, target)

    monkeypatch.setattr(os, "replace", replace)
    written = store.commit(changes).written
    assert len(written) == 3 and len(seen) == 3
    names = [(r["temp"], r["target"]) for r in seen[0]["rename"]]
    assert sorted(target for _, target in names) == sorted(p.relative_to(data_dir).as_posix() for p in written)
    assert all(Path(temp).parent == Path(target).parent and temp.endswith(".sdtmp") for temp, target in names)
    assert "Sam" not in str(seen[0]) and "long talk" not in str(seen[0]), "the journal names files only"
    assert leftovers(data_dir) == []
    for path in written:
        assert tomlio.is_private(path)


def _count(data_dir: Path, changes: list, name: str) -> int:
    """How many times a clean save of ``changes`` calls os.<name>."""
    calls = []
    real = getattr(os, name)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, name, lambda *a, **k: (calls.append(a), real(*a, **k))[1])
        Store(data_dir).commit(changes)
    return len(calls)


@pytest.mark.parametrize("lasting", [False, True], ids=["fails once", "fails from then on"])
@pytest.mark.parametrize("name", ["replace", "fsync", "open"])
def test_a_failure_at_any_step_leaves_all_files_old_or_all_new_after_recover(tmp_path, name, lasting):
    template = tmp_path / "template"
    setup(template)
    before = files(template)
    done = tmp_path / "done"
    _, _, changes = setup(done)
    calls = _count(done, changes, name)
    after = files(done)
    assert calls >= 3 and before.keys() <= after.keys() and before != after
    outcomes = set()
    for failing in range(1, calls + 1):
        data = tmp_path / f"{name}-{failing}"
        store, _, changes = setup(data)
        count, real, recorded = [0], getattr(os, name), []

        def fail(*args, **kwargs):
            count[0] += 1
            if count[0] == failing or (lasting and count[0] > failing):
                recorded.append((data / JOURNAL).exists())
                raise OSError(5, "Input/output error")
            return real(*args, **kwargs)

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(os, name, fail)
            try:
                store.commit(changes)
                raised = None
            except StoreError as error:
                raised = str(error)
        if raised and "could not finish" not in raised:  # refused before the journal: nothing changed at all
            assert files(data) == before and leftovers(data) == [], (name, failing)
            assert "sponsees/sam-r/" in raised and "long talk" not in raised
        fresh = Store(data)  # the next start
        fresh.recover()
        fresh.cleanup_temp_files()
        now = files(data)
        assert now in (before, after), (name, failing)
        assert leftovers(data) == []
        outcomes.add((raised is None, now == after, bool(recorded) and recorded[0]))
    assert (False, False, False) in outcomes, "some failure refused the whole save"
    if name == "replace":  # a rename failed after the save was recorded: retried at once, or on the next start
        assert (False, True, True) in outcomes if lasting else (True, True, True) in outcomes


def _pending(data_dir: Path) -> tuple[Store, dict[str, bytes]]:
    """A save recorded in the journal whose renames all failed: (store, files as they were before)."""
    store, _, changes = setup(data_dir)
    before = files(data_dir)
    real = os.replace
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "replace", lambda s, t: real(s, t) if str(t).endswith(JOURNAL) else _eio())
        with pytest.raises(StoreError, match=r"could not finish saving sponsees/sam-r/.*the change is recorded"):
            store.commit(changes)
    assert (data_dir / JOURNAL).exists() and files(data_dir) == before
    return Store(data_dir), before


def _eio():
    raise OSError(5, "Input/output error")


def test_recover_is_idempotent_and_cleanup_never_removes_what_a_journal_needs(data_dir):
    store, before = _pending(data_dir)
    assert store.cleanup_temp_files() == 0, "the temp files are the save"
    assert files(data_dir) == before
    assert store.recover().finished == 3
    after = files(data_dir)
    assert after != before and "c-1" in after["contacts/2026.toml"].decode()
    assert store.recover().finished == 0 and files(data_dir) == after and leftovers(data_dir) == []


def test_a_commit_finishes_a_pending_save_first(data_dir):
    store, _ = _pending(data_dir)
    sponsee = store.load(TODAY)[0].sponsee
    store.commit([profile_change(sponsee, sponsee.model_copy(update={"phone": "555"}))])
    record = Store(data_dir).load(TODAY)[0]
    assert record.sponsee.notes == "after" and record.sponsee.phone == "555"
    assert [s.id for s in record.suggestions] == ["s-0", "s-1-0", "s-1-1"] and leftovers(data_dir) == []


def test_the_next_start_finishes_the_save_before_removing_temp_files(data_dir):
    store, _ = _pending(data_dir)
    (layout.sponsee_dir(data_dir, "sam-r") / ".profile.toml.deadbeef.sdtmp").write_text("an unrecorded save")
    result = start_writing(store, NOW, keep=3)
    assert any("Finished a save that was interrupted (3 files)" in n for n in result.notices)
    assert Store(data_dir).load(TODAY)[0].sponsee.notes == "after" and leftovers(data_dir) == []


def test_a_file_changed_since_is_not_overwritten_its_new_version_is_kept_beside_it(data_dir):
    store, _ = _pending(data_dir)
    profile = layout.profile_path(data_dir, "sam-r")
    edited = profile.read_bytes().replace(b'notes = "before"', b'notes = "edited in a text editor"')
    profile.write_bytes(edited)
    earlier = profile.with_name("profile (conflict - unfinished save).toml")
    earlier.write_text("an earlier copy")
    recovery = store.recover()
    assert profile.read_bytes() == edited and earlier.read_text() == "an earlier copy"
    copy = profile.with_name("profile (conflict - unfinished save 2).toml")
    assert recovery.conflicts == [copy] and b'notes = "after"' in copy.read_bytes()
    fresh = Store(data_dir)
    assert fresh.load(TODAY)[0].sponsee.notes == "edited in a text editor"
    assert any(p.path == copy and "sync-conflict" in p.message for p in fresh.problems)


def test_a_save_that_finishes_a_pending_one_says_which_copy_it_kept_as_the_start_does(data_dir):
    store, _ = _pending(data_dir)
    profile = layout.profile_path(data_dir, "sam-r")
    profile.write_bytes(profile.read_bytes().replace(b'notes = "before"', b'notes = "edited meanwhile"'))
    sponsee = store.load(TODAY)[0].sponsee
    store.commit([profile_change(sponsee, sponsee.model_copy(update={"phone": "555"}))])
    copy = profile.with_name("profile (conflict - unfinished save).toml")
    kept = [p for p in store.problems if p.path == copy]
    assert len(kept) == 1 and kept[0].severity == "warning"
    assert kept[0] == journal.Recovery(conflicts=[copy]).problems()[0], "one wording for the start, a save, doctor"
    assert Store(data_dir).load(TODAY)[0].sponsee.notes == "edited meanwhile"


@pytest.mark.parametrize("text", ["not toml [", 'schema_version = 1\n[[rename]]\ntemp = "../outside.sdtmp"\n'
                                  'target = "../outside"\nbefore = "absent"\n',
                                  'schema_version = 1\n[[rename]]\ntemp = "sponsees/sam-r/.steps.toml.1.sdtmp"\n'
                                  'target = "sponsees/sam-r/profile.toml"\nbefore = "absent"\n'])
def test_a_journal_that_cannot_be_trusted_is_reported_and_its_temp_files_kept(data_dir, config_dir, text):
    store, before = _pending(data_dir)
    (data_dir / JOURNAL).write_text(text)
    temps = sorted(p for p in data_dir.rglob("*.sdtmp"))
    result = start_writing(store, NOW, keep=3)
    assert [p.path.name for p in result.problems if "interrupted save" in p.message] == [JOURNAL]
    assert sorted(p for p in data_dir.rglob("*.sdtmp")) == temps and files(data_dir) == before
    with pytest.raises(StoreError, match="interrupted save"):
        store.commit([profile_change(store.load(TODAY)[0].sponsee,
                                     store.load(TODAY)[0].sponsee.model_copy(update={"phone": "1"}))])
    report = check(data_dir, config_dir, TODAY)
    assert any(p.path.name == JOURNAL and p.severity == "error" for p in report.problems)
    assert not any("safe to delete" in p.hint for p in report.problems)


def test_the_doctor_mentions_a_pending_save_and_fix_finishes_it(data_dir, config_dir):
    _pending(data_dir)
    report = check(data_dir, config_dir, TODAY)
    assert [p.message for p in report.problems if p.path.name == JOURNAL] == [
        "a save of several files was interrupted and is not finished yet"]
    assert not any("safe to delete" in p.hint for p in report.problems), "its temp files are the save"
    fixed = check(data_dir, config_dir, TODAY, fix=True)
    assert "finished an interrupted save of 3 files" in fixed.fixed and leftovers(data_dir) == []
    assert Store(data_dir).load(TODAY)[0].sponsee.notes == "after"


# A small fork server: it imports and warms up once, then each round forks a child that commits saves of
# several files in a loop (a contact, its two suggestions and the profile; then, every other time, the
# contact's deletion with its suggestions) until the test kills it.
SAVER = textwrap.dedent("""
    import os, sys
    from datetime import date, datetime, timedelta, timezone
    from pathlib import Path
    from sponsordesk.model import Contact, Suggestion
    from sponsordesk.store import Store
    from sponsordesk.store.changes import contact_changes, profile_change, suggestion_change
    from sponsordesk.model import Sponsee

    def saves(root, prefix, count):
        store = Store(root)
        base = store.load(date(2026, 11, 21))[0].sponsee
        yield
        for n in range(count):
            at = datetime(2026, 5, 1, tzinfo=timezone.utc) + timedelta(minutes=n)
            contact = Contact(id=f"c-{prefix}-{n}", at=at)
            notes = base.model_copy(update={"notes": contact.id})
            store.commit([*contact_changes("sam-r", None, contact), profile_change(base, notes),
                          *(suggestion_change("sam-r", None, Suggestion(id=f"s-{contact.id}-{k}", text="x",
                            given=at.date(), contact=contact.id)) for k in range(2))])
            base = notes
            if n % 2:  # every other one is deleted again, with its suggestions: the files stay small
                store.commit([*contact_changes("sam-r", contact, None),
                              *(suggestion_change("sam-r", s, None) for s in store.suggestions("sam-r")
                                if s.contact == contact.id)])

    import time
    real_replace = os.replace

    def replace(source, target):  # a rename takes longer, as on a busy disk: more kills land between two
        real_replace(source, target)
        time.sleep(0.001)

    os.replace = replace
    root = Path(sys.argv[1])
    warm = root.parent / "warm-up"  # the first save in a process is slow; children inherit a warmed-up one
    Store(warm).add_entries("sam-r", profile=Sponsee(id="sam-r", name="Sam"))
    for _ in saves(warm, "w", 4):
        pass
    from sponsordesk.store import journal
    real_write_journal = journal._write_journal

    def parked(at):
        # _write_journal stopping at "temps" (written, no journal names them) or "recorded" (the journal
        # written, nothing renamed yet); it says so and waits there for the kill
        def write_journal(root, renames):
            if at == "temps":
                print("parked", flush=True)
                time.sleep(120)
            recorded = real_write_journal(root, renames)
            if at == "recorded":
                print("parked", flush=True)
                time.sleep(120)
            return recorded
        return write_journal

    for line in sys.stdin:
        pid = os.fork()
        if pid == 0:
            if line.strip() != "go":
                journal._write_journal = parked(line.strip())
            for _ in saves(root, os.getpid(), 10**9):
                print(os.getpid(), flush=True)  # loaded, about to save
        os.waitpid(pid, 0)
        print("killed", flush=True)
""")


@pytest.mark.slow
def test_killed_at_any_moment_of_many_saves_each_contact_has_all_its_suggestions_or_none(data_dir):
    store = Store(data_dir)
    store.add_entries("sam-r", profile=Sponsee(id="sam-r", name="Sam Rivera"))
    rng = random.Random(11)
    finished = rolled_back = 0
    server = subprocess.Popen([sys.executable, "-B", "-c", SAVER, str(data_dir)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, cwd=REPO, text=True)
    pid = None
    try:
        # Two kills at a known moment first, so both ways back are taken however busy the machine is (under
        # a heavy load the random ones once all landed before any journal was written): then 200 at random.
        for when in ["temps", "recorded", *["go"] * 200]:
            server.stdin.write(when + "\n")
            server.stdin.flush()
            pid = int(server.stdout.readline())  # it is about to save: the kill lands among its saves
            if when == "go":
                time.sleep(rng.uniform(0, 0.015))  # when to kill is the input here, not a wait for some state
            else:
                assert server.stdout.readline() == "parked\n"  # stopped where it was asked to, until killed
            os.kill(pid, signal.SIGKILL)
            assert server.stdout.readline() == "killed\n"
            fresh = Store(data_dir)  # what the next writer does first
            done, removed = fresh.recover().finished, fresh.cleanup_temp_files()
            assert when != "temps" or (removed and not done), "temp files no journal named are rolled back"
            assert when != "recorded" or done, "a save whose journal was written is finished"
            finished += bool(done)
            rolled_back += bool(removed)
            _check_all_or_nothing(data_dir)
    finally:
        if pid is not None:  # a check above failed with the saver parked or saving: it must not live on
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        server.kill()
        server.wait()
    assert finished and rolled_back, "kills landed both before and after a save was recorded"


def _check_all_or_nothing(data_dir: Path) -> None:
    folder = layout.sponsee_dir(data_dir, "sam-r")
    for path in folder.rglob("*.toml"):
        tomlio.parse(path.read_bytes())  # every file parses
    assert not any(p.name.endswith(".sdtmp") for p in folder.rglob("*")) and not (data_dir / JOURNAL).exists()
    store = Store(data_dir)
    record = store.load(TODAY)[0]
    assert store.problems == []
    contacts = {c.id for c in store.iter_contacts("sam-r")}
    by_contact: dict[str, set[str]] = {}
    for suggestion in record.suggestions:
        by_contact.setdefault(suggestion.contact, set()).add(suggestion.id)
    for contact_id in contacts:
        assert by_contact.pop(contact_id, set()) == {f"s-{contact_id}-0", f"s-{contact_id}-1"}, contact_id
    assert by_contact == {}, "suggestions of a contact that is not there"
    if record.sponsee.notes:  # the profile was saved with the contact it names
        assert record.sponsee.notes in contacts or not record.sponsee.notes.endswith(("0", "2", "4", "6", "8"))


def test_the_start_up_chores_never_remove_a_save_under_way_in_another_thread(data_dir, monkeypatch):
    """The app runs its chores in a worker while the window can already save: the two take turns."""
    import threading

    from sponsordesk.model import Contact, Suggestion
    from sponsordesk.store.changes import contact_changes, suggestion_change

    store = Store(data_dir)
    store.add_entries("sam-r", profile=Sponsee(id="sam-r", name="Sam Rivera"))
    temps_written, journal_may_go = threading.Event(), threading.Event()
    real = journal._write_journal

    def slow_journal(root, renames):
        temps_written.set()  # the temp files are on disk and no journal names them yet
        journal_may_go.wait(10)
        return real(root, renames)

    monkeypatch.setattr(journal, "_write_journal", slow_journal)
    contact = Contact(id="c-1", at=datetime(2026, 11, 20, 19).astimezone(), summary="rough day")
    changes = [*contact_changes("sam-r", None, contact),
               suggestion_change("sam-r", None, Suggestion(id="s-1", text="call first", given=TODAY))]
    saving = threading.Thread(target=store.commit, args=(changes,))
    saving.start()
    assert temps_written.wait(10)
    chores = threading.Thread(target=Store(data_dir).cleanup_temp_files)
    chores.start()
    chores.join(0.2)
    assert chores.is_alive(), "the chores wait for the save"
    journal_may_go.set()
    saving.join(10)
    chores.join(10)
    fresh = Store(data_dir)
    assert [c.id for c in fresh.iter_contacts("sam-r")] == ["c-1"] and [s.id for s in fresh.suggestions("sam-r")] == ["s-1"]


def test_a_temp_file_that_vanished_is_never_taken_for_a_rename_done(data_dir):
    _, before = _pending(data_dir)
    for temp, *_ in journal.read(data_dir):
        temp.unlink()  # what a careless clean-up would do to a save in progress
    with pytest.raises(journal.JournalError, match="did not finish"):
        journal.recover(data_dir)
    assert files(data_dir) == before and journal.pending(data_dir), "nothing claimed as saved; the journal kept"


def test_a_sync_merge_finishes_an_interrupted_save_first_and_merges_the_copy_it_keeps(data_dir, config_dir, tmp_path):
    from sponsordesk.desk import Desk
    from sponsordesk.desk.context import Context

    store, _, changes = setup(data_dir)
    ctx = Context.build(data_dir=data_dir, config_dir=config_dir, today=TODAY, cache_dir=tmp_path / "cache")
    desk = Desk.open(ctx)  # the writer: the start-up chores already ran
    real = os.replace
    with pytest.MonkeyPatch.context() as patch:  # a save of this window interrupted after its journal
        patch.setattr(os, "replace", lambda s, t: real(s, t) if str(t).endswith(JOURNAL) else _eio())
        with pytest.raises(StoreError):
            ctx.store().commit(changes)
    profile = layout.profile_path(data_dir, "sam-r")
    profile.write_bytes(profile.read_bytes().replace(b'notes = "before"', b'notes = "edited meanwhile"'))
    suggestions = profile.with_name("suggestions.toml")
    shutil.copy(suggestions, suggestions.with_name("suggestions.sync-conflict-20261121-101010-7QK2M1A.toml"))
    desk.reload()  # focus or ctrl+r: the reading finds the sync tool's copy
    assert not (data_dir / JOURNAL).exists(), "the merge finished the interrupted save first"
    assert not profile.with_name("profile (conflict - unfinished save).toml").exists(), "and merged its copy too"
    [kept] = desk.kept_versions()  # both changed the notes: both versions kept, to choose from
    assert {v.content["notes"] for v in kept.kept.versions} == {"after", "edited meanwhile"}
    desk.close()


def test_what_the_start_says_of_an_interrupted_saves_copy_holds_after_the_reading_merged_it(data_dir, config_dir,
                                                                                            tmp_path):
    from sponsordesk.desk import Desk
    from sponsordesk.desk.context import Context

    _pending(data_dir)
    profile = layout.profile_path(data_dir, "sam-r")
    profile.write_bytes(profile.read_bytes().replace(b'notes = "before"', b'notes = "edited meanwhile"'))
    desk = Desk.open(Context.build(data_dir=data_dir, config_dir=config_dir, today=TODAY, cache_dir=tmp_path / "c"))
    copy = profile.with_name("profile (conflict - unfinished save).toml")
    said = [p for p in desk.problems if p.path == copy]
    assert said and "merged into it when the folder is next read" in said[0].message
    assert not copy.exists(), "merged by the reading, as the start said it would be"
    desk.close()
