"""The shipped programs' and themes' records (store/shipped.py): what validating each gave, taken at a start with
an empty cache folder instead of importing pydantic, only for the very bytes each was made from."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from sponsordesk.store import programs, shipped, themes
from sponsordesk.store.programs import SHIPPED, shipped_programs
from sponsordesk.store.shipped import RECORD
from sponsordesk.store.themes import load_themes, shipped_themes_folder


def _programs_record() -> dict:
    return json.loads(SHIPPED.joinpath(RECORD).read_bytes())


def _themes_record() -> dict:
    return json.loads(shipped_themes_folder().joinpath(RECORD).read_bytes())


def test_the_records_are_what_validating_the_shipped_files_gives_now():
    again = "a shipped file or its model changed: run `python -m sponsordesk.store.shipped` to make the records again"
    assert _programs_record() == programs.shipped_record(), again
    assert _themes_record() == themes.shipped_record(), again
    assert len(_programs_record()) == 7 and len(_themes_record()) == 4


def test_an_empty_cache_folder_starts_without_pydantic(isolated_folders):
    """As the app's start with an empty cache folder builds its context and its themes."""
    code = ("import sys\nfrom sponsordesk.desk.context import Context\nctx = Context.build(checked=True)\n"
            "found = ctx.themes(lambda colour: None, checked_with='a check')\n"
            "assert len(ctx.programs) == 7 and not ctx.problems and len(found.themes) == 4 and not found.problems\n"
            "assert 'pydantic' not in sys.modules, 'pydantic imported'\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=dict(os.environ))
    assert done.returncode == 0, done.stderr


def test_the_records_give_what_validation_gives(monkeypatch, validations):
    from_record = shipped_programs(), load_themes(None).themes
    assert validations == [] and len(from_record[0]) == 7 and len(from_record[1]) == 4
    monkeypatch.setattr(shipped, "read_record", lambda folder: {})
    assert (shipped_programs(), load_themes(None).themes) == from_record and len(validations) == 11


def test_a_file_whose_bytes_are_not_the_ones_recorded_is_validated(monkeypatch, validations):
    records = {"programs": _programs_record(), "themes": _themes_record()}
    records["programs"]["aa.toml"]["digest"] = "0" * 64  # edited where it was installed, or a record left stale
    records["programs"]["aa.toml"]["values"]["name"] = "Not what the file says"
    records["themes"]["sponsordesk-dusk.toml"]["digest"] = "0" * 64
    records["themes"]["sponsordesk-dusk.toml"]["values"]["description"] = "Not what the file says"
    monkeypatch.setattr(shipped, "read_record",
                        lambda folder: records["themes" if "themes" in str(folder) else "programs"])
    assert shipped_programs()["aa"].name == "Alcoholics Anonymous"
    assert load_themes(None).themes["sponsordesk-dusk"].description != "Not what the file says"
    assert validations == ["aa.toml", "sponsordesk-dusk.toml"]


@pytest.mark.parametrize("values", [None, {"key": 5}, {**_programs_record()["na.toml"]["values"], "milestones": "1y"},
                                    {**_programs_record()["na.toml"]["values"], "surprise": 1}])
def test_values_that_do_not_fit_the_model_are_validated_instead(monkeypatch, validations, values):
    expected = shipped_programs()["na"]
    record = _programs_record()
    record["na.toml"]["values"] = values
    monkeypatch.setattr(shipped, "read_record", lambda folder: record)
    assert shipped_programs()["na"] == expected and validations == ["na.toml"]


def test_a_colour_the_app_refuses_is_validated_and_reported_as_for_a_users_theme(validations):
    def no_orange(colour: str) -> None:
        if colour.lower() == "#e5a06b":  # sponsordesk-dark's accent
            raise ValueError(f"'{colour}' is not a colour here")

    found = load_themes(None, no_orange)
    assert validations == ["sponsordesk-dark.toml"], "the others still from the record"
    assert "sponsordesk-dark" not in found.themes
    assert [p.path.name for p in found.problems] == ["sponsordesk-dark.toml"]
    assert "is not a colour here" in found.problems[0].message


@pytest.mark.parametrize("where", [("colors", "accent"), ("sponsordesk", "overdue"),
                                   ("variables", "footer-key-foreground")])
def test_every_colour_taken_from_the_record_passes_the_apps_colour_check(monkeypatch, validations, where):
    """A record whose colour this Textual would refuse is not taken (the file is validated, and its own colour
    used): its colours, its app colours and its variables all pass the check its validation runs."""
    record = _themes_record()
    table, key = where
    record["sponsordesk-dark.toml"]["values"][table][key] = "#badbad"
    monkeypatch.setattr(shipped, "read_record", lambda folder: record if "themes" in str(folder) else {})

    def no_badbad(colour: str) -> None:
        if colour == "#badbad":
            raise ValueError("not here")

    found = load_themes(None, no_badbad)
    assert validations == ["sponsordesk-dark.toml"] and found.problems == []
    assert "#badbad" not in str(found.themes["sponsordesk-dark"])


@pytest.mark.parametrize("content", [None, b"not json", b"[1, 2]", b'"a string"', b"[" * 100_000])
def test_a_missing_or_garbage_record_is_no_record(tmp_path, content):
    """No record: every shipped file is validated (``test_the_records_give_what_validation_gives``)."""
    if content is not None:
        (tmp_path / RECORD).write_bytes(content)
    assert shipped.read_record(tmp_path) == {}


def test_a_shipped_program_that_no_longer_loads_is_said_with_its_file_and_line_at_every_start(
        tmp_path, monkeypatch, isolated_folders):
    """Edited where sponsordesk is installed: its sponsees get the generic program, and the sponsor is told why
    (it was dropped without a word), at the second start too, when the cache folder's record has seen it."""
    from sponsordesk.desk.context import Context
    from sponsordesk.store.programs import SHIPPED_HINT, program_for

    folder = tmp_path / "shipped_programs"
    folder.mkdir()
    for entry in SHIPPED.iterdir():
        if entry.is_file():
            folder.joinpath(entry.name).write_bytes(entry.read_bytes())
    na = folder / "na.toml"
    lines = na.read_text().splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith("name ="))
    lines[at] = "name = [broken"
    na.write_text("\n".join(lines) + "\n")
    monkeypatch.setattr(programs, "SHIPPED", folder)
    for start in ("first", "second"):
        ctx = Context.build(checked=True)
        assert "na" not in ctx.programs and program_for(ctx.programs, "NA").name == "NA", start
        (problem,) = ctx.problems
        assert problem.path == na and problem.line == at + 1 and problem.hint == SHIPPED_HINT, start
        assert str(na) in problem.describe() and "not valid TOML" in problem.describe()
    assert set(ctx.programs) == {"aa", "al-anon", "ca", "da", "ga", "oa"}, "the others as before"
    (folder / "zz.toml").mkdir()  # a folder by a program's name: said, not a crash of every start
    ctx = Context.build(checked=True)
    assert sorted((p.path.name, p.hint) for p in ctx.problems) == [("na.toml", SHIPPED_HINT), ("zz.toml", SHIPPED_HINT)]
    assert "could not be read" in next(p for p in ctx.problems if p.path.name == "zz.toml").message
