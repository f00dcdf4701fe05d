"""Test data written the way any change is: through Store.commit, against the files as they are.

``put_*`` make a file hold what the test says (adding, changing or removing
entries), like a person with an editor would, without going through a screen.
"""

from __future__ import annotations

from collections.abc import Iterable

from sponsordesk.model import Contact, Sponsee, StepBoard, Suggestion
from sponsordesk.store import Store
from sponsordesk.store.changes import contact_changes, profile_change, step_change, suggestion_change
from sponsordesk.store.problems import BrokenFileError


def put_profile(store: Store, sponsee: Sponsee) -> None:
    store.ensure_root()
    record = store.load_sponsee(sponsee.id, _today())
    store.commit([profile_change(record.sponsee if record else None, sponsee)])


def put_steps(store: Store, sponsee_id: str, board: StepBoard) -> None:
    record = store.load_sponsee(sponsee_id, _today())
    before = record.steps if record else StepBoard()
    store.commit([step_change(sponsee_id, before.get(s.number), s) for s in board.step if s != before.get(s.number)])


def put_suggestions(store: Store, sponsee_id: str, suggestions: Iterable[Suggestion]) -> None:
    """suggestions.toml holds exactly these."""
    wanted = {s.id: s for s in suggestions}
    there = {s.id: s for s in store.suggestions(sponsee_id)}
    changes = [suggestion_change(sponsee_id, there.get(i), s) for i, s in wanted.items() if there.get(i) != s]
    changes += [suggestion_change(sponsee_id, s, None) for i, s in there.items() if i not in wanted]
    store.commit(changes)


def add_contacts(store: Store, sponsee_id: str, contacts: Iterable[Contact]) -> None:
    changes = []
    for contact in contacts:
        changes += contact_changes(sponsee_id, None, contact)
    store.commit(changes)


def add_contact(store: Store, sponsee_id: str, contact: Contact) -> None:
    add_contacts(store, sponsee_id, [contact])


def _today():
    from tests.conftest import TODAY

    return TODAY


__all__ = ["BrokenFileError", "add_contact", "add_contacts", "put_profile", "put_steps", "put_suggestions"]


def edit_keeping_size_and_mtime(path, old: bytes, new: bytes) -> None:
    """An edit as an editor may make it behind an index's back: size and mtime as they were (the ctime tells)."""
    import os

    st = path.stat()
    text = path.read_bytes()
    assert old in text and len(old) == len(new)
    path.write_bytes(text.replace(old, new, 1))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size and path.stat().st_mtime_ns == st.st_mtime_ns
