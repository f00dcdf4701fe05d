"""Find a sponsee from what someone typed on the command line: an id or a name prefix."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from anyascii import anyascii

from sponsordesk.model import SponseeState

if TYPE_CHECKING:
    from sponsordesk.model import Sponsee


class NoMatch(LookupError):
    """Nobody matched, or more than one did; the message says which and what to type."""


def _words(text: str) -> str:
    """Spacing and case folded, and any script spelt in ASCII letters: 'Muñoz' -> 'munoz', 'Дмитрий' -> 'dmitrii'.

    A sponsor types a name at a shell as their keyboard allows; the accents
    and letters of the name as written still match (see ``_either``).
    """
    return re.sub(r"\s+", " ", anyascii(unicodedata.normalize("NFC", text)).strip()).casefold()


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text).strip()).casefold()


def _tiers(query: str) -> list[Callable[[Sponsee], bool]]:
    # Most exact first: an id or whole name always wins over a prefix, so
    # "sam-r" or "Sam Rivera" still work when "Sam Roberts" exists too.
    # Each name is compared as written and spelt in ASCII, and so is the query.
    queries = {_plain(query), _words(query)}

    def names(s: Sponsee) -> set[str]:
        return {f(n) for f in (_plain, _words) for n in (s.name, s.shown_name)}

    return [
        lambda s: s.id in queries,
        lambda s: bool(names(s) & queries),
        lambda s: any(n.startswith(q) for n in names(s) for q in queries) or any(s.id.startswith(q) for q in queries),
        lambda s: any(word.startswith(q) for n in names(s) for word in n.split(" ") for q in queries),
    ]


def _describe(sponsee: Sponsee) -> str:
    state = "" if sponsee.state == SponseeState.ACTIVE else f", {sponsee.state.value}"
    return f"  {sponsee.id:<16} {sponsee.name}{state}"


def match_sponsee(sponsees: Sequence[Sponsee], text: str) -> Sponsee:
    """The one sponsee ``text`` names; raises NoMatch listing candidates otherwise."""
    query = text
    if not _plain(query):
        raise NoMatch("give a sponsee: an id (e.g. sam-r) or the start of a name")
    for tier in _tiers(query):
        found = [s for s in sponsees if tier(s)]
        if len(found) == 1:
            return found[0]
        if found:
            listing = "\n".join(_describe(s) for s in sorted(found, key=lambda s: s.id))
            raise NoMatch(f"{text!r} matches {len(found)} sponsees; type more of the name, or an id:\n{listing}")
    known = ", ".join(sorted(s.id for s in sponsees)) or "none yet"
    raise NoMatch(f"no sponsee matches {text!r}; known ids: {known}")
