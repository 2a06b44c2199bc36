"""User accounts, on the settings page's 用户 tab: the administrator adds users, gives them a
role, the community they work for (or the whole street office) and (grid leaders) their
grids, resets a password, unlocks an account locked by wrong
passwords, and switches accounts on or off. The account service checks the administrator's
right and audits every change; passwords are never shown or kept here. Each change is an
operation (ui/operations.py), off the UI thread (a password hash takes a moment on purpose).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gridkeeper.domain.enums import Role
from gridkeeper.domain.i18n import language
from gridkeeper.domain.roles import COMMUNITY_ROLES, Permission
from gridkeeper.services.accounts import UserInfo
from gridkeeper.services.facade import GridKeeper
from ui.operations import Changes, Operations
from ui.texts import error_text
from ui.widgets.permissions import refusal
from ui.widgets.tables import HeaderSort


class UserDialog(QDialog):
    """A new user (name, role, community, password, grids) or an existing one's role,
    community and grids."""

    def __init__(self, gk: GridKeeper, user: UserInfo | None, parent: QWidget | None = None,
                 operations: Operations | None = None) -> None:
        super().__init__(parent)
        self.gk = gk
        self.user = user
        self.operations = operations if operations is not None else Operations(self)
        self.setWindowTitle(self.tr("新增用户") if user is None else self.tr("修改用户 %1").replace(
            "%1", user.username))
        self.name_edit = QLineEdit(user.username if user else "")
        self.name_edit.setReadOnly(user is not None)
        self.display_edit = QLineEdit(user.display_name if user else "")
        self.display_edit.setReadOnly(user is not None)
        self.role_box = QComboBox()
        for role in Role:
            self.role_box.addItem(role.label.get(language()), role.value)
        current = user.role if user else Role.STAFF
        self.role_box.setCurrentIndex(max(self.role_box.findData(current.value), 0))
        self.community_box = QComboBox()
        self.community_box.addItem(self.tr("全街道"), None)
        for name in gk.accounts.community_names():
            self.community_box.addItem(name, name)
        found = self.community_box.findData(user.community) if user and user.community else 0
        self.community_box.setCurrentIndex(max(found, 0))
        self.password_edit = QLineEdit()
        self.repeat_edit = QLineEdit()
        for edit in (self.password_edit, self.repeat_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.grids = QListWidget()
        held = set(user.grids) if user else set()
        # labelled as every command finds a grid: "阳光社区/第1网格" where names repeat
        for choice in gk.sheets.grids():
            item = QListWidgetItem(choice.label)
            item.setData(Qt.ItemDataRole.UserRole, choice.community)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if choice.label in held else Qt.CheckState.Unchecked)
            self.grids.addItem(item)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c62828")
        form = QFormLayout()
        form.addRow(self.tr("用户名"), self.name_edit)
        form.addRow(self.tr("姓名"), self.display_edit)
        form.addRow(self.tr("角色"), self.role_box)
        form.addRow(self.tr("社区"), self.community_box)
        if user is None:
            form.addRow(self.tr("密码"), self.password_edit)
            form.addRow(self.tr("再输入一次"), self.repeat_edit)
        form.addRow(self.tr("网格（网格长）"), self.grids)
        standard = QDialogButtonBox.StandardButton
        buttons = QDialogButtonBox(standard.Ok | standard.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.role_box.currentIndexChanged.connect(self._fit_to_role)
        self.community_box.currentIndexChanged.connect(self._fit_to_role)
        self._fit_to_role()

    def _fit_to_role(self) -> None:
        """An administrator runs the whole street: no community to choose. A community's
        account chooses grids of its community only."""
        role = Role(self.role_box.currentData())
        if role not in COMMUNITY_ROLES:
            self.community_box.setCurrentIndex(0)
        self.community_box.setEnabled(role in COMMUNITY_ROLES)
        self.community_box.setToolTip(
            self.tr("留空（全街道）可看全部社区；选一个社区则只能看、改该社区的网格和住户")
            if role in COMMUNITY_ROLES else self.tr("管理员管理整个街道，不能限于一个社区"))
        community = self.community_box.currentData()
        for i in range(self.grids.count()):
            item = self.grids.item(i)
            item.setHidden(community is not None and item.data(Qt.ItemDataRole.UserRole) != community)
        self.grids.setEnabled(role is Role.GRID_LEADER)

    def chosen_community(self) -> str | None:
        return self.community_box.currentData()

    def chosen_grids(self) -> list[str]:
        return [self.grids.item(i).text() for i in range(self.grids.count())
                if self.grids.item(i).checkState() == Qt.CheckState.Checked
                and not self.grids.item(i).isHidden()]

    def save(self) -> bool:
        """Add the user or change their role and grids, off the UI thread; the dialog closes
        once saved. False when the two passwords differ."""
        accounts = self.gk.accounts
        role = Role(self.role_box.currentData())
        grids = self.chosen_grids() if role is Role.GRID_LEADER else []
        community = self.chosen_community()
        user = self.user
        if user is None and self.password_edit.text() != self.repeat_edit.text():
            self.error_label.setText(self.tr("两次输入的密码不一致"))
            return False
        name, password, display = self.name_edit.text(), self.password_edit.text(), self.display_edit.text()

        def work() -> None:
            if user is None:
                accounts.add_user(name, password, role, display.strip(), grids=grids,
                                  community=community)
                return
            # an administrator has no community: leave it before becoming one, join after
            if community is None and community != user.community:
                accounts.set_community(user.username, None)
            if role is not user.role:
                accounts.set_role(user.username, role)
            if community is not None and community != user.community:
                accounts.set_community(user.username, community)
            if role is Role.GRID_LEADER:
                accounts.set_grids(user.username, grids)

        self.operations.run(self, work, Changes(accounts=True), done=lambda _r: self.accept(),
                            failed=lambda error: self.error_label.setText(error_text(error)),
                            label=self.tr("正在保存用户…"))
        return True


class UsersPanel(QWidget):
    def __init__(self, gk: GridKeeper, operations: Operations | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gk = gk
        # the window's writer; a panel on its own (tests) has its own
        self.operations = operations if operations is not None else Operations(self)
        self.allowed = gk.actor.can(Permission.MANAGE_USERS)
        self.users: list[UserInfo] = []
        self.table = QTableWidget(0, 7)
        self.table.setHorizontalHeaderLabels([self.tr("用户名"), self.tr("姓名"), self.tr("角色"),
                                              self.tr("社区"), self.tr("网格"), self.tr("状态"),
                                              self.tr("密码错误")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.sorting = HeaderSort(self.table, lambda: self.users, self._show_users)
        self.table.verticalHeader().hide()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.add_button = QPushButton(self.tr("新增用户…"))
        self.edit_button = QPushButton(self.tr("角色、社区与网格…"))
        self.password_button = QPushButton(self.tr("重设密码…"))
        self.unlock_button = QPushButton(self.tr("解除锁定"))
        self.active_button = QPushButton(self.tr("停用 / 启用"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        for button in (self.add_button, self.edit_button, self.password_button, self.unlock_button,
                       self.active_button):
            buttons.addWidget(button)
            button.setEnabled(self.allowed)
            button.setToolTip(refusal(gk.actor, Permission.MANAGE_USERS))
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(lambda: self.edit(None))
        self.edit_button.clicked.connect(lambda: self.edit(self.selected()))
        self.password_button.clicked.connect(self.reset_password)
        self.unlock_button.clicked.connect(lambda: self._act(lambda u: self.gk.accounts.unlock(u.username)))
        self.active_button.clicked.connect(
            lambda: self._act(lambda u: self.gk.accounts.set_active(u.username, not u.active)))
        if self.allowed:
            self.load()
        else:
            self.message.setText(refusal(gk.actor, Permission.MANAGE_USERS)
                                 if gk.actor.community_id is not None
                                 else self.tr("只有管理员可以管理用户。"))

    def load(self) -> None:
        self._show_users(self.gk.accounts.list_users())
        self.sorting.resort()

    def _show_users(self, users: list[UserInfo]) -> None:
        self.users = users
        lang = language()
        self.table.setRowCount(len(self.users))
        for r, user in enumerate(self.users):
            state = self.tr("已停用") if not user.active else (
                self.tr("已锁定") if user.locked_until else self.tr("正常"))
            values = [user.username, user.display_name, user.role.label.get(lang),
                      user.community or self.tr("全街道"), "、".join(user.grids), state,
                      str(user.failed_logins)]
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))

    def selected(self) -> UserInfo | None:
        row = self.table.currentRow()
        return self.users[row] if 0 <= row < len(self.users) else None

    def edit(self, user: UserInfo | None) -> UserDialog | None:
        if not self.allowed or (user is None and self.sender() is self.edit_button):
            return None
        dialog = UserDialog(self.gk, user, self, self.operations)
        dialog.accepted.connect(self.load)
        dialog.open()
        return dialog

    def reset_password(self, password: str | None = None) -> bool:
        user = self.selected()
        if user is None:
            return False
        if password is None:
            from PySide6.QtWidgets import QInputDialog

            password, ok = QInputDialog.getText(self, self.tr("重设密码"), self.tr("%1 的新密码：").replace(
                "%1", user.username), QLineEdit.EchoMode.Password)
            if not ok:
                return False
        return self._act(lambda u: self.gk.accounts.set_password(u.username, password))

    def _act(self, action) -> bool:  # noqa: ANN001 - a call on the selected user
        """``action(user)`` on the selected user, off the UI thread; True when started."""
        user = self.selected()
        if user is None:
            self.message.setText(self.tr("请先选择一个用户。"))
            return False

        def done(_result: object) -> None:
            self.message.setText(self.tr("已保存。"))
            self.load()

        self.operations.run(self, lambda: action(user), Changes(accounts=True), done=done,
                            failed=lambda error: self.message.setText(error_text(error)),
                            label=self.tr("正在保存用户…"))
        return True
