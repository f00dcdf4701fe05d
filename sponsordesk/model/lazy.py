"""Names a package hands out from its modules on first use (PEP 562), for `model`, `store` and `desk`.

`sponsordesk --version`, `--help` and `today` import a light module of a package without
building every model, opening the store or loading pydantic. It lives here, in the lowest
layer, only so that every package may use it; it knows nothing of the domain.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


def lazy_names(package: str, where: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``: each name in ``where`` imported from its module when first asked."""

    def __getattr__(name: str) -> Any:
        try:
            module = where[name]
        except KeyError:
            raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        value = getattr(importlib.import_module(module), name)
        setattr(sys.modules[package], name, value)  # the next lookup is a plain attribute
        return value

    return __getattr__
