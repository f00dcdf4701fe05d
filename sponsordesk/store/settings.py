"""settings.toml: read with every problem reported, never silently ignored."""

from __future__ import annotations

from pathlib import Path

import tomli_w
from pydantic import ValidationError

from sponsordesk.model.settings import Settings
from sponsordesk.store import tomlio
from sponsordesk.store.problems import Problem, syntax_problem, validation_problems


def load_settings(path: Path) -> tuple[Settings, list[Problem]]:
    """Settings from ``path``; a bad field falls back to its default and is reported."""
    data = tomlio.read_bytes(path)
    if data is None:
        return Settings(), []
    try:
        raw = tomlio.parse(data)
    except Exception as error:
        problem = syntax_problem(path, error)
        return Settings(), [Problem(path, problem.message, line=problem.line,
                                    hint="using the default settings until it is fixed")]
    try:
        return Settings.model_validate(raw), []
    except ValidationError as error:
        problems = validation_problems(path, error, data.decode("utf-8-sig", "replace"))
        bad_top = {p.field.split(".")[0].split("[")[0] for p in problems if p.field}
        kept = {k: v for k, v in raw.items() if k not in bad_top}
        try:
            settings = Settings.model_validate(kept)
        except ValidationError:
            settings = Settings()
        problems = [Problem(p.path, p.message, line=p.line, field=p.field,
                            hint="using the default for it until it is fixed") for p in problems]
        return settings, problems


def save_settings(path: Path, settings: Settings) -> None:
    """Write settings; only values that differ from the defaults are written."""
    tomlio.ensure_dir(path.parent)
    data = settings.model_dump(mode="json", exclude_defaults=True)
    tomlio.write_atomic(path, ("# sponsordesk settings; see the README for every field.\n" + tomli_w.dumps(data)).encode())
