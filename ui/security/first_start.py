"""First start: no account exists yet, so the office's administrator account is created."""

from __future__ import annotations

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
from gridkeeper.services.accounts import MIN_PASSWORD_LENGTH, AccountService


class FirstAdminDialog(QDialog):
    """Creates the first administrator; ``actor`` is that administrator after ``accept``."""

    def __init__(self, accounts: AccountService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.accounts = accounts
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("首次使用：创建管理员账户"))
        intro = QLabel(self.tr("这是第一次打开此数据库。请创建管理员账户，之后每次打开都需要登录。"
                               "密码至少 %n 个字符。", "", MIN_PASSWORD_LENGTH))
        intro.setWordWrap(True)
        self.user_edit = QLineEdit("admin")
        self.user_edit.setObjectName("username")
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("display_name")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password")
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setObjectName("repeat")
        for edit in (self.password_edit, self.repeat_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error_label = QLabel()
        self.error_label.setObjectName("error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020")
        self.error_label.hide()
        form = QFormLayout()
        form.addRow(self.tr("用户名"), self.user_edit)
        form.addRow(self.tr("姓名"), self.name_edit)
        form.addRow(self.tr("密码"), self.password_edit)
        form.addRow(self.tr("再输入一次"), self.repeat_edit)
        standard = QDialogButtonBox.StandardButton
        buttons = QDialogButtonBox(standard.Ok | standard.Cancel)
        buttons.accepted.connect(self.try_create)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    def try_create(self) -> None:
        if self.password_edit.text() != self.repeat_edit.text():
            self.show_error(self.tr("两次输入的密码不一致"))
            return
        try:
            self.actor = self.accounts.create_first_admin(
                self.user_edit.text(), self.password_edit.text(), self.name_edit.text().strip())
        except GridKeeperError as error:
            self.show_error(str(error))
            return
        self.accept()

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
