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
    assert panel.table.item(row, 5).text() == "已停用"
    with pytest.raises(GridKeeperError):
        AccountService(gk.db, SYSTEM).login("wang", PASSWORD)


def test_only_an_administrator_manages_users(qtbot, gk: GridKeeper) -> None:  # noqa: ANN001
    panel = UsersPanel(gk.acting_as(Actor("zhao", Role.SUPERVISOR)))
    qtbot.addWidget(panel)
    assert not panel.add_button.isEnabled() and "管理员" in panel.message.text()
    assert panel.table.rowCount() == 0



def _two_communities(gk: GridKeeper) -> GridKeeper:
    """Two communities that each have a 第1网格; the administrator logged in."""
    gk.register.save_household(household("A1", grid="第1网格", community="阳光社区"))
    gk.register.save_household(household("B1", grid="第1网格", building="2", community="金顶街社区"))
    return gk.acting_as(AccountService(gk.db, SYSTEM).create_first_admin("admin", PASSWORD))


def test_the_administrator_limits_a_new_account_to_one_community(qtbot, gk: GridKeeper) -> None:  # noqa: ANN001
    admin = _two_communities(gk)
    panel = UsersPanel(admin)
    qtbot.addWidget(panel)
    dialog = UserDialog(admin, None, panel)
    qtbot.addWidget(dialog)
    boxes = [dialog.community_box.itemText(i) for i in range(dialog.community_box.count())]
    assert boxes == ["全街道", "阳光社区", "金顶街社区"]
    dialog.name_edit.setText("sun")
    dialog.password_edit.setText(PASSWORD)
    dialog.repeat_edit.setText(PASSWORD)
    dialog.role_box.setCurrentIndex(dialog.role_box.findData(Role.STAFF.value))
    dialog.community_box.setCurrentIndex(dialog.community_box.findData("阳光社区"))
    assert dialog.save()
    dialog.operations.wait()
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error_label.text()
    panel.load()
    row = next(r for r in range(panel.table.rowCount()) if panel.table.item(r, 0).text() == "sun")
    assert panel.table.item(row, 3).text() == "阳光社区"
    assert panel.table.item(next(r for r in range(panel.table.rowCount())
                                 if panel.table.item(r, 0).text() == "admin"), 3).text() == "全街道"
    sun = gk.acting_as(AccountService(gk.db, SYSTEM).login("sun", PASSWORD))
    assert [r.code for r in sun.browse.rows(sun.browse.search_ids(RegisterFilter())).values()] == ["A1"]


def test_an_administrator_has_no_community_to_choose(qtbot, gk: GridKeeper) -> None:  # noqa: ANN001
    admin = _two_communities(gk)
    dialog = UserDialog(admin, None)
    qtbot.addWidget(dialog)
    dialog.community_box.setCurrentIndex(dialog.community_box.findData("金顶街社区"))
    dialog.role_box.setCurrentIndex(dialog.role_box.findData(Role.ADMIN.value))
    assert not dialog.community_box.isEnabled() and dialog.chosen_community() is None
    assert "整个街道" in dialog.community_box.toolTip()
    dialog.role_box.setCurrentIndex(dialog.role_box.findData(Role.SUPERVISOR.value))
    assert dialog.community_box.isEnabled()


def test_a_community_grid_leader_chooses_among_that_communitys_grids(qtbot, gk: GridKeeper) -> None:  # noqa: ANN001
    admin = _two_communities(gk)
    panel = UsersPanel(admin)
    qtbot.addWidget(panel)
    dialog = UserDialog(admin, None, panel)
    qtbot.addWidget(dialog)
    shown = [dialog.grids.item(i).text() for i in range(dialog.grids.count())
             if not dialog.grids.item(i).isHidden()]
    assert shown == ["阳光社区/第1网格", "金顶街社区/第1网格"]  # the same name, told apart
    dialog.name_edit.setText("jinlead")
    dialog.password_edit.setText(PASSWORD)
    dialog.repeat_edit.setText(PASSWORD)
    dialog.role_box.setCurrentIndex(dialog.role_box.findData(Role.GRID_LEADER.value))
    dialog.community_box.setCurrentIndex(dialog.community_box.findData("金顶街社区"))
    shown = [dialog.grids.item(i) for i in range(dialog.grids.count()) if not dialog.grids.item(i).isHidden()]
    assert [item.text() for item in shown] == ["金顶街社区/第1网格"]
    shown[0].setCheckState(Qt.CheckState.Checked)
    assert dialog.save()
    dialog.operations.wait()
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error_label.text()
    assert {u.username: (u.community, u.grids) for u in admin.accounts.list_users()}["jinlead"] == (
        "金顶街社区", ("金顶街社区/第1网格",))
    leader = gk.acting_as(AccountService(gk.db, SYSTEM).login("jinlead", PASSWORD))
    assert [r.code for r in leader.browse.rows(leader.browse.search_ids(RegisterFilter())).values()] == ["B1"]


def test_a_community_account_sees_why_street_work_is_not_its_own(qtbot, gk: GridKeeper) -> None:  # noqa: ANN001
    panel = UsersPanel(gk.acting_as(Actor("sun", Role.STAFF, grid_ids=frozenset(), community_id=1)))
    qtbot.addWidget(panel)
    assert not panel.add_button.isEnabled() and "仅限街道账户" in panel.add_button.toolTip()
    assert "仅限街道账户" in panel.message.text()

