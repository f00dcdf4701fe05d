"""A `demo_dir` that copies one demo data set written once per session.

Writing the demo fsyncs every file a few hundred times (seconds per test);
tests that only read it, or add a contact, get the same files by copying.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import TODAY


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from sponsordesk.demo import write_demo
    from sponsordesk.store import Store

    folder = tmp_path_factory.mktemp("demo-template") / "data"
    write_demo(Store(folder), TODAY)
    return folder


@pytest.fixture
def demo_dir(data_dir: Path, demo_template: Path) -> Path:
    shutil.copytree(demo_template, data_dir, dirs_exist_ok=True)
    return data_dir
