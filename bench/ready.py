"""What "ready" means for a benchmark, in one place, defensive about screens that change.

The roster is *shown* when its table first has rows, work still under way or not
(``roster_shown``: what a sponsor sees first). It is ready when sponsordesk's notebook has been read
(``desk.loaded``), the current screen has a table (``#roster`` if
there is one, else the first ``DataTable``), it has rows (when the data has sponsees), no
worker is still running (a roster may load in the background), and the row
count held between two looks; then one frame is composed. The bare app is
ready when its table is mounted, and gets the same frame. A log is ready when
a new screen is current, its table (``#log``, else its first ``DataTable``) has rows, no worker runs,
no year file it read is waiting to be shown (``reading_on``), and a frame is composed.

"Composed" means Textual's own paint step ran (``Screen._on_timer_update``:
layout plus rendering every dirty line); the headless driver then discards
the output, which a real terminal would write.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any, Callable

POLL = 0.002
"""Seconds between looks: fine enough for figures in tens of milliseconds."""


def table_in(screen: Any, prefer: str = "#roster") -> Any | None:
    """The widget with id ``prefer`` when it counts rows (a ``DataTable``, or sponsordesk's own
    ``PlainTable``), else the screen's first ``DataTable``. By its type's name: importing the class
    would charge sponsordesk, which no longer uses it, about 6 ms of every start-up measured."""
    try:
        found = screen.query_one(prefer)
        if hasattr(found, "row_count"):
            return found
    except Exception:  # NoMatches, or a screen that is not mounted yet
        pass
    tables = list(screen.query("DataTable"))
    return tables[0] if tables else None


def busy(app: Any) -> bool:
    """A worker pending or running, or sponsordesk's notebook not read yet: its roster may show rows from
    the index before the reading's worker has even finished (or, with a Textual that ran it later, been
    started), and that is not ready. An app without a desk (the bare one) is judged by its workers alone."""
    from textual.worker import WorkerState

    desk = getattr(app, "desk", None)
    if desk is not None and not getattr(desk, "loaded", True):
        return True
    return any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers)


async def paint(pilot: Any) -> None:
    """Let pending messages settle, then compose a frame now (what the screen's update timer does)."""
    wait = getattr(pilot, "_wait_for_screen", None)
    if wait is not None:
        await wait()
    else:  # a future Textual without the private helper: the public, slower pause
        await pilot.pause()
    update = getattr(pilot.app.screen, "_on_timer_update", None)
    if update is not None:
        update()
    await asyncio.sleep(0)


async def wait_for(check: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError(f"not ready after {timeout:.0f} s: {what}")
        await asyncio.sleep(POLL)


async def roster_ready(pilot: Any, expect_rows: bool, timeout: float = 120) -> int:
    """Wait until the roster shows its rows and is painted; returns the row count."""
    app = pilot.app
    last: list[int] = [-1]

    def check() -> bool:
        table = table_in(app.screen)
        if table is None or not table.is_mounted or busy(app):
            return False
        rows = table.row_count
        if expect_rows and rows == 0:
            return False
        stable, last[0] = rows == last[0], rows
        return stable

    await wait_for(check, timeout, "the roster table")
    await paint(pilot)
    return last[0]


async def roster_shown(pilot: Any, expect_rows: bool, timeout: float = 120) -> float:
    """The moment the roster first shows its rows (the monotonic clock), work still under way or not: what a
    sponsor sees first (sponsordesk shows them from the data folder's index while it reads the files). The
    bare app's table has no rows: for it, the moment its table is mounted. Not painted: a frame follows."""
    app = pilot.app

    def check() -> bool:
        table = table_in(app.screen)
        return table is not None and table.is_mounted and (table.row_count > 0 or not expect_rows)

    await wait_for(check, timeout, "the roster's first rows")
    return time.monotonic()


async def log_ready(pilot: Any, before: Any, timeout: float = 20) -> int:
    """Wait until a screen other than ``before`` is current with a filled table, and is painted."""
    app = pilot.app

    def check() -> bool:
        screen = app.screen
        # reading_on: a year read in a worker whose rows are not added yet. Its worker is already done, so
        # busy() said nothing, and a log of short years was caught with 10 of its first page's 68 rows.
        if screen is before or not screen.is_mounted or busy(app) or getattr(screen, "reading_on", False):
            return False
        table = table_in(screen, prefer="#log")
        return table is not None and table.row_count > 0

    await wait_for(check, timeout, "the log table")
    await paint(pilot)
    table = table_in(app.screen, prefer="#log")
    return table.row_count if table is not None else 0
