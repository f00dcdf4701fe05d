"""The Textual app: wires the desk (data) to screens, themes and commands."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.notifications import SeverityLevel
from textual.screen import Screen

from sponsordesk import __version__
from sponsordesk.tui.card_actions import CardActions
from sponsordesk.tui.css_memory import CssMemory
from sponsordesk.tui.loading import DeskLoading
from sponsordesk.tui.reporting import ReportWriting
from sponsordesk.tui.safety import DataSafety
from sponsordesk.tui.small_terminal import SmallTerminal
from sponsordesk.rules.clock import Clock
from sponsordesk.desk.context import Context
from sponsordesk.desk import Desk
from sponsordesk.tui.keymap import apply_keymap, clash_message
from sponsordesk.tui.palette import DeskCommands
from sponsordesk.desk.errors import StoreError
from sponsordesk.model.settings import DEFAULT_THEME
from sponsordesk.tui.sync_notice import showing_kept_versions
from sponsordesk.tui.theming import ThemePicker, install_themes

if TYPE_CHECKING:
    from sponsordesk.desk.errors import Problem


class SponsorDeskApp(DataSafety, DeskLoading, ReportWriting, CardActions, SmallTerminal, App[None]):
    """sponsordesk: who needs a call today, step boards and contact logs."""

    TITLE = "sponsordesk"
    SUB_TITLE = f"v{__version__}"
    # The log's stylesheet is read with the app's: a screen's first CSS_PATH
    # makes Textual re-parse every stylesheet and restyle every widget of every
    # screen, about 25 ms of the 5,000-entry log's first opening; loaded here
    # it costs the start-up next to nothing. (log.tcss scopes its rules to LogScreen.) The card is
    # shown by the roster and by a screen of its own, so its stylesheet is the app's too. The roster's
    # must be: as the app's first screen (get_default_screen) its own CSS_PATH would not be read.
    CSS_PATH = ["app.tcss", "screens/roster.tcss", "screens/log.tcss", "widgets/card.tcss"]
    COMMANDS = App.COMMANDS | {DeskCommands}
    # Priority, so they work on every screen, in forms and in modals too;
    # "?" is not: in a text field it is a question mark.
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
        Binding("f1", "help", "Help", id="app.help", priority=True),
        Binding("question_mark", "help", "Help", id="app.help_question", show=False),
        Binding("ctrl+p", "command_palette", "Commands", id="app.palette", priority=True, show=False),
        # One key, two labels: the footer shows whether names are hidden right now.
        Binding("f4", "privacy('hide')", "Hide names", id="app.privacy", priority=True),
        Binding("f4", "privacy('show')", "Names hidden", id="app.privacy", priority=True),
        Binding("ctrl+r", "reload", "Reload", id="app.reload", show=False,
                tooltip="Pick up changes made outside sponsordesk (an editor, a sync)"),
    ]

    def __init__(
        self,
        context: Context | None = None,
        *,
        data_dir: Path | None = None,
        today: date | None = None,
        config_dir: Path | None = None,
        clock: Clock | None = None,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__()
        self.ctx = context or Context.build(data_dir=data_dir, today=today, config_dir=config_dir, clock=clock)
        self.css_memory = CssMemory.in_cache(self.ctx)
        """The stylesheets parsed at the last start, kept in the cache folder (css_memory.py): about 11.5 ms of
        a start's 14.5 ms of parsing saved. None where Textual parses in a way that module does not know."""
        if self.css_memory is not None:
            # Textual's stylesheet as App.__init__ makes it, taking each source's rules from the memory when it
            # holds them; in place before anything is parsed into it (the first parse is refresh_css's, below).
            # After the context only because the memory is kept in its cache folder.
            self.stylesheet = self.css_memory.stylesheet(self.get_css_variables())
        # Read in a worker from start-up on (loading.py); until it is, screens say so. Sponsees whose files
        # still match the index are read when a screen shows more of them than the roster does.
        self.desk = Desk.unopened(self.ctx, ended_later=True, active_later=True)
        self.desk.found_in_files = self.found_in_files
        self.cursor_blink = cursor_blink
        """False: text cursors hold still (tests and screenshots; some people prefer it too)."""
        self.ours: list[str] = []
        """Names of sponsordesk's themes (shipped and the user's), for the theme picker."""
        self._theme_lines = install_themes(self)
        self._clashes: set[frozenset[str]] = set()
        self.keymap_applied: dict[str, str] = {}
        """The [keymap] entries in use (bad ones are reported and left out)."""

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """sponsordesk's own colours; every theme file may set them."""
        return {
            "sd-overdue": "#e8875b",
            "sd-due": "#e5c07b",
            "sd-fine": "#7fb77e",
            "sd-milestone": "#8fb8ff",
            "sd-relapse": "#e06c9f",
        }

    @property
    def today(self) -> date:
        return self.ctx.clock.today()

    def refresh_css(self, animate: bool = True) -> None:
        """The refresh the theme set in ``__init__`` queues runs before any screen exists. Textual's re-parses
        every stylesheet into a new Stylesheet and drops it, and the first screen then parses them all again
        (the variables changed, so nothing is cached): about 20 ms of every start. Parsed here instead, with
        the theme's variables, in the stylesheet the first screen uses (each source's rules taken from the last
        start's when they are the same: css_memory.py). A later theme change goes Textual's way."""
        if self.screen_stack:
            super().refresh_css(animate)
            return
        self.stylesheet.set_variables(self.get_css_variables())
        self.stylesheet.parse()
        self.stylesheet.update(self, animate=animate)

    def get_default_screen(self) -> Screen:
        """The roster is the app's first screen. When it was pushed from ``on_mount`` over Textual's empty
        default screen, every start also mounted, styled and painted that screen, then restyled the app when
        the roster came over it: about a tenth of the processor time of opening the app in the tests."""
        from sponsordesk.tui.screens.roster import RosterScreen

        self.glance_first()  # the first frame shows the roster from the index when every file still matches it
        self.open_desk()  # before the roster is put together (see there); applied once it has mounted
        return RosterScreen()

    def on_mount(self) -> None:
        self.call_after_refresh(self._keep_css)  # once the first screen is up
        if self._theme_lines:
            # plain text: a file's path and a TOML error ("[colors") would be read as markup and lose words
            self.notify("\n".join(self._theme_lines), title="Some themes did not load", severity="warning", timeout=15,
                        markup=False)
        keymap_lines = apply_keymap(self)
        if keymap_lines:
            self.notify("\n".join(keymap_lines), title="Some keys in settings.toml were not used",
                        severity="warning", timeout=15, markup=False)  # "under [keymap]" is not a tag

    def _keep_css(self) -> None:
        """The stylesheets this start parsed, kept for the next, in a thread: pickling and writing them is about
        2 ms, more on a slow disk. Nothing to do (no thread) when the memory held them all."""
        if self.css_memory is not None and self.css_memory.learned:
            try:
                threading.Thread(target=self.css_memory.save, name="keeping the parsed stylesheets",
                                 daemon=True).start()
            except RuntimeError:
                pass  # no thread to be had: written at quit (on_unmount)

    def on_unmount(self) -> None:
        # after that thread's write (never a temp file left half written), and with what was parsed since
        if self.css_memory is not None:
            self.css_memory.save()

    # ------------------------------------------------------------ themes, keys, privacy

    def search_themes(self) -> None:
        self.push_screen(ThemePicker())

    def choose_theme(self, name: str) -> None:
        """Use a theme and save it to settings.toml, so it is there next time."""
        self.theme = name
        self.ctx.settings.theme = name
        try:
            self.ctx.save_setting("theme", name)
        except StoreError as error:
            self.notify(str(error), title="The theme was not saved", severity="error")

    def restore_theme(self) -> None:
        """Back to the saved theme (after a preview)."""
        wanted = self.ctx.settings.theme
        self.theme = wanted if wanted in self.available_themes else DEFAULT_THEME

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "privacy":
            return (parameters[0] == "show") == self.desk.hidden
        if action == "help":  # not over the palette: its keys are in its own hints
            return not isinstance(self.screen, CommandPalette)
        return True

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # Input and TextArea blink from when they are focused; the switch is the app's.
        if not self.cursor_blink and getattr(event.widget, "cursor_blink", False):
            event.widget.cursor_blink = False  # type: ignore[attr-defined]

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Every notification, while names are hidden, without a sponsee's folder or id: a message about a
        file names it by its path ("sponsees/sam-r/profile.toml does not load"), and an id is made from the
        name. One place, so no screen's message can miss it (screens' ``notify`` comes here too)."""
        desk = getattr(self, "desk", None)  # None only while the app is being made
        if desk is not None:
            message, title = desk.message(message), desk.message(title)
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def action_privacy(self, _shown_as: str = "") -> None:
        """Hide (or show again) every name and note on screen."""
        self.desk.hidden = not self.desk.hidden
        if self.desk.hidden:
            # a message still on screen may name someone or quote a phone ("Copied Sam Rivera's phone number")
            self.clear_notifications()
        self.refresh_all()
        self.refresh_bindings()

    async def action_quit(self) -> None:
        """Quit, once every screen has kept what was typed (a step's notes are saved first)."""
        for screen in reversed(self.screen_stack):
            before_quit = getattr(screen, "before_quit", None)
            if before_quit is not None and not before_quit():
                return
        await super().action_quit()

    def action_help(self) -> None:
        from sponsordesk.tui.dialogs.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
        else:
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Ours replace Textual's theme, quit and keys entries (see palette.py). Its "Screenshot" is left out:
        # it wrote an SVG with every name and note on screen into whatever folder the app was started from.
        for command in super().get_system_commands(screen):
            if command.title not in {"Theme", "Quit", "Keys", "Screenshot"}:
                yield command

    def handle_bindings_clash(self, clashed_bindings: set[Binding], node) -> None:
        # Textual calls this on every key press while the clash lasts: say it once.
        message = clash_message(clashed_bindings, self._clashes)
        if message:
            self.notify(message, title="Two keys clash", severity="warning", timeout=12, markup=False)

    # ------------------------------------------------------------ navigation
    # The main screens are opened here (by keys, the palette and other screens), so the wiring between
    # them lives in one place; a dialog is opened by the screen that needs it.

    def open_board(self, sponsee_id: str) -> None:
        from sponsordesk.tui.screens.board import BoardScreen

        self.push_screen(BoardScreen(sponsee_id))

    def open_step(self, sponsee_id: str, number: int) -> None:
        """One step's detail: full wording, notes and assignments."""
        from sponsordesk.tui.screens.step_detail import StepDetailScreen

        self.push_screen(StepDetailScreen(sponsee_id, number))

    def open_log(self, sponsee_id: str) -> None:
        from sponsordesk.tui.screens.log import LogScreen

        self.push_screen(LogScreen(sponsee_id))

    def open_contact_form(self, sponsee_id: str) -> None:
        """The full log form (date, kind, suggestions, since we last talked)."""
        from sponsordesk.tui.screens.contact_form import ContactFormScreen

        if self.writable("Logging a contact"):
            self.push_screen(ContactFormScreen(sponsee_id))

    def open_suggestions(self) -> None:
        from sponsordesk.tui.screens.suggestions import SuggestionsScreen

        if not self.desk.loaded:  # the palette offers it at once: it would say "no open suggestions"
            self.still_opening("Every open suggestion")
            return
        self.push_screen(SuggestionsScreen())

    def refresh_all(self) -> None:
        """Redraw every screen in the stack from the desk."""
        for screen in self.screen_stack:
            refresh = getattr(screen, "refresh_data", None)
            if refresh is not None:
                when_built(screen, refresh)

    def show_opened(self) -> None:
        """After a first reading that found what the glance showed: each screen draws what waited for it."""
        for screen in self.screen_stack:
            opened = getattr(screen, "notebook_opened", None)
            if opened is not None:
                when_built(screen, opened)

    def report_problems(self, problems: "list[Problem] | None" = None,
                        severities: tuple[str, ...] = ("error", "warning")) -> None:
        """One notification for files that did not load, one for things to look at; never a crash.

        ``problems``: these only (default: all the desk knows of); ``severities``: which of the two to say.
        Versions a merge kept are left out while their window is up: it lists them and how to choose, and a
        toast saying so covered its buttons at 80x24.
        """
        from sponsordesk.desk.syncing import only_kept_versions

        problems = self.desk.problems if problems is None else problems
        if showing_kept_versions(self):
            problems = [p for p in problems if not only_kept_versions(p)]
        for severity, title in (("error", "Some files did not load"), ("warning", "Worth a look")):
            found = [p for p in problems if p.severity == severity] if severity in severities else []
            if found:
                lines = [p.describe(self.ctx.data_dir) for p in found[:5]]
                more = f"\n…and {len(found) - 5} more" if len(found) > 5 else ""
                self.notify("\n".join(lines) + more + "\n(run: sponsordesk doctor)", title=title,
                            severity="warning" if severity == "error" else "information", timeout=12,
                            markup=False)


def when_built(screen, draw) -> None:
    """``draw()`` now, or for a screen pushed and not built yet (its widgets not there to draw into: the first
    full reading of a sponsee, when an entry of theirs is opened, may ask) once it is: a call queued on the
    screen runs after its compose and mount, so it still draws what changed meanwhile (F4 pressed then)."""
    if screen.is_mounted:
        draw()
    else:
        screen.call_later(draw)
