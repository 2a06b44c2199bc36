"""Python's cyclic garbage collector held off while a bulk job builds up its rows.

A full collection walks every object alive. An import holds a whole register's rows,
drafts and audit entries in memory until it writes them (some two million objects for
54,000 residents), and each few thousand new objects start another collection over all of
them: about a quarter of a big import's time went to walks that found almost nothing to
free. The job's objects are freed by reference counting as usual; only cycles wait for the
next collection after it.

In the desktop app the collector is already off (it runs on the UI thread's timer, see
ui/collector.py), and stays as that left it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No automatic cyclic collection inside the block (switched back on after it, if it
    was on before)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
