"""Review of the config check (store/config_check.py): its schema key must change whenever code that decides a
config file's values or problems changes, as its docstring promises ("an edit in a checkout")."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import sponsordesk
from sponsordesk.store.config_check import schema_key

PACKAGE = Path(sponsordesk.__file__).resolve().parent


@pytest.mark.parametrize("module", ["store/settings.py", "store/programs.py", "store/tomlio.py"])
def test_the_schema_key_changes_when_code_deciding_a_config_files_values_changes(module):
    path = PACKAGE / module
    before = os.stat(path)
    key = schema_key()
    try:
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))  # as an edit would
        assert schema_key() != key
    finally:
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
