"""What watches over a logged-in session: the start-up check, the idle lock and the
automatic backups.

When the file's quick_check still runs in the background (see
gridkeeper/services/startup.py), its verdict arrives here: a damaged file is announced with
``damaged`` (the app offers the newest good backup). Once the file is known sound a backup is
taken in the background (when the data changed since the newest backup), and a timer asks
every few minutes whether 30 minutes of work call for another (the backup service decides).
Backups of a server database are the server's job.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from gridkeeper.domain.errors import GridKeeperError
from gridkeeper.domain.roles import SYSTEM, Actor
from gridkeeper.services.accounts import AccountService
from gridkeeper.services.facade import GridKeeper
from gridkeeper.services.integrity import StartupCheck
from gridkeeper.services.startup import BackgroundCheck
from ui.security.idle_lock import IdleLock
from ui.tasks import Runner

BACKUP_CHECK_MS = 5 * 60 * 1000
CHECK_AFTER_MS = 1000  # the window's first second belongs to the first page


class SessionGuards(QObject):
    damaged = Signal(object)  # DatabaseDamaged (with the backup to offer) or DatabaseUnreachable

    def __init__(self, window: QWidget, gk: GridKeeper, accounts: AccountService, actor: Actor,
                 check: BackgroundCheck | None = None) -> None:
        super().__init__(window)
        self.gk = gk
        self.last_error: Exception | None = None
        # nobody logged in (a register without accounts, screenshots): nothing to unlock with
        self.idle: IdleLock | None = None
        if actor is not SYSTEM:
            self.idle = IdleLock(window, accounts, actor.username, idle_ms=accounts.idle_minutes() * 60_000)
        self.backups = Runner(self)
        self.timer = QTimer(self)
        self.timer.timeout.connect(
            lambda: self.backups.submit(gk.backups.backup_if_due, self._done, self._failed))
        self.verifier = Runner(self)
        if check is not None:
            # the first page's queries get the machine first; the file's check follows (a
            # write meanwhile waits for it, see BackgroundCheck)
            QTimer.singleShot(CHECK_AFTER_MS, self, lambda: self.verifier.submit(
                check.verdict, self._verified, self._check_failed))
        else:
            self._start_backups()

    def _verified(self, verdict: StartupCheck) -> None:
        try:
            verdict.raise_if_damaged(self.gk.db.path)  # type: ignore[arg-type]
        except GridKeeperError as error:  # damaged, or its disk cannot be got at
            self.damaged.emit(error)
            return
        self._start_backups()

    def _start_backups(self) -> None:
        if self.gk.db.path is None:
            return
        self.backups.submit(self.gk.backups.backup_on_start, self._done, self._failed)
        self.timer.start(BACKUP_CHECK_MS)

    def _done(self, _info: object) -> None:
        self.last_error = None

    def _failed(self, error: Exception) -> None:
        # a failed automatic backup must not stop the work; it is shown in the status bar
        self.last_error = error
        self._show(self.tr("自动备份失败：%1").replace("%1", str(error)))

    def _check_failed(self, error: Exception) -> None:
        self._show(self.tr("数据库检查未完成：%1").replace("%1", str(error)))

    def _show(self, text: str) -> None:
        status = getattr(self.parent(), "statusBar", None)
        if status is not None:
            status().showMessage(text, 60_000)

    def stop(self) -> None:
        self.timer.stop()
        self.verifier.cancel()
        self.backups.wait()
        if self.idle is not None:
            self.idle.stop()
