"""The login dialog shown at start once accounts exist (and by the idle lock to re-check)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from gridkeeper.domain.errors import GridKeeperError
from gridkeeper.domain.roles import Actor
from gridkeeper.services.accounts import AccountService


class LoginDialog(QDialog):
    """Asks for user name and password; ``actor`` holds the logged-in user after ``accept``.

    Errors (wrong password, locked account) are shown in the dialog, which stays open.
    """

    def __init__(self, accounts: AccountService, parent: QWidget | None = None,
                 username: str = "") -> None:
        super().__init__(parent)
        self.accounts = accounts
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("登录 GridKeeper"))
        self.user_edit = QLineEdit(username)
        self.user_edit.setObjectName("username")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error_label = QLabel()
        self.error_label.setObjectName("error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020")
        self.error_label.hide()
        form = QFormLayout()
        form.addRow(self.tr("用户名"), self.user_edit)
        form.addRow(self.tr("密码"), self.password_edit)
        standard = QDialogButtonBox.StandardButton
        buttons = QDialogButtonBox(standard.Ok | standard.Cancel)
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        (self.password_edit if username else self.user_edit).setFocus(Qt.FocusReason.OtherFocusReason)

    def try_login(self) -> None:
        try:
            self.actor = self.accounts.login(self.user_edit.text(), self.password_edit.text())
        except GridKeeperError as error:
            self.show_error(str(error))
            return
        except Exception:  # noqa: BLE001 - never let a login error escape the dialog
            self.show_error(self.tr("登录失败"))
            return
        self.accept()

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
        self.password_edit.clear()
        self.password_edit.setFocus()
