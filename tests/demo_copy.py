"""A faster ``demo_dir`` for modules that use it a lot: write the demo once, copy it per test.

Writing the demo fsyncs a few hundred files (about 3 s); a copy takes milliseconds.
Import both fixtures into a test module to override the conftest one there.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sponsordesk.demo import write_demo
from sponsordesk.store import Store

from tests.conftest import TODAY


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo-template") / "data"
    write_demo(Store(folder), TODAY)
    return folder


@pytest.fixture
def demo_dir(data_dir: Path, demo_template: Path) -> Path:
    """The demo sponsees, dated around TODAY, in this test's own data folder."""
    shutil.copytree(demo_template, data_dir, dirs_exist_ok=True)
    return data_dir
