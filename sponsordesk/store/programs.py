"""Programs: shipped ones from the package, overridden by the user's files."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from sponsordesk.model.program import Program
from sponsordesk.store import shipped, tomlio
from sponsordesk.store.config_check import ConfigCheck
from sponsordesk.store.problems import Problem, syntax_problem, validation_problems


def _parse(path: Path, data: bytes, problems: list[Problem], check: ConfigCheck | None = None,
           where: str = "") -> Program | None:
    """One program file's bytes; ``check`` (the app's, store/config_check.py) answers for bytes that validated
    before with no problem, without pydantic; ``where`` names the file there."""
    if check is not None and (trusted := check.trusted(Program, where, data)) is not None:
        return trusted
    program = _validated(path, data, problems)
    if check is not None:
        check.record(where, data, program)
    return program


def _validated(path: Path, data: bytes, problems: list[Problem]) -> Program | None:
    from pydantic import ValidationError

    from sponsordesk.store.config_models import plain, program_model

    try:
        raw = tomlio.parse(data)
    except Exception as error:
        problems.append(syntax_problem(path, error))
        return None
    try:
        return plain(Program, program_model().model_validate(raw))
    except ValidationError as error:
        problems.append(*validation_problems(path, error, data.decode("utf-8-sig", "replace"))[:1])
        return None


SHIPPED = Path(__file__).with_name("shipped_programs")
"""The shipped programs' folder, as a path (the package is always installed as files; importlib.resources,
and the zip reading it loads, were about 5 ms of every start)."""


def shipped_programs(check: ConfigCheck | None = None, problems: list[Problem] | None = None) -> dict[str, Program]:
    """The programs that come with sponsordesk, from their record when their bytes are the recorded ones
    (store/shipped.py: no pydantic), else validated (``check``: the app's record, as for a user's file).

    One that no longer loads (edited where sponsordesk is installed) is left out, so its sponsees get the
    generic program, and is said in ``problems`` with its file and line: silently, the sponsor saw step
    titles change and never knew why."""
    found: dict[str, Program] = {}
    said = problems if problems is not None else []
    folder = SHIPPED
    record = shipped.read_record(folder)
    for entry in folder.iterdir():
        if entry.name.endswith(".toml"):
            try:
                data = entry.read_bytes()
            except OSError as error:  # a folder by a program's name, a file made unreadable: said, as below
                said.append(Problem(Path(str(entry)), f"could not be read ({error.strerror or error})",
                                    hint=SHIPPED_HINT))
                continue
            program = shipped.recorded(Program, record.get(entry.name), data)
            if program is None:
                before = len(said)
                program = _parse(Path(str(entry)), data, said, check, f"program:shipped/{entry.name}")
                said[before:] = [dataclasses.replace(problem, hint=SHIPPED_HINT) for problem in said[before:]]
            if program:
                found[program.key.lower()] = program
    return found


SHIPPED_HINT = ("it comes with sponsordesk and was changed where sponsordesk is installed: reinstall sponsordesk "
                "(or `git checkout` it in a clone) to put it back")


def shipped_record() -> dict:
    """store/shipped.py's record of the shipped programs as they validate now (each with pydantic)."""
    def validate(name: str, data: bytes) -> Program:
        problems: list[Problem] = []
        program = _validated(Path(name), data, problems)
        if program is None or problems:
            raise ValueError(f"shipped program {name}: {problems}")
        return program

    return shipped.record_of(SHIPPED, validate)


def load_programs(user_dir: Path | None, check: ConfigCheck | None = None) -> tuple[dict[str, Program], list[Problem]]:
    """Programs by lower-case key; a user file with the same key replaces ours,
    but keeps our step titles and principles where it leaves them out.

    ``check``: the app's record of config files validated before (store/config_check.py)."""
    problems: list[Problem] = []
    programs = shipped_programs(check, problems)
    if user_dir and user_dir.is_dir():
        for path in sorted(user_dir.glob("*.toml")):
            where = f"program:{path}"
            try:
                data = tomlio.read_followed(path)
            except OSError as error:  # a folder or a FIFO by a program's name: reported, never waited on
                problems.append(Problem(path, f"could not be read ({error.strerror or error})"))
                if check is not None:
                    check.failed(where)
                continue
            if data is None:
                continue  # a link to nothing
            program = _parse(path, data, problems, check, where)
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
    return dataclasses.replace(generic, key=key, name=key)
