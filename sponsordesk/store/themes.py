"""Theme files: the TOML format, and reading shipped and user themes.

No Textual here: the app turns a ``ThemeFile`` into a Textual theme. The app
passes its own colour check so a colour Textual cannot read is reported with
the file and line like any other mistake, instead of failing at paint time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, ValidationInfo
from typing import Annotated

from sponsordesk.store import tomlio
from sponsordesk.store.problems import Problem, syntax_problem, validation_problems

DEFAULT_THEME = "sponsordesk-dark"
APP_COLOURS = ("overdue", "due", "fine", "milestone", "relapse")
"""The app's own colours; a theme sets them as ``[sponsordesk]`` and screens use ``$sd-<name>``."""

ColourCheck = Callable[[str], None]
"""Raises ValueError (with a message to show) when a colour cannot be used."""

_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")
_FUNCTION = re.compile(r"^(?:rgb|rgba|hsl|hsla)\(.*\)$")
_WORD = re.compile(r"^[a-z][a-z0-9_]*$")


def basic_colour_check(value: str) -> None:
    """The shape of a colour (hex, rgb(), hsl() or a name), without Textual."""
    text = value.strip()
    if not (_HEX.match(text) or _FUNCTION.match(text) or _WORD.match(text)):
        raise ValueError(f"'{value}' is not a colour; write it like \"#1b1e24\"")


def _colour(value: str, info: ValidationInfo) -> str:
    check = (info.context or {}).get("check_colour", basic_colour_check)
    check(value)
    return value


_STYLES = {"bold", "italic", "underline", "reverse", "strike", "dim", "blink", "none", "not"}


def _variable(value: str, info: ValidationInfo) -> str:
    # A variable is a text style ("bold underline") or a colour with an optional alpha ("#81a1c1 35%").
    words = value.split()
    if words and all(word in _STYLES for word in words):
        return value
    if len(words) == 2 and re.fullmatch(r"\d{1,3}%", words[1]):
        words = words[:1]
    if len(words) != 1:
        raise ValueError(f"'{value}' is neither a colour nor a text style")
    return _colour(words[0], info) and value


def _variable_names(value: dict[str, str]) -> dict[str, str]:
    for name in value:
        if not re.fullmatch(r"[a-z][a-z0-9-]*", name):
            raise ValueError(f"'{name}' is not a variable name (lowercase letters, digits and dashes)")
    return value


Colour = Annotated[str, AfterValidator(_colour)]


class _Strict(BaseModel):
    # Theme files are typed by hand: an unknown key is a typo to report.
    # Field docstrings are documentation for people; use_attribute_docstrings would
    # re-read and parse this source on every start (about 12 ms) for descriptions nothing shows.
    model_config = ConfigDict(extra="forbid")


class ThemeColours(_Strict):
    """Textual's base colours; every other shade is derived from them."""

    primary: Colour
    """The main colour: highlights, the cursor, focused borders."""
    secondary: Colour | None = None
    accent: Colour | None = None
    foreground: Colour | None = None
    """Text."""
    background: Colour | None = None
    surface: Colour | None = None
    """Widgets such as the table."""
    panel: Colour | None = None
    """Headers and panels."""
    boost: Colour | None = None
    warning: Colour | None = None
    error: Colour | None = None
    success: Colour | None = None


class AppColours(_Strict):
    """sponsordesk's own colours; one left out falls back to the app's default."""

    overdue: Colour | None = None
    """A sponsee past their cadence: time to reconnect."""
    due: Colour | None = None
    """Due today."""
    fine: Colour | None = None
    """In touch recently."""
    milestone: Colour | None = None
    """A milestone today or coming up."""
    relapse: Colour | None = None
    """A relapse was mentioned recently."""


class ThemeFile(_Strict):
    schema_version: int = Field(default=1, ge=1, le=1)
    name: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)
    """The name settings.toml and the theme picker use: lowercase letters, digits, dashes."""
    description: str = ""
    dark: bool = True
    """A dark theme (light text on a dark background)."""
    colors: ThemeColours
    sponsordesk: AppColours = Field(default_factory=AppColours)
    variables: Annotated[dict[str, Annotated[str, AfterValidator(_variable)]], AfterValidator(_variable_names)] = Field(default_factory=dict)
    """Any other Textual theme variable, e.g. ``footer-key-foreground``."""

    def app_variables(self) -> dict[str, str]:
        """The ``sd-*`` variables this theme sets, plus its own variables."""
        ours = {f"sd-{name}": value for name, value in self.sponsordesk.model_dump().items() if value}
        return {**self.variables, **ours}


@dataclass
class ThemeSet:
    """Every theme that loaded, and a problem for each file that did not."""

    themes: dict[str, ThemeFile] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    """Theme name -> the file it came from (for messages)."""
    problems: list[Problem] = field(default_factory=list)


def parse_theme(name: str, data: bytes, check_colour: ColourCheck | None = None) -> tuple[ThemeFile | None, list[Problem]]:
    """One theme file's bytes; ``name`` is how the file is named in problems."""
    path = Path(name)
    try:
        raw = tomlio.parse(data)
    except Exception as error:
        problem = syntax_problem(path, error)
        return None, [Problem(path, problem.message, line=problem.line)]
    context = {"check_colour": check_colour or basic_colour_check}
    try:
        return ThemeFile.model_validate(raw, context=context), []
    except ValidationError as error:
        found = validation_problems(path, error, data.decode("utf-8-sig", "replace"))
        return None, [Problem(p.path, _plain(p.message), line=p.line, field=p.field) for p in found]


def _plain(message: str) -> str:
    # Pydantic prefixes messages from our checks with "Value error, ".
    return message.removeprefix("Value error, ")


def shipped_themes_folder() -> Traversable:
    """The shipped themes: the checkout's top-level themes/ or the installed package."""
    checkout = Path(__file__).resolve().parents[2] / "themes"
    if (checkout / f"{DEFAULT_THEME}.toml").is_file():
        return checkout
    return resources.files("sponsordesk.themes")


def load_themes(user_dir: Path | None, check_colour: ColourCheck | None = None) -> ThemeSet:
    """Shipped themes, then the user's (a user theme with a shipped name replaces it)."""
    found = ThemeSet()
    entries: list[tuple[str, Callable[[], bytes]]] = [
        (entry.name, entry.read_bytes)
        for entry in sorted(shipped_themes_folder().iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".toml")
    ]
    if user_dir is not None and user_dir.is_dir():
        entries += [(str(path), lambda path=path: tomlio.read_followed(path) or b"")
                    for path in sorted(user_dir.glob("*.toml"))]
    for shown, read in entries:
        try:
            data = read()
        except OSError as error:
            found.problems.append(Problem(Path(shown), f"could not be read: {error.strerror or error}"))
            continue
        theme, problems = parse_theme(shown, data, check_colour)
        found.problems += problems
        if theme is not None:
            found.themes[theme.name] = theme
            found.files[theme.name] = shown
    return found
