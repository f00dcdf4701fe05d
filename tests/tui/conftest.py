"""What every TUI test shares: the stylesheets parsed once per process, and keys pressed one after another
as soon as the one before is handled."""

from __future__ import annotations

import asyncio

import pytest
import textual.app
from textual.app import App
from textual.css.stylesheet import Stylesheet
from textual.pilot import Pilot, WaitForScreenTimeout

from tests.tui.settle import TIMEOUT, happened, refreshed

_PARSED: dict[tuple, list] = {}
_parse_rules = Stylesheet._parse_rules


def _parsed_once(self: Stylesheet, css: str, read_from, is_default_rules: bool = False, tie_breaker: int = 0,
                 scope: str = "") -> list:
    """Textual keeps what it parsed per app, and the suite starts about 700 apps, each parsing the same ~76
    stylesheets again (about 35 ms an app). The rules depend on the CSS, where it came from and the theme's
    variables (substituted while parsing), so all of them are the key. CSS that cannot be parsed raises
    every time, as in the app (nothing is kept); rules with a bad declaration are kept as Textual keeps
    them, and its ``Stylesheet.parse`` reports them at each parse."""
    key = (css, read_from, is_default_rules, tie_breaker, scope, tuple(sorted(self._variables.items())))
    rules = _PARSED.get(key)
    if rules is None:
        rules = _PARSED[key] = _parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)
    return rules


Stylesheet._parse_rules = _parsed_once


@pytest.fixture
def parsed_per_app(monkeypatch: pytest.MonkeyPatch) -> None:
    """Textual's own parsing, each app for itself: for a test that counts what an app parses."""
    monkeypatch.setattr(Stylesheet, "_parse_rules", _parse_rules)


def _waiting_for_a_message(node) -> bool:
    """``node``'s message loop is parked in its queue's ``get`` (``textual._queue.Queue``: waiting for its
    event): nothing queued, nothing being handled (not even its idle handlers), nothing held back. A node
    not started yet, mounting, handling a message or closing is not."""
    queue = node.__dict__.get("_message_queue")
    return (queue is not None and not queue.values and node._pending_message is None and not node._closing
            and any(not waiter.done() for waiter in queue.ready_event._waiters))


_pressing: list[App] = []
_press_keys = App._press_keys


async def _pressed_in_turn(self: App, keys) -> None:
    _pressing.append(self)
    try:
        await _press_keys(self, keys)
    finally:
        _pressing.pop()


async def _handled_by(app: App, node) -> None:
    """Until ``node`` has handled what was queued for it (nothing to wait for once it is closing, or when it
    waits for a message with none queued: the key never reached it, or it is done with it)."""
    if _waiting_for_a_message(node):
        return
    done = asyncio.Event()
    if node.call_later(done.set):
        await happened(app, done, f"{node!r} to handle a key")


def _widgets(app: App) -> int:
    return sum(1 for _ in app.screen.walk_children())


async def _key_handled(min_sleep: float = 0, max_sleep: float = 1) -> None:
    """Between two keys of one ``pilot.press`` (and after the last): until the key just sent has been
    through the widgets Textual sends it to.

    Textual waits there until the process looks idle: 20 ms slices, until one
    passes with under 1 ms of CPU time (at most 1 s), twice per key. That was most of the
    waiting in a typing test (2 of 3 s of "add an assignment" went in slices),
    and on a busy machine "idle" can be a slice the process was not given.
    Here the key is followed where Textual sends it: into the app's queue (the
    driver hands it over through the event loop: two turns), handled by the
    app (a priority binding, or forwarded to the focused widget), then by the
    focused widget and each of its parents up to the app in turn (a key nobody
    takes bubbles up, and the app runs the binding). When that brought another
    screen, or changed the number of its widgets, every widget of the screen on top handles
    what was queued for it, as ``pilot.press`` waits after the last key, and
    what waits for the screen's next refresh runs (a dialog focusing its field
    after a refresh). (A wait on every widget after every key cost a third of
    the messages of a test.) Textual runs this twice per key; the second finds
    little to wait for.

    What it does not wait for: workers, timers, and messages to widgets off
    the key's path. A test waits for those with ``settled`` or ``until``
    before its next key (the command palette's search is a worker:
    ``tests.tui.settle.from_palette``).
    """
    app = _pressing[-1]
    screen, widgets = app.screen, _widgets(app)
    for _ in range(3):
        await asyncio.sleep(0)
    await _handled_by(app, app)
    target = app.focused or app.screen
    for node in (target, *target.ancestors):
        await _handled_by(app, node)
    if app.screen is not screen or _widgets(app) != widgets:
        pilot = Pilot(app)
        await pilot._wait_for_screen(TIMEOUT)
        await refreshed(pilot)


App._press_keys = _pressed_in_turn
textual.app.wait_for_idle = _key_handled


async def _wait_for_busy_widgets(self: Pilot, timeout: float = 30.0) -> bool:
    """Textual's ``Pilot._wait_for_screen`` (every widget of the screen has handled what was queued for it
    when the wait began), asking only the widgets that have something queued or are handling something.

    Textual queues a callback to every widget of the screen and waits until each has run it: each idle
    widget then wakes to run it and its idle handlers, for nothing (a form holds about 100 widgets, and
    every ``pilot.press`` and ``settled`` waits so). A widget parked in its queue's ``get`` has nothing left
    from before the wait; whatever it is asked later (a refresh, a message) goes through its queue, so the
    next wait asks it."""
    try:
        screen = self.app.screen
    except Exception:
        return False
    count = 0
    count_zero_event = asyncio.Event()

    def decrement_counter() -> None:
        nonlocal count
        count -= 1
        if count == 0:
            count_zero_event.set()

    for node in (self.app, *screen.walk_children(with_self=True)):
        if not _waiting_for_a_message(node) and node.call_later(decrement_counter):
            count += 1
    if count:
        wait_for = [asyncio.create_task(count_zero_event.wait()),
                    asyncio.create_task(self.app._exception_event.wait())]
        _, pending = await asyncio.wait(wait_for, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        for task in pending:
            task.cancel()
        if len(wait_for) == len(pending):
            raise WaitForScreenTimeout("Timed out while waiting for widgets to process pending messages.")
        if count > 0:
            return False
    return True


Pilot._wait_for_screen = _wait_for_busy_widgets
