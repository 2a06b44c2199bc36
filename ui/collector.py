"""Python's garbage collector, run on the UI thread only.

The services run on the thread pool (ui/tasks.py). Left to itself, Python collects cyclic
garbage in whichever thread happens to allocate when a threshold is crossed, and that garbage
can hold widgets from a closed dialog or page: deleting a QWidget off the UI thread crashes
the process (a segmentation fault, seen in CI). So automatic collection is switched off and a
timer on the UI thread collects instead, generation by generation with Python's own
thresholds, the way Anki does it.

The same timer empties the caches that keep memory nobody uses (ui/heap.py).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from ui.heap import forget_source_lines, give_back_freed, keep_large_blocks_apart

_INTERVAL_MS = 1000


class MainThreadCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        keep_large_blocks_apart()
        forget_source_lines()
        # what start-up imported (modules, classes, SQLAlchemy's mappings, Qt's wrappers)
        # lives as long as the process: kept out of every collection's walk from here on,
        # which makes the first collection after start-up a few milliseconds instead of 0.1 s
        gc.freeze()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.collect_if_due)
        self.timer.start(_INTERVAL_MS)

    def collect_if_due(self) -> None:
        forget_source_lines()
        give_back_freed()
        counts = gc.get_count()
        # a younger generation's collection is what advances the older one's count, as in CPython
        for generation in (2, 1, 0):
            if counts[generation] > self.thresholds[generation]:
                gc.collect(generation)
                return


def install_collector(app: QCoreApplication) -> MainThreadCollector:
    """Once per application: later calls return the collector already installed."""
    existing = app.findChild(MainThreadCollector)
    return existing if existing is not None else MainThreadCollector(app)
