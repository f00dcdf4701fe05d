"""The log's search bar: text, kind and a date range, posted as one LogFilter."""

from __future__ import annotations

from textual import on
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Select, Static

from sponsordesk.forms.logsearch import parse_range
from sponsordesk.rules.logfilter import LogFilter
from sponsordesk.model import ContactKind
from sponsordesk.wording.labels import KINDS, options

TYPING_PAUSE = 0.2
"""Seconds of quiet before a search runs, so each key press does not reread the log."""


class LogFilters(Vertical):
    """Hidden until opened; styled by the log screen's log.tcss."""

    class Changed(Message):
        def __init__(self, log_filter: LogFilter) -> None:
            super().__init__()
            self.filter = log_filter

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.current = LogFilter()
        self._timer: Timer | None = None

    def _fields(self) -> list[Widget]:
        error = Static(id="filter-error")
        error.display = False
        return [
            Horizontal(
                Input(placeholder="search the log", id="search", compact=True),
                Select(options(KINDS), prompt="any kind", id="kind", compact=True),
                Input(placeholder="from YYYY-MM-DD", id="since", compact=True),
                Input(placeholder="to YYYY-MM-DD", id="until", compact=True),
                id="filters",
            ),
            error,
        ]

    def on_mount(self) -> None:
        self.display = False

    @property
    def built(self) -> bool:
        return bool(self.children)

    async def build(self) -> None:
        """Mount the fields the first time they are wanted.

        Most logs are opened to read, not to search: the inputs and the kind
        list (with its overlay) cost the log about 30 ms to open, so they wait.
        """
        if not self.built:
            await self.mount_all(self._fields())

    @property
    def has_focus_within(self) -> bool:
        focused = self.screen.focused
        return focused is not None and self in focused.ancestors_with_self

    async def open(self) -> None:
        await self.build()
        self.display = True
        self.query_one("#search", Input).focus()

    async def cycle_kind(self) -> None:
        """Any kind, call, text, ... and back to any."""
        await self.build()
        kinds = [None, *(k.value for k in ContactKind)]
        following = kinds[(kinds.index(self.current.kind) + 1) % len(kinds)]
        self.display = True
        select = self.query_one("#kind", Select)
        if following is None:
            select.clear()
        else:
            select.value = following

    def clear(self) -> None:
        if not self.built:
            self.display = False
            self._set(LogFilter())
            return
        for selector in ("#search", "#since", "#until"):
            self.query_one(selector, Input).value = ""
        self.query_one("#kind", Select).clear()
        self.query_one("#filter-error").display = False
        self.display = False
        self._set(LogFilter())

    @on(Input.Changed, "#search")
    def _typed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(TYPING_PAUSE, self.apply)

    @on(Input.Changed, "#since, #until")
    def _range_typed(self, event: Input.Changed) -> None:
        if not event.value.strip() or len(event.value.strip()) == len("2026-11-21"):
            self.apply()

    @on(Input.Submitted)
    @on(Select.Changed, "#kind")
    def apply(self) -> None:
        since, until, errors = parse_range(self.query_one("#since", Input).value, self.query_one("#until", Input).value)
        shown = self.query_one("#filter-error", Static)
        shown.update("\n".join(errors.values()))
        shown.display = bool(errors)
        if errors:
            return
        kind = self.query_one("#kind", Select).value
        self._set(LogFilter(self.query_one("#search", Input).value, None if kind is Select.NULL else str(kind),
                            since, until))

    def _set(self, wanted: LogFilter) -> None:
        if wanted != self.current:
            self.current = wanted
            self.post_message(self.Changed(wanted))
