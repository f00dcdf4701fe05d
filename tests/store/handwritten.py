"""Randomly hand-formatted data files for property tests, each line tagged with what it belongs to.

Tags: ("key", i, name) a key of entry i; ("entry", i) another line entry i owns (its header, a comment
right above or inside it); ("nkey", i, j, name) and ("nested", i, j) the same for assignment j of step i;
None for lines no entry owns (the root, comments set apart by blank lines, blank lines).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any

import tomli_w
from hypothesis import strategies as st

from sponsordesk.store import render

WORDS = st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "Zs"), include_characters="\"'\\#=[]{}"),
                max_size=20)
TEXT = st.one_of(WORDS, st.lists(WORDS, min_size=2, max_size=3).map("\n".join))
OFFSETS = st.sampled_from([timezone(timedelta(hours=-5)), timezone.utc, timezone(timedelta(hours=5, minutes=30))])


@dataclass
class Doc:
    kind: str
    lines: list[tuple[str, Any]] = field(default_factory=list)
    eol: str = "\n"
    bom: bool = False
    nested_inline: bool = False

    def add(self, text: str, tag: Any = None) -> None:
        for line in text.split("\n"):
            self.lines.append((line, tag))

    def data(self) -> bytes:
        body = self.eol.join(line for line, _ in self.lines) + self.eol
        return (b"\xef\xbb\xbf" if self.bom else b"") + body.encode("utf-8")

    def tagged(self) -> list[tuple[bytes, Any]]:
        """Each line as bytes with its line ending (the BOM on the first), and its tag."""
        out = []
        for n, (line, tag) in enumerate(self.lines):
            raw = (line + self.eol).encode("utf-8")
            out.append(((b"\xef\xbb\xbf" if self.bom and n == 0 else b"") + raw, tag))
        return out


def value(draw: Any, doc: Doc, data: Any) -> str:
    """``data`` written one of the ways a person might."""
    if isinstance(data, bool):
        return "true" if data else "false"
    if isinstance(data, list):  # as sponsordesk itself wrote inline assignments
        return render.literal(data, doc.eol == "\n")
    if isinstance(data, datetime):
        return data.isoformat(sep=draw(st.sampled_from("T "))).replace("+00:00", draw(st.sampled_from(["Z", "+00:00"])))
    if isinstance(data, (int, date)):
        return str(data) if not isinstance(data, int) or data < 1000 else f"{data:_}"
    ways = ["basic"]
    if "'" not in data and "\n" not in data:
        ways.append("literal")
    if "\n" in data and doc.eol == "\n":
        ways.append("multi")
        if "'" not in data:
            ways.append("multi-literal")
    way = draw(st.sampled_from(ways))
    if way == "literal":
        return f"'{data}'"
    if way == "multi-literal":
        return f"'''\n{data}'''"
    return tomli_w.dumps({"x": data}, multiline_strings=way == "multi")[4:-1]


def key(draw: Any, name: str) -> str:
    return draw(st.sampled_from([name, name, f'"{name}"', f"'{name}'"]))


def keyvals(draw: Any, doc: Doc, entry: dict[str, Any], tag: Any, key_tag: Any, indent: str) -> None:
    names = list(entry)
    order = draw(st.permutations(names))
    for name in order:
        if draw(st.integers(0, 5)) == 0:
            doc.add(f"{indent}# about {name}", tag)
        if draw(st.integers(0, 6)) == 0:
            doc.add("", None)
        eq = draw(st.sampled_from([" = ", "=", "  =  "]))
        tail = draw(st.sampled_from(["", "", "   # noted", "\t#x"]))
        doc.add(f"{indent}{key(draw, name)}{eq}{value(draw, doc, entry[name])}{tail}", key_tag + (name,))


def header(draw: Any, doc: Doc, path: str, tag: Any, indent: str) -> None:
    if draw(st.booleans()):
        doc.add(f"{indent}# {path}, by hand", tag)
    doc.add(f"{indent}[[{path}]]{draw(st.sampled_from(['', '  # entry']))}", tag)


def gap(draw: Any, doc: Doc) -> None:
    """What separates two entries: blank lines, maybe a comment set apart by them."""
    doc.add("", None)
    if draw(st.integers(0, 4)) == 0:
        doc.add("# ---- a section ----", None)
        doc.add("", None)
    elif draw(st.booleans()):
        doc.add("", None)


@st.composite
def contact(draw: Any, n: int) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": f"c-{n}", "at": datetime(2026, draw(st.integers(1, 12)), draw(st.integers(1, 28)),
                                                            draw(st.integers(0, 23)), tzinfo=draw(OFFSETS))}
    entry["summary"] = draw(TEXT)
    for name, strategy in (("kind", st.sampled_from(["call", "text"])), ("minutes", st.integers(0, 3000)),
                           ("relapse", st.booleans()), ("mood", WORDS)):
        if draw(st.booleans()):
            entry[name] = draw(strategy)
    return entry


@st.composite
def assignment(draw: Any, n: int) -> dict[str, Any]:
    entry = {"id": f"a-{n}", "text": draw(WORDS.filter(bool)), "done": draw(st.booleans())}
    if draw(st.booleans()):
        entry["due"] = date(2026, 12, draw(st.integers(1, 31)))
    return entry


@st.composite
def step(draw: Any, number: int, first_assignment: int) -> dict[str, Any]:
    entry: dict[str, Any] = {"number": number, "status": draw(st.sampled_from(["working", "done"])),
                             "notes": draw(TEXT)}
    count = draw(st.integers(0, 3))
    entry["assignment"] = [draw(assignment(first_assignment + k)) for k in range(count)]
    return entry


def profile(draw: Any, doc: Doc) -> list[dict[str, Any]]:
    """A profile: root keys in any order, sobriety dates inline or as [[sobriety]] tables, a [status] table.

    Returns [root keys, status, sobriety dates] (as written); tags: ("key", "root", name),
    ("key", "status", name), ("sobriety", j) for the lines of a [[sobriety]] table.
    """
    root = {"id": "sam-r", "name": draw(WORDS.filter(bool)), "notes": draw(TEXT)}
    for name, strategy in (("phone", WORDS), ("cadence_days", st.integers(1, 30)), ("mood", WORDS)):
        if draw(st.booleans()):
            root[name] = draw(strategy)
    dates = [{"date": date(2026 - k, 1 + k, 2), "note": draw(WORDS)} for k in range(draw(st.integers(0, 2)))]
    tables = bool(dates) and draw(st.booleans())
    written = dict(root)
    if dates and not tables:
        written["sobriety"] = dates
    keyvals(draw, doc, written, None, ("key", "root"), "")
    for j, item in enumerate(dates if tables else []):
        gap(draw, doc)
        header(draw, doc, "sobriety", ("sobriety", j), "")
        keyvals(draw, doc, item, ("sobriety", j), ("sobriety", j), "")
    status = {"state": "active", "reason": draw(WORDS)}
    gap(draw, doc)
    doc.add(f"[status]{draw(st.sampled_from(['', '   # how things stand']))}")
    keyvals(draw, doc, status, None, ("key", "status"), "")
    return [root, status, dates]


@st.composite
def documents(draw: Any) -> tuple[Doc, list[dict[str, Any]]]:
    """A hand-formatted profile, contacts or steps file and its entries (as written)."""
    doc = Doc(draw(st.sampled_from(["contacts", "steps", "profile"])), eol=draw(st.sampled_from(["\n", "\r\n"])),
              bom=draw(st.booleans()), nested_inline=draw(st.booleans()))
    if draw(st.booleans()):
        doc.add("# kept by hand")
    doc.add(f"schema_version = 1{draw(st.sampled_from(['', '  # the format']))}")
    if doc.kind == "profile":
        return doc, profile(draw, doc)
    entries: list[dict[str, Any]] = []
    if doc.kind == "contacts":
        entries = [draw(contact(n)) for n in range(draw(st.integers(0, 5)))]
    else:
        numbers = draw(st.lists(st.integers(1, 12), unique=True, max_size=5))
        entries = [draw(step(number, 10 * n)) for n, number in enumerate(numbers)]
    array = "contact" if doc.kind == "contacts" else "step"
    for i, entry in enumerate(entries):
        gap(draw, doc)
        indent = draw(st.sampled_from(["", "", "  "]))
        header(draw, doc, array, ("entry", i), indent)
        plain = {k: v for k, v in entry.items() if k != "assignment"}
        if doc.nested_inline and doc.kind == "steps":
            plain["assignment"] = entry["assignment"]
        keyvals(draw, doc, plain, ("entry", i), ("key", i), indent)
        if doc.kind == "steps" and not doc.nested_inline:
            for j, item in enumerate(entry["assignment"]):
                doc.add("", None)
                header(draw, doc, "step.assignment", ("nested", i, j), indent + "  ")
                keyvals(draw, doc, item, ("nested", i, j), ("nkey", i, j), indent + "  ")
        if draw(st.integers(0, 3)) == 0:  # right below the last line: it belongs to what that line is in
            last = doc.lines[-1][1]
            doc.add(f"{indent}# said after", ("nested", *last[1:3]) if last and last[0] == "nkey" else ("entry", i))
    if draw(st.integers(0, 3)) == 0:
        doc.add("")
        doc.add("# the end")
    return doc, entries
