"""What validating each shipped program and theme gave, kept beside them, so a start with an empty cache
folder needs no pydantic.

The app keeps what each config file validated to in the cache folder (store/config_check.py). Empty (the
first start after installing or upgrading, whose version the cache is keyed by, or after a cleaner emptied
~/.cache), the seven shipped programs and four shipped themes were validated at every such start: importing
pydantic and building its models first, about 200 ms before the first frame at any size. They are files
of the package, the same for everyone with this version, so what validating them gives is kept with them,
in ``validated.json`` beside them: per file name, the SHA-256 of its bytes and the values, as
``config_check.values_of`` writes them. A file whose bytes hash the same is taken from there, each value
checked against its field's type, its ``ge``/``le`` limits, its ``check`` and (a theme's colours, with the
app's own colour check) its ``validate`` and ``items`` (``config_check.from_values``; not the pattern and
length limits pydantic's model adds, which the values passed when the record was made); any other file
(edited where it was installed), or a record that is missing or does not fit, is validated as before.
The record holds no key of the models or of pydantic, as the cache's does: it is made from the files with
the models of the same commit, and the test says when it is stale.

``python -m sponsordesk.store.shipped`` makes both records again; tests/store/test_shipped.py fails until it
is run after a shipped file or its model changes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sponsordesk.store import tomlio
from sponsordesk.store.config_check import taken, values_of

RECORD = "validated.json"


def read_record(folder: Any) -> dict[str, Any]:
    """The record in ``folder`` (a Traversable or a Path); empty when it is missing or not a record."""
    try:
        record = json.loads(folder.joinpath(RECORD).read_bytes())
    except (OSError, ValueError, RecursionError):
        return {}  # installed without it, or damaged: each file is validated
    return record if type(record) is dict else {}


def recorded(cls: type, entry: Any, data: bytes, context: dict[str, Any] | None = None) -> Any | None:
    """``cls`` from a record's entry made from these very bytes; None: validate them. ``context``: as the
    file's validation would have it (``config_check.from_values``)."""
    if type(entry) is not dict or entry.get("digest") != tomlio.digest(data):
        return None
    return taken(cls, entry.get("values"), context)  # None: not what this sponsordesk's dataclass holds


def record_of(folder: Any, validate: Callable[[str, bytes], Any]) -> dict[str, Any]:
    """The record of every ``.toml`` in ``folder`` as ``validate`` (a file name and its bytes; the dataclass,
    or ValueError for any problem) gives it now."""
    out = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            data = entry.read_bytes()
            out[entry.name] = {"digest": tomlio.digest(data), "values": values_of(validate(entry.name, data))}
    return out


def write(folder: Any, record: dict[str, Any]) -> None:
    folder.joinpath(RECORD).write_text(json.dumps(record, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
                                       "utf-8")


def main() -> None:
    from pathlib import Path

    from sponsordesk.store import programs, themes

    here = Path(__file__).resolve().parent
    for folder, record in ((here / "shipped_programs", programs.shipped_record()),
                           (Path(str(themes.shipped_themes_folder())), themes.shipped_record())):
        write(folder, record)
        print(f"wrote {folder / RECORD}")


if __name__ == "__main__":
    main()
