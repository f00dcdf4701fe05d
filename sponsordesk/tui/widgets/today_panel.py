"""The Today panel: who needs a call today, and every reason, first thing on start."""

from __future__ import annotations

import textwrap

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget

from sponsordesk.views.today import TodayLine
from sponsordesk.wording.text import pad


PHONE_ROOM = 44
"""Cells the reasons keep before the phone numbers join the lines (the wide layout's panel leaves about 44)."""


class AgendaText(Widget):
    """Marker and name, then the reasons wrapped under themselves (a hanging indent).

    Wrapped by hand at the real width so long reasons never run back under the name.
    """

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[TodayLine] = []
        self.empty = ""
        self.shown = 0
        """Counts what ``show`` gave it: the text is made again after each."""
        self._made: tuple[tuple, Text] | None = None
        """The text last made and what it was made for: layout asks for the height, then the frame for the
        text, and with a long agenda (125 people) making it twice was most of the panel's start-up."""
        self._split: tuple[Text, list[Text] | None] | None = None
        """The text last split into lines (``_lines``), and its lines."""

    def _text(self, width: int) -> Text:
        colours = self.app.theme_variables
        key = (width, self.shown)  # a new theme redraws the roster, which shows the panel afresh
        if self._made is not None and self._made[0] == key:
            return self._made[1]
        text = self._make(width, colours)
        self._made = (key, text)
        return text

    def _make(self, width: int, colours: dict[str, str]) -> Text:
        if not self.lines:
            return Text(self.empty, style=colours.get("sd-fine", ""))
        # A tab typed in a name or a number (a hand-edited profile) counts no cells here but is drawn wider:
        # the line ran past the panel and lost words (a review found it). A space each, as the reasons get.
        names = [line.name.replace("\t", " ") for line in self.lines]
        phones = [line.phone.replace("\t", " ") for line in self.lines]
        name_width = max(cell_len(name) for name in names)
        indent = 3 + name_width + 2  # marker (2 cells) and a space, the name, two spaces
        # the number to call beside the name, where that leaves the reasons room enough
        phone_width = max(cell_len(phone) for phone in phones)
        with_phone = phone_width and width - indent - phone_width - 2 >= PHONE_ROOM
        if with_phone:
            indent += phone_width + 2
        body = max(width - indent, 16)
        out = Text()
        for index, line in enumerate(self.lines):
            wrapped = textwrap.wrap(" · ".join(line.reasons), body, break_on_hyphens=False) or [""]
            if index:
                out.append("\n")
            out.append(line.marker.ljust(2) + " ", style=f"bold {colours.get(f'sd-{line.tone}', '')}")
            out.append(pad(names[index], name_width), style="bold")  # by display width: CJK names take two cells
            if with_phone:
                out.append("  " + pad(phones[index], phone_width), style="dim")
            out.append("  " + wrapped[0])
            for rest in wrapped[1:]:
                out.append("\n" + " " * indent + rest)
        return out

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._text(width).plain.split("\n"))

    def render(self) -> Text:
        return self._text(self.content_region.width or self.size.width)

    def _lines(self, width: int) -> list[Text] | None:
        """The text's lines, each drawn on its own; None when one is wider than the panel (Textual wraps it)."""
        text = self._text(width)
        if self._split is None or self._split[0] is not text:
            lines = text.split("\n", allow_blank=True)
            self._split = (text, lines if all(line.cell_len <= width for line in lines) else None)
        return self._split[1]

    def render_line(self, y: int) -> Strip:
        # Only the lines on show are drawn: the panel shows about a screenful, and drawing the whole agenda of
        # a thousand sponsees (125 people, 250 lines) for it was 35-55 ms of a start. The lines are wrapped by
        # hand already, so each is drawn as the whole text would draw it; a selection (the mouse) is drawn
        # on the whole text, as Textual places it there.
        width = self.size.width
        lines = self._lines(width) if width and self.text_selection is None else None
        if lines is None:
            return super().render_line(y)
        if y >= len(lines):
            return Strip.blank(width, self.visual_style.rich_style)
        content = Content.from_rich_text(lines[y], console=self.app.console)
        return _on_line(Visual.to_strips(self, content, width, 1, self.visual_style)[0], y)


def _on_line(strip: Strip, y: int) -> Strip:
    """``strip``, drawn as line 0 of its own, marked as line ``y`` of the whole text: each cell carries where
    it sits in the text ("offset"), which the mouse's text selection goes by."""
    if not y:
        return strip
    segments = []
    for segment in strip:
        style = segment.style
        meta = style.meta if style is not None else None
        if meta and "offset" in meta:
            style = style + Style.from_meta({"offset": (meta["offset"][0], y)})
        segments.append(Segment(segment.text, style, segment.control))
    return Strip(segments, strip.cell_length)


class TodayPanel(VerticalScroll, can_focus=True):
    """The agenda under a heading; scrolls (tab to it) when it is long. Styled in roster.tcss."""

    plain: str = ""
    """What the panel says, as plain text (tests read it; so could a screen reader)."""
    _shown: tuple = ()
    """What ``show`` was last given, and in which theme: the same again is not made or laid out again."""

    def compose(self) -> ComposeResult:
        yield AgendaText()

    def show(self, heading: str, lines: list[TodayLine], empty: str) -> None:
        shown = (self.app.theme, heading, lines, empty)
        if shown == self._shown:
            return
        self._shown = shown
        self.border_title = heading
        said = [f"{ln.marker} {ln.name}  {' · '.join(ln.reasons)}" for ln in lines] or [empty]
        self.plain = "\n".join([heading, *said])
        text = self.query_one(AgendaText)
        text.lines, text.empty = lines, empty
        text.shown += 1
        self._place_scrollbar()
        text.refresh(layout=True)

    def _place_scrollbar(self) -> None:
        """The scrollbar from the first layout when the agenda cannot fit whatever the panel's width: more
        people than the terminal has lines. Left to Textual ("auto"), it appears only after a layout has found
        the text too tall, and the narrower text is then wrapped, laid out and drawn again: at a thousand
        sponsees (125 on the agenda) that second pass was about 20 ms of every start. It looks the same."""
        lines = len(self.query_one(AgendaText).lines)
        long = lines > self.app.size.height
        overflow, gutter = ("scroll", "stable") if long else ("auto", "auto")
        if self.styles.overflow_y != overflow:
            self.styles.overflow_y = overflow
        if self.styles.scrollbar_gutter != gutter:  # the room the scrollbar takes, kept from the first layout
            self.styles.scrollbar_gutter = gutter

    def on_resize(self) -> None:
        self._place_scrollbar()  # a taller terminal may hold them all again
