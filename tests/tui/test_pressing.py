"""The wait between keys (tests/tui/conftest.py) never hides a failure behind its timeout."""

from __future__ import annotations

import time

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Input


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
