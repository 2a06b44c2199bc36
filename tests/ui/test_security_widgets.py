"""Login, first-start and idle-lock widgets (pytest-qt, offscreen)."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

from gridkeeper.domain.enums import Role
from gridkeeper.domain.roles import SYSTEM
from gridkeeper.services.accounts import AccountService
from gridkeeper.services.facade import GridKeeper
from ui.security.first_start import FirstAdminDialog
from ui.security.idle_lock import IdleLock
from ui.security.login import LoginDialog

PASSWORD = "correct horse"


@pytest.fixture
def accounts(gk: GridKeeper) -> AccountService:
    return AccountService(gk.db, SYSTEM)


def test_first_start_creates_the_administrator(qtbot, accounts: AccountService) -> None:
    dialog = FirstAdminDialog(accounts)
    qtbot.addWidget(dialog)
    dialog.user_edit.setText("wang")
    dialog.password_edit.setText(PASSWORD)
    dialog.repeat_edit.setText("different")
    dialog.try_create()
    assert not dialog.error_label.isHidden() and dialog.actor is None
    dialog.repeat_edit.setText(PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.try_create()
    assert dialog.actor is not None and dialog.actor.role is Role.ADMIN
    assert accounts.has_users()


def test_login_dialog_shows_errors_and_logs_in(qtbot, accounts: AccountService) -> None:
    accounts.create_first_admin("wang", PASSWORD)
    dialog = LoginDialog(accounts)
    qtbot.addWidget(dialog)
    dialog.user_edit.setText("wang")
    dialog.password_edit.setText("wrong password")
    dialog.try_login()
    assert "密码错误" in dialog.error_label.text() and dialog.password_edit.text() == ""
    dialog.password_edit.setText(PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.try_login()
    assert dialog.actor is not None and dialog.actor.username == "wang"


def test_login_dialog_reports_a_locked_account(qtbot, gk: GridKeeper) -> None:
    clock = lambda: datetime(2026, 3, 2, 9, 0)  # noqa: E731
    accounts = AccountService(gk.db, SYSTEM, clock=clock)
    accounts.create_first_admin("wang", PASSWORD)
    dialog = LoginDialog(accounts, username="wang")
    qtbot.addWidget(dialog)
    for _ in range(5):
        dialog.password_edit.setText("wrong password")
        dialog.try_login()
    assert "锁定" in dialog.error_label.text() and "09:15" in dialog.error_label.text()


def _window(qtbot) -> QMainWindow:
    window = QMainWindow()
    central = QWidget()
    QLabel("张伟 11010519491231002X", central).setObjectName("personal")
    window.setCentralWidget(central)
    window.resize(600, 400)
    qtbot.addWidget(window)
    window.show()
    return window


def test_idle_lock_hides_personal_data_until_the_password(qtbot, accounts: AccountService) -> None:
    accounts.create_first_admin("wang", PASSWORD)
    window = _window(qtbot)
    lock = IdleLock(window, accounts, "wang", idle_ms=50)
    with qtbot.waitSignal(lock.locked, timeout=3000):
        pass
    assert lock.is_locked and not window.centralWidget().isVisible()
    assert lock.screen is not None and lock.screen.isVisible()
    assert lock.screen.geometry() == window.rect()
    lock.screen.password_edit.setText("wrong password")
    lock.screen.unlock_button.click()
    assert lock.is_locked and "密码错误" in lock.screen.error_label.text()
    screen = lock.screen
    screen.password_edit.setText(PASSWORD)
    with qtbot.waitSignal(lock.unlocked, timeout=5000):
        qtbot.keyClick(screen.password_edit, Qt.Key.Key_Return)
    assert not lock.is_locked and window.centralWidget().isVisible()
    assert lock.timer.isActive()
    lock.stop()


def test_user_input_restarts_the_idle_countdown(qtbot, accounts: AccountService) -> None:
    accounts.create_first_admin("wang", PASSWORD)
    window = _window(qtbot)
    lock = IdleLock(window, accounts, "wang", idle_ms=60_000)
    lock.timer.stop()  # stands for a countdown nearly run out
    qtbot.keyClick(window.centralWidget(), Qt.Key.Key_A)
    assert lock.timer.isActive() and lock.timer.remainingTime() > 30_000
    lock.timer.stop()
    qtbot.mouseClick(window.centralWidget(), Qt.MouseButton.LeftButton)
    assert lock.timer.isActive()
    lock.stop()
