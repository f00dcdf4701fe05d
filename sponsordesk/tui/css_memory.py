"""A memory of parsed stylesheets in the cache folder: a start takes the rules the last start parsed.

At every start Textual parses all of the app's TCSS, its .tcss files and every
widget's DEFAULT_CSS: 76 parses of 21 sources, about 14.5 ms of processor time
in sponsordesk (12 ms in a bare Textual app), for text that changes only with
a new version. What a parse gives, a list of rule sets, depends only on the
text, where it was read from, whether it is a widget's defaults, its
tie-breaker and scope, and the theme's variables (substituted while parsing).
A start's rule sets pickle to about 50 KB. So the app's stylesheet
(``RememberingStylesheet``) takes a source's rules from the memory when all
of those are as they were, and parses it otherwise, as Textual would: the
stylesheets of a start at large then cost about 2.8 ms of processor time
instead of 14.5 (reading the file and unpickling 21 entries, about 2.5 ms).

Why it never changes what is parsed:

- An entry's key is a digest of all the parse depends on: the text, where it
  came from, defaults, tie-breaker, scope and every variable. A .tcss file
  edited, a widget's CSS changed in a new version, another theme: another
  key, and that source is parsed.
- The file is namespaced by ``FORMAT``, Textual's version and Python's, read
  before anything is unpickled: another Textual never unpickles this one's
  objects, it parses.
- Only rule lists without errors are kept: a stylesheet with a mistake is
  parsed, and reported, at every start.
- Anything that fails (no file, a truncated or garbage one, another version,
  an entry that does not unpickle) means that source is parsed, silently; the
  file is then written again.

Only the entries a run used are written, and only when it parsed something
the file did not hold (the first start, after an upgrade, in a new theme):
the file never holds more than one run's stylesheets, and a start that
parsed nothing writes nothing. It holds CSS only, never a name or a note. Trusted as
Python trusts its ``__pycache__``: the cache folder is the user's own, made
private (store/tomlio.py).

It relies on Textual's private ``Stylesheet._parse_rules`` (where each source
is parsed, and kept per stylesheet): ``fits`` checks it is there as this
module knows it, and the app keeps Textual's own stylesheet otherwise. Were it
there but no longer called, nothing would be remembered, and every start would
parse as Textual does. Textual's ``reparse`` (a theme chosen, a screen's first
CSS_PATH) parses into a plain ``Stylesheet``: that goes Textual's way.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import json
import pickle
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import textual
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet

if TYPE_CHECKING:
    from textual.css.types import CSSLocation

    from sponsordesk.desk.context import Context

FORMAT = 1
"""Bump when what the file holds, or what a key is made of, changes: an older file is then not used."""

NAME = "css-memory.pickle"
"""The file in the cache folder."""

PARAMETERS = ("self", "css", "read_from", "is_default_rules", "tie_breaker", "scope")
"""``Stylesheet._parse_rules``'s parameters, as this module overrides it."""


def fits() -> bool:
    """Textual parses each source in ``Stylesheet._parse_rules`` with the parameters this module overrides. A
    Textual that renamed it or changed them keeps its own stylesheet (and every start parses, as before)."""
    method = getattr(Stylesheet, "_parse_rules", None)
    try:
        return method is not None and tuple(inspect.signature(method).parameters) == PARAMETERS
    except (TypeError, ValueError):
        return False


@functools.cache
def header() -> bytes | None:
    """The file's first line: the format, Textual's version and Python's. None when Textual's version is not
    known (no dist-info beside it: a source checkout on the path), then nothing is remembered. From the
    dist-info folder's name, not ``textual.__version__``: reading that loads importlib.metadata, about 8 ms
    (tui/theming.py ``colour_check_stamp`` does the same)."""
    try:
        site = Path(textual.__file__).resolve().parent.parent
        installed = sorted(p.name for p in site.glob("textual-*.dist-info"))
    except (OSError, TypeError):
        return None
    if not installed:
        return None
    namespace = [FORMAT, installed, sys.implementation.cache_tag, sys.version]
    return b"sponsordesk css memory " + json.dumps(namespace).encode() + b"\n"


def variables_key(variables: dict[str, str]) -> bytes:
    """The theme's variables as one digest (about 0.1 ms for its ~170): made once per ``set_variables``, not per
    source."""
    return hashlib.sha256(json.dumps(sorted(variables.items())).encode("utf-8", "surrogatepass")).digest()


def entry_key(css: str, read_from: "CSSLocation", is_default_rules: bool, tie_breaker: int, scope: str,
              variables: bytes) -> bytes:
    """Everything a parse depends on, as one digest (the file holds no CSS text as a key). The repr comes first
    and ends where it ends, the variables' digest has a fixed length, the text is the rest: no two keys'
    parts run into each other."""
    digest = hashlib.sha256(repr((read_from, is_default_rules, tie_breaker, scope)).encode("utf-8", "surrogatepass"))
    digest.update(variables)
    digest.update(css.encode("utf-8", "surrogatepass"))
    return digest.digest()


class CssMemory:
    """The rule sets of the last start, by key (``read``: the file's bytes, or None), and what this run used,
    to ``write`` back (``save``). One per app; its stylesheet and the stylesheet's copies share it."""

    def __init__(self, read: Callable[[], bytes | None], write: Callable[[bytes], object]) -> None:
        self._read, self._write = read, write
        self._kept: dict[bytes, bytes] | None = None
        """From the file: each source's rules, pickled; unpickled when asked for."""
        self._used: dict[bytes, Any] = {}
        """This run's entries: pickled as read, or the rules parsed (pickled by ``save``)."""
        self.here: dict[tuple, list[RuleSet]] = {}
        """This run's rules by everything they depend on, as Textual's own cache keys them: 55 of a start's 76
        asks are again for a source asked for before (no digest made again)."""
        self.learned = False
        """This run parsed something the file did not hold, not written yet."""
        self._state = threading.Lock()  # held for moments: the UI thread never waits on a write
        self._writing = threading.Lock()  # one write at a time, the later with the more

    @classmethod
    def in_cache(cls, ctx: "Context") -> "CssMemory | None":
        """The memory kept in ``ctx``'s cache folder (read and written through the desk: the tui reaches no
        file but through it); None when Textual parses in a way this module does not know (``fits``), or its
        version is not known (``header``)."""
        if not fits() or header() is None:
            return None
        return cls(functools.partial(ctx.cached, NAME), functools.partial(ctx.keep_cached, NAME))

    def stylesheet(self, variables: dict[str, str]) -> "RememberingStylesheet":
        """A stylesheet that takes its rules from this memory (the app's, in place of Textual's)."""
        return RememberingStylesheet(variables=variables, memory=self)

    def _load(self) -> dict[bytes, bytes]:
        if self._kept is None:
            self._kept = {}
            expected = header()
            try:
                data = self._read() if expected is not None else None
                if data is not None and data.startswith(expected):
                    kept = pickle.loads(memoryview(data)[len(expected):])
                    if type(kept) is dict:
                        self._kept = kept
            except Exception:  # noqa: BLE001 - truncated or garbage: every source is parsed, the file made again
                pass
        return self._kept

    def recall(self, key: bytes) -> list[RuleSet] | None:
        """The rules kept for ``key`` (``entry_key``), or None: parse the source, then ``learn`` them."""
        data = self._load().get(key)
        if type(data) is not bytes:
            return None
        try:
            rules = pickle.loads(data)
        except Exception:  # noqa: BLE001 - an entry that does not unpickle is parsed, and replaced
            return None
        if type(rules) is not list or not all(type(rule) is RuleSet and not rule.errors for rule in rules):
            return None
        with self._state:
            self._used[key] = data  # written back as read, not pickled again
        return rules

    def learn(self, key: bytes, rules: list[RuleSet]) -> None:
        """``rules``, parsed from a source the file did not hold (and without errors): written by ``save``."""
        with self._state:
            self._used[key] = rules
            self.learned = True

    def save(self) -> None:
        """Write the entries this run used, if it parsed one the file did not hold; never fails (the next start
        parses). In a thread after the first screen is up (pickling a start's rules and writing them is about
        2 ms), and again at quit for what was parsed after."""
        with self._writing:
            with self._state:
                if not self.learned:
                    return
                self.learned = False
                entries = list(self._used.items())
            expected = header()
            if expected is None:
                return
            kept: dict[bytes, bytes] = {}
            for key, value in entries:
                if type(value) is not bytes:
                    try:  # rule sets are not changed after their parse: pickled here, off the UI thread
                        value = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
                    except Exception:  # noqa: BLE001 - one that does not pickle is parsed at every start
                        continue
                    with self._state:
                        self._used[key] = value
                kept[key] = value
            try:
                self._write(expected + pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))
            except Exception:  # noqa: BLE001 - a cache folder that cannot be written: the next start parses
                pass


class RememberingStylesheet(Stylesheet):
    """Textual's ``Stylesheet``, taking a source's rules from ``memory`` when they were parsed before from the
    same text, location, defaults, tie-breaker, scope and variables."""

    def __init__(self, *, variables: dict[str, str] | None = None, memory: CssMemory) -> None:
        super().__init__(variables=variables)
        self.memory = memory
        self._given = variables or {}
        self._variables_key: bytes | None = None
        """``variables_key`` of the variables, made at the first parse with them: the app's first variables
        (Textual's default theme's) are replaced before anything is parsed."""

    def set_variables(self, variables: dict[str, str]) -> None:
        super().set_variables(variables)
        self._given = variables
        self._variables_key = None

    def copy(self) -> "RememberingStylesheet":
        """As Textual's (which makes a plain ``Stylesheet``: the app's stylesheet after a CSS file changed, in
        ``textual run --dev``), keeping the class and the memory."""
        stylesheet = RememberingStylesheet(variables=self._given.copy(), memory=self.memory)
        stylesheet.source = self.source.copy()
        return stylesheet

    def _parse_rules(self, css: str, read_from: "CSSLocation", is_default_rules: bool = False,
                     tie_breaker: int = 0, scope: str = "") -> list[RuleSet]:
        memory, variables = self.memory, self._variables_key
        if variables is None:
            variables = self._variables_key = variables_key(self._given)
        here = (css, read_from, is_default_rules, tie_breaker, scope, variables)
        rules = memory.here.get(here)
        if rules is not None:
            return rules
        key = entry_key(css, read_from, is_default_rules, tie_breaker, scope, variables)
        rules = memory.recall(key)
        if rules is None:
            # Textual's parse (and its cache per stylesheet); it raises as it always did
            rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
            if any(rule.errors for rule in rules):
                return rules  # reported at every parse, as Textual does: never remembered
            memory.learn(key, rules)
        memory.here[here] = rules
        return rules
