"""The methods the dataclasses write for themselves, compiled once and kept, as Python keeps a module's.

Python 3.11 makes each dataclass's ``__init__``, ``__repr__``, ``__eq__`` (and a frozen one's
``__setattr__``, ``__delattr__``, ``__hash__``) by writing their source and compiling it, at every import,
every start: about 250 compiles at a start of the app, sponsordesk's classes and Textual's, some 70 million
instructions at large (a sixth of what the start takes over a bare Textual app; valgrind's count). Python
keeps a module's compiled code in ``__pycache__``; nothing keeps these. This does: the compiled code of each
source the dataclasses module writes, by the source's exact text, in the cache folder, for the Python that
compiled it (its bytecode's magic number and optimization level in the file's name).

The same text compiles to the same code, so a kept one is what the compile would give; anything wrong with
the file (missing, cut short, another format) means compiling as before, and the next exit writes it again.
Disposable: holds no names, no notes, nothing from the data folder. Deleting it loses nothing.

How: the dataclasses module calls the builtin ``exec`` by name, and a name in a module's globals comes
before the builtins; ``install`` puts a caching ``exec`` there. A Python whose dataclasses stopped doing so
would never call it, and start as before (3.11 to 3.13 do).
"""

from __future__ import annotations

import atexit
import dataclasses
import marshal
import sys
import threading
from importlib.util import MAGIC_NUMBER
from pathlib import Path
from types import CodeType
from typing import Any

from sponsordesk.store import tomlio

FOLDER = "code"

LIMIT = 4 * 1024 * 1024
"""Bytes: a kept file larger than this starts afresh (another version's classes piling up)."""

_installed: "CodeCache | None" = None
_lock = threading.Lock()


def cache_path(cache_dir: Path) -> Path:
    """One file per bytecode format and optimization level (``-O``): code is kept only for the Python that can
    run it."""
    return Path(cache_dir) / FOLDER / f"dataclasses-{MAGIC_NUMBER.hex()}-O{sys.flags.optimize}.marshal"


class CodeCache:
    """The kept code (``kept``, read once), what this run compiled anew (``new``), and how often it was spared."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.kept: dict[str, CodeType] = self._read()
        self.hits = 0
        self.used: set[str] = set()
        """The kept sources this run used."""
        self.new: dict[str, CodeType] = {}

    def _read(self) -> dict[str, CodeType]:
        try:
            # as the cache's other files: a link not followed, a FIFO not waited on (tomlio.read_bytes)
            data = tomlio.read_bytes(self.path)
            if data is None or len(data) > LIMIT:
                return {}
            kept = marshal.loads(data)
        except Exception:  # noqa: BLE001 - a damaged file makes marshal raise even SystemError: compile instead
            return {}
        if type(kept) is not dict or not all(type(k) is str and type(v) is CodeType for k, v in kept.items()):
            return {}
        return kept

    def exec(self, source: Any, globals: Any = None, locals: Any = None) -> None:
        """``exec`` as the dataclasses module calls it: ``source`` compiled once and kept."""
        if type(source) is not str:
            exec(source, globals, locals)
            return
        code = self.kept.get(source)
        if code is not None:
            self.hits += 1
            self.used.add(source)
        else:
            # dont_inherit: compiled as the dataclasses module's exec compiles it (that module has no
            # ``from __future__``; this one has)
            code = compile(source, "<string>", "exec", dont_inherit=True)
            with _lock:
                self.new[source] = code
        exec(code, globals, locals)

    def write(self) -> None:
        """Keep what was compiled this run beside what was kept; only when something was new."""
        with _lock:
            if not self.new:
                return
            kept = {**self.kept, **self.new}
            used = {**{source: self.kept[source] for source in self.used}, **self.new}
            self.new = {}
        data = marshal.dumps(kept)
        if len(data) > LIMIT:  # other versions' classes piled up: this run's alone
            data = marshal.dumps(used)
            if len(data) > LIMIT:
                return
        try:
            # not the cache folder itself: a start that had none (a test's, deleted since) does not make one
            if self.path.parent.parent.is_dir():
                tomlio.write_atomic(self.path, data)  # private, whole or not at all, as the cache's other files
        except OSError:
            pass  # a cache: a full or read-only disk costs the next start its compiles, nothing else


def install(cache_dir: Path) -> CodeCache:
    """Compile the dataclasses' methods through the kept code from now on, in this process (once); what was
    compiled anew is kept at exit."""
    global _installed
    if _installed is None:
        _installed = CodeCache(cache_path(cache_dir))
        dataclasses.exec = _installed.exec  # type: ignore[attr-defined]
        atexit.register(_installed.write)
    return _installed
