"""Qt tests: the app's main-thread garbage collection, and no test's leftovers reaching the next.

Each test's widgets become garbage when it ends while background jobs may still run; they
are collected here, on the UI thread, after the pool has finished (see ui/collector.py).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication

from ui.collector import install_collector


@pytest.fixture(autouse=True)
def _collect_on_the_ui_thread(qapp: QApplication) -> Iterator[None]:
    install_collector(qapp)
    yield
    QThreadPool.globalInstance().waitForDone()
    qapp.processEvents()
    gc.collect()
