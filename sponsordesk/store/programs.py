"""Programs: shipped ones from the package, overridden by the user's files."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from pydantic import ValidationError

from sponsordesk.model.program import Program
from sponsordesk.store import tomlio
from sponsordesk.store.problems import Problem, syntax_problem, validation_problems


def _parse(path: Path, data: bytes, problems: list[Problem]) -> Program | None:
    try:
        raw = tomlio.parse(data)
    except Exception as error:
        problems.append(syntax_problem(path, error))
        return None
    try:
        return Program.model_validate(raw)
    except ValidationError as error:
        problems.append(*validation_problems(path, error, data.decode("utf-8-sig", "replace"))[:1])
        return None


def shipped_programs() -> dict[str, Program]:
    found: dict[str, Program] = {}
    problems: list[Problem] = []
    for entry in resources.files("sponsordesk.store.shipped_programs").iterdir():
        if entry.name.endswith(".toml"):
            program = _parse(Path(entry.name), entry.read_bytes(), problems)
            if program:
                found[program.key.lower()] = program
    return found


def load_programs(user_dir: Path | None) -> tuple[dict[str, Program], list[Problem]]:
    """Programs by lower-case key; a user file with the same key replaces ours,
    but keeps our step titles and principles where it leaves them out."""
    programs = shipped_programs()
    problems: list[Problem] = []
    if user_dir and user_dir.is_dir():
        for path in sorted(user_dir.glob("*.toml")):
            try:
                data = tomlio.read_followed(path)
            except OSError as error:  # a folder or a FIFO by a program's name: reported, never waited on
                problems.append(Problem(path, f"could not be read ({error.strerror or error})"))
                continue
            if data is None:
                continue  # a link to nothing
            program = _parse(path, data, problems)
            if program is None:
                continue
            base = programs.get(program.key.lower())
            if base is not None:
                ours = {s.number: s for s in base.step}
                theirs = {s.number: s for s in program.step}
                program.step = [theirs.get(n) or ours[n] for n in sorted(ours | theirs)]
            programs[program.key.lower()] = program
    return programs, problems


def program_for(programs: dict[str, Program], key: str) -> Program:
    """The sponsee's program, or a generic one so an unknown key never breaks a screen."""
    found = programs.get(key.lower())
    if found:
        return found
    generic = programs.get("aa") or Program(key=key, name=key)
    return generic.model_copy(update={"key": key, "name": key})
