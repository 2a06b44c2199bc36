"""The idle lock: after a quiet spell (default 10 minutes) the window hides personal data and
asks for the password again.

``IdleLock`` watches the application's keyboard and mouse input; when the timer runs out it
covers the window with an opaque :class:`LockScreen`, hides the window's own widgets (so no
resident's data stays on screen or reachable by keyboard) and emits ``locked``. The right
password of the logged-in user (checked by the account service, with its lockout rules)
brings everything back and emits ``unlocked``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gridkeeper.domain.errors import GridKeeperError
from gridkeeper.services.accounts import AccountService

DEFAULT_IDLE_MS = 10 * 60 * 1000

_ACTIVITY = {
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin, QEvent.Type.TabletPress,
}


class LockScreen(QWidget):
    """An opaque cover over the whole window with a password field."""

    unlock_requested = Signal(str)

    def __init__(self, username: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("lock_screen")
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("#lock_screen { background: palette(window); }")
        title = QLabel(self.tr("已锁定：%1 长时间未操作，请重新输入密码").replace("%1", username))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setWordWrap(True)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setMaximumWidth(280)
        self.password_edit.returnPressed.connect(self._submit)
        self.unlock_button = QPushButton(self.tr("解锁"))
        self.unlock_button.setObjectName("unlock")
        self.unlock_button.clicked.connect(self._submit)
        self.error_label = QLabel()
        self.error_label.setObjectName("error")
        self.error_label.setStyleSheet("color: #b00020")
        self.error_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (title, self.password_edit, self.unlock_button, self.error_label):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)

    def _submit(self) -> None:
        self.unlock_requested.emit(self.password_edit.text())

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.password_edit.clear()
        self.password_edit.setFocus()


class IdleLock(QObject):
    """Locks ``window`` after ``idle_ms`` without input; unlocks with ``username``'s password."""

    locked = Signal()
    unlocked = Signal()

    def __init__(self, window: QWidget, accounts: AccountService, username: str,
                 idle_ms: int = DEFAULT_IDLE_MS) -> None:
        super().__init__(window)
        self.window = window
        self.accounts = accounts
        self.username = username
        self.screen: LockScreen | None = None
        self._hidden: list[QWidget] = []
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(idle_ms)
        self.timer.timeout.connect(self.lock)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self.timer.start()

    @property
    def is_locked(self) -> bool:
        return self.screen is not None

    def set_idle_ms(self, idle_ms: int) -> None:
        self.timer.setInterval(idle_ms)
        if not self.is_locked:
            self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in _ACTIVITY and not self.is_locked:
            self.timer.start()  # restarts the countdown
        elif event.type() == QEvent.Type.Resize and watched is self.window and self.screen is not None:
            self.screen.setGeometry(self.window.rect())
        return False

    def lock(self) -> None:
        if self.is_locked:
            return
        self.timer.stop()
        # hide the window's own widgets: an overlay alone would leave them reachable by keyboard
        direct = Qt.FindChildOption.FindDirectChildrenOnly
        self._hidden = [w for w in self.window.findChildren(QWidget, options=direct) if w.isVisible()]
        for widget in self._hidden:
            widget.hide()
        for dialog in QApplication.topLevelWidgets():
            if dialog is not self.window and dialog.isVisible() and dialog.isWindow():
                dialog.hide()
                self._hidden.append(dialog)
        screen = LockScreen(self.username, self.window)
        screen.setGeometry(self.window.rect())
        screen.unlock_requested.connect(self.try_unlock)
        screen.show()
        screen.raise_()
        screen.password_edit.setFocus()
        self.screen = screen
        self.locked.emit()

    def try_unlock(self, password: str) -> bool:
        assert self.screen is not None
        try:
            self.accounts.verify(self.username, password)
        except GridKeeperError as error:
            self.screen.show_error(str(error))
            return False
        self.screen.hide()
        self.screen.deleteLater()
        self.screen = None
        for widget in self._hidden:
            widget.show()
        self._hidden = []
        self.timer.start()
        self.unlocked.emit()
        return True

    def stop(self) -> None:
        """Stop watching (at logout or when the window closes)."""
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
