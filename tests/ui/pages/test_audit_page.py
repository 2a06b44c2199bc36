"""The 审计日志 page: a supervisor finds who changed a household and exports the lines; a
grid leader is told the log is not theirs to read."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import QSettings

from gridkeeper.domain.enums import Role
from gridkeeper.domain.roles import Actor
from gridkeeper.services.facade import GridKeeper
from tests.conftest import household
from ui.context import Context
from ui.pages.audit import AuditPage


def page_for(qtbot, gk: GridKeeper, tmp_path: Path) -> AuditPage:  # noqa: ANN001
    page = AuditPage(Context(gk, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                             "t.db", gk.actor.username))
    qtbot.addWidget(page)
    page.wait_idle()
    qtbot.waitUntil(lambda: page.summary.text() != "")
    return page


def test_a_supervisor_finds_a_change_with_before_and_after_and_exports_it(
        qtbot, gk: GridKeeper, tmp_path: Path) -> None:  # noqa: ANN001
    staff = gk.acting_as(Actor("wang", Role.STAFF))
    hid = staff.register.save_household(household("H1"))
    draft = staff.register.load_draft(hid)
    staff.register.save_household(draft.__class__(**{**draft.__dict__, "notes": "独居，需每周探访"}))
    page = page_for(qtbot, gk.acting_as(Actor("zhao", Role.SUPERVISOR)), tmp_path)
    page.user_edit.setText("wang")
    page.action_box.setCurrentIndex(page.action_box.findData("update"))
    page.table_edit.setText("household")
    page.refresh()
    page.wait_idle()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    assert page.table.item(0, 1).text() == "wang" and page.table.item(0, 3).text() == "household"
    page.table.setCurrentCell(0, 0)
    assert "独居，需每周探访" in page.detail.toPlainText()
    target = tmp_path / "audit.csv"
    assert page.export(str(target))
    page.context.operations.wait()
    assert page.exported == 1
    rows = list(csv.reader(target.open(encoding="utf-8-sig")))
    assert rows[1][2:5] == ["wang", "update", "household"]
    lines = gk.auditlog.browse()
    assert lines[0].username == "zhao"  # the export is itself in the log


def test_a_grid_leader_is_told_the_log_is_not_theirs(qtbot, gk: GridKeeper, tmp_path: Path) -> None:  # noqa: ANN001
    page = page_for(qtbot, gk.acting_as(Actor("li", Role.GRID_LEADER, frozenset())), tmp_path)
    assert "仅供督导和管理员" in page.summary.text()
    assert page.table.rowCount() == 0 and not page.export_button.isEnabled()


def test_a_community_supervisor_is_told_the_log_is_the_street_offices(qtbot, gk: GridKeeper,  # noqa: ANN001
                                                                      tmp_path: Path) -> None:
    boss = gk.acting_as(Actor("boss", Role.SUPERVISOR, grid_ids=frozenset(), community_id=1))
    page = page_for(qtbot, boss, tmp_path)
    assert not page.search_button.isEnabled() and "仅限街道账户" in page.summary.text()
    assert page.table.rowCount() == 0
