"""Config files already validated: the app starts from their values without loading pydantic.

settings.toml and the user's program and theme files are validated by
pydantic models (store/config_models.py, store/themes.py). Importing
pydantic and building those models took about 65 ms of every start, for
files that rarely change. So the app keeps, in the cache folder, what each
of them was when it last validated with no problem at all: the SHA-256 of
the file's bytes, and the values the validation gave, as plain JSON
(``config-check.json``). At the
next start a file whose bytes hash the same is taken from there; any other
file is validated with pydantic and reported as before.

What is trusted, and why it is safe:

- Only the exact bytes: a file is hashed each start, whatever its size or
  times say. One byte changed and it is validated again.
- Only files that validated with no problem (not even a warning): a file
  with a problem is validated, and reported, at every start.
- Only what this sponsordesk wrote: the entry's format, the sponsordesk
  version and the signatures of the modules that define the fields
  (``schema_key``) must match, and each entry carries a seal, the SHA-256 of
  its key, file digest and values; an entry edited by hand (its values
  changed, its seal not) is not used, nor is one whose values do not fit
  the fields' types and limits (``from_values``). Anything not used is
  validated again from the file, so a damaged, garbage or deleted cache
  costs one start's validation and nothing else.
- It holds no words about anyone: the settings' values (a theme's name,
  numbers, keys), the programs' (step titles, principles, the wording you
  supplied) and the themes' (colours); never the file's text, so no comment
  in settings.toml, and nothing of the data folder.

Only the app uses it (``Context.build(checked=True)``); `doctor` and every
other command validate every file, every time. The shipped programs and
themes, the same in every installation of a version, are not kept here:
what they validate to comes with them (store/shipped.py), for every command.
"""

from __future__ import annotations

import dataclasses
import json
import os
import typing
from enum import Enum
from functools import cache
from pathlib import Path
from types import SimpleNamespace, UnionType
from typing import Any

from sponsordesk import __version__
from sponsordesk.store import tomlio

FORMAT = 1
"""Bump when what an entry holds changes; an older file is then not used."""

NAME = "config-check.json"

_HERE = Path(__file__).resolve().parent
SCHEMA_SOURCES = (
    _HERE.parent / "model" / "settings.py", _HERE.parent / "model" / "program.py",
    _HERE.parent / "model" / "plain.py", _HERE.parent / "model" / "limits.py",
    _HERE / "config_models.py", _HERE / "themes.py", _HERE / "config_check.py",
    _HERE / "settings.py", _HERE / "programs.py", _HERE / "tomlio.py",
)
"""The modules that say what a valid settings, program or theme file is: changed (a new version, an edit in
a checkout), every file is validated again."""


def _signature(path: Path) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ino]


def schema_key(extra: str = "") -> str:
    """This sponsordesk's idea of a valid config file, and pydantic's as installed (its version.py's signature:
    a pydantic upgraded or downgraded changes it), as one string; ``extra``: more (the theme colour check)."""
    import importlib.util

    spec = importlib.util.find_spec("pydantic")  # found, never imported
    pydantic = Path(spec.origin).with_name("version.py") if spec is not None and spec.origin else None
    parts = [FORMAT, __version__, [_signature(p) for p in SCHEMA_SOURCES],
             None if pydantic is None else _signature(pydantic), extra]
    return json.dumps(parts, separators=(",", ":"))


# ------------------------------------------------------------ values <-> dataclasses


def values_of(obj: Any) -> Any:
    """A dataclass (or a value in one) as plain JSON values."""
    if dataclasses.is_dataclass(obj):
        return {f.name: values_of(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, list):
        return [values_of(item) for item in obj]
    if isinstance(obj, dict):
        return {key: values_of(value) for key, value in obj.items()}
    return obj


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_values(cls: type, data: Any, context: dict[str, Any] | None = None) -> Any:
    """The dataclass ``cls`` from ``values_of``'s JSON, each value checked against its field's type and limits
    (``ge``, ``le``, ``check`` in its metadata); ValueError for anything else: such a value was not written by a
    validation, so the file is validated instead. With ``context`` (what a validation's context holds: a
    theme's colour check), the field's ``validate`` and ``items`` run too, as its validation runs them; not
    the ``pattern`` and length limits, which only pydantic's model applies."""
    if type(data) is not dict or set(data) != {f.name for f in dataclasses.fields(cls)}:
        raise ValueError("not a checked value")
    hints = _hints(cls)
    info = None if context is None else SimpleNamespace(context=context)
    values = {}
    for f in dataclasses.fields(cls):
        value = _value(hints[f.name], data[f.name], context)
        low, high = f.metadata.get("ge"), f.metadata.get("le")
        if (low is not None and value < low) or (high is not None and value > high):
            raise ValueError("not a checked value")
        if info is not None and "items" in f.metadata:
            for item in value.values():
                f.metadata["items"](item, info)
        if info is not None and "validate" in f.metadata:
            f.metadata["validate"](value, info)
        if "check" in f.metadata:
            f.metadata["check"](value)
        values[f.name] = value
    return cls(**values)


def taken(cls: type, values: Any, context: dict[str, Any] | None = None) -> Any | None:
    """``from_values``, or None when the values are not as a validation left them (validate the file)."""
    try:
        return from_values(cls, values, context)
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def _value(hint: Any, value: Any, context: dict[str, Any] | None = None) -> Any:
    if dataclasses.is_dataclass(hint):
        return from_values(hint, value, context)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(value)
    if hint in (int, bool, str):
        if type(value) is not hint:
            raise ValueError("not a checked value")
        return value
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is UnionType or origin is typing.Union:  # ``str | None``: None, or the other
        if value is None and type(None) in args:
            return None
        others = [arg for arg in args if arg is not type(None)]
        if len(others) == 1:
            return _value(others[0], value)
        raise ValueError("not a checked value")
    if origin is list and type(value) is list:
        return [_value(args[0], item) for item in value]
    if origin is dict and type(value) is dict:
        return {_value(args[0], key): _value(args[1], item) for key, item in value.items()}
    raise ValueError("not a checked value")


# ------------------------------------------------------------ the record of files checked


def _seal(key: str, digest: str, values: Any) -> str:
    return tomlio.digest(json.dumps([key, digest, values], sort_keys=True, separators=(",", ":")).encode())


class ConfigCheck:
    """The config files this machine validated with no problem, by kind and path (``config-check.json`` in
    the cache folder). Never fails: a file it cannot read or write is as none."""

    def __init__(self, cache_dir: Path) -> None:
        self.path = Path(cache_dir) / NAME
        self._keys: dict[str, str] = {}
        self._entries: dict[str, Any] | None = None
        self._seen: set[str] = set()
        self._changed = False

    def _schema(self, extra: str) -> str:
        if extra not in self._keys:
            self._keys[extra] = schema_key(extra)
        return self._keys[extra]

    def _load(self) -> dict[str, Any]:
        if self._entries is None:
            entries: dict[str, Any] = {}
            try:
                data = tomlio.read_bytes(self.path)  # never follows a link, never waits on a FIFO
                raw = json.loads(data) if data is not None else None
                if type(raw) is dict and raw.get("format") == FORMAT and type(raw.get("files")) is dict:
                    entries = raw["files"]
            except (OSError, ValueError, RecursionError, tomlio.NotAFile):
                pass  # garbage or unreadable: every file is validated, and the record made again
            self._entries = entries
        return self._entries

    def values(self, where: str, data: bytes, extra: str = "") -> Any | None:
        """The values ``where`` (a kind and a path: "settings:/home/…/settings.toml") gave when its bytes were
        ``data`` and validated with no problem; None: validate it (``passed`` records what that gives)."""
        self._seen.add(where)
        try:
            entry = self._load().get(where)
            if type(entry) is not dict:
                return None
            key, digest = self._schema(extra), tomlio.digest(data)
            if entry.get("digest") != digest or entry.get("seal") != _seal(f"{key}|{where}", digest, entry.get("values")):
                return None
            return entry["values"]
        except (OSError, ValueError, TypeError, KeyError, RecursionError):
            return None

    def trusted(self, cls: type, where: str, data: bytes, extra: str = "") -> Any | None:
        """The dataclass ``cls`` that ``where`` gave when its bytes were ``data`` and validated with no problem;
        None: validate it, then ``record`` what that gave."""
        values = self.values(where, data, extra)
        return None if values is None else taken(cls, values)  # None: validated again

    def record(self, where: str, data: bytes, found: Any | None, extra: str = "") -> None:
        """What validating ``where``'s bytes gave: ``found``, a dataclass, with no problem (trusted next time),
        or None, a problem (never trusted until it validates with none)."""
        if found is None:
            self.failed(where)
        else:
            self.passed(where, data, values_of(found), extra)

    def passed(self, where: str, data: bytes, values: Any, extra: str = "") -> None:
        """``where`` validated with no problem from ``data``, giving ``values`` (plain JSON): trusted next time."""
        self._seen.add(where)
        try:
            key, digest = self._schema(extra), tomlio.digest(data)
            entry = {"digest": digest, "values": values, "seal": _seal(f"{key}|{where}", digest, values)}
        except (OSError, ValueError, TypeError):
            return
        entries = self._load()
        if entries.get(where) != entry:
            entries[where] = entry
            self._changed = True

    def failed(self, where: str) -> None:
        """``where`` has a problem (or is gone): never trusted until it validates with none."""
        self._seen.add(where)
        if self._load().pop(where, None) is not None:
            self._changed = True

    def save(self, kinds: tuple[str, ...]) -> None:
        """Write the record if it changed, leaving out the entries of ``kinds`` ("settings", "program", ...) not
        looked at since it was read (a file deleted since). Never fails."""
        entries = self._load()
        for where in [w for w in entries if w.split(":", 1)[0] in kinds and w not in self._seen]:
            del entries[where]
            self._changed = True
        if not self._changed:
            return
        try:
            payload = json.dumps({"format": FORMAT, "files": entries}, separators=(",", ":")).encode()
            tomlio.ensure_dir(self.path.parent)
            tomlio.write_atomic(self.path, payload)
            self._changed = False
        except (OSError, ValueError, TypeError):
            pass  # a cache folder that cannot be written: the next start validates again
