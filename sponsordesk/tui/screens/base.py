"""What every data screen shares: the desk, and a hook to redraw from it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, ClassVar, Any

from textual import on
from textual.screen import ModalScreen, Screen, ScreenResultType
from textual.widget import Widget
from textual.widgets import Button, Input, Select

from sponsordesk.tui.saving import save
from sponsordesk.tui.widgets.plain_table import PlainTable

if TYPE_CHECKING:
    from sponsordesk.tui.app import SponsorDeskApp
    from sponsordesk.desk import Desk
    from sponsordesk.desk.undo import Undo


def report_help(folder: object) -> str:
    """Where R (report) writes (``folder``), for the help of the screens that have it."""
    # plain text: the help screen shows HELP as written
    return ("R writes a Markdown report on this sponsee (clean time, steps, open suggestions, "
            f"the last 10 contacts) to read or print, into {folder}. It holds full "
            "names and notes even while they are hidden here; keep it private.")


Keep = Callable[[Any, Callable[[Any], None]], object]
"""How a dialog saves what it checked while it is still open: ``keep(value, saved)`` saves through the desk
and calls ``saved`` once the save landed (at once, or after a conflict's choice), so a refused save leaves
the dialog open with what was typed."""


PRIVACY_COVER = ("Names and notes are hidden, so this form is too.\n"
                 "Press F4 to show it again; nothing you typed is lost.")


def cover_for_privacy(screen: Screen, hidden: bool) -> None:
    """Hide a form's fields (not their values) while the privacy screen is on.

    A form shows real names and notes to edit them, so masking them would
    save the mask; instead the ``.private-content`` part is not displayed
    (app.tcss) and keeps its focus for when it comes back. While covered it
    is disabled too, so nothing typed blind lands in a hidden field: no route
    to the focus reaches it (Textual's AUTO_FOCUS, re-applied when a screen
    resumes; a ``focus()`` queued by a form opened under the cover; tab).
    """
    if hidden == screen.has_class("-private"):
        return
    # Restyled once, below: the class and then each part's ``disabled`` restyled the covered parts twice
    # (the class the whole screen, each part its own fields again), most of the cost of an F4 on a form.
    screen.set_class(hidden, "-private", update=False)
    if hidden:
        focused = screen.focused
        for select in screen.query(Select):
            if select.expanded:
                # a list left open came back undrawn yet still took keys (down, enter chose another value)
                select.expanded = False
                if focused is not None and select in focused.ancestors:
                    focused = select
        screen._focus_before_cover = focused  # type: ignore[attr-defined]
        screen.set_focus(None)
    # Only a part whose ``disabled`` changes restyles itself (Textual calls the watcher on a change alone): one
    # already so (disabled while saving, say) is restyled with the rest of the screen below.
    changed = [part for part in screen.query(".private-content") if part.disabled != hidden]
    for part in changed:
        part.disabled = hidden  # restyles the part and its fields, the screen's class already set
    covered = {id(node) for part in changed for node in part.walk_children(with_self=True)}
    screen.app.stylesheet.update_nodes(
        [node for node in screen.walk_children(with_self=True) if id(node) not in covered], animate=True)
    if not hidden:
        before = getattr(screen, "_focus_before_cover", None)
        if before is not None and before.is_attached:
            screen.set_focus(before)


def focus_field(screen: Screen, field: Widget) -> None:
    """Give a form's first field the focus, or, while the form is covered (F4), keep it for when it comes back.

    Call it after the form has followed the privacy screen (under the cover the
    field cannot take the focus: see ``cover_for_privacy``).
    """
    if screen.has_class("-private"):
        screen._focus_before_cover = field  # type: ignore[attr-defined]
    else:
        field.focus()


class FocusUnderCover:
    """Mixed into a screen with private fields: its first field has the focus from the start (Textual would
    otherwise focus the first widget that can take it, a scrolling form, and moving the focus on restyled
    every field twice), and nothing has it while names are hidden (F4): Textual focuses again when a screen
    resumes, and with the fields disabled (``cover_for_privacy``) took the Save button, where a blind enter
    would save."""

    FIRST_FIELD: str | None = None
    """The field with the focus from the start (None: the first widget that can take it)."""

    @property
    def first_field(self) -> str | None:
        return self.FIRST_FIELD

    @property
    def AUTO_FOCUS(self) -> str | None:  # noqa: N802 (Textual reads it from the screen)
        return "" if self.has_class("-private") else self.first_field  # type: ignore[attr-defined]


class DeskScreen(Screen):
    """A screen that shows data from the desk.

    The app calls ``refresh_data`` on every screen in the stack after the data
    changes (a reload, an outside edit) or the privacy screen is toggled.
    """

    WIDGET_KEYS: ClassVar[tuple[type, ...]] = ()
    """Widgets on this screen whose keys are tried before the screen's own while they have the focus (the
    table): a key remapped onto one of theirs never reaches the screen, and ``keymap_clashes`` says so."""

    ROW_ACTION: ClassVar[str] = ""
    """The action a table's row runs when it is chosen (enter, ``table.select``, or a click on the cursor's
    row): the same key remapped onto this action's binding too is no clash (``keymap_clashes``)."""

    @on(PlainTable.RowSelected)
    def _row_chosen(self, event: PlainTable.RowSelected) -> None:
        if self.ROW_ACTION:
            event.stop()
            getattr(self, f"action_{self.ROW_ACTION}")()

    @property
    def desk(self) -> "Desk":
        return self.app.desk  # type: ignore[attr-defined]

    @property
    def sd_app(self) -> "SponsorDeskApp":
        return self.app  # type: ignore[return-value]

    def refresh_data(self) -> None:
        """Redraw from ``self.desk``; screens override this."""

    def notebook_opened(self) -> None:
        """The first reading found what the roster showed from the index (``Desk.take_glance``): draw what
        waited for the files. All of it, unless a screen knows better (the roster)."""
        self.refresh_data()

    def writable(self, doing: str) -> bool:
        """False (and a clear "read-only" message) when this window cannot save."""
        return self.sd_app.writable(doing)

    def on_mount(self) -> None:
        # Here, with the screen's own widgets in place, rather than from a signal a
        # refresh later: the banner is there from the screen's first frame.
        self.show_read_only()

    def show_read_only(self) -> None:
        """The read-only banner, if this window cannot save (the app calls it when it finds out)."""
        from sponsordesk.tui.widgets.read_only_banner import ReadOnlyBanner

        if self.desk.read_only_reason:
            ReadOnlyBanner.show_on(self, self.desk.read_only_reason)


class UndoScreen(DeskScreen):
    """A data screen whose last change can be taken back with one key."""

    undo: "Undo | None" = None

    def action_undo(self) -> None:
        if self.undo is None:
            self.notify("Nothing to undo here.")
            return
        undo, self.undo = self.undo, None

        def done(saved: object) -> None:
            if saved is not None:
                self.undone(undo)

        if not save(self, lambda: self.desk.undo(undo), done=done, title_on_error="Not undone"):
            self.undo = undo  # still there to try again

    def undone(self, undo: "Undo") -> None:
        """Say what was taken back (every screen has been redrawn)."""


class DeskModal(FocusUnderCover, ModalScreen[ScreenResultType]):
    """A modal (form, confirmation) with access to the desk."""

    @property
    def desk(self) -> "Desk":
        return self.app.desk  # type: ignore[attr-defined]

    def heading(self) -> str | None:
        """The ``.form-title`` text when it names the sponsee, so it follows F4; None: no such title."""
        return None

    def refresh_data(self) -> None:
        """Modals keep what the user typed; only a heading that names someone is redrawn, and what was
        typed is covered while names are hidden."""
        text = self.heading()
        if text is not None:
            from textual.content import Content
            from textual.widgets import Static

            self.query_one(".form-title", Static).update(Content(text))
        self.follow_privacy()

    def on_mount(self) -> None:
        self.follow_privacy()  # opened while names are hidden: covered from the first frame

    def follow_privacy(self) -> None:
        """Cover the ``.private-content`` part, if the modal has one, while names are hidden (F4)."""
        if self.query(".private-content"):
            cover_for_privacy(self, self.desk.hidden)

    def writable(self, doing: str) -> bool:
        """False (and a clear "read-only" message) when this window cannot save."""
        return self.app.writable(doing)  # type: ignore[attr-defined]


class FormModal(DeskModal[ScreenResultType]):
    """A small form: enter in a field or the Save button saves, any other button or escape cancels."""

    def action_save(self) -> None:
        raise NotImplementedError

    def show_errors(self, errors: Mapping[str, str], fields: Iterable[str]) -> bool:
        """Each field's message (or none); True when there are none.

        Otherwise the first field in error gets the focus and is scrolled into
        view with its message: a toast alone left the person looking for it.
        """
        from sponsordesk.tui.widgets.form_field import FormField

        first: FormField | None = None
        for key in fields:
            field = self.query_one(f"#field-{key}", FormField)
            field.set_error(errors.get(key))
            if key in errors and first is None:
                first = field
        if first is not None:
            first.control.focus(scroll_visible=False)
            # after the messages are laid out, so the one under the field shows too
            self.call_after_refresh(first.scroll_visible, animate=False, immediate=True)
        return first is None

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    _opened_with: dict[str, object] | None = None

    def on_mount(self) -> None:
        # after the form's own on_mount has put its first values in (a default, the profile as it is)
        self.call_after_refresh(self._remember_opening)

    def _remember_opening(self) -> None:
        if self._opened_with is None:
            self._opened_with = self._values()

    def _values(self) -> dict[str, object]:
        """Every field's value now, by its id: what escape would throw away."""
        from textual.widgets import TextArea

        return {widget.id or f"#{index}": widget.text if isinstance(widget, TextArea) else widget.value
                for index, widget in enumerate(self.query("Input, TextArea, Select, Checkbox"))}

    def typed(self) -> bool:
        """Anything typed since the form opened."""
        return self._opened_with is not None and self._values() != self._opened_with

    def action_cancel(self) -> None:
        """Close; after typing, only once the person says so (escape sits beside F1)."""
        if not self.typed():
            self.dismiss(None)
            return
        from sponsordesk.tui.dialogs.confirm import ConfirmScreen

        def answered(leave: bool | None) -> None:
            if leave:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen("Leave without saving? What you typed here is not kept.",
                                           yes="Leave", no="Keep editing"), answered)
