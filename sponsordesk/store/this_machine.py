"""This computer: its name, and the id its saves are stamped with (kept in the cache folder).

Apart from sync_machine.py so `sponsordesk today` can find its index (named
after the id, store/index.py) without loading the sync machinery.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

ID_FILE = "machine.toml"
ID_PATTERN = re.compile(r"^[a-z0-9]{4,16}$")


def computer_name() -> str:
    """The name other machines show for this one (the host name, without a domain)."""
    if hasattr(os, "uname"):  # what socket.gethostname() answers there, without loading socket (3 ms)
        name = os.uname().nodename
    else:
        import socket

        name = socket.gethostname()
    name = name.split(".")[0].strip()
    return name or "another computer"


_WRITTEN = re.compile(r'^id = "([a-z0-9]{4,16})"\nhost = "([^"\\\n]*)"\n\Z', re.M)


def known_machine_id(cache_dir: Path) -> str | None:
    """This machine's id when its file is as ``machine_id`` writes it (no TOML parser: `today`'s quick path);
    None otherwise (absent, edited, made on another computer): ``machine_id`` then reads or makes it."""
    try:
        text = (Path(cache_dir) / ID_FILE).read_text("utf-8")
    except (OSError, ValueError):
        return None
    match = _WRITTEN.search(text)
    return match.group(1) if match and match.group(2) == computer_name() else None
