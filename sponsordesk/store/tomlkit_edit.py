"""The slower way to keep a file's style: edit it as a tomlkit document.

Used only when the splicer cannot map a file's shape (an inline
``contact = [...]`` array, dotted keys, tables it does not know): tomlkit
keeps comments and layout too, but parsing a year of contacts with it costs
about a save's whole budget. Like the splicer it compares the data before
and after and edits only what differs; the caller checks the result.
"""

from __future__ import annotations

from typing import Any, Callable

_MISSING = object()


def edit(text: str, old: dict[str, Any], new: dict[str, Any], origin: dict[int, int],
         same: Callable[[Any, Any], bool]) -> str:
    """``text`` (which parses to ``old``) edited with tomlkit to parse to ``new`` (see splice.splice)."""
    import tomlkit  # only when needed: it is slow to import, and most saves never come here

    document = tomlkit.parse(text)
    _Edit(origin, same, tomlkit).table(document, old, new)
    return tomlkit.dumps(document)


class _Edit:
    def __init__(self, origin: dict[int, int], same: Callable[[Any, Any], bool], tomlkit: Any) -> None:
        self.origin, self.same, self.tomlkit = origin, same, tomlkit

    def table(self, container: Any, old: dict[str, Any], new: dict[str, Any]) -> None:
        for name in [*old, *(k for k in new if k not in old)]:
            was, now = old.get(name, _MISSING), new.get(name, _MISSING)
            if now is _MISSING:
                if name in container:
                    del container[name]
                continue
            if was is not _MISSING and self.same(was, now):
                continue
            current = container.get(name) if was is not _MISSING else None
            if (isinstance(was, list) and isinstance(now, list) and isinstance(current, list)
                    and all(isinstance(i, dict) for i in was + now) and len(current) == len(was)):
                self.array(current, was, now)
            elif isinstance(was, dict) and isinstance(now, dict) and isinstance(current, dict):
                self.table(current, was, now)
            else:
                container[name] = self.item(now, inline=False)

    def array(self, items: Any, old: list[Any], new: list[Any]) -> None:
        inline = isinstance(items, self.tomlkit.items.Array)
        kept = {self.origin[id(i)]: i for i in new if id(i) in self.origin}
        for index in reversed(range(len(old))):
            if index not in kept:
                del items[index]
        for position, item in enumerate(new):
            index = self.origin.get(id(item))
            if index is None:
                items.insert(position, self.item(item, inline=inline))
            else:
                self.table(items[position], old[index], item)

    def item(self, value: Any, inline: bool) -> Any:
        if isinstance(value, dict):
            table = self.tomlkit.inline_table() if inline else self.tomlkit.table()
            for name, inner in value.items():
                table[name] = self.item(inner, inline=True)
            return table
        if isinstance(value, list):
            array = self.tomlkit.array()
            for inner in value:
                array.append(self.item(inner, inline=True))
            return array
        if isinstance(value, str):
            return self.tomlkit.string(str(value))  # escapes: exact, whatever the line endings
        return self.tomlkit.item(value)
