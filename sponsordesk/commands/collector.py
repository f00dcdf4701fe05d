"""The garbage collector rests while the app and its models are imported: a few tens of ms of each start.

Importing Textual's widgets, pydantic and the models builds tens of
thousands of objects that live for the whole run (modules, classes, the
models' validators); the collector walked them again and again while they
were made. It is off meanwhile, and what was made is then set aside
(``gc.freeze``), so later collections skip it. The first reading of the data
folder does the same (tui/loading.py).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


_set_aside = False
"""Whether this process has frozen what its imports made: once is enough (a second `main()` in the same
process, as in the tests, imports nothing new, and freezing again would keep its garbage for good)."""


@contextmanager
def resting() -> Iterator[None]:
    global _set_aside
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if not _set_aside:
            gc.freeze()
            _set_aside = True
        if was:
            gc.enable()
