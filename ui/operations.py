"""Writes off the UI thread, each announcing what it changed (like Anki's CollectionOp).

A page never calls a service that writes on the UI thread. It asks the window's
:class:`Operations` to run the write::

    self.context.operations.run(
        self, lambda: self.gk.visits.record_batch(drafts), Changes(visits=True),
        done=self._saved, failed=self._refused, label=self.tr("正在保存走访结果…"))

The work runs on the one writer thread, so writes never race each other and happen in the
order they were asked for; meanwhile the main window shows a busy indicator with ``label``.
When the write is done, ``done`` gets its result on the UI thread, and then ``changed`` is
emitted with the :class:`Changes`: the main window hands them to every page built so far
(``page.apply_changes(changes)``, see ui/pages/__init__.py), which refreshes what it shows. The
page that asked is not told again: its ``done`` does what it needs.

``failed`` gets the exception when the write fails, to say why in the page's own words (a
typed error names the field at fault). Without ``failed``, or when the error is not one of
ours (a full disk, a file open in Excel, a bug), the error is logged and shown
(ui/error_log.py): never a write that fails in silence.

Reads whose latest answer is all that matters (a search, the roster of the chosen week) run
with :class:`ui.tasks.Runner`, on the shared pool, and never wait behind a write.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal
from shiboken6 import isValid

from gridkeeper.domain.errors import GridKeeperError
from gridkeeper.domain.progress import Cancelled
from ui.error_log import format_error, log, report_error


@dataclass(frozen=True)
class Changes:
    """What a write changed, for the pages to refresh what depends on it."""

    households: bool = False  # households, residents, their categories and addresses
    visits: bool = False  # visits recorded, edited, imported or reviewed
    needs: bool = False  # needs raised or moved through their steps
    settings: bool = False  # categories and visit rules, grids, workers, the office's options
    accounts: bool = False  # user accounts, roles and grids
    printed: bool = False  # rosters printed (their numbers recorded)

    def __or__(self, other: Changes) -> Changes:
        return Changes(**{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)})

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    @property
    def rosters(self) -> bool:
        """Whether who is due, overdue or done may have changed (rosters, figures, the map);
        needs too: a hot spot puts its stairwell on the roster."""
        return self.households or self.visits or self.settings or self.needs


NOTHING = Changes()


@dataclass
class _Pending:
    initiator: QObject | None
    changes: Changes | Callable[[Any], Changes]
    done: Callable[[Any], None] | None
    failed: Callable[[Exception], None] | None
    label: str


class _Relay(QObject):
    finished = Signal(int, bool, object)  # ticket, succeeded, result or exception


class _Write(QRunnable):
    def __init__(self, ticket: int, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.ticket, self.work, self.relay = ticket, work, relay

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as error:  # handed to the UI thread, which reports it
            self.relay.finished.emit(self.ticket, False, error)
        else:
            self.relay.finished.emit(self.ticket, True, result)


class Operations(QObject):
    """The writer of one window: runs writes in order off the UI thread and says what changed."""

    changed = Signal(object, object)  # Changes, the object that asked (or None)
    activity = Signal(str)  # the running write's label; "" when none runs

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # one writer: writes in the order asked, never racing
        self.pool.setExpiryTimeout(-1)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._finished)
        self._pending: dict[int, _Pending] = {}
        self._tickets = itertools.count(1)

    @property
    def running(self) -> int:
        """How many writes are asked for and not yet finished."""
        return len(self._pending)

    def run(
        self,
        initiator: QObject | None,
        work: Callable[[], Any],
        changes: Changes | Callable[[Any], Changes] = NOTHING,
        done: Callable[[Any], None] | None = None,
        failed: Callable[[Exception], None] | None = None,
        label: str = "",
    ) -> int:
        """Run ``work`` on the writer thread; ``changes`` (or ``changes(result)``) is announced
        when it succeeds. ``done`` and ``failed`` are called on the UI thread, unless
        ``initiator`` was deleted meanwhile (the changes are announced all the same)."""
        ticket = next(self._tickets)
        self._pending[ticket] = _Pending(initiator, changes, done, failed, label or _default_label())
        self.activity.emit(self._pending[ticket].label)
        self.pool.start(_Write(ticket, work, self._relay))
        return ticket

    def wait(self) -> None:
        """Block until every write asked for has finished and been announced (tests, exit)."""
        while self._pending:
            self.pool.waitForDone()
            QCoreApplication.processEvents()

    def _finished(self, ticket: int, succeeded: bool, outcome: object) -> None:
        pending = self._pending.pop(ticket, None)
        self.activity.emit(next(iter(self._pending.values())).label if self._pending else "")
        if pending is None:
            return
        alive = pending.initiator is None or isValid(pending.initiator)
        if not succeeded:
            assert isinstance(outcome, Exception)
            self._failed(pending, outcome, alive)
            return
        try:
            if pending.done is not None and alive:
                pending.done(outcome)
        finally:
            changes = pending.changes(outcome) if callable(pending.changes) else pending.changes
            if changes:
                self.changed.emit(changes, pending.initiator if alive else None)

    def _failed(self, pending: _Pending, error: Exception, alive: bool) -> None:
        if pending.failed is None or not alive:
            report_error(error, "write")  # logged and shown; a cancelled write is quiet
            return
        if not isinstance(error, GridKeeperError | Cancelled):
            log.error("write failed: %s", format_error(error))  # the page shows it; the cause is logged
        pending.failed(error)


def _default_label() -> str:
    return QCoreApplication.translate("Operations", "正在保存…")
