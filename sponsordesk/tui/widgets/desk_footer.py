"""The footer every screen uses: the screen's keys on one line, tighter on narrow terminals so help and quit
fit at 80 columns.

One widget draws the whole line. Textual's footer is a container with a widget for every key (a dozen on
the roster), each styled, laid out and rendered apart, and rebuilt whenever the screen's bindings were
refreshed: about 60 ms of a start at 100 sponsees, and 45 ms of the contact log opened a second after
start (alternating runs of ``bench.child``). This one looks the same, cell for cell (the same theme
variables: ``$footer-key-foreground`` and its kin), a click on a key presses it, a greyed key rings the
bell, the key under the mouse is lit with its tooltip, and a line too long for the window scrolls.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import groupby
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.strip import Strip
from textual.widget import Widget

COMPACT_BELOW = 120
"""Below this width keys sit one space apart and ctrl+p (also in help) leaves the footer."""

EDGE = "▏"
"""The thin line left of the palette's key at the right end (Textual's ``vkey`` border)."""


@dataclass(frozen=True)
class FooterKey:
    """One key as the footer shows it, and where (columns ``start`` to ``end``, ``end`` excluded)."""

    key: str
    """The binding's key: what a click on it presses."""
    display: str
    """How the key is written ("^q", "]")."""
    description: str
    """Its label; empty for a key of a group, whose label follows the group's keys."""
    enabled: bool = True
    tooltip: str = ""
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class _Group:
    """Keys that share one label (``Binding.Group``), such as the board's ] and [: written together, then the
    label."""

    keys: tuple[FooterKey, ...]
    description: str


class DeskFooter(Widget, can_focus=False):
    """The active screen's keys, drawn as one line; compact below ``COMPACT_BELOW`` columns."""

    ALLOW_SELECT = False

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "desk-footer--item", "desk-footer--key", "desk-footer--description", "desk-footer--label",
        "desk-footer--hover", "desk-footer--edge",
    }

    # The look of Textual's footer, from the same theme variables, so every theme styles both alike.
    DEFAULT_CSS = """
    DeskFooter {
        dock: bottom;
        width: 1fr;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .desk-footer--item {
            background: $footer-item-background;
        }
        & > .desk-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .desk-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .desk-footer--label {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .desk-footer--hover {
            background: $block-hover-background;
        }
        & > .desk-footer--edge {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._entries: tuple[FooterKey | _Group, ...] | None = None
        """What the screen's bindings offer, in order; None until first read (``_read``)."""
        self._palette: FooterKey | None = None
        self._shown: tuple[FooterKey, ...] = ()
        """The keys on the line as last drawn, with their columns: for clicks, hover and tests."""
        self._mouse_x: int | None = None
        """The column the mouse is over, None when it is elsewhere."""
        self._scroll_x = 0
        """Columns of the line scrolled out of view at the left (``_overflow`` at most)."""
        self._overflow = 0
        """How much longer than the room the line is, as last drawn."""

    # ------------------------------------------------------------ what it shows

    @property
    def compact(self) -> bool:
        return self.size.width < COMPACT_BELOW

    @property
    def keys(self) -> tuple[FooterKey, ...]:
        """The keys on the line as last drawn, where each is (a key cut off at the right end is left out)."""
        return self._shown

    @property
    def offered(self) -> tuple[FooterKey, ...]:
        """The keys the screen's bindings offer now, in order, whether drawn yet or not (no columns)."""
        if self._entries is None and self.is_attached:
            self._read()
        keys = [key for entry in self._entries or () for key in (entry.keys if isinstance(entry, _Group) else (entry,))]
        return (*keys, self._palette) if self._palette is not None else tuple(keys)

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._read()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: Any) -> None:
        # Refreshed bindings mostly show the same keys (only whether one is greyed may change): the line is
        # drawn again only when what it shows changed.
        if self._read():
            self.refresh()
            if self._mouse_x is not None:
                self.call_after_refresh(self._point)

    def _read(self) -> bool:
        """Read the keys from the screen's active bindings, as Textual's footer does: the first binding shown
        for each action, keys of one group together under its label, and the palette's key apart. True when
        that changed what the footer shows."""
        app, screen = self.app, self.screen
        by_action: dict[str, tuple[Binding, bool, str]] = {}
        for _node, binding, enabled, tooltip in screen.active_bindings.values():
            if binding.show and binding.action not in by_action:
                by_action[binding.action] = (binding, enabled, tooltip)
        entries: list[FooterKey | _Group] = []
        for group, members in groupby(by_action.values(), lambda member: member[0].group):
            listed = list(members)
            if group is not None and len(listed) > 1:
                keys = tuple(FooterKey(b.key, app.get_key_display(b), "", enabled, tooltip or b.description)
                             for b, enabled, tooltip in listed)
                entries.append(_Group(keys, group.description))
            else:
                entries.extend(FooterKey(b.key, app.get_key_display(b), b.description, enabled, tooltip)
                               for b, enabled, tooltip in listed)
        palette = None
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in screen.active_bindings:
            _node, b, enabled, _tooltip = screen.active_bindings[app.COMMAND_PALETTE_BINDING]
            palette = FooterKey(b.key, app.get_key_display(b), b.description, enabled, b.tooltip or b.description)
        changed = (tuple(entries), palette) != (self._entries, self._palette)
        self._entries, self._palette = tuple(entries), palette
        return changed

    # ------------------------------------------------------------ drawing

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        blank = Style.from_color(bgcolor=base.bgcolor)  # between keys: as Textual's footer leaves the gaps
        if y or not width:
            return Strip.blank(width, blank)
        if self._entries is None:
            self._read()
        compact = self.compact
        style = self.get_component_rich_style
        item = style("desk-footer--item")
        dim = Style(dim=True)  # a greyed key: Textual's text-style dim, over the key's own colours
        hover = Style.from_color(bgcolor=style("desk-footer--hover").bgcolor)
        # Textual drew a key's parts over the key's own background (the item's, or the hover's): a part whose
        # background is transparent (the themes' default) shows that one, not the footer's
        clear = {"key": self.get_component_styles("desk-footer--key").background.a == 0,
                 "text": self.get_component_styles("desk-footer--description").background.a == 0}
        looks = {"key": style("desk-footer--key"), "text": style("desk-footer--description")}

        def on(part: str, under: Style) -> Style:
            look = looks[part]
            return look + Style.from_color(bgcolor=under.bgcolor) if clear[part] else look

        segments: list[Segment] = []
        keys: list[FooterKey] = []
        x = 0

        def add(text: str, look: Style) -> None:
            nonlocal x
            segments.append(Segment(text, look))
            x += cell_len(text)

        def add_key(key: FooterKey, parts: list[tuple[str, str]]) -> None:
            start, width_of = x, sum(cell_len(text) for text, _ in parts)
            under = base + item + (hover if self._under_mouse(start, start + width_of) else Style())
            for text, part in parts:
                add(text, under + on(part, under) + (dim if not key.enabled else Style()))
            keys.append(replace(key, start=start, end=x))

        for entry in self._entries or ():
            if isinstance(entry, _Group):
                # As Textual draws a compact group (the only kind sponsordesk has): " ][ Status "
                add(" ", blank)
                for key in entry.keys:
                    add_key(key, [(key.display, "key")])
                add(" ", blank)
                add(entry.description, base + style("desk-footer--label"))
                add(" ", blank)
            elif compact:
                add_key(entry, [(entry.display, "key"), (" " + entry.description, "text")])
                add(" ", blank)
            else:
                add_key(entry, [(f" {entry.display} ", "key"), (entry.description + " ", "text")])

        palette = self._palette if not compact else None
        room = max(width - self._right_width(), 0)
        # A line longer than the room (long keys from [keymap] at 80 columns) scrolls sideways with the wheel,
        # as Textual's footer did; a key cut at either end is drawn, and clicked, where it shows.
        self._overflow = max(x - room, 0)
        self._scroll_x = min(self._scroll_x, self._overflow)
        left = self._scroll_x
        line = Strip(segments, x).crop(left, left + room).extend_cell_length(room, blank)
        shown = [replace(key, start=max(key.start - left, 0), end=min(key.end - left, room))
                 for key in keys if key.end > left and key.start < left + room]
        if palette is not None:
            under = base + item + (hover if self._mouse_x is not None and self._mouse_x >= room else Style())
            greyed = dim if not palette.enabled else Style()
            line = Strip([*line, Segment(EDGE, under + Style.from_color(style("desk-footer--edge").color)),
                          Segment(palette.display, under + on("key", under) + greyed),
                          Segment(" " + palette.description, under + on("text", under) + greyed),
                          Segment(" ", Style.from_color(bgcolor=under.bgcolor))], width)
            shown.append(replace(palette, start=room, end=width))
        self._shown = tuple(shown)
        return line.crop(0, width).extend_cell_length(width, blank)

    def _under_mouse(self, start: int, end: int) -> bool:
        """Whether the mouse is over columns ``start`` to ``end`` of the line (before it is scrolled)."""
        if self._mouse_x is None:
            return False
        at = self._mouse_x + self._scroll_x
        return start <= at < end and self._mouse_x < self.size.width - self._right_width()

    def _right_width(self) -> int:
        palette = self._palette if not self.compact else None
        return cell_len(f"{EDGE}{palette.display} {palette.description} ") if palette is not None else 0

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self._scroll_by(4, event)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self._scroll_by(-4, event)

    def on_mouse_scroll_right(self, event: events.MouseScrollRight) -> None:
        self._scroll_by(4, event)

    def on_mouse_scroll_left(self, event: events.MouseScrollLeft) -> None:
        self._scroll_by(-4, event)

    def _scroll_by(self, cells: int, event: events.Event) -> None:
        to = min(max(self._scroll_x + cells, 0), self._overflow)
        if to != self._scroll_x:
            self._scroll_x = to
            self.refresh()
            if self._mouse_x is not None:
                self.call_after_refresh(self._point)
            event.stop()

    # ------------------------------------------------------------ the mouse

    def _key_at(self, x: int) -> FooterKey | None:
        return next((key for key in self._shown if key.start <= x < key.end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        before = self._key_at(self._mouse_x) if self._mouse_x is not None else None
        self._mouse_x = event.x
        if self._key_at(event.x) != before:
            self._point()

    def on_leave(self, _event: events.Leave) -> None:
        if self._mouse_x is not None:
            self._mouse_x = None
            self._point()

    def _point(self) -> None:
        """The key under the mouse is lit (``render_line``, by where the mouse is), says what it does, and the
        pointer says it can be clicked. Again after the line moves under a still mouse (scrolled, new keys)."""
        key = self._key_at(self._mouse_x) if self._mouse_x is not None else None
        self.tooltip = (key.tooltip or None) if key is not None else None
        self.styles.pointer = "pointer" if key is not None else "default"
        self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        key = self._key_at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()
