"""Theme files become Textual themes; the theme picker previews and saves the choice."""

from __future__ import annotations

import dataclasses
import os
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual import color as textual_color
from textual.color import Color, ColorParseError
from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.theme import Theme
from textual.widgets import OptionList

from sponsordesk.desk.errors import Problem
from sponsordesk.model.settings import DEFAULT_THEME  # model.settings needs no pydantic

if TYPE_CHECKING:
    from sponsordesk.tui.app import SponsorDeskApp


def textual_colour_check(value: str) -> None:
    """A colour Textual can paint, so a theme never fails after it loaded."""
    try:
        Color.parse(value)
    except ColorParseError:
        raise ValueError(f"'{value}' is not a colour; write it like \"#1b1e24\"") from None


def colour_check_stamp() -> str:
    """Which colour check passed a theme file: Textual as installed (its dist-info folder names the version)
    and the files its colour parser reads, by size, mtime and inode (an upgrade, a downgrade or an edit in a
    checkout changes them). Not ``textual.__version__``: reading it loads importlib.metadata and the email
    package, about 8 ms of every start."""
    try:
        here = Path(textual_color.__file__)
        parser = [here, here.with_name("_color_constants.py")]
        signature = [(st.st_size, st.st_mtime_ns, st.st_ino) for st in map(os.stat, parser)]
        installed = sorted(p.name for p in here.parent.parent.glob("textual-*.dist-info"))
    except (OSError, TypeError):
        # unknown: no kept check is used, and every theme file is validated (desk/context.py Context.themes)
        return ""
    return f"textual {' '.join(installed)} {signature}"


def to_textual(spec) -> Theme:
    """A theme file (store/themes.py ``ThemeFile``) as a Textual theme."""
    colours = dataclasses.asdict(spec.colors)
    return Theme(name=spec.name, dark=spec.dark, variables=spec.app_variables(), **colours)


def install_themes(app: "SponsorDeskApp") -> list[str]:
    """Register every theme and apply the one in settings; returns lines for one notification."""
    user_dir = app.ctx.user_themes_dir
    # a theme file validated before with Textual's colour check (this Textual's) is taken as it was then
    found = app.ctx.themes(textual_colour_check, checked_with=colour_check_stamp())
    app.ours = sorted(found.themes)
    for spec in found.themes.values():
        app.register_theme(to_textual(spec))
    lines = [_describe(problem, user_dir) for problem in found.problems]
    wanted = app.ctx.settings.theme
    if wanted in app.available_themes:
        app.theme = wanted
    else:
        app.theme = DEFAULT_THEME
        line = app.ctx.setting_line("theme")
        where = f"settings.toml, line {line}" if line else "settings.toml"
        lines.append(f"{where}: there is no theme named '{wanted}'; using {DEFAULT_THEME}. "
                     f"Themes: {', '.join(app.ours)}")
    return lines


def _describe(problem: Problem, user_dir) -> str:
    return f"{problem.where(user_dir)}: {problem.message}"


class ThemeProvider(Provider):
    """Our themes (shipped and the user's), the current one first."""

    def _names(self) -> list[str]:
        app: SponsorDeskApp = self.app  # type: ignore[assignment]
        names = [name for name in app.ours if name in app.available_themes]
        if app.theme not in names:  # a Textual theme named in settings.toml stays on the list
            names.append(app.theme)
        return sorted(names, key=lambda name: (name != app.theme, name))

    async def discover(self) -> Hits:
        for name in self._names():
            yield DiscoveryHit(name, partial(self.app.choose_theme, name), text=name)  # type: ignore[attr-defined]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name in self._names():
            if (score := matcher.match(name)) > 0:
                yield Hit(score, matcher.highlight(name), partial(self.app.choose_theme, name), text=name)  # type: ignore[attr-defined]


class ThemePicker(CommandPalette):
    """Each highlighted theme is shown at once; leaving without choosing puts the saved one back."""

    def __init__(self) -> None:
        super().__init__(providers=[ThemeProvider], placeholder="Search for a theme…", id="--theme-picker")

    @on(OptionList.OptionHighlighted)
    def _preview(self, event: OptionList.OptionHighlighted) -> None:
        hit = getattr(event.option, "hit", None)
        if hit is not None and hit.text in self.app.available_themes:
            self.app.theme = hit.text

    def on_unmount(self) -> None:
        # A chosen theme runs (and is saved) before this, so this only undoes a preview.
        self.app.call_later(self.app.restore_theme)  # type: ignore[attr-defined]
