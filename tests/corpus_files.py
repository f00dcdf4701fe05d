"""The corpus of broken and odd files (tests/corpus/) and what each must produce."""

from __future__ import annotations

import shutil
from pathlib import Path

CORPUS = Path(__file__).parent / "corpus"
SECRETS = ("SECRET", "Secretname")
"""Values planted in broken fields and notes: no message may repeat them."""

LOADED = {"ok-bom", "ok-crlf", "ok-unknown", "bad-steps", "newer", "sam-r", "bad-contacts", "dupe-contacts"}

CONFLICT = "sync-conflict"
# (file, severity, words in the message, line, field)
EXPECTED = [
    ("sponsees/bad-syntax/profile.toml", "error", "not valid TOML", 3, None),
    ("sponsees/bad-type/profile.toml", "error", "must be a whole number", 5, "cadence_days"),
    ("sponsees/bad-steps/steps.toml", "error", "must be one of 'not_started'", 5, "step[0].status"),
    ("sponsees/bad-encoding/profile.toml", "error", "not UTF-8", None, None),
    ("sponsees/merge/profile.toml", "error", "merge-conflict markers", 3, None),
    ("sponsees/empty/profile.toml", "error", "the file is empty", None, None),
    ("sponsees/bad-version/profile.toml", "error", "whole number", 1, "schema_version"),
    ("sponsees/bad-contacts/contacts/2026.toml", "error", "not valid TOML", 3, None),
    ("sponsees/sam-r-2/profile.toml", "error", "sponsees/sam-r/profile.toml also claims", 2, "id"),
    ("sponsees/newer/profile.toml", "warning", "newer sponsordesk", None, "schema_version"),
    ("sponsees/ok-unknown/profile.toml", "warning", "unknown key", 5, "favourite_meeting"),
    ("sponsees/dupe-contacts/contacts/2026.toml", "warning", "share the id 'c-9'", None, "id"),
    ("sponsees/sam-r/profile.sync-conflict-20261120-101010-ABCDEFG.toml", "warning", CONFLICT, None, None),
    ("sponsees/sam-r/contacts/2026 (conflicted copy 2026-11-20).toml", "warning", CONFLICT, None, None),
    ("sponsees/sam-r/steps.toml~", "warning", "editor copy", None, None),
    ("sponsees/sam-r/.profile.toml.swp", "warning", "editor copy", None, None),
    ("sponsees/ana-l (conflicted copy)", "warning", CONFLICT, None, None),
    ("sponsees/orphan/profile.toml", "warning", "no profile.toml", None, None),
]
TEMP_FILE = "sponsees/ok-bom/.profile.toml.deadbeef.sdtmp"


def copy_corpus(tmp_path: Path, odd: bool = False) -> tuple[Path, Path]:
    """A private copy (data, config): tests never write into tests/corpus/.

    ``odd`` adds the files git cannot hold as they are (tests/odd_files.py:
    FIFOs, links in and out, 10 MB, control bytes).
    """
    data, config = tmp_path / "corpus-data", tmp_path / "corpus-config"
    shutil.copytree(CORPUS / "data", data)
    shutil.copytree(CORPUS / "config", config)
    if odd:
        from tests.odd_files import make_odd_files

        make_odd_files(data, tmp_path / "outside")
    return data, config


def contents(root: Path) -> dict[str, bytes]:
    """Every corpus file's bytes (not what the app adds: backups, the lock, its "open here" marker, and the
    index `sponsordesk today` leaves for itself, store/index.py)."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
            if p.is_file() and not p.is_symlink()
            and p.relative_to(root).parts[0] not in ("backups", ".sponsordesk.lock", ".sponsordesk-machines",
                                                          ".sponsordesk-index")}
