"""Store tests write their data through the store itself (``Store.add_entries``), never through the desk."""

from __future__ import annotations

import os
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from sponsordesk.model import Assignment, Contact, SobrietyDate, Sponsee, Step, StepBoard, Suggestion
from sponsordesk.store import Store

from tests.conftest import TODAY

SAMPLE_IDS = ("ana-l", "bo-m", "sam-r")


def sample_sponsee(store: Store, sponsee_id: str, n: int = 3) -> Sponsee:
    """One sponsee with a profile, a step being worked, a suggestion and ``n`` contacts over two years."""
    sponsee = Sponsee(id=sponsee_id, name=sponsee_id.replace("-", " ").title(),
                      sobriety=[SobrietyDate(date=TODAY - timedelta(days=400))], notes="Works early shifts.\n")
    board = StepBoard(step=[Step(number=1, status="done", started=TODAY - timedelta(days=300)),
                            Step(number=2, status="working", notes="slowly",
                                 assignment=[Assignment(id=f"a-{sponsee_id}", text="Read p. 58")])])
    start = datetime(TODAY.year, 1, 1, 19).astimezone() - timedelta(days=30)
    contacts = [Contact(id=f"c-{sponsee_id}-{k}", at=start + timedelta(days=20 * k), summary=f"call {k}\nfine")
                for k in range(n)]
    suggestions = [Suggestion(id=f"s-{sponsee_id}", text="Call before the party", given=TODAY)]
    store.add_entries(sponsee_id, profile=sponsee, steps=board, suggestions=suggestions, contacts=contacts)
    return sponsee


@pytest.fixture(scope="session")
def _sample_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sample-template") / "data"
    store = Store(folder)
    for sponsee_id in SAMPLE_IDS:
        sample_sponsee(store, sponsee_id)
    return folder


@pytest.fixture
def sample_dir(data_dir: Path, _sample_template: Path) -> Path:
    """A data folder with three sponsees written by the store (a private copy per test)."""
    shutil.copytree(_sample_template, data_dir)
    return data_dir


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every validation with pydantic of a settings, program or theme file, by file name."""
    from sponsordesk.store import programs, settings as settings_store, themes

    seen: list[str] = []
    for module in (settings_store, programs, themes):
        real = module._validated

        def counted(path, *args, _real=real):
            seen.append(os.path.basename(str(path)))
            return _real(path, *args)

        monkeypatch.setattr(module, "_validated", counted)
    return seen
