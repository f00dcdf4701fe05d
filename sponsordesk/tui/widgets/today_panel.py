"""The Today panel: who needs a call today, and every reason, first thing on start."""

from __future__ import annotations

import textwrap

from rich.cells import cell_len
from rich.segment import Segment
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.style import Style
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
        self._made: dict[tuple, tuple[Text, list[Text]]] = {}
        """The text and its lines, by what they were made for (width, ``shown``), for the last two widths: layout
        asks for the height, then the frame for the text, and with a long agenda (125 people) making it twice
        was most of the panel's start-up. Two: a panel with a scrollbar is measured beside its room and
        without it, again and again (four makes at the start of a thousand sponsees, about 3 ms each)."""
        self._fit: tuple[Text, bool] | None = None
        """The text last drawn line by line (``_lines``), and whether its lines can be."""
        self._cuts: dict[tuple, list[tuple[int, Style]] | None] = {}
        """What ``_parts`` found, by the line's spans and the widget's style."""

    def _text(self, width: int) -> Text:
        return self._made_for(width)[1]

    def _made_for(self, width: int) -> tuple[tuple, Text, list[Text]]:
        colours = self.app.theme_variables
        key = (width, self.shown)  # a new theme redraws the roster, which shows the panel afresh
        made = self._made.get(key)
        if made is None:
            made = self._make(width, colours)
            # the other width made for the same agenda stays; anything older goes
            self._made = {**{k: v for k, v in list(self._made.items())[-1:] if k[1] == self.shown}, key: made}
        return (key, *made)

    def _make(self, width: int, colours: dict[str, str]) -> tuple[Text, list[Text]]:
        """The text, and its lines. Made line by line and joined: splitting the whole text into its lines again
        (rich's Text.divide) took 0.3-0.4 ms of the first frame at the large data set and 2.4 ms at the huge
        one; making the lines apart and joining them costs 0.1 and 0.5 ms more than making the text did."""
        if not self.lines:
            text = Text(self.empty, style=colours.get("sd-fine", ""))
            return text, text.split("\n", allow_blank=True)
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
        lines: list[Text] = []
        for index, line in enumerate(self.lines):
            wrapped = textwrap.wrap(" · ".join(line.reasons), body, break_on_hyphens=False) or [""]
            first = Text()
            first.append(line.marker.ljust(2) + " ", style=f"bold {colours.get(f'sd-{line.tone}', '')}")
            first.append(pad(names[index], name_width), style="bold")  # by display width: CJK names take two cells
            if with_phone:
                first.append("  " + pad(phones[index], phone_width), style="dim")
            first.append("  " + wrapped[0])
            lines.append(first)
            lines.extend(Text(" " * indent + rest) for rest in wrapped[1:])
        text = Text("\n").join(lines)
        if text.plain.count("\n") >= len(lines):  # a line break typed in a name or a number: the text's lines
            lines = text.split("\n", allow_blank=True)
        return text, lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._made_for(width)[2])

    def render(self) -> Text:
        return self._text(self.content_region.width or self.size.width)

    def _lines(self, width: int) -> list[Text] | None:
        """The text's lines, each drawn on its own; None when one is wider than the panel (Textual wraps it), or
        has what Textual's Content changes before drawing a line that fits: a tab (expanded), or more
        characters than cells (combining marks) with whitespace at the end (cut). The control codes Content
        strips, rich's Text has stripped already (the same five, rich.control.STRIP_CONTROL_CODES)."""
        _key, text, lines = self._made_for(width)
        if self._fit is None or self._fit[0] is not text:
            self._cuts.clear()  # kept for one text (and its theme's colours) at a time
            fit = "\t" not in text.plain and all(line.cell_len <= width and len(line) <= width for line in lines)
            self._fit = (text, fit)
        return lines if self._fit[1] else None

    def render_line(self, y: int) -> Strip:
        # Only the lines on show are drawn: the panel shows about a screenful, and drawing the whole agenda of
        # a thousand sponsees (125 people, 250 lines) for it was 35-55 ms of a start. The lines are wrapped by
        # hand already, so each is drawn as the whole text would draw it; a selection (the mouse) is drawn
        # on the whole text, as Textual places it there.
        width = self.size.width
        lines = self._lines(width) if width and self.text_selection is None else None
        if lines is None or not self._drawn_as_written():
            return super().render_line(y)
        if y >= len(lines):
            return Strip.blank(width, self.visual_style.rich_style)
        # What Visual.to_strips (Content.render_strips, _FormattedLine.to_strip) makes of a line that fits, made
        # here without wrapping and formatting the line again (divide_line, cell_len), working out the link
        # style for each line (the agenda has no links) or making the same few styles again for every line: the
        # large data set's first frame drew its 14 lines in 4.7 ms of CPU through to_strips, 1.4 ms this way.
        # Each cell carries where it sits in the whole text ("offset", which the mouse's text selection goes
        # by), on the widget's own style (its CSS colour and background), as Textual sets them.
        line = lines[y]
        parts = self._parts(line, self.visual_style)
        if parts is None:
            return super().render_line(y)
        text = line.plain
        ends = [start for start, _ in parts[1:]] + [None]
        segments = [Segment(text[start:end], drawn.rich_style_with_offset(start, y))
                    for (start, drawn), end in zip(parts, ends)]
        return Strip(segments, line.cell_len)

    def _parts(self, line: Text, style: Style) -> list[tuple[int, Style]] | None:
        """Where Textual cuts ``line`` into segments, and the style it draws each in (``style`` under the
        line's own): None for a link, which Textual styles (the agenda has none). Textual's own Content makes
        them, once for all the lines with the same spans: every person's first line is cut alike (the names
        are padded to one width) but for the colour of the marker, and the reasons under it have no spans;
        with the large data set, 3 of the 14 lines on show."""
        # The cuts are the spans' ends and the line's; past the last span, the rest is one part at any length.
        reach = max((max(start, end) for start, end, _ in line.spans), default=-1)
        key = (style, line.style, tuple(line.spans), len(line) if line.style or reach >= len(line) else None)
        if key not in self._cuts:
            parts, x = [], 0
            for part, part_style in Content.from_rich_text(line, console=self.app.console).render(style, end=""):
                parts.append((x, style + part_style))
                x += len(part)
            self._cuts[key] = None if any("@click" in drawn.meta for _, drawn in parts) else parts
        return self._cuts[key]

    def _drawn_as_written(self) -> bool:
        """Textual draws the lines as they are: aligned left, at the top, no padding of its own in the line
        (roster.tcss asks for none of these; otherwise Textual draws the whole text)."""
        styles = self.styles
        return (styles.text_align in ("start", "left") and not styles.line_pad
                and styles.content_align == ("left", "top"))


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
