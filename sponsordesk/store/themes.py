"""Theme files: the TOML format, and reading shipped and user themes.

No Textual here: the app turns a ``ThemeFile`` into a Textual theme. The app
passes its own colour check so a colour Textual cannot read is reported with
the file and line like any other mistake, instead of failing at paint time.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sponsordesk.store import shipped, tomlio
from sponsordesk.store.config_check import ConfigCheck
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


# The checks below run inside pydantic's validation (``info``: its ValidationInfo, whose context holds the
# colour check); ``validate`` in a field's metadata names them (store/config_models.py), ``items`` for each
# value of a table.

def _colour(value: str | None, info: Any) -> str | None:
    if value is None:
        return None
    check = (info.context or {}).get("check_colour", basic_colour_check)
    check(value)
    return value


_STYLES = {"bold", "italic", "underline", "reverse", "strike", "dim", "blink", "none", "not"}


def _variable(value: str, info: Any) -> str:
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


# Theme files are typed by hand: an unknown key is a typo to report (their models forbid extra keys).
# Plain dataclasses, so the app can start from theme files already checked without pydantic
# (store/config_check.py); the files are validated by pydantic models made from these fields.
_COLOUR = {"validate": _colour}


@dataclass(kw_only=True)
class ThemeColours:
    """Textual's base colours; every other shade is derived from them."""

    primary: str = field(metadata=_COLOUR)
    """The main colour: highlights, the cursor, focused borders."""
    secondary: str | None = field(default=None, metadata=_COLOUR)
    accent: str | None = field(default=None, metadata=_COLOUR)
    foreground: str | None = field(default=None, metadata=_COLOUR)
    """Text."""
    background: str | None = field(default=None, metadata=_COLOUR)
    surface: str | None = field(default=None, metadata=_COLOUR)
    """Widgets such as the table."""
    panel: str | None = field(default=None, metadata=_COLOUR)
    """Headers and panels."""
    boost: str | None = field(default=None, metadata=_COLOUR)
    warning: str | None = field(default=None, metadata=_COLOUR)
    error: str | None = field(default=None, metadata=_COLOUR)
    success: str | None = field(default=None, metadata=_COLOUR)


@dataclass(kw_only=True)
class AppColours:
    """sponsordesk's own colours; one left out falls back to the app's default."""

    overdue: str | None = field(default=None, metadata=_COLOUR)
    """A sponsee past their cadence: time to reconnect."""
    due: str | None = field(default=None, metadata=_COLOUR)
    """Due today."""
    fine: str | None = field(default=None, metadata=_COLOUR)
    """In touch recently."""
    milestone: str | None = field(default=None, metadata=_COLOUR)
    """A milestone today or coming up."""
    relapse: str | None = field(default=None, metadata=_COLOUR)
    """A relapse was mentioned recently."""


@dataclass(kw_only=True)
class ThemeFile:
    """A theme file: its name, whether it is dark, and its colours."""

    schema_version: int = field(default=1, metadata={"ge": 1, "le": 1})
    name: str = field(metadata={"pattern": r"^[a-z0-9][a-z0-9-]*$", "max_length": 60})
    """The name settings.toml and the theme picker use: lowercase letters, digits, dashes."""
    description: str = ""
    dark: bool = True
    """A dark theme (light text on a dark background)."""
    colors: ThemeColours
    sponsordesk: AppColours = field(default_factory=AppColours)
    variables: dict[str, str] = field(default_factory=dict, metadata={"items": _variable, "check": _variable_names})
    """Any other Textual theme variable, e.g. ``footer-key-foreground``."""

    def app_variables(self) -> dict[str, str]:
        """The ``sd-*`` variables this theme sets, plus its own variables."""
        ours = {f"sd-{f.name}": getattr(self.sponsordesk, f.name) for f in dataclasses.fields(self.sponsordesk)}
        return {**self.variables, **{name: value for name, value in ours.items() if value}}


@dataclass
class ThemeSet:
    """Every theme that loaded, and a problem for each file that did not."""

    themes: dict[str, ThemeFile] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    """Theme name -> the file it came from (for messages)."""
    problems: list[Problem] = field(default_factory=list)


def parse_theme(name: str, data: bytes, check_colour: ColourCheck | None = None,
                check: ConfigCheck | None = None, checked_with: str = "",
                where: str = "") -> tuple[ThemeFile | None, list[Problem]]:
    """One theme file's bytes; ``name`` is how the file is named in problems.

    ``check`` (the app's, store/config_check.py) answers for bytes that validated before with no problem
    under the same colour check (``checked_with`` names it: Textual's colour parser as installed), without pydantic;
    ``where`` names the file there."""
    where = f"theme:{where or name}"
    if check is not None and (trusted := check.trusted(ThemeFile, where, data, checked_with)) is not None:
        return trusted, []
    theme, problems = _validated(name, data, check_colour)
    if check is not None:
        check.record(where, data, None if problems else theme, checked_with)
    return theme, problems


def _validated(name: str, data: bytes, check_colour: ColourCheck | None) -> tuple[ThemeFile | None, list[Problem]]:
    from pydantic import ValidationError

    from sponsordesk.store.config_models import model_of, plain

    path = Path(name)
    try:
        raw = tomlio.parse(data)
    except Exception as error:
        problem = syntax_problem(path, error)
        return None, [Problem(path, problem.message, line=problem.line)]
    context = {"check_colour": check_colour or basic_colour_check}
    try:
        return plain(ThemeFile, model_of(ThemeFile).model_validate(raw, context=context)), []
    except ValidationError as error:
        found = validation_problems(path, error, data.decode("utf-8-sig", "replace"))
        return None, [Problem(p.path, _plain(p.message), line=p.line, field=p.field) for p in found]


def _plain(message: str) -> str:
    # Pydantic prefixes messages from our checks with "Value error, ".
    return message.removeprefix("Value error, ")


def shipped_themes_folder() -> Path:
    """The shipped themes: the checkout's top-level themes/ or the installed package's (sponsordesk/themes/,
    always files: see store/programs.py ``SHIPPED``)."""
    package = Path(__file__).resolve().parents[1]
    checkout = package.parent / "themes"
    if (checkout / f"{DEFAULT_THEME}.toml").is_file():
        return checkout
    return package / "themes"


def load_themes(user_dir: Path | None, check_colour: ColourCheck | None = None, check: ConfigCheck | None = None,
                checked_with: str = "") -> ThemeSet:
    """Shipped themes, then the user's (a user theme with a shipped name replaces it).

    ``check``, ``checked_with``: the app's record of theme files validated before (``parse_theme``)."""
    found = ThemeSet()
    folder = shipped_themes_folder()
    record = shipped.read_record(folder)
    entries: list[tuple[str, str, Callable[[], bytes], dict[str, Any]]] = [
        (entry.name, f"shipped/{entry.name}", entry.read_bytes, record)
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".toml")
    ]
    if user_dir is not None and user_dir.is_dir():
        entries += [(str(path), str(path), lambda path=path: tomlio.read_followed(path) or b"", {})
                    for path in sorted(user_dir.glob("*.toml"))]
    for shown, where, read, recorded in entries:
        try:
            data = read()
        except OSError as error:
            found.problems.append(Problem(Path(shown), f"could not be read: {error.strerror or error}"))
            if check is not None:
                check.failed(f"theme:{where}")
            continue
        theme = _recorded(recorded.get(shown), data, check_colour)  # a shipped theme's record; a user's has none
        problems = []
        if theme is None:
            theme, problems = parse_theme(shown, data, check_colour, check, checked_with, where)
        found.problems += problems
        if theme is not None:
            found.themes[theme.name] = theme
            found.files[theme.name] = shown
    return found


def _recorded(entry: Any, data: bytes, check_colour: ColourCheck | None) -> ThemeFile | None:
    """A shipped theme from its record (store/shipped.py) when made from these bytes and its colours pass
    ``check_colour`` through the checks its validation runs (the record is the same whichever colour check
    made it: a check only ever refuses); None: validate it, and report what this Textual refuses."""
    return shipped.recorded(ThemeFile, entry, data, {"check_colour": check_colour or basic_colour_check})


def shipped_record() -> dict[str, Any]:
    """store/shipped.py's record of the shipped themes as they validate now (each with pydantic)."""
    def validate(name: str, data: bytes) -> ThemeFile:
        theme, problems = _validated(name, data, None)
        if theme is None or problems:
            raise ValueError(f"shipped theme {name}: {problems}")
        return theme

    return shipped.record_of(shipped_themes_folder(), validate)
