"""The store: the only code that reads and writes the data folder (no Textual)."""

from typing import TYPE_CHECKING

from sponsordesk.model.lazy import lazy_names

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
__getattr__ = lazy_names(__name__, _WHERE)


if TYPE_CHECKING:
    from sponsordesk.model import SponseeRecord, new_id
    from sponsordesk.store.problems import BrokenFileError, ConflictError, Problem, ReadOnlyError, StoreError
    from sponsordesk.store.store import Store
