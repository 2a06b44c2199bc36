"""The 设置 page: an administrator changes a rule and the roster follows; a bad colour is
shown at its cell and nothing is saved; others see the settings read-only."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QComboBox

from gridkeeper.domain.enums import Period, Role
from gridkeeper.domain.periods import span_of
from gridkeeper.domain.roles import Actor
from gridkeeper.services.facade import GridKeeper
from gridkeeper.services.settings import BACKUP_FOLDER_KEY, MASK_KEY, WorkerDraft
from tests.conftest import household
from ui.context import Context
from ui.pages.settings.page import LANGUAGE_KEY, DraftTable, MethodsButton, SettingsPage


def page_for(qtbot, gk: GridKeeper, tmp_path: Path) -> SettingsPage:  # noqa: ANN001
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    page = SettingsPage(Context(gk, settings, "t.db", gk.actor.username))
    qtbot.addWidget(page)
    return page


def save(page: SettingsPage) -> bool:
    """Save (off the UI thread) and wait: True when everything was written."""
    if not page.save():
        return False
    page.context.operations.wait()
    return not page.unsaved_work()


def leader_box(qtbot, table: DraftTable, row: int) -> QComboBox:  # noqa: ANN001
    """The box a grid's leader cell opens with F2 (made only while the cell is edited)."""
    table.setCurrentCell(row, table.column_of("leader_id"))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    box = table.indexWidget(table.currentIndex())
    assert isinstance(box, QComboBox)
    return box


def choose_leader(qtbot, table: DraftTable, row: int, name: str) -> None:  # noqa: ANN001
    """Choose ``name`` in a grid's leader cell as a user does: F2, the worker, Enter."""
    box = leader_box(qtbot, table, row)
    box.setCurrentIndex(box.findText(name))
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.indexWidget(table.currentIndex()) is None)  # the choice is in the cell


def row_of(page: SettingsPage, code: str) -> int:
    column = page.categories.column_of("code")
    return next(r for r in range(page.categories.rowCount())
                if page.categories.item(r, column).text() == code)


def test_a_monthly_general_rule_saved_here_puts_the_household_on_the_roster(
        qtbot, gk: GridKeeper, tmp_path: Path) -> None:  # noqa: ANN001
    gk.register.save_household(household("A001"))
    from gridkeeper.domain.enums import VisitMethod, VisitOutcome
    from gridkeeper.domain.visits import VisitDraft

    gk.visits.record_visit(VisitDraft(visit_date=date(2026, 10, 28), method=VisitMethod.HOME,
                                      outcome=VisitOutcome.MET, team=("王芳",), household_code="A001"),
                           today=date(2026, 10, 28))
    week, today = span_of(Period.WEEK, date(2026, 11, 30)), date(2026, 11, 30)
    assert not gk.roster.roster(week, as_of=today).rows
    page = page_for(qtbot, gk, tmp_path)
    assert not page.save_button.isEnabled()  # nothing changed yet
    r = row_of(page, "general")
    period = page.categories.cellWidget(r, page.categories.column_of("period"))
    period.setCurrentIndex(period.findData("month"))
    page.categories.item(r, page.categories.column_of("visits")).setText("1")
    methods = page.categories.cellWidget(r, page.categories.column_of("methods"))
    assert isinstance(methods, MethodsButton)
    next(a for a in methods.menu().actions() if a.data() == "phone").setChecked(True)
    assert page.save_button.isEnabled() and page.revert_button.isEnabled()
    assert save(page), page.message.text()
    assert [(x.code, x.visits, x.period, x.methods) for x in gk.settings.snapshot().categories
            if x.code == "general"] == [("general", 1, "month", "home,phone")]
    assert [(row.household_code, row.reason) for row in gk.roster.roster(week, as_of=today).rows] == [
        ("A001", "due")]
    assert not page.save_button.isEnabled()  # saved: nothing is pending any more


def test_a_bad_colour_is_shown_at_its_cell_and_nothing_is_saved(
        qtbot, gk: GridKeeper, tmp_path: Path) -> None:  # noqa: ANN001
    page = page_for(qtbot, gk, tmp_path)
    r = row_of(page, "disabled")
    page.categories.item(r, page.categories.column_of("name_zh")).setText("残疾人")
    page.categories.item(r, page.categories.column_of("colour")).setText("red")
    assert save(page) is False
    assert "颜色" in page.message.text()
    colour = page.categories.column_of("colour")
    assert (page.categories.currentRow(), page.categories.currentColumn()) == (r, colour)
    assert page.tabs.currentIndex() == 0
    assert page.categories.item(r, colour).background().color() == QColor("#ffcdd2")  # highlighted
    assert "颜色" in page.categories.item(r, colour).toolTip()
    assert page.save_button.isEnabled()  # the edits are kept to be put right
    page.revert_button.click()
    assert page.message.text() == "" and page.categories.item(r, colour).text() == "#1976D2"
    names = {c.code: c.name_zh for c in gk.settings.snapshot().categories}
    assert names["disabled"] == "残疾"  # the good change in the same save was not written either


def test_office_options_are_saved_with_the_rest(qtbot, gk: GridKeeper, tmp_path: Path) -> None:  # noqa: ANN001
    page = page_for(qtbot, gk, tmp_path)
    page.mask_box.setChecked(False)
    page.idle_box.setValue(5)
    page.workers.add(WorkerDraft(name=""))  # the 新增工作人员 button's empty row
    page.workers.item(page.workers.rowCount() - 1, 0).setText("赵敏")
    assert save(page), page.message.text()
    snap = gk.settings.snapshot()
    assert snap.values[MASK_KEY] == "0" and "赵敏" in [w.name for w in snap.workers]
    assert gk.accounts.idle_minutes() == 5  # the idle lock reads the office's choice


def test_a_colour_is_chosen_in_the_colour_dialog(qtbot, gk: GridKeeper, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(QColorDialog, "getColor", staticmethod(lambda *_a, **_k: QColor("#123456")))
    page = page_for(qtbot, gk, tmp_path)
    r, colour = row_of(page, "disabled"), page.categories.column_of("colour")
    page.categories.activated.emit(page.categories.model().index(r, colour))  # double-click or Enter
    assert page.categories.item(r, colour).text() == "#123456"
    assert page.categories.item(r, colour).background().color() == QColor("#123456")
    assert save(page), page.message.text()
    assert {c.code: c.colour for c in gk.settings.snapshot().categories}["disabled"] == "#123456"


def test_save_and_revert_follow_whether_anything_differs(qtbot, gk: GridKeeper, tmp_path: Path) -> None:  # noqa: ANN001
    page = page_for(qtbot, gk, tmp_path)
    item = page.categories.item(row_of(page, "disabled"), page.categories.column_of("name_zh"))
    item.setText("残疾人")
    assert page.save_button.isEnabled() and page.revert_button.isEnabled()
    item.setText("残疾")  # typed back as it was
    assert not page.save_button.isEnabled() and not page.revert_button.isEnabled()
    page.interval_box.setValue(60)
    assert page.save_button.isEnabled()
    page.revert_button.click()
    assert page.interval_box.value() == 30 and not page.save_button.isEnabled()


def test_a_bad_office_value_is_shown_on_its_tab(qtbot, gk: GridKeeper, tmp_path: Path) -> None:  # noqa: ANN001
    page = page_for(qtbot, gk, tmp_path)
    page.folder_edit.setText("relative/backups")
    page.folder_edit.textEdited.emit("relative/backups")
    assert save(page) is False
    assert page.tabs.currentIndex() == 2 and "#ffcdd2" in page.folder_edit.styleSheet()
    assert "备份文件夹" in page.message.text()
    assert gk.settings.snapshot().values[BACKUP_FOLDER_KEY] == ""


def test_the_language_is_this_pcs_choice_for_the_next_start(qtbot, gk: GridKeeper, tmp_path: Path) -> None:  # noqa: ANN001
    page = page_for(qtbot, gk.acting_as(Actor("li", Role.STAFF)), tmp_path)
    page.language_box.setCurrentIndex(page.language_box.findData("en"))
    assert page.context.settings.value(LANGUAGE_KEY) == "en"  # run_gui reads it at start


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.GRID_LEADER, Role.STAFF])
def test_only_an_administrator_edits(qtbot, gk: GridKeeper, tmp_path: Path, role: Role) -> None:  # noqa: ANN001
    page = page_for(qtbot, gk.acting_as(Actor("li", role)), tmp_path)
    assert page.read_only_note.isVisibleTo(page) and not page.save_button.isEnabled()
    assert "管理员" in page.read_only_note.text()
    for table in (page.categories, page.grids, page.workers):
        assert table.editTriggers() == table.EditTrigger.NoEditTriggers
    r = row_of(page, "general")
    for attr in ("period", "methods"):
        assert not page.categories.cellWidget(r, page.categories.column_of(attr)).isEnabled()
    active = page.categories.item(r, page.categories.column_of("active"))
    assert not active.flags() & active.flags().ItemIsUserCheckable
    assert not page.mask_box.isEnabled()
    assert page.save() is False


def test_each_grid_shows_its_leader_and_another_worker_chosen_is_saved(
        qtbot, gk: GridKeeper, tmp_path: Path) -> None:  # noqa: ANN001
    gk.register.save_household(household("A001", grid="一网格"))
    gk.register.save_household(household("B001", grid="二网格"))
    gk.settings.save(workers=[WorkerDraft(name=n) for n in ("王芳", "李强", "张敏")])
    workers = {w.name: w.id for w in gk.settings.snapshot().workers}
    grids = {g.name: g for g in gk.settings.snapshot().grids}
    gk.settings.save(grids=[replace(grids["一网格"], leader_id=workers["李强"])])
    page = page_for(qtbot, gk, tmp_path)
    leader = page.grids.column_of("leader_id")
    name = page.grids.column_of("name")
    rows = {page.grids.item(r, name).text(): r for r in range(page.grids.rowCount())}
    # every cell shows its grid's leader, and its box lists no one and then every worker
    assert page.grids.item(rows["一网格"], leader).text() == "李强"
    assert page.grids.item(rows["二网格"], leader).text() == "—"
    assert not page.unsaved_work()
    for row in rows.values():
        box = leader_box(qtbot, page.grids, row)
        assert [box.itemText(i) for i in range(box.count())] == ["—", "张敏", "李强", "王芳"]
        assert box.currentText() == page.grids.item(row, leader).text()
        qtbot.keyClick(box, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: page.grids.indexWidget(page.grids.currentIndex()) is None)
    assert page.grids.item(rows["一网格"], leader).text() == "李强"
    assert not page.unsaved_work()  # opening a list is no change
    choose_leader(qtbot, page.grids, rows["二网格"], "张敏")
    choose_leader(qtbot, page.grids, rows["一网格"], "—")
    assert page.grids.item(rows["二网格"], leader).text() == "张敏"
    assert page.unsaved_work()
    assert save(page), page.message.text()
    saved = {g.name: g.leader_id for g in gk.settings.snapshot().grids}
    assert saved["二网格"] == workers["张敏"] and saved["一网格"] is None
    rows = {page.grids.item(r, name).text(): r for r in range(page.grids.rowCount())}
    assert page.grids.item(rows["二网格"], leader).text() == "张敏"  # shown as saved


def test_choosing_the_same_leader_again_is_no_change(qtbot, gk: GridKeeper, tmp_path: Path) -> None:  # noqa: ANN001
    gk.register.save_household(household("A001", grid="一网格"))
    gk.settings.save(workers=[WorkerDraft(name=n) for n in ("王芳", "李强")])
    page = page_for(qtbot, gk, tmp_path)
    choose_leader(qtbot, page.grids, 0, "—")
    assert not page.unsaved_work()
    choose_leader(qtbot, page.grids, 0, "王芳")
    choose_leader(qtbot, page.grids, 0, "—")
    assert not page.unsaved_work()  # back to what was loaded


def test_a_header_click_sorts_a_table_without_changing_what_is_saved(
        qtbot, gk: GridKeeper, tmp_path: Path) -> None:  # noqa: ANN001
    page = page_for(qtbot, gk, tmp_path)
    table = page.categories
    code = table.column_of("code")
    loaded = [table.item(r, code).text() for r in range(table.rowCount())]
    table.horizontalHeader().sectionClicked.emit(code)
    table.horizontalHeader().sectionClicked.emit(code)  # twice: descending
    shown = [table.item(r, code).text() for r in range(table.rowCount())]
    assert shown == sorted(loaded, reverse=True) != loaded
    assert not page.unsaved_work() and not page.save_button.isEnabled()  # a sort is not an edit
    r = row_of(page, "disabled")
    page.categories.item(r, page.categories.column_of("colour")).setText("red")
    assert save(page) is False  # the bad value is marked where it is shown now
    assert page.categories.currentRow() == r and "颜色" in page.categories.item(r, page.categories.column_of(
        "colour")).toolTip()
