"""User accounts on the settings page: the administrator adds a grid leader with their grid,
the new user can log in and sees only that grid; a wrong repeat is refused in the dialog;
unlock and switch-off work; others cannot manage users."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from gridkeeper.domain.enums import Role
from gridkeeper.domain.errors import GridKeeperError
from gridkeeper.domain.roles import SYSTEM, Actor
from gridkeeper.services.accounts import AccountService
from gridkeeper.services.browse import RegisterFilter
from gridkeeper.services.facade import GridKeeper
from tests.conftest import household
from ui.pages.settings.users import UserDialog, UsersPanel

PASSWORD = "correct horse 9"


def test_the_administrator_adds_a_grid_leader_who_then_sees_only_that_grid(
        qtbot, gk: GridKeeper) -> None:  # noqa: ANN001
    gk.register.save_household(household("A1", grid="第一网格"))
    gk.register.save_household(household("B1", grid="第二网格", building="2"))
    admin = gk.acting_as(AccountService(gk.db, SYSTEM).create_first_admin("admin", PASSWORD))
    panel = UsersPanel(admin)
    qtbot.addWidget(panel)
    dialog = UserDialog(admin, None, panel)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("li")
    dialog.role_box.setCurrentIndex(dialog.role_box.findData(Role.GRID_LEADER.value))
    dialog.password_edit.setText(PASSWORD)
    dialog.repeat_edit.setText("something else")
    assert dialog.save() is False and "不一致" in dialog.error_label.text()
    dialog.repeat_edit.setText(PASSWORD)
    dialog.grids.findItems("第一网格", Qt.MatchFlag.MatchExactly)[0].setCheckState(Qt.CheckState.Checked)
    assert dialog.save()
    dialog.operations.wait()
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error_label.text()
    panel.load()
    assert [(u.username, u.grids) for u in admin.accounts.list_users() if u.username == "li"] == [
        ("li", ("第一网格",))]
    leader = gk.acting_as(AccountService(gk.db, SYSTEM).login("li", PASSWORD))
    assert [r.code for r in leader.browse.rows(leader.browse.search_ids(RegisterFilter())).values()] == ["A1"]


def test_switching_a_user_off_stops_the_login(qtbot, gk: GridKeeper) -> None:  # noqa: ANN001
    admin = gk.acting_as(AccountService(gk.db, SYSTEM).create_first_admin("admin", PASSWORD))
    admin.accounts.add_user("wang", PASSWORD, Role.STAFF)
    panel = UsersPanel(admin)
    qtbot.addWidget(panel)
    row = next(r for r in range(panel.table.rowCount()) if panel.table.item(r, 0).text() == "wang")
    panel.table.selectRow(row)
    assert panel._act(lambda u: admin.accounts.set_active(u.username, False))
    panel.operations.wait()
    assert panel.table.item(row, 4).text() == "已停用"
    with pytest.raises(GridKeeperError):
        AccountService(gk.db, SYSTEM).login("wang", PASSWORD)


def test_only_an_administrator_manages_users(qtbot, gk: GridKeeper) -> None:  # noqa: ANN001
    panel = UsersPanel(gk.acting_as(Actor("zhao", Role.SUPERVISOR)))
    qtbot.addWidget(panel)
    assert not panel.add_button.isEnabled() and "管理员" in panel.message.text()
    assert panel.table.rowCount() == 0

