"""Reading and atomically writing TOML files, with private permissions.

A write goes to a temp file in the same folder, is flushed and fsynced,
then replaces the old file with ``os.replace`` and the folder is fsynced:
a crash at any point leaves either the old file or the new one.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

# The parsers, the writer, hashlib (OpenSSL) and secrets are loaded on first use: `sponsordesk today`
# answers from the index (store/index.py) with none of them, and together they took 10 ms of its 60.
_reader: Any = None
_fast: Any = None
"""rtoml.loads once looked for; False when it is not installed."""


def _toml() -> Any:
    """The strict parser: the one whose errors are shown (they name the line and column)."""
    global _reader
    if _reader is None:
        try:
            # tomli's wheels are compiled (mypyc): about 3x faster than the standard
            # library's pure-Python copy of it.
            import tomli as _reader
        except ImportError:  # the same parser in pure Python: same results, slower
            import tomllib as _reader
    return _reader


def _fast_reader() -> Any:
    """rtoml.loads (compiled Rust), or None without it.

    About 3x tomli on the profiles, step boards and suggestions files a start
    parses (1,400 of them at 1,000 sponsees), with the same values and types on
    the corpus (tests/store/test_tomlio.py) for the text ``parse`` gives it
    (``_for_rtoml``), and about 1.8x on a year of contacts. (toml_rs was
    faster still, but its library added 7 MB to a start's peak memory, and
    10,000 nested braces crashed it.)
    """
    global _fast
    if _fast is None:
        try:
            from rtoml import loads as _fast
        except ImportError:  # a platform without its wheel: tomli alone reads everything
            _fast = False
    return _fast or None


def __getattr__(name: str) -> Any:
    if name == "TOMLDecodeError":
        return _toml().TOMLDecodeError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


TOMLDecodeError: type[ValueError]
"""What ``parse`` raises for text that is not TOML (a ValueError, whichever parser is in use)."""


class TooDeep(ValueError):
    """Values nested deeper than the parser can follow (``parse`` raises it instead of RecursionError)."""

    def __init__(self, message: str, lineno: int | None) -> None:
        super().__init__(message)
        self.lineno = lineno


def _deep_line(text: str, limit: int = 100) -> int | None:
    """The first line where brackets and braces open more than ``limit`` deep (strings not told apart)."""
    depth = 0
    for number, line in enumerate(text.splitlines(), 1):
        for char in line:
            depth += 1 if char in "[{" else -1 if char in "]}" else 0
            if depth > limit:
                return number
    return None

DIR_MODE = 0o700
FILE_MODE = 0o600
TEMP_SUFFIX = ".sdtmp"


def digest(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


class NotAFile(OSError):
    """A data file's name holds something else: a folder, a FIFO, a device, a link (never followed)."""


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def _what(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a plain file"


def open_regular(path: Path, stats: dict[str, os.stat_result] | None = None) -> int:
    """A read-only descriptor of the plain file at ``path``; NotAFile for anything else.

    A FIFO would block the reader forever (a plain open waits for a writer),
    a device could be endless, and a link may lead out of the data folder: the
    name is opened without following a link and without blocking, then checked.
    """
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK)
    except OSError as error:
        if error.errno == errno.ELOOP or (os.path.islink(path) and error.errno != errno.ENOENT):
            raise NotAFile(errno.ELOOP, "a link to another place; sponsordesk does not follow links "
                                        "in its data folder", str(path)) from None
        raise
    st = os.fstat(fd)
    mode = st.st_mode
    if stats is not None:
        stats[str(path)] = st  # the file as opened, before a byte of it is read (store/index.py signs with it)
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise NotAFile(errno.EINVAL, f"{_what(mode)} where a file should be", str(path))
    return fd


def read_bytes(path: Path, stats: dict[str, os.stat_result] | None = None) -> bytes | None:
    """The bytes of a plain file; None when it is absent. NotAFile (an OSError) for a FIFO, folder, link...

    ``stats``: where to keep the file's stat as it was opened (before reading)."""
    try:
        fd = open_regular(path, stats)
    except FileNotFoundError:
        return None
    with os.fdopen(fd, "rb") as handle:
        return handle.read()


def read_followed(path: Path) -> bytes | None:
    """``read_bytes`` for the config folder: a link is followed (settings and programs kept in a dotfiles
    repository), but only to a plain file; None when it is absent. The data folder never follows one."""
    return read_bytes(Path(os.path.realpath(path)))


def written_through(path: Path) -> Path:
    """Where a save of a config file goes: the file a link points to, so the link (and the repository it
    leads to) stays as the user made it."""
    return Path(os.path.realpath(path))


_TIME_OF_DAY = re.compile(r":\d")
"""A time of day (every datetime has one). Starting with a plain character, the pattern is searched for
about 20x faster than digit-colon-digit."""

FAST_DEPTH = 100
"""The deepest a text handed to rtoml may nest, bounded from above by counting.

rtoml limits brackets and key parts to 80 each, but not together: dotted
keys inside inline tables made a valid 11 KB file thousands of levels deep,
and rtoml crashed the interpreter building it (a segmentation fault, at some
400 levels in a thread with a 512 KB stack). Every level of nesting needs a
".", "[" or "{" of its own, so a text with at most 100 of them, outside the
lines ``_FLAT_LINE`` leaves out, cannot nest deeper than about 100, whatever
its strings hold: a profile, a step board, a suggestions file, a year of
contacts (its ``[[contact]]`` headers and the full stops in its summaries
are on such lines)."""

_FLAT_LINE = re.compile(r'\n(?:\[[A-Za-z0-9_-]+\]|\[\[[A-Za-z0-9_-]+\]\]|[A-Za-z0-9_-]+ = "[^"\\\n]*(?:\\.[^"\\\n]*)*")(?=\n)')
"""A whole line that nests nothing: a header of one bare part ("[[contact]]", "[status]") or a bare key set to
a one-line basic string (``summary = "Called. All good."``), spaced as the writer spaces it.

Left out, the count still bounds the depth: such a header puts what follows one or two levels down, and the
next header starts again from the top; such a line inside a list that goes on over lines closes on that line
every bracket it opens ("[[1]]": "[[1]", which leaves one open, is counted), so it adds at most two levels
there and none after; a key with a string is one level, and a multi-line string's lines nest nothing.
Anything else (other spacing, a comment, a dotted key, a literal string) is counted. The pattern begins
with a line end, which the regex engine skips to: about 0.1 ms for a year of 100 contacts, against 1 ms for
tomli to read it."""

MAX_TABLES = 100
"""More "[table]" headers than this and the text goes to tomli: ``_tables_in_order`` looks back from each
one, which took a second at 20,000 of them (a profile has one or two; a year of contacts has none, its
headers are "[[contact]]")."""

_TABLE = re.compile(r"\n[ \t]*\[(?!\[)([^\]\n]*)\]")
"""A "[table]" header (not an "[[array]]"), after a line end: a plain character first, so it is found fast."""

_ODD_HEADER = re.compile(r"\n[ \t]*\[\[?[^\]\n]*[ \t\"'][^\]\n]*\]")
"""A header with a space or a quote inside its brackets ("[ a . b ]", '["a.b"]'), which the order check
would have to parse: such text goes to tomli."""


def _tables_in_order(text: str) -> bool:
    """Whether no table is declared after a table inside it ("[b.b]", then "[b]"). rtoml then puts the
    tables in another order than tomli, and it accepted a dotted key after it that extends an array of
    tables ("[[a.b]]", "[a]", "b.c.d = 1"), which tomli refuses. Step boards and suggestions declare
    their arrays of tables in order ("[[step]]", then "[[step.assignment]]"); a profile has "[status]"."""
    if "[" not in text:
        return True
    text = "\n" + text  # a header on the first line follows a line end too
    if _ODD_HEADER.search(text) is not None:
        return False
    for count, found in enumerate(_TABLE.finditer(text)):
        if count == MAX_TABLES or text.find(f"[{found.group(1)}.", 0, found.start()) != -1:
            return False  # "[status.x]" or "[[status.x]]" before "[status]"
    return True


_ONE_LINE_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"' r"|'[^'\n]*'")
"""A basic or literal string on one line: its braces are not the inline table's."""


def _inline_tables_on_one_line(text: str) -> bool:
    """Whether every inline table closes on the line it opens on. rtoml read one that goes on past a line end
    with the line end between a key and its "=" or value ("a = {b =" then "1}"), which tomli refuses; a "}"
    inside a string on that line hid it from an earlier check (a review). Conservative: a brace in a comment
    or in notes that leaves a line's braces uneven, or any multi-line string beside a brace, sends the text
    to tomli. A profile's list of sobriety dates has one inline table a line."""
    if "{" not in text:
        return True
    if '"""' in text or "'''" in text:
        return False  # a string over lines may hold a brace, or a line end inside an inline table
    for line in text.split("\n"):
        if "{" in line:
            bare = _ONE_LINE_STRING.sub("", line)
            if bare.count("{") != bare.count("}"):
                return False
    return True


_ZONES: dict[Any, Any] = {}


def _nesting_bound(text: str) -> int:
    """At most how deep ``text`` may nest, give or take the few levels ``_FLAT_LINE`` explains."""
    count = text.count(".") + text.count("[") + text.count("{")
    if count <= FAST_DEPTH:
        return count  # a profile, a step board: nothing more to look at
    rest = _FLAT_LINE.sub("", "\n" + text + "\n")
    return rest.count(".") + rest.count("[") + rest.count("{")


def _for_rtoml(text: str) -> bool:
    """Whether rtoml reads ``text`` exactly as tomli does; when unsure, False (tomli reads it)."""
    return (_nesting_bound(text) <= FAST_DEPTH
            # Windows line ends: rtoml keeps them inside multi-line strings, where tomli makes them "\n"
            and "\r" not in text
            and not text.startswith("\ufeff")  # a second BOM: tomli refuses it, rtoml drops it
            and "$__toml_private" not in text  # rtoml's own key, read as a datetime in place of its table
            and _inline_tables_on_one_line(text)
            and _tables_in_order(text))


def _standard_zones(value: Any) -> Any:
    """``value`` with every datetime's time zone made a ``datetime.timezone``, as tomli gives it (rtoml
    gives its own tzinfo class; the instant and the offset are the same). Changes ``value`` in place."""

    def zoned(at: datetime) -> datetime:
        offset = at.utcoffset()
        zone = _ZONES.get(offset)
        if zone is None:
            zone = _ZONES[offset] = timezone.utc if not offset else timezone(offset)
        return at.replace(tzinfo=zone)

    # at most FAST_DEPTH levels (``_for_rtoml``): far from the recursion limit
    def walk(node: Any) -> None:
        for key, item in node.items() if type(node) is dict else enumerate(node):
            kind = type(item)
            if kind is datetime:
                if item.tzinfo is not None:
                    node[key] = zoned(item)  # a value replaced, no key added: safe while iterating
            elif kind is dict or kind is list:
                walk(item)

    walk(value)
    return value


def parse(data: bytes) -> dict[str, Any]:
    """Parse TOML bytes; a UTF-8 BOM (some Windows editors add one) is allowed.

    rtoml reads first (about 3x tomli) what it reads exactly as tomli does
    (``_for_rtoml``), and tomli reads the rest and whatever rtoml refuses, so
    every message shown is tomli's (with its line), and a file rtoml refused
    that is TOML after all still loads.
    """
    text = data.decode("utf-8-sig")
    fast = _fast_reader()
    if fast is not None and _for_rtoml(text):
        try:
            raw = fast(text)
        except Exception:  # not TOML to it, or out of its range: the strict parser says which
            pass
        else:
            return _standard_zones(raw) if _TIME_OF_DAY.search(text) else raw
    try:
        return _toml().loads(text)
    except RecursionError:
        # the parser follows nested inline tables and arrays by recursion; thousands deep exhaust it
        raise TooDeep("values are nested too deeply (tables or lists inside each other hundreds of "
                      "times)", _deep_line(text)) from None


def ensure_dir(path: Path) -> None:
    """Create a private folder (and any missing parents, each private) if needed."""
    if path.is_dir():
        return
    # mkdir(parents=True) would give the parents the umask's mode (often 0755).
    ensure_dir(path.parent)
    path.mkdir(mode=DIR_MODE, exist_ok=True)
    os.chmod(path, DIR_MODE)


def fsync_dir(path: Path) -> None:
    """Flush a folder's listing (a new or renamed file's name) to disk, where the system allows it."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some filesystems cannot fsync a folder; the file itself was synced
    finally:
        os.close(fd)


def temp_name(path: Path) -> Path:
    import secrets

    return path.with_name(f".{path.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")


def _has_cr(value: Any) -> bool:
    if isinstance(value, str):
        return "\r" in value
    if isinstance(value, dict):
        return any(_has_cr(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_cr(v) for v in value)
    return False


def dumps(data: dict[str, Any], header: str = "") -> bytes:
    # Multi-line strings read best in an editor, but TOML readers turn CRLF
    # inside them into LF; a file holding a carriage return uses escapes so
    # the round trip stays exact.
    import tomli_w

    multiline = not _has_cr(data)
    return (header + tomli_w.dumps(data, multiline_strings=multiline)).encode("utf-8")


def write_temp(path: Path, payload: bytes) -> Path:
    """A private temp file beside ``path`` holding ``payload``, flushed to disk; removed again on failure."""
    tmp = temp_name(path)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        _unlink(tmp)
        raise
    return tmp


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def write_atomic(path: Path, payload: bytes) -> None:
    """Write ``payload`` to ``path`` so readers see the old or the new file, never half."""
    ensure_dir(path.parent)
    tmp = write_temp(path, payload)
    try:
        os.replace(tmp, path)
    except BaseException:
        _unlink(tmp)
        raise
    fsync_dir(path.parent)


def is_private(path: Path) -> bool:
    mode = stat.S_IMODE(path.stat().st_mode)
    return mode & 0o077 == 0
