"""What watches over a logged-in session: the idle lock and the automatic backups.

A backup is taken in the background once the window is shown (when the data changed since
the newest backup), and a timer asks every few minutes whether 30 minutes of work call for
another (the backup service decides). Backups of a server database are the server's job.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from gridkeeper.domain.roles import SYSTEM, Actor
from gridkeeper.services.accounts import AccountService
from gridkeeper.services.facade import GridKeeper
from ui.security.idle_lock import IdleLock
from ui.tasks import Runner

BACKUP_CHECK_MS = 5 * 60 * 1000


class SessionGuards(QObject):
    def __init__(self, window: QWidget, gk: GridKeeper, accounts: AccountService, actor: Actor) -> None:
        super().__init__(window)
        self.gk = gk
        # nobody logged in (a register without accounts, screenshots): nothing to unlock with
        self.idle: IdleLock | None = None
        if actor is not SYSTEM:
            self.idle = IdleLock(window, accounts, actor.username, idle_ms=accounts.idle_minutes() * 60_000)
        self.backups = Runner(self)
        self.timer = QTimer(self)
        if gk.db.path is not None:
            self.backups.submit(gk.backups.backup_on_start, self._done, self._failed)
            self.timer.timeout.connect(
                lambda: self.backups.submit(gk.backups.backup_if_due, self._done, self._failed))
            self.timer.start(BACKUP_CHECK_MS)
        self.last_error: Exception | None = None

    def _done(self, _info: object) -> None:
        self.last_error = None

    def _failed(self, error: Exception) -> None:
        # a failed automatic backup must not stop the work; it is shown in the status bar
        self.last_error = error
        window = self.parent()
        status = getattr(window, "statusBar", None)
        if status is not None:
            status().showMessage(self.tr("自动备份失败：%1").replace("%1", str(error)), 60_000)

    def stop(self) -> None:
        self.timer.stop()
        self.backups.wait()
        if self.idle is not None:
            self.idle.stop()
