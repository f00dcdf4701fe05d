"""A contact's facts as plain values, and the rules for keeping them: shared by the facts cache
(in the cache folder, no words) and the index (in the data folder, store/index.py).

Standard library only, so `sponsordesk today` can use them without the store.
"""

from __future__ import annotations

import os
import time
from datetime import date, datetime, timedelta
from typing import Any

from sponsordesk.model.limits import RECENT_DAYS, YEARS
from sponsordesk.model.plain import ContactFacts, ContactKind, Initiator

RACY_NS = 2_000_000_000
"""Files modified this close to when an entry was made are also checked by content."""

_KINDS = frozenset(k.value for k in ContactKind)
_BY = frozenset(i.value for i in Initiator)
_LOW, _HIGH = YEARS


def local_zone() -> list:
    """This machine's time zone as its rules show: a name and the offsets of two fixed moments.

    A time written without an offset is read as local time, so its facts
    depend on the zone that read it: after the laptop moves from Los Angeles
    to Auckland a 23:30 call falls on another day. Entries made under another
    zone are never used.
    """
    moments = (1767225600, 1782864000)  # 2026-01-01 and 2026-07-01, noon-ish UTC: winter and summer
    return [list(time.tzname), [int(datetime.fromtimestamp(t).astimezone().utcoffset().total_seconds())
                                for t in moments], os.environ.get("TZ", ""), _zone_file()]


def _zone_file() -> list | None:
    """Which rules file the zone comes from, and that file's signature.

    Two zones can share names and both sampled offsets yet change clocks on
    other days (Cairo and Athens), and a tzdata update changes the rules
    behind the same name: the file's path, size, mtime and inode tell both.
    """
    name = os.environ.get("TZ", "").lstrip(":")
    if not name:
        path = "/etc/localtime"
    elif os.path.isabs(name):
        path = name
    else:
        path = os.path.join(os.environ.get("TZDIR", "/usr/share/zoneinfo"), name)
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None  # a rule written in TZ itself ("EST5EDT"), or no zone file on this system: TZ says it all
    return [os.path.realpath(path), st.st_size, st.st_mtime_ns, st.st_ino]


def recent_start(day: date) -> date:
    """The first day of the recent window on ``day``: a record holds the contacts since then (and at least
    the last that connected), what the roster, the agenda and the index read."""
    return day - timedelta(days=RECENT_DAYS)


def recent_since(newest_first: list[ContactFacts], since: date) -> list[ContactFacts]:
    """The store's recent-contacts rule applied to a longer list (see ``Store.recent_contacts``)."""
    out: list[ContactFacts] = []
    connected = False
    for contact in newest_first:
        if contact.day >= since or not connected:
            out.append(contact)
            connected = connected or contact.connected
        elif connected:
            break
    return out


def fact_row(facts: ContactFacts) -> list[Any]:
    return [facts.id, facts.at.isoformat(), facts.kind, facts.by, facts.minutes, facts.relapse, facts.crisis,
            facts.meetings]


def facts_of_row(row: list[Any]) -> ContactFacts:
    """One cached row back, checked: a damaged or foreign row raises ValueError."""
    ident, at, kind, by, minutes, relapse, crisis, meetings = row
    when = datetime.fromisoformat(at)
    # written out, not all() over a generator: a start at 1,000 sponsees checks 20,000 rows
    if (not isinstance(ident, str) or when.tzinfo is None or not _LOW <= when.year <= _HIGH or kind not in _KINDS
            or by not in _BY or (minutes is not None and type(minutes) is not int)
            or (meetings is not None and type(meetings) is not int)
            or type(relapse) is not bool or type(crisis) is not bool):
        raise ValueError("not a cached contact")
    return ContactFacts(ident, when, kind, by, minutes, relapse, crisis, meetings)
