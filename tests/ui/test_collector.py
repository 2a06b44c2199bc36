"""Cyclic garbage holding widgets is collected on the UI thread, never in a background job."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtWidgets import QApplication, QWidget

from ui.collector import install_collector
from ui.tasks import Runner


class _Holder:
    widget: QWidget


def test_widget_cycles_are_collected_on_the_ui_thread(qtbot, qapp: QApplication) -> None:  # noqa: ANN001
    install_collector(qapp)
    assert not gc.isenabled()  # no collection may start inside a worker thread
    threads: list[bool] = []
    holder = _Holder()
    holder.widget = QWidget()
    holder.widget.holder = holder  # type: ignore[attr-defined]  # a cycle: only the collector frees it
    weakref.finalize(holder, lambda: threads.append(threading.current_thread() is threading.main_thread()))
    del holder

    def churn() -> int:  # a background job allocating enough to cross every threshold
        for _ in range(50_000):
            pair: list[object] = []
            pair.append(pair)
        return 0

    runner = Runner()
    done: list[int] = []
    runner.submit(churn, done.append)
    qtbot.waitUntil(lambda: done == [0], timeout=10_000)
    qtbot.waitUntil(lambda: threads == [True], timeout=10_000)
