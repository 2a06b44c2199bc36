"""Reads in the background: run a function on the thread pool, hand the result back through
a queued signal, and let newer requests make older ones moot (cancel).

Like Anki's QueryOp: services run off the UI thread, widgets only receive plain results on
the UI thread, so the window never freezes on a 100,000-household search. Writes go through
ui/operations.py instead, which runs them in order and tells every page what changed.

A job without its own error handler is not lost: its error is logged and shown
(ui/error_log.py).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ui.error_log import report_error

_tickets = itertools.count(1)


class _Relay(QObject):
    done = Signal(int, object)
    failed = Signal(int, object)


class _Job(QRunnable):
    def __init__(self, ticket: int, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.ticket = ticket
        self.work = work
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as error:  # handed to the UI thread, which shows it
            self._hand_over(self.relay.failed, error)
        else:
            self._hand_over(self.relay.done, result)

    def _hand_over(self, signal: Any, value: object) -> None:
        try:
            signal.emit(self.ticket, value)
        except RuntimeError:  # the page that asked was closed meanwhile: nobody to tell
            pass


class Runner(QObject):
    """Runs one kind of job; only the latest request's result is delivered."""

    busy = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool.globalInstance()
        self._relay = _Relay(self)
        self._relay.done.connect(self._done)
        self._relay.failed.connect(self._failed)
        self._latest = 0
        self._callbacks: dict[int, tuple[Callable[[Any], None], Callable[[Exception], None] | None]] = {}
        self._closed = False

    def submit(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None] | None = None,
    ) -> int:
        if self._closed:  # the window is closing: nothing new reads the database
            return 0
        ticket = next(_tickets)
        self._latest = ticket
        self._callbacks = {ticket: (on_done, on_error)}
        self.busy.emit(True)
        self.pool.start(_Job(ticket, work, self._relay))
        return ticket

    def cancel(self) -> None:
        """Forget the running request: its result, when it comes, is dropped."""
        self._latest = 0
        self._callbacks.clear()
        self.busy.emit(False)

    def close(self) -> None:
        """The window is closing: a result still to come is dropped and no request starts.

        Otherwise a search finishing after the window closed would hand its rows to a page
        that then reads more of them from a database already closed."""
        self._closed = True
        self.cancel()

    def _done(self, ticket: int, result: object) -> None:
        callbacks = self._callbacks.pop(ticket, None)
        if ticket != self._latest or callbacks is None:
            return
        self.busy.emit(False)
        callbacks[0](result)

    def _failed(self, ticket: int, error: object) -> None:
        callbacks = self._callbacks.pop(ticket, None)
        if ticket != self._latest or callbacks is None:
            return
        self.busy.emit(False)
        if callbacks[1] is not None:
            callbacks[1](error)  # type: ignore[arg-type]
        else:
            report_error(error, "background job")  # type: ignore[arg-type]

    def wait(self) -> None:
        """Block until queued jobs finish (screenshots and tests only)."""
        self.pool.waitForDone()
