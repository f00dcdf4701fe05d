"""settings.toml: read with every problem reported, never silently ignored."""

from __future__ import annotations

import dataclasses
import difflib
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sponsordesk.model.settings import CadenceDefaults, Settings
from sponsordesk.store import tomlio
from sponsordesk.store.config_check import values_of
from sponsordesk.store.problems import Problem, StoreError, syntax_problem, validation_problems

if TYPE_CHECKING:
    from sponsordesk.store.config_check import ConfigCheck


HEADER = "# sponsordesk settings; see the README for every field.\n"
USING_DEFAULT = "using the default for it until it is fixed"


def load_settings(path: Path, check: "ConfigCheck | None" = None) -> tuple[Settings, list[Problem]]:
    """Settings from ``path``; each bad value falls back to its default and is reported.

    ``check``: the app's record of config files validated before (store/config_check.py): the file's values
    are taken from it while its bytes are those that validated with no problem, without pydantic."""
    where = f"settings:{path}"
    try:
        data = tomlio.read_followed(path)
    except OSError as error:  # a folder or a FIFO by its name, a file we may not read: never a crash
        if check is not None:
            check.failed(where)
        return Settings(), [Problem(path, f"could not be read ({error.strerror or error})",
                                    hint="using the default settings until it is a plain file sponsordesk can read")]
    if data is None:
        return Settings(), []
    if check is not None and (trusted := check.trusted(Settings, where, data)) is not None:
        return trusted, []
    settings, problems = _validated(path, data)
    if check is not None:
        check.record(where, data, None if problems else settings)
    return settings, problems


def _validated(path: Path, data: bytes) -> tuple[Settings, list[Problem]]:
    from pydantic import ValidationError

    from sponsordesk.store.config_models import plain, settings_model

    try:
        raw = tomlio.parse(data)
    except Exception as error:
        problem = syntax_problem(path, error)
        return Settings(), [Problem(path, problem.message, line=problem.line,
                                    hint="using the default settings until it is fixed")]
    source = data.decode("utf-8-sig", "replace")
    problems: list[Problem] = []
    model = settings_model()
    # Drop only the bad values, so one typo in [cadence] keeps the rest of it.
    for _ in range(50):
        try:
            return plain(Settings, model.model_validate(raw)), problems
        except ValidationError as error:
            for found, item in zip(validation_problems(path, error, source), error.errors(include_url=False)):
                message, hint = found.message, USING_DEFAULT
                loc = tuple(item.get("loc", ()))
                if item.get("type") == "extra_forbidden":
                    message, hint = "settings.toml has no such setting; check the spelling", _nearest(loc)
                # the file loaded and the rest of it is used: a value that fell back is a warning, not an error
                problems.append(Problem(path, message, line=found.line, field=found.field, hint=hint,
                                        severity="warning"))
                raw = _without(raw, loc)
    return Settings(), problems


def _nearest(loc: tuple) -> str:
    """'did you mean ...?' for a misspelt setting (at the top or in [cadence]), else 'ignored'."""
    fields = dataclasses.fields(CadenceDefaults if len(loc) > 1 and loc[0] == "cadence" else Settings)
    close = difflib.get_close_matches(str(loc[-1]) if loc else "", [f.name for f in fields], n=1)
    return f"ignored; did you mean '{close[0]}'?" if close else "ignored"


def _without(raw: dict[str, Any], loc: tuple) -> dict[str, Any]:
    """``raw`` with the value at ``loc`` removed (the whole top-level key if it cannot be reached)."""
    if len(loc) > 1 and isinstance(raw.get(loc[0]), dict):
        return {**raw, loc[0]: _without(raw[loc[0]], loc[1:])}
    return {k: v for k, v in raw.items() if not loc or k != loc[0]}


def save_settings(path: Path, settings: Settings) -> None:
    """Write settings; only values that differ from the defaults are written."""
    import tomli_w

    path = tomlio.written_through(path)
    tomlio.ensure_dir(path.parent)
    data = _not_default(values_of(settings), values_of(Settings()))
    tomlio.write_atomic(path, (HEADER + tomli_w.dumps(data)).encode())


def _not_default(values: dict[str, Any], defaults: dict[str, Any]) -> dict[str, Any]:
    """The values that differ from the defaults, table by table (``[cadence]`` only with its own changes)."""
    found: dict[str, Any] = {}
    for key, value in values.items():
        if isinstance(value, dict) and isinstance(defaults.get(key), dict) and defaults[key]:
            value = _not_default(value, defaults[key])
            if value:
                found[key] = value
        elif value != defaults.get(key):
            found[key] = value
    return found


def set_setting(path: Path, key: str, value: str | int | bool) -> None:
    """Change one top-level setting in place, keeping the user's comments and layout.

    Raises StoreError (message ready to show) when settings.toml does not parse:
    rewriting it then could lose what the user typed.
    """
    import tomli_w

    path = tomlio.written_through(path)
    data = tomlio.read_bytes(path)
    if data is None:
        tomlio.ensure_dir(path.parent)
        tomlio.write_atomic(path, (HEADER + tomli_w.dumps({key: value})).encode())
        return
    try:
        before = tomlio.parse(data)
    except Exception as error:
        problem = syntax_problem(path, error)
        raise StoreError(f"{problem.where()}: {problem.message}. Fix it in an editor; "
                         f"until then '{key}' is only changed for this session.") from error
    text = _with_top_level(data.decode("utf-8-sig"), key, tomli_w.dumps({key: value}))
    try:
        after = tomlio.parse(text.encode())
    except Exception:
        after = None
    if after != {**before, key: value}:
        # An unusual layout (say a multi-line value); a plain rewrite is still correct.
        text = HEADER + tomli_w.dumps({**before, key: value})
    tomlio.write_atomic(path, text.encode())


def _with_top_level(source: str, key: str, line: str) -> str:
    lines = source.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    # Top-level keys must come before the first [table] header.
    end = next((i for i, text in enumerate(lines) if text.lstrip().startswith("[")), len(lines))
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    for i in range(end):
        if pattern.match(lines[i]):
            lines[i] = line
            return "".join(lines)
    # After the last top-level value, or else after the comments that open the file.
    values = [i for i in range(end) if "=" in lines[i] and not lines[i].lstrip().startswith("#")]
    at = values[-1] + 1 if values else next((i for i, t in enumerate(lines) if not t.lstrip().startswith("#")), len(lines))
    lines.insert(at, line)
    return "".join(lines)


def line_of_key(path: Path, key: str) -> int | None:
    """The line where ``key`` (bare or quoted) is set in settings.toml, for messages."""
    data = tomlio.read_bytes(path)
    if data is None:
        return None
    pattern = re.compile(rf"""^\s*(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')\s*=""")
    for number, text in enumerate(data.decode("utf-8-sig", "replace").splitlines(), 1):
        if pattern.match(text):
            return number
    return None
