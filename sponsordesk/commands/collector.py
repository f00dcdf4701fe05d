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
import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def resting() -> Iterator[None]:
    """The collector off while the block runs; what it made set aside (frozen) when it imported something.

    Only then: the objects a block makes are long-lived when they are modules, classes and validators, and a
    block that imports nothing new (a second ``main()`` in the same process, as in the tests) would freeze
    only its garbage, for good. Not only the first block: the app's start rests twice (the context, then the
    app), and the second's 36,000 objects, left young, cost the first collection after it about 12 ms and
    a full one later about 6 more, in every start.
    """
    was = gc.isenabled()
    modules = len(sys.modules)
    gc.disable()
    try:
        yield
    finally:
        if len(sys.modules) > modules:
            gc.freeze()
        if was:
            gc.enable()
