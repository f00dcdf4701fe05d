"""The store: the only code that reads and writes the data folder (no Textual)."""

import importlib
from typing import TYPE_CHECKING, Any

# Loaded on first use (PEP 562), as in sponsordesk.model: `sponsordesk today` reads the index
# (store/index.py) without the store, its models or pydantic.
_WHERE = {
    "BrokenFileError": "sponsordesk.store.problems", "ConflictError": "sponsordesk.store.problems",
    "Problem": "sponsordesk.store.problems", "ReadOnlyError": "sponsordesk.store.problems",
    "StoreError": "sponsordesk.store.problems",
    "SponseeRecord": "sponsordesk.model", "new_id": "sponsordesk.model",
    "Store": "sponsordesk.store.store",
}

__all__ = list(_WHERE)


def __getattr__(name: str) -> Any:
    try:
        module = _WHERE[name]
    except KeyError:
        raise AttributeError(f"module 'sponsordesk.store' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:
    from sponsordesk.model import SponseeRecord, new_id
    from sponsordesk.store.problems import BrokenFileError, ConflictError, Problem, ReadOnlyError, StoreError
    from sponsordesk.store.store import Store
