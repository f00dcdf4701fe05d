"""Save: the median time to log one contact, as the contact form does through the desk.

A save is ``Store.commit`` of one new contact (read the sponsee's year file,
merge the change into it as it is now, splice the new block into the text,
parse it back to check it, write it atomically with fsync of the file and
its folder) followed by the reload of that sponsee the desk does after a
save (``Store.load_sponsee``), on a desk opened as the app opens it. The target is a typical active sponsee
(``save_target`` in the data set's manifest). The contacts are deleted
again afterwards through ``Store.commit``, and the year file must then hold
exactly its old bytes (the splicer removes what it added, byte for byte),
so the cached data set stays the same.
"""

from __future__ import annotations

import gc
import json
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from bench import TODAY


@dataclass
class SaveResult:
    times_ms: list[float]
    sponsee: str
    year_contacts: int
    """Contacts already in the year file that each save rewrites."""

    @property
    def median_ms(self) -> float:
        return statistics.median(self.times_ms)


def measure(data_dir: Path, runs: int = 20) -> SaveResult:
    from sponsordesk.desk.context import Context
    from sponsordesk.desk import Desk
    from sponsordesk.model import Contact
    from sponsordesk.store import layout, new_id, tomlio
    from sponsordesk.store.changes import contact_changes

    manifest = json.loads((data_dir / "bench.json").read_text())
    target = manifest["save_target"]
    if hasattr(os, "sync"):
        # A freshly generated data set leaves hundreds of MB waiting to be written; an fsync would wait for
        # them too and charge the biggest size for it. Start from a quiet disk, as a user's save would.
        os.sync()
    with tempfile.TemporaryDirectory(prefix="sd-bench-save-") as scratch:
        ctx = Context.build(data_dir=data_dir, today=TODAY, config_dir=Path(scratch) / "config",
                            cache_dir=Path(scratch) / "cache")
        # The desk as the app opens it on a notebook it has opened before: the writer's lock, the start-up chores
        # and the summary cache, and a reading that takes ended and active sponsorships from the data folder's
        # index (made here first, untimed, for this config folder: the start-up runs' name theirs), then
        # everything it made set aside from the garbage collector (tui/loading.py). Opened in full, without
        # that, a thousand sponsees' objects were walked by a full collection during one save in twenty
        # (165-190 ms, where the app's saves stay under 40).
        Desk.open(ctx, read_only=True, ended_later=True, makes_index=True)  # as `sponsordesk today` makes it
        desk = Desk.open(ctx, ended_later=True, active_later=True)
        store = desk.store
        path = layout.contacts_path(data_dir, target, TODAY.year)
        original = tomlio.read_bytes(path)
        year_contacts = len(store.contacts_in_year(target, TODAY.year))
        added, times = [], []
        try:
            gc.freeze()
            for i in range(runs):
                at = ctx.clock.at(TODAY, 7 + i % 14, (i * 5) % 60) - timedelta(days=i % 3)
                contact = Contact(id=new_id("c"), at=at, kind="call", by="sponsee", minutes=20,
                                  summary="Benchmark call: checked in, going to the home group tonight.", meetings=1)
                started = time.perf_counter()
                store.commit(contact_changes(target, None, contact))
                store.load_sponsee(target, desk.today)
                times.append((time.perf_counter() - started) * 1000)
                added.append(contact)
        finally:
            gc.unfreeze()  # the modules run in one process (python -m bench): the next size collects as before
            try:
                store.stamps = None  # no tombstones: the cached data set gets its old bytes back
                for contact in added:
                    store.commit(contact_changes(target, contact, None))
                left = tomlio.read_bytes(path)
            finally:
                desk.close()
            if left != original:
                if original is None:
                    path.unlink(missing_ok=True)
                else:
                    tomlio.write_atomic(path, original)
                raise RuntimeError(f"{path}: adding and deleting {len(added)} contacts did not give back the "
                                   "same bytes (the data set was restored)")
    return SaveResult(times, target, year_contacts)


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bench.save", description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args(argv)
    r = measure(args.data_dir, args.runs)
    print(f"save median {r.median_ms:.1f} ms (max {max(r.times_ms):.1f}) to {r.sponsee}, "
          f"{r.year_contacts} contacts in the year file")
    return 0


if __name__ == "__main__":
    sys.exit(main())
