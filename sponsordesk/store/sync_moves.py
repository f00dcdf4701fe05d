"""A contact moved to another year's file on one machine, met by what another machine did to it.

A move in the app takes the contact out of its old year's file, leaving a
tombstone that says ``moved`` (the stamp of the version it moved), and adds
it to the new year's file, counting that tombstone (store/sync_stamps.py).
The merge of two machines' copies works file by file (store/sync_merge.py),
so there a move looks like a deletion: an edit the other machine made in the
old file met the tombstone as "deleted on one, changed on the other" and
stayed there, beside the moved contact in the new file. Two copies.

``settle`` looks across one sponsee's year files once each was merged:

- **changed on the other machine**: the old file holds a live version
  beside the tombstone and the contact is in one other year's file. The
  change goes to the moved contact, merged field by field over the version
  both were made from (as the app merges a move with an outside edit,
  Store._moves_merged). A field changed on both sides differently, or no
  version to merge over (a move saved before tombstones said ``moved``),
  keeps both versions in the new file for the person to choose. The old file
  keeps the tombstone only, counting the change, so an old copy of the file
  never brings it back there.
- **deleted on the other machine**: the old file's tombstone counts saves
  the moved contact does not know, and the moved contact was made from the
  version the tombstone says moved. A deletion is kept beside the moved
  contact, for the person to choose, as a deletion met by a change is
  everywhere else.
- **moved on both machines, to two other years**: the date changed on both
  sides differently. Both versions are kept in one of the two files (the
  one whose version the rules put in place) for the person to choose, and
  the other file keeps a tombstone. Moved to the same year, the file-by-file
  merge already holds one contact (or both versions, dated apart).

Pure functions over each year's merged versions: the same whichever machine
merges, and settling again changes nothing. Whatever it cannot tell apart
(the contact in three year files, two versions in the new file already) is
left as the file-by-file merge left it: nothing is lost either way.
"""

from __future__ import annotations

from itertools import product
from typing import Any

from sponsordesk.store import merge
from sponsordesk.store.sync_merge import Key, Merged, Version, descends, resolve
from sponsordesk.store.sync_stamps import REV, Stamp, fingerprint, join, moves, with_moves

_MISSING = object()

MAX_GUESSED = 10
"""Fields two versions may differ in for the version they were made from to be looked for (2^10 tries)."""


def settle(years: dict[int, Merged]) -> tuple[dict[int, Merged], set[int]]:
    """Each year's merged versions with moves met by the other machine's changes settled, and the years changed."""
    out = {year: Merged(dict(merged.entries)) for year, merged in years.items()}
    changed: set[int] = set()
    keys = {key for merged in years.values() for key in merged.entries if key[0] == "contact"}
    for key in sorted(keys, key=repr):
        changed |= _settle(out, key)
    return out, changed


def _settle(years: dict[int, Merged], key: Key) -> set[int]:
    held = {year: merged.entries[key] for year, merged in years.items() if key in merged.entries}
    if len(held) < 2:
        return set()
    settled = _changed_elsewhere(held) or _deleted_elsewhere(held) or _moved_apart(held)
    for year, versions in settled.items():
        years[year].entries[key] = versions
    return set(settled)


def _live(versions: list[Version]) -> list[Version]:
    return [v for v in versions if not v.deleted]


# ------------------------------------------------------------------ changed on the other machine


def _changed_elsewhere(held: dict[int, list[Version]]) -> dict[int, list[Version]]:
    """The old year's live versions go to the moved contact; {} when the files do not show that case."""
    old = [year for year, versions in held.items() if _live(versions) and len(_live(versions)) < len(versions)]
    new = [year for year, versions in held.items() if _live(versions) and year not in old]
    if len(old) != 1 or len(new) != 1 or len(held[new[0]]) != 1 or held[new[0]][0].deleted:
        return {}  # the contact in three files, or two versions of the moved one already: nothing tells
    (was, now), tomb, moved = (old[0], new[0]), next(v for v in held[old[0]] if v.deleted), held[new[0]][0]
    edits = _live(held[was])
    if tomb.stamp is None or moved.stamp is None or any(v.stamp is None for v in edits):
        return {}  # a version without a stamp tells nothing of what it was made from
    merged = _merged(moved, edits[0], tomb) if len(edits) == 1 else None
    if merged is not None and _year(merged) == now:
        there = [merged]
    else:  # both kept; the moved one counts its tombstone (a move saved before it did not), so neither wins
        there = [_with_stamp(moved, join([moved.stamp, tomb.stamp], moved.stamp.mark)), *edits]
    # an old copy of the file never brings them back there, and the tombstone says they went to another year
    gone = _moving(_with_stamp(tomb, _over([tomb, *edits], None)), edits)
    return _checked({was: [gone], now: there}, held)


def _merged(moved: Version, edit: Version, tomb: Version) -> Version | None:
    """``edit``'s changes in ``moved``, over the version both were made from; None when that version is not
    known or a field was changed on both sides (then both versions are kept)."""
    base = _common(moved, edit, tomb)
    if base is None:
        return None
    path = ((moved.key[0], moved.key[1]),)
    result = merge.merge_entry(path, base, moved.content, edit.content)
    if not result.clean:
        return None
    content = merge.apply({moved.key[0]: [dict(edit.content or {})]}, result.ops)[moved.key[0]][0]
    stamp = _over([moved, edit, tomb], fingerprint(content))
    return Version(moved.key, content, stamp, {**content, REV: stamp.text()}, fingerprint(content))


def _common(moved: Version, edit: Version, tomb: Version) -> dict[str, Any] | None:
    """The version the move and the edit were both made from, when the tombstone names it and the two hold it.

    The tombstone knows it by fingerprint only (``moved``, or ``from`` for one never stamped): each field the
    two differ in holds one side's value or the other's there, so the one whose fingerprint matches is it.
    The stamps must say both were made from it: a version the mover changed before moving, and the other
    machine never had, is no base (its changes would look undone on the other side).
    """
    named = [(stamp.mark, stamp) for stamp in _moved_stamps(tomb) if stamp.mark]
    named += [(fp, None) for fp in tomb.stamp.origins]  # type: ignore[union-attr]
    guesses = {fingerprint(guess): guess for guess in _guesses(moved.content or {}, edit.content or {})}
    for fp, stamp in named:
        if fp in guesses:
            base = Version(moved.key, guesses[fp], stamp, {}, fp)
            if descends(moved, base) and descends(edit, base):
                return guesses[fp]
    return None


def _guesses(a: dict[str, Any], b: dict[str, Any]) -> list[dict[str, Any]]:
    """Every version that holds, in each field ``a`` and ``b`` differ in, the value of one or the other."""
    names = list(dict.fromkeys([*a, *b]))
    differ = [n for n in names if a.get(n, _MISSING) != b.get(n, _MISSING)]
    if len(differ) > MAX_GUESSED:
        return []
    out = []
    for picks in product((a, b), repeat=len(differ)):
        guess = {n: a[n] for n in names if n not in differ}
        guess |= {n: side[n] for n, side in zip(differ, picks) if n in side}
        out.append(guess)
    return out


# ------------------------------------------------------------------ deleted on the other machine


def _deleted_elsewhere(held: dict[int, list[Version]]) -> dict[int, list[Version]]:
    """A deletion kept beside the moved contact when the old year's tombstone holds one it does not know."""
    new = [year for year, versions in held.items() if _live(versions)]
    if len(new) != 1:
        return {}
    now = new[0]
    moved = _live(held[now])
    if any(v.stamp is None for v in moved):
        return {}
    known = join([v.stamp for v in moved], None)  # type: ignore[misc]
    # saves of versions some tombstone says went to another year (merged into the moved contact on a machine
    # whose file has not come yet) are no deletion
    sent = join([known, *(stamp for versions in held.values() for v in versions if v.deleted
                          for stamp in _moved_stamps(v))], None)
    for year, versions in held.items():
        tomb = versions[0]
        if year == now or tomb.stamp is None or sent.covers(tomb.stamp):
            continue
        if not all(_moved_from(v, tomb) for v in moved):
            continue  # not the move out of that file (or one saved before tombstones said so): nothing tells
        unknown = Stamp(tuple((m, n) for m, n in tomb.stamp.counts if n > known.vector.get(m, 0)))
        if any(v.deleted and v.stamp is not None and v.stamp.covers(unknown) for v in held[now]):
            continue  # kept there already
        on = {"on": tomb.record["on"]} if "on" in tomb.record else {}
        deletion = Version(tomb.key, None, unknown, {"id": tomb.key[-1], **on, REV: unknown.text()})
        return _checked({now: [*held[now], deletion]}, held)
    return {}


# ------------------------------------------------------------------ moved on both machines, to two years


def _moved_apart(held: dict[int, list[Version]]) -> dict[int, list[Version]]:
    """Both versions in one year's file when each machine moved the contact out of one file into another."""
    new = [year for year, versions in held.items() if _live(versions)]
    if len(new) != 2 or any(len(held[year]) != 1 for year in new):
        return {}
    moved = [held[year][0] for year in new]
    tombs = [versions[0] for year, versions in held.items() if year not in new]
    tomb = next((t for t in tombs if all(_moved_from(v, t) for v in moved)), None)
    if tomb is None:
        return {}  # not two moves out of one file (copied by hand?): nothing tells
    first = resolve(moved)[0]
    place, other = new if first.same == moved[0].same else reversed(new)
    left = held[other][0]
    stamp = _over([left, tomb], None)  # it counts the other machine's move too, so it wins over what it takes
    if left.stamp is None or left.stamp.covers(stamp):
        return {}
    on = {"on": tomb.record["on"]} if "on" in tomb.record else {}
    gone = _moving(Version(left.key, None, stamp, {"id": left.key[-1], **on, REV: stamp.text()}), [left])
    return _checked({place: [held[place][0], left], other: [gone]}, held)


def _moved_from(version: Version, tomb: Version) -> bool:
    """``version`` was made from the version ``tomb``'s move took away (so a save it does not count is another's)."""
    stamp = version.stamp
    if stamp is None or tomb.stamp is None:
        return False
    moved = _moved_stamps(tomb)
    if moved:
        return any(stamp.covers(moved_from) for moved_from in moved)
    return bool(set(stamp.origins) & set(tomb.stamp.origins))  # a move of a version never stamped


def _moved_stamps(tomb: Version) -> list[Stamp]:
    """The stamps of the versions ``tomb``'s moves took away (none: a deletion, or a move saved before)."""
    return [stamp for stamp in map(Stamp.parse, moves(tomb.record)) if stamp is not None]


# ------------------------------------------------------------------ helpers


def _over(versions: list[Version], mark: str | None) -> Stamp:
    """A stamp that wins over each of ``versions`` (one edited by hand is named by its fingerprint)."""
    stamps = [v.stamp for v in versions if v.stamp is not None]
    joined = join(stamps, mark)
    origins = set(joined.origins) | {v.fp for v in versions if not v.deleted and not v.valid}
    return Stamp(joined.counts, mark, tuple(sorted(origins)))


def _with_stamp(version: Version, stamp: Stamp) -> Version:
    record = {k: v for k, v in version.record.items() if k != REV} | {REV: stamp.text()}
    return Version(version.key, version.content, stamp, record, version.fp)


def _moving(tomb: Version, versions: list[Version]) -> Version:
    """``tomb`` saying that ``versions`` went to another year's file as well (``moved``)."""
    texts = moves(tomb.record) + [v.stamp.text() for v in versions if v.stamp is not None]
    return Version(tomb.key, None, tomb.stamp, with_moves(tomb.record, texts), tomb.fp)


def _year(version: Version) -> int | None:
    return getattr((version.content or {}).get("at"), "year", None)


def _checked(settled: dict[int, list[Version]], held: dict[int, list[Version]]) -> dict[int, list[Version]]:
    """``settled`` as the rules keep it, or {} if they would retire a version put there (then nothing is
    settled: a merge of the written files must give them back as they are)."""
    out = {}
    for year, versions in settled.items():
        kept = resolve(versions, year)
        if sorted(v.same for v in kept) != sorted(v.same for v in versions):
            return {}
        if sorted(v.same for v in kept) != sorted(v.same for v in held[year]):
            out[year] = kept
    return out
