"""Waiting for the app to hold still, in Pilot and snapshot tests: for a state, never for a time.

``pilot.pause()`` waits until the process looks idle, which says little
when another process has the CPU (a second suite on the same two cores):
a test then looks at a screen its workers have not reached yet. These wait
for what a test needs instead: the notebook open, every worker done, what
the workers posted handled, the screen painted once more.

    async with opened(app, (80, 24)) as pilot:   # cursor blink off, notebook open, screen still
        await pilot.press("c")
        await settled(pilot)                      # workers done and the screen refreshed
        await until(pilot, lambda: ..., "the search to run")   # a state with a timer in between

    snap_compare(app, terminal_size=(80, 24), run_before=then("c", "R"))
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from textual.app import App
from textual.pilot import Pilot

TIMEOUT = 30.0
"""Seconds before a wait gives up and names what never happened: a stuck app, never a slow one."""

Step = str | Callable[[Pilot], Awaitable[object]]
"""A key to press, or an async step of a test (open a screen, type into a field)."""


async def happened(app: App, event: asyncio.Event, what: str) -> None:
    """Until ``event`` is set, the app has failed or the app has ended: a handler that raised stops its
    message loop, and an app that exits drops what was queued for it; either way nothing more will happen,
    and the test should go on at once (to the error, or to the end of ``run_test``), not after a timeout."""
    mine = [asyncio.create_task(event.wait()), asyncio.create_task(app._exception_event.wait())]
    running = [app._task] if app._task is not None else []  # run_test's task of the app: done when it exits
    finished, _ = await asyncio.wait(mine + running, timeout=TIMEOUT, return_when=asyncio.FIRST_COMPLETED)
    for task in mine:
        task.cancel()
    if not finished:
        raise AssertionError(f"waited {TIMEOUT:.0f}s for {what}")


async def refreshed(pilot: Pilot) -> None:
    """Until the current screen has handled what was queued for it and painted once more."""
    painted = asyncio.Event()
    if pilot.app.screen.call_after_refresh(painted.set):
        await happened(pilot.app, painted, "the screen's next refresh")


def _busy(pilot: Pilot) -> bool:
    return any(worker.is_running for worker in pilot.app.workers)


def _queued(pilot: Pilot) -> bool:
    """A message still waiting anywhere: the app, a screen of the stack or any of their widgets. The screen's
    refresh can come before a chain of messages between other widgets ends (seen under load, about 1 return
    in 100 in a review's probe); ``pilot.pause()``'s idle slices used to hide that."""
    app = pilot.app
    if app._exception_event.is_set() or (app._task is not None and app._task.done()):
        return False  # failed or ended: what is queued will never be handled (see ``happened``)
    nodes = [app, *(node for screen in app.screen_stack for node in screen.walk_children(with_self=True))]
    return any(not node._message_queue.empty() for node in nodes)


async def settled(pilot: Pilot) -> None:
    """Until every worker is done, what they posted is handled and the screen has refreshed."""
    deadline = time.monotonic() + TIMEOUT
    while True:
        await asyncio.wait_for(pilot.app.workers.wait_for_complete(), TIMEOUT)
        # What pilot.pause() does, without its wait for the process to look idle (20 ms slices, at least
        # one): the app and every widget of the screen handle what was queued for them (the messages the
        # workers posted, in order), then the screen lays out and paints what changed. The slices were a
        # quarter of the time of a typing test (413 of them, 15 s, in test_board, test_contact_form and
        # test_roster run alone; 49 left, 5.5 s, in `until`), time the cores were idle.
        await pilot._wait_for_screen(TIMEOUT)
        pilot.app.screen._on_timer_update()
        await refreshed(pilot)
        if not _busy(pilot) and not _queued(pilot):  # a handler may have started the next read, or posted more
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"workers still running or messages still queued after {TIMEOUT:.0f}s: "
                                 f"{list(pilot.app.workers)}")


async def until(pilot: Pilot, condition: Callable[[], object], what: str) -> None:
    """Until ``condition()`` holds (a worker, a timer or a chain of messages in between); fails naming ``what``.

    It does not wait for workers to finish, so a test can look at the screen while one is under way.
    """
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {TIMEOUT:.0f}s for {what}")
        await pilot.pause()
    await refreshed(pilot)  # laid out too, for a test that reads regions next


def _still(pilot: Pilot) -> None:
    app = pilot.app
    app.cursor_blink = False  # type: ignore[attr-defined]
    focused = app.focused
    if getattr(focused, "cursor_blink", False):
        focused.cursor_blink = False  # type: ignore[union-attr]


async def ready(pilot: Pilot) -> None:
    """Until the notebook is open (the first read applied) and the screen holds still."""
    _still(pilot)
    app = pilot.app
    await until(pilot, lambda: app.desk.loaded and not app.reading_folder, "the notebook to open")  # type: ignore[attr-defined]
    await settled(pilot)


@asynccontextmanager
async def opened(app, size: tuple[int, int] = (80, 24)) -> AsyncIterator[Pilot]:
    """Run ``app`` with still cursors until its notebook is open and its screen holds still."""
    app.cursor_blink = False
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        yield pilot


async def run(pilot: Pilot, *steps: Step) -> None:
    """Each step (a key, or an async step), settling after each one."""
    for step in steps:
        if isinstance(step, str):
            await pilot.press(step)
        else:
            await step(pilot)
        await settled(pilot)


async def from_palette(pilot: Pilot, text: str) -> None:
    """The command palette's entry that ``text`` finds, chosen: its search is a worker, done before enter."""
    await pilot.press("ctrl+p", *text)
    await settled(pilot)
    await pilot.press("enter")


def then(*steps: Step) -> Callable[[Pilot], Awaitable[None]]:
    """A ``run_before`` for ``snap_compare``: the notebook open, then ``steps``, settled before the picture.

    Give keys here rather than in ``press=``: snap_compare presses those after
    ``run_before`` and takes the picture without waiting for what they started.
    """

    async def run_before(pilot: Pilot) -> None:
        await ready(pilot)
        await run(pilot, *steps)
        _still(pilot)
        await settled(pilot)

    return run_before
