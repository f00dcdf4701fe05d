"""The waits of the TUI tests (between keys: tests/tui/conftest.py; for a state: tests/tui/settle.py) never hide
a failure, or an app's end, behind their timeout."""

from __future__ import annotations

import time

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from tests.tui.settle import settled


class Failing(App[None]):
    BINDINGS = [Binding("f5", "fail", "Fail", id="fail")]

    def compose(self) -> ComposeResult:
        yield Input()

    def action_fail(self) -> None:
        raise RuntimeError("a binding that raises")


async def test_a_key_whose_binding_raises_fails_the_test_at_once_not_after_the_timeout():
    # the handler's error stops the app's message loop: a wait for the app to handle what was queued
    # would never end, and every press in a test of a broken binding took 30 s
    started = time.monotonic()
    with pytest.raises(RuntimeError, match="a binding that raises"):
        async with Failing().run_test() as pilot:
            await pilot.press("f5", "a")
    assert time.monotonic() - started < 10


class Leaving(ModalScreen[None]):
    def compose(self) -> ComposeResult:
        yield Label("bye")

    def on_mount(self) -> None:
        self.set_timer(0.005, self.app.exit)  # the app ends while the key's wait is under way


class Quitting(App[None]):
    BINDINGS = [Binding("f5", "leave", "Leave", id="leave", priority=True)]

    def compose(self) -> ComposeResult:
        yield Input()

    def action_leave(self) -> None:
        self.push_screen(Leaving())


async def test_an_app_that_exits_after_a_key_ends_the_wait_for_its_next_refresh():
    # an app that has exited drops what was queued for it: the wait for the screen's next refresh never ended
    started = time.monotonic()
    async with Quitting().run_test() as pilot:
        await pilot.press("f5")
    assert time.monotonic() - started < 10


async def test_waiting_for_the_screen_to_settle_after_a_failure_ends_at_once():
    # a failed app never refreshes again: settled() waited its 30 s for a refresh before the error showed
    started = time.monotonic()
    with pytest.raises(RuntimeError, match="a binding that raises"):
        async with Failing().run_test() as pilot:
            pilot.app.call_later(pilot.app.action_fail)  # raised in the app's own message loop
            await settled(pilot)
    assert time.monotonic() - started < 10
