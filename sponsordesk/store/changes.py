"""What a save asks of the store: one entry of one file, as the caller saw it and as it should be.

Every write to the data folder is a list of ``Change``s handed to
``Store.commit``. Each names the file, the entry in it (a contact or
suggestion by id, a step by number, the profile), the entry as the caller
loaded or showed it (``base``) and what it should become (``new``). The store
merges each change into the file as it is on disk *now*: an outside edit to
another entry, or to another field of this one, is kept; an outside edit to
the same field is a conflict, and nothing is written.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sponsordesk.store import layout

if TYPE_CHECKING:
    from sponsordesk.model import Contact, Sponsee, Step, Suggestion


Entry = dict[str, Any]
"""An entry as plain data: a model's ``to_toml_dict()``."""

EntryKey = tuple[str, Any]
"""Where an entry lives in its file: ("contact", id), ("suggestion", id), ("step", number) or ("profile", id)."""

ARRAYS = {"contact": "id", "suggestion": "id", "step": "number"}
"""Arrays of entries, by the key that identifies an entry in them."""

NESTED = {"step": {"assignment": "id"}}
"""Arrays of entries inside an entry (a step's assignments), merged entry by entry too."""

TOGETHER = {"step": ("status", "started", "completed", "revisited"), "assignment": ("done", "done_on")}
"""Fields that say one thing together (a step's status and its dates, an assignment ticked and its day).
When one is in conflict, so is every other one the two versions differ in, so keeping either version keeps
all of them from that side: never a step "working" with the file's done-on date."""


@dataclass(frozen=True)
class Change:
    """One entry to add (``base`` None), change, or delete (``new`` None)."""

    sponsee_id: str
    kind: str
    """The file: profile, steps, suggestions or contacts."""
    key: EntryKey
    base: Entry | None
    new: Entry | None
    year: int | None = None
    """For contacts: the year file."""
    placed: bool = False
    """For contacts: ``year`` is the file the entry was written to (an undo's), not one the store finds from
    its id and date: with one id in two year files that would be the other copy's."""

    def path(self, root: Path) -> Path:
        if self.kind == "contacts":
            return layout.contacts_path(root, self.sponsee_id, self.year)
        return {"profile": layout.profile_path, "steps": layout.steps_path,
                "suggestions": layout.suggestions_path}[self.kind](root, self.sponsee_id)

    @property
    def what(self) -> str:
        """added, changed or deleted."""
        return "added" if self.base is None else "deleted" if self.new is None else "changed"


def _dump(model: Any) -> Entry | None:
    return None if model is None else model.to_toml_dict()


def contact_changes(sponsee_id: str, base: Contact | None, new: Contact | None) -> list[Change]:
    """A contact added, edited or deleted; an edit that moves it to another year is a delete plus an add."""
    ident = (new or base).id  # type: ignore[union-attr]
    if base is not None and new is not None and base.at.year != new.at.year:
        return [Change(sponsee_id, "contacts", ("contact", ident), _dump(base), None, base.at.year),
                Change(sponsee_id, "contacts", ("contact", ident), None, _dump(new), new.at.year)]
    year = (new or base).at.year  # type: ignore[union-attr]
    return [Change(sponsee_id, "contacts", ("contact", ident), _dump(base), _dump(new), year)]


def suggestion_change(sponsee_id: str, base: Suggestion | None, new: Suggestion | None) -> Change:
    ident = (new or base).id  # type: ignore[union-attr]
    return Change(sponsee_id, "suggestions", ("suggestion", ident), _dump(base), _dump(new))


def step_change(sponsee_id: str, base: Step, new: Step) -> Change:
    return Change(sponsee_id, "steps", ("step", new.number), _dump(base), _dump(new))


def profile_change(base: Sponsee | None, new: Sponsee) -> Change:
    """A new sponsee (``base`` None) or changed profile fields."""
    return Change(new.id, "profile", ("profile", new.id), _dump(base), _dump(new))


def keep_mine(change: Change, conflict: Any) -> Change:
    """``change`` again, chosen over the file's version of the fields in conflict (and only those).

    The base becomes what the caller saw with the file's values in the
    conflicting fields, so the merge writes the caller's values there and
    still keeps every other outside edit. An entry deleted outside is added
    back; one added twice is replaced by the caller's.
    """
    if conflict.reason in ("deleted", "exists") or change.base is None or conflict.theirs is None:
        return replace(change, base=conflict.theirs)
    base = copy.deepcopy(change.base)
    _take_theirs([base], conflict, change.key)
    return replace(change, base=base)


def keep_theirs(change: Change, conflict: Any) -> Change | None:
    """``change`` without the fields in conflict: the file's version stays there, the rest is still saved.

    An entry deleted outside stays deleted, one added twice keeps the file's,
    and a deletion of an entry changed outside is dropped (None: nothing of
    this change is left to save).
    """
    if conflict.reason in ("deleted", "exists") or change.new is None or change.base is None:
        return None
    base, new = copy.deepcopy(change.base), copy.deepcopy(change.new)
    _take_theirs([base, new], conflict, change.key)
    return replace(change, base=base, new=new)


def moved_to(change: Change, changes: Sequence[Change]) -> Change | None:
    """The addition that makes ``change`` (a contact's deletion) half of a move to another year, if any."""
    if change.kind != "contacts" or change.base is None or change.new is not None:
        return None
    return next((c for c in changes if c.kind == "contacts" and c.key == change.key and c.base is None
                 and c.new is not None and c.year != change.year), None)


def keep_mine_moved(gone: Change, added: Change, conflict: Any) -> list[Change]:
    """A contact moved to another year, chosen over the file's version of the fields in conflict: moved
    with this window's values there (and the file's other edits); deleted outside, it is added again in
    its new year."""
    if conflict.reason == "deleted" or conflict.theirs is None:
        return [added]
    base = copy.deepcopy(gone.base)
    _take_theirs([base], conflict, gone.key)
    return [replace(gone, base=base), added]


def keep_theirs_moved(gone: Change, added: Change, conflict: Any) -> list[Change]:
    """A contact moved to another year, keeping the file's version of the fields in conflict: still moved,
    with the file's values there and this window's elsewhere; deleted outside, it stays deleted."""
    if conflict.reason == "deleted" or conflict.theirs is None:
        return []
    base, new = copy.deepcopy(gone.base), copy.deepcopy(added.new)
    _take_theirs([base, new], conflict, gone.key)
    at = new.get("at")
    year = at.year if hasattr(at, "year") else added.year
    if year == gone.year:  # the file's date was kept: no move left, an edit where it is
        return [replace(gone, base=base, new=new)]
    return [replace(gone, base=base), replace(added, new=new, year=year)]


def _take_theirs(sides: list[Entry], conflict: Any, key: tuple[str, Any]) -> None:
    """The file's version of each field in conflict, written into each of ``sides`` (changed in place).

    Keeping mine puts it in the base only (so the merge writes mine over it);
    keeping theirs puts it in the base and the new version (so nothing there changes).
    """
    for name in conflict.fields:
        array, *nested = name.split(".")
        if not nested:
            for side in sides:
                _copy_field(side, conflict.theirs, array)
            continue
        # a nested entry: "assignment.a-1" (gone or added twice) or "assignment.a-1.text"
        ident, *rest = nested
        ident_key = NESTED.get(key[0], {}).get(array, "id")
        theirs_item = next((i for i in conflict.theirs.get(array, []) if str(i.get(ident_key)) == ident), None)
        for side in sides:
            items = side.setdefault(array, [])
            index = next((n for n, i in enumerate(items) if str(i.get(ident_key)) == ident), None)
            if not rest or theirs_item is None or index is None:
                items[:] = [i for i in items if str(i.get(ident_key)) != ident]
                if theirs_item is not None:
                    items.append(copy.deepcopy(theirs_item))
            else:
                _copy_field(items[index], theirs_item, rest[0])


def _copy_field(target: Entry, source: Entry, name: str) -> None:
    if name in source:
        target[name] = copy.deepcopy(source[name])
    else:
        target.pop(name, None)
